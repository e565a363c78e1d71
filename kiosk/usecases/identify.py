"""Identify a resident: an ID card (GA/T 467), a social security card (PC/SC), or an
e-license QR code the platform decodes.

Readers are managed devices (:class:`kiosk.devices.manager.ManagedDevice`): a read is a job on
the device's own worker, so a health probe and a read never share the line. Every outcome a
resident can cause — no card, a card pulled out mid-read, an expired card, a refused code — is a
value of :class:`IdentityRead`, never an exception.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import dataclass
from typing import Any

from kiosk.devices.health import Ready, Unavailable, health_of
from kiosk.domain.checks import citizen_id_gender, is_valid_citizen_id
from kiosk.domain.records import Applicant
from kiosk.identity.codes import ethnicity_text
from kiosk.ports import identity as idp
from kiosk.ports import platform as pp
from kiosk.usecases.results import Channel, OneTimePin, ReadKind


@dataclass(frozen=True)
class ProvedIdentity:
    """Who the resident proved to be: the applicant record plus what only the card says.

    Personal data, held by the application API for one session; its ``repr`` shows none.
    """

    applicant: Applicant
    ethnicity: str | None = None
    valid_to: str | None = None
    english_name: str | None = None
    """A foreign permanent resident's name in Latin letters, as the card prints it."""
    registered_address: str | None = None
    """The address the card registers the holder at now: the appended address (追加住址,
    after a move) where the card has one, else the printed address."""
    token: pp.IdentityToken | None = None
    """For a QR identification: the platform's token (cites e-licenses without a new claim)."""

    def __repr__(self) -> str:
        return f"ProvedIdentity(channel={self.applicant.id_channel!r}, …)"


@dataclass(frozen=True)
class IdentityRead:
    kind: ReadKind
    identity: ProvedIdentity | None = None
    reason: str = ""
    """Machine reason (``pulled``, ``checksum``, ``pin_wrong``, ``pin_blocked``, ``qr_refused``
    …)."""
    tries_left: int | None = None
    """``pin_required``: the PIN tries the card has left (None when the card does not say)."""


def _unavailable_card(status: Any) -> idp.CardError:
    return idp.CardError("unavailable", meaning=str(status))


def _from_card_error(res: idp.CardError) -> IdentityRead:
    if res.kind in ("unavailable", "disconnected"):
        return IdentityRead("unavailable", reason=res.kind)
    return IdentityRead("card_error", reason=res.kind)


def _date(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _proved(identity: ProvedIdentity, expired: bool) -> IdentityRead:
    return IdentityRead("expired" if expired else "ok", identity)


def identity_from_card(card: Any, channel: Channel = "id_card") -> ProvedIdentity:
    """An ID card's record (any of the four card types) as the session's identity."""
    return ProvedIdentity(
        Applicant(
            name=card.name,
            id_number=card.id_number,
            card_type=card.card_type,
            id_channel=channel,
            gender=card.gender,
            birth_date=_date(card.birth_date),
            address=card.address,
        ),
        ethnicity=ethnicity_text(card.ethnicity) or card.ethnicity or None,
        valid_to=_date(card.valid_to),
        english_name=card.english_name or None,
        registered_address=getattr(card, "appended_address", None) or card.address or None,
    )


def identity_from_ssc(card: Any) -> ProvedIdentity:
    return ProvedIdentity(
        Applicant(
            name=card.name,
            id_number=card.id_number,
            card_type="resident",
            id_channel="ssc",
            gender=card.gender,
            birth_date=_date(card.birth_date),
        ),
        ethnicity=ethnicity_text(card.ethnicity) if card.ethnicity else None,
        valid_to=_date(card.expiry_date),
    )


def identity_from_token(tok: pp.IdentityToken) -> ProvedIdentity:
    """The applicant the platform decoded from a QR code. An older platform answers only the
    masked name: then the identity has no ID number and the form asks for it."""
    h = tok.holder
    if h is None:
        return ProvedIdentity(
            Applicant(name=tok.name_masked, id_number="", id_channel="qr"), token=tok
        )
    valid = is_valid_citizen_id(h.id_number)
    return ProvedIdentity(
        Applicant(
            name=h.name,
            id_number=h.id_number,
            card_type=h.card_type or "resident",
            id_channel="qr",
            gender=citizen_id_gender(h.id_number) if valid else None,
            birth_date=(
                f"{h.id_number[6:10]}-{h.id_number[10:12]}-{h.id_number[12:14]}" if valid else None
            ),
            holder_token=tok.token,
        ),
        token=tok,
    )


def read_id_card(reader: Any, cancel: threading.Event, timeout_s: float) -> IdentityRead:
    if reader is None:
        return IdentityRead("unavailable")
    res = reader.call(
        lambda r: r.wait_for_card(timeout_s, cancel=cancel), unavailable=_unavailable_card
    )
    if cancel.is_set():
        return IdentityRead("cancelled")
    match res:
        case idp.CardPresent(card):
            return _proved(identity_from_card(card), bool(card.expired()))
        case idp.NoCard():
            return IdentityRead("no_card")
        case idp.CardRemoved():
            return IdentityRead("card_error", reason="pulled")
        case idp.CardError():
            return _from_card_error(res)
    return IdentityRead("card_error", reason="unexpected")


def read_ssc(
    reader: Any, cancel: threading.Event, timeout_s: float, pin: OneTimePin | None = None
) -> IdentityRead:
    """Wait for a social security card and read it.

    A card that wants its PIN gives ``pin_required`` (with the tries left). Read again with the
    PIN the resident typed: it is sent at most once, only to a card in the reader that asks for
    it, and wiped whatever happens (taken for the one VERIFY, or dropped unused when the read
    is cancelled or no card comes). A wrong PIN gives ``pin_required`` again with reason
    ``pin_wrong`` and the tries left; a blocked card is ``card_error`` ``pin_blocked``. Nothing
    here ever sends a PIN a second time: every try is the resident's own entry.
    """
    if reader is None:
        if pin is not None:
            pin.wipe()
        return IdentityRead("unavailable")
    deadline = time.monotonic() + timeout_s

    def read(r: Any) -> Any:
        if pin is None:
            return r.read_card()
        digits = pin.take()
        if digits is None:  # already used: never send a PIN twice (the card asks again)
            return r.read_card()
        try:
            return r.read_card(pin=digits)
        finally:
            del digits  # the only reference to the PIN's text goes with the read

    def job(r: Any) -> Any:
        while not cancel.is_set():
            st = r.status()
            if isinstance(st, Ready):  # a card is in the reader
                return read(r)
            if isinstance(health_of(st), Unavailable):
                return _unavailable_card(st)
            left = deadline - time.monotonic()
            if left <= 0:
                return idp.NoCard()
            r.wait_for_change(min(1.0, left))
        return idp.NoCard()

    try:
        res = reader.call(job, unavailable=_unavailable_card)
    finally:
        if pin is not None:
            pin.wipe()
    if cancel.is_set():
        return IdentityRead("cancelled")
    match res:
        case idp.SscPresent(card):
            return _proved(identity_from_ssc(card), bool(card.expired()))
        case idp.NoCard():
            return IdentityRead("no_card")
        case idp.CardRemoved():
            return IdentityRead("card_error", reason="pulled")
        case idp.PinRequired(tries_left=tries):
            return IdentityRead("pin_required", tries_left=tries)
        case idp.CardError(kind="pin_wrong", tries_left=tries):
            if tries == 0:
                return IdentityRead("card_error", reason="pin_blocked")
            return IdentityRead("pin_required", reason="pin_wrong", tries_left=tries)
        case idp.CardError(kind="pin_blocked"):
            return IdentityRead("card_error", reason="pin_blocked")
        case idp.CardError():
            return _from_card_error(res)
    return IdentityRead("card_error", reason="unexpected")


def read_code(reader: Any, cancel: threading.Event, timeout_s: float) -> str | None:
    """The next QR payload from the code reader, or None (nothing before the deadline)."""
    if reader is None:
        return None
    deadline = time.monotonic() + timeout_s

    def job(r: Any) -> Any:
        while not cancel.is_set():
            left = deadline - time.monotonic()
            if left <= 0:
                return idp.NoCode()
            res = r.wait_for_code(min(0.5, left))
            if not isinstance(res, idp.NoCode):
                return res
        return idp.NoCode()

    res = reader.call(job, unavailable=lambda st: idp.CodeError("unavailable", str(st)))
    return res.text if isinstance(res, idp.CodeScanned) else None


def read_qr_identity(
    reader: Any, platform: pp.Platform | None, cancel: threading.Event, timeout_s: float
) -> IdentityRead:
    payload = read_code(reader, cancel, timeout_s)
    if cancel.is_set():
        return IdentityRead("cancelled")
    if payload is None:
        return IdentityRead("no_card")
    if platform is None:
        return IdentityRead("unavailable", reason="offline")
    claim = pp.IdentityClaim(
        card_type="resident", id_number="", name="", valid_to=None, channel="qr", qr_payload=payload
    )
    r = platform.verify_identity(claim)
    if not isinstance(r, pp.Ok):
        kind: ReadKind = "unavailable" if isinstance(r, pp.Unreachable) else "card_error"
        return IdentityRead(kind, reason="qr_refused")
    return IdentityRead("ok", identity_from_token(r.data))
