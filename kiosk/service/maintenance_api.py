"""The technician's API: what maintenance mode (the touch screen) and the ``kiosk`` CLI call.

:class:`MaintenanceApi` is the Protocol; :class:`kiosk.maintenance.service.Maintenance`
implements it, and the facade exposes one as ``KioskService.maintenance``. Every answer is a
plain frozen value (tagged unions where a call can end more than one way, never an exception
for an expected outcome) carrying **no personal data and no secret**: a PIN never appears in
a value, a log line or the audit log.

Every method may block (the disk, a device, the platform): a front end calls it from a worker
thread. Each has a deadline of its own (a self-test's per device; an upload's the platform's
timeout).

Entering and leaving: :meth:`MaintenanceApi.pin_enter` (or the technician card, see
``kiosk.maintenance.techcard``) opens maintenance mode; :meth:`MaintenanceApi.maintenance_exit`
closes it. Each entry, exit, refusal and action is audited (``maintenance.*`` events).
The mode is never reachable while a resident's session holds personal data: ``pin_enter``
answers :class:`PinBusy` then.

Implemented by :mod:`kiosk.maintenance` (all methods). The shell gives it the world's ports:
``Maintenance.speaker`` (voice self-test), ``Maintenance.mounter`` (udisks2) and
``Maintenance.apply_config`` (restart the devices after a save) — see
:mod:`terminal.maintenance_ports` and :func:`terminal.root.attach_maintenance_ports`. The
technician card (``kiosk.maintenance.techcard``) enters through ``Maintenance.enter("card")``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, Protocol

# ------------------------------------------------------------------ PIN


@dataclass(frozen=True)
class PinOk:
    """The PIN matched: maintenance mode is open."""


@dataclass(frozen=True)
class PinWrong:
    """The PIN did not match; the next try is refused for ``locked_for_s`` seconds
    (1, 2, 4 … capped at 15 minutes). ``failures`` counts wrong tries in a row."""

    locked_for_s: float
    failures: int


@dataclass(frozen=True)
class PinLocked:
    """Tried during a lockout: nothing was checked. Try again after ``remaining_s``."""

    remaining_s: float


@dataclass(frozen=True)
class PinNotSet:
    """No technician PIN is set on this terminal (``kiosk maintenance pin set``)."""


@dataclass(frozen=True)
class PinBusy:
    """A resident's session is open: maintenance mode cannot be entered now."""


PinOutcome = PinOk | PinWrong | PinLocked | PinNotSet | PinBusy

PIN_MIN_DIGITS = 6
LOCKOUT_CAP_S = 15 * 60.0

# ------------------------------------------------------------------ self-test

SELFTEST_DEVICES = (
    "id_reader",
    "ssc_reader",
    "qr_reader",
    "printer",
    "document_printer",
    "scanner",
    "voice",
    "platform",
)


@dataclass(frozen=True)
class SelfTestResult:
    """One device's self-test. ``detail`` is one line, no personal data.

    ``needs_person``: the test needs someone at the terminal (present the test card, show a
    code, listen) — in unattended mode such a test is skipped (``skipped`` True, ``passed``
    True only when the parts that need nobody passed). ``image_path``: the scanner's test page
    (a PNG the screen shows), else None."""

    name: str
    passed: bool
    detail: str
    needs_person: bool = False
    skipped: bool = False
    image_path: str | None = None


# ------------------------------------------------------------------ configuration

ConfigKind = Literal["str", "int", "float", "bool", "choice", "list", "secret"]


@dataclass(frozen=True)
class ConfigField:
    """One setting as the configuration screen shows it. ``key`` is ``section.key`` (or
    ``devices.printer.uri``); ``value`` is the effective value as text (``"true"``, ``"30.0"``,
    a list as ``a,b``), ``"******"`` for a secret's path-or-value when ``kind == "secret"``."""

    key: str
    value: str
    kind: ConfigKind
    choices: tuple[str, ...] = ()
    help_zh: str = ""
    help_en: str = ""
    default: str = ""


@dataclass(frozen=True)
class ConfigSaved:
    """Written (temp file, fsync, rename; the previous file kept as ``<path>.prev``) and
    applied: ``restarted_parts`` names what was restarted (``devices``, ``platform``, ``ui``…)
    or ``("kiosk",)`` when the whole kiosk must restart to apply it (``restart_required``)."""

    path: str
    restarted_parts: tuple[str, ...]
    restart_required: bool = False


@dataclass(frozen=True)
class ConfigRefused:
    """Nothing was written: ``field`` (``section.key``) would break the kiosk; ``message`` is
    the one line ``kiosk config check`` prints."""

    field: str
    message: str


ConfigSaveOutcome = ConfigSaved | ConfigRefused

# ------------------------------------------------------------------ outbox, catalog, audit, storage


@dataclass(frozen=True)
class OutboxEntry:
    """A refused or quarantined row: reference and reason only (reasons are scrubbed)."""

    ref: str
    kind: str
    state: str
    code: str
    reason: str
    attempts: int


@dataclass(frozen=True)
class OutboxOverview:
    counts: dict[str, int]
    """Rows by state: pending, sending, retry, sent, rejected, quarantined."""
    oldest_pending_s: float | None
    rejected: tuple[OutboxEntry, ...] = ()
    quarantined: tuple[OutboxEntry, ...] = ()


@dataclass(frozen=True)
class RetryQueued:
    ref: str


@dataclass(frozen=True)
class RetryRefused:
    ref: str
    reason: str
    """``unknown`` (no such row) or ``not_quarantined`` (only quarantined rows are retried)."""


RetryOutcome = RetryQueued | RetryRefused


@dataclass(frozen=True)
class CatalogRefreshed:
    version_before: int
    version_after: int
    changed: bool


@dataclass(frozen=True)
class CatalogRefreshFailed:
    version: int
    reason: str
    """``offline``, ``refused``, ``invalid`` (the update failed validation; the last good
    catalog keeps serving) or ``unavailable`` (no platform configured)."""


CatalogRefreshOutcome = CatalogRefreshed | CatalogRefreshFailed


@dataclass(frozen=True)
class AuditVerdict:
    ok: bool
    entries: int
    findings: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    head: dict[str, Any] | None = None


@dataclass(frozen=True)
class StorageOverview:
    data_dir: str
    used_bytes: int
    """Bytes under the data directory (database, scans, logs)."""
    free_bytes: int
    """Bytes free on its file system for the service user."""
    reserve_bytes: int
    """Below this much free space no new application is taken."""
    low: bool
    last_purge: dict[str, Any] | None = None
    """When the retention purge last ran and what it removed (counts only)."""


# ------------------------------------------------------------------ support export


@dataclass(frozen=True)
class ExportDone:
    """The archive is complete where ``location`` says (a file path on the USB drive, or the
    platform's upload id). ``signature`` is the detached Ed25519 signature's file name (beside
    the archive on USB; sent with it to the platform)."""

    target: Literal["usb", "platform"]
    location: str
    size: int
    sha256: str
    signature: str = ""


@dataclass(frozen=True)
class ExportFailed:
    """Nothing complete-looking was left: ``reason`` is ``no_drive``, ``mount_failed``,
    ``write_failed`` (pulled, full), ``write_timeout`` (the drive took nothing within the
    deadline), ``offline``, ``refused`` or ``unavailable``; ``detail``
    one line without personal data."""

    target: Literal["usb", "platform"]
    reason: str
    detail: str = ""


ExportOutcome = ExportDone | ExportFailed


# ------------------------------------------------------------------ the Protocol


class MaintenanceApi(Protocol):
    """What maintenance mode can do. Every call may block: call it from a worker."""

    @property
    def active(self) -> bool:
        """Whether maintenance mode is open now."""
        ...

    def pin_enter(self, pin: str) -> PinOutcome: ...

    def enter(self, via: str) -> None:
        """Open maintenance mode after another proof was accepted (``via="card"``: the
        technician card); audited. The caller checks there is no resident's session."""
        ...

    def pin_set(self, pin: str) -> None:
        """Set (or replace) the technician PIN: at least :data:`PIN_MIN_DIGITS` digits,
        else ``ValueError``. Stored as a salted scrypt hash, owner-only."""
        ...

    def maintenance_exit(self) -> None: ...

    def selftest(self, device: str | None = None, unattended: bool = False) -> list[SelfTestResult]:
        """One result per device of :data:`SELFTEST_DEVICES` (or just ``device``)."""
        ...

    def config_fields(self) -> list[ConfigField]: ...

    def config_save(self, changes: dict[str, str]) -> ConfigSaveOutcome: ...

    def outbox_overview(self) -> OutboxOverview: ...

    def outbox_retry(self, ref: str) -> RetryOutcome: ...

    def catalog_refresh_now(self) -> CatalogRefreshOutcome: ...

    def audit_verify(self) -> AuditVerdict: ...

    def storage_overview(self) -> StorageOverview: ...

    def export_support(
        self, target: Literal["usb", "platform"], usb_mount: str | None = None
    ) -> ExportOutcome: ...


__all__ = [
    "LOCKOUT_CAP_S", "PIN_MIN_DIGITS", "SELFTEST_DEVICES",
    "AuditVerdict", "CatalogRefreshFailed", "CatalogRefreshOutcome", "CatalogRefreshed",
    "ConfigField", "ConfigKind", "ConfigRefused", "ConfigSaveOutcome", "ConfigSaved",
    "ExportDone", "ExportFailed", "ExportOutcome", "MaintenanceApi", "OutboxEntry",
    "OutboxOverview", "PinBusy", "PinLocked", "PinNotSet", "PinOk", "PinOutcome", "PinWrong",
    "RetryOutcome", "RetryQueued", "RetryRefused", "SelfTestResult", "StorageOverview",
]  # fmt: skip
