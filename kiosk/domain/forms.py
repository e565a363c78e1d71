"""Validation of one-form values, with messages in plain words (Chinese first, English second).

Values are strings as typed on the screen (or prefilled from a card). Validation never changes a
value: what the resident typed is stored and returned verbatim, or refused with a message.
Control, bidi-override and format characters (except newline and tab in multi-line text) are
refused because they are invisible on screen and on the receipt (:mod:`kiosk.domain.text`). The
submit use case puts values in Unicode normal form C before it validates and stores them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from kiosk.domain.checks import is_valid_citizen_id, is_valid_phone, is_valid_uscc, luhn_ok
from kiosk.domain.idcard import CARD_NUMBER_RE, ID_NUMBER_LABELS
from kiosk.domain.items import FormField, ServiceItem
from kiosk.domain.text import FREE_TEXT_LIMIT, bad_characters

DEFAULT_TEXT_LIMIT = 100
DEFAULT_TEXTAREA_LIMIT = 1000
_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_NUMBER_RE = re.compile(r"-?[0-9]{1,15}(\.[0-9]{1,15})?")
_DIGITS_RE = re.compile(r"[0-9]+")
BANK_CARD_MIN, BANK_CARD_MAX = 16, 19


@dataclass(frozen=True)
class FieldProblem:
    code: str
    message_zh: str
    message_en: str


def text_problem(
    label: str, label_en: str, value: str, *, limit: int, multiline: bool = False
) -> FieldProblem | None:
    """The problem with free text ``value`` (invisible characters, too long), or ``None``."""
    bad = bad_characters(value, multiline=multiline)
    if bad == "surrogate":
        return FieldProblem(
            "encoding",
            f"{label}含有无法识别的字符，请重新输入",
            f"{label_en} contains a character that cannot be stored; please type it again",
        )
    if bad:
        return FieldProblem(
            "control_chars",
            f"{label}含有无法显示的字符，请重新输入",
            f"{label_en} contains invisible characters; please type it again",
        )
    if len(value) > limit:
        return FieldProblem(
            "too_long",
            f"{label}最多{limit}个字，现在是{len(value)}个字",
            f"{label_en} can have at most {limit} characters (now {len(value)})",
        )
    return None


def validate_value(f: FormField, value: Any, card_type: str = "resident") -> FieldProblem | None:
    """The problem with ``value`` for field ``f``, or ``None`` when it is acceptable.

    ``card_type`` is the card the applicant proved their identity with: the field that holds
    their own ID number (``prefill: id_number``) takes that card's number (a foreign permanent
    resident's or a residence permit's) as well as a citizen ID number."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        return FieldProblem("type", f"{f.label}应为文字", f"{f.label_en or f.name} must be text")
    label_en = f.label_en or f.name
    if value.strip() == "":
        if f.required and f.type == "enum":
            return FieldProblem("required", f"请选择{f.label}", f"Please choose {label_en}")
        if f.required:
            return FieldProblem("required", f"请填写{f.label}", f"Please fill in {label_en}")
        return None
    multiline = f.type == "textarea"
    limit = f.max_length or (DEFAULT_TEXTAREA_LIMIT if multiline else DEFAULT_TEXT_LIMIT)
    problem = text_problem(
        f.label, label_en, value, limit=min(limit, FREE_TEXT_LIMIT), multiline=multiline
    )
    if problem:
        return problem
    t = f.type
    if t == "text" and f.format in ("digits", "bank_card"):
        return _digits_problem(f, label_en, value)
    own_card = isinstance(card_type, str) and card_type in CARD_NUMBER_RE  # (a hostile draft)
    if t == "citizen_id" and f.prefill == "id_number" and own_card:
        if not (CARD_NUMBER_RE[card_type].fullmatch(value) or is_valid_citizen_id(value)):
            zh, en = ID_NUMBER_LABELS[card_type]
            return FieldProblem(
                "citizen_id", f"{zh}不正确，请与证件核对", f"{en} is not valid; please check it"
            )
    elif t == "citizen_id":
        if not is_valid_citizen_id(value):
            return FieldProblem(
                "citizen_id",
                f"{f.label}不正确：应为18位，最后一位可以是数字或X，请核对",
                f"{label_en} is not a valid 18-character citizen ID number; please check it",
            )
    elif t == "credit_code":
        if not is_valid_uscc(value):
            return FieldProblem(
                "credit_code",
                f"{f.label}不正确：应为18位统一社会信用代码，请核对营业执照",
                f"{label_en} is not a valid 18-character unified social credit code",
            )
    elif t == "phone":
        if not is_valid_phone(value):
            return FieldProblem(
                "phone",
                f"{f.label}不正确：请填写11位手机号码，或带区号的固定电话",
                f"{label_en}: enter an 11-digit mobile number or a landline with area code",
            )
    elif t == "date":
        ok = bool(_DATE_RE.fullmatch(value))
        if ok:
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                ok = False
        if not ok:
            return FieldProblem(
                "date",
                f"{f.label}请按“年-月-日”填写，例如 2024-03-01",
                f"{label_en}: use YYYY-MM-DD",
            )
    elif t == "region":  # the registered region (通办): a name or a GB/T 2260 code
        from kiosk.catalog.regions import RegionUnknown, resolve_region

        try:
            resolve_region(value)
        except RegionUnknown as exc:
            return FieldProblem("region", exc.message_zh, exc.message_en)
    elif t == "enum":
        if value not in {o.value for o in f.options}:
            return FieldProblem(
                "enum", f"请从列表中选择{f.label}", f"Please choose {label_en} from the list"
            )
    elif t == "number":
        if not _NUMBER_RE.fullmatch(value):
            return FieldProblem("number", f"{f.label}请填写数字", f"{label_en} must be a number")
        n = float(value)
        if f.min is not None and n < f.min:
            return FieldProblem(
                "range", f"{f.label}不能小于{f.min:g}", f"{label_en} must be at least {f.min:g}"
            )
        if f.max is not None and n > f.max:
            return FieldProblem(
                "range", f"{f.label}不能大于{f.max:g}", f"{label_en} must be at most {f.max:g}"
            )
    return None


def _digits_problem(f: FormField, label_en: str, value: str) -> FieldProblem | None:
    """A digits-only field (an account number, a postcode); a bank card also needs 16 to 19
    digits and a correct Luhn check digit, so a mistyped digit is caught at the kiosk."""
    if not _DIGITS_RE.fullmatch(value):
        return FieldProblem("digits", f"{f.label}只能填数字", f"{label_en} can contain digits only")
    if f.format != "bank_card":
        return None
    if not BANK_CARD_MIN <= len(value) <= BANK_CARD_MAX:
        return FieldProblem(
            "bank_card_length",
            f"{f.label}应为{BANK_CARD_MIN}到{BANK_CARD_MAX}位数字（现在是{len(value)}位），"
            "请对照银行卡正面的卡号填写",
            f"{label_en} has {BANK_CARD_MIN} to {BANK_CARD_MAX} digits (now {len(value)}); "
            "copy the number on the front of the card",
        )
    if not luhn_ok(value):
        return FieldProblem(
            "bank_card_check",
            f"{f.label}不正确：有一位数字不对，请对照银行卡正面的卡号核对",
            f"{label_en} is not a valid card number: a digit is wrong; "
            "check it against the front of the card",
        )
    return None


def validate_form(
    item: ServiceItem, values: dict[str, Any], card_type: str = "resident"
) -> dict[str, FieldProblem]:
    """Problems by field name; unknown field names are refused too (a form is a closed set).
    ``card_type``: the applicant's card (see :func:`validate_value`)."""
    problems: dict[str, FieldProblem] = {}
    for f in item.fields:
        p = validate_value(f, values.get(f.name), card_type)
        if p:
            problems[f.name] = p
    from kiosk.domain.tongban import cross_field_problems

    for name, (zh, en) in cross_field_problems(item.raw, values).items():
        problems.setdefault(name, FieldProblem("tongban", zh, en))
    for name in values:
        if not isinstance(name, str) or item.form_field(name) is None:
            shown = name if isinstance(name, str) and not bad_characters(name) else ascii(name)
            problems[shown] = FieldProblem(
                "unknown_field", f"表单中没有“{shown}”这一项", f"The form has no field {shown!r}"
            )
    return problems
