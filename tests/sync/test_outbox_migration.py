"""Migration 0005 (the ``quarantined`` outbox state): a store at migration 0004 with rows in
every state keeps every row, every attempt and every id; the new CHECK takes ``quarantined``
and still refuses a state it does not know."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kiosk.config import KioskConfig
from kiosk.store.db import DB_NAME, Store, _split_sql, migrations


def _store_at_0004(data_dir: Path) -> None:
    Store.open(data_dir, KioskConfig()).close()  # a key and a database…
    (data_dir / DB_NAME).unlink()  # …then the database as migration 0004 left it
    conn = sqlite3.connect(data_dir / DB_NAME, isolation_level=None)
    conn.execute(
        "CREATE TABLE schema_migrations (number INTEGER PRIMARY KEY, name TEXT NOT NULL,"
        " applied_at TEXT NOT NULL)"
    )
    for mg in migrations():
        if mg.number >= 5:
            continue
        for statement in _split_sql(mg.sql):
            conn.execute(statement)
        conn.execute(
            "INSERT INTO schema_migrations VALUES (?, ?, '2026-11-01T00:00:00Z')",
            (mg.number, mg.name),
        )
    rows = [
        (7, "pending", 0, None),
        (8, "retry", 3, 1800000000.0),
        (9, "sent", 1, None),
        (10, "rejected", 1, None),
        (11, "sending", 2, None),
    ]
    for row_id, state, attempts, next_at in rows:
        conn.execute(
            "INSERT INTO outbox (id, kind, ref_id, idempotency_key, method, body_enc,"
            " body_sha256, state, attempts, next_at, created_at, updated_at)"
            " VALUES (?, 'help', ?, ?, 'POST', NULL, 'x', ?, ?, ?, 1.0, 2.0)",
            (row_id, f"ref-{row_id}", f"key-{row_id}", state, attempts, next_at),
        )
        conn.execute(
            "INSERT INTO outbox_attempts (outbox_id, at, from_state, to_state, detail)"
            " VALUES (?, 1.5, 'pending', ?, 'before 0005')",
            (row_id, state),
        )
    conn.close()


def test_migration_0005_keeps_every_row_and_adds_quarantine(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _store_at_0004(data)
    store = Store.open(data, KioskConfig())
    try:
        assert 5 in store.applied_migrations()
        got = {r.id: (r.state, r.attempts, r.failures, r.next_at) for r in store.outbox.rows()}
        assert got == {
            7: ("pending", 0, 0, None),
            8: ("retry", 3, 3, 1800000000.0),  # its backoff goes on where it was
            9: ("sent", 1, 0, None),
            10: ("rejected", 1, 0, None),
            11: ("sending", 2, 0, None),
        }
        assert [a["detail"] for a in store.outbox.attempts(8)] == ["before 0005"]
        pending = store.outbox.get(7)
        store.outbox.quarantine(pending, "sender_crashed", "test")
        assert store.outbox.counts().quarantined == 1
        store.outbox.retry_quarantined(store.outbox.get(7))
        assert store.outbox.get(7).state == "pending"
        with pytest.raises(sqlite3.IntegrityError), store.tx() as c:
            c.execute("UPDATE outbox SET state = 'lost' WHERE id = 7")
        # new rows keep counting from where the old table was
        with store.tx() as c:
            new_id = store.outbox.enqueue(
                c, kind="help", ref_id="r", idempotency_key="k-new", method="POST", body=b"{}"
            )
        assert new_id == 12
    finally:
        store.close()
