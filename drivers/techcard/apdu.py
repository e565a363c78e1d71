"""The technician applet's APDUs (pure; shared by the driver and the emulator).

- SELECT by AID ``00 A4 04 00 Lc AID`` (:data:`kiosk.maintenance.techcard.AID`).
- GET DATA, the card's certificate: ``00 CA 7F 21 00`` (tag 7F21, "cardholder certificate").
  The certificate is longer than one short answer: the card says ``61xx`` and the terminal
  fetches it with GET RESPONSE (``drivers.ssc.apdu.transmit`` follows the chain).
- INTERNAL AUTHENTICATE ``00 88 00 00 20 <32-byte challenge> 00``: the card signs
  ``SIGNING_CONTEXT + challenge`` with ECDSA P-256 / SHA-256 (DER signature), again through
  ``61xx``.
"""

from __future__ import annotations

from kiosk.maintenance.techcard import AID

SELECT_TECH = bytes([0x00, 0xA4, 0x04, 0x00, len(AID)]) + AID
CERT_TAG = (0x7F, 0x21)
GET_CERTIFICATE = bytes([0x00, 0xCA, *CERT_TAG, 0x00])
INS_INTERNAL_AUTHENTICATE = 0x88


def internal_authenticate(challenge: bytes) -> bytes:
    if not 1 <= len(challenge) <= 255:
        raise ValueError("a challenge is 1 to 255 bytes")
    return (
        bytes([0x00, INS_INTERNAL_AUTHENTICATE, 0x00, 0x00, len(challenge)]) + challenge + b"\x00"
    )
