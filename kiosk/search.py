"""Catalog search for the kiosk: Chinese, full pinyin, pinyin initials, codes and synonyms.

One :class:`CatalogSearch` serves the touch UI (a query per keystroke) and
``kiosk catalog search``. Everything expensive happens once, at construction:

* every name and keyword is normalised (NFKC, case-folded, whitespace and control characters
  removed) and converted to pinyin (phrase-aware, so 银行 is ``yinhang``; the per-character
  usual reading is indexed too, so ``yinxing`` still finds it) and to initials (with the other
  readings of common polyphonic characters as extra variants: 重庆 is ``cq`` and ``zq``);
* the converted strings of all items are concatenated, per kind (names, name pinyin, name
  initials, keywords, …), into one string laid out in a static ranking order, with ``\x02``
  before and ``\x03`` after every entry. A query is then a few ``str.find`` passes in C: one
  pass per kind finds the items containing the query, and the characters around each hit tell
  an exact entry (``\x02q\x03``), a prefix (``\x02q``) and, for pinyin, a match starting at
  a syllable boundary (a parallel string with each syllable's first letter upper-cased) from a
  plain substring. When a query matches very many items (one letter), the pass stops after the
  best-ranked few hundred and a second pass collects the best prefix matches.

Ranking is by tier (exact name > name prefix > 一件事 for a life-event word > name substring >
pinyin / initials of the name > a synonym in the name > keyword > English name > loose synonym
> theme > code), and inside a tier by a static order: frequently used items first, then 一件事,
then shorter names. :attr:`SearchHit.score` is the tier's score plus that tie-break (0–9).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

# Marker characters inside the haystacks. The query normaliser strips every control
# character, so a query can never contain them.
_BEGIN = "\x02"  # start of an entry (name, keyword, full pinyin, initials, code)
_END = "\x03"  # end of an entry

MAX_QUERY_CHARS = 128
"""Longer queries are cut: no name (max 100 characters) needs more to be found."""

_MAX_INDEXED_CHARS = 200  # the schema allows 100 for a name, 30 for a keyword
_MAX_INDEXED_KEYWORDS = 60  # the schema allows 30


def _indexed(value: Any, factor: int = 1) -> str:
    """A field's normalised text, cut so that an unvalidated, oversized item cannot make the
    index slow to build (a 10 MB name would otherwise go through pypinyin whole)."""
    if value is None:
        return ""
    limit = _MAX_INDEXED_CHARS * factor
    return normalize(str(value)[: 2 * limit])[:limit]


THEME_LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "person": {
        "birth": ("出生", "Birth"),
        "schooling": ("上学", "Schooling"),
        "employment": ("就业", "Employment"),
        "marriage_childbirth": ("婚育", "Marriage & childbirth"),
        "housing": ("住房", "Housing"),
        "household": ("户籍", "Household registration"),
        "social_insurance": ("社保", "Social insurance"),
        "medical_insurance": ("医保", "Medical insurance"),
        "pension": ("养老", "Pensions"),
        "disability": ("残疾人", "Disability"),
        "after_death": ("身后事", "After a death"),
    },
    "enterprise": {
        "opening": ("开办", "Opening a business"),
        "change": ("变更", "Changes"),
        "operating_permit": ("经营许可", "Operating permits"),
        "closing": ("注销", "Closing a business"),
    },
}
"""Theme keys of the item schema with their (Chinese, English) labels, in display order.

The UI uses this table for its theme tiles; search uses it to treat a theme's label as a query
that lists the theme's items.
"""

SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("身份证", "居民身份证", "二代证", "二代身份证", "身份证件", "sfz"),
    ("社保卡", "社会保障卡", "sbk"),
    ("社保", "社会保险"),
    ("医保", "医疗保险", "基本医疗保险", "yb"),
    ("医保卡", "医疗保障卡", "医保电子凭证"),
    ("公积金", "住房公积金", "gjj"),
    ("营业执照", "企业设立", "设立登记", "办执照", "yyzz"),
    ("开公司", "企业开办", "注册公司", "开办企业", "开店", "办公司"),
    ("上户口", "出生登记", "报户口", "新生儿落户", "新生儿入户", "入户"),
    ("生孩子", "生育", "生小孩", "生娃"),
    ("准生证", "生育服务证", "生育登记"),
    ("出生证", "出生医学证明"),
    ("退休", "养老", "退休金", "养老金", "领养老金"),
    ("结婚", "婚姻登记", "结婚登记", "结婚证"),
    ("离婚", "离婚登记"),
    ("驾照", "驾驶证", "机动车驾驶证"),
    ("户口本", "户口簿", "居民户口簿"),
    ("迁户口", "户口迁移", "迁移户口", "户口迁出", "户口迁入"),
    ("去世", "死亡", "身故", "过世", "身后事"),
    ("火化", "殡葬", "丧葬"),
    ("残疾证", "残疾人证"),
    ("低保", "最低生活保障"),
    ("失业金", "失业保险金", "领失业金"),
    ("找工作", "就业", "求职", "就业登记"),
    ("上学", "入学", "报名上学"),
    ("居住证", "暂住证"),
    ("注销公司", "企业注销", "关公司", "公司注销"),
    ("房产证", "不动产权证", "不动产", "房本"),
    ("个体户", "个体工商户"),
    ("食品许可", "食品经营许可", "食品经营许可证"),
    ("补办", "补领", "补发"),
    ("换证", "换领", "到期换证"),
)
"""Groups of words residents use for the same thing. A query equal to (or, for Chinese, a prefix
of) one member also searches the others; items' own ``keywords`` add item-specific synonyms."""

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]+")
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_ASCII_QUERY = re.compile(r"^[0-9a-z'’·\-_.]+$")
_CODE_QUERY = re.compile(r"^[0-9A-Z]+$")


def normalize(text: str) -> str:
    """NFKC, case-folded, with whitespace, control and format characters removed.

    Full-width letters, digits and brackets become their ASCII forms (NFKC), so a resident
    typing with a full-width input method finds the same items.
    """
    if not isinstance(text, str):
        text = str(text)
    if len(text) > 4 * MAX_QUERY_CHARS:
        return _normalize(text)  # not worth caching
    return _normalize_cached(text)


def _normalize(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    if text.isprintable():  # no control, format, separator or unassigned character but " "
        return text.replace(" ", "")
    return "".join(
        ch
        for ch in text
        if not ch.isspace() and unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn")
    )


_normalize_cached = lru_cache(maxsize=65536)(_normalize)


@dataclass(frozen=True)
class SearchHit:
    """One search result. ``item`` is the catalog item itself (not part of equality)."""

    item_code: str
    name: str
    score: float
    matched_by: str  # name | pinyin | initials | keyword | name_en | synonym | theme | code
    item: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "item_code": self.item_code,
            "name": self.name,
            "name_en": self.item.get("name_en", ""),
            "score": self.score,
            "matched_by": self.matched_by,
            "bundle": bool(self.item.get("bundle")),
            "frequent": bool(self.item.get("frequent")),
            "themes": self.item.get("themes") or {},
        }


# --------------------------------------------------------------------------- pinyin helpers


@lru_cache(maxsize=65536)
def _han_run_readings(run: str) -> tuple[str, ...]:
    """Phrase-aware readings of a run of Han characters (cached per run)."""
    from pypinyin import lazy_pinyin

    readings = lazy_pinyin(run)
    if len(readings) != len(run):  # defensive: pypinyin keeps one reading per character
        readings = [lazy_pinyin(ch)[0] for ch in run]
    return tuple(r.replace("v", "u").replace("ü", "u") for r in readings)


_COMMON_POLYPHONES = frozenset(
    "行长重还乐藏调传差朝会单都解曾参地得着了降觉强属区校省便系给数角率血没露薄大车合奇宿"
    "沈秘朴查盛厦埠仔将相量"
)
"""Polyphonic characters residents really read either way. pypinyin knows many rare readings
too (身 as ``juan``); indexing those would only add noise, so only these get variants."""


@lru_cache(maxsize=65536)
def _char_readings(ch: str) -> tuple[str, ...]:
    """The readings of one character: its usual one first, then (for common polyphones) the
    other readings pypinyin knows. Cached per character."""
    from pypinyin import Style, pinyin

    readings = pinyin(ch, style=Style.NORMAL, heteronym=True)[0]
    out: list[str] = []
    for r in readings:
        r = r.replace("v", "u").replace("ü", "u")
        if r and r not in out:
            out.append(r)
    if ch not in _COMMON_POLYPHONES:
        out = out[:1]
    return tuple(out) or (ch,)


@dataclass(frozen=True)
class _Pinyin:
    syllables: tuple[str, ...]  # phrase-aware reading; non-Han alnum runs kept as one "syllable"
    alt_syllables: tuple[str, ...] | None  # per-character default reading, if it differs
    initials: tuple[str, ...]  # phrase-aware initials first, then heteronym variants


_MAX_INITIAL_VARIANTS = 6


@lru_cache(maxsize=131072)
def _to_pinyin(text: str) -> _Pinyin:
    """Pinyin forms of an already normalised string (cached: keywords repeat a lot)."""
    syll: list[str] = []
    alt: list[str] = []
    # one entry per syllable: the initials it may be typed with (phrase reading's first)
    init_choices: list[tuple[str, ...]] = []
    pos = 0
    for m in _HAN.finditer(text):
        _add_other(text[pos : m.start()], syll, alt, init_choices)
        run = m.group()
        for ch, reading in zip(run, _han_run_readings(run), strict=True):
            syll.append(reading)
            others = _char_readings(ch)
            alt.append(others[0])
            firsts = [reading[:1]]
            for o in others:
                if o[:1] not in firsts:
                    firsts.append(o[:1])
            init_choices.append(tuple(firsts))
        pos = m.end()
    _add_other(text[pos:], syll, alt, init_choices)
    base = "".join(c[0] for c in init_choices)
    variants = [base]
    # single-substitution variants: enough for a resident's "wrong" reading of one polyphone
    for i, choices in enumerate(init_choices):
        for c in choices[1:]:
            if len(variants) >= _MAX_INITIAL_VARIANTS:
                break
            v = (
                "".join(x[0] for x in init_choices[:i])
                + c
                + "".join(x[0] for x in init_choices[i + 1 :])
            )
            if v not in variants:
                variants.append(v)
    return _Pinyin(
        syllables=tuple(syll),
        alt_syllables=tuple(alt) if alt != syll else None,
        initials=tuple(variants),
    )


def _add_other(
    chunk: str, syll: list[str], alt: list[str], init_choices: list[tuple[str, ...]]
) -> None:
    """Non-Han text (letters, digits) joins the pinyin forms as it is, punctuation does not."""
    for word in _NOT_ALNUM.split(chunk):
        if word:
            syll.append(word)
            alt.append(word)
            init_choices.append((word,))


def _pinyin_entry(py_syll: Sequence[str]) -> tuple[str, str]:
    """(entry, marks): the full pinyin, and the same with each syllable's first letter upper-cased
    so that a match can be told to start at a syllable boundary."""
    return "".join(py_syll), "".join(s[:1].upper() + s[1:] for s in py_syll)


# --------------------------------------------------------------------------- haystacks

# how a query matched one entry of a field
_SUB, _SYLLABLE, _PREFIX, _EXACT = 0, 1, 2, 3


class _Field:
    """One kind of text (names, name pinyin, keywords, …) of all items, as one string.

    Entries are wrapped as ``\\x02entry\\x03`` and grouped in one block per item; blocks are laid
    out in rank order, so the first blocks a ``find`` hits belong to the best-ranked items.
    ``marks`` (pinyin fields only) is the same text with syllable starts upper-cased.
    """

    __slots__ = ("_parts", "_mark_parts", "_starts", "_ends", "_owners", "text", "marks", "exact")

    def __init__(self, with_marks: bool = False) -> None:
        self._parts: list[str] = []
        self._mark_parts: list[str] | None = [] if with_marks else None
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._owners: list[int] = []
        self.text = ""
        self.marks = ""
        self.exact: dict[str, list[int]] = {}

    def add(self, owner: int, entries: Iterable[str], marks: Iterable[str] | None = None) -> None:
        entries = [e for e in entries if e]
        if not entries:
            return
        for e in dict.fromkeys(entries):
            ranks = self.exact.setdefault(e, [])
            if not ranks or ranks[-1] != owner:
                ranks.append(owner)
        block = "".join(_BEGIN + e + _END for e in entries)
        start = self._ends[-1] if self._ends else 0
        self._parts.append(block)
        if self._mark_parts is not None:
            mark_block = "".join(_BEGIN + m + _END for m in (marks or entries))
            assert len(mark_block) == len(block)
            self._mark_parts.append(mark_block)
        self._starts.append(start)
        self._ends.append(start + len(block))
        self._owners.append(owner)

    def freeze(self) -> None:
        self.text = "".join(self._parts)
        self._parts = []
        if self._mark_parts is not None:
            self.marks = "".join(self._mark_parts)
            self._mark_parts = None

    def collect(self, q: str, cap: int) -> tuple[dict[int, int], bool]:
        """{rank: best match class} of the first ``cap`` items containing ``q``; and whether
        that is every such item. One pass of ``str.find`` over the field, plus at most a couple
        of short ones inside each hit item's block to classify the match."""
        text, marks = self.text, self.marks
        starts, ends, owners = self._starts, self._ends, self._owners
        as_prefix, as_exact = _BEGIN + q, _BEGIN + q + _END
        found: dict[int, int] = {}
        pos = text.find(q)
        while pos != -1:
            k = bisect_right(starts, pos) - 1
            start, end = starts[k], ends[k]
            if text.find(as_prefix, start, end) != -1:
                best = _EXACT if text.find(as_exact, start, end) != -1 else _PREFIX
            elif marks:
                best = _SUB
                while pos != -1:
                    if marks[pos].isupper():
                        best = _SYLLABLE
                        break
                    pos = text.find(q, pos + 1, end)
            else:
                best = _SUB
            found[owners[k]] = best
            if len(found) >= cap:
                return found, False
            pos = text.find(q, end)
        return found, True

    def prefixed(self, q: str, want: int) -> dict[int, int]:
        """The ``want`` best-ranked items with an entry starting with ``q`` (and exact ones)."""
        found: dict[int, int] = {r: _EXACT for r in self.exact.get(q, ())}
        needle = _BEGIN + q
        text, starts, ends, owners = self.text, self._starts, self._ends, self._owners
        n = 0
        pos = text.find(needle)
        while pos != -1 and n < want:
            k = bisect_right(starts, pos) - 1
            owner = owners[k]
            if owner not in found:
                found[owner] = _PREFIX
                n += 1
            pos = text.find(needle, ends[k])
        return found

    def lookup(self, q: str, cap: int, prefix_only: bool = False) -> dict[int, int]:
        """Matches of ``q``: all of them if there are at most ``cap`` matching items, else the
        ``cap`` best-ranked ones plus the best exact and prefix matches."""
        if prefix_only:
            return self.prefixed(q, cap)
        found, complete = self.collect(q, cap)
        if not complete:
            for rank, c in self.prefixed(q, cap).items():
                if c > found.get(rank, -1):
                    found[rank] = c
        return found


# --------------------------------------------------------------------------- the index


def _item_bonus(item: dict[str, Any]) -> float:
    """Static tie-break inside a tier, in [0, 9]: frequent > 一件事 > shorter name."""
    name = str(item.get("name") or "")
    b = 5.0 if item.get("frequent") else 0.0
    b += 1.0 if item.get("bundle") else 0.0
    b += 3.0 * (1.0 - min(len(name), 60) / 60.0)
    return round(b, 2)


def _theme_keys(item: dict[str, Any]) -> list[str]:
    themes = item.get("themes") or {}
    out: list[str] = []
    if isinstance(themes, dict):
        for kind in ("person", "enterprise"):
            vals = themes.get(kind) or []
            if isinstance(vals, list):
                out.extend(v for v in vals if isinstance(v, str))
    return out


_ALL_THEMES: dict[str, tuple[str, str]] = {
    k: v for group in THEME_LABELS.values() for k, v in group.items()
}


LIFE_EVENT_WORDS: frozenset[str] = frozenset(
    {
        "生孩子",
        "生小孩",
        "生娃",
        "宝宝出生",
        "新生儿",
        "孩子出生",
        "开公司",
        "注册公司",
        "办公司",
        "开办企业",
        "企业开办",
        "创业",
        "关公司",
        "注销公司",
        "企业注销",
        "公司注销",
        "退休",
        "办退休",
        "退休手续",
        "去世",
        "人去世了",
        "老人去世",
        "过世",
        "身故",
        "身后事",
        "残疾人",
        "残疾人服务",
    }
)
"""Words that name a life event rather than one service. When a query is one of these (or a
synonym of one) and a bundled 一件事 item has it as a keyword, the bundle ranks right after
exact and prefix name matches. Words such as 社保卡 or 医保, which bundles also carry as
keywords, deliberately are not here: they name a single service, and that service comes first."""


def _life_event_terms(name: str, keywords: list[str], themes: Any) -> set[str]:
    """The terms a bundle is found by as a life event: its name without 一件事, the label of
    its first theme per audience, and those of its keywords that are life-event words."""
    terms = {k for k in keywords if k in LIFE_EVENT_WORDS}
    stem = name.replace("一件事", "")
    if stem and stem != name:
        terms.add(stem)
    if isinstance(themes, dict):
        for kind in ("person", "enterprise"):
            vals = themes.get(kind)
            if isinstance(vals, list) and vals and vals[0] in _ALL_THEMES:
                terms.add(normalize(_ALL_THEMES[vals[0]][0]))
    return terms


def _build_synonyms() -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for group in SYNONYMS:
        terms = [normalize(t) for t in group]
        for t in terms:
            table.setdefault(t, set()).update(x for x in terms if x != t)
    return {k: frozenset(v) for k, v in table.items()}


_SYNONYM_TABLE = _build_synonyms()


@lru_cache(maxsize=1)
def _synonyms_by_pinyin() -> dict[str, frozenset[str]]:
    """Synonym terms by their full pinyin (shebaoka → 社保卡) and, for terms of three or more
    characters, their initials (edz → 二代证); built on first use (pypinyin is slow to load)."""
    out: dict[str, set[str]] = {}
    for term in _SYNONYM_TABLE:
        if not _HAN.search(term):
            continue
        py = _to_pinyin(term)
        out.setdefault("".join(py.syllables), set()).add(term)
        if len(term) >= 3:
            out.setdefault(py.initials[0], set()).add(term)
    return {k: frozenset(v) for k, v in out.items()}


# (field, match class) -> tier score; a class missing from a field's table does not count
_NAME_SCORES = {_EXACT: 1000, _PREFIX: 900, _SYLLABLE: 800, _SUB: 800}
BUNDLE_EVENT_SCORE = 850
_PINYIN_SCORES = {_EXACT: 770, _PREFIX: 730, _SYLLABLE: 680, _SUB: 600}
_INITIALS_SCORES = {_EXACT: 760, _PREFIX: 720, _SYLLABLE: 640, _SUB: 640}
_KEYWORD_SCORES = {_EXACT: 560, _PREFIX: 540, _SYLLABLE: 520, _SUB: 520}
_KEYWORD_PINYIN_SCORES = {_EXACT: 500, _PREFIX: 500, _SYLLABLE: 500}
_KEYWORD_INITIALS_SCORES = {_EXACT: 480, _PREFIX: 480}
_HOMOPHONE_SCORES = {_EXACT: 460, _PREFIX: 460, _SYLLABLE: 450}
_NAME_EN_SCORES = {_EXACT: 440, _PREFIX: 440, _SYLLABLE: 440, _SUB: 440}
_SYNONYM_NAME_SCORES = {_EXACT: 700, _PREFIX: 700, _SYLLABLE: 700, _SUB: 700}
_LOOSE_SYNONYM_NAME_SCORES = {_EXACT: 420, _PREFIX: 420, _SYLLABLE: 420, _SUB: 420}
_SYNONYM_KEYWORD_SCORES = {_EXACT: 400, _PREFIX: 400, _SYLLABLE: 400, _SUB: 400}
THEME_SCORE = 300
_CODE_SCORES = {_EXACT: 200, _PREFIX: 200}


class CatalogSearch:
    """Search, theme lists and the frequently-used list over a fixed set of catalog items.

    Build a new instance when the catalog changes (construction indexes everything; for
    10,000 items see ``bench/search.py`` for the time it takes).
    """

    def __init__(self, items: Iterable[dict[str, Any]]) -> None:
        seen: set[str] = set()
        unique: list[dict[str, Any]] = []
        for it in items:
            if not isinstance(it, dict):
                continue
            code = str(it.get("item_code") or "")
            if code in seen:
                continue
            seen.add(code)
            unique.append(it)
        self._catalog_order = unique
        # rank = position in the static order; every field is laid out in rank order
        order = sorted(range(len(unique)), key=lambda i: (-_item_bonus(unique[i]), i))
        self._items: list[dict[str, Any]] = [unique[i] for i in order]
        self._catalog_index: list[int] = order  # rank -> position in the catalog
        self._bonus: list[float] = [_item_bonus(it) for it in self._items]

        self._names = _Field()
        self._name_py = _Field(with_marks=True)
        self._name_init = _Field()
        self._kw = _Field()
        self._kw_py = _Field(with_marks=True)
        self._kw_init = _Field()
        self._name_en = _Field()
        self._codes = _Field()
        self._theme_ranks: dict[str, list[int]] = {}
        self._theme_searches: dict[str, CatalogSearch] = {}
        self._bundle_terms: dict[str, list[int]] = {}

        for rank, it in enumerate(self._items):
            self._index_item(rank, it)
        for f in self._fields():
            f.freeze()

    # ------------------------------------------------------------------ construction

    def _fields(self) -> tuple[_Field, ...]:
        return (
            self._names,
            self._name_py,
            self._name_init,
            self._kw,
            self._kw_py,
            self._kw_init,
            self._name_en,
            self._codes,
        )

    def _index_item(self, rank: int, it: dict[str, Any]) -> None:
        name = _indexed(it.get("name"))
        self._names.add(rank, [name])
        py = _to_pinyin(name)
        pys = [_pinyin_entry(py.syllables)]
        if py.alt_syllables:
            pys.append(_pinyin_entry(py.alt_syllables))
        self._name_py.add(rank, [e for e, _ in pys], [m for _, m in pys])
        self._name_init.add(rank, py.initials)

        keywords = it.get("keywords") or []
        kws = (
            [_indexed(k) for k in keywords[:_MAX_INDEXED_KEYWORDS] if isinstance(k, str)]
            if isinstance(keywords, list)
            else []
        )
        kws = list(dict.fromkeys(k for k in kws if k))
        self._kw.add(rank, kws)
        kw_py: list[tuple[str, str]] = []
        kw_init: list[str] = []
        for k in kws:
            p = _to_pinyin(k)
            kw_py.append(_pinyin_entry(p.syllables))
            kw_init.extend(p.initials)
        self._kw_py.add(rank, [e for e, _ in kw_py], [m for _, m in kw_py])
        self._kw_init.add(rank, kw_init)

        self._name_en.add(rank, [_indexed(it.get("name_en"), 2)])
        self._codes.add(
            rank, [normalize(it.get(k) or "").upper() for k in ("item_code", "basic_code")]
        )

        themes = _theme_keys(it)
        for t in themes:
            self._theme_ranks.setdefault(t, []).append(rank)
        if it.get("bundle"):
            for term in _life_event_terms(name, kws, it.get("themes")):
                self._bundle_terms.setdefault(term, []).append(rank)

    # ------------------------------------------------------------------ queries

    def __len__(self) -> int:
        return len(self._items)

    def search(self, query: str, limit: int = 20, theme: str | None = None) -> list[SearchHit]:
        """Items matching ``query``, best first (see the module docstring for the ranking).

        Never raises on odd input: an empty, whitespace-only or control-character query gives
        ``[]``; an over-long one is cut to :data:`MAX_QUERY_CHARS`. ``theme`` (a theme key or
        its Chinese label) restricts the results to that theme.
        """
        try:
            limit = int(limit)
        except (TypeError, ValueError):
            limit = 20
        if limit <= 0:
            return []
        q = normalize(query if isinstance(query, str) else "")[:MAX_QUERY_CHARS]
        if not q:
            return []
        if theme:
            key = theme_key(theme)
            sub = self._theme_search(key) if key else None
            return sub.search(q, limit) if sub is not None else []
        cap = max(100, 5 * limit)

        best: dict[int, tuple[int, str]] = {}  # rank -> (tier score, matched_by)

        def add(found: dict[int, int], scores: dict[int, int], matched_by: str) -> None:
            for rank, c in found.items():
                s = scores.get(c)
                if s is None:
                    continue
                old = best.get(rank)
                if old is None:
                    best[rank] = (s, matched_by)
                elif s > old[0]:
                    # the item matched the query as typed already: say so (sfz → initials)
                    literal = matched_by == "synonym" and old[1] in ("pinyin", "initials")
                    best[rank] = (s, old[1] if literal else matched_by)

        def add_ranks(ranks: Iterable[int], score: int, matched_by: str) -> None:
            add(dict.fromkeys(ranks, _EXACT), {_EXACT: score}, matched_by)

        def full(below: int) -> bool:
            """True when ``limit`` hits already score above anything a later step can give."""
            return sum(1 for s, _ in best.values() if s > below) >= limit

        py_q = _pinyin_query(q)
        add(self._names.lookup(q, cap), _NAME_SCORES, "name")
        synonyms, loose = _synonyms_of(q)
        add_ranks(self._bundle_terms.get(q, ()), BUNDLE_EVENT_SCORE, "keyword")
        for s in synonyms | loose:
            add_ranks(self._bundle_terms.get(s, ()), BUNDLE_EVENT_SCORE, "synonym")
        if py_q and not full(_PINYIN_SCORES[_EXACT]):
            add(self._name_py.lookup(py_q, cap), _PINYIN_SCORES, "pinyin")
            add(self._name_init.lookup(py_q, cap), _INITIALS_SCORES, "initials")
        # a synonym found in a name outranks a keyword (社保卡 → 社会保障卡申领 before the
        # 一件事 that merely lists 社保卡 among its keywords) and initials found by chance
        # inside a longer name (sbk → 社会保障卡…, not 税务注销申报跨省通办)
        synonyms = _prune_synonyms(q, synonyms)
        loose = [s for s in _prune_synonyms(q, loose) if s not in synonyms]
        if synonyms and not full(_SYNONYM_NAME_SCORES[_SUB]):
            for s in synonyms:
                add(self._names.lookup(s, cap), _SYNONYM_NAME_SCORES, "synonym")
        if not full(_KEYWORD_SCORES[_EXACT]):
            add(self._kw.lookup(q, cap), _KEYWORD_SCORES, "keyword")
            if py_q:
                add(self._kw_py.lookup(py_q, cap), _KEYWORD_PINYIN_SCORES, "pinyin")
                add(
                    self._kw_init.lookup(py_q, cap, prefix_only=True),
                    _KEYWORD_INITIALS_SCORES,
                    "initials",
                )
        homophone = _homophone_query(q)
        if homophone and not full(_HOMOPHONE_SCORES[_EXACT]):
            add(self._name_py.lookup(homophone, cap), _HOMOPHONE_SCORES, "pinyin")
        if len(q) >= 2 and not _HAN.search(q) and not full(_NAME_EN_SCORES[_SUB]):
            add(self._name_en.lookup(q, cap), _NAME_EN_SCORES, "name_en")
        if loose and not full(_LOOSE_SYNONYM_NAME_SCORES[_SUB]):
            for s in loose:
                add(self._names.lookup(s, cap), _LOOSE_SYNONYM_NAME_SCORES, "synonym")
        if (synonyms or loose) and not full(_SYNONYM_KEYWORD_SCORES[_SUB]):
            for s in [*synonyms, *loose]:
                add(self._kw.lookup(s, cap), _SYNONYM_KEYWORD_SCORES, "synonym")
        key = theme_key(q)
        if key and not full(THEME_SCORE):
            add_ranks(self._theme_ranks.get(key, ()), THEME_SCORE, "theme")
        code_q = q.upper()
        if _CODE_QUERY.match(code_q) and not full(_CODE_SCORES[_EXACT]):
            add(self._codes.lookup(code_q, cap, prefix_only=True), _CODE_SCORES, "code")

        ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0]))[:limit]
        out: list[SearchHit] = []
        for rank, (score, matched_by) in ranked:
            it = self._items[rank]
            out.append(
                SearchHit(
                    item_code=str(it.get("item_code") or ""),
                    name=str(it.get("name") or ""),
                    score=round(score + self._bonus[rank], 2),
                    matched_by=matched_by,
                    item=it,
                )
            )
        return out

    def _theme_search(self, key: str) -> CatalogSearch | None:
        """A search over one theme's items, built on first use and kept (the pinyin of their
        names is cached already, so this costs a fraction of the whole index)."""
        sub = self._theme_searches.get(key)
        if sub is None:
            ranks = self._theme_ranks.get(key)
            if not ranks:
                return None
            members = sorted(ranks, key=lambda r: self._catalog_index[r])
            sub = CatalogSearch(self._items[r] for r in members)
            self._theme_searches[key] = sub
        return sub

    def by_theme(self, theme: str) -> list[dict[str, Any]]:
        """Items of a theme (key like ``"birth"`` or its label ``"出生"``): 一件事 first, then
        the frequently used ones, then the rest in catalog order."""
        key = theme_key(theme)
        if key is None:
            return []
        items, index = self._items, self._catalog_index
        ranks = sorted(
            self._theme_ranks.get(key, []),
            key=lambda r: (not items[r].get("bundle"), not items[r].get("frequent"), index[r]),
        )
        return [items[r] for r in ranks]

    def themes(self, include_empty: bool = False) -> dict[str, list[str]]:
        """Theme keys per audience (``person``, ``enterprise``) in display order.

        Only themes with at least one item, unless ``include_empty``. Labels: THEME_LABELS.
        """
        return {
            kind: [k for k in keys if include_empty or self._theme_ranks.get(k)]
            for kind, keys in THEME_LABELS.items()
        }

    def frequent(self, limit: int = 12) -> list[dict[str, Any]]:
        """The frequently-used items, in catalog order."""
        try:
            limit = int(limit)
        except (TypeError, ValueError):
            limit = 12
        if limit <= 0:
            return []
        return [it for it in self._catalog_order if it.get("frequent")][:limit]

    def items(self) -> list[dict[str, Any]]:
        """All indexed items in catalog order."""
        return list(self._catalog_order)


def _pinyin_query(q: str) -> str:
    """The query as pinyin letters (ü/v → u, apostrophes dropped), or "" if not pinyin.

    A query mixing characters and pinyin (``身份zh``, typed half-way through an input method)
    is converted to pinyin as a whole; an all-Chinese one is not a pinyin query."""
    q = q.replace("ü", "u")
    if _ASCII_QUERY.match(q):
        return _NOT_ALNUM.sub("", q).replace("v", "u")
    if _HAN.search(q) and re.search(r"[a-z]", q):
        return "".join(_to_pinyin(q).syllables).replace("v", "u")
    return ""


def _homophone_query(q: str) -> str:
    """The pinyin of an all-Chinese query of two or more characters (身分证 → shenfenzheng), to
    find names written with other characters of the same sound; else ""."""
    if len(q) < 2 or re.search(r"[a-z]", q) or not _HAN.search(q):
        return ""
    return "".join(_to_pinyin(q).syllables)


def _synonyms_of(q: str) -> tuple[set[str], set[str]]:
    """(synonyms, loose): other words for ``q`` — its synonym group's members and the query
    with a synonym swapped in (身份证丢了 → 居民身份证丢了) — and, looser, the groups of words
    the query is the beginning of (社保 → 社保卡, 社会保障卡), for queries typed half-way."""
    out: set[str] = set(_SYNONYM_TABLE.get(q, ()))
    py_q = _pinyin_query(q)
    if py_q:
        for term in _synonyms_by_pinyin().get(py_q, ()):
            out.add(term)
            out.update(_SYNONYM_TABLE[term])
    loose: set[str] = set()
    if len(q) >= 2 and _HAN.search(q):
        for term, mates in _SYNONYM_TABLE.items():
            if term == q:
                continue
            if term.startswith(q) and _HAN.search(term):
                loose.add(term)
                loose.update(mates)
            elif len(term) >= 2 and term in q:
                for m in mates:
                    out.add(q.replace(term, m))
    out.discard(q)
    loose -= out
    loose.discard(q)
    return out, loose


def _prune_synonyms(q: str, synonyms: set[str]) -> list[str]:
    """Synonyms worth a scan: those not containing the query or a shorter synonym (the items
    they would find are found already)."""
    ordered = sorted(synonyms, key=lambda s: (len(s), s))
    kept: list[str] = []
    for s in ordered:
        if q in s or any(k in s for k in kept):
            continue
        kept.append(s)
    return kept


def theme_key(theme: str) -> str | None:
    """The schema key of a theme given as key (``birth``) or label (``出生``, ``Birth``)."""
    t = normalize(theme) if isinstance(theme, str) else ""
    if not t:
        return None
    for key, (zh, en) in _ALL_THEMES.items():
        if t in (key, normalize(zh), normalize(en)):
            return key
    return None


def theme_label(theme: str, lang: str = "zh") -> str:
    """The label of a theme key in ``lang`` ("zh" or "en"); the key itself if unknown."""
    labels = _ALL_THEMES.get(theme)
    if labels is None:
        return theme
    return labels[1] if lang == "en" else labels[0]
