"""The form's values from the proved identity: what a card says, in the field's own terms.

A pick-one field gets the option's value, not the word on the card: a gender field whose
options are ``1 男`` and ``2 女`` is prefilled with ``2`` for a card that says 女 (or ``2``).
A card value that fits none of the options leaves the field for the resident.
"""

from __future__ import annotations

from typing import Any

from kiosk.service.outcomes import PersonView


def _option_value(field: dict[str, Any], word: str) -> str:
    for o in field.get("options", []):
        if word in (o.get("value"), o.get("label"), o.get("label_en")):
            return str(o["value"])
    return ""


def form_prefill(item: dict[str, Any], person: PersonView | None) -> dict[str, str]:
    """``{field name: value}`` for the item's fields that the card can fill (others absent)."""
    if person is None:
        return {}
    out: dict[str, str] = {}
    for f in item.get("form", {}).get("fields", []):
        key = f.get("prefill")
        word = person.prefill.get(key, "") if key else ""
        if not word:
            continue
        value = _option_value(f, word) if f.get("type") == "enum" else word
        if value:
            out[f["name"]] = value
    return out
