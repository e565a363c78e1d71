"""The screen's state in the heartbeat (optional ``display``) and the metrics
(``bianmin_display_asleep``): only a process that shows the screen reports it."""

from __future__ import annotations

import dataclasses

from sync_helpers import Kiosk, Sim
from test_fleet_metrics import scrape


def test_display_goes_up_in_the_heartbeat_and_the_metrics_only_when_known(
    kiosk: Kiosk, sim: Sim
) -> None:
    from sync.metrics import start_metrics

    agent = kiosk.agent()
    cfg = dataclasses.replace(kiosk.cfg, sync=dataclasses.replace(kiosk.cfg.sync, metrics_port=0))
    server = start_metrics(agent, cfg)
    assert server is not None
    try:
        assert agent.heartbeat()[0] == "ok"
        assert "display" not in sim.get("/_sim/heartbeats")[kiosk.kiosk_id]  # no screen here
        assert not any(name == "bianmin_display_asleep" for name, _ in scrape(server.url))

        state = ["asleep"]
        agent.display = lambda: state[0]  # what kiosk run's interface says
        assert agent.heartbeat()[0] == "ok"
        assert sim.get("/_sim/heartbeats")[kiosk.kiosk_id]["display"] == "asleep"
        assert scrape(server.url)[("bianmin_display_asleep", ())] == 1
        state[0] = "awake"
        assert agent.heartbeat()[0] == "ok"
        assert sim.get("/_sim/heartbeats")[kiosk.kiosk_id]["display"] == "awake"
        assert scrape(server.url)[("bianmin_display_asleep", ())] == 0
    finally:
        server.stop()


def test_a_kiosk_sync_apart_reports_what_kiosk_run_published(kiosk: Kiosk, sim: Sim) -> None:
    """The appliance: ``kiosk run --no-sync-agent`` publishes the screen's state beside the
    device health (``devices.json``); the separate agent's heartbeat carries it while fresh."""
    import time

    from kiosk.devices.published import write_published_health

    agent = kiosk.agent()
    write_published_health(kiosk.data_dir, {}, display="asleep")
    assert agent.heartbeat()[0] == "ok"
    assert sim.get("/_sim/heartbeats")[kiosk.kiosk_id]["display"] == "asleep"
    write_published_health(kiosk.data_dir, {}, display="awake", now=time.time() - 3600)
    assert agent.heartbeat()[0] == "ok"
    assert "display" not in sim.get("/_sim/heartbeats")[kiosk.kiosk_id]  # stale: unknown
