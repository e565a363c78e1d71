"""The log scrubber finds IDs and phone numbers however they are written (issue 10, finding 7):
in dict keys, with spaces or dashes, behind +86 / 0086, glued to Latin letters; and it leaves
ordinary numbers, catalog item codes and local references alone."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.domain.checks import citizen_id_check_char
from kiosk.logs import setup_logging
from kiosk.masking import scrub_text, scrub_value

REPO = Path(__file__).resolve().parents[2]
ID = "11010519491231002X"
PHONE = "13812345678"


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("身份证 110105 19491231 002X 已读", "身份证 110105********002X 已读"),
        ("id 110105-19491231-002X", "id 110105********002X"),
        ("id 1101 0519 4912 3100 2X", "id 110105********002X"),
        ("ID11010519491231002Xabc", "ID110105********002Xabc"),
        ("old id abc110105491231002def", "old id abc110105*****1002def"),
        ("tel 138-1234-5678", "tel 138****5678"),
        ("tel 138 1234 5678.", "tel 138****5678."),
        ("tel +8613812345678", "tel +86138****5678"),
        ("tel +86 138 1234 5678", "tel +86 138****5678"),
        ("tel +86-138-1234-5678", "tel +86-138****5678"),
        ("tel 008613812345678", "tel 0086138****5678"),
        ("tel (0086) 138 1234 5678", "tel (0086) 138****5678"),
        ("phone13812345678x", "phone138****5678x"),
    ],
)
def test_every_written_form_is_masked(text: str, masked: str) -> None:
    assert scrub_text(text) == masked


@pytest.mark.parametrize(
    "text",
    [
        "2026-12-04T11:20:19.123456Z",
        "amount 12345.67 yuan, 3 items, 2026-11-27",
        "K-1-20261127-0001",
        "KIOSK-DEMO-0001-20261204-0001",
        "BJ-DC-000123-20261204-0001",
        "BJ-123-20261204-0001",
        "order 1234 5678 9012 3456",
        "11110000MB1949208D20006000100101",
    ],
)
def test_ordinary_numbers_stay(text: str) -> None:
    assert scrub_text(text) == text


def test_a_real_id_shaped_like_a_local_reference_is_still_masked() -> None:
    assert scrub_text("BJ-110105-19491231-002X") == "BJ-110105********002X"


def test_catalog_item_codes_are_not_mangled() -> None:
    text = (REPO / "kiosk/catalog/data/sample_catalog.json").read_text(encoding="utf-8")
    codes = set(re.findall(r'"item_code": "([^"]+)"', text))
    assert len(codes) > 10
    for code in codes:
        assert scrub_text(f"item {code} imported") == f"item {code} imported"


def test_dict_keys_and_numbers_are_masked() -> None:
    out = scrub_value({ID: {"phones": {PHONE: 1}}, "n": 3, "ok": True, "id": 110105194912310021})
    assert out == {
        "110105********002X": {"phones": {"138****5678": 1}},
        "n": 3,
        "ok": True,
        "id": "110105********0021",
    }
    assert PHONE not in json.dumps(scrub_value({(1, PHONE): 2}))


def test_log_lines_mask_keys_extra_names_and_spaced_forms(tmp_path: Path) -> None:
    log = tmp_path / "kiosk.log"
    setup_logging("DEBUG", str(log), as_json=True)
    try:
        lg = logging.getLogger("kiosk.test.forms")
        lg.info("card %s", "110105 19491231 002X")
        lg.info("by phone", extra={"applicants": {ID: "138-1234-5678"}, PHONE: "x"})
        lg.warning("platform: +86 138 1234 5678 refused, ID11010519491231002Xabc")
        for h in logging.getLogger().handlers:
            h.flush()
        text = log.read_text(encoding="utf-8")
    finally:
        for h in list(logging.getLogger().handlers):
            if getattr(h, "_bianmin", False):
                logging.getLogger().removeHandler(h)
                h.close()
    digits = re.sub(r"[^0-9X]", "", text)
    assert ID not in digits and PHONE not in digits
    lines = [json.loads(ln) for ln in text.splitlines()]
    assert lines[0]["msg"] == "card 110105********002X"
    assert lines[1]["applicants"] == {"110105********002X": "138****5678"}
    assert "138****5678" in lines[1]


# ----------------------------------------------------------------------------- property

_SEPS = st.sampled_from(["", " ", "-", "\u00a0", "\u3000", "\u2013"])


@st.composite
def _written_id(draw: st.DrawFn) -> tuple[str, str]:
    first17 = draw(st.text(alphabet="0123456789", min_size=17, max_size=17))
    number = first17 + citizen_id_check_char(first17)
    sep = draw(_SEPS)
    groups = draw(
        st.sampled_from([(18,), (6, 8, 4), (6, 8, 3, 1), (4, 4, 4, 4, 2), (3, 3, 4, 4, 4)])
    )
    parts, at = [], 0
    for g in groups:
        parts.append(number[at : at + g])
        at += g
    return number, sep.join(parts)


@st.composite
def _written_phone(draw: st.DrawFn) -> tuple[str, str]:
    second = draw(st.sampled_from("3456789"))
    number = "1" + second + draw(st.text(alphabet="0123456789", min_size=9, max_size=9))
    sep = draw(_SEPS)
    body = draw(st.sampled_from([number, sep.join([number[:3], number[3:7], number[7:]])]))
    prefix = draw(st.sampled_from(["", "+86", "+86 ", "+86-", "0086", "0086 ", "86"]))
    return number, prefix + body


_filler = st.text(
    alphabet=st.characters(blacklist_categories=["Nd", "Cs"]) | st.sampled_from("abcXYZ .,:-"),
    max_size=30,
)


@settings(max_examples=400, derandomize=True, deadline=None)
@given(_filler, st.one_of(_written_id(), _written_phone()), _filler)
def test_an_embedded_id_or_phone_never_survives(
    before: str, written: tuple[str, str], after: str
) -> None:
    number, form = written
    out = scrub_text(before + form + after)
    assert number not in re.sub(r"[^0-9Xx]", "", out), (before + form + after, out)
    assert number not in json.dumps(scrub_value({before + form: after}), ensure_ascii=False)
