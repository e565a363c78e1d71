"""The shipped sample catalog: what residents and technicians see must be well-formed and real."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from kiosk.catalog.sample import load_sample_catalog, load_sample_items, sample_catalog_path
from kiosk.catalog.validate import validate_items
from kiosk.domain.checks import is_valid_uscc
from kiosk.domain.forms import validate_form
from kiosk.domain.items import ServiceItem
from kiosk.search import CatalogSearch

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_PATH = ROOT / "kiosk" / "schemas" / "service_item.schema.json"

PERSON_THEMES = [
    "birth", "schooling", "employment", "marriage_childbirth", "housing", "household",
    "social_insurance", "medical_insurance", "pension", "disability", "after_death",
]  # fmt: skip
ENTERPRISE_THEMES = ["opening", "change", "operating_permit", "closing"]
ID_CARD_ITEMS = {"居民身份证首次申领", "居民身份证换领", "居民身份证补领", "临时居民身份证申领"}


@pytest.fixture(scope="module")
def items() -> list[dict]:
    return load_sample_items()


@pytest.fixture(scope="module")
def by_name(items: list[dict]) -> dict[str, dict]:
    return {i["name"]: i for i in items}


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text("utf-8"))
    return Draft202012Validator(schema, format_checker=FormatChecker())


def test_file_is_utf8_json_with_version_and_items() -> None:
    raw = sample_catalog_path().read_bytes()
    data = json.loads(raw.decode("utf-8"))
    assert isinstance(data["version"], int) and data["version"] >= 1
    assert data == load_sample_catalog()
    assert "身份证" in raw.decode("utf-8")  # stored as readable UTF-8, not \\u escapes


def test_at_least_80_items(items: list[dict]) -> None:
    assert len(items) >= 80


def test_every_item_validates_against_the_schema(items: list[dict], validator) -> None:
    problems = [
        f"{it.get('name')}: {'/'.join(map(str, e.path))}: {e.message}"
        for it in items
        for e in validator.iter_errors(it)
    ]
    assert problems == []


def test_the_catalog_validator_accepts_it(items: list[dict]) -> None:
    assert [str(p) for p in validate_items(items)] == []


def test_domain_model_round_trips_every_item(items: list[dict]) -> None:
    for it in items:
        assert ServiceItem.from_dict(it).to_dict() == it, it["name"]


def test_codes_unique_and_well_formed(items: list[dict]) -> None:
    codes = Counter(i["item_code"] for i in items)
    assert [c for c, n in codes.items() if n > 1] == []
    basics = Counter(i["basic_code"] for i in items)
    assert [c for c, n in basics.items() if n > 1] == []
    for it in items:
        body = it["implementing_body"]["code"]
        assert len(body) == 18 and is_valid_uscc(body), (it["name"], body)
        assert body.startswith("11"), "implementing bodies are 机关 (机构编制 + 机关)"
        assert it["item_code"].startswith(body), it["name"]
        assert 18 < len(it["item_code"]) <= 36
        assert re.fullmatch(r"[0-9A-Z]{12}", it["basic_code"]), it["basic_code"]
        assert it["basic_code"][:2] == it["item_type"]


def test_a_body_has_one_code_and_a_code_one_body(items: list[dict]) -> None:
    code_of: dict[str, set[str]] = {}
    name_of: dict[str, set[str]] = {}
    for it in items:
        b = it["implementing_body"]
        code_of.setdefault(b["name"], set()).add(b["code"])
        name_of.setdefault(b["code"], set()).add(b["name"])
    assert all(len(v) == 1 for v in code_of.values())
    assert all(len(v) == 1 for v in name_of.values())


def test_only_items_applied_for(items: list[dict]) -> None:
    assert {i["item_type"] for i in items} <= {"01", "05", "07", "08", "09", "10", "20", "21"}


@pytest.mark.parametrize("theme", PERSON_THEMES)
def test_every_person_theme_has_items(items: list[dict], theme: str) -> None:
    assert sum(theme in i["themes"].get("person", []) for i in items) >= 2


@pytest.mark.parametrize("theme", ENTERPRISE_THEMES)
def test_every_enterprise_theme_has_items(items: list[dict], theme: str) -> None:
    assert sum(theme in i["themes"].get("enterprise", []) for i in items) >= 2


def test_bundles_refer_to_items_of_the_catalog(items: list[dict]) -> None:
    by_code = {i["item_code"]: i for i in items}
    bundles = [i for i in items if i["bundle"]]
    assert len(bundles) >= 3
    assert {"新生儿出生一件事", "企业开办一件事", "身后一件事"} <= {b["name"] for b in bundles}
    for b in bundles:
        parts = b["bundle"]["items"]
        assert len(parts) >= 2 and len(set(parts)) == len(parts)
        for code in parts:
            assert code in by_code, (b["name"], code)
            assert code != b["item_code"]
            assert by_code[code]["bundle"] is None, "a bundle combines ordinary items"
        # one combined form: every part's fields are answered by the bundle form (by name)
        names = {f["name"] for f in b["form"]["fields"]}
        assert {"applicant_name", "id_number", "phone"} <= names or "credit_code" in names


def test_the_four_resident_id_items_exist_and_sfz_finds_them_first(items: list[dict]) -> None:
    names = {i["name"] for i in items}
    assert ID_CARD_ITEMS <= names
    search = CatalogSearch(items)
    for query in ("sfz", "身份证", "shenfenzheng"):
        top = [h.name for h in search.search(query, limit=4)]
        assert set(top) == ID_CARD_ITEMS, (query, top)


def test_id_card_fees(by_name: dict[str, dict]) -> None:
    for name in ("居民身份证换领", "居民身份证补领"):
        assert [f["amount_yuan"] for f in by_name[name]["fees"]] == [20]
    assert [f["amount_yuan"] for f in by_name["临时居民身份证申领"]["fees"]] == [10]
    free = sum(1 for i in by_name.values() if not i["fees"])
    assert free >= len(by_name) * 0.8, "most items are free of charge"


def test_every_field_is_bilingual_and_enums_have_options(items: list[dict]) -> None:
    for it in items:
        assert it.get("name_en"), it["name"]
        for f in it["form"]["fields"]:
            assert f.get("label_en"), (it["name"], f["name"])
            if f["type"] == "enum":
                assert len(f["options"]) >= 2, (it["name"], f["name"])
                assert all(o.get("label_en") for o in f["options"]), (it["name"], f["name"])
            if f["type"] in ("text", "textarea"):
                assert f.get("max_length"), (it["name"], f["name"])
        names = [f["name"] for f in it["form"]["fields"]]
        assert len(names) == len(set(names)), it["name"]
        mids = [m["material_id"] for m in it["materials"]]
        assert len(mids) == len(set(mids)), it["name"]


def test_person_forms_prefill_name_id_and_phone_and_enterprise_forms_ask_credit_code(
    items: list[dict],
) -> None:
    for it in items:
        fields = {f["name"]: f for f in it["form"]["fields"]}
        if "自然人" in it["service_object"]:
            assert fields["applicant_name"].get("prefill") == "name", it["name"]
            assert fields["id_number"]["type"] == "citizen_id"
            assert fields["id_number"].get("prefill") == "id_number", it["name"]
            assert fields["phone"]["type"] == "phone", it["name"]
        else:
            assert any(f["type"] == "credit_code" for f in fields.values()), it["name"]


def test_a_plausibly_filled_form_passes_the_form_validator(items: list[dict]) -> None:
    """The field definitions are coherent: a resident can actually complete every form."""
    sample = {
        "citizen_id": "11010519491231002X",
        "credit_code": "91350100M000100Y43",
        "phone": "13800138000",
        "date": "2026-03-01",
        "text": "测试",
        "textarea": "测试说明",
        "region": "北京市东城区",
    }
    for it in items:
        values = {}
        item = ServiceItem.from_dict(it)  # with the terminal's own 通办 and delivery questions
        for f in item.fields:
            if f.type == "enum":
                values[f.name] = f.options[0].value
            elif f.type == "number":
                values[f.name] = str(int(f.min or 0) + 1)
            elif f.format == "bank_card":
                values[f.name] = "6214830100001238"
            elif f.format == "digits":
                values[f.name] = "1100012345"
            else:
                values[f.name] = sample[f.type]
        assert validate_form(item, values) == {}, it["name"]


def test_materials_are_realistic(items: list[dict]) -> None:
    mats = [m for i in items for m in i["materials"]]
    lic_types = {m["elicense"]["type_name"] for m in mats if m["elicense"]}
    assert {
        "居民身份证", "居民户口簿", "结婚证", "出生医学证明", "营业执照", "不动产权证书", "社会保障卡", "残疾人证",
    } <= lic_types  # fmt: skip
    # one catalogue code per licence type
    code_of: dict[str, set[str]] = {}
    for m in mats:
        if m["elicense"]:
            code_of.setdefault(m["elicense"]["type_name"], set()).add(m["elicense"]["type_code"])
    assert all(len(v) == 1 for v in code_of.values())
    missing = [m for m in mats if m.get("may_be_missing")]
    assert len(missing) >= 10
    assert all(1 <= m["supplement_days"] <= 90 for m in missing)
    assert all(m["required"] for m in missing), "容缺 only makes sense for required materials"
    assert sum(1 for m in mats if m.get("omittable")) >= 10
    assert any(m["form"] == "复印件" for m in mats)


def test_commitments(items: list[dict]) -> None:
    with_commitment = [i for i in items if i["commitment"]]
    assert len(with_commitment) >= 10
    for it in with_commitment:
        c = it["commitment"]
        assert 150 <= len(c["text"]) <= 400, (it["name"], len(c["text"]))
        assert "承诺" in c["text"] and c["text"].endswith("。")
        assert c.get("text_en") and not re.search(r"[\u4e00-\u9fff]", c["text_en"]), it["name"]
        mids = {m["material_id"] for m in it["materials"]}
        assert set(c.get("material_ids", [])) <= mids, it["name"]


def test_time_limits_cases_and_places(items: list[dict]) -> None:
    for it in items:
        promised, legal = it["promised_time_limit"], it["legal_time_limit"]
        if promised["unit"] == "immediate":
            assert it["case_type"] == "即办件", it["name"]
        else:
            assert it["case_type"] == "承诺件", it["name"]
            assert promised["value"] > 0
        if legal["unit"] == promised["unit"] != "immediate":
            assert promised["value"] <= legal["value"], it["name"]
        assert it["phones"]["complaint"] == "12345"
        assert re.fullmatch(r"0\d{2,3}-\d{5,8}", it["phones"]["consult"]), it["phones"]
        assert it["legal_basis"] and all(b.startswith("《") for b in it["legal_basis"]), it["name"]


PRESENCE = re.compile(r"须本人到场|亲自到|本人到场|双方共同到场|采集人像|指纹")


def test_items_needing_the_person_at_a_window_are_not_offered_at_the_kiosk(
    items: list[dict], by_name: dict[str, dict]
) -> None:
    """An item whose conditions or steps need the applicant in person (photo and fingerprints
    taken, both partners before the registrar) lists no ``kiosk``; every other item does."""
    for it in items:
        in_person = any(PRESENCE.search(c) for c in it["conditions"] + it["process"])
        assert ("kiosk" in it["handling_forms"]) != in_person, (it["name"], it["handling_forms"])
        assert "window" in it["handling_forms"], it["name"]
    for name in ("内地居民结婚登记", "居民身份证首次申领", "居民身份证换领", "普通护照签发"):
        assert "kiosk" not in by_name[name]["handling_forms"], name
    assert sum("kiosk" in it["handling_forms"] for it in items) >= 90


def test_frequent_list_is_a_short_list(items: list[dict]) -> None:
    assert 8 <= sum(1 for i in items if i["frequent"]) <= 16


def test_keywords_carry_colloquial_names(by_name: dict[str, dict]) -> None:
    assert "丢了身份证" in by_name["居民身份证补领"]["keywords"]
    assert "公积金" in by_name["住房公积金提取（租房）"]["keywords"]
    assert "医保卡" in by_name["社会保障卡申领"]["keywords"]
    assert "开公司" in by_name["企业开办一件事"]["keywords"]
    assert "上户口" in by_name["出生登记（户口登记）"]["keywords"]


def test_json_is_what_the_builder_produces() -> None:
    """The JSON is generated by tools/build_sample_catalog.py; hand edits would be lost."""
    r = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "build_sample_catalog.py"), "--check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert r.returncode == 0, r.stderr
