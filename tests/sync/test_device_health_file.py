"""``<data>/devices.json``: what ``kiosk run`` publishes and ``kiosk sync`` in another process
puts in its heartbeat — fresh as written, every device ``unknown`` once it is stale."""

from __future__ import annotations

import json
import time
from pathlib import Path
from types import SimpleNamespace

from sync.agent import SyncAgent
from terminal.root import write_device_health

HEALTH = {
    "printer": {"status": "paper_out", "detail": ""},
    "id_reader": {"status": "ok", "detail": "SAM ok"},
}


def _agent(data_dir: Path, now: float) -> SyncAgent:
    return SyncAgent(SimpleNamespace(data_dir=data_dir), None, heartbeat_s=30.0, clock=lambda: now)


def test_the_published_file_carries_when_it_was_written(tmp_path: Path) -> None:
    write_device_health(tmp_path / "devices.json", HEALTH)
    data = json.loads((tmp_path / "devices.json").read_text("utf-8"))
    assert abs(data.pop("at") - time.time()) < 5 and data == HEALTH
    assert _agent(tmp_path, time.time())._devices_from_file() == HEALTH


def test_a_stale_or_undated_file_reports_every_device_unknown(tmp_path: Path) -> None:
    write_device_health(tmp_path / "devices.json", HEALTH)
    stale = _agent(tmp_path, time.time() + 3600)._devices_from_file()
    assert set(stale) == set(HEALTH)
    assert all(v["status"] == "unknown" and "since" in v["detail"] for v in stale.values())
    (tmp_path / "devices.json").write_text(json.dumps(HEALTH), "utf-8")  # an older kiosk's
    assert {v["status"] for v in _agent(tmp_path, time.time())._devices_from_file().values()} == {
        "unknown"
    }
    (tmp_path / "devices.json").write_text("[]", "utf-8")
    assert _agent(tmp_path, time.time())._devices_from_file() == {}
