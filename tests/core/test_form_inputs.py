"""Digits-only fields, bank card numbers and pick-one messages (issue 12, forms)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from kiosk.domain.checks import luhn_ok
from kiosk.domain.forms import validate_value
from kiosk.domain.items import FieldOption, FormField

ROOT = Path(__file__).resolve().parents[2]


def bank() -> FormField:
    return FormField(
        "bank_account", "本人银行账号", "text", True, label_en="Bank account", format="bank_card"
    )


def test_a_bank_card_of_123_is_refused_in_plain_words() -> None:
    p = validate_value(bank(), "123")
    assert p is not None and p.code == "bank_card_length"
    assert p.message_zh.startswith("本人银行账号应为16到19位数字")
    assert "现在是3位" in p.message_zh
    assert "16 to 19 digits" in p.message_en


def test_a_mistyped_digit_fails_the_check_digit() -> None:
    good = "6214830100001238"
    assert validate_value(bank(), good) is None
    p = validate_value(bank(), "6214830100001234")
    assert p is not None and p.code == "bank_card_check"
    assert "有一位数字不对" in p.message_zh


def test_digits_only_fields_refuse_letters_and_spaces_but_keep_leading_zeros() -> None:
    acc = FormField("gjj_account", "个人公积金账号", "text", True, format="digits")
    assert validate_value(acc, "0012345678") is None
    assert validate_value(acc, "12 34").code == "digits"
    assert validate_value(bank(), "6214 8301 0000 1238").code == "digits"
    assert validate_value(acc, "12a4").message_zh == "个人公积金账号只能填数字"


def test_a_pick_one_field_asks_to_choose_not_to_fill_in() -> None:
    reason = FormField(
        "reason",
        "申请原因",
        "enum",
        True,
        label_en="Reason",
        options=(FieldOption("a", "甲"), FieldOption("b", "乙")),
    )
    p = validate_value(reason, "")
    assert p is not None
    assert (p.message_zh, p.message_en) == ("请选择申请原因", "Please choose Reason")
    text = FormField("name", "姓名", "text", True, label_en="Name")
    assert validate_value(text, "").message_zh == "请填写姓名"


def test_luhn() -> None:
    assert luhn_ok("79927398713")
    assert not luhn_ok("79927398710")
    assert not luhn_ok("")
    assert not luhn_ok("٧٩٩")  # non-ASCII digits are not card digits


def test_the_format_flag_is_optional_and_the_sample_catalog_uses_it() -> None:
    schema = json.loads((ROOT / "kiosk/schemas/service_item.schema.json").read_text("utf-8"))
    catalog = json.loads((ROOT / "kiosk/catalog/data/sample_catalog.json").read_text("utf-8"))
    items = catalog["items"] if isinstance(catalog, dict) else catalog
    formats = {
        f["name"]: f.get("format") for it in items for f in it.get("form", {}).get("fields", [])
    }
    assert formats["bank_account"] == "bank_card"
    assert formats["bank_account_no"] == "digits"
    assert formats["gjj_account"] == "digits"
    assert formats["applicant_name"] is None  # fields without the flag stay valid
    field_schema = schema["$defs"]["field"]
    jsonschema.validate({"name": "x", "label": "x", "type": "text", "required": True}, field_schema)
