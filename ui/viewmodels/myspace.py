"""我的空间: the resident's own space (一人一档, 免申即享), opened from the start screen.

The resident taps 我的空间, identifies on the ordinary identify screen (ID card, social security
card or QR code: :class:`ui.viewmodels.identify.IdentifyVM` routes to ``myspace`` when the
journey is the space's), and sees what the platform holds for them: their applications on this
and the other channels with status and next step, their e-licenses, and the 免申即享 benefits
they qualify for, one tap confirming a benefit whose policy needs it.

Every platform call (``my_space``, ``confirm_benefit``: the core's deadlines bound them) runs on
the worker; the screen shows the busy state meanwhile. Known offline before the card is read,
the screen says so at once (no card is asked for) and offers the way back. An answer about
another person is refused by the core: the screen shows the message and nothing else.

States: ``idle`` | ``loading`` | ``ok`` | ``offline`` | ``refused`` | ``wrong_holder``.
What the platform answered is personal data: it lives in this view-model only until the wipe
(:meth:`reset`), which drops it and every list the screen's models were built from.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal, Slot

from kiosk.service import DeviceHealth, KioskApi, is_usable
from ui.qtprops import SessionViewModel, qprop
from ui.session import Session
from ui.viewmodels.feedback import STATUS_LABEL
from ui.viewmodels.journey import Journey

CHANNELS = {
    "kiosk": QT_TRANSLATE_NOOP("MySpace", "自助终端"),
    "web": QT_TRANSLATE_NOOP("MySpace", "网上办事大厅"),
    "window": QT_TRANSLATE_NOOP("MySpace", "服务窗口"),
}
BENEFIT_STATUS = {
    "granted": QT_TRANSLATE_NOOP("MySpace", "已享受，无需操作"),
    "awaiting_confirmation": QT_TRANSLATE_NOOP("MySpace", "待您确认"),
    "confirmed": QT_TRANSLATE_NOOP("MySpace", "已确认"),
}
OFFLINE_BEFORE_CARD = (
    "暂时连不上政务服务平台。我的空间需要联网才能查看，请稍后再来，或到窗口查询。",
    "The platform cannot be reached. Your space is shown only online: please come back "
    "later, or ask at a service window.",
)
FAILED = (
    "暂时打不开您的空间，请稍后再试，或到窗口查询。",
    "Your space cannot be opened now; please try again later, or ask at a service window.",
)


class MySpaceVM(SessionViewModel):
    stateChanged = Signal()
    viewChanged = Signal()
    confirmingChanged = Signal()

    def __init__(self, backend: KioskApi, session: Session, journey: Journey) -> None:
        super().__init__(backend, session)
        self._journey = journey
        self._state = "idle"
        self._view: dict[str, Any] = {}
        self._confirming = ""
        self._outcome: Any = None
        """The core's ``SpaceOutcome`` (its ``space`` is the personal data)."""
        self._message: tuple[str, str] = ("", "")
        self._confirmed: dict[str, Any] = {}
        """Confirmation outcomes of this session by benefit id (``ConfirmOutcome``)."""
        self._notice: tuple[str, str, str, str] = ("", "", "", "")
        """The last confirmation's result: (benefit id, tone, Chinese, English)."""
        self._online = True
        session.screenChanged.connect(self._on_screen)
        session.languageChanged.connect(self._build_view)

    state = qprop(str, "_state", stateChanged)
    """idle | loading | ok | offline | refused | wrong_holder."""
    view = qprop("QVariantMap", "_view", viewChanged)
    confirming = qprop(str, "_confirming", confirmingChanged)
    """The benefit whose confirmation is on its way ('' none)."""

    def reset(self) -> None:
        self._worker.cancel_all()
        self._outcome = None
        self._confirmed = {}
        self._notice = ("", "", "", "")
        self._message = ("", "")
        self._set("confirming", "")
        self._set("state", "idle")
        self._set("view", {})

    def set_health(self, health: dict[str, DeviceHealth]) -> None:
        h = health.get("platform")
        self._online = h is None or is_usable(h)

    # ------------------------------------------------------------ navigation
    @Slot()
    def begin(self) -> None:
        """我的空间 on the start screen: identify (no item), then the space. Known offline: the
        space screen says so at once, with the way back; no card is asked for."""
        if not self._online:  # (no step indicator: no card was asked for)
            self._fail("offline", OFFLINE_BEFORE_CARD)
            self._session.go("myspace")
            return
        self._journey.space = True
        self._session.go("identify")

    @Slot()
    def _on_screen(self) -> None:
        if self._session.screen == "myspace":
            if self._journey.person is not None and self._state == "idle":
                self.fetch()
        elif self._state == "loading":  # left while waiting: that answer is not wanted
            self._worker.cancel_all()
            self._set("state", "idle")

    @Slot()
    def retry(self) -> None:
        """再试一次: the space asked again; before a card was read, the card (if online now)."""
        if self._journey.person is None:
            if self._online:
                self._message = ("", "")
                self._set("view", {})
                self._set("state", "idle")  # fetched once the card is read
                self._journey.space = True
                self._session.go("identify")
            return
        self.fetch()

    # ------------------------------------------------------------ the platform
    @Slot()
    def fetch(self) -> None:
        if self._journey.person is None or self._state == "loading":
            return
        self._outcome = None
        self._notice = ("", "", "", "")
        self._set("view", {})
        self._set("state", "loading")
        self._worker.run(self._backend.my_space, self._done)

    def _fail(self, state: str, message: tuple[str, str]) -> None:
        self._outcome = None
        self._message = message
        self._build_view()
        self._set("state", state)

    def _done(self, outcome: tuple[str, Any]) -> None:
        kind, value = outcome
        if kind != "ok" or not hasattr(value, "kind"):
            self._fail("refused", FAILED)
            return
        if value.kind != "ok" or value.space is None:
            state = value.kind if value.kind in ("offline", "wrong_holder") else "refused"
            self._fail(state, (value.message, value.message_en))
            return
        self._outcome = value
        self._message = ("", "")
        self._build_view()
        self._set("state", "ok")

    @Slot(str)
    def confirm(self, benefit_id: str) -> None:
        """One tap: the benefit confirmed (a second tap or a retry is the same request)."""
        if self._state != "ok" or self._confirming or not self._awaiting(benefit_id):
            return
        self._set("confirming", benefit_id)
        self._notice = ("", "", "", "")
        self._build_view()

        def done(outcome: tuple[str, Any]) -> None:
            self._set("confirming", "")
            kind, value = outcome
            if kind != "ok" or not hasattr(value, "kind"):
                self._notice = (benefit_id, "warn", *FAILED)
            elif value.kind == "wrong_holder":  # nothing of the space stays on screen
                self._fail("wrong_holder", (value.message, value.message_en))
                return
            elif value.kind == "confirmed":
                self._confirmed[benefit_id] = value  # its number shows in the status line
                self._notice = (benefit_id, "ok", value.message, value.message_en)
            else:
                self._notice = (benefit_id, "warn", value.message, value.message_en)
            self._build_view()

        self._worker.run(lambda: self._backend.confirm_benefit(benefit_id), done)

    def _awaiting(self, benefit_id: str) -> bool:
        space = self._outcome.space if self._outcome is not None else None
        return space is not None and any(
            b.benefit_id == benefit_id
            and b.needs_confirmation
            and b.status == "awaiting_confirmation"
            and benefit_id not in self._confirmed
            for b in space.benefits
        )

    # ------------------------------------------------------------ what the screen shows
    @Slot()
    def _build_view(self) -> None:
        """What the screen shows, in the resident's language (the platform's names of items,
        benefits and policies are Chinese: shown as they are, with a notice in English)."""
        en = self._session.language.startswith("en")
        space = self._outcome.space if self._outcome is not None else None
        if space is None:
            msg = self._message[1] if en else self._message[0]
            self._set("view", {"message": msg} if msg else {})
            return
        stamp = self._backend.local_stamp
        apps = [
            {
                "no": a.application_no,
                "name": a.item_name,
                "channel": CHANNELS.get(a.channel, a.channel),
                "status": a.status,
                "statusLabel": STATUS_LABEL.get(a.status, a.status),
                "updatedAt": stamp(a.updated_at),
                "nextStep": (a.next_step_en or a.next_step) if en else a.next_step,
                "nextInChinese": en and not a.next_step_en and bool(a.next_step),
                "deadline": a.deadline or "",
            }
            for a in space.applications
        ]
        benefits = []
        for b in space.benefits:
            done = self._confirmed.get(b.benefit_id)
            status = "confirmed" if done is not None else b.status
            benefits.append(
                {
                    "id": b.benefit_id,
                    "name": b.name,
                    "policy": b.policy,
                    "amount": b.amount,
                    "status": status,
                    "statusLabel": BENEFIT_STATUS.get(status, status),
                    "canConfirm": b.needs_confirmation and status == "awaiting_confirmation",
                    "confirmBy": b.confirm_by or "",
                    "confirmationNo": (done.confirmation_no if done else b.confirmation_no) or "",
                }
            )
        licenses = [
            {
                "name": x.type_name,
                "no": x.license_no,
                "issuer": x.issuer,
                "validTo": x.valid_to,
                "verifiedBy": x.verified_by,
            }
            for x in (space.licenses or ())
        ]
        bid, tone, zh, en_text = self._notice
        self._set(
            "view",
            {
                "applications": apps,
                "benefits": benefits,
                "licenses": licenses,
                "licensesUnavailable": space.licenses is None,
                "inChinese": en,
                "notice": {"id": bid, "tone": tone, "text": en_text if en else zh} if bid else {},
            },
        )
