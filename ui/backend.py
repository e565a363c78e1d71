"""What the touch interface needs from the rest of the kiosk, as one narrow interface.

The UI never imports drivers or the sync package. The composition root (``kiosk/app.py``)
builds a :class:`KioskBackend` from the core's store and use cases and from whatever device
and platform adapters the configuration asks for, and hands it to the UI. View-model unit
tests use the in-process fake in :mod:`ui.fakes`.

Every method may block (device I/O, HTTP, disk): the UI calls them on a worker thread.
Outcomes are plain values; a card pulled out or a printer out of paper is an outcome, not an
exception. An exception means "this went wrong in a way the resident cannot fix" and the UI
shows a calm message with the hotline.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

Channel = Literal["id_card", "ssc", "qr"]
DeviceName = Literal["id_reader", "ssc_reader", "qr_reader", "printer", "scanner", "platform"]


@dataclass(frozen=True)
class DeviceHealth:
    """One device as the status strip shows it."""

    ok: bool
    state: str = "ready"
    """``ready`` | ``unavailable`` | ``paper_out`` | ``jammed`` | ``offline`` | ``busy`` …"""
    detail: str = ""


@dataclass(frozen=True)
class Identity:
    """Who the resident proved to be, as the form needs it (held in memory for one session)."""

    channel: Channel
    card_type: str
    name: str
    id_number: str
    gender: str | None = None
    birth_date: str | None = None
    address: str | None = None
    ethnicity: str | None = None
    valid_to: str | None = None
    expired: bool = False
    record: Any = None
    """The adapter's own typed record (passed back unchanged to the core)."""


@dataclass(frozen=True)
class IdentityOutcome:
    """How reading an identity went (a pulled card is an outcome, not an error)."""

    kind: Literal["ok", "no_card", "card_error", "expired", "unavailable", "cancelled"]
    identity: Identity | None = None
    reason: str = ""
    """Machine reason (``pulled``, ``checksum``, ``auth_failed``, ``unreadable`` …)."""


@dataclass(frozen=True)
class ScanOutcome:
    """How scanning one page went (a jam is an outcome)."""

    kind: Literal["ok", "jammed", "no_document", "cover_open", "unavailable", "error"]
    content: bytes = b""
    mime: str = "image/png"
    reason: str = ""


@dataclass(frozen=True)
class PrintOutcome:
    """How printing went (paper out is an outcome)."""

    kind: Literal["ok", "paper_out", "unavailable", "error"]
    reason: str = ""


@dataclass(frozen=True)
class License:
    """An e-license the platform holds for the resident (免证办)."""

    license_no: str
    type_code: str
    type_name: str
    issuer: str = ""
    valid_to: str = ""


@dataclass(frozen=True)
class MaterialChoice:
    """What the resident handed in for one material."""

    material_id: str
    name: str
    source: Literal["scan", "elicense", "missing", "promise"]
    content: bytes | None = None
    mime: str | None = None
    license_no: str | None = None
    supply_by: str | None = None


@dataclass(frozen=True)
class DraftApplication:
    """What the resident assembled, handed to the core's submit use case."""

    item_code: str
    identity: Identity
    form: dict[str, str]
    materials: list[MaterialChoice]
    commitment_confirmed: bool = False


@dataclass(frozen=True)
class SubmitOutcome:
    """How submitting went: durable with a local reference, or why not."""

    application_id: str
    local_ref: str
    created_at: str
    status_url: str = ""


@dataclass(frozen=True)
class StatusOutcome:
    """An application's status as the platform (or the local store) knows it."""

    kind: Literal["found", "not_found", "offline"]
    ref: str = ""
    application_no: str | None = None
    status: str = ""
    updated_at: str = ""
    history: list[dict[str, Any]] = field(default_factory=list)
    source: Literal["platform", "local"] = "local"


@dataclass(frozen=True)
class FeedbackOutcome:
    """How sending a rating, problem report or help request went."""

    ref: str
    """The local id of the review/problem/help row (the outbox sends it)."""


class KioskBackend(Protocol):
    # ---- catalog
    def catalog_items(self) -> list[dict[str, Any]]: ...
    def catalog_version(self) -> int:
        """The version of the catalog :meth:`catalog_items` returns (0 before it is read)."""
        ...

    def refresh_catalog(self, known_version: int) -> list[dict[str, Any]] | None:
        """Re-read the catalog if the store holds another version than ``known_version``
        (an update arrived); the items then, else None. Blocking."""
        ...

    def cached_home(self) -> dict[str, Any] | None:
        """The start screen's catalog content saved at the last start (fast; UI thread)."""
        ...

    def save_home(self, home: dict[str, Any]) -> None:
        """Keep the start screen's catalog content for the next start. Blocking."""
        ...

    def search(self, query: str, limit: int = 20) -> list[str]:
        """Item codes, best first (Chinese, pinyin and initials)."""
        ...

    def validate_field(self, item_code: str, name: str, value: str) -> tuple[str, str] | None:
        """``(zh, en)`` message when the value is not acceptable, else ``None``."""
        ...

    def validate_form(
        self, item_code: str, values: dict[str, str]
    ) -> dict[str, tuple[str, str]]: ...

    # ---- devices
    def health(self) -> dict[str, DeviceHealth]: ...
    def read_identity(
        self, channel: Channel, cancel: threading.Event, timeout_s: float
    ) -> IdentityOutcome: ...
    def scan(self, material_id: str) -> ScanOutcome: ...
    def read_code(self, cancel: threading.Event, timeout_s: float) -> str | None:
        """The next QR payload from the code reader (receipt QR for status lookup)."""
        ...

    def print_receipt(self, submitted: SubmitOutcome, item_name: str) -> PrintOutcome: ...
    def print_guide(self, item_code: str) -> PrintOutcome: ...

    # ---- platform (live; may be offline)
    def online(self) -> bool: ...
    def licenses(self, identity: Identity) -> list[License] | None:
        """E-licenses of the holder; ``None`` when the platform cannot be reached."""
        ...

    def lookup_status(self, ref: str) -> StatusOutcome: ...

    # ---- durable writes (each returns only once the row is on disk)
    def submit(self, draft: DraftApplication) -> SubmitOutcome: ...
    def submit_review(
        self,
        *,
        rating: int,
        reasons: list[str],
        comment: str,
        local_ref: str | None,
        item_code: str | None,
        dimensions: dict[str, int] | None = None,
        contact: str | None = None,
    ) -> FeedbackOutcome:
        """好差评 as kiosk.domain.records.Review: ``dimensions`` (overall, efficiency, service,
        attitude; 1-5, only those given) and ``contact`` are optional and passed only when the
        resident gave them."""
        ...

    def report_problem(
        self, *, category: str, description: str, contact: str | None, item_code: str | None
    ) -> FeedbackOutcome: ...
    def request_help(self, *, reason: str) -> FeedbackOutcome: ...

    # ---- terminal facts
    def hotline(self) -> str: ...
    def terminal_name(self) -> str: ...
