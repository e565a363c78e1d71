"""The Prometheus metrics (issue 15, docs/fleet.md): scraped over real HTTP and parsed with
prometheus_client's own parser, as a fleet team's Prometheus would."""

from __future__ import annotations

import dataclasses
import subprocess
from pathlib import Path
from typing import Any

import requests
from prometheus_client.parser import text_string_to_metric_families
from sync_helpers import KIOSK_BIN, Kiosk, Sim, cli_env, wait_for

from kiosk.devices.health import Degraded, Ready, health_to_wire


def scrape(url: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    r = requests.get(url, timeout=10)
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/plain")
    out = {}
    for family in text_string_to_metric_families(r.text):
        for s in family.samples:
            out[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return out


def _cfg(kiosk: Kiosk, **sync: Any) -> Any:
    return dataclasses.replace(kiosk.cfg, sync=dataclasses.replace(kiosk.cfg.sync, **sync))


def test_metrics_scrape_reports_queue_devices_commands_and_update_state(
    kiosk: Kiosk, sim: Sim
) -> None:
    from sync.metrics import start_metrics

    devices = {
        "printer": health_to_wire(Degraded("paper low")),
        "scanner": health_to_wire(Ready()),
    }
    agent = kiosk.agent(devices=lambda: devices)
    kiosk.queue(3, materials=0)
    (kiosk.data_dir / "keys" / "platform-command.pub").write_bytes(sim.server.command_public_key)
    sim.post(
        "/_sim/commands",
        {"kiosk_id": kiosk.kiosk_id, "name": "set_ring", "args": {"ring": "early"}},
    )
    sim.post("/_sim/commands", {"kiosk_id": kiosk.kiosk_id, "name": "format_disk"})
    assert agent.heartbeat() == ("ok", 2)
    server = start_metrics(agent, _cfg(kiosk, metrics_port=0))
    assert server is not None
    try:
        assert server.url.startswith("http://127.0.0.1:"), "loopback by default"
        m = scrape(server.url)
    finally:
        server.stop()
    assert m[("bianmin_queue_rows", (("state", "pending"),))] == 3
    assert m[("bianmin_queue_rows", (("state", "rejected"),))] == 0
    assert m[("bianmin_queue_oldest_pending_seconds", ())] >= 0
    assert m[("bianmin_device_status", (("device", "printer"), ("status", "degraded")))] == 1
    assert m[("bianmin_device_status", (("device", "printer"), ("status", "ready")))] == 0
    assert m[("bianmin_device_status", (("device", "scanner"), ("status", "ready")))] == 1
    assert m[("bianmin_device_errors", ())] == 1
    assert m[("bianmin_fleet_commands_total", (("result", "ok"),))] == 1
    assert m[("bianmin_fleet_commands_total", (("result", "refused"),))] == 1
    assert m[("bianmin_ring", (("ring", "early"),))] == 1
    assert m[("bianmin_update_state", (("state", "none"),))] == 1
    assert m[("bianmin_applications_total", ())] == 3
    assert m[("bianmin_catalog_version", ())] == kiosk.store.catalog.version()
    assert m[("bianmin_heartbeat_last_success_timestamp_seconds", ())] > 0
    assert ("bianmin_session_active", ()) not in m, "a standalone agent cannot tell"


def test_metrics_can_be_turned_off(kiosk: Kiosk) -> None:
    from sync.metrics import start_metrics

    assert start_metrics(kiosk.agent(), _cfg(kiosk, metrics=False)) is None


def test_kiosk_sync_serves_metrics_beside_the_heartbeat(
    tmp_path: Path, kiosk: Kiosk, sim: Sim
) -> None:
    """The real ``kiosk sync`` process: its metrics port answers while it runs."""
    import socket

    with socket.socket() as s:  # a free port for the configuration
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with kiosk.config_path.open("a", encoding="utf-8") as f:
        f.write(f"metrics_port = {port}\n")
    kiosk.queue(2, materials=0)
    proc = subprocess.Popen(
        [KIOSK_BIN, "--config", str(kiosk.config_path), "--data-dir", str(kiosk.data_dir), "sync"],
        env=cli_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/metrics"

    def drained() -> bool:
        try:
            m = scrape(url)
        except requests.ConnectionError:
            return False
        return m.get(("bianmin_queue_rows", (("state", "pending"),))) == 0

    try:
        assert wait_for(drained, timeout=60), "the agent drained and its metrics say so"
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
