"""通办 and 办理结果 in the catalog: the schema (version 2), its rules, the sample, the form the
terminal builds from them and what the application carries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.catalog.sample import load_sample_items
from kiosk.catalog.validate import CatalogInvalid, schema_version, validate_items
from kiosk.domain.forms import validate_form
from kiosk.domain.items import ServiceItem
from kiosk.domain.tongban import application_fields, with_extra_fields
from kiosk.store.db import Store

from .conftest import make_item
from .test_cli_core import run

PROXY = {
    "receiving_body": {"name": "本市政务服务中心跨省通办专窗"},
    "handling_body": {"name": "户籍所在地县级公安机关"},
}


def tb(**over) -> dict:
    return {
        "scope": "跨省通办",
        "modes": ["异地代收代办"],
        "needs_registered_region": True,
        "proxy": PROXY,
    } | over


def problems(**over) -> str:
    return "\n".join(str(p) for p in validate_items([make_item(1, **over)]))


def test_the_schema_is_version_2_and_the_sample_has_tongban_items_with_results() -> None:
    assert schema_version() >= 2
    items = load_sample_items()
    assert validate_items(items) == []
    tongban = [i for i in items if i.get("tongban")]
    assert len(tongban) >= 10
    assert {i["tongban"]["scope"] for i in tongban} == {"跨省通办", "省内通办"}
    modes = {m for i in tongban for m in i["tongban"]["modes"]}
    assert modes == {"全程网办", "异地代收代办", "多地联办"}
    proxied = [i for i in tongban if "异地代收代办" in i["tongban"]["modes"]]
    assert all(i["tongban"]["proxy"]["handling_body"]["name_en"] for i in proxied)
    assert any(i["tongban"].get("regions") for i in tongban)
    results = [i for i in items if i.get("result")]
    assert len(results) >= 10 and all(i["result"]["name_en"] for i in results)
    assert {"window", "post", "elicense"} <= {d for i in results for d in i["result"]["delivery"]}
    # an item whose result can be posted no longer asks its own 领取方式 question
    for i in results:
        if "post" in i["result"]["delivery"]:
            assert "delivery" not in {f["name"] for f in i["form"]["fields"]}, i["name"]


@pytest.mark.parametrize(
    ("over", "expected"),
    [
        ({"tongban": tb(scope="全国通办")}, "tongban.scope"),
        ({"tongban": tb(modes=["到窗口"])}, "tongban.modes.0"),
        ({"tongban": tb(modes=[])}, "tongban.modes"),
        ({"tongban": tb(regions=["999999"])}, "Region code 999999 does not exist"),
        ({"tongban": tb(regions=["1101"])}, "tongban.regions.0"),
        ({"tongban": tb(regions=["110103"])}, "historical (2010); use 110101 (北京市东城区)"),
        ({"tongban": {k: v for k, v in tb().items() if k != "proxy"}}, "tongban.proxy: required"),
        ({"tongban": tb(modes=["全程网办"])}, "only an item with the mode 异地代收代办"),
        ({"tongban": tb(needs_registered_region="yes")}, "needs_registered_region"),
        ({"result": {"kind": "medal", "name": "x", "delivery": ["window"]}}, "result.kind"),
        ({"result": {"kind": "card", "name": "证", "delivery": ["drone"]}}, "result.delivery.0"),
        ({"result": {"kind": "card", "name": "证", "delivery": []}}, "result.delivery"),
        (
            {"result": {"kind": "card", "name": "证", "delivery": ["post"], "name_en": "证"}},
            "name_en",
        ),
    ],
)
def test_bad_tongban_and_result_are_refused_naming_the_field(over: dict, expected: str) -> None:
    assert expected in problems(**over)


def test_a_field_under_a_name_the_terminal_adds_is_refused() -> None:
    it = make_item(1, result={"kind": "card", "name": "证", "delivery": ["window", "post"]})
    it["form"]["fields"].append(
        {"name": "delivery_address", "label": "地址", "type": "text", "required": True}
    )
    assert "added by the terminal" in "\n".join(map(str, validate_items([it])))


def test_a_bad_catalog_is_refused_and_the_stored_one_kept(store: Store) -> None:
    before = (store.catalog.version(), store.catalog.count())
    bad = make_item(1, tongban=tb(regions=["999999"]))
    with pytest.raises(CatalogInvalid, match="999999 does not exist"):
        store.catalog.replace_all([bad], version=99)
    assert (store.catalog.version(), store.catalog.count()) == before


def test_the_cli_refuses_a_bad_region_in_one_line(tmp_path: Path) -> None:
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"version": 5, "items": [make_item(1)]}), encoding="utf-8")
    assert run(tmp_path / "d", "catalog", "import", str(good)).returncode == 0
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps({"version": 6, "items": [make_item(1, tongban=tb(regions=["110103"]))]}),
        encoding="utf-8",
    )
    r = run(tmp_path / "d", "catalog", "import", str(bad))
    assert r.returncode == 4
    lines = (r.stderr + r.stdout).strip().splitlines()
    assert len(lines) == 1 and "use 110101" in lines[0]


# ------------------------------------------------------------------ the form and the body


def proxy_item() -> dict:
    return make_item(
        1,
        tongban=tb(),
        result={"kind": "card", "name": "居民身份证", "delivery": ["window", "post"]},
    )


def test_the_form_asks_the_region_its_confirmation_and_the_delivery() -> None:
    item = ServiceItem.from_dict(proxy_item())
    names = [f.name for f in item.fields]
    assert names[-4:] == [
        "registered_region",
        "region_confirmed",
        "delivery_method",
        "delivery_address",
    ]
    base = {f.name: "" for f in item.fields}
    problems = validate_form(item, base)
    assert problems["registered_region"].message_zh == "请填写户籍所在地"
    assert problems["region_confirmed"].message_zh == "请选择核对户籍所在地"


@pytest.mark.parametrize(
    ("values", "field", "zh"),
    [
        ({"registered_region": "999999"}, "registered_region", "行政区划代码 999999 不存在"),
        ({"registered_region": "火星市"}, "registered_region", "未能识别"),
        ({"delivery_method": "post", "delivery_address": ""}, "delivery_address", "请填写邮寄地址"),
        ({"delivery_method": "post", "delivery_address": "北" * 61}, "delivery_address", "61"),
    ],
)
def test_a_bad_region_or_address_gets_a_clear_message(values: dict, field: str, zh: str) -> None:
    item = ServiceItem.from_dict(proxy_item())
    form = {
        "registered_region": "河北省保定市莲池区",
        "region_confirmed": "yes",
        "delivery_method": "window",
        "delivery_address": "",
    } | values
    problems = validate_form(item, form)
    assert field in problems and zh in problems[field].message_zh, problems


def test_a_region_outside_the_items_regions_is_refused() -> None:
    item = ServiceItem.from_dict(make_item(1, tongban=tb(scope="省内通办", regions=["110000"])))
    form = {"registered_region": "河北省保定市莲池区", "region_confirmed": "yes"}
    assert "暂不受理" in validate_form(item, form)["registered_region"].message_zh
    assert "registered_region" not in validate_form(
        item, form | {"registered_region": "北京市崇文区"}
    )


def test_the_application_carries_regions_mode_and_delivery_not_the_form() -> None:
    raw = proxy_item()
    form = {
        "applicant_name": "王秀英",
        "registered_region": "河北省保定市北市区",  # a historical name: today's 莲池区
        "region_confirmed": "yes",
        "delivery_method": "post",
        "delivery_address": " 北京市朝阳区建国路88号 ",
    }
    rest, extra = application_fields(raw, form, "110105")
    assert rest == {"applicant_name": "王秀英"}
    assert extra == {
        "receiving_region": "110105",
        "handling_region": "130606",
        "tongban_mode": "异地代收代办",
        "delivery": {"method": "post", "address": "北京市朝阳区建国路88号"},
    }
    _, plain = application_fields(make_item(1), {"applicant_name": "王"}, "110105")
    assert plain == {}


# ------------------------------------------------------------------ guide and receipt


def test_the_guide_shows_the_result_and_how_it_is_offered() -> None:
    from kiosk.service import guide_view

    raw = proxy_item()
    zh = guide_view(raw, "zh_CN")
    assert zh["result_line"] == "办理结果：居民身份证；领取方式：窗口领取、邮寄"
    assert zh["tongban_line"] == (
        "跨省通办（异地代收代办）：本机代收，由户籍所在地县级公安机关办理；申请时须确认户籍所在地"
    )
    en = guide_view(raw, "en")
    assert en["result_line"].startswith("Result: ") and "By post" in en["result_line"]
    assert guide_view(make_item(1), "zh_CN")["result_line"] == ""
    # and the printed guide
    from kiosk.receipts import build_guide, to_text

    paper = to_text(build_guide(raw, width_mm=80, terminal_id="K1", hotline="12345"))
    flat = "".join(line.strip() for line in paper.splitlines())
    assert "办理结果：居民身份证；领取方式：窗口领取、邮寄" in flat
    assert "通办方式：跨省通办（异地代收代办）" in flat
    plain = to_text(build_guide(make_item(1), width_mm=80, terminal_id="K1", hotline="12345"))
    assert "办理结果" not in plain and "通办方式" not in plain


@pytest.mark.parametrize("width", [58, 80])
def test_the_receipt_names_the_handling_body_and_the_delivery_masked(cfg, width: int) -> None:
    from kiosk.domain.records import Applicant, ApplicationDraft
    from kiosk.receipts import build_receipt, to_text
    from kiosk.usecases.printing import receipt_data
    from kiosk.usecases.submit import Submitted

    raw = proxy_item()
    form = {
        "registered_region": "河北省保定市莲池区",
        "region_confirmed": "yes",
        "delivery_method": "post",
        "delivery_address": "北京市朝阳区建国路88号院3号楼2单元501室",
    }
    _, routing = application_fields(raw, form, "110105")
    sub = Submitted(
        "id-1",
        "K1-20261127-0001",
        "2026-11-27T08:00:00Z",
        raw["item_code"],
        raw["name"],
        (),
        routing,
    )
    draft = ApplicationDraft(
        raw["item_code"], Applicant(name="王秀英", id_number="11010519491231002X"), {}
    )
    data = receipt_data(sub, draft, ServiceItem.from_dict(raw), cfg)
    text = to_text(build_receipt(data, width_mm=width, status_url_template="https://x/{local_ref}"))
    flat = "".join(line.strip() for line in text.splitlines())
    assert (
        "办理机关" in flat and "户籍所在地县级公安机关（河北省保定市莲池区），异地代收代办" in flat
    )
    assert "结果送达" in flat and "居民身份证，邮寄至北京市朝阳区****" in flat
    assert "建国路" not in flat  # the address beyond the district stays off the paper
    # an item without 通办 or a result prints neither line
    plain = Submitted("id-2", "K1-20261127-0002", "2026-11-27T08:00:00Z", "X", "Y", ())
    data = receipt_data(plain, draft, ServiceItem.from_dict(make_item(1)), cfg)
    text = to_text(build_receipt(data, width_mm=width, status_url_template="https://x/{local_ref}"))
    assert "办理机关" not in text and "结果送达" not in text


def test_the_registered_region_is_prefilled_from_the_cards_address() -> None:
    """The card's appended address (追加住址, after a move) wins over the printed one; the ID
    number's prefix (110105, the place of first registration) is never the answer."""
    from kiosk.identity.card import IdentityCard
    from kiosk.service import form_prefill
    from kiosk.service.facade import person_view
    from kiosk.usecases.identify import identity_from_card

    data = json.loads((Path(__file__).parents[2] / "assets/cards/resident.json").read_text("utf-8"))
    raw = with_extra_fields(proxy_item())  # the form as the screens get it
    moved = IdentityCard.from_json(data | {"appended_address": "河北省保定市莲池区东关大街12号"})
    person = person_view(identity_from_card(moved))
    assert form_prefill(raw, person)["registered_region"] == "河北省保定市莲池区"
    printed = IdentityCard.from_json({k: v for k, v in data.items() if k != "appended_address"})
    assert printed.id_number.startswith("110105")
    person = person_view(identity_from_card(printed))
    assert form_prefill(raw, person)["registered_region"] == "北京市朝阳区"
    unknown = IdentityCard.from_json(
        {k: v for k, v in data.items() if k != "appended_address"} | {"address": "某某村3组"}
    )
    assert "registered_region" not in form_prefill(raw, person_view(identity_from_card(unknown)))
