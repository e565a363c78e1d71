"""Review, submit (durable before it says "submitted") and the receipt (paper out, reprint)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Property, Signal, Slot

from kiosk.service import (
    KioskApi,
    PrintOutcome,
    SubmitOutcome,
    guide_view,
    id_number_label,
    is_applicants_id_card,
    mask_id_number,
)
from ui.qtprops import SessionViewModel, qprop
from ui.session import Session
from ui.viewmodels.journey import Journey

SOURCE_LABEL = {
    "scan": QT_TRANSLATE_NOOP("Review", "已扫描"),
    "elicense": QT_TRANSLATE_NOOP("Review", "电子证照"),
    "missing": QT_TRANSLATE_NOOP("Review", "容缺后补"),
    "promise": QT_TRANSLATE_NOOP("Review", "告知承诺"),
    "idcard": QT_TRANSLATE_NOOP("Review", "已读取身份证"),
}


def print_state(outcome: tuple[str, Any]) -> str:
    """A print call's worker outcome as a screen's ``printState``: printed, or why not
    (paper_out, unavailable, error)."""
    kind, value = outcome
    if kind == "ok" and isinstance(value, PrintOutcome):
        return "printed" if value.kind == "ok" else value.kind
    return "error"


class SubmissionVM(SessionViewModel):
    summaryChanged = Signal()
    stateChanged = Signal()
    printStateChanged = Signal()
    resultChanged = Signal()

    def __init__(self, backend: KioskApi, session: Session, journey: Journey) -> None:
        super().__init__(backend, session)
        self._journey = journey
        self._summary: dict[str, Any] = {}
        self._state = "idle"
        self._printState = ""
        self._result: dict[str, Any] = {}
        session.screenChanged.connect(self._on_screen)
        session.languageChanged.connect(self._build_summary)

    summary = qprop("QVariantMap", "_summary", summaryChanged)
    state = qprop(str, "_state", stateChanged)
    """idle | submitting | submitted | failed."""
    printState = qprop(str, "_printState", printStateChanged)
    """'' | printing | printed | paper_out | unavailable | error."""
    result = qprop("QVariantMap", "_result", resultChanged)

    def reset(self) -> None:
        self._worker.cancel_all()
        self._set("summary", {})
        self._set("state", "idle")
        self._set("printState", "")
        self._set("result", {})

    @Slot()
    def _on_screen(self) -> None:
        if self._session.screen == "review":
            self._build_summary()

    @Slot()
    def _build_summary(self) -> None:
        item, person = self._journey.item, self._journey.person
        if item is None or person is None:
            return
        en = self._session.language.startswith("en")
        id_label = id_number_label(person.card_type)
        fields = []
        for f in item.get("form", {}).get("fields", []):
            value = self._journey.form.get(f["name"], "")
            if f["type"] == "enum":
                for o in f.get("options", []):
                    if o["value"] == value:
                        value = (o.get("label_en") or o["label"]) if en else o["label"]
            if f.get("type") == "citizen_id":
                value = mask_id_number(value)
            label = (f["label"], f.get("label_en") or f["label"])
            if id_label and f.get("prefill") == "id_number":
                label = id_label
            fields.append({"label": label[1] if en else label[0], "value": value})
        names = [m["name"] for m in guide_view(item, self._session.language)["materials"]]
        mats = []
        for m, name in zip(item.get("materials", []), names, strict=True):
            ch = self._journey.materials.get(m["material_id"])
            source = ch.source if ch else ""
            if source == "elicense" and person.channel == "id_card" and is_applicants_id_card(m):
                source = "idcard"  # the card just read, cited as its e-license
            mats.append(
                {
                    "name": name,
                    "source": SOURCE_LABEL[source] if ch else "",
                    "provided": ch is not None,
                    "required": m["required"],
                    "supplyBy": ch.supply_by.isoformat() if ch and ch.supply_by else "",
                    "licenseNo": ch.license_no or "" if ch else "",
                }
            )
        self._set(
            "summary",
            {
                "item": (item.get("name_en") or item["name"]) if en else item["name"],
                # The masked holder line only when the form does not show the name itself
                # (a form prefilled from the card shows it in full below: once is enough).
                "holder": ""
                if any(f.get("prefill") == "name" for f in item.get("form", {}).get("fields", []))
                else person.holder,
                "fields": fields,
                "englishName": person.prefill.get("english_name", ""),
                "materials": mats,
                "commitment": bool(item.get("commitment")) and self._journey.commitment_confirmed,
            },
        )

    @Slot()
    def submit(self) -> None:
        if self._state in ("submitting", "submitted") or self._journey.item is None:
            return
        journey = self._journey
        code, form = journey.item_code, dict(journey.form)
        materials = journey.chosen_materials()
        promised = journey.commitment_confirmed
        self._set("state", "submitting")
        self._session.go("submit")

        def done(outcome: tuple[str, Any]) -> None:
            kind, value = outcome
            if kind == "ok" and isinstance(value, SubmitOutcome):
                # only now is the application on disk: only now do we say "submitted"
                self._journey.submitted = value
                # scanned bytes are in the store now; drop the in-memory copies
                self._journey.materials = {}
                self._set(
                    "result",
                    {
                        "localRef": value.local_ref,
                        "createdAt": value.created_at,
                        "statusUrl": value.status_url or value.local_ref,
                        "online": value.online,
                        **self._next_steps(value),
                    },
                )
                self._set("state", "submitted")
                self._session.go("receipt")
                self.printReceipt()
            else:
                self._set("state", "failed")
                self._session.go("review")

        self._worker.run(
            lambda: self._backend.submit(code, form, materials, commitment_accepted=promised),
            done,
        )

    def _next_steps(self, value: SubmitOutcome) -> dict[str, Any]:
        """The 容缺 deadlines and what happens next, as the paper receipt says them."""
        en = self._session.language.startswith("en")
        return {
            "missing": [
                {"name": (name_en or name) if en else name, "supplyBy": by}
                for name, name_en, by in value.missing
            ],
            "timeLimit": value.time_limit_en if en else value.time_limit_zh,
            "office": (value.office_en or value.office) if en else value.office,
            # both languages: the screen follows a language switch after the submit
            "handledBy": value.handled_by,
            "handledByEn": value.handled_by_en or value.handled_by,
            "delivery": value.delivery,
            "deliveryEn": value.delivery_en or value.delivery,
            # 委托代办: both named, masked (empty when the applicant applied themselves)
            "agent": value.agent,
            "principal": value.principal,
        }

    @Slot()
    def printReceipt(self) -> None:  # noqa: N802
        sub = self._journey.submitted
        if sub is None or self._printState == "printing":
            return
        self._set("printState", "printing")
        app_id = sub.application_id

        def done(outcome: tuple[str, Any]) -> None:
            self._set("printState", print_state(outcome))

        self._worker.run(lambda: self._backend.print_receipt(app_id), done)

    @Slot()
    def toRating(self) -> None:  # noqa: N802
        self._session.go("rating")

    def _can_leave(self) -> bool:
        return self._printState in ("printed", "paper_out", "unavailable", "error")

    canLeave = Property(bool, _can_leave, notify=printStateChanged)
