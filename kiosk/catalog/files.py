"""Reading and writing catalog files (JSON), with clear refusals for hostile files."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from kiosk.catalog.validate import CatalogInvalid, ItemProblem

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_ITEMS = 50_000
MAX_INT_DIGITS = 18
"""An item's integers are small (a count, a time limit); a longer one is hostile."""


class _Refused(ValueError):
    pass


def _no_constant(name: str) -> Any:
    raise _Refused(f"{name} is not a number a catalog may carry")


def _small_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise _Refused(f"an integer of {len(text)} digits (at most {MAX_INT_DIGITS})")
    return int(text)


def parse_catalog_json(text: str) -> Any:
    """``json.loads`` with limits: no NaN or Infinity, integers of at most 18 digits, nesting
    no deeper than the interpreter's stack; raises ``ValueError`` saying which."""
    try:
        return json.loads(text, parse_constant=_no_constant, parse_int=_small_int)
    except json.JSONDecodeError as exc:
        raise ValueError(
            f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except _Refused as exc:
        raise ValueError(str(exc)) from None
    except RecursionError:
        raise ValueError("nested too deeply") from None
    except ValueError as exc:  # e.g. the interpreter's own limit on integer digits
        raise ValueError(f"not a catalog ({exc})") from None


def read_catalog_file(path: str | os.PathLike[str]) -> tuple[int | None, list[Any]]:
    """Parse a catalog file: ``{"version": N, "items": [...]}`` or a bare list of items.

    Raises :class:`CatalogInvalid` with a one-line reason for unreadable, oversized, non-UTF-8
    or non-JSON files. Item validation is the caller's next step.
    """
    p = Path(path)

    def bad(msg: str) -> CatalogInvalid:
        return CatalogInvalid([ItemProblem(None, None, str(p), msg)])

    try:
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise bad(f"file is {size} bytes; at most {MAX_FILE_BYTES} accepted")
        raw = p.read_bytes()
    except OSError as exc:
        raise bad(f"cannot read ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise bad(f"not valid UTF-8 (byte {exc.start})") from None
    del raw  # the bytes and the text of a 36 MB file need not both live through the parse
    try:
        data = parse_catalog_json(text)
    except ValueError as exc:
        raise bad(str(exc)) from None
    del text
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        v = data.get("version")
        if v is not None and (not isinstance(v, int) or isinstance(v, bool) or v < 0):
            raise bad("version must be a non-negative integer")
        items = data["items"]
    elif isinstance(data, list):
        v, items = None, data
    else:
        raise bad('expected {"version": N, "items": [...]} or a list of items')
    if len(items) > MAX_ITEMS:
        raise bad(f"{len(items)} items; at most {MAX_ITEMS} accepted")
    return v, items


def write_catalog_file(path: str | os.PathLike[str] | None, version: int, items: list[dict]) -> str:
    text = json.dumps({"version": version, "items": items}, ensure_ascii=False, indent=1)
    if path is not None:
        Path(path).write_text(text + "\n", encoding="utf-8")
    return text
