"""Instant items (即时办结, issue 14): ``instant: true`` with the result document they issue.
A catalog update whose instant items are malformed is refused naming the item and the field,
and the stored catalog keeps serving."""

from __future__ import annotations

from typing import Any

import pytest

from kiosk.catalog.sample import load_sample_items
from kiosk.catalog.validate import CatalogInvalid, validate_items
from kiosk.domain.items import ServiceItem
from kiosk.store.db import Store

from .conftest import make_item

DOC = {"type": "social_insurance_record", "title": "社会保险参保证明", "fits_receipt": True}


def instant_item(n: int = 20, **over: Any) -> dict[str, Any]:
    base = make_item(
        n,
        case_type="即办件",
        promised_time_limit={"value": 0, "unit": "immediate"},
        instant=True,
        result_document=dict(DOC, title_en="Social insurance enrolment certificate"),
    )
    base.update(over)
    return base


def test_an_instant_item_is_accepted_and_read_by_the_domain_model() -> None:
    d = instant_item()
    assert validate_items([d]) == []
    item = ServiceItem.from_dict(d)
    assert item.instant
    doc = item.result_document
    assert doc is not None and (doc.type, doc.title, doc.fits_receipt) == (
        "social_insurance_record",
        "社会保险参保证明",
        True,
    )
    plain = ServiceItem.from_dict(make_item(21))
    assert not plain.instant and plain.result_document is None


@pytest.mark.parametrize(
    ("over", "field", "words"),
    [
        ({"result_document": None}, "result_document", "required when instant"),
        ({"instant": False}, "result_document", "only an instant item"),
        ({"instant": "yes"}, "instant", "not valid"),
        ({"case_type": "承诺件"}, "case_type", "即办件"),
        ({"handling_forms": ["window"]}, "handling_forms", "kiosk"),
        ({"result_document": {"type": "X!", "title": "证明", "fits_receipt": True}}, "type", ""),
        ({"result_document": {"type": "proof", "title": "证明"}}, "result_document", ""),
        (
            {"result_document": dict(DOC, title_en="参保证明")},
            "result_document.title_en",
            "",
        ),
        ({"result_document": dict(DOC, pages=3)}, "result_document", "pages"),
        ({"result_document": dict(DOC, title="")}, "result_document.title", ""),
    ],
)
def test_a_malformed_instant_item_is_refused_naming_the_field(
    over: dict[str, Any], field: str, words: str
) -> None:
    problems = validate_items([instant_item(**over)])
    assert problems, over
    text = " | ".join(str(p) for p in problems)
    assert field in text and words in text, text


def test_a_catalog_update_with_a_malformed_instant_item_leaves_the_stored_one(
    store: Store,
) -> None:
    before, version = store.catalog.item_dicts(), store.catalog.version()
    with pytest.raises(CatalogInvalid, match="result_document"):
        store.catalog.apply_delta(version + 1, False, [instant_item(result_document=None)], [])
    with pytest.raises(CatalogInvalid, match="case_type"):
        store.catalog.replace_all([make_item(1), instant_item(case_type="承诺件")])
    assert store.catalog.item_dicts() == before and store.catalog.version() == version
    # a good one goes in, and the domain model sees it as instant
    change = store.catalog.apply_delta(version + 1, False, [instant_item()], [])
    assert change is not None and change.added == 1
    got = store.catalog.get(instant_item()["item_code"])
    assert got is not None and got.instant and got.result_document.title == "社会保险参保证明"


def test_the_sample_catalog_has_at_least_five_instant_items() -> None:
    instant = [ServiceItem.from_dict(d) for d in load_sample_items() if d.get("instant")]
    titles = {i.result_document.title for i in instant if i.result_document}
    assert len(instant) >= 5
    assert {"社会保险参保证明", "无犯罪记录证明", "户籍证明", "医疗保险参保凭证"} <= titles
    for i in instant:
        assert i.case_type == "即办件" and i.kiosk_can_complete and not i.is_bundle
        assert i.result_document is not None and i.result_document.title_en
    assert any(i.result_document.fits_receipt for i in instant)
