"""One form, prefilled from the card, validated as the resident types (plain-words messages)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal, Slot

from kiosk.service import KioskApi, form_prefill, id_number_label
from ui.qtprops import ViewModel, qprop
from ui.session import Session
from ui.viewmodels.journey import Journey


def input_kind(f: dict[str, Any]) -> str:
    """How the field is typed on screen: ``account`` (digits on the numeric keypad, shown in
    groups of four: bank cards and long account numbers), ``digits`` (the numeric keypad:
    phones, postcodes and other short numbers), ``number`` (the keypad with a decimal point),
    ``date`` (the numeric keypad, the dashes put in for the resident) or ``text``."""
    t, fmt = f["type"], f.get("format")
    if t == "text" and fmt == "bank_card":
        return "account"
    if t == "text" and fmt == "digits":
        return "account" if (f.get("max_length") or 0) > 12 else "digits"
    if t == "phone":
        return "digits"
    if t in ("number", "date"):
        return t
    return "text"


class FormVM(ViewModel):
    fieldsChanged = Signal()
    canContinueChanged = Signal()
    shownErrorsChanged = Signal()

    def __init__(self, backend: KioskApi, session: Session, journey: Journey) -> None:
        super().__init__()
        self._backend = backend
        self._session = session
        self._journey = journey
        self._fields: list[dict[str, Any]] = []
        self._fieldNames: list[str] = []
        self._errors: dict[str, tuple[str, str]] = {}
        self._touched: set[str] = set()
        self._canContinue = False
        self._shownErrors = 0
        self._prepared_for: tuple[str, str] | None = None
        self._prefilled: dict[str, str] = {}
        self._englishName = ""
        session.register(self.reset)
        session.screenChanged.connect(self._on_screen)
        session.languageChanged.connect(self._publish)

    fields = qprop("QVariantList", "_fields", fieldsChanged)
    fieldNamesChanged = Signal()
    fieldNames = qprop("QVariantList", "_fieldNames", fieldNamesChanged)
    """Changes only when another item's form is prepared (so QML delegates keep their focus)."""
    canContinue = qprop(bool, "_canContinue", canContinueChanged)
    englishNameChanged = Signal()
    englishName = qprop(str, "_englishName", englishNameChanged)
    """A foreign permanent resident's name in Latin letters from the card ('' for others)."""
    shownErrors = qprop(int, "_shownErrors", shownErrorsChanged)

    def reset(self) -> None:
        self._fields = []
        self._fieldNames = []
        self.fieldNamesChanged.emit()
        self._errors = {}
        self._touched = set()
        self._prepared_for = None
        self._prefilled = {}
        self._set("englishName", "")
        self.fieldsChanged.emit()
        self._set("canContinue", False)
        self._set("shownErrors", 0)

    @Slot()
    def _on_screen(self) -> None:
        if self._session.screen == "form":
            self.prepare()

    def prepare(self) -> None:
        """Build the fields for the chosen item and prefill them from the proved identity."""
        item, person = self._journey.item, self._journey.person
        if item is None:
            return
        key = (item["item_code"], person.holder if person else "")
        if self._prepared_for == key:
            return
        self._prepared_for = key
        values = dict(self._journey.form)
        self._prefilled = form_prefill(item, person)
        self._set("englishName", person.prefill.get("english_name", "") if person else "")
        for f in item.get("form", {}).get("fields", []):
            if f["name"] not in values:
                values[f["name"]] = self._prefilled.get(f["name"], "")
        self._journey.form = values
        self._fieldNames = [f["name"] for f in item.get("form", {}).get("fields", [])]
        self._touched = {n for n, v in values.items() if v}
        self._revalidate()
        self.fieldNamesChanged.emit()

    def _revalidate(self) -> None:
        code = self._journey.item_code
        if code is None:
            return
        self._errors = self._backend.validate_form(code, self._journey.form)
        self._publish()

    @Slot()
    def _publish(self) -> None:
        item = self._journey.item
        if item is None:
            return
        en = self._session.language.startswith("en")
        person = self._journey.person
        id_label = id_number_label(person.card_type) if person else None
        out = []
        shown = 0
        fields = item.get("form", {}).get("fields", [])
        # the postal address only when the resident chose post (an item that only posts asks
        # no method, and always shows it)
        asks_method = any(f["name"] == "delivery_method" for f in fields)
        posted = self._journey.form.get("delivery_method") == "post"
        for f in fields:
            name = f["name"]
            err = self._errors.get(name)
            show = err is not None and name in self._touched
            shown += 1 if show else 0
            label = (f["label"], f.get("label_en") or f["label"])
            if id_label and f.get("prefill") == "id_number":
                label = id_label  # the number of the card this resident holds
            out.append(
                {
                    "name": name,
                    "label": label[0],
                    "labelEn": label[1],
                    "type": f["type"],
                    "required": f["required"],
                    "value": self._journey.form.get(name, ""),
                    "error": (err[1] if en else err[0]) if show else "",
                    "options": [
                        {
                            "value": o["value"],
                            "label": (o.get("label_en") or o["label"]) if en else o["label"],
                        }
                        for o in f.get("options", [])
                    ],
                    "help": (f.get("help_en") or f.get("help", "")) if en else f.get("help", ""),
                    "prefilled": name in self._prefilled,
                    "maxLength": f.get("max_length", 200),
                    "kind": input_kind(f),
                    "hidden": name == "delivery_address" and asks_method and not posted,
                }
            )
        self._fields = out
        self.fieldsChanged.emit()
        self._set("canContinue", not self._errors)
        self._set("shownErrors", shown)

    @Slot(str, str)
    def setValue(self, name: str, value: str) -> None:  # noqa: N802
        if self._journey.item is None:
            return
        changed = self._journey.form.get(name) != value
        self._journey.form[name] = value
        self._touched.add(name)
        code = self._journey.item_code
        assert code is not None
        if name == "registered_region" and changed and self._journey.form.get("region_confirmed"):
            self._journey.form["region_confirmed"] = ""  # the resident confirms what is there now
            self._revalidate()
            return
        if name in ("delivery_method", "delivery_address"):
            self._revalidate()  # the address is needed only when the result is posted
            return
        problem = self._backend.validate_field(code, name, value)
        if problem is None:
            self._errors.pop(name, None)
        else:
            self._errors[name] = problem
        self._publish()

    @Slot()
    def next(self) -> None:
        """Continue to materials, or show every problem (and stay) when something is missing."""
        self._touched = (
            {f["name"] for f in self._journey.item.get("form", {}).get("fields", [])}
            if self._journey.item
            else set()
        )
        self._revalidate()
        if not self._errors:
            self._session.go("materials")

    def value(self, name: str) -> str:
        return self._journey.form.get(name, "")
