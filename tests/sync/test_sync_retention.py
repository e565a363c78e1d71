"""The sync agent applies the retention period: on its timer, offline or not, and a failing
purge never stops it. Against the simulator over real HTTP."""

from __future__ import annotations

import logging
import threading
import time

import pytest
from sync_helpers import Kiosk, Sim, wait_for

from kiosk.store.retention import last_purge

DAY = 86400.0


def running(agent) -> tuple[threading.Event, threading.Thread]:
    stop = threading.Event()
    t = threading.Thread(target=agent.run, args=(stop,), name="agent-under-test", daemon=True)
    t.start()
    return stop, t


def halt(stop: threading.Event, t: threading.Thread) -> None:
    stop.set()
    t.join(15)
    assert not t.is_alive()


def test_an_old_application_waiting_for_a_retry_is_kept_whole_and_still_sends(
    kiosk: Kiosk, sim: Sim
) -> None:
    (ref,) = kiosk.queue(1, materials=2)
    app = kiosk.store.applications.get_by_ref(ref)
    sim.once({"kind": "status", "status": 503, "retry_after": 1, "path": "/v1/applications"})
    agent = kiosk.agent()
    assert agent.drain().retried == 1
    agent.clock = lambda: time.time() + 400 * DAY  # a year later, still not confirmed
    assert agent.purge().removed == 0
    assert kiosk.store.applications.applicant(app.id) is not None
    report = agent.drain()
    assert (report.sent, report.rejected) == (1, 0)
    (entry,) = [a for a in sim.ledger()["applications"] if a["local_ref"] == ref]
    assert len(entry["materials"]) == 2 and entry["materials_present"]


def test_the_agent_purges_once_at_start_and_then_on_its_timer(kiosk: Kiosk, sim: Sim) -> None:
    (ref,) = kiosk.queue(1, materials=1)
    app_id = kiosk.store.applications.get_by_ref(ref).id
    agent = kiosk.agent(purge_every_s=3600.0)
    assert agent.drain().sent == 1  # confirmed now
    offset = [31 * DAY]
    agent.clock = lambda: time.time() + offset[0]
    stop, t = running(agent)
    try:
        assert wait_for(lambda: last_purge(kiosk.store) is not None, timeout=20)
        first = last_purge(kiosk.store)
        assert first["applications"] == 1 and first["files"] == 1
        assert kiosk.store.applications.applicant(app_id) is None
        assert kiosk.store.applications.get_by_ref(ref).status == "received"
        time.sleep(1.5)  # well within the hour: no second run
        assert last_purge(kiosk.store) == first
        offset[0] += 3601
        assert wait_for(lambda: last_purge(kiosk.store)["at"] != first["at"], timeout=20)
        assert last_purge(kiosk.store)["applications"] == 0
    finally:
        halt(stop, t)


def test_a_failing_purge_is_logged_without_data_and_never_stops_the_agent(
    kiosk: Kiosk, sim: Sim, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []

    def broken(now: float, retention_days: int | None = None) -> None:
        calls.append(now)
        raise RuntimeError("disk trouble near 张三 11010519491231002X")

    monkeypatch.setattr(kiosk.store, "purge_expired", broken)
    kiosk.queue(1, materials=1)
    agent = kiosk.agent(purge_every_s=0.5)
    caplog.set_level(logging.INFO, logger="sync.agent")
    stop, t = running(agent)
    try:
        assert wait_for(lambda: kiosk.store.outbox.counts().sent == 1, timeout=20)
        assert wait_for(lambda: len(calls) >= 2, timeout=20)  # tried again on the timer
        assert t.is_alive()
    finally:
        halt(stop, t)
    assert "retention purge failed (RuntimeError)" in caplog.text
    assert "张三" not in caplog.text and "11010519491231002X" not in caplog.text


def test_one_pass_also_applies_retention(kiosk: Kiosk, sim: Sim) -> None:
    """``kiosk sync --once`` (a cron-style terminal) purges too, after pulling statuses."""
    (ref,) = kiosk.queue(1, materials=1)
    app_id = kiosk.store.applications.get_by_ref(ref).id
    agent = kiosk.agent()
    assert agent.run_once().purge == "ok: 0 removed"  # confirmed just now: kept
    assert kiosk.store.applications.applicant(app_id) is not None
    agent.clock = lambda: time.time() + 31 * DAY
    rep = agent.run_once()
    assert rep.purge == "ok: 2 removed"  # the application and its scan file
    assert kiosk.store.applications.applicant(app_id) is None
    assert last_purge(kiosk.store)["applications"] == 1
