"""Rating (好差评), 办不成事 report, 帮办代办 help and the status lookup."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Property, Signal, Slot

import kiosk.service as api
from kiosk.service import FeedbackOutcome, KioskApi, StatusOutcome
from ui.qtprops import SessionViewModel, qprop
from ui.session import Session
from ui.viewmodels.journey import Journey

# Codes and labels (zh, en) are the core's (through the application API): the platform
# validates the codes.

MAX_COMMENT = 500
"""The platform's limit for a review comment (kiosk.usecases.feedback checks it again)."""

# 好差评 dimensions (domain-reference §4), keys as the platform's review body names them
DIMENSIONS = {
    "overall": ("总体评价", "Overall"),
    "efficiency": ("办事效率", "Efficiency"),
    "service": ("服务水平", "Service"),
    "attitude": ("服务态度", "Attitude"),
}

HELP_REASONS = [
    ("elderly", QT_TRANSLATE_NOOP("Help", "不会操作，需要有人帮忙")),
    ("disability", QT_TRANSLATE_NOOP("Help", "行动或视力不便")),
    ("proxy", QT_TRANSLATE_NOOP("Help", "替家人代办")),
    ("device", QT_TRANSLATE_NOOP("Help", "机器不能用")),
]
STATUS_LABEL = {
    "received": QT_TRANSLATE_NOOP("Status", "已收件"),
    "queued": QT_TRANSLATE_NOOP("Status", "已保存，待发送"),
    "accepted": QT_TRANSLATE_NOOP("Status", "已受理"),
    "supplement_required": QT_TRANSLATE_NOOP("Status", "需要补充材料"),
    "in_review": QT_TRANSLATE_NOOP("Status", "审核中"),
    "approved": QT_TRANSLATE_NOOP("Status", "已通过"),
    "rejected": QT_TRANSLATE_NOOP("Status", "未通过"),
    "completed": QT_TRANSLATE_NOOP("Status", "已办结"),
}


class RatingVM(SessionViewModel):
    ratingChanged = Signal()
    reasonsChanged = Signal()
    stateChanged = Signal()
    moreChanged = Signal()
    dimensionsChanged = Signal()
    commentChanged = Signal()
    contactChanged = Signal()

    def __init__(self, backend: KioskApi, session: Session, journey: Journey) -> None:
        super().__init__(backend, session)
        self._journey = journey
        self._rating = 0
        self._reasons: list[str] = []
        self._state = ""
        self._more = False
        self._dimensions: dict[str, int] = {}
        self._comment = ""
        self._contact = ""

    rating = qprop(int, "_rating", ratingChanged)
    reasons = qprop("QVariantList", "_reasons", reasonsChanged)
    state = qprop(str, "_state", stateChanged)
    more = qprop(bool, "_more", moreChanged)
    dimensions = qprop("QVariantMap", "_dimensions", dimensionsChanged)
    comment = qprop(str, "_comment", commentChanged)
    contact = qprop(str, "_contact", contactChanged)
    dimensionOptions = Property(
        "QVariantList",
        lambda self: [{"key": k, "label": zh, "labelEn": en} for k, (zh, en) in DIMENSIONS.items()],
        constant=True,
    )

    levels = Property(
        "QVariantList",
        lambda self: [
            {"value": v, "label": zh, "labelEn": en}
            for v, (zh, en) in sorted(api.RATING_LABELS.items(), reverse=True)
        ],
        constant=True,
    )
    reasonOptions = Property(
        "QVariantList",
        lambda self: [
            {"key": k, "label": zh, "labelEn": en} for k, (zh, en) in api.BAD_REVIEW_REASONS.items()
        ],
        constant=True,
    )

    def _needs_reason(self) -> bool:
        return self._rating in (1, 2)

    needsReason = Property(bool, _needs_reason, notify=ratingChanged)

    def _contact_invalid(self) -> bool:
        c = self._contact.strip()
        return bool(c) and not api.is_valid_phone(c)

    contactInvalid = Property(bool, _contact_invalid, notify=contactChanged)

    def _can_send(self) -> bool:
        return (
            self._rating > 0
            and (not self._needs_reason() or bool(self._reasons))
            and not self._contact_invalid()
        )

    canSend = Property(bool, _can_send, notify=reasonsChanged)

    def reset(self) -> None:
        self._worker.cancel_all()
        self._set("rating", 0)
        self._reasons = []
        self.reasonsChanged.emit()
        self._set("state", "")
        self._set("more", False)
        self._dimensions = {}
        self.dimensionsChanged.emit()
        self._set("comment", "")
        self._set("contact", "")

    @Slot()
    def toggleMore(self) -> None:  # noqa: N802
        """The optional part (four dimensions, comment, phone) opens only when asked for."""
        self._set("more", not self._more)

    @Slot(str, int)
    def setDimension(self, key: str, value: int) -> None:  # noqa: N802
        """Tapping the chosen score again clears it: every dimension stays optional."""
        if key not in DIMENSIONS or not 1 <= value <= 5:
            return
        if self._dimensions.get(key) == value:
            del self._dimensions[key]
        else:
            self._dimensions[key] = value
        self.dimensionsChanged.emit()

    @Slot(str)
    def setComment(self, text: str) -> None:  # noqa: N802
        self._set("comment", text[:MAX_COMMENT])

    @Slot(str)
    def setContact(self, text: str) -> None:  # noqa: N802
        self._set("contact", text.strip()[:20])
        self.reasonsChanged.emit()  # canSend depends on a valid (or empty) phone

    @Slot(int)
    def choose(self, value: int) -> None:
        self._set("rating", value)
        if not self._needs_reason():
            self._reasons = []
        self.reasonsChanged.emit()

    @Slot(str)
    def toggleReason(self, key: str) -> None:  # noqa: N802
        if key in self._reasons:
            self._reasons.remove(key)
        else:
            self._reasons.append(key)
        self.reasonsChanged.emit()

    @Slot()
    def send(self) -> None:
        if not self._can_send() or self._state == "sending":
            return
        self._set("state", "sending")
        sub = self._journey.submitted
        rating, reasons = self._rating, list(self._reasons)
        code = self._journey.item_code
        # only what the resident gave: without it the call is the plain five-level review
        extra: dict[str, Any] = {}
        if self._dimensions:
            extra["dimensions"] = dict(self._dimensions)
        if self._contact.strip():
            extra["contact"] = self._contact.strip()
        comment = self._comment.strip()

        def done(outcome: tuple[str, Any]) -> None:
            self._set("state", "sent" if outcome[0] == "ok" else "error")
            if outcome[0] == "ok":
                self._session.go("done")

        self._worker.run(
            lambda: self._backend.submit_review(
                rating=rating,
                reasons=reasons,
                comment=comment,
                local_ref=sub.local_ref if sub else None,
                item_code=code,
                **extra,
            ),
            done,
        )

    @Slot()
    def skip(self) -> None:
        """Rating is voluntary: skipping is always one tap."""
        self._session.go("done")


class ProblemVM(SessionViewModel):
    categoryChanged = Signal()
    descriptionChanged = Signal()
    stateChanged = Signal()
    refChanged = Signal()

    def __init__(self, backend: KioskApi, session: Session) -> None:
        super().__init__(backend, session)
        self._category = ""
        self._description = ""
        self._state = ""
        self._ref = ""

    category = qprop(str, "_category", categoryChanged)
    description = qprop(str, "_description", descriptionChanged)
    state = qprop(str, "_state", stateChanged)
    ref = qprop(str, "_ref", refChanged)
    categories = Property(
        "QVariantList",
        lambda self: [
            {"key": k, "label": zh, "labelEn": en} for k, (zh, en) in api.PROBLEM_CATEGORIES.items()
        ],
        constant=True,
    )

    def reset(self) -> None:
        self._worker.cancel_all()
        for n in ("category", "description", "state", "ref"):
            self._set(n, "")

    @Slot(str)
    def setCategory(self, key: str) -> None:  # noqa: N802
        self._set("category", key)

    @Slot(str)
    def setDescription(self, text: str) -> None:  # noqa: N802
        self._set("description", text[:500])

    @Slot()
    def send(self) -> None:
        if not self._category or self._state == "sending":
            return
        self._set("state", "sending")
        cat = self._category
        # typing is optional (many residents cannot): the category's words then describe it
        desc = self._description.strip() or api.PROBLEM_CATEGORIES[cat][0]

        def done(outcome: tuple[str, Any]) -> None:
            kind, value = outcome
            if kind == "ok" and isinstance(value, FeedbackOutcome):
                self._set("ref", value.ref)
                self._set("state", "sent")
            else:
                self._set("state", "error")

        self._worker.run(
            lambda: self._backend.report_problem(
                category=cat, description=desc, contact=None, item_code=None
            ),
            done,
        )


class HelpVM(SessionViewModel):
    stateChanged = Signal()
    refChanged = Signal()

    def __init__(self, backend: KioskApi, session: Session) -> None:
        super().__init__(backend, session)
        self._state = ""
        self._ref = ""

    state = qprop(str, "_state", stateChanged)
    ref = qprop(str, "_ref", refChanged)
    reasons = Property(
        "QVariantList",
        lambda self: [{"key": k, "label": lbl} for k, lbl in HELP_REASONS],
        constant=True,
    )
    hotline = Property(str, lambda self: self._backend.hotline(), constant=True)

    def reset(self) -> None:
        self._worker.cancel_all()
        self._set("state", "")
        self._set("ref", "")

    @Slot(str)
    def ask(self, reason: str) -> None:
        if self._state in ("sending", "sent"):
            return
        self._set("state", "sending")

        def done(outcome: tuple[str, Any]) -> None:
            kind, value = outcome
            if kind == "ok" and isinstance(value, FeedbackOutcome):
                self._set("ref", value.ref)
                self._set("state", "sent")
            else:
                self._set("state", "error")

        self._worker.run(lambda: self._backend.request_help(reason=reason), done)


class StatusVM(SessionViewModel):
    refChanged = Signal()
    stateChanged = Signal()
    resultChanged = Signal()

    def __init__(self, backend: KioskApi, session: Session) -> None:
        super().__init__(backend, session)
        self._ref = ""
        self._state = ""
        self._result: dict[str, Any] = {}
        session.screenChanged.connect(self._on_screen)

    ref = qprop(str, "_ref", refChanged)
    state = qprop(str, "_state", stateChanged)
    """'' | scanning | looking | found | not_found | offline | error."""
    result = qprop("QVariantMap", "_result", resultChanged)

    def reset(self) -> None:
        self._worker.cancel_all()
        self._set("ref", "")
        self._set("state", "")
        self._set("result", {})

    @Slot()
    def _on_screen(self) -> None:
        if self._session.screen != "status":
            self._worker.cancel_all()

    @Slot(str)
    def setRef(self, text: str) -> None:  # noqa: N802
        self._set("ref", text.strip().upper() if text.strip().isascii() else text.strip())

    @Slot()
    def scanCode(self) -> None:  # noqa: N802
        self._worker.cancel_all()
        self._set("state", "scanning")
        cancel = self._worker.cancel_event

        def done(outcome: tuple[str, Any]) -> None:
            kind, value = outcome
            if kind == "ok" and value:
                self._set("ref", str(value))
                self.lookup()
            else:
                self._set("state", "")

        self._worker.run(lambda: self._backend.scan_receipt_code(cancel, 60.0), done)

    @Slot()
    def lookup(self) -> None:
        ref = self._ref
        if not ref:
            return
        self._set("state", "looking")

        def done(outcome: tuple[str, Any]) -> None:
            kind, value = outcome
            if kind != "ok" or not isinstance(value, StatusOutcome):
                self._set("state", "error")
                return
            self._set(
                "result",
                {
                    "ref": value.ref or ref,
                    "applicationNo": value.application_no or "",
                    "status": value.status,
                    "statusLabel": STATUS_LABEL.get(value.status, value.status),
                    "updatedAt": value.updated_at,
                    "history": [
                        {
                            "status": STATUS_LABEL.get(h.get("status", ""), h.get("status", "")),
                            "at": h.get("at", ""),
                            "note": h.get("note", ""),
                            "noteEn": h.get("note_en", ""),
                        }
                        for h in value.history
                    ],
                    "source": value.source,
                    # the platform's sealed confirmation: verified | refused | "" (none yet)
                    "acceptance": value.acceptance,
                    "acceptanceIssuer": value.acceptance_issuer,
                    "acceptanceZh": value.acceptance_zh,
                    "acceptanceEn": value.acceptance_en,
                },
            )
            self._set("state", value.kind)

        self._worker.run(lambda: self._backend.lookup_status(ref), done)
