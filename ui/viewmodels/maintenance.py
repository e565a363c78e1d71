"""Maintenance mode on the touch screen: the technician's screens over ``MaintenanceApi``.

Entered only from the start screen, never from a resident's session: by holding the
terminal's name in the header for 5 seconds (the PIN pad) or by presenting a technician card
while the start screen is idle (:class:`CardWatcher` polls the reader off the GUI thread,
one call at a time, each with a deadline, and only while the start screen shows). Leaving it
(退出维护, 首页, the idle timeout) is a session wipe: everything shown here is forgotten and
the API is told (``maintenance_exit``, audited).

Every API call runs on a worker thread with a deadline (:meth:`MaintenanceVM._call`): a call
that misses it shows "超时" and its late answer is dropped. The API's answers are tagged values
(``kind`` plus fields); this view-model turns them into plain maps and lists for the QML.
"""

from __future__ import annotations

import dataclasses
import logging
import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Property, QTimer, QUrl, Signal, Slot

from kiosk.service import DeviceHealth, health_reason, health_state, is_usable
from kiosk.service.maintenance_api import (
    SELFTEST_DEVICES,
    AuditVerdict,
    CatalogRefreshed,
    CatalogRefreshFailed,
    ConfigField,
    ConfigRefused,
    ConfigSaved,
    ExportDone,
    ExportFailed,
    OutboxOverview,
    PinBusy,
    PinLocked,
    PinNotSet,
    PinOk,
    PinWrong,
    RetryQueued,
    RetryRefused,
    SelfTestResult,
    StorageOverview,
)
from ui.qtprops import ViewModel, Worker, qprop

log = logging.getLogger("kiosk.ui.maintenance")

PAGES = ["overview", "selftest", "config", "outbox", "catalog", "audit", "storage", "export"]

DEVICE_LABELS = {
    "id_reader": QT_TRANSLATE_NOOP("Maintenance", "身份证读卡器"),
    "ssc_reader": QT_TRANSLATE_NOOP("Maintenance", "社保卡读卡器"),
    "qr_reader": QT_TRANSLATE_NOOP("Maintenance", "扫码器"),
    "printer": QT_TRANSLATE_NOOP("Maintenance", "打印机"),
    "document_printer": QT_TRANSLATE_NOOP("Maintenance", "A4 打印机"),
    "scanner": QT_TRANSLATE_NOOP("Maintenance", "扫描仪"),
    "platform": QT_TRANSLATE_NOOP("Maintenance", "政务平台与时钟"),
    "voice": QT_TRANSLATE_NOOP("Maintenance", "语音播报"),
    "store": QT_TRANSLATE_NOOP("Maintenance", "本机存储"),
    "speaker": QT_TRANSLATE_NOOP("Maintenance", "语音播报"),
    "clock": QT_TRANSLATE_NOOP("Maintenance", "时钟"),
}

MESSAGES = {
    "wrong": QT_TRANSLATE_NOOP("Maintenance", "维护密码不正确，请 %1 秒后再试"),
    "locked": QT_TRANSLATE_NOOP("Maintenance", "输错次数过多，请 %1 秒后再试"),
    "no_pin_set": QT_TRANSLATE_NOOP(
        "Maintenance", "本机还没有设置维护密码：请用 kiosk maintenance pin set 设置"
    ),
    "timeout": QT_TRANSLATE_NOOP("Maintenance", "超时：没有在规定时间内得到结果"),
    "error": QT_TRANSLATE_NOOP("Maintenance", "出错了：%1"),
    "not_technician": QT_TRANSLATE_NOOP("Maintenance", "这不是维护卡。办事请点“开始办事”。"),
    "untrusted": QT_TRANSLATE_NOOP("Maintenance", "维护卡未通过验证（%1），已记录"),
    "unavailable": QT_TRANSLATE_NOOP("Maintenance", "此功能暂不可用（%1）"),
    "by_pin": QT_TRANSLATE_NOOP("Maintenance", "维护密码"),
    "by_card": QT_TRANSLATE_NOOP("Maintenance", "维护卡"),
    "retried": QT_TRANSLATE_NOOP("Maintenance", "已重新排队：%1"),
    "not_retried": QT_TRANSLATE_NOOP("Maintenance", "没有重试：%1"),
    "catalog_ok": QT_TRANSLATE_NOOP("Maintenance", "服务目录已是最新：版本 %1"),
    "catalog_failed": QT_TRANSLATE_NOOP("Maintenance", "更新没有完成：%1"),
    "catalog_changed": QT_TRANSLATE_NOOP("Maintenance", "服务目录已更新到版本 %1"),
    "busy": QT_TRANSLATE_NOOP("Maintenance", "有居民正在办理，现在不能进入维护模式"),
}


def msg(key: str, arg: object = "") -> dict[str, str]:
    """Words for the screen: the source (Chinese) text and its argument; QML translates it
    (``qsTranslate("Maintenance", text).arg(arg)``), so a language switch re-translates it."""
    return {"text": MESSAGES[key], "arg": str(arg)}


CALL_DEADLINE_S = 20.0
"""An ordinary maintenance call (PIN check, configuration, outbox, audit, storage)."""
LONG_DEADLINE_S = 120.0
"""Self-tests (a printed page, a scanned page, a platform round trip) and the export."""
CARD_POLL_S = 2.0
"""How long one technician-card poll waits for a card before handing back."""
CARD_REPOLL_MS = 250
"""After a poll that saw no card: the next one (each poll itself waits up to ``poll_s``)."""
CARD_BACKOFF_MS = 5000
"""After a refused card or a reader error: the next poll (no card: at once)."""


def has_maintenance(backend: Any) -> bool:
    """Whether ``backend`` offers the maintenance API as ``backend.maintenance`` — looked up
    without making it (``KioskService.maintenance`` is made on first use, with its imports:
    that happens on a worker, not while the start screen is being built)."""
    return "maintenance" in getattr(backend, "__dict__", {}) or any(
        "maintenance" in vars(k) for k in type(backend).__mro__
    )


def plain(value: Any) -> Any:
    """An API answer as plain maps and lists for QML (dataclasses, tuples, paths)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    if isinstance(value, Path):
        return str(value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat(sep=" ", timespec="seconds")
    return str(value)


KINDS = {
    PinOk: "ok",
    PinWrong: "wrong",
    PinLocked: "locked",
    PinNotSet: "no_pin_set",
    PinBusy: "busy",
    ConfigSaved: "saved",
    ConfigRefused: "refused",
    RetryQueued: "queued",
    RetryRefused: "refused",
    CatalogRefreshed: "ok",
    CatalogRefreshFailed: "failed",
    ExportDone: "ok",
    ExportFailed: "failed",
}


def kind_of(value: Any) -> str:
    """The tag of an answer: the maintenance API's types by class, the technician card's
    outcome by its ``kind``."""
    k = KINDS.get(type(value))
    if k is not None:
        return k
    return str(getattr(value, "kind", "") or "")


def size_text(n: int) -> str:
    """Bytes for a technician: 1.2 GB, 310 MB, 12 KB."""
    for unit, f in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= f:
            return f"{n / f:.1f} {unit}"
    return f"{n} B"


class _Call:
    """One pending call: its answer counts only while this token is current."""

    __slots__ = ("action", "done", "on_ok", "token")

    def __init__(self, action: str, token: int, on_ok: Callable[[Any], None]) -> None:
        self.action = action
        self.token = token
        self.on_ok = on_ok
        self.done = False


class MaintenanceVM(ViewModel):
    activeChanged = Signal()
    pinOpenChanged = Signal()
    pinMessageChanged = Signal()
    technicianChanged = Signal()
    pageChanged = Signal()
    busyChanged = Signal()
    healthChanged = Signal()
    selftestChanged = Signal()
    fieldsChanged = Signal()
    configResultChanged = Signal()
    outboxChanged = Signal()
    resultChanged = Signal()
    catalogChanged = Signal()
    auditChanged = Signal()
    storageChanged = Signal()
    exportResultChanged = Signal()
    cardMessageChanged = Signal()

    def __init__(
        self,
        backend: Any,
        session: Any,
        *,
        card_poll: bool = True,
        card_poll_s: float = CARD_POLL_S,
        usb_mount: str | None = None,
        api: Any = None,
    ) -> None:
        super().__init__()
        self._given_api = api
        self._has_api = api is not None or has_maintenance(backend)
        self._api_lock = threading.Lock()
        self._backend = backend
        self._session = session
        self.usb_mount = usb_mount
        self._card_poll = card_poll
        """The USB drive's mount point for an export (None: the API finds the drive)."""
        self._worker = Worker(self)
        self._token = 0
        self._calls: dict[str, _Call] = {}
        self._active = False
        self._pinOpen = False
        self._pinMessage: dict[str, str] = {}
        self._technician: dict[str, str] = {}
        self._page = "overview"
        self._busy = ""
        self._health: list[dict[str, Any]] = []
        self._last_errors: dict[str, str] = {}
        self._raw_health: dict[str, DeviceHealth] = {}
        self._selftest: list[dict[str, Any]] = []
        self._fields: list[dict[str, Any]] = []
        self._configResult: dict[str, Any] = {}
        self._outbox: dict[str, Any] = {}
        self._result: dict[str, str] = {}
        self._catalog: dict[str, Any] = {}
        self._audit: dict[str, Any] = {}
        self._storage: dict[str, Any] = {}
        self._exportResult: dict[str, Any] = {}
        self._cardMessage: dict[str, str] = {}
        session.register(self.reset)
        session.screenChanged.connect(self._on_screen)
        self.card = CardWatcher(self, api, backend, session, poll_s=card_poll_s)
        if card_poll and self.card.supported():
            QTimer.singleShot(1000, self, self._arm_if_idle)

    def _arm_if_idle(self) -> None:
        if self._session.screen == "attract" and not self._active:
            self.card.arm()

    # ------------------------------------------------------------ properties
    active = qprop(bool, "_active", activeChanged)
    pinOpen = qprop(bool, "_pinOpen", pinOpenChanged)
    pinMessage = qprop("QVariantMap", "_pinMessage", pinMessageChanged)
    """The PIN pad's answer (wrong / locked with the time left / no PIN set)."""
    technician = qprop("QVariantMap", "_technician", technicianChanged)
    page = qprop(str, "_page", pageChanged)
    busy = qprop(str, "_busy", busyChanged)
    """The action running ("" when none): buttons wait for it."""
    health = qprop("QVariantList", "_health", healthChanged)
    selftest = qprop("QVariantList", "_selftest", selftestChanged)
    fields = qprop("QVariantList", "_fields", fieldsChanged)
    configResult = qprop("QVariantMap", "_configResult", configResultChanged)
    outbox = qprop("QVariantMap", "_outbox", outboxChanged)
    result = qprop("QVariantMap", "_result", resultChanged)
    """The last action's answer in words (retry, catalog refresh)."""
    catalog = qprop("QVariantMap", "_catalog", catalogChanged)
    audit = qprop("QVariantMap", "_audit", auditChanged)
    storage = qprop("QVariantMap", "_storage", storageChanged)
    exportResult = qprop("QVariantMap", "_exportResult", exportResultChanged)
    cardMessage = qprop("QVariantMap", "_cardMessage", cardMessageChanged)
    """On the start screen: a card refused as a technician card."""

    def _pages(self) -> list[str]:
        return list(PAGES)

    pages = Property("QVariantList", _pages, constant=True)

    def _devices(self) -> list[str]:
        return list(SELFTEST_DEVICES)

    devices = Property("QVariantList", _devices, constant=True)
    """The devices that have a self-test of their own."""

    # ------------------------------------------------------------ calls with deadlines
    def _call(
        self,
        action: str,
        fn: Callable[[], Any],
        on_ok: Callable[[Any], None],
        *,
        deadline_s: float = CALL_DEADLINE_S,
        on_fail: Callable[[dict[str, str]], None] | None = None,
    ) -> None:
        """``fn`` on the worker; ``on_ok(answer)`` on the GUI thread, or ``on_fail(words)`` when
        it raised or missed its deadline (then its answer, if it ever comes, is dropped)."""
        self._token += 1
        call = _Call(action, self._token, on_ok)
        self._calls[action] = call
        self._set("busy", action)
        fail = on_fail or self._show_failure

        def finish() -> bool:
            if call.done or self._calls.get(action) is not call:
                return False
            call.done = True
            del self._calls[action]
            if self._busy == action:
                self._set("busy", next(iter(self._calls), ""))
            return True

        def answered(outcome: tuple[str, Any]) -> None:
            if not finish():
                return
            kind, value = outcome
            if kind == "ok":
                on_ok(value)
            else:
                log.warning("maintenance %s failed: %s", action, type(value).__name__)
                fail(msg("error", str(value) or type(value).__name__))

        def missed() -> None:
            if finish():
                log.warning("maintenance %s missed its %.0f s deadline", action, deadline_s)
                fail(msg("timeout"))

        QTimer.singleShot(int(deadline_s * 1000), self, missed)
        self._worker.run(fn, answered)

    def _show_failure(self, words: dict[str, str]) -> None:
        self._set("result", words)

    @property
    def _api(self) -> Any:
        """The maintenance API (made on first use: call this on a worker)."""
        with self._api_lock:
            if self._given_api is None:
                self._given_api = self._backend.maintenance
            return self._given_api

    def _api_has(self, name: str) -> bool:
        return self._has_api

    # ------------------------------------------------------------ entry
    @Slot()
    def openPin(self) -> None:  # noqa: N802
        """The terminal's name held for 5 s: the PIN pad, only on the idle start screen."""
        if self._session.screen != "attract" or self._active or not self._has_api:
            return
        self._set("pinMessage", {})
        self._set("pinOpen", True)

    @Slot()
    def closePin(self) -> None:  # noqa: N802
        self._set("pinOpen", False)
        self._set("pinMessage", {})

    @Slot(str)
    def enterPin(self, pin: str) -> None:  # noqa: N802
        if not self._pinOpen or self._session.screen != "attract" or not pin:
            return

        def done(outcome: Any) -> None:
            kind = kind_of(outcome)
            if kind == "ok":
                self._enter(msg("by_pin"))
            elif isinstance(outcome, PinWrong | PinLocked):
                secs = (
                    outcome.locked_for_s if isinstance(outcome, PinWrong) else outcome.remaining_s
                )
                self._set("pinMessage", msg(kind, max(1, int(secs + 0.999))))
            elif kind in ("no_pin_set", "busy"):
                self._set("pinMessage", msg(kind))
            else:
                self._set("pinMessage", msg("error", kind))

        self._call("pin", lambda: self._api.pin_enter(pin), done, on_fail=self._pin_failed)

    def _pin_failed(self, words: dict[str, str]) -> None:
        self._set("pinMessage", words)

    def card_entered(self, name: str | dict[str, str]) -> None:
        """The card watcher read a technician's card on the idle start screen: the API opens
        maintenance mode (audited, on the worker) and the screens show."""
        if self._enter(name):
            self._call("enter", lambda: self._api.enter("card"), lambda _: None)

    def card_refused(self, words: dict[str, str]) -> None:
        self._set("cardMessage", words)
        QTimer.singleShot(8000, self, lambda: self._set("cardMessage", {}))

    def _enter(self, who: str | dict[str, str]) -> bool:
        if not self._session.enter_maintenance():
            return False
        self.card.stop()
        self._set("pinOpen", False)
        self._set("pinMessage", {})
        self._set("cardMessage", {})
        self._set("technician", who if isinstance(who, dict) else {"text": who, "arg": ""})
        self._set("active", True)
        self._set("page", "overview")
        self.refresh_health()
        return True

    # ------------------------------------------------------------ leaving
    @Slot()
    def exit(self) -> None:
        """退出维护: the session wipe (which calls :meth:`reset`) and the start screen."""
        self._session.home()

    def reset(self) -> None:
        """Every wipe: forget everything shown; a maintenance visit ends (audited by the API)."""
        was_active = self._active
        self._worker.cancel_all()
        self._calls.clear()
        self._set("busy", "")
        self._set("active", False)
        self._set("pinOpen", False)
        self._set("pinMessage", {})
        self._set("technician", {})
        self._set("page", "overview")
        self._set("health", [])
        self._set("selftest", [])
        self._set("fields", [])
        self._set("configResult", {})
        self._set("outbox", {})
        self._set("result", {})
        self._set("catalog", {})
        self._set("audit", {})
        self._set("storage", {})
        self._set("exportResult", {})
        if was_active and self._api_has("maintenance_exit"):
            # not waited for: the audit entry is written on a thread of its own
            threading.Thread(
                target=_quietly,
                args=(lambda: self._api.maintenance_exit(),),
                name="maint-exit",
                daemon=True,
            ).start()

    @Slot()
    def _on_screen(self) -> None:
        screen = self._session.screen
        if screen != "attract":
            self._set("pinOpen", False)
            self._set("cardMessage", {})
        if screen == "attract" and not self._active:
            if self._card_poll:
                self.card.arm()
        elif screen != "maintenance":
            self.card.stop()

    # ------------------------------------------------------------ pages
    @Slot(str)
    def showPage(self, name: str) -> None:  # noqa: N802
        if not self._active or name not in PAGES:
            return
        self._set("page", name)
        self._set("result", {})
        {
            "overview": self.refresh_health,
            "selftest": lambda: None,
            "config": self.load_config,
            "outbox": self.load_outbox,
            "catalog": self.load_catalog,
            "audit": self.verifyAudit,
            "storage": self.load_storage,
            "export": lambda: None,
        }[name]()

    def set_health(self, health: dict[str, DeviceHealth]) -> None:
        """Every change of the devices' health (the status strip's poll): the last error of
        each device is remembered while the kiosk runs."""
        stamp = time.strftime("%H:%M:%S")
        for name, h in health.items():
            if not is_usable(h):
                self._last_errors[name] = f"{stamp} {health_reason(h)}"
        self._raw_health = dict(health)
        if self._active:
            self._show_health()

    def _show_health(self) -> None:
        rows = []
        for name, h in self._raw_health.items():
            rows.append(
                {
                    "name": name,
                    "label": DEVICE_LABELS.get(name, name),
                    "ok": is_usable(h),
                    "state": health_state(h),
                    "detail": health_reason(h),
                    "lastError": self._last_errors.get(name, ""),
                }
            )
        self._set("health", rows)

    @Slot()
    def refresh_health(self) -> None:
        self._call("health", self._backend.health, self._health_answer)

    def _health_answer(self, health: Any) -> None:
        self.set_health(dict(health))
        self._show_health()

    # ---- self-tests
    @Slot(str)
    def runSelftest(self, device: str) -> None:  # noqa: N802
        """One device's self-test, or every device's with ""."""
        if not self._active or not self._api_has("selftest"):
            return
        self._set("page", "selftest")
        dest = self._session.session_path / "scans"

        def run() -> list[dict[str, Any]]:
            results: list[SelfTestResult] = self._api.selftest(device or None)
            return [_result_row(r, dest) for r in results]

        def done(rows: list[dict[str, Any]]) -> None:
            if device:
                kept = [r for r in self._selftest if r["name"] not in {x["name"] for x in rows}]
                order = {r["name"]: i for i, r in enumerate(self._selftest)}
                rows = sorted(kept + rows, key=lambda r: order.get(r["name"], 99))
            self._set("selftest", rows)
            self.refresh_health()

        self._call("selftest", run, done, deadline_s=LONG_DEADLINE_S)

    # ---- configuration
    def load_config(self) -> None:
        if not self._api_has("config_fields"):
            return
        self._call("config", lambda: self._api.config_fields(), self._fields_answer)

    def _fields_answer(self, fields: list[ConfigField]) -> None:
        self._set(
            "fields",
            [
                {
                    "name": f.key,
                    "value": f.value,
                    "kind": f.kind,
                    "choices": list(f.choices),
                    "helpZh": f.help_zh,
                    "helpEn": f.help_en,
                    "default": f.default,
                    "secret": f.kind == "secret",
                }
                for f in fields
            ],
        )

    @Slot(str, str)
    def saveField(self, name: str, text: str) -> None:  # noqa: N802
        """Save one field (as typed: the API parses and validates it like ``kiosk config
        check``; a refused value names the field and nothing is written)."""
        if not self._active or not self._api_has("config_save"):
            return
        if not any(f["name"] == name and not f["secret"] for f in self._fields):
            return

        def done(outcome: Any) -> None:
            if isinstance(outcome, ConfigSaved):
                result = {
                    "kind": "saved",
                    "field": name,
                    "path": outcome.path,
                    "restarted": ", ".join(outcome.restarted_parts),
                    "restartRequired": outcome.restart_required,
                }
            elif isinstance(outcome, ConfigRefused):
                result = {"kind": "refused", "field": outcome.field, "message": outcome.message}
            else:
                result = {"kind": "refused", "field": name, "message": str(outcome)}
            self._set("configResult", result)
            if result["kind"] == "saved":
                self.load_config()

        self._call("save", lambda: self._api.config_save({name: text}), done)

    # ---- outbox
    def load_outbox(self) -> None:
        if not self._api_has("outbox_overview"):
            return
        self._call("outbox", lambda: self._api.outbox_overview(), self._outbox_answer)

    def _outbox_answer(self, o: OutboxOverview) -> None:
        rows = [
            {
                "ref": e.ref,
                "kind": e.kind,
                "state": e.state,
                "code": e.code,
                "reason": e.reason,
                "attempts": e.attempts,
            }
            for e in (*o.rejected, *o.quarantined)
        ]
        oldest = -1 if o.oldest_pending_s is None else int(o.oldest_pending_s // 60)
        self._set("outbox", {"counts": dict(o.counts), "oldestMin": oldest, "rows": rows})

    @Slot(str)
    def retry(self, ref: str) -> None:
        if not self._active or not self._api_has("outbox_retry") or not ref:
            return

        def done(outcome: Any) -> None:
            if isinstance(outcome, RetryQueued):
                self._set("result", msg("retried", outcome.ref))
            else:
                why = outcome.reason if isinstance(outcome, RetryRefused) else str(outcome)
                self._set("result", msg("not_retried", why))
            self.load_outbox()

        self._call("retry", lambda: self._api.outbox_retry(ref), done)

    # ---- catalog, audit, storage
    def load_catalog(self) -> None:
        self._call(
            "catalog",
            lambda: {"version": self._backend.catalog_version()},
            lambda c: self._set("catalog", {**self._catalog, **c}),
        )

    @Slot()
    def refreshCatalog(self) -> None:  # noqa: N802
        if not self._active or not self._api_has("catalog_refresh_now"):
            return

        def done(outcome: Any) -> None:
            if isinstance(outcome, CatalogRefreshed):
                key = "catalog_changed" if outcome.changed else "catalog_ok"
                self._set("result", msg(key, outcome.version_after))
            else:
                why = outcome.reason if isinstance(outcome, CatalogRefreshFailed) else outcome
                self._set("result", msg("catalog_failed", why))
            self.load_catalog()

        self._call(
            "refresh", lambda: self._api.catalog_refresh_now(), done, deadline_s=LONG_DEADLINE_S
        )

    @Slot()
    def verifyAudit(self) -> None:  # noqa: N802
        if not self._active or not self._api_has("audit_verify"):
            return

        def done(v: AuditVerdict) -> None:
            self._set(
                "audit",
                {
                    "ok": v.ok,
                    "entries": v.entries,
                    "findings": list(v.findings),
                    "notes": list(v.notes),
                },
            )

        self._call("audit", lambda: self._api.audit_verify(), done, deadline_s=LONG_DEADLINE_S)

    def load_storage(self) -> None:
        if not self._api_has("storage_overview"):
            return

        def done(o: StorageOverview) -> None:
            purge = o.last_purge or {}
            self._set(
                "storage",
                {
                    "dataDir": o.data_dir,
                    "used": size_text(o.used_bytes),
                    "free": size_text(o.free_bytes),
                    "reserve": size_text(o.reserve_bytes),
                    "low": o.low,
                    "purgeAt": str(purge.get("at", "") or ""),
                    "purge": ", ".join(
                        f"{k} {v}" for k, v in purge.items() if k != "at" and v is not None
                    ),
                },
            )

        self._call("storage", lambda: self._api.storage_overview(), done)

    # ---- export
    @Slot(str)
    def exportSupport(self, target: str) -> None:  # noqa: N802
        if target not in ("usb", "platform"):
            return
        if not self._active or not self._api_has("export_support"):
            return
        mount = self.usb_mount

        def done(outcome: Any) -> None:
            if isinstance(outcome, ExportDone):
                result = {
                    "kind": "ok",
                    "target": outcome.target,
                    "location": outcome.location,
                    "size": size_text(outcome.size),
                    "sha256": outcome.sha256[:16],
                }
            elif isinstance(outcome, ExportFailed):
                result = {
                    "kind": "failed",
                    "target": outcome.target,
                    "reason": outcome.reason,
                    "detail": outcome.detail,
                }
            else:
                result = {"kind": "failed", "target": target, "reason": str(outcome)}
            self._set("exportResult", result)

        def failed(words: dict[str, str]) -> None:
            reason = words["arg"] or "timeout"
            self._set("exportResult", {"kind": "failed", "target": target, "reason": reason})

        self._call(
            "export",
            lambda: self._api.export_support(target, mount),
            done,
            deadline_s=LONG_DEADLINE_S,
            on_fail=failed,
        )

    def workers(self) -> list[Worker]:
        return [self._worker, self.card._worker]


def _quietly(fn: Callable[[], Any]) -> None:
    try:
        fn()
    except Exception:  # noqa: BLE001 - leaving maintenance never fails for the technician
        log.exception("maintenance exit failed")


def _result_row(r: SelfTestResult, dest: Path) -> dict[str, Any]:
    """A self-test result for the screen; a scanned page is copied into the per-session
    directory (wiped when maintenance ends) and shown from there."""
    url = ""
    if r.image_path:
        src = Path(r.image_path)
        if src.is_file():
            dest.mkdir(parents=True, exist_ok=True)
            copy = dest / f"selftest-{r.name}{src.suffix or '.png'}"
            shutil.copyfile(src, copy)
            url = QUrl.fromLocalFile(str(copy)).toString()
    return {
        "name": r.name,
        "label": DEVICE_LABELS.get(r.name, r.name),
        "passed": r.passed,
        "skipped": r.skipped,
        "detail": r.detail,
        "needsPerson": r.needs_person,
        "image": url,
    }


class CardWatcher:
    """Polls the reader for a technician's card while the start screen is idle: one call at a
    time on its own worker, each with a deadline (``poll_s``); stopped on any other screen."""

    def __init__(
        self, vm: MaintenanceVM, api: Any, backend: Any, session: Any, *, poll_s: float
    ) -> None:
        self._vm = vm
        self._session = session
        self._poll_s = poll_s
        self._worker = Worker(vm)
        self._armed = False
        self._running = False
        self._refused_shown = False
        self._need_removal = False
        """A technician's card entered: it must leave the reader before it enters again (else
        leaving maintenance with the card still in would open it again at once)."""
        self._fn = None
        for src in (api, backend, getattr(backend, "__dict__", {}).get("maintenance")):
            fn = getattr(src, "maintenance_enter_card", None)
            if callable(fn):
                self._fn = fn
                break
        self._timer = QTimer(vm)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._poll)
        self.polls = 0

    def supported(self) -> bool:
        return self._fn is not None

    def arm(self) -> None:
        if self._fn is None or self._armed:
            return
        self._armed = True
        self._timer.start(0)

    def stop(self) -> None:
        self._armed = False
        self._timer.stop()
        self._worker.cancel_all()  # sets the running poll's cancel event: it hands back early
        self._running = False

    def _ok_to_poll(self) -> bool:
        return (
            self._armed
            and self._session.screen == "attract"
            and not self._vm.active
            and not self._vm.pinOpen
        )

    def _poll(self) -> None:
        if self._running or not self._armed:
            return
        if not self._ok_to_poll():  # the PIN pad is open, say: look again later
            self._timer.start(CARD_BACKOFF_MS)
            return
        self._running = True
        self.polls += 1
        cancel = self._worker.cancel_event
        fn, timeout = self._fn, self._poll_s
        self._worker.run(lambda: fn(cancel, timeout), self._answer)  # type: ignore[misc]

    def _answer(self, outcome: tuple[str, Any]) -> None:
        self._running = False
        kind, value = outcome
        k = kind_of(value) if kind == "ok" else "reader_error"
        if not self._ok_to_poll():
            if self._armed:
                self._timer.start(CARD_BACKOFF_MS)
            return
        if k == "ok":
            if self._need_removal:
                self._timer.start(CARD_BACKOFF_MS)
                return
            self._need_removal = True
            name = str(getattr(value, "name", "") or "")
            self._vm.card_entered(name or msg("by_card"))
            return
        if k in ("not_technician", "untrusted"):
            if not self._refused_shown:
                reason = str(getattr(value, "reason", "") or "")
                self._vm.card_refused(msg(k, reason))
                self._refused_shown = True
            self._timer.start(CARD_BACKOFF_MS)
            return
        if k in ("no_card", "cancelled", "timeout"):
            self._refused_shown = False
            self._need_removal = False
            self._timer.start(CARD_REPOLL_MS)
            return
        self._timer.start(CARD_BACKOFF_MS)  # reader_error, unavailable, an exception
