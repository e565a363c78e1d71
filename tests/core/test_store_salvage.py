"""The write-ahead log check of :mod:`kiosk.store.salvage`: damage before committed
transactions is found; a last write cut off by a power loss is not damage."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

from kiosk.store.salvage import wal_lost_commits


def _log_of(tmp_path: Path, transactions: int) -> bytes:
    """The write-ahead log of a database after ``transactions`` commits, as a power cut
    would leave it (read while the connection is still open)."""
    db = tmp_path / "t.db"
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("CREATE TABLE t (v BLOB)")
    for i in range(transactions):
        conn.execute("INSERT INTO t VALUES (?)", (random.Random(i).randbytes(3000),))
    data = (tmp_path / "t.db-wal").read_bytes()
    conn.close()
    return data


def test_damage_before_later_commits_is_found_a_torn_last_write_is_not(tmp_path: Path) -> None:
    log = _log_of(tmp_path, 12)
    wal = tmp_path / "copy-wal"
    wal.write_bytes(log)
    assert wal_lost_commits(wal) == 0  # a sound log

    lo, hi = len(log) * 2 // 5, len(log) * 3 // 5
    wal.write_bytes(log[:lo] + random.Random(1).randbytes(hi - lo) + log[hi:])
    assert wal_lost_commits(wal) >= 3  # the transactions after the damage

    wal.write_bytes(log[:-100])  # the last frame cut short
    assert wal_lost_commits(wal) == 0
    wal.write_bytes(log[:-100] + random.Random(2).randbytes(100))  # or written half
    assert wal_lost_commits(wal) == 0
