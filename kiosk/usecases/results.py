"""The plain result values of the device and platform use cases.

Kept in a module of their own with no heavy imports, so a front end can name them (through
:mod:`kiosk.service`) at start-up without loading the store, the drivers' ports or the catalog.
"""

from __future__ import annotations

from dataclasses import field
from typing import Any, Literal

from kiosk.frozen import frozen_record

Channel = Literal["id_card", "ssc", "qr"]
ReadKind = Literal[
    "ok", "no_card", "card_error", "expired", "unavailable", "cancelled", "pin_required"
]
ScanKind = Literal["ok", "jammed", "no_document", "cover_open", "timeout", "unavailable", "error"]
PrintKind = Literal["ok", "paper_out", "unavailable", "error"]


class OneTimePin:
    """A PIN the resident typed, for exactly one read.

    :meth:`take` hands the digits out once and wipes the buffer; :meth:`wipe` drops them
    unused (the card was pulled, the read was cancelled). Its ``repr`` shows nothing, it cannot
    be pickled or copied, and it never goes into an exception's text. (A Python ``str`` made
    from it cannot be overwritten: whoever takes it drops the reference as soon as it is sent.)
    """

    __slots__ = ("_digits",)

    def __init__(self, digits: str) -> None:
        if not (digits.isascii() and digits.isdigit() and 4 <= len(digits) <= 12):
            raise ValueError("a PIN is 4 to 12 digits")
        self._digits = bytearray(digits.encode("ascii"))

    def take(self) -> str | None:
        """The digits, once; None after they were taken or wiped."""
        if not self._digits:
            return None
        out = self._digits.decode("ascii")
        self.wipe()
        return out

    def wipe(self) -> None:
        for i in range(len(self._digits)):
            self._digits[i] = 0
        self._digits = bytearray()

    @property
    def used(self) -> bool:
        return not self._digits

    def __repr__(self) -> str:
        return "OneTimePin(…)"

    def __reduce__(self) -> Any:
        raise TypeError("a PIN is not copied")

    def __copy__(self) -> Any:
        raise TypeError("a PIN is not copied")

    def __deepcopy__(self, memo: Any) -> Any:
        raise TypeError("a PIN is not copied")


@frozen_record
class ScanOutcome:
    """How scanning one page went (a jam is an outcome)."""

    kind: ScanKind
    content: bytes = field(default=b"", repr=False)
    mime: str = "image/png"
    reason: str = ""


@frozen_record
class PrintOutcome:
    """How printing went (paper out is an outcome)."""

    kind: PrintKind
    reason: str = ""


@frozen_record
class StatusOutcome:
    """An application's status as the platform (or this terminal's store) knows it."""

    kind: Literal["found", "not_found", "offline"]
    ref: str = ""
    application_no: str | None = None
    status: str = ""
    updated_at: str = ""
    """Beijing time, ``YYYY-MM-DD HH:MM``."""
    history: list[dict[str, str]] = field(default_factory=list)
    """``{"status", "at" (Beijing time), "note", "note_en"}``, oldest first (``note_en`` empty
    when the platform sent the note in Chinese only)."""
    source: Literal["platform", "local"] = "local"
    acceptance: str = ""
    """The platform's sealed confirmation: ``verified``, ``refused`` (it could not be
    verified: ``acceptance_zh``/``_en`` say why) or empty (none yet)."""
    acceptance_issuer: str = ""
    acceptance_zh: str = ""
    acceptance_en: str = ""


@frozen_record
class License:
    """One e-license the platform holds for the resident, as the materials screen offers it."""

    license_no: str
    type_code: str
    type_name: str
    issuer: str = ""
    valid_to: str = ""
    verified_by: str = ""
    """The issuing body whose electronic seal on the license document the terminal verified
    offline (kiosk.seals); shown as "已验证 · <issuing body>". Empty when not checked."""


@frozen_record
class RefusedLicense:
    """An e-license the terminal does not accept because its seal failed (or its document
    could not be fetched): ``kind`` is the seal verdict's kind or ``unavailable``."""

    license: License
    kind: str
    reason: str
    """One line for people, Chinese first."""


@frozen_record
class LicenseCheck:
    accepted: list[License]
    refused: list[RefusedLicense]
