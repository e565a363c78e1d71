"""Every value the submit use case is handed has a type, a length and a character set:
anything else is a SubmissionRefused naming the field, and nothing is stored."""

from __future__ import annotations

import dataclasses
import json

import pytest

from kiosk.domain.checks import is_valid_citizen_id, is_valid_phone, is_valid_uscc
from kiosk.domain.forms import validate_value
from kiosk.domain.items import ServiceItem
from kiosk.domain.records import parse_local_ref
from kiosk.store.db import Store
from kiosk.usecases.submit import SubmissionRefused, submit_application

from .conftest import make_item
from .test_submit import NOW, ZHANG, draft

GOOD_ID = "11010519491231002X"


def refused(store: Store, **over) -> dict:
    with pytest.raises(SubmissionRefused) as err:
        submit_application(store, draft(**over), now=NOW)
    assert store.outbox.counts().pending == 0
    assert store.conn.execute("SELECT count(*) FROM applications").fetchone()[0] == 0
    return err.value.problems


def with_applicant(**over) -> dict:
    return {"applicant": dataclasses.replace(ZHANG, **over)}


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("张" * 1_000_000, "too_long"),
        ("张" * 101, "too_long"),
        ("张\x00三", "control_chars"),
        ("张\x1b@三", "control_chars"),  # ESC @: the printer's reset
        ("张\x1dV\x00三", "control_chars"),  # GS V: the paper cutter
        ("\u202e三张", "control_chars"),  # right-to-left override
        ("张\u2067三", "control_chars"),  # right-to-left isolate
        ("张\x85三", "control_chars"),  # a C1 control
        ("张\ud800三", "encoding"),  # a lone surrogate: no UnicodeEncodeError
        ("", "required"),
        (12345, "type"),
        (None, "type"),
    ],
)
def test_applicant_names_are_checked(store: Store, name, code) -> None:
    problems = refused(store, **with_applicant(name=name))
    assert problems["applicant.name"].code == code
    assert problems["applicant.name"].message_zh and problems["applicant.name"].message_en


def test_a_name_of_100_characters_is_fine(store: Store) -> None:
    form = draft().form | {"applicant_name": "张三"}
    submit_application(store, draft(form=form, **with_applicant(name="张" * 100)), now=NOW)


@pytest.mark.parametrize(
    ("over", "field"),
    [
        ({"card_type": "martian", "id_number": ""}, "applicant.card_type"),
        ({"card_type": "martian"}, "applicant.card_type"),
        ({"id_number": ""}, "applicant.id_number"),
        ({"id_number": 110105194912310020}, "applicant.id_number"),
        ({"id_number": GOOD_ID + "\n"}, "applicant.id_number"),
        ({"id_number": "１１０１０５１９４９１２３１００２X"}, "applicant.id_number"),
        ({"id_channel": "telepathy"}, "applicant.id_channel"),
        (
            {"card_type": "hmt_residence", "id_number": "81000019900101123\u0661"},
            "applicant.id_number",
        ),
        (
            {"card_type": "foreign_permanent_2017", "id_number": "USA 12345678901"},
            "applicant.id_number",
        ),
        ({"address": "北京\x1b市"}, "applicant.address"),
        ({"address": "北" * 2001}, "applicant.address"),
        ({"phone": 13812345678}, "applicant.phone"),
        ({"holder_token": "tok\ud800"}, "applicant.holder_token"),
    ],
)
def test_card_types_and_id_numbers_are_a_closed_set(store: Store, over, field) -> None:
    assert field in refused(store, **with_applicant(**over))


def test_a_non_resident_card_with_its_own_number_is_accepted(store: Store) -> None:
    a = with_applicant(card_type="foreign_permanent_2017", id_number="USA123456789012", name="")
    assert submit_application(store, draft(**a), now=NOW).local_ref


def test_form_values_are_checked_too(store: Store) -> None:
    form = draft().form
    assert refused(store, form=form | {"note": "好\u202e坏"})["note"].code == "control_chars"
    assert refused(store, form=form | {"note": "好\ud800"})["note"].code == "encoding"
    assert refused(store, form=form | {"applicant_name": 7})["applicant_name"].code == "type"
    assert refused(store, form=form | {"x\ud800": "1"})
    assert "form" in refused(store, form=["not", "a", "dict"])
    assert "item_code" in refused(store, item_code="A\ud800")
    assert "item_code" in refused(store, item_code=42)


def test_material_text_cannot_smuggle_bytes(store: Store) -> None:
    from kiosk.domain.records import MaterialInput

    lic = (MaterialInput("M1", "原居民身份证", "elicense", license_no="LIC\ud800"),)
    mats = lic + draft().materials[1:]
    assert refused(store, materials=mats)["materials.M1"].code == "encoding"
    mats = (MaterialInput("M1", "原\x1b身份证", "elicense", license_no="L1"),) + mats[1:]
    assert refused(store, materials=mats)["materials.M1"].code == "control_chars"


def test_text_is_stored_in_nfc(store: Store) -> None:
    decomposed = "Zoe\u0301"  # e + combining acute
    form = draft().form | {"note": decomposed}
    res = submit_application(
        store, draft(form=form, **with_applicant(name="张" + decomposed)), now=NOW
    )
    assert store.applications.form(res.id)["note"] == "Zo\u00e9"
    assert store.applications.applicant(res.id)["name"] == "张Zo\u00e9"
    body = json.loads(store.outbox.body(store.outbox.rows()[0]))
    assert body["form"]["note"] == "Zo\u00e9"


def test_free_text_is_capped_whatever_the_schema_says() -> None:
    it = make_item()
    it["form"]["fields"][4]["max_length"] = 2000
    note = ServiceItem.from_dict(it).form_field("note")
    assert validate_value(note, "好" * 2000) is None
    assert validate_value(note, "好" * 2001).code == "too_long"


@pytest.mark.parametrize(
    "value",
    [
        GOOD_ID + "\n",
        "１１０１０５１９４９１２３１００２X",  # full-width digits
        "\u0661\u0661\u0660\u0661\u0660\u0665\u0661\u0669\u0664\u0669\u0661\u0662\u0663\u0661\u0660\u0660\u0662X",
        "11010519491231002x",
    ],
)
def test_citizen_ids_are_ascii_digits_only(value: str) -> None:
    assert is_valid_citizen_id(GOOD_ID)
    assert not is_valid_citizen_id(value)


def test_other_codes_refuse_trailing_newlines_and_foreign_digits() -> None:
    assert is_valid_phone("13812345678") and not is_valid_phone("13812345678\n")
    assert not is_valid_phone("１３８１２３４５６７８")
    assert not is_valid_uscc("91110105MA01234567\n")
    assert parse_local_ref("K-1-20261127-0001") is not None
    assert parse_local_ref("K-1-20261127-0001\n") is None
    assert parse_local_ref(None) is None
    num = ServiceItem.from_dict(
        make_item(
            form={"fields": [{"name": "n", "label": "数", "type": "number", "required": True}]}
        )
    ).form_field("n")
    assert validate_value(num, "12") is None
    assert validate_value(num, "１２").code == "number"
    date = ServiceItem.from_dict(
        make_item(form={"fields": [{"name": "d", "label": "日", "type": "date", "required": True}]})
    ).form_field("d")
    assert validate_value(date, "2024-03-01") is None
    assert validate_value(date, "２０２４-03-01").code == "date"
