"""When an update may restart the terminal: inside the maintenance window (``[update] window``,
``HH:MM-HH:MM`` in the terminal's time zone, may span midnight) and with no resident in
session (``kiosk run`` publishes ``in_session`` beside the device health, ``devices.json``)."""

from __future__ import annotations

import json
from datetime import datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

SESSION_STALE_S = 120.0


def parse_window(text: str) -> tuple[time, time]:
    start, _, end = text.partition("-")
    h1, m1 = (int(x) for x in start.split(":"))
    h2, m2 = (int(x) for x in end.split(":"))
    return time(h1, m1), time(h2, m2)


def in_window(window: str, now: float, time_zone: str) -> bool:
    start, end = parse_window(window)
    local = datetime.fromtimestamp(now, ZoneInfo(time_zone)).time().replace(tzinfo=None)
    if start <= end:
        return start <= local < end
    return local >= start or local < end  # spans midnight


def resident_in_session(data_dir: Path, now: float) -> bool | None:
    """What ``kiosk run`` last published (None: no fresh report, e.g. the UI is not running)."""
    try:
        doc = json.loads((Path(data_dir) / "devices.json").read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(doc, dict) or not isinstance(doc.get("at"), int | float):
        return None
    if abs(now - doc["at"]) > SESSION_STALE_S or not isinstance(doc.get("in_session"), bool):
        return None
    return doc["in_session"]


def gate(window: str, time_zone: str, data_dir: Path, now: float) -> str | None:
    """Why an update may not restart the terminal now (None: it may); a resident in session
    first, which no technician's ``--now`` overrides."""
    if resident_in_session(data_dir, now):
        return "resident in session"
    if not in_window(window, now, time_zone):
        return f"outside the maintenance window {window} ({time_zone})"
    return None


REQUEST_FILE = "update-request.json"
"""Written into the data directory by the platform's ``update_now`` command (the sync agent,
as the kiosk user: not under ``update/``, which the root-owned update unit owns), read by the
next ``kiosk update apply``: apply outside the maintenance window (never over a resident)."""


def request_now(data_dir: Path, command_id: str, now: float) -> None:
    from sync.update.state import write_json_atomic

    write_json_atomic(Path(data_dir) / REQUEST_FILE, {"command_id": command_id, "at": now})


def requested_now(data_dir: Path) -> str | None:
    """The id of the ``update_now`` command waiting to be carried out, if any."""
    try:
        doc = json.loads((Path(data_dir) / REQUEST_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return str(doc.get("command_id") or "") or None if isinstance(doc, dict) else None


def clear_request(data_dir: Path) -> None:
    (Path(data_dir) / REQUEST_FILE).unlink(missing_ok=True)
