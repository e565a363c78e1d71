"""Device health published between processes: ``<data_dir>/devices.json``.

``kiosk run`` owns the devices and writes their health here every few seconds; ``kiosk sync``
(for the heartbeat) and ``kiosk status`` read it. The file says when it was written: a report
older than ``max_age_s`` (the UI process stopped or hung) reads as :class:`Unknown` ``stale``
for every device, never as the last good state.

    {"at": 1796370000.0, "devices": {"printer": {"status": "ready", "detail": ""}, …}}
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Mapping
from pathlib import Path

from kiosk.devices.health import DeviceHealth, Unknown, health_from_wire, health_to_wire

FILE_NAME = "devices.json"
STALE_AFTER_S = 120.0


def write_published_health(
    data_dir: str | Path,
    health: Mapping[str, DeviceHealth],
    *,
    now: float | None = None,
    in_session: bool | None = None,
    display: str | None = None,
) -> None:
    """Replace the file atomically (temp file, rename): a reader never sees half of it.
    ``in_session``: whether a resident is in session (the updater's gate), when known;
    ``display``: the screen's state (``asleep``/``awake``, the heartbeat's), when known."""
    path = Path(data_dir) / FILE_NAME
    tmp = path.with_name(FILE_NAME + ".tmp")
    doc = {
        "at": time.time() if now is None else now,
        "devices": {name: health_to_wire(h) for name, h in health.items()},
    }
    if in_session is not None:
        doc["in_session"] = in_session
    if display is not None:
        doc["display"] = display
    tmp.write_text(json.dumps(doc), encoding="utf-8")
    os.replace(tmp, path)


def read_published_health(
    data_dir: str | Path, *, max_age_s: float = STALE_AFTER_S, now: float | None = None
) -> tuple[dict[str, DeviceHealth], float | None]:
    """Every published device's health and the report's age in seconds; ``({}, None)`` when
    there is no readable report. A stale report gives ``Unknown("stale")`` for each device."""
    try:
        doc = json.loads((Path(data_dir) / FILE_NAME).read_text("utf-8"))
    except (OSError, ValueError):
        return {}, None
    if not isinstance(doc, dict) or not isinstance(doc.get("devices"), dict):
        return {}, None
    at = doc.get("at")
    age = (time.time() if now is None else now) - at if isinstance(at, int | float) else None
    fresh = age is not None and -max_age_s < age <= max_age_s
    return {
        str(name): health_from_wire(value) if fresh else Unknown("stale")
        for name, value in doc["devices"].items()
    }, age


def read_published_display(
    data_dir: str | Path, *, max_age_s: float = STALE_AFTER_S, now: float | None = None
) -> str | None:
    """The screen's state ``kiosk run`` last published (``asleep``/``awake``); None when there
    is no fresh report that says it."""
    try:
        doc = json.loads((Path(data_dir) / FILE_NAME).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(doc, dict) or not isinstance(doc.get("at"), int | float):
        return None
    age = (time.time() if now is None else now) - doc["at"]
    if not -max_age_s < age <= max_age_s:
        return None
    display = doc.get("display")
    return display if display in ("asleep", "awake") else None
