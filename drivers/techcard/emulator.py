"""A technician card for vpcd: the applet, answering APDUs (pure; the vpcd link is
:class:`drivers.ssc.emulator.SscEmulator`, which serves whichever card is in the slot).

Card file (``assets/cards/technician*.json``, made by ``tools/issue_technician_card.py``)::

    {"type": "technician", "name": "…", "certificate_pem": "…", "private_key_pem": "…"}

``private_key_pem`` is emulator-only: on a real card the key is generated on the card and never
leaves it. A file whose key does not match its certificate is a copied certificate: it answers
every APDU like the real card, but its signatures do not verify.
"""

from __future__ import annotations

from typing import Any

from drivers.ssc import apdu as A
from drivers.techcard import apdu as T
from kiosk.maintenance.techcard import AID, signed_message

CARD_KEYS = {"type", "name", "certificate_pem", "private_key_pem"}


def is_technician_file(data: Any) -> bool:
    return isinstance(data, dict) and data.get("type") == "technician"


class TechnicianApplet:
    """The card's applet: SELECT, GET DATA (certificate), INTERNAL AUTHENTICATE."""

    def __init__(self, certificate_der: bytes, private_key: Any) -> None:
        self.certificate = certificate_der
        self.key = private_key
        self.signatures = 0
        self.reset()

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TechnicianApplet:
        from cryptography import x509
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import ec

        unknown = sorted(set(data) - CARD_KEYS)
        if unknown:
            raise ValueError(f"technician card: unknown key(s): {', '.join(unknown)}")
        for k in ("certificate_pem", "private_key_pem"):
            if not isinstance(data.get(k), str):
                raise ValueError(f"technician card: {k}: required (a PEM string)")
        try:
            cert = x509.load_pem_x509_certificate(data["certificate_pem"].encode())
        except ValueError:
            raise ValueError("technician card: certificate_pem: not a PEM certificate") from None
        try:
            key = serialization.load_pem_private_key(data["private_key_pem"].encode(), None)
        except (ValueError, TypeError):
            raise ValueError(
                "technician card: private_key_pem: not an unencrypted PEM key"
            ) from None
        if not isinstance(key, ec.EllipticCurvePrivateKey):
            raise ValueError("technician card: private_key_pem: expected an EC key")
        return cls(cert.public_bytes(serialization.Encoding.DER), key)

    def reset(self) -> None:
        self.selected = False
        self.pending = b""

    def _respond(self, data: bytes) -> bytes:
        """T=0 style: say how much is waiting; GET RESPONSE fetches it."""
        self.pending = data
        return bytes([0x61, min(len(data), 256) & 0xFF])

    def answer(self, apdu: bytes) -> bytes:
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import ec

        if len(apdu) < 4:
            return b"\x67\x00"
        _, ins, p1, p2 = apdu[:4]
        body = apdu[4:]
        if ins == 0xA4:  # SELECT
            lc = body[0] if body else 0
            if p1 == 0x04 and body[1 : 1 + lc] == AID:
                self.selected, self.pending = True, b""
                return b"\x90\x00"
            self.selected = False
            return b"\x6a\x82"
        if ins == 0xC0:  # GET RESPONSE
            answer, self.pending = A.card_get_response(self.pending, body)
            return answer
        if not self.selected:
            return b"\x69\x85"  # conditions of use not satisfied: select the applet first
        if ins == 0xCA:  # GET DATA
            if (p1, p2) != T.CERT_TAG:
                return b"\x6a\x88"
            return self._respond(self.certificate)
        if ins == T.INS_INTERNAL_AUTHENTICATE:
            lc = body[0] if body else 0
            challenge = body[1 : 1 + lc]
            if lc == 0 or len(challenge) != lc:
                return b"\x67\x00"
            self.signatures += 1
            sig = self.key.sign(signed_message(challenge), ec.ECDSA(hashes.SHA256()))
            return self._respond(sig)
        return b"\x6d\x00"


__all__ = ["TechnicianApplet", "is_technician_file"]
