"""Build the bundled region table (``kiosk/catalog/data/gbt2260.json``) to full county level.

The table's hand-kept part (every province with its short and English name, the historical
codes with their successors, the entries checked against the 2023 list of 民政部) stays as it
is; every prefecture and county it lacks is added from the National Bureau of Statistics'
statistical division codes (国家统计局 统计用区划代码, province–city–county as nested JSON:
``[{"code": "11", "name": "北京市", "children": [{"code": "1101", …, "children": [{"code":
"110101", "name": "东城区"}]}]}]``, e.g. the ``pca-code.json`` that
github.com/modood/Administrative-divisions-of-China publishes from it).

The statistical codes are GB/T 2260's at these levels, plus the statistics' own functional
zones (经济开发区, 高新区, 管理区…), which GB/T 2260 does not have: they carry 71–79 as the
county's last two digits (GB/T 2260 numbers counties 21–80 and county-level cities 81–99 within
a prefecture, and no prefecture has fifty counties) and are left out. A code the table lists
as historical is never added back as current.

    python -m tools.build_region_table --nbs pca-code.json [--edition 2022-10-31]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

TABLE = Path(__file__).resolve().parents[1] / "kiosk" / "catalog" / "data" / "gbt2260.json"


def functional_zone(code: str) -> bool:
    """A statistics-only functional zone (not a GB/T 2260 region)."""
    return len(code) == 6 and 71 <= int(code[4:6]) <= 79


def nbs_entries(tree: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The statistical tree as table entries ``{code6: {"name", "parent"?}}``."""
    out: dict[str, dict[str, Any]] = {}
    for p in tree:
        pcode = str(p["code"]).ljust(6, "0")
        out[pcode] = {"name": p["name"]}
        for c in p.get("children") or []:
            ccode = str(c["code"]).ljust(6, "0")
            out[ccode] = {"name": c["name"], "parent": pcode}
            for a in c.get("children") or []:
                acode = str(a["code"])
                # 东莞, 中山, 儋州, 嘉峪关 have no county level: the statistics list their towns
                # (9 digits), which GB/T 2260 does not have
                if len(acode) == 6 and not functional_zone(acode):
                    out[acode] = {"name": a["name"], "parent": ccode}
    return out


def merged(table: dict[str, Any], nbs: dict[str, dict[str, Any]], edition: str) -> dict[str, Any]:
    regions = dict(table["regions"])
    historical = table["historical"]
    added = 0
    for code, entry in sorted(nbs.items()):
        if code in regions or code in historical:
            continue  # the kept table wins (names checked against 2023; old codes stay old)
        parent = entry.get("parent")
        if parent is not None and parent not in regions and parent not in nbs:
            continue
        regions[code] = entry
        added += 1
    out = dict(table)
    out["regions"] = dict(sorted(regions.items()))
    out["source"] = (
        "中华人民共和国县以上行政区划代码（民政部，2023年）；"
        f"表中未列的地级和县级据国家统计局统计用区划代码（{edition}）补全，"
        "不含统计专用的功能区（开发区、管理区等）"
    )
    out["coverage"] = "全部省级、地级和县级（台湾省、香港、澳门仅省级）"
    print(f"{added} regions added; {len(out['regions'])} current, {len(historical)} historical")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--nbs", type=Path, required=True, help="the statistical codes as JSON")
    ap.add_argument("--edition", default="2022-10-31", help="the statistical codes' date")
    ap.add_argument("--table", type=Path, default=TABLE)
    args = ap.parse_args(argv)
    table = json.loads(args.table.read_text("utf-8"))
    nbs = nbs_entries(json.loads(args.nbs.read_text("utf-8")))
    out = merged(table, nbs, args.edition)
    text = json.dumps(out, ensure_ascii=False, indent=1) + "\n"
    args.table.write_text(text, "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
