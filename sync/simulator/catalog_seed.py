"""Seeding the simulator's catalog from the project's sample catalog, and malformed versions.

Every seeded item is validated against the published JSON Schema
(``kiosk/schemas/service_item.schema.json``); an invalid sample item is skipped with a warning
rather than served, because the simulator plays a well-behaved platform unless a test asks
for a malformed catalog version (:func:`publish_malformed`).
"""

from __future__ import annotations

import copy
import json
import logging
from functools import cache
from importlib import resources
from typing import Any

from sync.simulator.store import SimStore

log = logging.getLogger("sync.simulator")

# Used only when the sample catalog is not installed (a broken checkout): two valid items.
_FALLBACK_BODY = {"name": "示范区政务服务中心", "code": "11110105MB0000000X"}


def _fallback_item(suffix: str, name: str, name_en: str) -> dict[str, Any]:
    return {
        "item_code": _FALLBACK_BODY["code"] + suffix,
        "basic_code": "000000000001",
        "name": name,
        "name_en": name_en,
        "item_type": "20",
        "service_object": ["自然人"],
        "implementing_body": dict(_FALLBACK_BODY),
        "conditions": ["本辖区居民"],
        "legal_time_limit": {"value": 5, "unit": "working_days"},
        "promised_time_limit": {"value": 3, "unit": "working_days"},
        "case_type": "承诺件",
        "visits": 0,
        "fees": [],
        "place": {"address": "示范路1号", "hours": "工作日 9:00-17:00"},
        "phones": {"consult": "12345", "complaint": "12345"},
        "version": "1",
        "effective_from": "2026-01-01",
        "themes": {"person": ["household"]},
        "materials": [
            {
                "material_id": "id_card",
                "name": "居民身份证",
                "required": True,
                "form": "原件",
                "medium": "paper_or_electronic",
                "copies": 1,
            },
            {
                "material_id": "photo",
                "name": "照片",
                "required": False,
                "form": "原件",
                "medium": "electronic",
                "copies": 1,
            },
        ],
        "form": {
            "fields": [{"name": "phone", "label": "联系电话", "type": "phone", "required": True}]
        },
    }


FALLBACK_ITEMS = [
    _fallback_item("0000000001", "居住证明开具", "Certificate of residence"),
    _fallback_item("0000000002", "独生子女父母光荣证办理", "Only-child parents' certificate"),
]


@cache
def _validator() -> Any:
    from jsonschema import Draft202012Validator

    text = resources.files("kiosk.schemas").joinpath("service_item.schema.json").read_text("utf-8")
    return Draft202012Validator(json.loads(text))


def item_errors(item: Any) -> list[str]:
    """Schema problems of one item (empty when valid)."""
    if not isinstance(item, dict):
        return ["an item must be a JSON object"]
    return [
        f"{'.'.join(map(str, e.absolute_path)) or '(item)'}: {e.message[:120]}"
        for e in _validator().iter_errors(item)
    ][:5]


def sample_items() -> list[dict[str, Any]]:
    try:
        from kiosk.catalog.sample import load_sample_items

        items = load_sample_items()
    except (ImportError, OSError, ValueError, KeyError) as exc:
        log.warning(
            "sample catalog not available (%s); serving %d built-in items", exc, len(FALLBACK_ITEMS)
        )
        return copy.deepcopy(FALLBACK_ITEMS)
    good = []
    for i, item in enumerate(items):
        errors = item_errors(item)
        if errors:
            log.warning("sample catalog item #%d skipped: %s", i + 1, "; ".join(errors))
        else:
            good.append(item)
    return good


def seed(store: SimStore) -> int:
    """Publish the sample catalog as a full snapshot; the new version."""
    return store.publish(sample_items(), [], full=True)


def publish_malformed(store: SimStore) -> int:
    """A new catalog version whose delta carries an item that fails the schema.

    The broken item reuses a real item code (so a kiosk that accepted it would corrupt a good
    entry) with its required ``name`` removed and a negative fee.
    """
    current = store.catalog_since(None)["items"]
    base = copy.deepcopy(current[0]) if current else _fallback_item("0000000001", "x", "x")
    base.pop("name", None)
    base["fees"] = [{"name": "工本费", "amount_yuan": -5}]
    return store.publish([base], [])
