"""The receipt and guide templates: pure content, laid out for 58 and 80 mm paper."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.receipts import (
    QR,
    MissingMaterial,
    ReceiptData,
    ReceivedMaterial,
    Text,
    build_guide,
    build_receipt,
    local_ref_from_status_url,
    status_url,
    to_text,
)
from kiosk.receipts.blocks import COLUMNS, text_width, wrap
from kiosk.receipts.sample import SAMPLE_ID_NUMBER, sample_item, sample_receipt_data

TEMPLATE = "https://zwfw.example.gov.cn/status?ref={local_ref}"


def _data(**kw: object) -> ReceiptData:
    base = dict(
        item_name="城乡居民基本养老保险参保登记",
        item_code="11110105000000000X000110105001",
        local_ref="K0001-20261127-0042",
        applicant_name="欧阳修远",
        applicant_id_number="11010519491231002X",
        submitted_at=datetime(2026, 11, 27, 10, 32),
        terminal_id="KIOSK-DEMO-0001",
        hotline="12345",
        received=(ReceivedMaterial("居民身份证", "电子证照"),),
        missing=(MissingMaterial("户口簿（复印件）", date(2026, 12, 4)),),
        promised_by=date(2026, 12, 4),
        promised_text="5个工作日",
        printed_at=datetime(2026, 11, 27, 10, 33),
    )
    base.update(kw)
    return ReceiptData(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize("width", [58, 80])
def test_receipt_masks_personal_data_and_fits_the_paper(width: int) -> None:
    doc = build_receipt(_data(), width_mm=width, status_url_template=TEMPLATE)
    text = to_text(doc)
    assert "11010519491231002X" not in text
    assert "110105********002X" in text
    assert "欧阳修远" not in text and "欧***" in text
    for b in doc.blocks:
        if isinstance(b, Text):
            assert text_width(b.text) <= COLUMNS[width] // b.size, b.text
    flat = "".join(line.strip() for line in text.splitlines())
    assert "容缺受理" in flat and "户口簿（复印件），请于2026年12月4日前补齐" in flat
    assert "KIOSK-DEMO-0001" in text and "12345" in text


def test_receipt_qr_holds_the_status_url_the_kiosk_recognises() -> None:
    doc = build_receipt(_data(local_ref="K1/2 3"), width_mm=80, status_url_template=TEMPLATE)
    (payload,) = doc.qr_payloads()
    assert payload == "https://zwfw.example.gov.cn/status?ref=K1%2F2%203"
    assert local_ref_from_status_url(TEMPLATE, payload) == "K1/2 3"
    assert local_ref_from_status_url(TEMPLATE, "https://evil.example/status?ref=X") is None
    with pytest.raises(ValueError):
        status_url("https://x/status", "K1")


def test_platform_number_printed_when_known() -> None:
    doc = build_receipt(
        _data(application_no="BJ2026112700123"), width_mm=80, status_url_template=TEMPLATE
    )
    assert "办件编号：BJ2026112700123" in to_text(doc)
    doc = build_receipt(_data(), width_mm=80, status_url_template=TEMPLATE)
    assert "待平台确认" in to_text(doc)


def test_no_line_starts_with_closing_punctuation() -> None:
    text = "年满16周岁（不含在校学生），非国家机关和事业单位工作人员。不属于职工基本养老保险覆盖范围的城乡居民，均可参保。"
    for cols in range(10, 49):
        lines = wrap(text, cols)
        assert "".join(lines) == text
        for line in lines:
            assert text_width(line) <= cols
            assert line[:1] not in set("，。、；：？！）】》」』”")
            assert line[-1:] not in set("（【《「『“")


def test_ascii_words_are_not_split_when_they_fit() -> None:
    assert wrap("受理编号 K0001-20261127-0042", 20) == ["受理编号", "K0001-20261127-0042"]


@pytest.mark.parametrize("width", [58, 80])
def test_guide_of_every_sample_catalog_item_fits(width: int) -> None:
    from kiosk.catalog.sample import load_sample_items

    items = load_sample_items()
    assert items
    for item in items:
        doc = build_guide(item, width_mm=width, terminal_id="KIOSK-DEMO-0001", hotline="12345")
        for b in doc.blocks:
            if isinstance(b, Text):
                assert text_width(b.text) <= COLUMNS[width] // b.size
        text = to_text(doc)
        assert item["name"][:6] in text.replace("\n", "").replace(" ", "")
        assert "申请材料" in text and "承诺时限" in text
        for m in item["materials"]:
            assert m["name"][:4] in text.replace("\n", "").replace(" ", "")


def test_sample_application_is_the_documented_one() -> None:
    item = sample_item()
    assert any(m.get("may_be_missing") for m in item["materials"])
    data = sample_receipt_data(terminal_id="T-1", hotline="12345", now=datetime(2026, 11, 27, 9, 0))
    assert data.applicant_name == "张三"
    assert data.applicant_id_number == SAMPLE_ID_NUMBER == "11010519491231002X"
    assert len(data.missing) == 1
    assert data.missing[0].supply_by > date(2026, 11, 27)
    doc = build_receipt(data, width_mm=80, status_url_template=TEMPLATE)
    assert any(isinstance(b, QR) for b in doc.blocks)


@pytest.mark.parametrize("width", [58, 80])
def test_status_url_printed_whole_under_the_qr(width: int) -> None:
    ref = "K0001-20261127-0042"
    doc = build_receipt(_data(local_ref=ref), width_mm=width, status_url_template=TEMPLATE)
    lines = [b.text.strip() for b in doc.blocks if isinstance(b, Text)]
    start = next(i for i, t in enumerate(lines) if t.startswith("https://"))
    joined = ""
    for t in lines[start:]:
        joined += t
        if joined == status_url(TEMPLATE, ref):
            break
    assert joined == status_url(TEMPLATE, ref)
    assert any(ref in t for t in lines[start:])  # the reference never split across lines


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            list("受理凭证办事指南，。（）《》、：；！？“”ABCxyz0123-/.?=&") + ["￥", "㐀"]
        ),
        max_size=120,
    ),
    st.integers(min_value=8, max_value=48),
)
def test_wrap_keeps_every_character_and_the_width(text: str, cols: int) -> None:
    lines = wrap(text, cols)
    assert "".join(lines) == text
    assert all(text_width(line) <= cols for line in lines)
