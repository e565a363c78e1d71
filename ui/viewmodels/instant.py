"""Instant items (即时办结): the result document fetched right after identification, shown
with its verified seal, and printed on the receipt printer where it fits.

The fetch (``instant_result``: the platform call with its deadline, then the offline seal and
holder checks in the core) runs on the worker; the screen shows the busy state meanwhile.
What the screen may show comes only from a verified result (``InstantOutcome.result``); a
refusal says why and that nothing was printed; offline or timed out, the resident may apply
instead (the ordinary form → materials → submit path: the identity read stays).

States: ``idle`` | ``fetching`` | ``verified`` | ``refused`` | ``offline`` (also a timeout).
The document's content is personal data: it lives in this view-model only until the wipe.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal, Slot

from kiosk.service import KioskApi, Unavailable
from ui.qtprops import SessionViewModel, qprop
from ui.session import Session
from ui.viewmodels.journey import Journey
from ui.viewmodels.submission import print_state

REFUSED = {"seal_refused", "wrong_holder", "malformed", "refused", "not_instant"}
"""Outcome kinds with nothing to show: the reason and the window."""

HEADINGS = {
    "seal_refused": QT_TRANSLATE_NOOP("Instant", "电子印章未通过验证"),
    "wrong_holder": QT_TRANSLATE_NOOP("Instant", "证明的持有人与所读证件不一致"),
    "malformed": QT_TRANSLATE_NOOP("Instant", "平台返回的证明无法读取"),
    "refused": QT_TRANSLATE_NOOP("Instant", "平台未能出具该证明"),
    "not_instant": QT_TRANSLATE_NOOP("Instant", "该事项不能在本机即时出具"),
    "error": QT_TRANSLATE_NOOP("Instant", "暂时取不到证明"),
    "offline": QT_TRANSLATE_NOOP("Instant", "暂时连不上政务服务平台"),
    "timeout": QT_TRANSLATE_NOOP("Instant", "政务服务平台响应超时"),
}


class InstantVM(SessionViewModel):
    stateChanged = Signal()
    viewChanged = Signal()
    printStateChanged = Signal()

    def __init__(self, backend: KioskApi, session: Session, journey: Journey) -> None:
        super().__init__(backend, session)
        self._journey = journey
        self._state = "idle"
        self._view: dict[str, Any] = {}
        self._printState = ""
        self._result_id = ""
        self._outcome: Any = None
        self._a4 = False
        session.screenChanged.connect(self._on_screen)
        session.languageChanged.connect(self._build_view)

    state = qprop(str, "_state", stateChanged)
    """idle | fetching | verified | refused | offline."""
    view = qprop("QVariantMap", "_view", viewChanged)
    printState = qprop(str, "_printState", printStateChanged)
    """'' | printing | printed | paper_out | unavailable | error."""

    def reset(self) -> None:
        self._worker.cancel_all()
        self._outcome = None
        self._result_id = ""
        self._set("state", "idle")
        self._set("view", {})
        self._set("printState", "")

    @Slot()
    def _on_screen(self) -> None:
        if self._session.screen == "result":
            self.fetch()  # each time the card was read for it: a new answer
        elif self._state == "fetching":  # left while waiting: that answer is not wanted
            self._worker.cancel_all()
            self._set("state", "idle")

    @Slot()
    def fetch(self) -> None:
        """Ask for the result (again): off the GUI thread, the core's deadline bounds it."""
        code = self._journey.item_code
        if code is None or self._state == "fetching":
            return
        self._outcome = None
        self._result_id = ""
        self._set("printState", "")
        self._set("view", {})
        self._set("state", "fetching")
        self._worker.run(lambda: self._fetch_io(code), self._done)

    def _fetch_io(self, code: str) -> tuple[Any, bool]:
        """On the worker: the result, and (for an A4-only one) whether this terminal has an A4
        printer at all (the core's cached device health; a status is a round trip to CUPS)."""
        outcome = self._backend.instant_result(code)
        r = getattr(outcome, "result", None)
        if r is None or r.fits_receipt:
            return outcome, False
        h = self._backend.health().get("document_printer")
        return outcome, h is not None and h != Unavailable("absent")

    def _done(self, outcome: tuple[str, Any]) -> None:
        kind, value = outcome
        if kind == "ok":
            value, self._a4 = value
        if kind != "ok" or not hasattr(value, "kind"):
            self._outcome = None
            self._set("state", "refused")
            self._build_view()
            return
        self._outcome = value
        result = value.result if value.kind == "verified" else None
        self._result_id = result.result_id if result is not None else ""
        if result is not None:
            state = "verified"
        elif value.can_queue:
            state = "offline"
        else:
            state = "refused"
        self._build_view()
        self._set("state", state)

    @Slot()
    def _build_view(self) -> None:
        """What the screen shows, in the resident's language (the document itself is Chinese:
        its facts show in the Chinese interface and on the paper)."""
        item = self._journey.item or {}
        en = self._session.language.startswith("en")
        doc = item.get("result_document") or {}
        body = item.get("implementing_body") or {}
        title_zh = doc.get("title") or item.get("name", "")
        title_en = doc.get("title_en") or item.get("name_en") or ""
        out = self._outcome
        if out is None and self._state != "refused":
            return  # nothing fetched yet (or a wipe): nothing to show
        view: dict[str, Any] = {
            "title": (title_en or title_zh) if en else title_zh,
            "fitsReceipt": bool(doc.get("fits_receipt")),
            "kind": out.kind if out is not None else "error",
            "heading": HEADINGS.get(out.kind if out is not None else "error", HEADINGS["error"]),
            "reason": (out.message_en if en else out.message_zh) if out is not None else "",
            "canQueue": bool(out is not None and out.can_queue),
            "verified": False,
        }
        r = out.result if out is not None and out.kind == "verified" else None
        if r is not None:
            issuer = r.issuer
            if en and issuer == body.get("name"):
                zh_only = "implementing_body.name" in item.get("zh_only", [])
                issuer = issuer if zh_only else body.get("name_en") or issuer
            view.update(
                {
                    "verified": True,
                    "title": (title_en or r.title) if en else r.title,
                    "issuer": issuer,
                    "issuerHasEnglish": not en or issuer != r.issuer,
                    "holderName": "" if en else r.holder_name_masked,
                    "holderId": r.holder_id_masked,
                    "issuedAt": r.issued_at.replace("T", " ").removesuffix("Z")[:16] + " UTC",
                    "resultId": r.result_id,
                    "facts": [] if en else [{"label": k, "value": v} for k, v in r.facts],
                    "factsInChinese": en and bool(r.facts),
                    "fitsReceipt": r.fits_receipt,
                    "a4Printer": (not r.fits_receipt) and self._a4,
                }
            )
        self._set("view", view)

    @Slot()
    def printResult(self) -> None:  # noqa: N802
        """The verified result on the receipt printer where it fits, else on the A4 printer
        (where the terminal has one)."""
        rid = self._result_id
        receipt = bool(self._view.get("fitsReceipt"))
        if (
            self._state != "verified"
            or not rid
            or not (receipt or self._view.get("a4Printer"))
            or self._printState == "printing"
        ):
            return
        self._set("printState", "printing")

        def done(outcome: tuple[str, Any]) -> None:
            self._set("printState", print_state(outcome))

        if receipt:
            self._worker.run(lambda: self._backend.print_instant_result(rid), done)
        else:
            self._worker.run(lambda: self._backend.print_instant_result_a4(rid), done)

    @Slot()
    def applyInstead(self) -> None:  # noqa: N802
        """Offline: an ordinary application (form → materials → submit, through the outbox)."""
        if self._state == "offline":
            self._session.go("form")

    @Slot()
    def finish(self) -> None:
        if self._printState != "printing":
            self._session.go("rating")
