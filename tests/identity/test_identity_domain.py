"""The card record, code tables and the GA/T 490 text block (pure logic)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.identity.card import IdentityCard
from kiosk.identity.codes import ETHNICITY, ethnicity_text, gender_text
from kiosk.identity.dates import is_expired
from kiosk.identity.gat490 import TextBlockError, decode_text_block, encode_text_block

from .conftest import ID_CARD_FILES, card_json

TODAY = dt.date(2026, 11, 27)
REQUIRED_KEYS = {
    "card_type", "name", "gender", "gender_text", "ethnicity", "ethnicity_text", "birth_date",
    "address", "id_number", "issuer", "valid_from", "valid_to", "expired", "id_number_valid",
    "pass_number", "issue_count", "english_name", "nationality", "card_version",
    "renewal_count", "photo_bytes",
}  # fmt: skip


@pytest.mark.parametrize("name", ID_CARD_FILES)
def test_text_block_round_trip_for_every_sample_card(name: str) -> None:
    data = card_json(name)
    data.pop("appended_address", None)
    card = IdentityCard.from_json(data)
    block = encode_text_block(card)
    assert len(block) == 256
    back = decode_text_block(block)
    assert back == card
    assert back.problems == ()
    out = back.to_json(TODAY)
    assert REQUIRED_KEYS <= set(out)
    for k, v in data.items():
        assert out[k] == v, k


def test_type_flag_at_offset_248() -> None:
    for name, flag in [("resident.json", " "), ("hmt_residence.json", "J"),
                       ("foreign_permanent_2017.json", "I"), ("foreign_permanent_2023.json", "Y")]:  # fmt: skip
        data = card_json(name)
        data.pop("appended_address", None)
        block = encode_text_block(IdentityCard.from_json(data))
        assert block[248:250].decode("utf-16-le") == flag


def test_resident_json_facts() -> None:
    out = decode_text_block(
        encode_text_block(IdentityCard.from_json(card_json("resident_mongol.json")))
    ).to_json(TODAY)
    assert out["ethnicity_text"] == "蒙古"
    assert out["gender_text"] == "男"
    assert out["valid_to"] == "2032-04-20"
    assert out["id_number_valid"] is True
    assert out["expired"] is False
    assert out["photo_bytes"] == 0


def test_expired_card_is_reported_as_expired() -> None:
    card = IdentityCard.from_json(card_json("resident_expired.json"))
    assert card.to_json(TODAY)["expired"] is True
    assert not card.usable(TODAY)
    assert card.usable(dt.date(2020, 1, 1))


def test_long_term_never_expires_and_unknown_expiry_counts_as_expired() -> None:
    assert is_expired("长期", TODAY) is False
    assert is_expired(None, TODAY) is True
    assert is_expired(TODAY, TODAY) is False  # valid through its last day
    assert is_expired(TODAY - dt.timedelta(days=1), TODAY) is True


def test_2017_card_number_has_no_check_digit() -> None:
    card = IdentityCard.from_json(card_json("foreign_permanent_2017.json"))
    assert card.to_json(TODAY)["id_number_valid"] is None


def test_2023_english_name_split_over_two_fields() -> None:
    card = IdentityCard.from_json(card_json("foreign_permanent_2023.json"))
    block = encode_text_block(card)
    assert block[52:122].decode("utf-16-le") == card.english_name[:35]
    assert block[220:242].decode("utf-16-le").rstrip() == card.english_name[35:]
    assert decode_text_block(block).english_name == "MONTGOMERY-WORTHINGTON, ALEXANDRA ELIZABETH"


def test_wrong_check_digit_is_reported_not_raised() -> None:
    data = card_json("resident.json") | {"id_number": "110105194912310021"}
    card = decode_text_block(encode_text_block(IdentityCard.from_json(data)))
    assert card.to_json(TODAY)["id_number_valid"] is False
    assert not card.usable(TODAY)


def test_bad_dates_become_problems() -> None:
    block = bytearray(encode_text_block(IdentityCard.from_json(card_json("resident.json"))))
    block[36:52] = "19491332".encode("utf-16-le")
    card = decode_text_block(bytes(block))
    assert card.birth_date is None
    assert any(p.startswith("birth_date") for p in card.problems)
    assert card.to_json()["problems"]


def test_residence_permit_number_prefix_checked() -> None:
    data = card_json("hmt_residence.json") | {"id_number": "11010519491231002X"}
    card = decode_text_block(encode_text_block(IdentityCard.from_json(data)))
    assert any("810000" in p for p in card.problems)


@pytest.mark.parametrize(
    "block, message",
    [
        (b"\x20\x00" * 127, "254 bytes"),
        (("Z" * 128).encode("utf-16-le"), "unknown card type"),
        (b"\x00\xd8" * 128, "UTF-16"),
    ],
)
def test_undecodable_blocks_raise_text_block_error(block: bytes, message: str) -> None:
    with pytest.raises(TextBlockError, match=message):
        decode_text_block(block)


@settings(max_examples=300, deadline=None)
@given(st.binary(min_size=256, max_size=256))
def test_any_256_bytes_decode_or_raise_text_block_error_only(block: bytes) -> None:
    try:
        card = decode_text_block(block)
    except TextBlockError:
        return
    card.to_json()  # and the JSON view never fails either


def test_code_tables() -> None:
    assert gender_text("1") == "男" and gender_text("2") == "女" and gender_text("9") == "未说明"
    assert gender_text("5") is None
    assert len(ETHNICITY) == 58
    assert ethnicity_text("01") == "汉" and ethnicity_text("1") == "汉"
    assert ethnicity_text("98") == "外国血统中国籍人士"
    assert ethnicity_text("57") is None


def test_repr_and_str_never_show_personal_data() -> None:
    card = IdentityCard.from_json(card_json("resident.json"))
    text = repr(card) + str(card)
    assert "王秀英" not in text and "11010519491231002X" not in text
    assert "110105********002X" in text


@pytest.mark.parametrize(
    "change, message",
    [
        ({"card_type": "passport"}, "card_type"),
        ({"birth_date": "1949/12/31"}, "birth_date"),
        ({"issue_count": "1"}, "issue_count"),
        ({"colour": "red"}, "unknown key"),
        ({"name": None}, "name: required"),
        ({"photo_base64": "!!"}, "photo_base64"),
    ],
)
def test_from_json_names_the_bad_key(change: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        IdentityCard.from_json(card_json("resident.json") | change)


def test_field_too_long_for_the_card_is_refused_by_encode() -> None:
    card = IdentityCard.from_json(card_json("resident.json") | {"name": "很" * 16})
    with pytest.raises(ValueError, match="name"):
        encode_text_block(card)
