"""CatalogSearch on small hand-made items: matching rules, ranking rules, hostile input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.search import THEME_LABELS, CatalogSearch, SearchHit, normalize, theme_key, theme_label


def item(code: str, name: str, **kw: object) -> dict:
    d = {"item_code": f"11110000000000000X{code}", "basic_code": f"{code:0>12}"[:12], "name": name}
    d.update(kw)
    return d


ITEMS = [
    item(
        "0001",
        "居民身份证首次申领",
        themes={"person": ["household"]},
        frequent=True,
        keywords=["办身份证"],
        name_en="First application for a resident ID card",
    ),
    item("0002", "居民身份证换领", themes={"person": ["household"]}),
    item("0003", "居民身份证补领", themes={"person": ["household"]}),
    item("0004", "临时居民身份证申领", themes={"person": ["household"]}),
    item("0005", "社会保障卡申领", themes={"person": ["social_insurance"]}, frequent=True),
    item("0006", "住房公积金提取", themes={"person": ["housing"]}, keywords=["取公积金"]),
    item("0007", "律师执业许可"),
    item("0008", "银行开户许可"),
    item("0009", "重庆市居住证办理", keywords=["暂住证"]),
    item(
        "0010",
        "企业开办一件事",
        themes={"enterprise": ["opening"]},
        bundle={"items": ["11110000000000000X0011", "11110000000000000X0012"]},
        keywords=["开公司", "注册公司"],
    ),
    item("0011", "企业设立登记", themes={"enterprise": ["opening"]}),
    item("0012", "公章刻制备案", themes={"enterprise": ["opening"]}),
    item("0013", "出生医学证明签发", themes={"person": ["birth"]}),
    item(
        "0014",
        "新生儿出生一件事",
        themes={"person": ["birth", "household"]},
        bundle={"items": ["11110000000000000X0013", "11110000000000000X0015"]},
        keywords=["上户口", "生孩子"],
    ),
    item("0015", "出生登记", themes={"person": ["household", "birth"]}),
    item("0016", "居民身份证", themes={"person": ["household"]}),
]


@pytest.fixture(scope="module")
def cs() -> CatalogSearch:
    return CatalogSearch(ITEMS)


def names(hits: list[SearchHit]) -> list[str]:
    return [h.name for h in hits]


def test_exact_name_beats_prefix_beats_substring(cs: CatalogSearch) -> None:
    hits = cs.search("居民身份证")
    assert hits[0].name == "居民身份证"
    assert hits[0].matched_by == "name"
    # prefix matches (the three 居民身份证… items) before the substring match 临时居民身份证申领
    assert names(hits)[1:4] == ["居民身份证首次申领", "居民身份证换领", "居民身份证补领"]
    assert names(hits).index("临时居民身份证申领") == 4
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_frequent_items_break_ties(cs: CatalogSearch) -> None:
    # all three are name-prefix matches; the frequent one comes first despite its longer name
    assert names(cs.search("居民身份证", limit=3))[1] == "居民身份证首次申领"


@pytest.mark.parametrize(
    "query",
    [
        "shenfenzheng",
        "shen fen zheng",
        "SHENFENZHENG",
        "shenfen",
        "shenf",
        "ｓｈｅｎｆｅｎｚｈｅｎｇ",
    ],
)
def test_full_and_partial_pinyin(cs: CatalogSearch, query: str) -> None:
    hits = cs.search(query)
    assert hits, query
    assert "身份证" in hits[0].name
    assert hits[0].matched_by == "pinyin"
    assert {h.name for h in hits[:5]} >= {"居民身份证", "居民身份证首次申领"}


def test_pinyin_prefix_of_name_ranks_before_inner_syllables(cs: CatalogSearch) -> None:
    hits = cs.search("jumin")
    assert names(hits)[0].startswith("居民")
    assert "临时居民身份证申领" in names(hits)
    assert names(hits).index("临时居民身份证申领") > names(hits).index("居民身份证补领")


@pytest.mark.parametrize("query", ["sfz", "SFZ", "ｓｆｚ", "s f z"])
def test_initials(cs: CatalogSearch, query: str) -> None:
    hits = cs.search(query)
    assert set(names(hits)[:5]) == {
        "居民身份证",
        "居民身份证首次申领",
        "居民身份证换领",
        "居民身份证补领",
        "临时居民身份证申领",
    }


def test_initials_prefix_beats_inner_initials(cs: CatalogSearch) -> None:
    hits = cs.search("jmsfz")
    assert hits[0].matched_by == "initials"
    assert "临时居民身份证申领" not in names(hits)[:4]


@pytest.mark.parametrize("query", ["lvshi", "lushi", "lüshi", "LVSHI"])
def test_u_umlaut_typed_as_v_or_u(cs: CatalogSearch, query: str) -> None:
    assert cs.search(query)[0].name == "律师执业许可"


@pytest.mark.parametrize("query", ["yinhang", "yh", "yinxing", "yx"])
def test_polyphones(cs: CatalogSearch, query: str) -> None:
    # 银行 is yinhang (phrase reading); residents also find it by the other reading of 行
    assert cs.search(query)[0].name == "银行开户许可"


@pytest.mark.parametrize("query", ["chongqing", "cq", "zq"])
def test_polyphone_place_name(cs: CatalogSearch, query: str) -> None:
    assert cs.search(query)[0].name == "重庆市居住证办理"


def test_homophones_and_half_converted_input(cs: CatalogSearch) -> None:
    # 身分证 is a common miswriting of 身份证; 公鸡金 an input-method slip for 公积金
    assert set(names(cs.search("身分证"))[:5]) == {
        "居民身份证",
        "居民身份证首次申领",
        "居民身份证换领",
        "居民身份证补领",
        "临时居民身份证申领",
    }
    assert cs.search("公鸡金")[0].name == "住房公积金提取"
    assert cs.search("公鸡金")[0].matched_by == "pinyin"
    # characters and pinyin mixed, as an input method shows them half-way
    assert "身份证" in cs.search("身份zh")[0].name
    assert cs.search("住房gongjijin")[0].name == "住房公积金提取"
    # one character is not converted: 证 must not bring every zheng (正, 政 …)
    assert all("证" in h.name for h in cs.search("证"))


def test_item_code_and_basic_code_prefixes(cs: CatalogSearch) -> None:
    hits = cs.search("11110000000000000X0006")
    assert hits[0].name == "住房公积金提取" and hits[0].matched_by == "code"
    assert cs.search("11110000000000000x000")[0].matched_by == "code"  # case-insensitive
    assert cs.search("000000000007")[0].name == "律师执业许可"  # basic code


def test_keywords(cs: CatalogSearch) -> None:
    hits = cs.search("暂住证")
    assert hits[0].name == "重庆市居住证办理"
    assert hits[0].matched_by in ("keyword", "synonym")
    assert cs.search("qugongjijin")[0].name == "住房公积金提取"


def test_a_synonym_in_a_name_beats_a_bundle_keyword() -> None:
    bundle = item(
        "0099", "新生儿出生一件事", keywords=["社保卡", "医保"], bundle={"items": ["a", "b"]}
    )
    cs = CatalogSearch([*(i for i in ITEMS if i["name"] != bundle["name"]), bundle])
    assert names(cs.search("社保卡"))[:2] == ["社会保障卡申领", "新生儿出生一件事"]


def test_a_known_abbreviation_beats_initials_found_by_chance() -> None:
    # 税务注销申报跨省通办 = swzx-sbk-sztb: "sbk" inside it is a coincidence
    cs = CatalogSearch([item("0200", "税务注销申报跨省通办"), *ITEMS])
    hits = cs.search("sbk")
    assert names(hits)[:2] == ["社会保障卡申领", "税务注销申报跨省通办"]
    assert cs.search("shebaoka")[0].name == "社会保障卡申领"


def test_builtin_synonyms(cs: CatalogSearch) -> None:
    hits = cs.search("二代证")
    assert hits and all("身份证" in h.name for h in hits)
    assert {h.matched_by for h in hits} == {"synonym"}
    assert cs.search("社保卡")[0].name == "社会保障卡申领"
    assert cs.search("公积金")[0].name == "住房公积金提取"


def test_life_event_words_bring_the_bundle(cs: CatalogSearch) -> None:
    assert cs.search("开公司")[0].name == "企业开办一件事"
    # 上户口 is another word for 出生登记 (a synonym found in a name beats a keyword)
    assert names(cs.search("上户口"))[:2] == ["出生登记", "新生儿出生一件事"]
    assert cs.search("生孩子")[0].name == "新生儿出生一件事"
    hits = cs.search("出生")
    # the exact-ish names first, the 一件事 ahead of plain substring matches
    assert names(hits)[:2] == ["出生登记", "出生医学证明签发"]
    assert names(hits)[2] == "新生儿出生一件事"


def test_english_name(cs: CatalogSearch) -> None:
    hits = cs.search("resident ID card")
    assert hits[0].name == "居民身份证首次申领" and hits[0].matched_by == "name_en"


def test_theme_label_as_query_and_theme_filter(cs: CatalogSearch) -> None:
    assert set(names(cs.search("开办"))) >= {"企业开办一件事", "企业设立登记", "公章刻制备案"}
    hits = cs.search("sfz", theme="birth")
    assert hits == []
    hits = cs.search("chusheng", theme="出生")
    assert set(names(hits)) == {"出生医学证明签发", "新生儿出生一件事", "出生登记"}
    assert cs.search("sfz", theme="no-such-theme") == []


def test_limit(cs: CatalogSearch) -> None:
    assert len(cs.search("s", limit=3)) == 3
    assert cs.search("s", limit=0) == []
    assert cs.search("s", limit=-5) == []


def test_by_theme_lists_bundles_first(cs: CatalogSearch) -> None:
    birth = cs.by_theme("birth")
    assert [i["name"] for i in birth][0] == "新生儿出生一件事"
    assert {i["name"] for i in birth} == {"出生医学证明签发", "新生儿出生一件事", "出生登记"}
    assert cs.by_theme("出生") == birth
    assert cs.by_theme("nonsense") == []


def test_by_theme_order_is_bundles_then_frequent_then_catalog_order() -> None:
    items = [
        item("0101", "乙事项很长的名字很长的名字", themes={"person": ["pension"]}),
        item("0102", "甲事项", themes={"person": ["pension"]}),
        item("0103", "常用事项", themes={"person": ["pension"]}, frequent=True),
        item("0104", "退休一件事", themes={"person": ["pension"]}, bundle={"items": ["a", "b"]}),
    ]
    listed = [i["name"] for i in CatalogSearch(items).by_theme("养老")]
    assert listed == ["退休一件事", "常用事项", "乙事项很长的名字很长的名字", "甲事项"]


def test_themes_and_labels(cs: CatalogSearch) -> None:
    t = cs.themes()
    assert t["person"] == ["birth", "household", "social_insurance", "housing"] or set(
        t["person"]
    ) == {"birth", "household", "social_insurance", "housing"}
    assert t["enterprise"] == ["opening"]
    everything = cs.themes(include_empty=True)
    assert len(everything["person"]) == 11 and len(everything["enterprise"]) == 4
    assert theme_label("after_death") == "身后事" and theme_label("closing", "en")
    assert theme_key("婚育") == "marriage_childbirth" and theme_key("Birth") == "birth"


def test_theme_labels_cover_the_item_schema() -> None:
    schema_path = Path(__file__).resolve().parents[2] / "kiosk/schemas/service_item.schema.json"
    schema = json.loads(schema_path.read_text("utf-8"))
    themes = schema["properties"]["themes"]["properties"]
    for kind in ("person", "enterprise"):
        assert list(THEME_LABELS[kind]) == themes[kind]["items"]["enum"]
        assert all(zh and en for zh, en in THEME_LABELS[kind].values())


def test_frequent(cs: CatalogSearch) -> None:
    assert [i["name"] for i in cs.frequent(10)] == ["居民身份证首次申领", "社会保障卡申领"]
    assert [i["name"] for i in cs.frequent(1)] == ["居民身份证首次申领"]
    assert cs.frequent(0) == []


def test_duplicate_codes_and_junk_items_are_ignored() -> None:
    cs = CatalogSearch([ITEMS[0], dict(ITEMS[0], name="重复"), "not a dict", {}])  # type: ignore[list-item]
    assert len(cs) == 2
    assert cs.search("重复") == []


def test_odd_items_are_indexed_without_breaking_the_index() -> None:
    odd = [
        {"item_code": "X\x03\x02", "name": "\x02\x03居民\x00身份证", "keywords": [None, 5, "\x03"]},
        {"item_code": "Y1", "name": 12345, "themes": "bogus", "keywords": "not a list"},
        {"item_code": "Z1", "name": "长" * 5000, "name_en": None, "frequent": "yes"},
        item("0001", "居民身份证补领"),
    ]
    cs = CatalogSearch(odd)
    assert [h.item_code for h in cs.search("居民身份证")] == ["X\x03\x02", "11110000000000000X0001"]
    assert cs.search("12345")[0].item_code == "Y1"
    assert cs.search("changchang")[0].item_code == "Z1"
    assert cs.search("x")[0].item_code == "X\x03\x02"  # code prefix, markers dropped
    assert cs.by_theme("bogus") == [] and cs.themes()["person"] == []


def test_a_10_mb_name_is_indexed_by_its_beginning() -> None:
    big = {"item_code": "BIG1", "name": "公积金" + "长" * 10_000_000, "keywords": ["社保" * 10**5]}
    cs = CatalogSearch([big, ITEMS[5]])
    assert {h.item_code for h in cs.search("公积金")} == {"BIG1", ITEMS[5]["item_code"]}
    assert cs.search("gongjijinchang")[0].item_code == "BIG1"


def test_empty_catalog() -> None:
    cs = CatalogSearch([])
    assert cs.search("sfz") == [] and cs.frequent() == [] and cs.by_theme("birth") == []


def test_hit_to_dict_is_json(cs: CatalogSearch) -> None:
    d = cs.search("企业开办")[0].to_dict()
    assert d["bundle"] is True and d["name"] == "企业开办一件事"
    json.dumps(d, ensure_ascii=False)


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "\t\n",
        "\x00\x01\x02\x03",
        ".*",
        "[",
        "(",
        "\\",
        "^$",
        "a|b",
        "?",
        "+",
        "%",
        "_",
        "'; DROP TABLE catalog_items; --",
        "<script>",
        "\u200b",
        "\ufeff身份证",
    ],
)
def test_hostile_queries_do_not_raise(cs: CatalogSearch, query: str) -> None:
    hits = cs.search(query)
    assert isinstance(hits, list)


def test_markers_and_control_characters_are_ignored(cs: CatalogSearch) -> None:
    # control characters are removed, so they neither break nor change a query
    assert names(cs.search("身\x02份\x03证")) == names(cs.search("身份证"))
    assert names(cs.search("s\x00f\x1bz")) == names(cs.search("sfz"))
    assert cs.search("\x02") == [] and cs.search(".*") == []


def test_very_long_query(cs: CatalogSearch) -> None:
    assert cs.search("身份证" * 4000) == []  # 12,000 characters
    assert cs.search("a" * 10_240) == []
    assert cs.search("居民身份证" + " " * 10_000)[0].name == "居民身份证"


def test_non_string_query(cs: CatalogSearch) -> None:
    assert cs.search(None) == []  # type: ignore[arg-type]
    assert cs.search(12345) == []  # type: ignore[arg-type]


def test_normalize() -> None:
    assert normalize("  ＡＢＣ １２ （身份证）\u3000") == "abc12(身份证)"
    assert normalize("a\x00b\u200bc") == "abc"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60), st.integers(min_value=-3, max_value=50))
def test_any_text_any_limit(query: str, limit: int) -> None:
    hits = _CS.search(query, limit=limit)
    assert len(hits) <= max(limit, 0)
    assert len({h.item_code for h in hits}) == len(hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


_CS = CatalogSearch(ITEMS)
