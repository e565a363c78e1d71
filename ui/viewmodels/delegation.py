"""委托代办: "替他人办理 / 帮家人办" — an agent identifies with their own ID card, then the
principal: the principal's own ID card, the principal's ID number and the QR authorisation
the platform issued them (verified by the core, offline), or (items that take it) a signed
power of attorney — its names typed, its scan then required among the materials — and the
application goes on for the principal with both named.

Opened from 长辈版's start screen (no item yet: an authorisation names its item, and the guide
of that item opens; after the principal's card the finder opens) or from the identify screen of
an item (an item the person must do in person says why at once). On the identify screen of a
later item the same delegation goes on (:meth:`continueApplication`), after the item's check.
Everything here is masked (``李**  110105********002X``); the core holds the rest and drops it
with the session.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Property, Signal, Slot

from kiosk.service import DelegationOutcome, IdentityOutcome, KioskApi
from ui.qtprops import SessionViewModel, qprop
from ui.session import Session
from ui.viewmodels.journey import Journey

MESSAGES = {
    "agent": QT_TRANSLATE_NOOP("Delegation", "请代办人先将本人身份证放在读卡区，保持不动"),
    "choose": QT_TRANSLATE_NOOP("Delegation", "请选择确认委托人身份的方式"),
    "card": QT_TRANSLATE_NOOP("Delegation", "请取走您的身份证，将委托人（家人）的身份证放在读卡区"),
    "qr_id": QT_TRANSLATE_NOOP("Delegation", "请输入委托人的身份证号码，再扫描委托人的授权码"),
    "qr_wait": QT_TRANSLATE_NOOP("Delegation", "请打开委托人的代办授权二维码，对准扫码窗口"),
    "no_card": QT_TRANSLATE_NOOP("Delegation", "没有检测到证件或二维码，请重新放置后再试一次。"),
    "card_error": QT_TRANSLATE_NOOP(
        "Delegation", "这张卡读不出来，请重新放好；仍不行请点“帮办代办”。"
    ),
    "expired": QT_TRANSLATE_NOOP("Delegation", "证件已过有效期，不能用于代办。"),
    "unavailable": QT_TRANSLATE_NOOP("Delegation", "读卡或扫码设备暂时不能使用，请点“帮办代办”。"),
    "poa": QT_TRANSLATE_NOOP(
        "Delegation",
        "请按授权委托书填写委托人的姓名和身份证号码；委托书原件稍后在提交材料时扫描",
    ),
}
WAIT_S = 60.0


class DelegationVM(SessionViewModel):
    stateChanged = Signal()
    busyChanged = Signal()
    messageChanged = Signal()
    messageEnChanged = Signal()
    agentChanged = Signal()
    principalChanged = Signal()
    wayChanged = Signal()
    authorisedItemChanged = Signal()
    itemNameChanged = Signal()
    itemNameEnChanged = Signal()
    waysChanged = Signal()
    toneChanged = Signal()
    fromItemChanged = Signal()

    def __init__(
        self, backend: KioskApi, session: Session, journey: Journey, timeout_s: float = WAIT_S
    ) -> None:
        super().__init__(backend, session)
        self._journey = journey
        self._timeout = timeout_s
        self._state = "idle"
        self._busy = False
        self._message = ""
        self._messageEn = ""
        self._agent = ""
        self._principal = ""
        self._way = ""
        self._authorisedItem = ""
        self._itemName = ""
        self._itemNameEn = ""
        self._ways: list[str] = []
        self._person: Any = None
        self._fromItem = False
        self._tone = "info"
        session.screenChanged.connect(self._on_screen)

    state = qprop(str, "_state", stateChanged)
    """idle | agent | choose | card | qr | poa | ok | in_person."""
    busy = qprop(bool, "_busy", busyChanged)
    """Waiting on a reader (the card or the code)."""
    message = qprop(str, "_message", messageChanged)
    """A source string (translated by QML in context Delegation), or the core's Chinese."""
    messageEn = qprop(str, "_messageEn", messageEnChanged)
    """The core's English of ``message`` (empty for the screen's own messages)."""
    agent = qprop(str, "_agent", agentChanged)
    principal = qprop(str, "_principal", principalChanged)
    way = qprop(str, "_way", wayChanged)
    authorisedItem = qprop(str, "_authorisedItem", authorisedItemChanged)
    itemName = qprop(str, "_itemName", itemNameChanged)
    itemNameEn = qprop(str, "_itemNameEn", itemNameEnChanged)
    tone = qprop(str, "_tone", toneChanged)
    """How the message shows: info, error (a refusal, a failed read) or warn (in person)."""
    fromItem = qprop(bool, "_fromItem", fromItemChanged)
    """Opened from an item's identify screen (back goes there)."""
    ways = qprop("QVariantList", "_ways", waysChanged)
    """How the principal may be identified here (card, qr_authorisation)."""

    def _active(self) -> bool:
        return self._state == "ok" and self._person is not None

    active = Property(bool, _active, notify=stateChanged)
    """Someone acts for someone in this session (the identify screen goes on with them)."""

    def reset(self) -> None:
        self._worker.cancel_all()
        self._person = None
        self._set("fromItem", False)
        self._set("busy", False)
        self._set("state", "idle")
        self._say("")
        self._set("agent", "")
        self._set("principal", "")
        self._set("way", "")
        self._set("authorisedItem", "")
        self._set("itemName", "")
        self._set("itemNameEn", "")
        self._set("ways", [])

    def _say(self, zh: str, en: str = "", tone: str = "info") -> None:
        self._set("message", zh)
        self._set("messageEn", en)
        self._set("tone", tone)

    @Slot()
    def _on_screen(self) -> None:
        screen = self._session.screen
        if screen != "delegation":
            self._worker.cancel_all()
            self._set("busy", False)
            if screen == "identify" and self._active():
                self._check_item()
            return
        self.begin()

    def begin(self) -> None:
        """The screen opens: for an item already chosen, first whether an agent may apply for
        it at all; then the agent's own card."""
        self._worker.cancel_all()
        self._person = None
        item = self._journey.item
        self._set("fromItem", item is not None)
        self._set("itemName", item["name"] if item else "")
        self._set("itemNameEn", (item.get("name_en") or item["name"]) if item else "")
        if item is not None:
            refusal = self._backend.delegation_refusal(item["item_code"])
            if refusal is not None:
                self._set("state", "in_person")
                self._say(refusal[1], refusal[2], "warn")
                return
            ways = self._backend.agent_ways(item["item_code"])
        else:  # the item comes later: its own check then says whether the way fits it
            ways = ("card", "qr_authorisation", "power_of_attorney")
        self._set("ways", list(ways))
        self.readAgentCard()

    @Slot()
    def readAgentCard(self) -> None:  # noqa: N802
        self._worker.cancel_all()
        self._set("state", "agent")
        self._set("busy", True)
        self._say(MESSAGES["agent"])
        cancel, timeout = self._worker.cancel_event, self._timeout
        self._worker.run(
            lambda: self._backend.read_identity("id_card", cancel, timeout),
            self._agent_read,
        )

    def _agent_read(self, outcome: tuple[str, object]) -> None:
        kind, value = outcome
        self._set("busy", False)
        if kind != "ok" or not isinstance(value, IdentityOutcome):
            self._say(MESSAGES["card_error"], tone="error")
            return
        if value.kind == "cancelled":
            return
        if value.kind == "ok" and value.person is not None:
            self._set("agent", value.person.holder)
            self._set("state", "choose")
            self._say(MESSAGES["choose"])
            return
        self._say(MESSAGES.get(value.kind, MESSAGES["card_error"]), tone="error")

    @Slot()
    def readPrincipalCard(self) -> None:  # noqa: N802
        self._worker.cancel_all()
        self._set("state", "card")
        self._set("busy", True)
        self._say(MESSAGES["card"])
        cancel, timeout = self._worker.cancel_event, self._timeout
        self._worker.run(lambda: self._backend.read_principal_card(cancel, timeout), self._done)

    @Slot()
    def chooseAuthorisation(self) -> None:  # noqa: N802
        self._worker.cancel_all()
        self._set("busy", False)
        self._set("state", "qr")
        self._say(MESSAGES["qr_id"])

    @Slot(str)
    def scanAuthorisation(self, id_number: str) -> None:  # noqa: N802
        """The principal's ID number as typed; then wait for their authorisation code."""
        self._worker.cancel_all()
        self._set("state", "qr")
        self._set("busy", True)
        self._say(MESSAGES["qr_wait"])
        cancel, timeout = self._worker.cancel_event, self._timeout
        item = self._journey.item_code if self._fromItem else None
        self._worker.run(
            lambda: self._backend.principal_by_authorisation(id_number, cancel, timeout, item),
            self._done,
        )

    @Slot()
    def choosePowerOfAttorney(self) -> None:  # noqa: N802
        self._worker.cancel_all()
        self._set("busy", False)
        self._set("state", "poa")
        self._say(MESSAGES["poa"])

    @Slot(str, str)
    def usePowerOfAttorney(self, name: str, id_number: str) -> None:  # noqa: N802
        """The principal as the signed power of attorney names them; its scan is asked for
        with the materials (required then)."""
        self._worker.cancel_all()
        self._set("busy", True)
        self._worker.run(
            lambda: self._backend.principal_by_power_of_attorney(name, id_number), self._done
        )

    @Slot()
    def cancel(self) -> None:
        """Stop waiting; back to choosing how (or, before the agent's card, to reading it)."""
        self._worker.cancel_all()
        self._set("busy", False)
        if self._agent:
            self._set("state", "choose")
            self._say(MESSAGES["choose"])

    def _done(self, outcome: tuple[str, object]) -> None:
        kind, value = outcome
        self._set("busy", False)
        if kind != "ok" or not isinstance(value, DelegationOutcome):
            self._say(MESSAGES["card_error"], tone="error")
            return
        if value.kind == "cancelled":
            return
        if value.kind == "ok":
            self._person = value.person
            self._set("principal", value.principal)
            self._set("agent", value.agent or self._agent)
            self._set("way", value.way)
            self._set("authorisedItem", value.item_code)
            self._set("state", "ok")
            self._say("")
            return
        if value.kind == "refused":
            self._say(value.message_zh, value.message_en, "error")
        else:
            self._say(MESSAGES.get(value.kind, MESSAGES["card_error"]), tone="error")

    @Slot(result=str)
    def proceed(self) -> str:
        """Go on for the principal: the item's form when one was chosen before, else the
        authorised item's code (QML opens its guide), else "" (QML opens the finder)."""
        if not self._active():
            return ""
        if self._fromItem and self._journey.item is not None:
            self._go_on()
            return ""
        return self._authorisedItem

    def _go_on(self) -> None:
        """On to the form for the principal; with a power of attorney its scan is required."""
        item = self._journey.item
        if item is not None and self._way == "power_of_attorney":
            self._journey.item = {
                **item,
                "materials": [
                    dict(m, required=True) if m["material_id"] == "power_of_attorney" else m
                    for m in item.get("materials", [])
                ],
            }
        self._journey.person = self._person
        self._session.go("form")

    # ---------------------------------------------------------- the identify screen
    def _check_item(self) -> None:
        code = self._journey.item_code
        refusal = self._backend.delegation_refusal(code) if code else None
        if refusal is None:
            self._say("")
        else:
            self._say(refusal[1], refusal[2], "warn")

    def _can_continue(self) -> bool:
        return self._active() and self._message == ""

    canContinue = Property(bool, _can_continue, notify=messageChanged)

    @Slot()
    def continueApplication(self) -> None:  # noqa: N802
        """On the identify screen of the chosen item: go on for the principal."""
        self._check_item()
        if self._can_continue() and self._journey.item is not None:
            self._go_on()

    @Slot()
    def stop(self) -> None:
        """The agent applies for themselves instead: the principal is dropped."""
        self._backend.stop_acting_for()
        self.reset()
