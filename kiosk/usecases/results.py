"""The plain result values of the device and platform use cases.

Kept in a module of their own with no heavy imports, so a front end can name them (through
:mod:`kiosk.service`) at start-up without loading the store, the drivers' ports or the catalog.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Channel = Literal["id_card", "ssc", "qr"]
ReadKind = Literal["ok", "no_card", "card_error", "expired", "unavailable", "cancelled"]
ScanKind = Literal["ok", "jammed", "no_document", "cover_open", "timeout", "unavailable", "error"]
PrintKind = Literal["ok", "paper_out", "unavailable", "error"]


@dataclass(frozen=True)
class ScanOutcome:
    """How scanning one page went (a jam is an outcome)."""

    kind: ScanKind
    content: bytes = field(default=b"", repr=False)
    mime: str = "image/png"
    reason: str = ""


@dataclass(frozen=True)
class PrintOutcome:
    """How printing went (paper out is an outcome)."""

    kind: PrintKind
    reason: str = ""


@dataclass(frozen=True)
class StatusOutcome:
    """An application's status as the platform (or this terminal's store) knows it."""

    kind: Literal["found", "not_found", "offline"]
    ref: str = ""
    application_no: str | None = None
    status: str = ""
    updated_at: str = ""
    """Beijing time, ``YYYY-MM-DD HH:MM``."""
    history: list[dict[str, str]] = field(default_factory=list)
    """``{"status", "at" (Beijing time), "note"}``, oldest first."""
    source: Literal["platform", "local"] = "local"


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class RefusedLicense:
    """An e-license the terminal does not accept because its seal failed (or its document
    could not be fetched): ``kind`` is the seal verdict's kind or ``unavailable``."""

    license: License
    kind: str
    reason: str
    """One line for people, Chinese first."""


@dataclass(frozen=True)
class LicenseCheck:
    accepted: list[License]
    refused: list[RefusedLicense]
