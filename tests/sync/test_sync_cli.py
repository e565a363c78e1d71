"""``kiosk platform-sim``, ``kiosk sync [--once]`` and ``kiosk queue`` as real processes."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from sync_helpers import KIOSK_BIN, Kiosk, cli_env, make_kiosk, wait_for
from wipe_proof import SimProcess  # (test_myspace, test_update_check import it from here)


@pytest.fixture
def simproc(tmp_path: Path) -> Iterator[SimProcess]:
    s = SimProcess(tmp_path)
    yield s
    if s.proc.poll() is None:
        assert s.stop() == 0


def queue_json(k: Kiosk) -> dict:
    r = k.kiosk("queue", "--json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def start_sync_service(k: Kiosk) -> subprocess.Popen[str]:
    """``kiosk sync`` (the long-running agent) on ``k``'s config and data, output piped."""
    return subprocess.Popen(
        [KIOSK_BIN, "--config", str(k.config_path), "--data-dir", str(k.data_dir), "sync"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env(),
    )


def test_platform_sim_prints_port_and_stops_on_sigterm(tmp_path: Path) -> None:
    s = SimProcess(tmp_path)
    assert requests.get(s.url + "/openapi.json", timeout=10).json()["openapi"].startswith("3.")
    assert s.stop() == 0


def test_sync_once_exit_codes_and_queue_json(tmp_path: Path, simproc: SimProcess) -> None:
    k = make_kiosk(tmp_path, simproc.url)
    k.store.close()
    r = k.kiosk("sync", "--once")
    assert r.returncode == 0, r.stderr
    assert "catalog: applied" in r.stdout
    r = k.kiosk(
        "queue",
        "add-sample",
        "--count",
        "3",
        "--materials",
        "2",
        "--material-size",
        "5000",
        "--json",
    )
    assert r.returncode == 0, r.stderr
    added = json.loads(r.stdout)
    assert added["queued"] == 3 and added["materials_each"] == 2
    q = queue_json(k)
    assert q["counts"]["pending"] == 3 and q["counts"]["oldest_pending_s"] is not None

    # a refused row is reported, not retried; the others go on
    simproc.post(
        "/_sim/faults",
        {
            "once": [
                {
                    "kind": "status",
                    "status": 422,
                    "error": "item_withdrawn",
                    "reason": "事项已取消 withdrawn",
                    "path": "/v1/applications",
                }
            ]
        },
    )
    r = k.kiosk("sync", "--once", "--workers", "1")
    assert r.returncode == 0, r.stderr  # nothing else waits
    assert "refused application" in r.stdout and "item_withdrawn" in r.stdout
    q = queue_json(k)
    assert (q["counts"]["sent"], q["counts"]["rejected"]) == (2, 1)
    (refused,) = q["refused"]
    assert refused["code"] == "item_withdrawn" and refused["reason"] == "事项已取消 withdrawn"
    assert refused["ref"].startswith(k.kiosk_id + "-")
    human = k.kiosk("queue")
    assert human.returncode == 0 and "item_withdrawn" in human.stdout and "被拒" in human.stdout

    # a 503 with Retry-After pauses the whole drain until then, this pass and the next: exit 10
    r = k.kiosk("queue", "add-sample", "--count", "3", "--materials", "1", "--material-size", "100")
    assert r.returncode == 0
    simproc.post(
        "/_sim/faults",
        {
            "once": [
                {"kind": "status", "status": 503, "retry_after": 60, "path": "/v1/applications"}
            ]
        },
    )
    r = k.kiosk("sync", "--once", "--json", "--workers", "1")
    assert r.returncode == 10, r.stderr
    rep = json.loads(r.stdout)
    assert rep["drain"]["sent"] == 0 and rep["drain"]["retried"] == 1 and rep["exit"] == 10
    assert rep["drain"]["paused_until"] is not None
    q = queue_json(k)
    assert (q["counts"]["sent"], q["counts"]["retry"], q["counts"]["pending"]) == (2, 1, 2)
    assert q["retry"][0]["next_in_s"] > 50 and "unavailable" in q["retry"][0]["last_error"]
    assert q["retry"][0]["failures"] == 0, "a pause the platform asked for is no failure"
    posts = simproc.get("/_sim/stats")["requests"].get("POST applications 201", 0)
    assert k.kiosk("sync", "--once").returncode == 10, "--once does not wait for the pause"
    assert simproc.get("/_sim/stats")["requests"].get("POST applications 201", 0) == posts, (
        "the next pass honours the platform's pause"
    )

    ledger = simproc.get("/_sim/ledger")
    assert len(ledger["applications"]) == 2


def test_sync_once_exit_6_on_bad_credentials_and_unreachable(
    tmp_path: Path, simproc: SimProcess
) -> None:
    k = make_kiosk(tmp_path, simproc.url)
    k.store.close()
    assert k.kiosk("sync", "--once").returncode == 0
    assert (
        k.kiosk(
            "queue", "add-sample", "--count", "2", "--materials", "1", "--material-size", "100"
        ).returncode
        == 0
    )
    secret_file = k.data_dir / "keys" / "platform.secret"
    secret_file.write_text("a-secret-the-platform-does-not-know\n")
    r = k.kiosk("sync", "--once")
    assert r.returncode == 6 and "credentials refused" in r.stderr
    assert queue_json(k)["counts"]["pending"] == 2
    secret_file.write_bytes(k.secret)
    assert simproc.stop() == 0
    r = k.kiosk("sync", "--once")
    assert r.returncode == 6 and "unreachable" in r.stderr
    q = queue_json(k)
    assert q["counts"]["pending"] == 2 and q["counts"]["retry"] == 0


def test_sync_service_drains_new_rows_and_stops_on_sigterm(
    tmp_path: Path, simproc: SimProcess
) -> None:
    k = make_kiosk(tmp_path, simproc.url, interval_s=300.0)
    k.store.close()
    agent = start_sync_service(k)
    try:
        assert wait_for(
            lambda: (
                k.kiosk("queue", "add-sample", "--count", "1", "--materials", "0").returncode == 0
            ),
            timeout=30,
            step=0.5,
        )
        # interval_s is 300 s: only "a new row was committed" can trigger this drain
        assert wait_for(lambda: queue_json(k)["counts"]["sent"] >= 1, timeout=30, step=0.3)
        assert (
            k.kiosk(
                "queue", "add-sample", "--count", "2", "--materials", "1", "--material-size", "1000"
            ).returncode
            == 0
        )
        assert wait_for(lambda: queue_json(k)["counts"]["sent"] == 3, timeout=30, step=0.3)
        # a second agent on the same data directory is refused
        second = k.kiosk("sync", "--once")
        assert second.returncode == 1 and "another sync agent" in second.stderr
    finally:
        agent.send_signal(signal.SIGTERM)
        code = agent.wait(20)
        err = agent.stderr.read()
        agent.stdout.close()
        agent.stderr.close()
    assert code == 0, err
    assert "stopped" in err
    assert len(simproc.get("/_sim/ledger")["applications"]) == 3


def test_sync_service_drains_when_connectivity_returns(tmp_path: Path) -> None:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    sim = SimProcess(tmp_path, port)
    k = make_kiosk(tmp_path, sim.url, backoff_base_s=0.2, backoff_max_s=1.0)
    k.store.close()
    assert k.kiosk("sync", "--once").returncode == 0  # fetch the catalog
    assert sim.stop() == 0
    assert (
        k.kiosk(
            "queue", "add-sample", "--count", "2", "--materials", "1", "--material-size", "500"
        ).returncode
        == 0
    )
    agent = start_sync_service(k)
    sim2 = None
    try:
        time.sleep(1.0)  # the agent finds the platform down
        assert queue_json(k)["counts"]["pending"] == 2
        sim2 = SimProcess(tmp_path, port)
        assert wait_for(lambda: queue_json(k)["counts"]["sent"] == 2, timeout=30, step=0.3)
    finally:
        agent.send_signal(signal.SIGTERM)
        agent.wait(20)
        agent.stdout.close()
        agent.stderr.close()
        if sim2:
            sim2.stop()


def test_kiosk_help_does_not_load_http_or_the_simulator() -> None:
    import sys

    code = (
        "import sys; from terminal.cli.main import build_parser; build_parser(); "
        "bad = [m for m in ('requests', 'urllib3', 'sync.simulator.server', 'sync.client', 'sync.agent') "
        "if m in sys.modules]; print(bad); sys.exit(1 if bad else 0)"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stdout + r.stderr


def test_embedded_wiring_local_simulator_and_agent_thread(tmp_path: Path) -> None:
    from kiosk.config import parse_config
    from kiosk.store.db import Store
    from sync.agent import AgentBusy
    from sync.embedded import make_platform, start_agent_thread, start_local_simulator
    from sync.selftest import add_samples

    cfg = parse_config(
        {
            "platform": {"kind": "simulated", "url": "http://127.0.0.1:0"},
            "sync": {"interval_s": 300.0},
        }
    )
    data = tmp_path / "kiosk"
    sim = start_local_simulator(cfg, data)
    store = Store.open(data, cfg)
    try:
        secret = data / "keys" / "platform.secret"
        assert secret.stat().st_mode & 0o077 == 0, "the shared secret is owner-only"
        platform = make_platform(cfg, data, url=sim.url)
        handle = start_agent_thread(store, cfg, platform)
        try:
            assert wait_for(lambda: store.catalog.count() > 0, timeout=30)
            with pytest.raises(AgentBusy):
                start_agent_thread(store, cfg, platform)
            add_samples(store, 2, 1, 300)
            handle.kick()
            assert wait_for(lambda: store.outbox.counts().sent == 2, timeout=30)
        finally:
            handle.stop()
        assert not handle.thread.is_alive()
        ledger = requests.get(sim.url + "/_sim/ledger", timeout=10).json()
        assert [a["kiosk_id"] for a in ledger["applications"]] == [cfg.terminal.kiosk_id] * 2
    finally:
        store.close()
        sim.stop()


def test_start_up_fault_flags_malformed_catalog_and_clock_skew(tmp_path: Path) -> None:
    sim = SimProcess(tmp_path, 0, "--malformed-catalog", "--clock-skew", "900")
    try:
        k = make_kiosk(tmp_path, sim.url)
        k.store.close()
        r = k.kiosk("sync", "--once", "--json")
        assert r.returncode == 0, r.stderr
        rep = json.loads(r.stdout)
        assert rep["catalog"] == "refused" and rep["time"] == "ok" and rep["heartbeat"] == "ok"
        assert "platform clock offset +89" in r.stderr or "platform clock offset +90" in r.stderr
        assert "name" in r.stderr and "catalog version 2 refused" in r.stderr
        state = json.loads((k.data_dir / "sync" / "state.json").read_text())
        assert state["catalog_refused_version"] == 2 and 895 < state["clock_offset_s"] < 905
        # nothing was imported: the kiosk keeps serving the sample rather than a broken one
        from kiosk.store.db import Store

        store = Store.open(k.data_dir, k.cfg)
        try:
            assert (store.catalog.source(), store.catalog.count()) == ("sample", 109)
        finally:
            store.close()
    finally:
        sim.stop()


def test_identity_code_command_makes_a_code_the_platform_accepts(tmp_path: Path) -> None:
    from sync.simulator.licenses import decode_qr_payload

    png = tmp_path / "code.png"
    r = subprocess.run(
        [
            KIOSK_BIN,
            "sim",
            "identity-code",
            "--name",
            "王秀英",
            "--id-number",
            "11010519491231002X",
            "--days",
            "2",
            "--png",
            str(png),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 0, r.stderr
    decoded = decode_qr_payload(r.stdout.strip())
    assert decoded == {"name": "王秀英", "id_number": "11010519491231002X", "card_type": "resident"}
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    bad = subprocess.run(
        [KIOSK_BIN, "sim", "identity-code", "--name", "x", "--id-number", "110105194912310021"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 2 and "citizen ID" in bad.stderr and not bad.stdout
