"""The technician card: who may open maintenance mode, proved by a key, never by an identifier.

A technician card is a PC/SC smart card with an applet of its own (:data:`AID`). It holds a
small X.509 certificate (EC P-256, issued by the technician CA that ``[maintenance]
technician_ca`` names) and the matching private key, which never leaves the card. To enter,
the terminal picks a fresh random challenge (:func:`new_challenge`), the card signs it
(INTERNAL AUTHENTICATE), and :func:`verify_card` accepts the card only if

1. the certificate was issued by the configured CA (name and signature),
2. the certificate and the CA are within their validity at this moment, the certificate is
   not itself a CA and may sign (key usage ``digitalSignature``), and
3. the signature over this challenge verifies with the certificate's key.

A copied certificate (or a card's serial number, or anything else a copy would reproduce)
fails step 3: only the key answers a challenge it has never seen. The card signs
``SIGNING_CONTEXT + challenge``, never the terminal's bytes alone, so the card cannot be used
to sign anything else.

Pure: the certificate, the challenge and the signature come in as bytes (the driver,
``drivers/techcard``, reads them); no device, store or clock of its own (``now`` is given).
The device port's answers are defined here too, so a driver can return them.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from kiosk.frozen import frozen_record

AID = bytes.fromhex("F0000042494D5445434831")
"""The technician applet's AID: a proprietary RID (``F0``) + ``BIMTECH1``."""
SIGNING_CONTEXT = b"BIANMIN-TECHNICIAN-CARD-AUTH-V1\x00"
"""Prefixed to the challenge before the card signs it (domain separation)."""
CHALLENGE_BYTES = 32


def new_challenge() -> bytes:
    """A terminal-chosen challenge, never used twice (32 random bytes)."""
    import secrets  # here: hashlib and hmac are not needed before the first frame

    return secrets.token_bytes(CHALLENGE_BYTES)


def signed_message(challenge: bytes) -> bytes:
    """What the card signs for ``challenge``."""
    return SIGNING_CONTEXT + challenge


# ------------------------------------------------------------------ the port's answers
@frozen_record
class TechCardAnswer:
    """The card answered: its certificate (DER) and its signature over the challenge."""

    certificate: bytes
    signature: bytes

    def __repr__(self) -> str:
        return f"TechCardAnswer(certificate={len(self.certificate)} bytes, …)"


@frozen_record
class NotTechnicianCard:
    """A card is there but it is not a technician card (a social security card, a bank card,
    a resident ID card on the ID reader): ``what`` says which, with no data from it."""

    what: Literal["ssc", "id_card", "unknown"] = "unknown"


# ------------------------------------------------------------------ verification results
@frozen_record
class Technician:
    """A technician card that proved its key."""

    name: str
    card_id: str
    """The certificate's serial number, as hex (what the audit log names)."""


@frozen_record
class Untrusted:
    """A card that answered like a technician card but is not trusted; ``reason`` is one line
    for the audit log (``not issued by the technician CA``, ``expired`` …)."""

    reason: str
    card_id: str = ""


Verdict = Technician | Untrusted


class CaError(ValueError):
    """The configured technician CA cannot be used (missing, unreadable, not a CA)."""


def load_ca(path: str | Path) -> object:
    """The technician CA certificate (PEM or DER) at ``path``; :class:`CaError` otherwise."""
    from cryptography import x509

    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise CaError(f"technician CA {p}: cannot read ({exc.strerror})") from None
    try:
        cert = (
            x509.load_pem_x509_certificate(data)
            if data.lstrip().startswith(b"-----")
            else x509.load_der_x509_certificate(data)
        )
    except ValueError:
        raise CaError(f"technician CA {p}: not an X.509 certificate") from None
    if not _is_ca(cert):
        raise CaError(f"technician CA {p}: the certificate is not a CA (basicConstraints)")
    return cert


def _is_ca(cert: object) -> bool:
    from cryptography import x509

    try:
        bc = cert.extensions.get_extension_for_class(x509.BasicConstraints).value  # type: ignore[attr-defined]
    except x509.ExtensionNotFound:
        return False
    return bool(bc.ca)


def _card_id(cert: object) -> str:
    return f"{cert.serial_number:X}"  # type: ignore[attr-defined]


def _name(cert: object) -> str:
    from cryptography.x509.oid import NameOID

    attrs = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)  # type: ignore[attr-defined]
    return str(attrs[0].value) if attrs else ""


def verify_card(answer: TechCardAnswer, challenge: bytes, ca: object, now: dt.datetime) -> Verdict:
    """Whether ``answer`` proves a technician card of ``ca`` for this ``challenge`` at ``now``
    (timezone-aware). Every failure is an :class:`Untrusted` with its reason, never an
    exception."""
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    if len(challenge) != CHALLENGE_BYTES:
        return Untrusted("bad challenge")
    try:
        cert = x509.load_der_x509_certificate(answer.certificate)
    except ValueError:
        return Untrusted("the card's certificate is unreadable")
    card_id = _card_id(cert)
    try:
        cert.verify_directly_issued_by(ca)  # type: ignore[arg-type]
    except (ValueError, TypeError, InvalidSignature):
        return Untrusted("not issued by the technician CA", card_id)
    for who, c in (("the card's certificate", cert), ("the technician CA", ca)):
        if not c.not_valid_before_utc <= now <= c.not_valid_after_utc:  # type: ignore[attr-defined]
            when = "not yet valid" if now < c.not_valid_before_utc else "expired"  # type: ignore[attr-defined]
            return Untrusted(f"{who} is {when}", card_id)
    if _is_ca(cert):
        return Untrusted("the card's certificate is a CA certificate", card_id)
    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
        if not usage.digital_signature:
            return Untrusted("the card's key may not sign", card_id)
    except x509.ExtensionNotFound:
        pass
    key = cert.public_key()
    if not isinstance(key, ec.EllipticCurvePublicKey):
        return Untrusted("the card's key is not an EC key", card_id)
    try:
        key.verify(answer.signature, signed_message(challenge), ec.ECDSA(hashes.SHA256()))
    except (InvalidSignature, ValueError):
        return Untrusted("the card could not prove it holds the certificate's key", card_id)
    name = _name(cert)
    if not name:
        return Untrusted("the card's certificate names nobody", card_id)
    return Technician(name, card_id)


# ------------------------------------------------------------------ the application's outcome
TechnicianKind = Literal["ok", "not_technician", "untrusted", "no_card", "reader_error"]


@frozen_record
class TechnicianOutcome:
    """How presenting a card for maintenance went.

    ``ok``: ``name`` and ``card_id`` of the technician; ``not_technician``: a resident's card
    (``reason`` says which kind: ``ssc``, ``id_card``, ``unknown``); ``untrusted``: a card that
    answered but failed verification (``reason``); ``no_card``: nothing before the deadline
    (or cancelled); ``reader_error``: no reader, no pcscd, a card pulled mid-answer, or no
    technician CA configured (``reason``).
    """

    kind: TechnicianKind
    name: str = ""
    card_id: str = ""
    reason: str = ""

    @classmethod
    def ok(cls, name: str, card_id: str) -> TechnicianOutcome:
        return cls("ok", name=name, card_id=card_id)

    @classmethod
    def not_technician(cls, what: str = "unknown") -> TechnicianOutcome:
        return cls("not_technician", reason=what)

    @classmethod
    def untrusted(cls, reason: str, card_id: str = "") -> TechnicianOutcome:
        return cls("untrusted", card_id=card_id, reason=reason)

    @classmethod
    def no_card(cls) -> TechnicianOutcome:
        return cls("no_card")

    @classmethod
    def reader_error(cls, reason: str) -> TechnicianOutcome:
        return cls("reader_error", reason=reason)


# ------------------------------------------------------------------ presenting a card
class CardGate:
    """Which reader still holds a card that was already answered for.

    A card that stays in the slot (or on the ID reader) after its answer is not read again
    until it has been taken away: a resident's card left in while the attract screen waits for
    a technician gives one ``not_technician`` (one audit entry), not one per wait, and a
    technician's card still in after leaving maintenance mode does not re-enter by itself.
    """

    def __init__(self) -> None:
        self.slot_token: int | None = None
        """The slot's card-event count when its card was answered for (None: nothing held);
        a card taken out and put back (or another card) has a new count."""
        self.id_held = False


def enter_by_card(
    pcsc: Any,
    id_reader: Any,
    ca_path: str | None,
    cancel: threading.Event,
    timeout_s: float,
    now: Callable[[], dt.datetime],
    gate: CardGate | None = None,
) -> TechnicianOutcome:
    """Wait up to ``timeout_s`` for a card and decide whether it is a technician's.

    ``pcsc`` is the managed PC/SC reader (the social security card slot): the card in it is
    asked to sign a fresh challenge and :func:`verify_card` decides. ``id_reader`` (may be
    None) is watched at the same time: a resident ID card put on it is ``not_technician`` (its
    data is dropped unread by anyone). The first card to show decides; ``cancel`` ends the
    wait (``no_card``). ``gate`` (kept by the caller between calls) skips cards already
    answered for until they are removed.
    """
    gate = gate or CardGate()
    if not ca_path:
        return TechnicianOutcome.reader_error("no technician CA configured")
    try:
        ca = load_ca(ca_path)
    except CaError as exc:
        return TechnicianOutcome.reader_error(str(exc))
    if pcsc is None:
        return TechnicianOutcome.reader_error("no PC/SC reader")
    from concurrent.futures import FIRST_COMPLETED, wait

    from kiosk.devices.health import Ready, Unavailable, health_of
    from kiosk.ports import identity as idp

    stop = threading.Event()
    slot_token: list[int | None] = [None]
    challenge = new_challenge()
    deadline = time.monotonic() + timeout_s

    def pcsc_job(r: Any) -> Any:
        while not stop.is_set():
            st = r.status()
            if isinstance(st, Ready):  # a card is in the slot
                token = r.card_token()
                if token is None or token != gate.slot_token:  # not the one answered for
                    slot_token[0] = token
                    return r.technician_auth(challenge)
            elif isinstance(health_of(st), Unavailable):
                return idp.CardError("unavailable", meaning=str(st))
            left = deadline - time.monotonic()
            if left <= 0:
                return idp.NoCard()
            r.wait_for_change(min(0.5, left))
        return idp.NoCard()

    def id_job(r: Any) -> Any:
        while gate.id_held:  # the card answered for is still on the reader: wait till it goes
            if stop.is_set() or time.monotonic() >= deadline:
                return idp.NoCard()
            if isinstance(r.read_card(), idp.NoCard):
                gate.id_held = False
            else:
                stop.wait(0.3)
        return r.wait_for_card(max(0.0, deadline - time.monotonic()), cancel=stop)

    pcsc_f = pcsc.submit(
        pcsc_job, unavailable=lambda st: idp.CardError("unavailable", meaning=str(st))
    )
    pending = {pcsc_f}
    if id_reader is not None:
        pending.add(id_reader.submit(id_job, unavailable=lambda st: idp.NoCard()))
    outcome: TechnicianOutcome | None = None
    try:
        while pending and outcome is None:
            done, pending = wait(pending, timeout=0.1, return_when=FIRST_COMPLETED)
            if cancel.is_set():
                stop.set()
            for f in done:
                res = f.result()
                if f is not pcsc_f:
                    if isinstance(res, idp.CardPresent):
                        gate.id_held = True
                        outcome = TechnicianOutcome.not_technician("id_card")
                    continue
                outcome = _outcome(res, challenge, ca, now)
                if outcome.kind in ("ok", "not_technician", "untrusted"):
                    gate.slot_token = slot_token[0]
    finally:
        stop.set()  # the other reader stops waiting (its worker is free again within ~0.5 s)
    if cancel.is_set() or outcome is None:
        return TechnicianOutcome.no_card()
    return outcome


def _outcome(
    res: Any, challenge: bytes, ca: object, now: Callable[[], dt.datetime]
) -> TechnicianOutcome:
    from kiosk.ports import identity as idp

    if isinstance(res, TechCardAnswer):
        verdict = verify_card(res, challenge, ca, now())
        if isinstance(verdict, Technician):
            return TechnicianOutcome.ok(verdict.name, verdict.card_id)
        return TechnicianOutcome.untrusted(verdict.reason, verdict.card_id)
    if isinstance(res, NotTechnicianCard):
        return TechnicianOutcome.not_technician(res.what)
    if isinstance(res, idp.NoCard):
        return TechnicianOutcome.no_card()
    if isinstance(res, idp.CardRemoved):
        return TechnicianOutcome.reader_error("card removed")
    if isinstance(res, idp.CardError):
        return TechnicianOutcome.reader_error(f"{res.kind}: {res.meaning}".strip(": "))
    return TechnicianOutcome.reader_error("unexpected answer")
