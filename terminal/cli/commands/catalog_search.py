"""``kiosk catalog search QUERY``: the kiosk's search, from the command line.

The catalog searched is the one the kiosk serves (:meth:`CliContext.serving_store`): on a
fresh data directory the bundled sample, imported into the store as ``kiosk run`` does.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from kiosk.exitcodes import Exit
from terminal.cli.registry import CliRegistry


def _catalog_items(ctx: Any) -> tuple[list[dict[str, Any]], str]:
    """(items, source): the serving catalog, from the store."""
    return ctx.serving_store().catalog.item_dicts(), "store"


def _search(args: argparse.Namespace, ctx: Any) -> int:
    from kiosk.search import CatalogSearch, theme_key, theme_label

    query = args.query or ""
    if not query.strip() and not args.theme:
        print("kiosk catalog search: give a QUERY or --theme THEME", file=sys.stderr)
        return int(Exit.USAGE)
    if args.limit <= 0:
        print("kiosk catalog search: --limit must be a positive number", file=sys.stderr)
        return int(Exit.USAGE)
    from kiosk.config import ConfigError

    try:
        items, source = _catalog_items(ctx)
    except ConfigError:
        raise  # exit 5 with the key named, like every command
    except Exception as exc:  # the store's own errors (busy, unreadable) name the problem
        print(f"kiosk catalog search: cannot read the kiosk's catalog: {exc}", file=sys.stderr)
        return int(Exit.UNEXPECTED)
    search = CatalogSearch(items)
    if args.theme and theme_key(args.theme) is None:
        known = ", ".join(k for keys in search.themes(include_empty=True).values() for k in keys)
        print(
            f"kiosk catalog search: unknown theme {args.theme!r} (known: {known})",
            file=sys.stderr,
        )
        return int(Exit.USAGE)

    if query.strip():
        results = [h.to_dict() for h in search.search(query, limit=args.limit, theme=args.theme)]
    else:  # --theme alone: the theme's list
        results = [
            {
                "item_code": it.get("item_code", ""),
                "name": it.get("name", ""),
                "name_en": it.get("name_en", ""),
                "score": None,
                "matched_by": "theme",
                "bundle": bool(it.get("bundle")),
                "frequent": bool(it.get("frequent")),
                "themes": it.get("themes") or {},
            }
            for it in search.by_theme(args.theme)[: args.limit]
        ]

    if args.json:
        out = {
            "query": query,
            "theme": args.theme,
            "catalog": source,
            "count": len(results),
            "hits": results,
        }
        print(json.dumps(out, ensure_ascii=False))
    elif results:
        for r in results:
            tag = " [一件事]" if r["bundle"] else ""
            score = "" if r["score"] is None else f"{r['score']:7.2f}  "
            print(f"{score}{r['item_code']}  {r['name']}{tag}  ({r['matched_by']})")
    if not results:
        where = f" in theme {theme_label(theme_key(args.theme) or '')}" if args.theme else ""
        print(f"没有找到匹配的事项{where} / no items match {query!r}", file=sys.stderr)
        return int(Exit.NOTHING)
    return int(Exit.OK)


def register(cli: CliRegistry) -> None:
    p = cli.subcommand(
        "catalog",
        "search",
        _search,
        help="search the catalog by Chinese, pinyin (shenfenzheng), initials (sfz), code or "
        "synonym; exit 3 when nothing matches",
    )
    p.add_argument(
        "query",
        nargs="?",
        default="",
        metavar="QUERY",
        help="what to look for (optional with --theme)",
    )
    p.add_argument("--json", action="store_true", help="print one JSON object with the hits")
    p.add_argument("--limit", type=int, default=20, metavar="N", help="at most N hits (20)")
    p.add_argument(
        "--theme",
        metavar="THEME",
        help="only items of this theme (key like birth, opening, or 出生)",
    )
