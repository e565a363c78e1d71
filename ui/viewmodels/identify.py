"""Identify: ID card, social security card or QR code, with what to do when a card fails.

A social security card that wants its PIN opens the PIN pad (state ``pin``). Each PIN the
resident confirms makes exactly one new read with it (:class:`kiosk.service.OneTimePin`: used
once, then wiped); a refused PIN shows the tries left and asks again — nothing is ever re-sent
without the resident typing it. Before the last try the pad warns that a wrong PIN locks the
card; a blocked card offers the ID card and help.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Property, Signal, Slot

from kiosk.service import DeviceHealth, IdentityOutcome, KioskApi, OneTimePin, is_usable
from ui.qtprops import SessionViewModel, qprop
from ui.session import Session
from ui.viewmodels.journey import Journey, is_instant

DEVICE_OF = {"id_card": "id_reader", "ssc": "ssc_reader", "qr": "qr_reader"}

MESSAGES = {
    "waiting_id_card": QT_TRANSLATE_NOOP("Identify", "请将身份证放在读卡区，保持不动"),
    "waiting_ssc": QT_TRANSLATE_NOOP("Identify", "请将社保卡芯片朝内插入读卡口"),
    "waiting_qr": QT_TRANSLATE_NOOP("Identify", "请打开电子证照二维码，对准扫码窗口"),
    "pulled": QT_TRANSLATE_NOOP("Identify", "读卡时证件被移开了。请重新放好，读完前不要移动。"),
    "card_error": QT_TRANSLATE_NOOP(
        "Identify", "这张卡读不出来。请擦拭后重新放置；仍不行请换用其他方式，或点“帮办代办”。"
    ),
    "no_card": QT_TRANSLATE_NOOP("Identify", "没有检测到证件。请重新放置后点“再试一次”。"),
    "expired": QT_TRANSLATE_NOOP(
        "Identify", "证件已过有效期。请换用社保卡或电子证照码，或到人工窗口办理。"
    ),
    "unavailable": QT_TRANSLATE_NOOP("Identify", "这种方式暂时不能使用，请选择其他方式。"),
    "pin": QT_TRANSLATE_NOOP("Identify", "这张社保卡需要输入密码（6位数字）。"),
    "pin_wrong": QT_TRANSLATE_NOOP("Identify", "密码不对，请重新输入。"),
    "pin_checking": QT_TRANSLATE_NOOP("Identify", "正在核对密码，请不要拔卡……"),
    "pin_last": QT_TRANSLATE_NOOP("Identify", "还剩最后一次，输错将锁卡"),
    "pin_blocked": QT_TRANSLATE_NOOP(
        "Identify",
        "这张社保卡的密码已锁定，本机不能再读取。请改用居民身份证，或点“帮办代办”；"
        "解锁请到社保经办机构或社保卡服务银行网点。",
    ),
    "none_available": QT_TRANSLATE_NOOP(
        "Identify", "读卡设备暂时都不能使用。请点“帮办代办”，工作人员会来协助。"
    ),
}


class IdentifyVM(SessionViewModel):
    stateChanged = Signal()
    channelChanged = Signal()
    messageChanged = Signal()
    holderChanged = Signal()
    devicesChanged = Signal()
    triesLeftChanged = Signal()

    def __init__(
        self,
        backend: KioskApi,
        session: Session,
        journey: Journey,
        read_timeout_s: float = 60.0,
    ) -> None:
        super().__init__(backend, session)
        self._journey = journey
        self._timeout = read_timeout_s
        self._state = "choose"
        self._channel = ""
        self._message = ""
        self._holder = ""
        self._triesLeft = -1
        self._health: dict[str, DeviceHealth] = {}
        session.screenChanged.connect(self._on_screen)

    state = qprop(str, "_state", stateChanged)
    """choose | waiting | pin | ok | error | expired | unavailable | blocked."""
    channel = qprop(str, "_channel", channelChanged)
    message = qprop(str, "_message", messageChanged)
    holder = qprop(str, "_holder", holderChanged)
    triesLeft = qprop(int, "_triesLeft", triesLeftChanged)
    """In state ``pin``: the card's PIN tries left (-1: the card does not say)."""

    def _pin_warning(self) -> str:
        return MESSAGES["pin_last"] if self._state == "pin" and self._triesLeft == 1 else ""

    pinWarning = Property(str, _pin_warning, notify=triesLeftChanged)
    """The warning before the last try (untranslated: QML shows it through qsTranslate)."""

    def _pin_refused(self) -> bool:
        return self._state == "pin" and self._message == MESSAGES["pin_wrong"]

    pinRefused = Property(bool, _pin_refused, notify=triesLeftChanged)
    """In state ``pin``: the PIN just typed was refused (the message is an error)."""

    def set_health(self, health: dict[str, DeviceHealth]) -> None:
        if health != self._health:
            self._health = health
            self.devicesChanged.emit()

    def _available(self) -> dict[str, bool]:
        out = {}
        for ch, dev in DEVICE_OF.items():
            h = self._health.get(dev)
            out[ch] = h is None or is_usable(h)
        return out

    available = Property("QVariantMap", _available, notify=devicesChanged)

    def _none_available(self) -> bool:
        return not any(self._available().values())

    noneAvailable = Property(bool, _none_available, notify=devicesChanged)

    def reset(self) -> None:
        self._worker.cancel_all()
        self._set("state", "choose")
        self._set("channel", "")
        self._set("message", "")
        self._set("holder", "")
        self._set("triesLeft", -1)

    @Slot()
    def _on_screen(self) -> None:
        if self._session.screen != "identify":
            self._worker.cancel_all()
            if self._state in ("waiting", "pin"):
                self._set("state", "choose")
        elif self._state != "ok":
            self._set("state", "choose")
            self._set("message", "")

    @Slot(str)
    def start(self, channel: str) -> None:
        if channel not in DEVICE_OF:
            return
        self._worker.cancel_all()
        self._set("channel", channel)
        if not self._available().get(channel, False):
            self._set("state", "unavailable")
            self._set("message", MESSAGES["unavailable"])
            return
        self._set("state", "waiting")
        self._set("message", MESSAGES["waiting_" + channel])
        cancel = self._worker.cancel_event
        timeout = self._timeout
        self._worker.run(
            lambda: self._backend.read_identity(channel, cancel, timeout),  # type: ignore[arg-type]
            self._done,
        )

    @Slot(str)
    def submitPin(self, pin: str) -> None:  # noqa: N802 - Qt naming
        """The PIN the resident confirmed on the pad: one new read of the card with it."""
        if self._state != "pin" or self._channel != "ssc":
            return
        try:
            once = OneTimePin(pin)
        except ValueError:
            return
        finally:
            del pin  # this frame's reference to the digits goes now
        self._worker.cancel_all()
        self._set("state", "waiting")
        self._set("message", MESSAGES["pin_checking"])
        cancel = self._worker.cancel_event
        timeout = self._timeout
        self._worker.run(
            lambda: self._backend.read_identity("ssc", cancel, timeout, once),
            self._done,
        )

    @Slot()
    def retry(self) -> None:
        if self._channel:
            self.start(self._channel)

    @Slot()
    def cancel(self) -> None:
        self._worker.cancel_all()
        self._set("state", "choose")
        self._set("message", "")

    def _done(self, outcome: tuple[str, object]) -> None:
        kind, value = outcome
        self._set("triesLeft", -1)
        if kind != "ok" or not isinstance(value, IdentityOutcome):
            self._set("state", "error")
            self._set("message", MESSAGES["card_error"])
            return
        if value.kind == "cancelled":
            return
        if value.kind == "ok" and value.person is not None:
            self._journey.person = value.person
            self._set("holder", value.person.holder)
            self._set("state", "ok")
            self._set("message", "")
            # 我的空间: the resident's own space; an instant item (即时办结): its result now,
            # instead of the application's form
            if self._journey.space:
                self._session.go("myspace")
            else:
                self._session.go("result" if is_instant(self._journey.item) else "form")
            return
        if value.kind == "pin_required":
            tries = -1 if value.tries_left is None else value.tries_left
            self._set("state", "pin")
            self._set("triesLeft", tries)
            self._set("message", MESSAGES["pin_wrong" if value.reason == "pin_wrong" else "pin"])
            self.triesLeftChanged.emit()  # the warning and the tone depend on state and message
            return
        if value.kind == "card_error" and value.reason == "pin_blocked":
            self._set("state", "blocked")
            self._set("message", MESSAGES["pin_blocked"])
            return
        if value.kind == "expired":
            self._set("state", "expired")
            self._set("message", MESSAGES["expired"])
        elif value.kind == "unavailable":
            self._set("state", "unavailable")
            self._set("message", MESSAGES["unavailable"])
        elif value.kind == "no_card":
            self._set("state", "error")
            self._set("message", MESSAGES["no_card"])
        else:
            self._set("state", "error")
            self._set("message", MESSAGES["pulled" if value.reason == "pulled" else "card_error"])
