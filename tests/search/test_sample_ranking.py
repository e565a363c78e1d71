"""Ranking on the bundled sample catalog: what a resident types, what comes first."""

from __future__ import annotations

from typing import Any

import pytest

from kiosk.search import CatalogSearch, normalize


def top(cs: CatalogSearch, query: str, n: int = 1) -> list[str]:
    return [h.name for h in cs.search(query, limit=max(n, 20))[:n]]


@pytest.mark.parametrize(
    "query", ["sfz", "SFZ", "shenfenzheng", "shen fen zheng", "身份证", "二代证", "shenfen"]
)
def test_resident_id_items_first(
    sample: CatalogSearch, resident_id_items: set[str], query: str
) -> None:
    assert set(top(sample, query, 4)) == resident_id_items


def test_social_security_card(sample: CatalogSearch) -> None:
    for q in ("社保卡", "社会保障卡", "sbk", "shebaoka"):
        assert top(sample, q)[0].startswith("社会保障卡"), q


def test_housing_fund(sample: CatalogSearch) -> None:
    for q in ("公积金", "住房公积金", "gjj", "gongjijin"):
        hits = top(sample, q, 3)
        assert all("公积金" in n for n in hits), (q, hits)


def test_opening_a_company_finds_the_bundle(sample: CatalogSearch) -> None:
    assert top(sample, "开公司")[0] == "企业开办一件事"
    assert top(sample, "企业开办")[0] == "企业开办一件事"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("生孩子", "新生儿出生一件事"),
        ("身后事", "身后一件事"),
        ("老人去世", "身后一件事"),
        ("结婚", "内地居民结婚登记"),
        ("jiehun", "内地居民结婚登记"),
        ("上户口", "出生登记（户口登记）"),
        ("护照", "普通护照签发"),
        ("huzhao", "普通护照签发"),
    ],
)
def test_everyday_words(sample: CatalogSearch, query: str, expected: str) -> None:
    assert top(sample, query)[0] == expected


def test_retirement(sample: CatalogSearch) -> None:
    assert set(top(sample, "退休", 2)) == {"退休一件事", "职工基本养老金申领（退休申请）"}


def test_item_code_and_basic_code(
    sample: CatalogSearch, sample_items: list[dict[str, Any]]
) -> None:
    it = next(i for i in sample_items if i["name"] == "居民身份证首次申领")
    hit = sample.search(it["item_code"])[0]
    assert (hit.name, hit.matched_by) == ("居民身份证首次申领", "code")
    assert sample.search(it["item_code"].lower())[0].name == "居民身份证首次申领"
    assert it["item_code"] in {h.item_code for h in sample.search(it["basic_code"])}


def test_every_item_is_found_by_its_name_pinyin_and_code(
    sample: CatalogSearch, sample_items: list[dict[str, Any]]
) -> None:
    from pypinyin import lazy_pinyin

    for it in sample_items:
        assert sample.search(it["name"])[0].item_code == it["item_code"], it["name"]
        assert sample.search(it["item_code"])[0].item_code == it["item_code"]
        han = "".join(ch for ch in normalize(it["name"]) if "\u4e00" <= ch <= "\u9fff")
        py = "".join(lazy_pinyin(han))
        codes = [h.item_code for h in sample.search(py, limit=5)]
        assert it["item_code"] in codes, (it["name"], py)


def test_hits_are_ranked_by_score(sample: CatalogSearch) -> None:
    for q in ("s", "sh", "证", "登记", "申领", "yl", "zhuxiao"):
        scores = [h.score for h in sample.search(q)]
        assert scores == sorted(scores, reverse=True), q
        assert len(sample.search(q, limit=5)) <= 5


def test_every_theme_lists_its_items(
    sample: CatalogSearch, sample_items: list[dict[str, Any]]
) -> None:
    themes = sample.themes(include_empty=True)
    for kind, keys in themes.items():
        for key in keys:
            listed = sample.by_theme(key)
            expected = {
                i["item_code"] for i in sample_items if key in (i.get("themes") or {}).get(kind, [])
            }
            assert {i["item_code"] for i in listed} == expected, key
            bundles = [bool(i.get("bundle")) for i in listed]
            assert bundles == sorted(bundles, reverse=True), f"{key}: 一件事 first"
    assert sample.themes() == {k: [t for t in v if sample.by_theme(t)] for k, v in themes.items()}


def test_frequent_list(sample: CatalogSearch, sample_items: list[dict[str, Any]]) -> None:
    expected = [i["item_code"] for i in sample_items if i.get("frequent")]
    assert expected, "the sample catalog marks some items as frequently used"
    assert [i["item_code"] for i in sample.frequent(100)] == expected
    assert [i["item_code"] for i in sample.frequent(3)] == expected[:3]


@pytest.mark.parametrize("query", ["s", "sfz", "证", "登记", "shenqing", "出生", "公积金", "zx"])
def test_theme_filter_is_the_same_ranking_restricted_to_the_theme(
    sample: CatalogSearch, query: str
) -> None:
    everything = sample.search(query, limit=500)
    for kind, keys in sample.themes().items():
        for key in keys:
            expected = [
                (h.item_code, h.score, h.matched_by)
                for h in everything
                if key in (h.item.get("themes") or {}).get(kind, [])
            ]
            got = [(h.item_code, h.score, h.matched_by) for h in sample.search(query, 500, key)]
            assert got == expected, (query, key)
