"""The audit log as an attacker with the database file (but not the terminal key) meets it.

Each tampering is done with sqlite3 on the closed store, the way someone with the disk would;
then the technician's ``kiosk audit verify`` (a real subprocess) must fail (exit 4) and name
what it found, one line per finding. Start-up restores dropped triggers and says so.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.config import KioskConfig
from kiosk.store.db import Store

from .test_config import kiosk

ENTRIES = 8


def run(data: Path, *args: str):
    return kiosk("--data-dir", str(data), *args)


def _plain(prev: str, seq: int, at: str, event: str, details: str) -> str:
    """The unkeyed hash anyone can recompute (the chain's algorithm before the keyed one)."""
    canonical = json.dumps([seq, at, event, details], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(prev.encode() + canonical.encode()).hexdigest()


def _filled(tmp_path: Path) -> Path:
    d = tmp_path / "d"
    s = Store.open(d, KioskConfig())
    for i in range(ENTRIES):
        s.audit.append("catalog.imported", version=i + 1)
    s.close()
    return d


def _tamper(d: Path, *sql: str) -> sqlite3.Connection:
    conn = sqlite3.connect(d / "kiosk.db")
    conn.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
    conn.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    for statement in sql:
        conn.execute(statement)
    conn.commit()
    return conn


def delete_last(d: Path) -> None:
    _tamper(d, "DELETE FROM audit_log WHERE seq > 5").close()


def delete_all(d: Path) -> None:
    _tamper(d, "DELETE FROM audit_log").close()


def drop_table(d: Path) -> None:
    _tamper(d, "DROP TABLE audit_log").close()


def rewrite_with_plain_hashes(d: Path) -> None:
    """Edit entry 3 and recompute every hash from there with SHA-256, links included."""
    conn = _tamper(d, "UPDATE audit_log SET details = '{\"version\": 99}' WHERE seq = 3")
    rows = conn.execute(
        "SELECT seq, at, event, details, prev_hash FROM audit_log ORDER BY seq"
    ).fetchall()
    prev = conn.execute("SELECT hash FROM audit_log WHERE seq = 2").fetchone()[0]
    for seq, at, event, details, _ in rows[2:]:
        h = _plain(prev, seq, at, event, details)
        conn.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?", (prev, h, seq))
        prev = h
    conn.commit()
    conn.close()


def forge_append(d: Path) -> None:
    """A new last entry whose hash is a correct SHA-256 over the previous hash and its content."""
    conn = _tamper(d)
    (prev,) = conn.execute("SELECT hash FROM audit_log WHERE seq = ?", (ENTRIES,)).fetchone()
    seq, at, event, details = ENTRIES + 1, "2026-01-01T00:00:00.000000Z", "store.purged", "{}"
    conn.execute(
        "INSERT INTO audit_log (seq, at, event, details, prev_hash, hash) VALUES (?,?,?,?,?,?)",
        (seq, at, event, details, prev, _plain(prev, seq, at, event, details)),
    )
    conn.commit()
    conn.close()


def delete_last_and_forge_the_head(d: Path) -> None:
    """Delete the last entries, remove the head file and write a head without the key."""
    conn = _tamper(d, "DELETE FROM audit_log WHERE seq > 5")
    (h5,) = conn.execute("SELECT hash FROM audit_log WHERE seq = 5").fetchone()
    head = {"count": 5, "hash": h5, "anchor": 1, "mac": hashlib.sha256(h5.encode()).hexdigest()}
    conn.execute("UPDATE store_meta SET value = ? WHERE name = 'audit_head'", (json.dumps(head),))
    conn.commit()
    conn.close()
    (d / "audit.head").unlink()


CASES: dict[str, tuple[Callable[[Path], None], list[str]]] = {
    "deleted at the end": (delete_last, ["entries 6..8", "deleted from the end"]),
    "every entry deleted": (delete_all, ["every entry was deleted", f"records {ENTRIES}"]),
    "table dropped": (drop_table, ["audit table had been dropped", "entries 1..8 missing"]),
    "rewritten, hashes recomputed": (
        rewrite_with_plain_hashes,
        ["entries 3..8: a plain SHA-256 hash", "entry 8 differs from the signed head"],
    ),
    "forged append": (forge_append, ["entry 9: a plain SHA-256 hash", "entry 9 appended without"]),
    "head forged": (
        delete_last_and_forge_the_head,
        ["store's copy of the signed head does not verify", "no valid signed head"],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_audit_verify_catches_and_names_each_tampering(tmp_path: Path, case: str) -> None:
    d = _filled(tmp_path)
    r = run(d, "audit", "verify")
    assert r.returncode == 0 and f"{ENTRIES} entries" in r.stdout, r.stdout + r.stderr
    damage, expected = CASES[case]
    damage(d)
    r = run(d, "audit", "verify")
    assert r.returncode == 4, (case, r.stdout, r.stderr[-2000:])
    lines = r.stdout.splitlines()
    for text in expected:
        assert any(text in line and line.startswith("audit log BROKEN: ") for line in lines), (
            case,
            text,
            r.stdout,
        )
    assert "fails verification" in r.stderr
    # the finding is recorded in the chain itself: a second look still names it
    r = run(d, "audit", "verify", "--json")
    assert r.returncode == 4
    report = json.loads(r.stdout)
    assert not report["ok"] and report["findings"]
    assert any("start-up" in f["reason"] for f in report["findings"])


def test_dropped_triggers_are_reported_and_restored_at_start_up(tmp_path: Path) -> None:
    d = _filled(tmp_path)
    _tamper(d).close()  # both triggers dropped, nothing else touched
    r = run(d, "status", "--json")
    assert r.returncode == 0, r.stderr
    found = json.loads(r.stdout)["audit"]["startup_findings"]
    assert found == [
        "the trigger audit_log_no_update was missing; restored",
        "the trigger audit_log_no_delete was missing; restored",
    ]
    assert "audit log: the trigger audit_log_no_delete was missing; restored" in r.stderr
    conn = sqlite3.connect(d / "kiosk.db")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM audit_log WHERE seq = 1")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE audit_log SET event = 'x' WHERE seq = 1")
    (details,) = conn.execute(
        "SELECT details FROM audit_log WHERE event = 'audit.tamper_detected'"
    ).fetchone()
    conn.close()
    assert "audit_log_no_delete" in details
    # a trigger replaced by one that does nothing is put back as well
    conn = sqlite3.connect(d / "kiosk.db")
    conn.execute("DROP TRIGGER audit_log_no_delete")
    conn.execute(
        "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT 1; END"
    )
    conn.commit()
    conn.close()
    r = run(d, "status", "--json")
    assert json.loads(r.stdout)["audit"]["startup_findings"] == [
        "the trigger audit_log_no_delete had been altered; restored"
    ]
    # once restored, the next start is quiet
    r = run(d, "status", "--json")
    assert json.loads(r.stdout)["audit"]["startup_findings"] == []


def test_an_untouched_log_verifies_across_restarts_and_the_head_file_follows(
    tmp_path: Path,
) -> None:
    d = _filled(tmp_path)
    for _ in range(2):
        s = Store.open(d, KioskConfig())
        assert s.audit.startup_findings == []
        with s.tx() as c:
            from kiosk.store.audit import AuditLog

            AuditLog(c).append("store.purged", n=1)
        s.close()
    head = json.loads((d / "audit.head").read_text())
    assert head["count"] == ENTRIES + 2 and head["anchor"] == 1
    r = run(d, "audit", "verify")
    assert r.returncode == 0 and f"{ENTRIES + 2} entries" in r.stdout, r.stdout


def test_entries_from_before_the_keyed_chain_are_re_keyed_explicitly(tmp_path: Path) -> None:
    """A store upgraded from the plain chain: one keyed entry says where the keyed chain starts;
    the older entries are reported as checked with the plain hash only, not as verified."""
    d = tmp_path / "d"
    Store.open(d, KioskConfig()).close()
    (d / "audit.head").unlink(missing_ok=True)
    conn = sqlite3.connect(d / "kiosk.db")
    conn.execute("DELETE FROM store_meta WHERE name = 'audit_head'")
    conn.execute("DELETE FROM schema_migrations WHERE number = 6")  # as before the upgrade
    prev = "0" * 64
    for seq in (1, 2, 3):
        at, event, details = f"2026-01-0{seq}T00:00:00.000000Z", "catalog.imported", "{}"
        h = _plain(prev, seq, at, event, details)
        conn.execute(
            "INSERT INTO audit_log (seq, at, event, details, prev_hash, hash) VALUES (?,?,?,?,?,?)",
            (seq, at, event, details, prev, h),
        )
        prev = h
    conn.commit()
    conn.close()
    s = Store.open(d, KioskConfig())
    assert s.audit.startup_findings == []
    last = s.audit.entries()[-1]
    assert last["seq"] == 4 and last["event"] == "audit.rekeyed"
    assert last["details"] == {"legacy_chain": "intact", "legacy_entries": 3}
    s.close()
    r = run(d, "audit", "verify")
    assert r.returncode == 0, r.stdout
    assert "note: entries 1..3 predate" in r.stdout and "plain SHA-256" in r.stdout
