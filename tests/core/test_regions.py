"""GB/T 2260 region codes: the table, historical codes, unknown codes, the card's address."""

from __future__ import annotations

import pytest

from kiosk.catalog.regions import (
    RegionTable,
    RegionUnknown,
    lookup_region,
    region_from_address,
    region_table,
    resolve_region,
)


def test_the_table_is_versioned_and_whole() -> None:
    t = region_table()
    assert t.version == "2023"
    provinces = [c for c in t.regions if c.endswith("0000")]
    assert len(provinces) == 34  # every province-level division, 台湾 and 香港 and 澳门 included
    for code, d in t.regions.items():
        assert len(code) == 6 and code.isdigit()
        if not code.endswith("0000"):
            assert d["parent"] in t.regions, code
    for code, d in t.historical.items():
        assert code not in t.regions, code
        assert d["successor"] in t.regions, code  # one step to a code in use
        assert d["until"].isdigit() and d["change"]


@pytest.mark.parametrize(
    ("code", "full"),
    [
        ("110101", "北京市东城区"),
        ("130606", "河北省保定市莲池区"),
        ("411603", "河南省周口市淮阳区"),
        ("420600", "湖北省襄阳市"),
        ("440000", "广东省"),
    ],
)
def test_a_current_code_is_its_region(code: str, full: str) -> None:
    r = lookup_region(code)
    assert (r.code, r.full_name, r.replaced) == (code, full, None)


@pytest.mark.parametrize(
    ("old", "new", "full"),
    [
        ("110103", "110101", "北京市东城区"),  # 崇文区, merged 2010
        ("130603", "130606", "河北省保定市莲池区"),  # 北市区, merged 2015
        ("510124", "510117", "四川省成都市郫都区"),  # 郫县, made a district 2016
        ("371202", "370116", "山东省济南市莱芜区"),  # 莱城区 of the abolished 莱芜市
        ("330103", "330105", "浙江省杭州市拱墅区"),  # 下城区, merged 2021
    ],
)
def test_a_historical_code_answers_its_successor(old: str, new: str, full: str) -> None:
    r = lookup_region(old)
    assert (r.code, r.full_name, r.replaced) == (new, full, old)
    assert r.change  # what became of it, for the technician


@pytest.mark.parametrize("code", ["999999", "110199", "000000", "130699"])
def test_a_code_that_does_not_exist_is_refused_clearly(code: str) -> None:
    with pytest.raises(RegionUnknown) as e:
        lookup_region(code)
    assert e.value.message_zh == f"行政区划代码 {code} 不存在（GB/T 2260，2023版）"
    assert code in e.value.message_en and "does not exist" in e.value.message_en


@pytest.mark.parametrize("code", ["11010", "1101011", "11010X", "", None, 110101])
def test_what_is_not_a_code_is_refused(code: object) -> None:
    with pytest.raises(RegionUnknown) as e:
        lookup_region(code)
    assert "6" in e.value.message_zh


@pytest.mark.parametrize(
    ("address", "code"),
    [
        ("北京市东城区交道口南大街136号", "110101"),
        ("河北省保定市莲池区东关大街12号", "130606"),
        ("河北省保定市定兴县定兴镇", "130626"),
        ("河南省周口市鹿邑县真源路8号", "411628"),
        ("广东省深圳市南山区科技园", "440305"),
        ("四川省成都市郫都区犀浦镇", "510117"),
        ("内蒙古自治区呼和浩特市新城区", "150102"),
        ("甘肃省兰州市城关区张掖路1号", "620102"),
        # a county-level city the province governs directly (no prefecture written)
        ("湖北省仙桃市沙嘴街道", "429004"),
        ("新疆维吾尔自治区石河子市北一路", "659001"),
        # a prefecture without counties: the city
        ("广东省东莞市南城街道", "441900"),
        # an old card's address: the historical name answers today's district
        ("北京市崇文区花市大街1号", "110101"),
        ("山东省莱芜市莱城区凤城大街5号", "370116"),
        ("上海市闸北区天目中路", "310106"),
        # longest match: 河北省 before 河北区 (天津), 广州市 before 广州
        ("天津市河北区中山路", "120105"),
    ],
)
def test_the_registered_region_is_read_from_the_address(address: str, code: str) -> None:
    r = region_from_address(address)
    assert r is not None and r.code == code


def test_the_id_number_prefix_is_not_the_registered_region() -> None:
    # born and first registered in 保定 (130602…), moved to 东城区: the card's address says so
    id_number = "130602198001010014"
    address = "北京市东城区交道口南大街136号"
    r = region_from_address(address)
    assert r is not None and r.code == "110101" and r.code != id_number[:6]


@pytest.mark.parametrize("address", ["火星市奥林匹斯山", "", "   ", None, "某某街道1号"])
def test_an_address_naming_no_known_place_gives_none(address: object) -> None:
    assert region_from_address(address) is None


def test_a_district_name_shared_by_cities_is_not_guessed() -> None:
    # 市中区 is a district of 济南 and of 枣庄; an address naming the province and 市中区
    # without the city is answered with the province, never one of the two
    t = region_table()
    regions = dict(t.regions)
    regions["370402"] = {"name": "市中区", "parent": "370400"}
    two = RegionTable(t.version, regions, t.historical)
    r = two.from_address("山东省市中区建设路")
    assert r is not None and r.code == "370000"
    assert two.from_address("山东省枣庄市市中区建设路").code == "370402"  # type: ignore[union-attr]
    # the bundled table has both (济南 370103, 枣庄 370402): the province, never a guess
    assert region_from_address("山东省市中区建设路").code == "370000"  # type: ignore[union-attr]


def test_resolve_takes_a_name_or_a_code_and_refuses_a_province_alone() -> None:
    assert resolve_region("河北省保定市莲池区").code == "130606"
    assert resolve_region(" 130603 ").code == "130606"
    with pytest.raises(RegionUnknown) as e:
        resolve_region("河北省")
    assert "市、县" in e.value.message_zh
    with pytest.raises(RegionUnknown):
        resolve_region("999999")
