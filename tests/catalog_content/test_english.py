"""English in the catalog: the schema's optional ``*_en`` strings and ``zh_only`` marks, the
sample catalog fully English, and the guide the application API gives in the resident's
language (English where present, else the Chinese with a notice; official names kept)."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest

from kiosk.catalog.generator import generate_items
from kiosk.catalog.sample import load_sample_items
from kiosk.catalog.validate import validate_items
from kiosk.domain.items import ServiceItem
from kiosk.service import guide_view

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
FULL_WIDTH = re.compile(r"[\u3000-\u303f\uff00-\uffef]")


@pytest.fixture(scope="module")
def items() -> list[dict[str, Any]]:
    return load_sample_items()


def by_name(items: list[dict[str, Any]], name: str) -> dict[str, Any]:
    return next(it for it in items if it["name"] == name)


def strip_english(value: Any) -> Any:
    """A catalog as platforms sent it before the schema had English (``name_en`` and the
    form labels' English were there before; everything else is new)."""
    if isinstance(value, dict):
        return {
            k: strip_english(v)
            for k, v in value.items()
            if k not in ("zh_only",)
            and not (k.endswith("_en") and k not in ("name_en", "label_en", "text_en"))
        }
    if isinstance(value, list):
        return [strip_english(v) for v in value]
    return value


def test_old_catalogs_without_english_still_validate(items: list[dict[str, Any]]) -> None:
    old = strip_english(items)
    assert "conditions_en" not in old[0] and "address_en" not in old[0]["place"]
    assert validate_items(old) == []
    no_names = [{k: v for k, v in it.items() if k != "name_en"} for it in old]
    assert validate_items(no_names) == []
    ServiceItem.from_dict(no_names[0])  # the domain parses it too


def test_new_catalog_with_english_validates_and_round_trips(items: list[dict[str, Any]]) -> None:
    assert validate_items(items) == []
    it = ServiceItem.from_dict(items[0])
    assert it.to_dict() == items[0]
    assert it.conditions_en and all(it.conditions_en)
    m = it.materials[0]
    assert m.name_en and not HAN.search(m.name_en)


def test_english_with_chinese_or_full_width_punctuation_is_refused(
    items: list[dict[str, Any]],
) -> None:
    it = copy.deepcopy(by_name(items, "失业保险金申领"))
    it["place"]["hours_en"] = "Mon-Fri 9:00-17:00（closed on holidays）"
    problems = validate_items([it])
    assert [p.field for p in problems] == ["place.hours_en"]
    it = copy.deepcopy(by_name(items, "失业保险金申领"))
    it["materials"][0]["name_en"] = "申请人 identity card"
    assert [p.field for p in validate_items([it])] == ["materials.0.name_en"]
    it = copy.deepcopy(by_name(items, "失业保险金申领"))
    it["conditions_en"] = it["conditions_en"][:-1]
    assert [p.field for p in validate_items([it])] == ["conditions_en"]
    it = copy.deepcopy(by_name(items, "失业保险金申领"))
    it["zh_only"] = ["place.hours"]  # only official names may be marked
    assert [p.field for p in validate_items([it])] == ["zh_only.0"]


def test_generated_catalogs_validate_with_english_bundle_names() -> None:
    items = generate_items(2000, seed=3)
    assert validate_items(items) == []
    bundles = [it for it in items if it["bundle"]]
    assert bundles and not any(HAN.search(it["name_en"]) for it in bundles)


def resident_strings(it: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(path, Chinese, English) of every resident-facing string of a catalog item."""
    out = [("name", it["name"], it.get("name_en", ""))]
    out += [("body", it["implementing_body"]["name"], it["implementing_body"].get("name_en", ""))]
    for key in ("conditions", "process"):
        en = it.get(f"{key}_en", [])
        out += [(key, zh, en[i] if i < len(en) else "") for i, zh in enumerate(it[key])]
    out += [
        (f"place.{k}", it["place"][k], it["place"].get(f"{k}_en", "")) for k in ("address", "hours")
    ]
    for key in ("legal_time_limit", "promised_time_limit"):
        if it[key].get("note"):
            out.append((key, it[key]["note"], it[key].get("note_en", "")))
    out += [("fees", f["name"], f.get("name_en", "")) for f in it["fees"]]
    for m in it["materials"]:
        out.append(("materials.name", m["name"], "" if m.get("zh_only") else m.get("name_en", "")))
        for k in ("source", "acceptance_standard"):
            if m.get(k):
                out.append((f"materials.{k}", m[k], m.get(f"{k}_en", "")))
    for f in it["form"]["fields"]:
        out.append(("label", f["label"], f.get("label_en", "")))
        if f.get("help"):
            out.append(("help", f["help"], f.get("help_en", "")))
        out += [("option", o["label"], o.get("label_en", "")) for o in f.get("options", [])]
    return out


def test_sample_catalog_is_fully_english(items: list[dict[str, Any]]) -> None:
    missing = []
    for it in items:
        official = set(it.get("zh_only", []))
        for path, zh, en in resident_strings(it):
            if path in official:
                continue
            if not en or HAN.search(en) or FULL_WIDTH.search(en):
                missing.append((it["name"], path, zh, en))
    assert missing == []
    assert all(it.get("zh_only") == ["legal_basis"] for it in items)


def test_sample_english_is_real_english(items: list[dict[str, Any]]) -> None:
    it = by_name(items, "失业保险金申领")
    assert it["name_en"] == "Unemployment insurance benefit"
    assert "unemployment insurance for at least one year" in " ".join(it["conditions_en"])
    m = by_name(items, "内地居民结婚登记")
    assert m["implementing_body"]["name_en"] == "Dongcheng District Civil Affairs Bureau, Beijing"
    assert m["place"]["address_en"].startswith("Dongcheng District Marriage Registry")
    assert m["place"]["hours_en"] == (
        "Mon-Fri 8:30-12:00 and 13:30-16:30; closed on Saturdays and Sundays"
    )


def test_english_guide_has_no_chinese_and_no_notice(items: list[dict[str, Any]]) -> None:
    for it in items:
        v = guide_view(it, "en")
        assert v["zh_only_notice"] is False, it["name"]
        shown = [v["name"], v["body"], v["address"], v["hours"], v["case_type"]]
        shown += v["conditions"] + v["process"]
        shown += [m["name"] for m in v["materials"]] + [m["form"] for m in v["materials"]]
        shown += [f["name"] for f in v["fees"]] + [v["legal"]["note"], v["promised"]["note"]]
        assert not [s for s in shown if HAN.search(s)], it["name"]


def test_guide_falls_back_to_chinese_with_a_notice(items: list[dict[str, Any]]) -> None:
    it = copy.deepcopy(by_name(items, "失业保险金申领"))
    del it["place"]["hours_en"]
    it["conditions_en"] = []
    v = guide_view(it, "en")
    assert v["zh_only_notice"] is True
    assert v["hours"] == it["place"]["hours"]
    assert v["conditions"] == it["conditions"]
    assert v["address"] == it["place"]["address_en"]  # what has English stays English
    assert guide_view(it, "zh_CN")["zh_only_notice"] is False  # Chinese needs no notice
    assert guide_view(it, "zh_CN")["hours"] == it["place"]["hours"]


def test_official_names_stay_chinese_without_a_notice(items: list[dict[str, Any]]) -> None:
    it = copy.deepcopy(by_name(items, "失业保险金申领"))
    it["zh_only"] = ["legal_basis", "implementing_body.name", "place.address"]
    del it["implementing_body"]["name_en"]
    it["materials"][0]["zh_only"] = True
    v = guide_view(it, "en")
    assert v["body"] == it["implementing_body"]["name"]
    assert v["address"] == it["place"]["address"]  # marked: Chinese even though English exists
    assert v["materials"][0]["name"] == it["materials"][0]["name"]
    assert v["zh_only_notice"] is False


def test_guide_says_whether_the_kiosk_can_complete_the_item(items: list[dict[str, Any]]) -> None:
    for name in ("内地居民结婚登记", "居民身份证首次申领"):
        it = by_name(items, name)
        assert guide_view(it, "zh_CN")["kiosk_can_complete"] is False
        assert ServiceItem.from_dict(it).kiosk_can_complete is False
    assert guide_view(by_name(items, "失业保险金申领"), "en")["kiosk_can_complete"] is True
    no_forms = {k: v for k, v in by_name(items, "失业保险金申领").items() if k != "handling_forms"}
    assert guide_view(no_forms, "en")["kiosk_can_complete"] is True
