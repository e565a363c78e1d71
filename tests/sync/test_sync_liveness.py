"""The sync agent cannot be stopped by what the platform sends or by faults outside it (issue 11).

Real HTTP against the platform simulator; its ``body`` fault serves hostile answers byte for
byte. Each test here failed on the agent before this change: a bad catalog killed every pass
(and the drain behind it), six crash retakes refused a resident's application for good, the
backoff grew with leases and pauses, a 429 paused one row while the other worker went on, and
every 4xx was final.
"""

from __future__ import annotations

import json
import logging
import threading
import time

import pytest
from sync_helpers import Kiosk, Sim, wait_for

FAR = 10_000.0


def later(agent, seconds: float = FAR) -> None:
    agent.clock = lambda: time.time() + seconds


def ledger_refs(sim: Sim, kiosk: Kiosk) -> list[str]:
    return sorted(
        a["local_ref"] for a in sim.ledger()["applications"] if a["kiosk_id"] == kiosk.kiosk_id
    )


def posts(sim: Sim) -> int:
    """POST /v1/applications requests the simulator saw (answered or faulted)."""
    return sum(v for k, v in sim.stats().items() if k.startswith("POST applications"))


DEEP = "[" * 200_000 + "]" * 200_000


def _catalog_answers(kiosk: Kiosk) -> dict[str, str]:
    item = dict(kiosk.store.catalog.item_dicts()[0])
    item_text = json.dumps(item, ensure_ascii=True)
    surrogate = item_text.replace(json.dumps(item["name"], ensure_ascii=True), '"\\ud800 x"', 1)
    assert surrogate != item_text
    head = '{"version": 9999, "full": true, "withdrawn": [], "items": '
    return {
        "non-object item": head + "[42, " + item_text + "]}",
        "lone surrogate": head + "[" + surrogate + "]}",
        "deeply nested": head + "[" + DEEP + "]}",
        "nested envelope": DEEP,
    }


@pytest.mark.parametrize(
    "case", ["non-object item", "lone surrogate", "deeply nested", "nested envelope"]
)
def test_a_bad_catalog_never_stops_the_drain(
    kiosk: Kiosk, sim: Sim, case: str, caplog: pytest.LogCaptureFixture
) -> None:
    refs = kiosk.queue(3, materials=1, size=200)
    version, items = kiosk.store.catalog.version(), kiosk.store.catalog.item_dicts()
    body = _catalog_answers(kiosk)[case]
    agent = kiosk.agent()
    for _ in range(2):  # pass after pass: the same bad catalog comes back every time
        sim.once({"kind": "body", "status": 200, "body": body, "path": "/v1/catalog"})
    with caplog.at_level(logging.INFO):
        first = agent.run_once()
    assert first.drain.sent == 3 and first.platform_failure is None
    assert first.catalog != "applied" and first.heartbeat == "ok"
    assert (kiosk.store.catalog.version(), kiosk.store.catalog.item_dicts()) == (version, items)
    assert ledger_refs(sim, kiosk) == sorted(refs)
    # a second pass with the same answer: still alive, still draining new rows
    more = kiosk.queue(1, materials=0)
    assert agent.run_once().drain.sent == 1
    assert ledger_refs(sim, kiosk) == sorted(refs + more)
    if case in ("deeply nested", "nested envelope"):  # answers that cannot even be read
        assert agent.health.bad_answers == {"catalog": 2}
        assert agent.health.last_bad_answer.startswith("catalog:")
        hb = sim.get("/_sim/heartbeats")[kiosk.kiosk_id]
        assert hb["sync"]["bad_answers"]["catalog"] >= 1
    else:  # validated and refused: the last good catalog stays
        assert first.catalog == "refused"


def test_a_bad_catalog_does_not_kill_the_service_loop(kiosk: Kiosk, sim: Sim) -> None:
    """``kiosk sync`` (the loop) pulled the catalog first and died on it, at every restart."""
    kiosk.queue(1, materials=0)
    agent = kiosk.agent()
    body = DEEP
    for _ in range(5):
        sim.once({"kind": "body", "status": 200, "body": body, "path": "/v1/catalog"})
    stop = threading.Event()
    errors: list[BaseException] = []

    def run() -> None:
        try:
            agent.run(stop)
        except BaseException as exc:
            errors.append(exc)

    t = threading.Thread(target=run, daemon=True)
    t.start()
    try:
        assert wait_for(lambda: kiosk.store.outbox.counts().sent == 1 or not t.is_alive())
        more = kiosk.queue(2, materials=0)
        agent.kick()
        assert wait_for(lambda: kiosk.store.outbox.counts().sent == 3 or not t.is_alive())
    finally:
        stop.set()
        t.join(10)
    assert not errors and len(more) == 2
    assert agent.health.bad_answers.get("catalog", 0) >= 1


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/v1/kiosks/", DEEP),
        (
            "/v1/kiosks/",
            '{"until": "2026-12-01T00:00:00Z", "changes": [{"application_no": "X1",'
            ' "local_ref": "\\udc80", "item_code": "", "status": "accepted",'
            ' "updated_at": "2026-12-01T00:00:00Z", "history": []}]}',
        ),
    ],
    ids=["statuses-deep", "statuses-surrogate"],
)
def test_bad_status_and_command_answers_are_skipped(
    kiosk: Kiosk, sim: Sim, path: str, body: str
) -> None:
    kiosk.queue(2, materials=0)
    agent = kiosk.agent()
    sim.once({"kind": "body", "status": 200, "body": body, "path": path, "method": "GET"})
    rep = agent.run_once()
    assert rep.drain.sent == 2 and rep.platform_failure is None
    assert rep.statuses != "ok" or agent.health.bad_answers.get("statuses")
    sim.once({"kind": "body", "status": 200, "body": DEEP, "path": "/v1/kiosks/", "method": "POST"})
    assert agent.heartbeat()[0] != "ok"  # the commands' answer: skipped, not fatal
    kiosk.queue(1, materials=0)
    assert agent.run_once().drain.sent == 1


def _crash(kiosk: Kiosk, times: int) -> int:
    """Lease the first row and let its lease expire ``times`` times (the sender died)."""
    outbox = kiosk.store.outbox
    now = time.time()
    first = outbox.lease_next(now, 1.0)
    for i in range(1, times + 1):
        assert outbox.lease_next(now + 2.0 * i, 1.0).id == first.id
    return first.id


def test_a_row_retaken_after_crashes_is_resent_and_backoff_counts_failures(
    kiosk: Kiosk, sim: Sim
) -> None:
    """Four crash retakes and a 429: none of them is the row's failure. A 500 afterwards is
    its first failure, so it waits one base period, not 2^5 of them."""
    from sync.agent import MAX_CRASH_RETAKES

    refs = kiosk.queue(2, materials=0)
    row_id = _crash(kiosk, MAX_CRASH_RETAKES - 1)
    agent = kiosk.agent()  # base 5 s, cap 60 s
    later(agent, 2.0 * MAX_CRASH_RETAKES)
    sim.once({"kind": "status", "status": 429, "retry_after": 3, "path": "/v1/applications"})
    agent.drain()
    row = kiosk.store.outbox.get(row_id)
    assert row.state == "retry" and row.failures == 0, "a pause is not a failure"
    later(agent, 2.0 * MAX_CRASH_RETAKES + 10)
    sim.once({"kind": "status", "status": 500, "path": "/v1/applications"})
    agent.drain()
    row = kiosk.store.outbox.get(row_id)
    assert row.state == "retry" and row.failures == 1 and row.attempts >= MAX_CRASH_RETAKES + 1
    waited = row.next_at - kiosk.store.outbox.attempts(row_id)[-1]["at"]
    assert 2.5 <= waited <= 5.0, f"first failure: one base period, not {waited:.0f} s"
    later(agent, FAR)
    agent.drain()
    assert kiosk.store.outbox.get(row_id).state == "sent"
    assert ledger_refs(sim, kiosk) == sorted(refs)
    assert kiosk.store.applications.get(row.ref_id).status == "received"


def test_a_row_that_keeps_killing_the_sender_is_quarantined_and_a_technician_retries_it(
    kiosk: Kiosk, sim: Sim
) -> None:
    from sync.agent import MAX_CRASH_RETAKES

    refs = kiosk.queue(3, materials=0)
    row_id = _crash(kiosk, MAX_CRASH_RETAKES)
    agent = kiosk.agent()
    later(agent, 2.0 * (MAX_CRASH_RETAKES + 1))
    rep = agent.run_once()
    assert (rep.drain.sent, rep.drain.rejected, rep.drain.quarantined) == (2, 0, 1)
    row = kiosk.store.outbox.get(row_id)
    assert row.state == "quarantined" and row.quarantine_code == "sender_crashed"
    app = kiosk.store.applications.get(row.ref_id)
    assert app.status != "refused", "the resident is not at fault"
    hb = sim.get("/_sim/heartbeats")[kiosk.kiosk_id]
    assert hb["queue"]["quarantined"] == 1
    assert [a["code"] for a in hb["alerts"]] == ["outbox_quarantined"]
    # the technician: sees it, retries it, the next pass sends it
    q = kiosk.kiosk("queue", "--json")
    assert q.returncode == 0, q.stderr
    (shown,) = json.loads(q.stdout)["quarantined"]
    assert shown["ref"] == app.local_ref and shown["code"] == "sender_crashed"
    human = kiosk.kiosk("queue")
    assert "quarantined" in human.stdout and f"kiosk queue retry {app.local_ref}" in human.stdout
    once = kiosk.kiosk("sync", "--once")
    assert once.returncode == 10, "a quarantined row is work that remains"
    assert kiosk.kiosk("queue", "retry", "NO-SUCH-REF").returncode == 3
    r = kiosk.kiosk("queue", "retry", app.local_ref)
    assert r.returncode == 0, r.stderr
    once = kiosk.kiosk("sync", "--once")
    assert once.returncode == 0, once.stdout + once.stderr
    assert kiosk.store.outbox.get(row_id).state == "sent"
    assert ledger_refs(sim, kiosk) == sorted(refs)


def test_retry_after_pauses_every_worker_and_the_next_pass(kiosk: Kiosk, sim: Sim) -> None:
    from kiosk.store.db import Store

    refs = kiosk.queue(8, materials=0)

    def factory() -> Store:
        return Store.open(kiosk.data_dir, kiosk.cfg, reconcile=False)

    sim.once({"kind": "status", "status": 429, "retry_after": 30, "path": "/v1/applications"})
    agent = kiosk.agent(workers=2, store_factory=factory)
    try:
        first = agent.drain()
    finally:
        agent.close()
    assert first.paused_until is not None
    assert first.sent <= 1, "at most the other worker's request already in flight"
    seen = posts(sim)
    assert seen <= 2
    # the next pass — even another agent process — honours the pause
    again = kiosk.agent(workers=2, store_factory=factory)
    try:
        assert again.drain().sent == 0 and posts(sim) == seen
        later(again, 31)
        for _ in range(3):
            again.drain()
    finally:
        again.close()
    assert kiosk.store.outbox.counts().sent == 8
    assert ledger_refs(sim, kiosk) == sorted(refs)
    assert all(r.failures == 0 for r in kiosk.store.outbox.rows())


@pytest.mark.parametrize("status", [404, 405, 400])
def test_a_proxys_4xx_is_retried_not_refused(kiosk: Kiosk, sim: Sim, status: int) -> None:
    refs = kiosk.queue(2, materials=0)
    sim.once({"kind": "status", "status": status, "error": "", "path": "/v1/applications"})
    agent = kiosk.agent()
    rep = agent.drain()
    assert (rep.sent, rep.rejected, rep.retried) == (1, 0, 1)
    (row,) = kiosk.store.outbox.rows("retry")
    assert row.failures == 1 and str(status) in row.last_error
    assert agent.health.unexpected_4xx == 1
    later(agent)
    assert agent.drain().sent == 1
    assert ledger_refs(sim, kiosk) == sorted(refs)


def test_a_422_with_a_code_the_contract_does_not_name_is_not_final(kiosk: Kiosk, sim: Sim) -> None:
    kiosk.queue(1, materials=0)
    sim.once({"kind": "status", "status": 422, "error": "whatever", "path": "/v1/applications"})
    agent = kiosk.agent()
    assert agent.drain().retried == 1
    later(agent)
    assert agent.drain().sent == 1 and not kiosk.store.outbox.rejected_rows()


def test_403_stops_the_drain_and_sync_once_exits_6(kiosk: Kiosk, sim: Sim) -> None:
    kiosk.queue(3, materials=0)
    sim.once({"kind": "status", "status": 403, "error": "forbidden", "path": "/v1/applications"})
    r = kiosk.kiosk("sync", "--once", "--json", "--workers", "1")
    assert r.returncode == 6, r.stdout + r.stderr
    rep = json.loads(r.stdout)
    assert rep["drain"]["stopped"] == "auth" and rep["drain"]["rejected"] == 0
    counts = kiosk.store.outbox.counts()
    assert counts.pending == 3 and counts.rejected == 0
    assert posts(sim) == 1, "one request, then the drain stopped"
    assert kiosk.kiosk("sync", "--once").returncode == 0


@pytest.mark.parametrize(
    "fault",
    [
        {
            "kind": "status",
            "status": 409,
            "error": "idempotency_conflict",
            "path": "/v1/applications",
        },
        {
            "kind": "status",
            "status": 400,
            "error": "hash_mismatch",
            "path": "/v1/blobs/",
            "method": "PUT",
        },
    ],
    ids=["409", "hash_mismatch"],
)
def test_409_or_hash_mismatch_the_platform_does_not_hold_stays_in_quarantine(
    kiosk: Kiosk, sim: Sim, fault: dict
) -> None:
    refs = kiosk.queue(2, materials=1, size=300)
    sim.once(fault)
    agent = kiosk.agent()
    rep = agent.drain()
    assert (rep.sent, rep.quarantined, rep.rejected) == (1, 1, 0)
    (row,) = kiosk.store.outbox.quarantined_rows()
    assert row.quarantine_code == fault["error"]
    assert sim.stats().get("GET applications 404") == 1, "the platform was asked"
    later(agent)
    assert agent.drain().sent == 0, "quarantine waits for a technician"
    kiosk.store.outbox.retry_quarantined(row)
    assert agent.drain().sent == 1
    assert ledger_refs(sim, kiosk) == sorted(refs)


def test_a_slow_catalog_never_holds_back_the_drain(kiosk: Kiosk, sim: Sim) -> None:
    """The service loop drains while a slow catalog answer is still on its way (it pulled
    the catalog first, and waited for it, before)."""
    refs = kiosk.queue(3, materials=0)
    agent = kiosk.agent(kiosk.platform(timeout_s=15.0))
    sim.once({"kind": "delay", "seconds": 4, "path": "/v1/catalog"})

    def catalogs() -> int:
        return sum(v for k, v in sim.stats().items() if k.startswith("GET catalog"))

    before = catalogs()
    stop = threading.Event()
    t = threading.Thread(target=agent.run, args=(stop,), daemon=True)
    t.start()
    try:
        drained_first = wait_for(
            lambda: kiosk.store.outbox.counts().sent == 3 and catalogs() == before,
            timeout=10,
        )
    finally:
        stop.set()
        t.join(20)
    assert drained_first, "every row sent while the catalog answer was still coming"
    assert catalogs() == before + 1
    assert ledger_refs(sim, kiosk) == sorted(refs)
