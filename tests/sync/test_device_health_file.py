"""``<data>/devices.json``: what ``kiosk run`` publishes and ``kiosk sync`` in another process
puts in its heartbeat — fresh as written, every device ``unknown`` once it is stale."""

from __future__ import annotations

import json
import time
from pathlib import Path
from types import SimpleNamespace

from kiosk.devices.health import Ready, Unavailable
from kiosk.devices.published import write_published_health
from sync.agent import SyncAgent

HEALTH = {"printer": Unavailable("paper_out"), "id_reader": Ready("SAM ok")}
WIRE = {
    "printer": {"status": "unavailable", "detail": "paper_out"},
    "id_reader": {"status": "ready", "detail": "SAM ok"},
}


def _agent(data_dir: Path, now: float) -> SyncAgent:
    return SyncAgent(SimpleNamespace(data_dir=data_dir), None, heartbeat_s=30.0, clock=lambda: now)


def test_the_published_file_carries_when_it_was_written(tmp_path: Path) -> None:
    write_published_health(tmp_path, HEALTH)
    data = json.loads((tmp_path / "devices.json").read_text("utf-8"))
    assert abs(data["at"] - time.time()) < 5 and data["devices"] == WIRE
    assert _agent(tmp_path, time.time())._devices_from_file() == WIRE


def test_a_stale_or_unreadable_file_reports_no_device_as_ready(tmp_path: Path) -> None:
    write_published_health(tmp_path, HEALTH)
    stale = _agent(tmp_path, time.time() + 3600)._devices_from_file()
    assert stale == {n: {"status": "unknown", "detail": "stale"} for n in HEALTH}
    (tmp_path / "devices.json").write_text(json.dumps(WIRE), "utf-8")  # an older kiosk's
    assert _agent(tmp_path, time.time())._devices_from_file() == {}
    (tmp_path / "devices.json").write_text("[]", "utf-8")
    assert _agent(tmp_path, time.time())._devices_from_file() == {}
