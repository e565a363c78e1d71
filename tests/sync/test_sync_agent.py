"""The sync agent against the simulator over real HTTP: the fault matrix.

Every test ends by asking the simulator's ledger what it *created*: each application exactly
once, with all its materials, whatever the faults did to the answers in between.
"""

from __future__ import annotations

import logging
import socket
import time
from pathlib import Path

import pytest
from sync_helpers import Kiosk, Sim, dumps, make_kiosk, signed_request

from kiosk.ports.platform import AuthFailed, Unreachable

FAR = 10_000.0


def later(agent, seconds: float = FAR) -> None:
    """Let the agent believe ``seconds`` have passed (so retry rows are due) without waiting."""
    agent.clock = lambda: time.time() + seconds


def drain_all(kiosk: Kiosk, agent, rounds: int = 30) -> None:
    for i in range(rounds):
        agent.drain()
        c = kiosk.store.outbox.counts()
        if c.waiting == 0:
            return
        later(agent, FAR * (i + 1))
    raise AssertionError(f"queue not drained: {kiosk.store.outbox.counts()}")


def assert_exactly_once(kiosk: Kiosk, sim: Sim, refs: list[str], materials: int = 2) -> dict:
    ledger = sim.ledger()
    apps = [a for a in ledger["applications"] if a["kiosk_id"] == kiosk.kiosk_id]
    by_ref = {a["local_ref"]: a for a in apps}
    assert len(apps) == len(by_ref) == len(refs), "an application was created twice or not at all"
    assert set(by_ref) == set(refs)
    for ref in refs:
        entry = by_ref[ref]
        assert len(entry["materials"]) == materials and entry["materials_present"]
        local = kiosk.store.applications.get_by_ref(ref)
        assert local.application_no == entry["application_no"]
    return by_ref


def test_drain_uploads_materials_then_applications_exactly_once(kiosk: Kiosk, sim: Sim) -> None:
    refs = kiosk.queue(5, materials=2)
    agent = kiosk.agent()
    report = agent.drain()
    assert (report.sent, report.rejected, report.retried, report.blobs_uploaded) == (5, 0, 0, 10)
    assert kiosk.store.outbox.counts().to_json() | {"oldest_pending_s": None} == {
        "pending": 0,
        "sending": 0,
        "retry": 0,
        "sent": 5,
        "rejected": 0,
        "quarantined": 0,
        "oldest_pending_s": None,
    }
    by_ref = assert_exactly_once(kiosk, sim, refs)
    assert all(e["key_seen"] == 1 for e in by_ref.values())
    blobs = sim.ledger()["blobs"]
    assert len(blobs) == 10 and all(b["put_count"] == 1 and b["head_count"] == 0 for b in blobs)
    stats = sim.stats()
    assert stats.get("HEAD blobs 404") == 10 and stats.get("PUT blobs 201") == 10
    assert kiosk.store.applications.get_by_ref(refs[0]).status == "received"


def test_materials_the_platform_has_are_not_uploaded_again(kiosk: Kiosk, sim: Sim) -> None:
    refs = kiosk.queue(2, materials=2)
    app_id = kiosk.store.applications.get_by_ref(refs[0]).id
    for sha256, _, _ in kiosk.store.applications.materials_of(app_id):  # already up there
        assert kiosk.platform().put_blob(sha256, kiosk.store.blobs.get(sha256)).data is True
    report = kiosk.agent().drain()
    assert report.sent == 2 and report.blobs_uploaded == 2
    assert all(b["put_count"] == 1 for b in sim.ledger()["blobs"])
    assert_exactly_once(kiosk, sim, refs)


@pytest.mark.parametrize(
    "fault",
    [
        {"kind": "status", "status": 500, "when": "before"},
        {"kind": "status", "status": 502, "when": "after"},
        {"kind": "reset", "when": "before"},
        {"kind": "reset", "when": "after"},
        {"kind": "truncated", "when": "after"},
        {"kind": "garbage", "when": "after"},
        {"kind": "wrong_type", "when": "after"},
        {"kind": "oversized", "when": "after"},
    ],
    ids=lambda f: f"{f['kind']}-{f.get('status', '')}-{f['when']}",
)
@pytest.mark.parametrize("target", ["/v1/applications", "/v1/blobs/"])
def test_lost_or_broken_answers_are_retried_and_created_once(
    kiosk: Kiosk, sim: Sim, fault: dict, target: str
) -> None:
    refs = kiosk.queue(3, materials=2)
    sim.once(dict(fault, path=target))
    agent = kiosk.agent()
    first = agent.drain()
    assert first.retried == 1 and first.sent == 2, "one row retried; the next rows did not wait"
    (row,) = kiosk.store.outbox.rows("retry")
    assert row.attempts == 1 and row.last_error
    # the backoff is in the future: a pass now sends nothing
    assert agent.drain().sent == 0
    later(agent)
    assert agent.drain().sent == 1
    by_ref = assert_exactly_once(kiosk, sim, refs)
    if target == "/v1/applications" and fault["when"] == "after":
        assert sorted(e["key_seen"] for e in by_ref.values()) == [1, 1, 2]


@pytest.mark.parametrize("status", [429, 503])
def test_retry_after_is_honoured(kiosk: Kiosk, sim: Sim, status: int) -> None:
    kiosk.queue(1, materials=0)
    sim.once({"kind": "status", "status": status, "retry_after": 7, "path": "/v1/applications"})
    agent = kiosk.agent()
    assert agent.drain().retried == 1
    (row,) = kiosk.store.outbox.rows("retry")
    leased_at = kiosk.store.outbox.attempts(row.id)[-1]["at"]
    assert row.next_at - leased_at == pytest.approx(7.0, abs=0.01)
    assert kiosk.store.outbox.attempts(row.id)[-1]["http_status"] == status
    later(agent, 6.0)
    assert agent.drain().sent == 0
    later(agent, 8.0)
    assert agent.drain().sent == 1


def test_backoff_is_capped_exponential_with_jitter(kiosk: Kiosk) -> None:
    agent = kiosk.agent()  # base 5 s, cap 60 s
    for attempts, lo, hi in [(1, 2.5, 5), (2, 5, 10), (3, 10, 20), (4, 20, 40), (9, 30, 60)]:
        delays = [agent.backoff(attempts) for _ in range(200)]
        assert lo <= min(delays) and max(delays) <= hi
        assert len({round(d, 6) for d in delays}) > 100, "jittered"


def test_refused_row_is_terminal_visible_and_does_not_block(
    kiosk: Kiosk, sim: Sim, caplog: pytest.LogCaptureFixture
) -> None:
    refs = kiosk.queue(3, materials=1)
    sim.once(
        {
            "kind": "status",
            "status": 422,
            "error": "invalid",
            "path": "/v1/applications",
            "reason": "applicant 110105194912310021 phone 13912345678 not acceptable",
        }
    )
    agent = kiosk.agent()
    with caplog.at_level(logging.DEBUG):
        report = agent.drain()
    assert (report.sent, report.rejected) == (2, 1)
    (row,) = kiosk.store.outbox.rejected_rows()
    assert row.reject_code == "invalid"
    assert (
        "110105194912310021" not in row.reject_reason and "110105********0021" in row.reject_reason
    )
    assert "13912345678" not in caplog.text and "110105194912310021" not in caplog.text
    later(agent)
    assert agent.drain().sent == 0, "a refused row is never retried"
    refused_ref = kiosk.store.applications.get(row.ref_id).local_ref
    assert kiosk.store.applications.get(row.ref_id).status == "refused"
    assert {a["local_ref"] for a in sim.ledger()["applications"]} == set(refs) - {refused_ref}


def test_idempotency_conflict_is_quarantined_and_the_platform_asked(kiosk: Kiosk, sim: Sim) -> None:
    """A 409 is not a refusal: the row is set aside and the platform asked (GET by local_ref)
    whether it holds the application; it does (under the same key), so the row is sent with
    the platform's number — the application was never refused."""
    (ref,) = kiosk.queue(1, materials=0)
    (row,) = kiosk.store.outbox.rows("pending")
    import json

    other = json.loads(kiosk.store.outbox.body(row))
    other["form"] = {"changed": "yes"}
    r, _ = signed_request(
        sim.url,
        kiosk.kiosk_id,
        kiosk.secret,
        "POST",
        "/v1/applications",
        dumps(other),
        {"Idempotency-Key": row.idempotency_key},
    )
    assert r.status_code == 201
    report = kiosk.agent().drain()
    assert (report.rejected, report.sent) == (0, 1)
    sent = kiosk.store.outbox.get(row.id)
    assert sent.state == "sent"
    states = [a["to"] for a in kiosk.store.outbox.attempts(row.id)]
    assert states[-2:] == ["quarantined", "sent"]
    app = kiosk.store.applications.get_by_ref(ref)
    assert app.application_no == r.json()["application_no"] and app.status != "refused"


def test_clock_skew_is_corrected_from_date(kiosk: Kiosk, sim: Sim) -> None:
    refs = kiosk.queue(2, materials=1)
    sim.faults(clock_skew_s=3600)
    platform = kiosk.platform()
    report = kiosk.agent(platform).drain()
    assert report.sent == 2
    assert platform.clock_offset_s == pytest.approx(3600, abs=2)
    assert sim.stats().get("HEAD blobs 401") == 1, "one clock_skew refusal, then corrected"
    assert_exactly_once(kiosk, sim, refs, materials=1)


def test_auth_failure_stops_the_whole_batch(kiosk: Kiosk, sim: Sim) -> None:
    kiosk.queue(4, materials=1)
    agent = kiosk.agent(kiosk.platform(secret=b"this-is-not-our-secret"))
    report = agent.drain()
    assert report.stopped == "auth" and report.sent == 0 and report.released == 1
    counts = kiosk.store.outbox.counts()
    assert counts.pending == 4 and counts.retry == 0 and counts.rejected == 0
    assert all(r.attempts == 0 for r in kiosk.store.outbox.rows("pending")), (
        "the attempt is not counted"
    )
    assert sum(v for k, v in sim.stats().items() if k.endswith(" 401")) == 1, (
        "one request, not one per row"
    )
    assert isinstance(kiosk.platform(secret=b"this-is-not-our-secret").server_time(), AuthFailed)


def test_unreachable_platform_stops_the_batch_and_keeps_rows(tmp_path: Path) -> None:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    k = make_kiosk(tmp_path, f"http://127.0.0.1:{port}")
    try:
        from sync.selftest import add_samples
        from sync.simulator.catalog_seed import sample_items

        k.store.catalog.replace_all(sample_items(), version=1)
        add_samples(k.store, 3, 1, 100)
        assert isinstance(k.platform().server_time(), Unreachable)
        report = k.agent().drain()
        assert report.stopped == "unreachable" and report.released == 1
        assert k.store.outbox.counts().pending == 3
    finally:
        k.store.close()


def test_timeout_is_retried(kiosk: Kiosk, sim: Sim) -> None:
    refs = kiosk.queue(1, materials=0)
    sim.once({"kind": "delay", "seconds": 1.5, "path": "/v1/applications", "when": "after"})
    agent = kiosk.agent(kiosk.platform(timeout_s=0.5))
    assert agent.drain().retried == 1
    time.sleep(1.2)  # let the simulator finish the delayed answer
    later(agent)
    assert agent.drain().sent == 1
    by_ref = assert_exactly_once(kiosk, sim, refs, materials=0)
    assert by_ref[refs[0]]["key_seen"] == 2


def test_poisoned_rows_never_block_the_next(kiosk: Kiosk, sim: Sim) -> None:
    refs = kiosk.queue(3, materials=1)
    a0 = kiosk.store.applications.get_by_ref(refs[0]).id
    a1 = kiosk.store.applications.get_by_ref(refs[1]).id
    # row 0: its material file vanished; row 1: its stored body cannot be decrypted
    (sha0, _, _) = kiosk.store.applications.materials_of(a0)[0]
    kiosk.store.blobs.path(sha0).unlink()
    with kiosk.store.tx() as c:
        c.execute("UPDATE outbox SET body_enc = ? WHERE ref_id = ?", (b"\x00" * 64, a1))
    report = kiosk.agent().drain()
    assert (report.sent, report.rejected) == (1, 1)
    codes = {r.ref_id: r.reject_code for r in kiosk.store.outbox.rejected_rows()}
    assert codes == {a0: "blob_missing_local"}
    # a row this terminal cannot decrypt is never refused: it waits, listed by reference
    assert report.unreadable == [refs[1]]
    (waiting,) = [r for r in kiosk.store.outbox.rows() if r.ref_id == a1]
    assert (waiting.state, waiting.attempts) == ("pending", 0)
    assert [a["local_ref"] for a in sim.ledger()["applications"]] == [refs[2]]


def test_random_faults_drain_exactly_once(kiosk: Kiosk, sim: Sim) -> None:
    refs = kiosk.queue(30, materials=2, size=1000)
    sim.faults(
        error_rate=0.15,
        reset_rate=0.1,
        rate_limit_rate=0.05,
        unavailable_rate=0.05,
        retry_after_s=1,
        seed=7,
    )
    agent = kiosk.agent()
    drain_all(kiosk, agent, rounds=60)
    injected = sim.get("/_sim/faults")["injected"]
    assert sum(injected.values()) >= 10
    assert_exactly_once(kiosk, sim, refs)


def test_parallel_workers_drain_exactly_once_under_faults(kiosk: Kiosk, sim: Sim) -> None:
    from kiosk.store.db import Store

    refs = kiosk.queue(40, materials=2, size=800)
    sim.faults(error_rate=0.1, reset_rate=0.1, seed=11)
    agent = kiosk.agent(
        workers=3, store_factory=lambda: Store.open(kiosk.data_dir, kiosk.cfg, reconcile=False)
    )
    try:
        drain_all(kiosk, agent, rounds=60)
        assert len(agent._extra_stores) == 2
    finally:
        agent.close()
    assert_exactly_once(kiosk, sim, refs)


def test_parallel_workers_all_stop_on_auth_failure(kiosk: Kiosk, sim: Sim) -> None:
    from kiosk.store.db import Store

    kiosk.queue(10, materials=1, size=100)
    agent = kiosk.agent(
        kiosk.platform(secret=b"this-is-not-our-secret"),
        workers=3,
        store_factory=lambda: Store.open(kiosk.data_dir, kiosk.cfg, reconcile=False),
    )
    try:
        report = agent.drain()
    finally:
        agent.close()
    assert report.stopped == "auth" and report.sent == 0 and 1 <= report.released <= 3
    assert kiosk.store.outbox.counts().pending == 10


def test_reviews_problems_and_help_go_through_the_outbox(kiosk: Kiosk, sim: Sim) -> None:
    from kiosk.domain.records import HelpRequest, ProblemReport, Review
    from kiosk.usecases.feedback import report_problem, request_help, submit_review

    submit_review(kiosk.store, Review(rating=2, reasons=("slow",), comment="太慢"))
    report_problem(kiosk.store, ProblemReport(category="device", description="打印机没纸"))
    request_help(kiosk.store, HelpRequest(reason="看不懂"))
    sim.once({"kind": "reset", "when": "after", "path": "/v1/reviews"})
    agent = kiosk.agent()
    drain_all(kiosk, agent)
    ledger = sim.ledger()
    assert [len(ledger[k]) for k in ("reviews", "problems", "help_requests")] == [1, 1, 1]
    assert ledger["reviews"][0]["key_seen"] == 2


def test_catalog_pull_validates_and_keeps_the_last_good_catalog(kiosk: Kiosk, sim: Sim) -> None:
    agent = kiosk.agent()
    assert agent.pull_catalog()[0] == "applied"
    good_version, good_count = kiosk.store.catalog.version(), kiosk.store.catalog.count()
    good_items = kiosk.store.catalog.item_dicts()
    sim.post("/_sim/catalog/malformed", {})
    status, detail = agent.pull_catalog()
    assert status == "refused" and "name" in detail
    assert (kiosk.store.catalog.version(), kiosk.store.catalog.count()) == (
        good_version,
        good_count,
    )
    assert kiosk.store.catalog.item_dicts() == good_items
    # a malformed envelope is retried later, nothing touched
    sim.once({"kind": "garbage", "path": "/v1/catalog"})
    assert agent.pull_catalog()[0] == "failed"
    # the platform fixes it: a new good version, and a withdrawal
    fixed = dict(good_items[0])
    withdrawn = good_items[1]["item_code"]
    sim.post("/_sim/catalog", {"items": [fixed], "withdrawn": [withdrawn]})
    assert agent.pull_catalog()[0] == "applied"
    assert kiosk.store.catalog.count() == good_count - 1
    assert kiosk.store.catalog.get(withdrawn) is None
    assert agent.pull_catalog()[0] == "current"


def test_statuses_time_and_heartbeat(
    kiosk: Kiosk, sim: Sim, caplog: pytest.LogCaptureFixture
) -> None:
    refs = kiosk.queue(4, materials=0)
    agent = kiosk.agent()
    agent.drain()
    sim.post("/_sim/clock", {"advance_s": 3 * 86400})
    status, updated = agent.pull_statuses()
    assert status == "ok" and updated == 4
    statuses = {kiosk.store.applications.get_by_ref(r).status for r in refs}
    assert statuses <= {"completed", "rejected", "supplement_required"}
    app = kiosk.store.applications.get_by_ref(refs[0])
    assert app.history[0]["status"] == "received"
    assert agent.pull_statuses() == ("ok", 0), "only changes since the last pull"
    assert agent.sync_time()[0] == "ok"
    kiosk.queue(1, materials=0)
    sim.post("/_sim/commands", {"kiosk_id": kiosk.kiosk_id, "name": "reboot_later", "args": {}})
    with caplog.at_level(logging.INFO, logger="sync.commands"):
        assert agent.heartbeat() == ("ok", 1)
    assert "reboot_later" in caplog.text and "refused" in caplog.text  # docs/fleet.md
    hb = sim.get("/_sim/heartbeats")[kiosk.kiosk_id]
    assert (
        hb["queue"]["pending"] == 1 and hb["versions"]["catalog"] == kiosk.store.catalog.version()
    )


def test_run_once_reports_and_run_service_drains_new_rows(kiosk: Kiosk, sim: Sim) -> None:
    import threading

    kiosk.queue(2, materials=1)
    agent = kiosk.agent()
    rep = agent.run_once()
    assert rep.platform_failure is None and rep.drain.sent == 2 and rep.heartbeat == "ok"
    stop = threading.Event()
    t = threading.Thread(target=agent.run, args=(stop,), daemon=True)
    t.start()
    try:
        kiosk.queue(3, materials=1)
        agent.kick()
        end = time.monotonic() + 20
        while kiosk.store.outbox.counts().sent < 5 and time.monotonic() < end:
            time.sleep(0.05)
    finally:
        stop.set()
        t.join(10)
    assert not t.is_alive()
    assert kiosk.store.outbox.counts().sent == 5


def test_hmac_sm3_end_to_end(kiosk: Kiosk, sim: Sim) -> None:
    refs = kiosk.queue(2, materials=1, size=300)
    platform = kiosk.platform(alg="HMAC-SM3")
    assert kiosk.agent(platform).drain().sent == 2
    assert_exactly_once(kiosk, sim, refs, materials=1)


def test_unexpected_error_on_one_row_is_retried_later_and_logged_scrubbed(
    kiosk: Kiosk, sim: Sim, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    refs = kiosk.queue(3, materials=1, size=200)
    bad_id = kiosk.store.applications.get_by_ref(refs[0]).id
    real = kiosk.store.applications.materials_of

    def materials_of(app_id: str):
        if app_id == bad_id:
            raise RuntimeError("corrupt row for applicant 110105194912310021")
        return real(app_id)

    monkeypatch.setattr(kiosk.store.applications, "materials_of", materials_of)
    with caplog.at_level(logging.INFO):
        report = kiosk.agent().drain()
    assert (report.sent, report.retried) == (2, 1)
    assert "110105194912310021" not in caplog.text and "110105********0021" in caplog.text
    (row,) = kiosk.store.outbox.rows("retry")
    assert row.ref_id == bad_id and "110105194912310021" not in row.last_error


def test_a_slow_send_keeps_its_lease_and_is_never_taken_as_a_crash(kiosk: Kiosk, sim: Sim) -> None:
    """Three materials over a slow link take longer than the lease: the sender renews it
    before every request, so the second worker never takes the row over, nothing is sent
    twice, and the row is not counted towards ``sender_crashed``."""
    from kiosk.store.db import Store

    refs = kiosk.queue(3, materials=3, size=800)
    sim.faults(latency_ms=300)  # 7 requests a row: ~2.1 s against a 1 s lease
    agent = kiosk.agent(
        workers=2, store_factory=lambda: Store.open(kiosk.data_dir, kiosk.cfg, reconcile=False)
    )
    agent.lease_s = 1.0
    try:
        report = agent.drain()
    finally:
        agent.close()
    assert report.sent == 3 and report.retried == 0 and report.rejected == 0
    for row in kiosk.store.outbox.rows():
        details = [a["detail"] for a in kiosk.store.outbox.attempts(row.id)]
        assert "lease expired; taken again" not in details, details
        assert row.state == "sent" and row.attempts == 1
    assert_exactly_once(kiosk, sim, refs, materials=3)


def test_a_sender_that_lost_its_lease_stops_sending_the_row(kiosk: Kiosk) -> None:
    (ref,) = kiosk.queue(1, materials=1)
    outbox = kiosk.store.outbox
    first = outbox.lease_next(now=1000.0, lease_s=10.0)
    assert first is not None
    held = outbox.renew(first, now=1005.0, lease_s=10.0)
    assert held is not None and held.lease_until == 1015.0
    second = outbox.lease_next(now=1020.0, lease_s=10.0)  # expired: another sender takes it
    assert second is not None and second.id == first.id
    assert outbox.renew(held, now=1021.0, lease_s=10.0) is None  # the first must stop
    assert outbox.renew(second, now=1021.0, lease_s=10.0) is not None
