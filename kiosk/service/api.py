"""The application API as a type: what a front end may call.

:class:`kiosk.service.KioskService` is the implementation; a front end's unit tests may use an
in-process fake of this Protocol (``ui/fakes.py``). Every method may block (devices, HTTP,
disk) unless it says otherwise: call it from a worker thread.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Sequence
from typing import Any, Protocol

from kiosk.devices.health import DeviceHealth
from kiosk.domain.records import MaterialInput
from kiosk.service.outcomes import (
    Channel,
    FeedbackOutcome,
    IdentityOutcome,
    License,
    OneTimePin,
    PrintOutcome,
    ScanOutcome,
    StatusOutcome,
    SubmitOutcome,
    TechnicianOutcome,
)
from kiosk.service.terminal_info import TerminalFacts


class KioskApi(Protocol):
    # ---- catalog
    def catalog_items(self) -> list[dict[str, Any]]:
        """The serving catalog's items (fast; empty before the store is open)."""
        ...

    def catalog_version(self) -> int: ...
    def refresh_catalog(self, known_version: int) -> list[dict[str, Any]] | None: ...
    def cached_home(self) -> dict[str, Any] | None:
        """The start screen's catalog content saved at the last start (fast)."""
        ...

    def save_home(self, home: dict[str, Any]) -> None: ...
    def search(self, query: str, limit: int = 20) -> list[str]: ...
    def validate_field(self, item_code: str, name: str, value: str) -> tuple[str, str] | None: ...
    def validate_form(
        self, item_code: str, values: dict[str, str]
    ) -> dict[str, tuple[str, str]]: ...

    # ---- devices
    def health(self) -> dict[str, DeviceHealth]: ...
    def report_health(self, name: str, health: DeviceHealth) -> None: ...
    def read_identity(
        self,
        channel: Channel,
        cancel: threading.Event,
        timeout_s: float,
        pin: OneTimePin | None = None,
    ) -> IdentityOutcome:
        """``pin``: the social security card's PIN the resident just typed (after a
        ``pin_required`` outcome); used for this one read and wiped, never sent twice."""
        ...

    def scan(self, material_id: str) -> ScanOutcome: ...
    def scan_receipt_code(self, cancel: threading.Event, timeout_s: float) -> str | None: ...
    def code_key(self, text: str, t: float) -> bool:
        """A physical key press; True when a keyboard-wedge scanner typed it (swallow it)."""
        ...

    def print_receipt(self, application_id: str) -> PrintOutcome: ...
    def print_guide(self, item_code: str) -> PrintOutcome: ...

    # ---- platform (live; may be offline)
    def online(self) -> bool: ...
    def licenses(self) -> list[License] | None: ...
    def instant_result(self, item_code: str) -> Any:
        """An instant item's verified result (``kiosk.usecases.instant.InstantOutcome``)."""
        ...

    def instant_document(self, result_id: str) -> Any: ...
    def print_instant_result(self, result_id: str) -> PrintOutcome:
        """On the receipt printer, where the document fits it."""
        ...

    def print_instant_result_a4(self, result_id: str) -> PrintOutcome:
        """On the A4 printer: the kiosk's own PDF with the sealed document inside."""
        ...

    # ---- 委托代办 (the agent has read their own card with read_identity)
    def read_principal_card(self, cancel: threading.Event, timeout_s: float) -> Any:
        """The principal's ID card (``DelegationOutcome``); the agent's own card is refused."""
        ...

    def principal_by_authorisation(
        self,
        id_number: str,
        cancel: threading.Event,
        timeout_s: float,
        item_code: str | None = None,
    ) -> Any:
        """The principal's ID number and their QR authorisation from the code reader, verified
        offline (``DelegationOutcome``; ``item_code`` of an ok one: the authorised item)."""
        ...

    def principal_by_power_of_attorney(self, name: str, id_number: str) -> Any: ...
    def delegation_refusal(self, item_code: str) -> tuple[str, str, str] | None:
        """``(code, zh, en)`` why an agent cannot apply for this item (fast), or None."""
        ...

    def agent_ways(self, item_code: str) -> tuple[str, ...]: ...
    def acting_for(self) -> Any:
        """The session's delegation (``DelegationOutcome``, masked), or None."""
        ...

    def stop_acting_for(self) -> None: ...

    def my_space(self) -> Any:
        """The identified resident's own space (``kiosk.usecases.myspace.SpaceOutcome``):
        applications on every channel, 免申即享 benefits, e-licenses; this session only."""
        ...

    def confirm_benefit(self, benefit_id: str) -> Any:
        """Confirm a benefit once (``kiosk.usecases.myspace.ConfirmOutcome``); a retry sends
        the same request again."""
        ...

    def today(self) -> dt.date: ...
    def local_stamp(self, stamp: str | None) -> str:
        """A platform's ISO 8601 instant in the terminal's time zone (fast, no I/O)."""
        ...

    def lookup_status(self, ref: str) -> StatusOutcome: ...

    # ---- durable writes (each returns only once the row is on disk)
    def submit(
        self,
        item_code: str,
        form: dict[str, str],
        materials: Sequence[MaterialInput],
        *,
        commitment_accepted: bool = False,
    ) -> SubmitOutcome: ...
    def submit_review(
        self,
        *,
        rating: int,
        reasons: Sequence[str],
        comment: str = "",
        local_ref: str | None = None,
        item_code: str | None = None,
        dimensions: dict[str, int] | None = None,
        contact: str | None = None,
    ) -> FeedbackOutcome: ...
    def report_problem(
        self,
        *,
        category: str,
        description: str,
        contact: str | None = None,
        item_code: str | None = None,
    ) -> FeedbackOutcome: ...
    def request_help(self, *, reason: str) -> FeedbackOutcome: ...

    # ---- maintenance
    def maintenance_enter_card(
        self, cancel: threading.Event, timeout_s: float
    ) -> TechnicianOutcome:
        """Wait for a technician card and verify it (challenge signed by a key the configured
        technician CA certified): ``ok(name, card_id)``, ``not_technician`` (a resident's
        card), ``untrusted(reason)``, ``no_card``, ``reader_error(reason)``. Audited."""
        ...

    # ---- session and terminal facts (fast)
    def end_session(self) -> None: ...
    def hotline(self) -> str: ...
    def terminal_name(self) -> str: ...
    def terminal_facts(self) -> TerminalFacts:
        """Name and place in both languages, time zone, pictures of the devices (fast)."""
        ...
