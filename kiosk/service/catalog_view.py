"""The serving catalog as a front end uses it: items, search and form checks, built once and
swapped whole when an update arrives (a search running meanwhile uses the old one whole)."""

from __future__ import annotations

import re
from typing import Any

from kiosk.domain.forms import validate_form, validate_value
from kiosk.domain.items import ServiceItem
from kiosk.domain.tongban import guide_lines, with_extra_fields
from kiosk.search import CatalogSearch


class CatalogView:
    def __init__(self, items: list[dict[str, Any]], version: int = 0) -> None:
        # the terminal's own questions (registered region, delivery) are part of the form
        self.items = [with_extra_fields(it) for it in items]
        items = self.items
        self.version = version
        self._domain = {it["item_code"]: ServiceItem.from_dict(it) for it in items}
        self._by_code = {it["item_code"]: it for it in items}
        self._search = CatalogSearch(items)

    @classmethod
    def sample(cls) -> CatalogView:
        """The bundled sample catalog (screenshots, demos, view-model tests)."""
        from kiosk.catalog.sample import load_sample_items

        return cls(load_sample_items(), 1)

    def item(self, item_code: str) -> dict[str, Any] | None:
        return self._by_code.get(item_code)

    def domain(self, item_code: str) -> ServiceItem | None:
        return self._domain.get(item_code)

    def search(self, query: str, limit: int = 20) -> list[str]:
        """Item codes, best first (Chinese, pinyin, initials, codes and synonyms)."""
        return [h.item_code for h in self._search.search(query, limit)]

    def validate_field(
        self, item_code: str, name: str, value: str, card_type: str = "resident"
    ) -> tuple[str, str] | None:
        """``(zh, en)`` when the value is not acceptable, else ``None``. ``card_type``: the
        card the applicant proved their identity with (the ID-number field takes its number)."""
        item = self._domain.get(item_code)
        f = item.form_field(name) if item else None
        if f is None:
            return None
        p = validate_value(f, value, card_type)
        return (p.message_zh, p.message_en) if p else None

    def validate_form(
        self, item_code: str, values: dict[str, str], card_type: str = "resident"
    ) -> dict[str, tuple[str, str]]:
        item = self._domain.get(item_code)
        if item is None:
            return {}
        problems = validate_form(item, values, card_type)
        return {k: (p.message_zh, p.message_en) for k, p in problems.items()}

    def routing_lines(
        self, item_code: str, form: dict[str, str], receiving_region: str
    ) -> dict[str, str]:
        """What a receipt would say about who handles an application of ``form`` and how its
        result is delivered (``handled_by``, ``delivery`` and their ``*_en``; for fakes and
        previews — a real submit computes them from what it stored)."""
        from kiosk.domain.tongban import application_fields, routing_lines

        item = self._by_code.get(item_code)
        if item is None:
            return {}
        try:
            _, routing = application_fields(item, form, receiving_region)
        except ValueError:  # a region the form's own check refuses
            return {}
        return routing_lines(item, routing)

    def phone_of(self, item_code: str, form: dict[str, str]) -> str | None:
        """The contact phone the resident typed: the form's field of type ``phone``."""
        item = self._domain.get(item_code)
        if item is None:
            return None
        for f in item.fields:
            if f.type == "phone" and form.get(f.name):
                return form[f.name]
        return None


# ---------------------------------------------------------------------------------------------
# The guide as a resident reads it, in their language

_NOT_ENGLISH = re.compile("[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")
MATERIAL_FORMS = {"原件": "original", "复印件": "copy", "原件和复印件": "original and copy"}
CASE_TYPES = {"即办件": "done on the spot", "承诺件": "done within the promised time"}


def guide_view(item: dict[str, Any], language: str) -> dict[str, Any]:
    """An item's guide ready to show in ``language`` (``zh_CN`` or ``en``…).

    In English each string is its ``*_en`` sibling where the catalog has one; where it has
    none the Chinese is shown and ``zh_only_notice`` is true (the screen says "Available in
    Chinese only" once); names the catalog marks as official (``zh_only``) stay Chinese without
    the notice. ``kiosk_can_complete`` is false for an item whose ``handling_forms`` do not list
    ``kiosk`` (the person must go to the window): the screen shows and prints the guide and
    says where and when to go instead of offering a form."""
    en = not language.startswith("zh")
    official = set(item.get("zh_only", []))
    fallback = False

    def text(obj: dict[str, Any], key: str, path: str = "") -> str:
        nonlocal fallback
        zh = obj.get(key) or ""
        if not en or not zh or (path or key) in official:
            return zh
        english = obj.get(f"{key}_en") or ""
        if not english or _NOT_ENGLISH.search(english):  # an older catalog's mixed name_en
            fallback = True
            return zh
        return english

    def entries(key: str) -> list[str]:
        nonlocal fallback
        zh = list(item.get(key, []))
        if not en:
            return zh
        english = list(item.get(f"{key}_en", []))
        out = []
        for i, z in enumerate(zh):
            e = english[i] if i < len(english) else ""
            if not e:
                fallback = True
            out.append(e or z)
        return out

    def limit(tl: dict[str, Any]) -> dict[str, Any]:
        return {
            "value": tl.get("value", 0),
            "unit": tl.get("unit", ""),
            "immediate": tl.get("unit") == "immediate" or tl.get("value", 0) == 0,
            "note": text(tl, "note"),
        }

    materials = []
    for m in item.get("materials", []):
        name = m["name"] if (en and m.get("zh_only")) else text(m, "name")
        materials.append(
            {
                "name": name,
                "required": bool(m.get("required")),
                "form": MATERIAL_FORMS.get(m["form"], m["form"]) if en else m["form"],
                "copies": int(m.get("copies", 1)),
                "elicense": bool(m.get("elicense")),
                "may_be_missing": bool(m.get("may_be_missing")),
                "source": text(m, "source"),
            }
        )
    fees = item.get("fees", [])
    forms = item.get("handling_forms")
    case_type = item.get("case_type", "")
    view = {
        "code": item["item_code"],
        "name": text(item, "name"),
        "name_zh": item["name"],
        "body": text(item["implementing_body"], "name", "implementing_body.name"),
        "conditions": entries("conditions"),
        "process": entries("process"),
        "materials": materials,
        "legal": limit(item["legal_time_limit"]),
        "promised": limit(item["promised_time_limit"]),
        "fees": [
            {"name": text(f, "name", "fees.name"), "amount": f"{f['amount_yuan']:g}"} for f in fees
        ],
        "free": not fees or all(f["amount_yuan"] == 0 for f in fees),
        "address": text(item["place"], "address", "place.address"),
        "hours": text(item["place"], "hours", "place.hours"),
        "consult": item["phones"]["consult"],
        "case_type": CASE_TYPES.get(case_type, case_type) if en else case_type,
        "visits": item.get("visits", 0),
        "kiosk_can_complete": forms is None or "kiosk" in forms,
        "handling_forms": list(forms or []),
    }
    lines = guide_lines(item, en)
    view["result_line"] = lines["result"]
    view["tongban_line"] = lines["tongban"]
    view["zh_only_notice"] = fallback
    return view
