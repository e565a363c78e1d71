"""Ports of the identity devices: ID card reader, social security card, QR/barcode reader.

Results and statuses are tagged unions of frozen dataclasses. A driver returns one of them for
everything a device (or a resident) can do — a card pulled out mid-read, a bad checksum, a SAM
error, a port that vanished — and raises only for programming errors.

Use them with ``match``::

    match reader.read_card():
        case CardPresent(card): ...
        case NoCard() | CardRemoved(): ...
        case CardError(kind, code, meaning): ...
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Protocol, runtime_checkable

from kiosk.devices.health import Busy, Disconnected, Ready, Unavailable
from kiosk.identity.card import IdentityCard
from kiosk.identity.ssc import SocialSecurityCard

__all__ = [
    "Busy", "CardError", "CardErrorKind", "CardPresent", "CardRead", "CardRemoved",
    "CodeError", "CodeReader", "CodeScan", "CodeScanned", "Disconnected", "IdCardReader",
    "NoCard", "NoCode", "PinRequired", "Ready", "ReaderStatus", "SocialSecurityReader",
    "SscPresent", "SscRead", "Unavailable",
]  # fmt: skip


# ------------------------------------------------------------------------- results
@dataclass(frozen=True)
class CardPresent:
    card: IdentityCard


@dataclass(frozen=True)
class SscPresent:
    card: SocialSecurityCard


@dataclass(frozen=True)
class NoCard:
    """No card on the reader (normal while waiting)."""


@dataclass(frozen=True)
class CardRemoved:
    """The card left the reader during the read: start a new read, never resume."""


CardErrorKind = Literal[
    "checksum",  # a response still failed its XOR after one retry
    "sam",  # the SAM (or the smart card) answered an error status: see code/meaning
    "timeout",  # the device did not answer in time
    "disconnected",  # the port/reader went away
    "invalid_data",  # the card's data does not decode
    "pin_wrong",  # a PIN was refused; ``tries_left`` says how many remain
    "pin_blocked",  # no PIN tries left: the card must be unblocked at a service counter
    "unavailable",  # the device is absent (no port, no pcscd)
]


@dataclass(frozen=True)
class CardError:
    kind: CardErrorKind
    code: str | None = None
    """The device's status code as hex (``"41"`` for a GA/T 467 SW3, ``"6A82"`` for an APDU)."""
    meaning: str = ""
    tries_left: int | None = None

    def describe(self) -> str:
        parts = [self.kind]
        if self.code:
            parts.append(f"code {self.code}")
        if self.meaning:
            parts.append(self.meaning)
        if self.tries_left is not None:
            parts.append(f"{self.tries_left} PIN tries left")
        return ": ".join([parts[0], ", ".join(parts[1:])]) if len(parts) > 1 else parts[0]


@dataclass(frozen=True)
class PinRequired:
    """The social security card wants its PIN before it shows the holder's data."""

    tries_left: int | None = None


CardRead = CardPresent | NoCard | CardRemoved | CardError
SscRead = SscPresent | NoCard | CardRemoved | PinRequired | CardError
ReaderStatus = Ready | NoCard | Busy | Unavailable | Disconnected


@dataclass(frozen=True)
class CodeScanned:
    """One QR code or barcode; ``source`` is ``"serial"`` or ``"keyboard"``."""

    text: str
    source: Literal["serial", "keyboard"] = "serial"
    raw: bytes = field(default=b"", repr=False, compare=False)


@dataclass(frozen=True)
class NoCode:
    """Nothing was scanned before the timeout."""


@dataclass(frozen=True)
class CodeError:
    kind: Literal["disconnected", "timeout", "invalid_data", "unavailable"]
    meaning: str = ""


CodeScan = CodeScanned | NoCode | CodeError


# ------------------------------------------------------------------------- protocols
@runtime_checkable
class IdCardReader(Protocol):
    """A GA/T 467 resident ID card reader (or its simulator)."""

    def status(self) -> ReaderStatus:
        """The SAM's health (Ready, Disconnected…) without touching a card."""
        ...

    def read_card(self, *, with_address: bool = False) -> CardRead:
        """One read: find, select, read text and photo (and the appended address)."""
        ...

    def wait_for_card(
        self, timeout_s: float, *, with_address: bool = False, cancel: object | None = None
    ) -> CardRead:
        """Poll (no faster than every 300 ms) until a card is read or ``timeout_s`` passes.

        ``cancel`` is a ``threading.Event``-like object; when set the wait ends with NoCard.
        """
        ...

    def card_in_field(self) -> bool | None:
        """寻卡 (find card) only: whether a card lies on the reader now; None when the reader
        cannot tell. Nothing is selected or read from the card (the sleeping screen wakes on
        it)."""
        ...

    def close(self) -> None: ...


@runtime_checkable
class SocialSecurityReader(Protocol):
    """A PC/SC reader with a social security card."""

    def status(self) -> ReaderStatus: ...

    def read_card(self, *, pin: str | None = None) -> SscRead:
        """Read EF05/EF06. ``pin`` is sent only if the card asks for one, and only once."""
        ...

    def wait_for_change(self, timeout_s: float) -> ReaderStatus:
        """Block until a card is inserted or removed (or the timeout); the new status."""
        ...

    def close(self) -> None: ...


@runtime_checkable
class CodeReader(Protocol):
    """A QR/barcode reader that yields one normalised ``CodeScanned`` per code."""

    def wait_for_code(self, timeout_s: float) -> CodeScan: ...

    def close(self) -> None: ...
