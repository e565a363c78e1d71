"""The card decoder on garbage: a typed result (``TextBlockError`` → ``CardError`` invalid_data,
or a card whose ``problems`` say what is wrong), never a ``ValueError`` or another exception."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drivers.idcard.reader import _parse_text_photo
from kiosk.identity.card import IdentityCard
from kiosk.identity.dates import parse_card_date
from kiosk.identity.gat490 import (
    TEXT_BLOCK_SIZE,
    TextBlockError,
    decode_text_block,
    encode_text_block,
)
from kiosk.ports.identity import CardError

from .conftest import card_json

PROPERTY = settings(
    max_examples=300,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def block_of(name: str) -> bytearray:
    return bytearray(encode_text_block(IdentityCard.from_json(card_json(name))))


def put(block: bytearray, off: int, text: str) -> bytes:
    raw = text.encode("utf-16-le")
    block[off : off + len(raw)] = raw
    return bytes(block)


@pytest.mark.parametrize("digit", ["²", "١", "５", "Ⅻ"])
def test_a_non_ascii_digit_in_a_count_is_a_problem_not_a_crash(digit: str) -> None:
    card = decode_text_block(put(block_of("hmt_residence.json"), 238, "0" + digit))
    assert card.issue_count is None
    assert any(p.startswith("issue_count:") for p in card.problems)
    assert not card.usable()


@pytest.mark.parametrize("digit", ["²", "١", "５"])
def test_a_non_ascii_digit_in_a_date_is_a_problem(digit: str) -> None:
    card = decode_text_block(put(block_of("resident.json"), 36, "1990010" + digit))
    assert card.birth_date is None and any("birth_date" in p for p in card.problems)
    with pytest.raises(ValueError, match="YYYYMMDD"):
        parse_card_date("2024010²")


def test_control_and_bidi_characters_in_a_name_are_problems() -> None:
    for bad in ("王\x1b@", "王\u202e英"):
        card = decode_text_block(put(block_of("resident.json"), 0, bad))
        assert any(p.startswith("name:") for p in card.problems) and not card.usable()


def test_the_reader_turns_an_undecodable_block_into_invalid_data() -> None:
    text = block_of("resident.json")
    text[248:250] = "Q".encode("utf-16-le")  # no such card type
    data = len(text).to_bytes(2, "big") + (0).to_bytes(2, "big") + bytes(text)
    result = _parse_text_photo(data)
    assert isinstance(result, CardError) and result.kind == "invalid_data"


@PROPERTY
@given(st.binary(min_size=TEXT_BLOCK_SIZE, max_size=TEXT_BLOCK_SIZE))
def test_any_256_bytes_decode_to_a_card_or_a_text_block_error(block: bytes) -> None:
    try:
        card = decode_text_block(block)
    except TextBlockError:
        return
    assert isinstance(card, IdentityCard)
    card.to_json()  # and the card can be shown


@PROPERTY
@given(
    st.sampled_from(["resident.json", "hmt_residence.json", "foreign_permanent_2023.json"]),
    st.integers(0, TEXT_BLOCK_SIZE // 2 - 1),
    st.text(min_size=1, max_size=8),
)
def test_any_text_over_a_real_card_is_typed(name: str, at: int, text: str) -> None:
    block = block_of(name)
    raw = text.encode("utf-16-le", "surrogatepass")[: TEXT_BLOCK_SIZE - 2 * at]
    block[2 * at : 2 * at + len(raw)] = raw
    try:
        card = decode_text_block(bytes(block))
    except TextBlockError:
        return
    card.to_json()
    card.usable()


@PROPERTY
@given(st.binary(max_size=600))
def test_any_read_answer_is_a_card_or_invalid_data(data: bytes) -> None:
    result = _parse_text_photo(data)
    assert isinstance(result, (IdentityCard, CardError))
    if isinstance(result, CardError):
        assert result.kind == "invalid_data"
