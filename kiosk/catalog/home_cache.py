"""The start screen's catalog content, cached in a small file for the next start.

The start screen shows the frequent services and the theme lists. They come from the
catalog in the store, which ``kiosk run`` opens on a thread after the first frame. So that
the first frame already shows them, the UI writes what it showed to ``home.json`` in the
data directory whenever the catalog is (re)loaded, and reads it back at the next start.

The file holds public catalog data only (item names, codes, theme labels and counts), never
anything of a resident. It is written to a temporary name, fsynced and renamed, so a power
cut leaves the old file or the new one; a missing, unreadable or malformed file just means
the start screen waits for the store as before.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

FILE_NAME = "home.json"
VERSION = 1


def read_home(data_dir: Path) -> dict[str, Any] | None:
    """The cached start-screen content, or None when there is none usable."""
    try:
        data = json.loads((Path(data_dir) / FILE_NAME).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not _well_formed(data):
        return None
    return data


def write_home(data_dir: Path, home: dict[str, Any]) -> bool:
    """Store ``home`` durably; False (and the old file kept) if it is malformed or the disk
    refuses. A cache write must never fail a session, so errors are not raised."""
    data = {**home, "version": VERSION}
    if not _well_formed(data):
        return False
    path = Path(data_dir) / FILE_NAME
    tmp = path.with_name(f".{FILE_NAME}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, separators=(",", ":"))
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)
        return False
    return True


def _well_formed(data: Any) -> bool:
    if not isinstance(data, dict) or data.get("version") != VERSION:
        return False
    frequent, themes = data.get("frequent"), data.get("themes")
    if not isinstance(frequent, list) or not isinstance(themes, dict):
        return False
    if not all(isinstance(b, dict) and isinstance(b.get("code"), str) for b in frequent):
        return False
    for audience in ("person", "enterprise"):
        rows = themes.get(audience)
        if not isinstance(rows, list):
            return False
        if not all(isinstance(r, dict) and isinstance(r.get("key"), str) for r in rows):
            return False
    return True
