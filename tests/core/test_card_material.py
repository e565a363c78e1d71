"""The resident ID card just read counts as the applicant's ID-card material (and only that
one): which materials of the sample catalog it stands for, and how it is recorded."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kiosk.config import parse_config
from kiosk.domain.items import ServiceItem
from kiosk.domain.records import Applicant, ApplicationDraft
from kiosk.service import License, PersonView, card_read_material, is_applicants_id_card
from kiosk.usecases.printing import receipt_data
from kiosk.usecases.submit import Submitted

REPO = Path(__file__).resolve().parents[2]
CATALOG = json.loads((REPO / "kiosk/catalog/data/sample_catalog.json").read_text(encoding="utf-8"))
ID_CARD = "11100000000013028T001"
LICENSES = [
    License(
        "1.2.156.3005.2.11100000000013028T002.X.1.001.1", "11100000000013028T002", "居民户口簿"
    ),
    License("1.2.156.3005.2.11100000000013028T001.X.2.001.2", ID_CARD, "居民身份证"),
]


def _materials() -> list[dict[str, Any]]:
    items = CATALOG["items"] if isinstance(CATALOG, dict) else CATALOG
    return [m for it in items for m in it.get("materials", [])]


def _person(channel: str = "id_card", card_type: str = "resident") -> PersonView:
    return PersonView(channel, "王**  110105********002X", {}, card_type)  # type: ignore[arg-type]


def test_only_the_applicants_own_id_card_is_covered_by_the_card() -> None:
    names = {m["name"] for m in _materials() if is_applicants_id_card(m)}
    assert names == {"申请人居民身份证", "申报人居民身份证", "申领人居民身份证"}
    # other people's cards, a card to hand back and papers about the card are not
    for m in _materials():
        if m["name"] in (
            "父母双方居民身份证",
            "监护人居民身份证",
            "原居民身份证",
            "居民身份证数字相片回执（可在受理现场免费采集）",
        ):
            assert not is_applicants_id_card(m), m["name"]


def test_the_card_read_is_recorded_as_the_holders_id_card_license() -> None:
    m = next(m for m in _materials() if m["name"] == "申请人居民身份证")
    got = card_read_material(m, _person(), LICENSES)
    assert got is not None
    assert (got.material_id, got.name, got.source) == (m["material_id"], m["name"], "elicense")
    assert got.license_no == LICENSES[1].license_no  # the ID card's, not the hukou's
    assert got.content is None and got.supply_by is None


def test_no_card_read_no_record_of_it_or_another_document_asks_as_before() -> None:
    m = next(m for m in _materials() if m["name"] == "申请人居民身份证")
    assert card_read_material(m, _person("qr"), LICENSES) is None  # no card was read
    assert card_read_material(m, _person("ssc"), LICENSES) is None
    assert card_read_material(m, _person(card_type="foreign_permanent"), LICENSES) is None
    assert card_read_material(m, None, LICENSES) is None
    assert card_read_material(m, _person(), None) is None  # the platform could not be asked
    assert card_read_material(m, _person(), LICENSES[:1]) is None
    hukou = next(m for m in _materials() if m["name"] == "申请人居民户口簿")
    assert card_read_material(hukou, _person(), LICENSES) is None


def test_the_receipt_says_the_card_was_read_not_an_e_license() -> None:
    items = CATALOG["items"] if isinstance(CATALOG, dict) else CATALOG
    raw = next(it for it in items if it["name"] == "失业保险金申领")
    item = ServiceItem.from_dict(raw)
    m = next(m for m in raw["materials"] if is_applicants_id_card(m))
    chosen = card_read_material(m, _person(), LICENSES)
    assert chosen is not None
    sub = Submitted(
        "id-1", "K-1-20261127-0001", "2026-11-27T08:30:00Z", raw["item_code"], raw["name"], ()
    )

    def received(channel: str) -> list[tuple[str, str]]:
        applicant = Applicant("王秀英", "11010519491231002X", id_channel=channel)  # type: ignore[arg-type]
        draft = ApplicationDraft(raw["item_code"], applicant, {}, (chosen,))
        data = receipt_data(sub, draft, item, parse_config({}))
        return [(r.name, r.how) for r in data.received]

    assert received("id_card") == [(m["name"], "读取身份证")]
    # a resident who came in by QR code cited the e-license themselves
    assert received("qr") == [(m["name"], "电子证照")]
