"""Administrative region codes (GB/T 2260): the versioned table, lookups and the registered
region read from an ID card's address.

The table (``kiosk/catalog/data/gbt2260.json``) is data with a version: every province,
prefecture and county (built by ``tools/build_region_table.py``: the entries checked against the
2023 list kept, the rest from the statistical division codes without their functional zones). Codes that no longer exist (a county merged into a district, a
county made a district) are kept under ``historical`` with their successor: a lookup of such a
code answers the current region and says that the code was replaced. A code in neither part is
refused with a message a resident or technician can read.

The registered region (户籍所在地) comes from the card's **address** text, by longest match on
province, city and county names. The first six digits of a citizen ID number are the place
of *first* registration (often the place of birth) and stay on the card after a move: they
are never the answer.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from typing import Any

CODE_RE = re.compile(r"\d{6}")
_MUNICIPAL = ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划")
"""Names of a city level that addresses do not write: a municipality's (北京市 市辖区) and the
county-level cities a province governs directly (湖北省 仙桃市)."""


class RegionUnknown(ValueError):
    """A code or name that is not in the table (with a message in both languages)."""

    def __init__(self, value: str, zh: str, en: str) -> None:
        self.value = value
        self.message_zh = zh
        self.message_en = en
        super().__init__(en)


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    full_name: str
    """Province, city and county as an address writes them (北京市东城区, 河北省保定市莲池区)."""
    level: str
    """``province``, ``city`` or ``county``."""
    replaced: str | None = None
    """The historical code that was asked for, when this is its successor."""
    change: str = ""
    """What became of the historical code (并入东城区…), when one was asked for."""
    name_en: str = ""
    """The English name, where the table has one (provinces): else screens show the code."""

    @property
    def province_code(self) -> str:
        return self.code[:2] + "0000"


@dataclass(frozen=True)
class RegionTable:
    version: str
    regions: dict[str, dict[str, Any]]
    historical: dict[str, dict[str, Any]]

    # -------------------------------------------------------------- lookups
    def _level(self, code: str) -> str:
        if code.endswith("0000"):
            return "province"
        if code.endswith("00"):
            return "city"
        return "county"

    def _full_name(self, code: str) -> str:
        parts: list[str] = []
        c: str | None = code
        while c is not None:
            d = self.regions.get(c) or self.historical.get(c)
            if d is None:
                break
            if d["name"] not in _MUNICIPAL:
                parts.append(d["name"])
            c = d.get("parent")
        return "".join(reversed(parts))

    def current(self, code: str) -> Region | None:
        """The region of a code in use (None for a historical or unknown code)."""
        d = self.regions.get(code)
        if d is None:
            return None
        return Region(
            code, d["name"], self._full_name(code), self._level(code), name_en=d.get("name_en", "")
        )

    def lookup(self, code: Any) -> Region:
        """The current region of ``code``; a historical code answers its successor (with
        ``replaced`` set). Raises :class:`RegionUnknown` for anything else."""
        if not isinstance(code, str) or not CODE_RE.fullmatch(code):
            shown = code if isinstance(code, str) and len(code) <= 20 else repr(code)[:20]
            raise RegionUnknown(
                str(shown),
                f"“{shown}”不是行政区划代码（应为6位数字）",
                f"{shown!r} is not a region code (6 digits expected)",
            )
        region = self.current(code)
        if region is not None:
            return region
        seen = [code]
        h = self.historical.get(code)
        while h is not None:
            succ = h["successor"]
            region = self.current(succ)
            if region is not None:
                first = self.historical[code]
                return Region(
                    region.code,
                    region.name,
                    region.full_name,
                    region.level,
                    replaced=code,
                    change=first.get("change", ""),
                )
            if succ in seen:  # pragma: no cover - the table's own test forbids cycles
                break
            seen.append(succ)
            h = self.historical.get(succ)
        raise RegionUnknown(
            code,
            f"行政区划代码 {code} 不存在（GB/T 2260，{self.version}版）",
            f"Region code {code} does not exist (GB/T 2260, {self.version} edition)",
        )

    def exists(self, code: Any) -> bool:
        try:
            self.lookup(code)
        except RegionUnknown:
            return False
        return True

    # -------------------------------------------------------------- names
    @cached_property
    def _by_parent(self) -> dict[str | None, list[tuple[str, str, str]]]:
        """``(name, code, successor or code)`` of the regions (current and historical) under
        each parent; ``None``: the provinces. Built once: the table has some 3,300 entries."""
        out: dict[str | None, list[tuple[str, str, str]]] = {}
        for table in (self.regions, self.historical):
            for code, d in table.items():
                if "parent" in d:
                    parent: str | None = d["parent"]
                elif code.endswith("0000"):
                    parent = None
                else:
                    continue
                target = d.get("successor", code)
                out.setdefault(parent, []).append((d["name"], code, target))
                if d.get("short"):
                    out[parent].append((d["short"], code, target))
        return out

    def _children(self, parent: str | None) -> list[tuple[str, str, str]]:
        return self._by_parent.get(parent, [])

    def _match(self, text: str, parent: str | None) -> tuple[int, str, str] | None:
        """The longest name under ``parent`` that ``text`` begins with: (length, code, target)."""
        best: tuple[int, str, str] | None = None
        for name, code, target in self._children(parent):
            if name in _MUNICIPAL:
                continue
            if text.startswith(name) and (best is None or len(name) > best[0]):
                best = (len(name), code, target)
        return best

    def from_address(self, address: Any) -> Region | None:
        """The registered region an address names (longest match, province then city then
        county), or None when it names no province or city the table knows. A historical name
        (北京市崇文区…, an old card) answers its successor."""
        if not isinstance(address, str):
            return None
        text = re.sub(r"\s+", "", address)
        province = self._match(text, None)
        code: str | None = None
        if province is not None:
            text = text[province[0] :]
            code = province[2]
            parents = [province[1]]
            # a municipality writes its districts straight after its name
            parents += [c for c, d in self.regions.items() if d.get("parent") == province[1]]
            parents += [c for c, d in self.historical.items() if d.get("parent") == province[1]]
        else:  # no province named: a prefecture-level city anywhere
            parents = [c for c in self.regions if c.endswith("0000")]
        city = None
        ambiguous = False
        for p in parents:
            m = self._match(text, p)
            if m is None:
                continue
            if city is None or m[0] > city[0]:
                city, ambiguous = m, False
            elif m[0] == city[0] and m[2] != city[2]:
                ambiguous = True  # 市中区 of several cities, the city not written
        if city is not None and not ambiguous:
            text = text[city[0] :]
            code = city[2]
            county = self._match(text, city[1])
            if county is not None:
                code = county[2]
        if code is None:
            return None
        region = self.lookup(code)
        return region


@cache
def region_table() -> RegionTable:
    """The bundled table (read once)."""
    text = resources.files("kiosk.catalog").joinpath("data/gbt2260.json").read_text("utf-8")
    d = json.loads(text)
    return RegionTable(str(d["version"]), d["regions"], d["historical"])


def lookup_region(code: Any) -> Region:
    return region_table().lookup(code)


def region_from_address(address: Any) -> Region | None:
    return region_table().from_address(address)


def resolve_region(value: Any) -> Region:
    """A region from what a resident typed or confirmed: a 6-digit code (historical ones
    answer their successor) or a name as an address writes it (河北省保定市莲池区). Raises
    :class:`RegionUnknown` with a message in both languages."""
    text = value.strip() if isinstance(value, str) else value
    if isinstance(text, str) and text.isdigit():
        return lookup_region(text)
    region = region_from_address(text)
    if region is None or region.level == "province":
        shown = text if isinstance(text, str) else ""
        raise RegionUnknown(
            shown,
            f"未能识别“{shown[:30]}”所在的市、县，请写明省、市、区（县）",
            f"could not find the city or county {shown[:30]!r} names; "
            "please write the province, city and district (county)",
        )
    return region
