"""One-form validation: plain-word messages; hostile values refused or kept verbatim."""

from __future__ import annotations

from kiosk.domain.forms import validate_form, validate_value
from kiosk.domain.items import ServiceItem

from .conftest import make_item


def item() -> ServiceItem:
    return ServiceItem.from_dict(make_item())


def good_values() -> dict[str, str]:
    return {
        "applicant_name": "张三",
        "id_number": "11010519491231002X",
        "phone": "13812345678",
        "reason": "expired",
    }


def test_valid_form_has_no_problems() -> None:
    assert validate_form(item(), good_values()) == {}


def test_each_rule_names_the_field_in_chinese_first() -> None:
    it = item()
    v = good_values() | {"id_number": "110105194912310021", "phone": "123", "reason": "bored"}
    v.pop("applicant_name")
    problems = validate_form(it, v)
    assert set(problems) == {"applicant_name", "id_number", "phone", "reason"}
    assert problems["applicant_name"].message_zh == "请填写姓名"
    assert "18位" in problems["id_number"].message_zh
    assert "手机" in problems["phone"].message_zh
    assert problems["phone"].message_en


def test_limits_and_control_characters() -> None:
    it = item()
    note = it.form_field("note")
    assert validate_value(note, "好" * 201).code == "too_long"
    assert validate_value(note, "第一行\n第二行") is None
    name = it.form_field("applicant_name")
    assert validate_value(name, "张\x00三").code == "control_chars"
    assert validate_value(name, "张\u202e三").code == "control_chars"  # bidi override


def test_sql_and_markup_are_just_text() -> None:
    it = item()
    for hostile in ["'); DROP TABLE applications;--", "<script>alert(1)</script>", "${jndi:x}"]:
        assert validate_value(it.form_field("note"), hostile) is None


def test_unknown_fields_are_refused() -> None:
    problems = validate_form(item(), good_values() | {"is_admin": "1"})
    assert problems["is_admin"].code == "unknown_field"
