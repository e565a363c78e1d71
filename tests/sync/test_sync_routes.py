"""Where an outbox row goes is the platform adapter's business: the core stores its ``kind``,
``sync.client.RECORD_ROUTES`` maps it to the platform's path (migration 0002 dropped the
``path`` column the core used to fill in)."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import pytest
from sync_helpers import Sim, make_kiosk

from kiosk.domain.records import HelpRequest, ProblemReport, Review
from kiosk.ports.platform import Refused
from kiosk.store import db as store_db
from kiosk.store.db import Store
from kiosk.store.outbox import Outbox
from kiosk.usecases.feedback import report_problem, request_help, submit_review

OLD_PATHS = {
    "application": "/v1/applications",
    "review": "/v1/reviews",
    "problem": "/v1/problems",
    "help": "/v1/help-requests",
}


def _enqueue_as_0001(self, conn, *, kind, ref_id, idempotency_key, method, body, now=None):  # noqa: ANN001, ANN202
    """What ``Outbox.enqueue`` wrote before migration 0002: the platform path in ``path``."""
    now = time.time() if now is None else now
    cur = conn.execute(
        "INSERT INTO outbox (kind, ref_id, idempotency_key, method, path, body_enc, body_sha256,"
        " state, attempts, created_at, updated_at) VALUES (?,?,?,?,?,?,?, 'pending', 0, ?, ?)",
        (
            kind,
            ref_id,
            idempotency_key,
            method,
            OLD_PATHS[kind],
            self._sealer.seal(body, aad=idempotency_key.encode()),
            hashlib.sha256(body).hexdigest(),
            now,
            now,
        ),
    )
    return int(cur.lastrowid)


def test_a_0001_database_upgrades_and_its_queued_rows_reach_the_right_paths(
    tmp_path: Path, sim: Sim, monkeypatch: pytest.MonkeyPatch
) -> None:
    only_0001 = [m for m in store_db.migrations() if m.number == 1]
    monkeypatch.setattr(store_db, "migrations", lambda: only_0001)
    monkeypatch.setattr(Outbox, "enqueue", _enqueue_as_0001)
    k = make_kiosk(tmp_path, sim.url)
    refs = k.queue(2, materials=1)
    review = submit_review(k.store, Review(rating=5, contact="13800138000"))
    problem = report_problem(k.store, ProblemReport(category="device", description="没纸"))
    helped = request_help(k.store, HelpRequest(reason="看不懂"))
    assert k.store.applied_migrations() == [1]
    k.store.close()
    monkeypatch.undo()

    store = Store.open(k.data_dir, k.cfg)
    k.store = store
    try:
        assert 2 in store.applied_migrations()
        columns = [r[1] for r in store.conn.execute("PRAGMA table_info(outbox)")]
        assert "path" not in columns and "kind" in columns
        assert store.outbox.counts().pending == 5
        report = k.agent().drain()
        assert (report.sent, report.rejected, report.retried) == (5, 0, 0)
        ledger = sim.ledger()
        assert {a["local_ref"] for a in ledger["applications"]} == set(refs)
        assert [r["key"] for r in ledger["reviews"]] == [review]
        assert [r["key"] for r in ledger["problems"]] == [problem]
        assert [r["key"] for r in ledger["help_requests"]] == [helped]
    finally:
        store.close()


def test_a_kind_without_a_route_is_refused_with_a_reason_and_nothing_is_sent(
    tmp_path: Path, sim: Sim
) -> None:
    k = make_kiosk(tmp_path, sim.url)
    try:
        before = sim.stats()
        result = k.platform().post_record("parcel", "key-1", b"{}")
        assert isinstance(result, Refused) and result.code == "unknown_kind"
        assert "parcel" in result.reason and "route" in result.reason
        assert sim.stats() == before
    finally:
        k.store.close()
