"""Reading and writing catalog files (JSON), with clear refusals for hostile files."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from kiosk.catalog.validate import CatalogInvalid, ItemProblem

MAX_FILE_BYTES = 64 * 1024 * 1024


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
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise bad(f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    if isinstance(data, list):
        return None, data
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        v = data.get("version")
        if v is not None and (not isinstance(v, int) or isinstance(v, bool) or v < 0):
            raise bad("version must be a non-negative integer")
        return v, data["items"]
    raise bad('expected {"version": N, "items": [...]} or a list of items')


def write_catalog_file(path: str | os.PathLike[str] | None, version: int, items: list[dict]) -> str:
    text = json.dumps({"version": version, "items": items}, ensure_ascii=False, indent=1)
    if path is not None:
        Path(path).write_text(text + "\n", encoding="utf-8")
    return text
