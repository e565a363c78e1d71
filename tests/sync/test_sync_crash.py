"""SIGKILL the sync agent at seeded random moments during a drain; nothing is lost or doubled.

300 applications with two materials each are queued; ``kiosk sync`` runs as a real process
and is killed with SIGKILL a fixed number of times at moments drawn from a fixed seed, then
restarted, while the simulator also resets a few connections after committing (lost answers).
At the end the simulator's ledger must hold every application exactly once with all its
materials, and every local row must be ``sent`` with the application number the platform gave.
"""

from __future__ import annotations

import random
import signal
import subprocess
import time
from pathlib import Path

import pytest
from sync_helpers import KIOSK_BIN, Sim, cli_env, make_kiosk, wait_for

APPLICATIONS = 300
KILLS = 8
SEED = 20261127


@pytest.mark.slow
def test_sigkill_during_drain_loses_nothing_and_doubles_nothing(tmp_path: Path, sim: Sim) -> None:
    k = make_kiosk(
        tmp_path, sim.url, lease_s=1.0, interval_s=0.5, backoff_base_s=0.1, backoff_max_s=0.5
    )
    t0 = time.monotonic()
    refs = k.queue(APPLICATIONS, materials=2, size=1024)
    queued_s = time.monotonic() - t0
    sim.faults(reset_rate=0.03, seed=SEED)
    rng = random.Random(SEED)
    argv = [
        KIOSK_BIN,
        "--config",
        str(k.config_path),
        "--data-dir",
        str(k.data_dir),
        "--log-level",
        "WARNING",
        "sync",
    ]

    def sent() -> int:
        return k.store.outbox.counts().sent

    kills_mid_drain = 0
    progress = []
    for _ in range(KILLS):
        before = sent()
        agent = subprocess.Popen(
            argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=cli_env()
        )
        # let this run send a random number of rows, then kill it a random moment later
        target = min(APPLICATIONS - 1, before + rng.randint(1, 40))
        wait_for(
            lambda t=target, a=agent: sent() >= t or a.poll() is not None, timeout=30, step=0.01
        )
        try:
            agent.wait(rng.uniform(0.0, 0.2))
        except subprocess.TimeoutExpired:
            pass
        assert agent.poll() is None, "the agent must not exit on its own"
        agent.send_signal(signal.SIGKILL)
        agent.wait(10)
        now = sent()
        progress.append(now)
        if now < APPLICATIONS:
            kills_mid_drain += 1
    assert kills_mid_drain >= KILLS // 2, f"kills should land during the drain: {progress}"
    assert progress == sorted(progress)

    agent = subprocess.Popen(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=cli_env()
    )
    try:
        assert wait_for(lambda: sent() == APPLICATIONS, timeout=90, step=0.2), (
            k.store.outbox.counts()
        )
    finally:
        agent.send_signal(signal.SIGTERM)
        code = agent.wait(20)
        agent.stderr.close()
    assert code == 0

    counts = k.store.outbox.counts()
    assert (counts.sent, counts.pending, counts.sending, counts.retry, counts.rejected) == (
        APPLICATIONS,
        0,
        0,
        0,
        0,
    )
    ledger = sim.ledger()
    apps = ledger["applications"]
    by_ref = {a["local_ref"]: a for a in apps}
    assert len(apps) == len(by_ref) == APPLICATIONS, "every application exactly once"
    assert set(by_ref) == set(refs)
    blobs = {b["sha256"] for b in ledger["blobs"]}
    for ref in refs:
        entry = by_ref[ref]
        local = k.store.applications.get_by_ref(ref)
        assert local.application_no == entry["application_no"]
        assert len(entry["materials"]) == 2 and set(entry["materials"]) <= blobs
        assert {m[0] for m in k.store.applications.materials_of(local.id)} == set(
            entry["materials"]
        )
    # how the crashes showed up: leases taken again and keys seen more than once
    retaken = k.store.conn.execute(
        "SELECT count(*) FROM outbox_attempts WHERE detail = 'lease expired; taken again'"
    ).fetchone()[0]
    resent = sum(1 for a in apps if a["key_seen"] > 1)
    print(
        f"queued in {queued_s:.1f} s; progress after each kill: {progress}; leases retaken: {retaken}; keys seen twice or more: {resent}"
    )
    k.store.close()
