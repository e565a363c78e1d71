"""Remote commands (issue 15, docs/fleet.md) over real HTTP to the platform simulator.

The simulator signs each command with its own command key; the terminal pins the public half
(as the embedded default does) and the agent verifies, runs at most once, audits, and reports
every result or refusal in the next heartbeat, once.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from sync_helpers import Kiosk, Sim, make_kiosk, signed_request, wait_for

from kiosk.store.db import Store


def pin_key(kiosk: Kiosk, sim: Sim) -> None:
    keys = kiosk.data_dir / "keys"
    keys.mkdir(parents=True, exist_ok=True)
    (keys / "platform-command.pub").write_bytes(sim.server.command_public_key)


def command(sim: Sim, kiosk: Kiosk, name: str, **kw: Any) -> dict[str, Any]:
    return sim.post("/_sim/commands", {"kiosk_id": kiosk.kiosk_id, "name": name, **kw})["command"]


def results(sim: Sim, kiosk: Kiosk) -> list[dict[str, Any]]:
    return sim.get("/_sim/command-results")["results"].get(kiosk.kiosk_id, [])


def audited(kiosk: Kiosk, command_id: str) -> list[dict[str, Any]]:
    return [
        e["details"]
        for e in kiosk.store.audit.entries()
        if e["event"] == "fleet.command" and e["details"]["id"] == command_id
    ]


def ring(kiosk: Kiosk) -> str | None:
    return kiosk.store.meta("fleet_ring")


def test_signed_command_runs_once_and_its_result_comes_in_the_next_heartbeat(
    kiosk: Kiosk, sim: Sim
) -> None:
    pin_key(kiosk, sim)
    agent = kiosk.agent()
    cmd = command(sim, kiosk, "set_ring", args={"ring": "canary"})
    assert agent.heartbeat() == ("ok", 1)
    assert ring(kiosk) == "canary"
    assert results(sim, kiosk) == []  # the result rides the *next* heartbeat
    assert agent.heartbeat() == ("ok", 0)
    got = results(sim, kiosk)
    assert [(r["id"], r["ok"], r["detail"]) for r in got] == [
        (cmd["id"], True, "ring set to canary")
    ]
    hb = sim.get("/_sim/heartbeats")[kiosk.kiosk_id]
    assert hb["ring"] == "canary" and hb["update"] == {"state": "none"}
    assert agent.heartbeat() == ("ok", 0)
    assert len(results(sim, kiosk)) == 1, "a result is reported once"
    steps = [d["step"] for d in audited(kiosk, cmd["id"])]
    assert steps == ["started", "ok"]
    assert kiosk.store.audit.verify().ok


def test_resync_catalog_pulls_the_platforms_catalog(kiosk: Kiosk, sim: Sim) -> None:
    pin_key(kiosk, sim)
    agent = kiosk.agent()
    assert kiosk.store.catalog.count() == 0
    cmd = command(sim, kiosk, "resync_catalog")
    agent.heartbeat()
    version = sim.get("/_sim/catalog")["version"]
    assert kiosk.store.catalog.version() == version and kiosk.store.catalog.count() > 0
    agent.heartbeat()
    (r,) = results(sim, kiosk)
    assert r["id"] == cmd["id"] and r["ok"] and f"version {version}" in r["detail"]


REFUSALS = {
    "forged-other-key": (lambda sim, k: {"raw": _forged_raw(sim, k)}, "forged:"),
    "forged-tampered-args": (
        lambda sim, k: {"raw": _tampered(sim, k)},
        "forged: the signature does not verify",
    ),
    "unsigned": (lambda sim, k: {"signature": None}, "forged: no valid signature"),
    "other-terminal": (lambda sim, k: {"for_kiosk_id": "KIOSK-OTHER-0002"}, "other terminal"),
    "expired": (lambda sim, k: {"expires_in_s": -3600}, "expired at"),
}


def _forged_raw(sim: Sim, kiosk: Kiosk) -> dict[str, Any]:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from sync.commands import sign_command

    body = {
        "id": "forged-0001",
        "kiosk_id": kiosk.kiosk_id,
        "name": "set_ring",
        "args": {"ring": "early"},
        "expires_at": "2099-01-01T00:00:00Z",
    }
    return sign_command(Ed25519PrivateKey.generate(), body)


def _tampered(sim: Sim, kiosk: Kiosk) -> dict[str, Any]:
    """A genuine command (never delivered) whose args were changed on the way."""
    from sync.simulator.fleet import make_command

    real = make_command(
        sim.server.platform.command_key,
        {"kiosk_id": kiosk.kiosk_id, "name": "set_ring", "args": {"ring": "all"}},
        sim.server.platform.wall_now(),
    )
    return dict(real, args={"ring": "early"})


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_bad_commands_are_refused_with_a_reason_and_audited(
    kiosk: Kiosk, sim: Sim, case: str
) -> None:
    pin_key(kiosk, sim)
    agent = kiosk.agent()
    make, reason = REFUSALS[case]
    cmd = command(sim, kiosk, "set_ring", args={"ring": "early"}, **make(sim, kiosk))
    assert agent.heartbeat() == ("ok", 1)
    assert ring(kiosk) is None, "a refused command never runs"
    agent.heartbeat()
    (r,) = results(sim, kiosk)
    assert r["id"] == cmd["id"] and r["ok"] is False and r["detail"].startswith(reason)
    (entry,) = audited(kiosk, cmd["id"])
    assert entry["step"] == "refused" and entry["detail"].startswith(reason)


def test_an_unknown_command_is_refused_and_update_now_is_handed_to_the_updater(
    kiosk: Kiosk, sim: Sim
) -> None:
    from sync.update.gate import requested_now

    pin_key(kiosk, sim)
    agent = kiosk.agent()
    unknown = command(sim, kiosk, "format_disk")
    update = command(sim, kiosk, "update_now")
    assert agent.heartbeat() == ("ok", 2)
    agent.heartbeat()
    got = {r["id"]: r for r in results(sim, kiosk)}
    assert got[unknown["id"]]["ok"] is False
    assert "unknown command 'format_disk'" in got[unknown["id"]]["detail"]
    assert got[update["id"]]["ok"] is True
    assert got[update["id"]]["detail"].startswith("update requested:")
    assert requested_now(kiosk.data_dir) is not None  # the next `kiosk update apply` reads it
    assert audited(kiosk, unknown["id"])[0]["step"] == "refused"
    assert [d["step"] for d in audited(kiosk, update["id"])] == ["started", "ok"]


def test_commands_needing_the_ui_process_are_refused_by_a_standalone_agent(
    kiosk: Kiosk, sim: Sim
) -> None:
    pin_key(kiosk, sim)
    agent = kiosk.agent()
    shot = command(sim, kiosk, "screenshot")
    test = command(sim, kiosk, "selftest")
    agent.heartbeat()
    agent.heartbeat()
    got = {r["id"]: r for r in results(sim, kiosk)}
    assert not got[shot["id"]]["ok"] and "UI process" in got[shot["id"]]["detail"]
    assert not got[test["id"]]["ok"] and "devices" in got[test["id"]]["detail"]


def test_without_the_command_key_every_command_is_refused(kiosk: Kiosk, sim: Sim) -> None:
    agent = kiosk.agent()  # no key pinned
    cmd = command(sim, kiosk, "set_ring", args={"ring": "all"})
    agent.heartbeat()
    agent.heartbeat()
    (r,) = results(sim, kiosk)
    assert r["id"] == cmd["id"] and not r["ok"]
    assert "no command key on this terminal" in r["detail"] and ring(kiosk) is None


def test_a_command_key_others_may_write_is_not_trusted(kiosk: Kiosk, sim: Sim) -> None:
    pin_key(kiosk, sim)
    (kiosk.data_dir / "keys" / "platform-command.pub").chmod(0o666)
    agent = kiosk.agent()
    command(sim, kiosk, "set_ring", args={"ring": "all"})
    agent.heartbeat()
    agent.heartbeat()
    (r,) = results(sim, kiosk)
    assert not r["ok"] and "writable by others" in r["detail"] and ring(kiosk) is None


def test_replay_is_refused_and_the_ledger_survives_a_restart(
    tmp_path: Path, kiosk: Kiosk, sim: Sim
) -> None:
    pin_key(kiosk, sim)
    agent = kiosk.agent()
    first = command(sim, kiosk, "set_ring", args={"ring": "canary"})
    agent.heartbeat()
    assert ring(kiosk) == "canary"
    kiosk.store.set_meta("fleet_ring", "all")  # so that a second run would show
    # the same command again (same id, same signature) before the restart
    sim.post("/_sim/commands", {"kiosk_id": kiosk.kiosk_id, "raw": first})
    agent.heartbeat()
    assert ring(kiosk) == "all"
    # the terminal restarts: a new store and agent on the same data directory
    kiosk.store.close()
    kiosk.store = Store.open(kiosk.data_dir, kiosk.cfg)
    agent = kiosk.agent()
    sim.post("/_sim/commands", {"kiosk_id": kiosk.kiosk_id, "raw": first})
    agent.heartbeat()
    agent.heartbeat()
    assert ring(kiosk) == "all", "executed at most once, across the restart"
    got = [r for r in results(sim, kiosk) if r["id"] == first["id"]]
    assert [r["ok"] for r in got] == [True, False, False]
    assert all(r["detail"].startswith("replay") for r in got[1:])
    assert [d["step"] for d in audited(kiosk, first["id"])] == [
        "started",
        "ok",
        "refused",
        "refused",
    ]


def test_a_command_interrupted_by_a_stop_is_reported_failed_never_rerun(
    kiosk: Kiosk, sim: Sim
) -> None:
    from kiosk.store.commands import INTERRUPTED, CommandLedger

    pin_key(kiosk, sim)
    # the agent claimed a command and the process died before it finished
    assert CommandLedger(kiosk.store).claim("cmd-crashed-1", "selftest", 0.0)
    agent = kiosk.agent()
    agent.heartbeat()
    agent.heartbeat()
    (r,) = results(sim, kiosk)
    assert r == r | {"id": "cmd-crashed-1", "ok": False, "detail": INTERRUPTED}


def test_restart_ends_the_service_loop_and_is_reported_after_it(kiosk: Kiosk, sim: Sim) -> None:
    pin_key(kiosk, sim)
    agent = kiosk.agent()
    cmd = command(sim, kiosk, "restart")
    stop = threading.Event()
    t = threading.Thread(target=agent.run, args=(stop,), daemon=True)
    t.start()
    try:
        assert wait_for(lambda: not t.is_alive(), timeout=60), "run() returns by itself"
    finally:
        stop.set()
        t.join(10)
    assert agent.restart_requested
    again = kiosk.agent()  # the supervisor's new process
    assert again.heartbeat()[0] == "ok"
    (r,) = results(sim, kiosk)
    assert r["id"] == cmd["id"] and r["ok"] and "restart requested" in r["detail"]


def test_the_simulator_refuses_malformed_command_results(kiosk: Kiosk, sim: Sim) -> None:
    import json

    body = json.dumps({"at": "2026-12-01T00:00:00Z", "command_results": [{"id": 1}]}).encode()
    r, _ = signed_request(
        sim.url,
        kiosk.kiosk_id,
        kiosk.secret,
        "POST",
        f"/v1/kiosks/{kiosk.kiosk_id}/heartbeat",
        body,
        {"Content-Type": "application/json"},
    )
    assert r.status_code == 422 and "command_results" in r.json()["reason"]


def test_the_embedded_default_pins_the_local_simulators_command_key(tmp_path: Path) -> None:
    from kiosk.config import parse_config
    from sync.commands import command_key_path, load_command_key
    from sync.embedded import start_local_simulator

    cfg = parse_config({"terminal": {"kiosk_id": "KIOSK-EMB-0001"}}, source="test")
    data_dir = tmp_path / "data"
    sim = start_local_simulator(cfg, data_dir, port=0)
    try:
        path = command_key_path(cfg, data_dir)
        assert path == data_dir / "keys" / "platform-command.pub"
        assert path.read_bytes() == sim.command_public_key
        load_command_key(path)  # usable
    finally:
        sim.stop()
    # the http kind never takes a key from a simulator
    k2 = make_kiosk(tmp_path, sim.url, kiosk_id="KIOSK-HTTP-0002")
    try:
        assert not command_key_path(k2.cfg, k2.data_dir).exists()
    finally:
        k2.store.close()


def test_in_the_ui_process_selftest_and_support_upload_run_through_the_application_api(
    kiosk: Kiosk, sim: Sim
) -> None:
    """``kiosk run``'s wiring (terminal/fleet.py) over the real application API: the platform
    attached, no devices (each self-test says so); the support archive reaches the platform."""
    from kiosk.service import KioskService
    from terminal.fleet import NO_SCREENSHOT, attach_service_commands

    pin_key(kiosk, sim)
    service = KioskService(kiosk.cfg, kiosk.data_dir)
    service.open(kiosk.store)
    service.attach(platform=kiosk.platform())
    agent = kiosk.agent()
    attach_service_commands(agent, service)
    agent.on_restart = None  # this test process is no kiosk to end
    test = command(sim, kiosk, "selftest")
    upload = command(sim, kiosk, "upload_support")
    shot = command(sim, kiosk, "screenshot")
    assert agent.heartbeat() == ("ok", 3)
    agent.heartbeat()
    got = {r["id"]: r for r in results(sim, kiosk)}
    assert got[test["id"]]["ok"] is False  # no devices here: the printer's test fails
    assert "self-test failed: " in got[test["id"]]["detail"]
    assert "printer" in got[test["id"]]["detail"]
    assert "platform" not in got[test["id"]]["detail"], "the platform answered its test"
    (sent,) = sim.get("/_sim/support")["uploads"]
    assert got[upload["id"]]["ok"] and sent["upload_id"] in got[upload["id"]]["detail"]
    assert got[shot["id"]] == got[shot["id"]] | {"ok": False, "detail": NO_SCREENSHOT}
    actors = [
        e["details"].get("actor")
        for e in kiosk.store.audit.entries()
        if e["event"] in ("maintenance.selftest", "maintenance.support_export")
    ]
    assert actors == ["fleet", "fleet"]


def test_a_command_without_an_id_is_audited_and_never_hides_the_others(
    kiosk: Kiosk, sim: Sim
) -> None:
    pin_key(kiosk, sim)
    agent = kiosk.agent()
    sim.post("/_sim/commands", {"kiosk_id": kiosk.kiosk_id, "raw": {"name": "restart"}})
    good = command(sim, kiosk, "set_ring", args={"ring": "all"})
    assert agent.heartbeat() == ("ok", 2)
    assert ring(kiosk) == "all" and agent.health.bad_answers["commands"] == 1
    no_id = [
        e["details"]
        for e in kiosk.store.audit.entries()
        if e["event"] == "fleet.command" and e["details"]["id"] is None
    ]
    assert no_id == [no_id[0] | {"name": "restart", "step": "refused"}]
    assert not agent.restart_requested
    agent.heartbeat()
    assert [r["id"] for r in results(sim, kiosk)] == [good["id"]]


def test_while_a_resident_is_in_session_restart_selftest_and_screenshot_are_refused(
    kiosk: Kiosk, sim: Sim
) -> None:
    from kiosk.ports import identity as idp
    from kiosk.service import KioskService
    from terminal.fleet import RESIDENT, attach_service_commands
    from tests.core.test_service import StubReader, _card

    pin_key(kiosk, sim)
    service = KioskService(kiosk.cfg, kiosk.data_dir)
    service.open(kiosk.store)
    service.attach(id_reader=StubReader(idp.CardPresent(_card())), platform=kiosk.platform())
    assert service.read_identity("id_card", threading.Event(), 1.0).kind == "ok"
    assert service.in_session
    agent = kiosk.agent()
    attach_service_commands(agent, service)
    restarts: list[int] = []
    agent.on_restart = lambda: restarts.append(1)  # instead of ending this test process
    sent = [command(sim, kiosk, n) for n in ("restart", "selftest", "screenshot")]
    agent.heartbeat()
    assert not agent.restart_requested and restarts == []
    assert session_metric(agent, kiosk) == 1
    service.end_session()  # the resident left: a restart may go ahead now
    assert session_metric(agent, kiosk) == 0
    again = command(sim, kiosk, "restart")
    agent.heartbeat()
    assert agent.restart_requested and restarts == [1]
    agent.heartbeat()
    got = {r["id"]: r for r in results(sim, kiosk)}
    for cmd in sent:
        assert got[cmd["id"]] == got[cmd["id"]] | {"ok": False, "detail": RESIDENT}
    assert got[again["id"]]["ok"]
    # a technician at the terminal is not disturbed either
    agent.restart_requested = False
    service.maintenance.enter("pin")
    busy = command(sim, kiosk, "restart")
    agent.heartbeat()
    agent.heartbeat()
    assert not agent.restart_requested and restarts == [1]
    (r,) = [r for r in results(sim, kiosk) if r["id"] == busy["id"]]
    assert r["detail"] == "technician in maintenance mode"


def session_metric(agent: Any, kiosk: Kiosk) -> float:
    """``bianmin_session_active`` scraped from the agent's metrics port (docs/fleet.md)."""
    import dataclasses

    import requests
    from prometheus_client.parser import text_string_to_metric_families

    from sync.metrics import start_metrics

    cfg = dataclasses.replace(kiosk.cfg, sync=dataclasses.replace(kiosk.cfg.sync, metrics_port=0))
    server = start_metrics(agent, cfg)
    assert server is not None
    try:
        text = requests.get(server.url, timeout=10).text
    finally:
        server.stop()
    (family,) = [
        f for f in text_string_to_metric_families(text) if f.name == "bianmin_session_active"
    ]
    return family.samples[0].value


def test_kiosk_sync_uploads_the_support_archive_on_command(kiosk: Kiosk, sim: Sim) -> None:
    """The real ``kiosk sync --once`` process: the command runs in one pass, its result goes
    up with the next."""
    pin_key(kiosk, sim)
    cmd = command(sim, kiosk, "upload_support")
    first = kiosk.kiosk("sync", "--once")
    assert "Traceback" not in first.stderr
    (sent,) = sim.get("/_sim/support")["uploads"]
    assert sent["kiosk_id"] == kiosk.kiosk_id
    assert results(sim, kiosk) == []
    kiosk.kiosk("sync", "--once")
    (r,) = results(sim, kiosk)
    assert r["id"] == cmd["id"] and r["ok"] and sent["upload_id"] in r["detail"]
