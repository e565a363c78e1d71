"""The maintenance API over the application facade (see
:mod:`kiosk.service.maintenance_api`). ``KioskService.maintenance`` makes one.

The world it needs beyond the facade's ports comes from the shell as plain callables
(``terminal/`` composes them; the core imports no driver, no HTTP, no Qt):

- ``speaker(text, deadline_s) -> reason | None`` — the voice self-test;
- ``mounter`` — ``mount() -> (directory, release)`` of a USB drive through udisks2;
- ``apply_config(new_cfg, parts) -> parts restarted`` — restart the affected parts after a
  configuration save (the devices at least); without it a save asks for a full restart.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from kiosk.maintenance import config_edit, selftest, support
from kiosk.maintenance.deadline import call_within
from kiosk.maintenance.pin import PinGuard
from kiosk.service.maintenance_api import (
    AuditVerdict,
    CatalogRefreshed,
    CatalogRefreshFailed,
    CatalogRefreshOutcome,
    ConfigField,
    ConfigRefused,
    ConfigSaved,
    ConfigSaveOutcome,
    ExportDone,
    ExportFailed,
    ExportOutcome,
    OutboxEntry,
    OutboxOverview,
    PinBusy,
    PinOk,
    PinOutcome,
    PinWrong,
    RetryOutcome,
    RetryQueued,
    RetryRefused,
    SelfTestResult,
    StorageOverview,
)

log = logging.getLogger("kiosk.maintenance")

Mounter = Callable[[], tuple[Path, Callable[[], None]]]


USB_WRITE_DEADLINE_S = 120.0
"""How long a USB drive may take to accept the archive (a few MB) before the export says so.
A write stuck in the kernel (a failing stick) cannot be cancelled: its thread is left behind,
and only the ``.part`` name can be on the drive, never a complete-looking archive."""


class Maintenance:
    """Implements :class:`kiosk.service.maintenance_api.MaintenanceApi`."""

    usb_write_deadline_s = USB_WRITE_DEADLINE_S

    def __init__(self, service: Any, *, actor: str = "screen") -> None:
        self._svc = service
        self.actor = actor
        """Who acts, for the audit log: ``screen`` (the touch UI) or ``cli``."""
        self.pins = PinGuard(service.data_dir)
        self.speaker: selftest.Speaker | None = None
        self.mounter: Mounter | None = None
        self.apply_config: Callable[[Any, set[str]], tuple[str, ...]] | None = None
        self._active: str | None = None
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ helpers
    @property
    def cfg(self) -> Any:
        return self._svc.cfg

    @property
    def data_dir(self) -> Path:
        return Path(self._svc.data_dir)

    def _store(self) -> Any:
        return self._svc._store()

    def audit(self, event: str, **details: Any) -> None:
        """One ``maintenance.*`` audit entry (never a PIN, never personal data)."""
        try:
            self._store().audit.append(f"maintenance.{event}", actor=self.actor, **details)
        except Exception:  # noqa: BLE001 - an unusable store must not hide the technician's screen
            log.warning("maintenance.%s not audited", event, exc_info=True)

    # ------------------------------------------------------------------ entering and leaving
    @property
    def active(self) -> bool:
        return self._active is not None

    def enter(self, via: str) -> None:
        """Open maintenance mode (after a PIN or a technician card was accepted)."""
        with self._lock:
            self._active = via
        self.audit("entered", via=via)

    def pin_enter(self, pin: str) -> PinOutcome:
        if self._svc.in_session:
            self.audit("refused", via="pin", reason="resident_session")
            return PinBusy()
        out = self.pins.enter(pin)
        if isinstance(out, PinOk):
            self.enter("pin")
        elif isinstance(out, PinWrong):
            self.audit("pin_wrong", failures=out.failures, locked_for_s=out.locked_for_s)
        else:
            self.audit("refused", via="pin", reason=type(out).__name__)
        return out

    def pin_set(self, pin: str) -> None:
        self.pins.set_pin(pin)
        self.audit("pin_set")

    def maintenance_exit(self) -> None:
        with self._lock:
            was, self._active = self._active, None
        # what the screens showed is dropped like a session's: the scanned test page
        for p in (self.data_dir / "maintenance").glob("selftest-scan.*"):
            try:
                p.unlink()
            except OSError:
                pass
        self._svc.end_session()
        if was is not None:
            self.audit("exited", via=was)

    # ------------------------------------------------------------------ self-tests
    def selftest(self, device: str | None = None, unattended: bool = False) -> list[SelfTestResult]:
        ports = selftest.SelfTestPorts(
            **{n: self._svc._port(n) for n in ("id_reader", "ssc_reader", "qr_reader",
                                              "printer", "document_printer", "scanner",
                                              "platform")},
            speaker=self.speaker,
        )  # fmt: skip
        results = selftest.run_selftests(
            ports, self.cfg, self.data_dir / "maintenance", device, unattended
        )
        self._svc.forget_health()
        self.audit(
            "selftest",
            device=device or "all",
            unattended=unattended,
            failed=[r.name for r in results if not r.passed],
        )
        return results

    # ------------------------------------------------------------------ configuration
    def config_fields(self) -> list[ConfigField]:
        return config_edit.config_fields(self.cfg)

    def config_save(self, changes: dict[str, str]) -> ConfigSaveOutcome:
        out, new, parts = config_edit.save(self.cfg, self.data_dir, changes)
        if isinstance(out, ConfigRefused):
            self.audit("config_refused", field=out.field)
            return out
        assert isinstance(out, ConfigSaved) and new is not None
        restarted: tuple[str, ...] = ()
        if self.apply_config is not None and parts <= config_edit.LIVE_PARTS:
            try:
                restarted = tuple(self.apply_config(new, parts))
            except Exception as exc:  # noqa: BLE001
                log.warning("configuration saved but not applied: %s", type(exc).__name__)
        required = set(restarted) != parts
        if required:
            restarted = ("kiosk",)
        out = ConfigSaved(out.path, restarted, restart_required=required)
        self.audit(
            "config_saved",
            keys=sorted(changes),
            restarted=list(restarted),
            restart_required=required,
        )
        return out

    # ------------------------------------------------------------------ outbox, catalog
    def outbox_overview(self) -> OutboxOverview:
        from kiosk.masking import scrub_text

        ob = self._store().outbox

        def entry(r: Any, code: str | None, reason: str | None) -> OutboxEntry:
            return OutboxEntry(
                ref=ob.local_ref(r),
                kind=r.kind,
                state=r.state,
                code=code or "",
                reason=scrub_text(reason or "")[:300],
                attempts=r.attempts,
            )

        c = ob.counts()
        return OutboxOverview(
            counts={k: v for k, v in c.to_json().items() if k != "oldest_pending_s"},
            oldest_pending_s=c.oldest_pending_s,
            rejected=tuple(entry(r, r.reject_code, r.reject_reason) for r in ob.rejected_rows()),
            quarantined=tuple(
                entry(r, r.quarantine_code, r.quarantine_reason) for r in ob.quarantined_rows()
            ),
        )

    def outbox_retry(self, ref: str) -> RetryOutcome:
        ob = self._store().outbox
        row = ob.find(ref)
        if row is None:
            return RetryRefused(ref, "unknown")
        if row.state != "quarantined":
            return RetryRefused(ref, "not_quarantined")
        ob.retry_quarantined(row)
        self.audit("outbox_retry", ref=ob.local_ref(row))
        self._svc._queued()
        return RetryQueued(ref)

    def catalog_refresh_now(self) -> CatalogRefreshOutcome:
        from kiosk.catalog.validate import CatalogInvalid
        from kiosk.ports import platform as pp

        store = self._store()
        before = store.catalog.version()
        platform = self._svc._port("platform")
        if platform is None:
            return CatalogRefreshFailed(before, "unavailable")
        sample = store.catalog.source() == "sample"
        r = platform.catalog(None if sample else before or None)
        if not isinstance(r, pp.Ok):
            reason = "offline" if isinstance(r, pp.Unreachable | pp.Retryable) else "refused"
            return CatalogRefreshFailed(before, reason)
        d = r.data
        if not sample and d.version <= before:
            return CatalogRefreshed(before, before, False)
        try:
            change = store.catalog.apply_delta(d.version, d.full, d.items, d.withdrawn)
        except CatalogInvalid:
            self.audit("catalog_refresh", result="invalid", version=d.version)
            return CatalogRefreshFailed(before, "invalid")
        after = change.version if change is not None else before
        self._svc.reload_catalog()
        self.audit("catalog_refresh", result="applied", version=after)
        return CatalogRefreshed(before, after, change is not None)

    # ------------------------------------------------------------------ audit, storage
    def audit_verify(self) -> AuditVerdict:
        report = self._store().audit.verify()
        self.audit("audit_verify", ok=report.ok)
        return AuditVerdict(
            ok=report.ok,
            entries=report.entries,
            findings=tuple(f.reason for f in report.findings),
            notes=tuple(report.notes),
            head=report.head,
        )

    def storage_overview(self) -> StorageOverview:
        from kiosk.store.retention import last_purge
        from kiosk.store.space import LOW_SPACE_BYTES, low_on_space

        used = 0
        for root, _dirs, files in os.walk(self.data_dir):
            for f in files:
                try:
                    used += os.lstat(os.path.join(root, f)).st_size
                except OSError:
                    pass
        st = os.statvfs(self.data_dir)
        reserve = int(min(LOW_SPACE_BYTES, st.f_blocks * st.f_frsize / 20))
        return StorageOverview(
            data_dir=str(self.data_dir),
            used_bytes=used,
            free_bytes=st.f_bavail * st.f_frsize,
            reserve_bytes=reserve,
            low=low_on_space(self.data_dir),
            last_purge=last_purge(self._store()),
        )

    # ------------------------------------------------------------------ support export
    def _signing_key(self) -> Any:
        from kiosk.store.crypto import read_key
        from kiosk.store.keys import key_path

        return support.signing_key(read_key(key_path(self.data_dir, self.cfg.storage.key_file)))

    def public_key(self) -> str:
        """This terminal's support-signing public key (hex)."""
        return support.public_key_hex(self._signing_key())

    def support_archive(self) -> tuple[str, bytes, bytes]:
        """``(name, archive, detached signature)``."""
        from kiosk.devices.health import health_to_wire

        store = self._store()
        storage = self.storage_overview()
        health = {
            "devices": {n: health_to_wire(h) for n, h in self._svc.health().items()},
            "queue": store.outbox.counts().to_json(),
            "catalog": {"version": store.catalog.version(), "items": store.catalog.count()},
            "storage": {
                "used_bytes": storage.used_bytes,
                "free_bytes": storage.free_bytes,
                "reserve_bytes": storage.reserve_bytes,
                "low": storage.low,
                "last_purge": storage.last_purge,
            },
            "migrations": store.applied_migrations(),
        }
        report = store.audit.verify()
        audit = {
            "head": report.head,
            "ok": report.ok,
            "entries": report.entries,
            "findings": [f.reason for f in report.findings],
        }
        name, data = support.build_archive({"health": health, "audit": audit}, self.cfg)
        sig = support.sign_archive(data, self._signing_key(), self.cfg.terminal.kiosk_id)
        return name, data, sig

    def export_support(
        self, target: Literal["usb", "platform"], usb_mount: str | None = None
    ) -> ExportOutcome:
        import hashlib

        name, data, sig = self.support_archive()
        digest = hashlib.sha256(data).hexdigest()
        if target == "platform":
            out = self._upload(name, data, sig, digest)
        elif target == "usb":
            out = self._to_usb(name, data, sig, digest, usb_mount)
        else:
            raise ValueError(f"unknown export target {target!r}")
        self.audit(
            "support_export",
            target=target,
            ok=isinstance(out, ExportDone),
            reason=getattr(out, "reason", ""),
            sha256=digest,
        )
        return out

    def _upload(self, name: str, data: bytes, sig: bytes, digest: str) -> ExportOutcome:
        from kiosk.ports import platform as pp

        platform = self._svc._port("platform")
        upload = getattr(platform, "upload_support", None)
        if upload is None:
            return ExportFailed("platform", "unavailable", "no platform client")
        r = upload(name, data, sig)
        if isinstance(r, pp.Ok):
            return ExportDone("platform", str(r.data), len(data), digest, name + support.SIG_SUFFIX)
        reason = "offline" if isinstance(r, pp.Unreachable | pp.Retryable) else "refused"
        return ExportFailed("platform", reason, getattr(r, "reason", "") or type(r).__name__)

    def _to_usb(
        self, name: str, data: bytes, sig: bytes, digest: str, usb_mount: str | None
    ) -> ExportOutcome:
        release: Callable[[], None] | None = None
        if usb_mount is not None:
            directory = Path(usb_mount)
            if not directory.is_dir():
                return ExportFailed("usb", "no_drive", f"{directory} is not a mounted drive")
        elif self.mounter is not None:
            try:
                directory, release = self.mounter()
            except Exception as exc:  # noqa: BLE001 - no drive, udisks refused…
                return ExportFailed("usb", "mount_failed", " ".join(str(exc).split())[:200])
        else:
            return ExportFailed("usb", "no_drive", "no USB drive given and no udisks2 here")
        try:
            written = call_within(
                self.usb_write_deadline_s,
                lambda: support.write_to_drive(directory, name, data, sig),
                "usb-export",
            )
            if written is None:
                n = round(self.usb_write_deadline_s)
                return ExportFailed("usb", "write_timeout", f"the drive took no data for {n} s")
            path = written
        except support.WriteFailed as exc:
            return ExportFailed("usb", "write_failed", exc.strerror or "write failed")
        finally:
            if release is not None:
                try:
                    release()
                except Exception:  # noqa: BLE001
                    log.warning("the USB drive was not unmounted cleanly", exc_info=True)
        return ExportDone("usb", str(path), len(data), digest, name + support.SIG_SUFFIX)
