"""Check digits from the standards' own examples, and the one masking rule."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.domain.checks import (
    citizen_id_check_char,
    is_valid_citizen_id,
    is_valid_phone,
    is_valid_uscc,
    uscc_check_char,
)
from kiosk.masking import mask_id_number, mask_name, mask_phone, scrub_text


def test_standard_examples() -> None:
    assert is_valid_citizen_id("11010519491231002X")
    assert is_valid_citizen_id("440524188001010014")
    assert not is_valid_citizen_id("110105194912310021")  # wrong check digit
    assert not is_valid_citizen_id("11010519491331002X")  # month 13
    assert not is_valid_citizen_id("11010519491231002x")  # lowercase x is not the standard's
    assert is_valid_uscc("91350100M000100Y43")
    assert not is_valid_uscc("91350100M000100Y44")
    assert not is_valid_uscc("91350100M000100I43")  # I is not in the charset


@given(st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_any_id_with_its_check_char_passes_the_check(first17: str) -> None:
    full = first17 + citizen_id_check_char(first17)
    assert is_valid_citizen_id(full, check_birth_date=False)
    wrong = "0" if full[-1] != "0" else "1"
    assert not is_valid_citizen_id(first17 + wrong, check_birth_date=False)


@given(st.text(alphabet="0123456789ABCDEFGHJKLMNPQRTUWXY", min_size=17, max_size=17))
def test_uscc_round_trip(first17: str) -> None:
    code = first17 + uscc_check_char(first17)
    assert uscc_check_char(code[:17]) == code[17]


def test_phones() -> None:
    assert is_valid_phone("13812345678")
    assert is_valid_phone("010-12345678")
    assert not is_valid_phone("12812345678")
    assert not is_valid_phone("1381234567")


@pytest.mark.parametrize(
    ("fn", "value", "masked"),
    [
        (mask_id_number, "11010519491231002X", "110105********002X"),
        (mask_name, "张三", "张*"),
        (mask_name, "欧阳娜娜", "欧***"),
        (mask_phone, "13812345678", "138****5678"),
    ],
)
def test_one_masking_rule(fn, value: str, masked: str) -> None:
    assert fn(value) == masked


def test_scrub_finds_ids_and_phones_in_text() -> None:
    text = "申请人身份证11010519491231002X，电话13812345678，编号K-1-20261127-0001"
    out = scrub_text(text)
    assert "11010519491231002X" not in out and "110105********002X" in out
    assert "13812345678" not in out and "138****5678" in out
    assert "K-1-20261127-0001" in out


def test_ids_shaped_like_uuids_are_kept_whole_and_a_real_id_beside_one_is_still_masked() -> None:
    """Application, command and request ids are UUIDs; audit entries and logs find them again
    by id. Their dash-separated hex groups can read as a separated 15-digit ID or a phone
    number (0.7 % of random UUIDs did, and such an audit entry could no longer be found)."""
    import random
    import uuid

    from kiosk.masking import scrub_text, scrub_value

    mangled_before = "4b851171-b812-4789-9962-9217e387d5ac"  # "812-4789-9962-9217": 15 digits
    assert scrub_text(f"command {mangled_before} refused") == f"command {mangled_before} refused"
    rng = random.Random(20261204)
    ids = [str(uuid.UUID(int=rng.getrandbits(128), version=4)) for _ in range(20000)]
    assert [u for u in ids if scrub_text(u) != u] == []
    details = scrub_value({"id": mangled_before, "applicant": "11010519491231002X"})
    assert details == {"id": mangled_before, "applicant": "110105********002X"}
    assert scrub_text(f"{mangled_before} 13812345678") == f"{mangled_before} 138****5678"
