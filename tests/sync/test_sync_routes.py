"""Where an outbox row goes is the platform adapter's business: the core stores its ``kind``,
``sync.client.RECORD_ROUTES`` maps it to the platform's path (migration 0002 dropped the
``path`` column the core used to fill in)."""

from __future__ import annotations

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


_ENQUEUE = Outbox.enqueue


class _With0001Path:
    """A connection on which the outbox insert also fills in the ``path`` column of 0001."""

    def __init__(self, conn, kind: str) -> None:  # noqa: ANN001
        self.conn, self.kind = conn, kind

    def execute(self, sql: str, params: tuple = ()):  # noqa: ANN201
        if sql.startswith("INSERT INTO outbox ("):
            sql = sql.replace("(kind,", "(path, kind,", 1).replace("VALUES (", "VALUES (?,", 1)
            params = (OLD_PATHS[self.kind], *params)
        return self.conn.execute(sql, params)


def _enqueue_as_0001(self, conn, **row):  # noqa: ANN001, ANN202
    """What ``Outbox.enqueue`` wrote before migration 0002: the platform path in ``path``."""
    return _ENQUEUE(self, _With0001Path(conn, row["kind"]), **row)


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
