"""The quiet status strip (offline, printer out of paper, card reader unavailable) and the
developer panel that flips simulated device states."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Property, QTimer, Signal, Slot

from kiosk.service import DeviceHealth, KioskApi, health_reason, health_state, is_usable
from ui.qtprops import ViewModel, Worker, qprop

NOTICES = {
    ("platform", "offline"): QT_TRANSLATE_NOOP(
        "Strip", "网络未连接：可以照常办理，材料保存在本机，联网后自动发送"
    ),
    ("printer", "paper_out"): QT_TRANSLATE_NOOP("Strip", "打印机缺纸：回执可在屏幕上查看"),
    ("printer", "unavailable"): QT_TRANSLATE_NOOP("Strip", "打印机暂不可用：回执可在屏幕上查看"),
    ("id_reader", "unavailable"): QT_TRANSLATE_NOOP(
        "Strip", "身份证读卡器暂不可用：可用社保卡或二维码"
    ),
    ("ssc_reader", "unavailable"): QT_TRANSLATE_NOOP("Strip", "社保卡读卡器暂不可用"),
    ("qr_reader", "unavailable"): QT_TRANSLATE_NOOP("Strip", "扫码器暂不可用"),
    ("scanner", "unavailable"): QT_TRANSLATE_NOOP("Strip", "扫描仪暂不可用：可用电子证照或到窗口"),
    ("scanner", "jammed"): QT_TRANSLATE_NOOP("Strip", "扫描仪卡纸"),
    ("store", "low_space"): QT_TRANSLATE_NOOP(
        "Strip", "本机存储空间不足：暂停受理新申请，可查询进度或到窗口办理"
    ),
    # only a wedged engine: a terminal without one is silent by design, not faulty
    ("voice", "unresponsive"): QT_TRANSLATE_NOOP("Strip", "语音播报暂不可用：请看屏幕提示"),
}
ORDER = [
    "store", "platform", "printer", "id_reader", "ssc_reader", "qr_reader", "scanner", "voice",
]  # fmt: skip
LOCAL_ONLY_NOTICES = {"voice", "store"}
"""Parts the interface itself runs (not the core's devices): a notice only for a reason
that has its own words."""


def notice_for(name: str, h: DeviceHealth) -> str | None:
    """The strip's words for a device that cannot be used (by its reason where one has its
    own words, ``paper_out`` or ``jammed``), else None."""
    if is_usable(h):
        return None
    own = NOTICES.get((name, health_reason(h)))
    if own or name in LOCAL_ONLY_NOTICES:
        return own
    return NOTICES.get((name, "unavailable"))


class DeviceStatusVM(ViewModel):
    noticesChanged = Signal()
    onlineChanged = Signal()
    healthChanged = Signal()

    def __init__(self, backend: KioskApi, poll_ms: int = 1000) -> None:
        super().__init__()
        self._backend = backend
        self._worker = Worker(self)
        self._notices: list[dict[str, str]] = []
        self._online = True
        self._health: dict[str, DeviceHealth] = {}
        self._core: dict[str, DeviceHealth] = {}
        self._local: dict[str, DeviceHealth] = {}
        self._polling = False
        self.listeners: list[Callable[[dict[str, DeviceHealth]], None]] = []
        self._timer = QTimer(self)
        self._timer.setInterval(poll_ms)
        self._timer.timeout.connect(self.poll)
        self._timer.start()

    notices = qprop("QVariantList", "_notices", noticesChanged)
    online = qprop(bool, "_online", onlineChanged)

    def _health_map(self) -> dict[str, Any]:
        return {
            k: {"ok": is_usable(v), "state": health_state(v), "reason": health_reason(v)}
            for k, v in self._health.items()
        }

    health = Property("QVariantMap", _health_map, notify=healthChanged)

    @Slot()
    def poll(self) -> None:
        if self._polling:
            return
        self._polling = True

        def done(outcome: tuple[str, Any]) -> None:
            self._polling = False
            kind, value = outcome
            if kind == "ok":
                self.apply(value)

        self._worker.run(self._backend.health, done)

    def add_listener(self, fn: Callable[[dict[str, DeviceHealth]], None]) -> None:
        """Call ``fn`` with every change of the devices' health, and now with the current one."""
        self.listeners.append(fn)
        if self._health:
            fn(self._health)

    def poll_now(self) -> None:
        """Synchronous poll, for the in-process fake backend (screenshots, view-model tests):
        with the real kiosk the health is network round trips — use :meth:`poll`."""
        self.apply(self._backend.health())

    def set_local(self, name: str, health: DeviceHealth) -> None:
        """The health of a part the interface runs itself (the voice), shown with the rest."""
        self._local[name] = health
        self.apply(self._core)

    def apply(self, core: dict[str, DeviceHealth]) -> None:
        self._core = dict(core)
        health = {**core, **self._local}
        if health == self._health:
            return
        self._health = dict(health)
        notices = []
        for name in ORDER:
            h = health.get(name)
            if h is None:
                continue
            text = notice_for(name, h)
            if text:
                notices.append({"device": name, "state": health_reason(h), "text": text})
        self._notices = notices
        self.noticesChanged.emit()
        p = health.get("platform")
        self._set("online", p is None or is_usable(p))
        self.healthChanged.emit()
        for fn in self.listeners:
            fn(self._health)

    def stop(self) -> None:
        self._timer.stop()
        self._worker.cancel_all()


DEV_ACTIONS = [
    ("card_insert", "插入身份证"),
    ("card_insert_expired", "插入过期身份证"),
    ("card_pull", "拔出身份证"),
    ("card_fault", "身份证读卡故障"),
    ("ssc_insert", "插入社保卡"),
    ("ssc_pull", "拔出社保卡"),
    ("qr_show", "出示二维码"),
    ("paper_out", "打印机缺纸"),
    ("paper_in", "打印机装纸"),
    ("scanner_jam", "扫描仪卡纸"),
    ("scanner_ok", "扫描仪恢复"),
    ("network_down", "断开网络"),
    ("network_up", "恢复网络"),
]


class DevPanelVM(ViewModel):
    """Developer panel: only when ``ui.developer_panel`` is on. The composition root hands us
    ``control(action) -> str`` that writes the simulators' control files (``drivers/simctl``)."""

    lastChanged = Signal()
    openChanged = Signal()

    def __init__(self, enabled: bool, control: Callable[[str], str] | None) -> None:
        super().__init__()
        self._enabled = enabled and control is not None
        self._control = control
        self._last = ""
        self._open = False
        self._worker = Worker(self)

    enabled = Property(bool, lambda self: self._enabled, constant=True)
    last = qprop(str, "_last", lastChanged)
    open = qprop(bool, "_open", openChanged)
    actions = Property(
        "QVariantList",
        lambda self: [{"key": k, "label": lbl} for k, lbl in DEV_ACTIONS],
        constant=True,
    )

    @Slot(bool)
    def setOpen(self, on: bool) -> None:  # noqa: N802
        self._set("open", on and self._enabled)

    @Slot(str)
    def act(self, action: str) -> None:
        if not self._enabled or self._control is None:
            return
        control = self._control

        def done(outcome: tuple[str, Any]) -> None:
            kind, value = outcome
            self._set("last", f"{action}: {value}" if kind == "ok" else f"{action} failed: {value}")

        self._worker.run(lambda: control(action), done)
