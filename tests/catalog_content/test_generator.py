"""The synthetic item generator used by scale tests and the search benchmark."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from kiosk.catalog.generator import generate_items
from kiosk.catalog.validate import validate_items
from kiosk.domain.checks import is_valid_uscc
from kiosk.domain.items import ServiceItem

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "kiosk" / "schemas" / "service_item.schema.json"


@pytest.fixture(scope="module")
def many() -> list[dict]:
    return generate_items(10_000, seed=11)


def test_output_validates_against_the_schema() -> None:
    validator = Draft202012Validator(
        json.loads(SCHEMA_PATH.read_text("utf-8")), format_checker=FormatChecker()
    )
    items = generate_items(600, seed=3)
    problems = [
        f"{it['name']}: {'/'.join(map(str, e.path))}: {e.message}"
        for it in items
        for e in validator.iter_errors(it)
    ]
    assert problems == []


def test_catalog_validator_and_domain_model_accept_it() -> None:
    items = generate_items(2000, seed=5)
    assert [str(p) for p in validate_items(items)] == []
    for it in items[:300]:
        assert ServiceItem.from_dict(it).to_dict() == it


def test_deterministic_for_a_seed_and_different_across_seeds() -> None:
    assert generate_items(300, seed=42) == generate_items(300, seed=42)
    assert generate_items(300, seed=42) != generate_items(300, seed=43)
    # a longer run extends a shorter one: benchmarks at different sizes share their prefix
    assert generate_items(500, seed=9)[:200] == generate_items(200, seed=9)


def test_edge_sizes() -> None:
    assert generate_items(0) == []
    assert len(generate_items(1)) == 1
    with pytest.raises(ValueError):
        generate_items(-1)


def test_codes_unique_and_valid_at_scale(many: list[dict]) -> None:
    assert len(many) == 10_000
    assert len({i["item_code"] for i in many}) == 10_000
    assert len({i["basic_code"] for i in many}) == 10_000
    bodies = {i["implementing_body"]["code"] for i in many}
    assert all(is_valid_uscc(c) and c.startswith("11") for c in bodies)
    assert all(i["item_code"].startswith(i["implementing_body"]["code"]) for i in many)
    assert all(len(i["item_code"]) <= 36 and len(i["basic_code"]) == 12 for i in many)


def test_bundles_refer_to_generated_items(many: list[dict]) -> None:
    codes = {i["item_code"] for i in many}
    bundles = [i for i in many if i["bundle"]]
    assert bundles
    for b in bundles:
        assert len(b["bundle"]["items"]) >= 2
        assert set(b["bundle"]["items"]) <= codes


def test_names_are_varied_realistic_chinese(many: list[dict]) -> None:
    names = Counter(i["name"] for i in many)
    assert len(names) >= 1000, "enough distinct names for a meaningful search benchmark"
    assert names.most_common(1)[0][1] <= 200, "no single name dominates"
    words = (
        "身份证",
        "社会保障卡",
        "公积金",
        "营业执照",
        "医疗保险",
        "残疾人证",
        "结婚",
        "户口",
        "发票",
    )
    for w in words:
        assert any(w in n for n in names), w
    themes = Counter(t for i in many for ts in i["themes"].values() for t in ts)
    assert len(themes) == 15, themes
    assert sum(1 for i in many if i["commitment"]) > 500
    assert any(m.get("may_be_missing") for i in many for m in i["materials"])
    assert any(m["elicense"] for i in many for m in i["materials"])


def test_person_items_prefill_identity_and_enterprise_items_ask_credit_code(
    many: list[dict],
) -> None:
    for it in many[:2000]:
        fields = {f["name"]: f for f in it["form"]["fields"]}
        if "自然人" in it["service_object"]:
            assert fields["id_number"]["prefill"] == "id_number"
        else:
            assert fields["credit_code"]["type"] == "credit_code"


def test_garbage_collector_state_is_restored() -> None:
    import gc

    assert gc.isenabled()
    generate_items(5)
    assert gc.isenabled()
    gc.disable()
    try:
        generate_items(5)
        assert not gc.isenabled()
    finally:
        gc.enable()
