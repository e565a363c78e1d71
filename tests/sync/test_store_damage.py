"""Salvage before reset (issue 10, finding 2) and the crash-and-damage test.

A damaged database is moved aside and kept, every row that can still be read is copied into
the fresh one and delivered, material files stay while a moved-aside database may reference
them, and ``kiosk status`` says what was recovered and names what was not. Everything runs
through the real ``kiosk`` command against the platform simulator over real HTTP.

Disk full, the sixth damage of the issue's crash-and-damage test, belongs to the sync agent's
part of the issue (another change) and is not exercised here.
"""

from __future__ import annotations

import json
import os
import random
import resource
import secrets
import sqlite3
import subprocess
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from sync_helpers import KIOSK_BIN, Kiosk, Sim, cli_env, make_kiosk

from kiosk.store.keys import backup_key

PASS = "correct horse battery staple"
APPLICATIONS = 8


def _status(k: Kiosk) -> tuple[int, dict[str, Any], str]:
    r = k.kiosk("status", "--json")
    assert "Traceback" not in r.stderr, r.stderr
    return r.returncode, json.loads(r.stdout), r.stderr


def _drain(k: Kiosk) -> None:
    for _ in range(6):
        r = k.kiosk("sync", "--once")
        assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
        q = json.loads(k.kiosk("queue", "--json").stdout)["counts"]
        if q["pending"] + q["retry"] + q["sending"] == 0:
            return


def _arrived(sim: Sim) -> Counter[str]:
    return Counter(a["local_ref"] for a in sim.ledger()["applications"])


def _named(status: dict[str, Any]) -> set[str]:
    """Every application ``kiosk status`` names as lost or never to be sent."""
    out: set[str] = set()
    for r in status.get("salvage", []):
        out |= set(r["lost_refs"]) | set(r["undeliverable_refs"])
    return out


def _pages(db: Path, table: str) -> list[int]:
    conn = sqlite3.connect(db)
    try:
        return [p for (p,) in conn.execute("SELECT pageno FROM dbstat WHERE name = ?", (table,))]
    finally:
        conn.close()


def _db(k: Kiosk) -> Path:
    return k.data_dir / "kiosk.db"


def _random_bytes_mid(db: Path) -> bytes:
    """8 KiB of random bytes written into the middle of the file; its new content."""
    data = bytearray(db.read_bytes())
    mid = len(data) // 2
    data[mid : mid + 8192] = random.Random(20261204).randbytes(8192)
    db.write_bytes(bytes(data))
    return bytes(data)


# ---------------------------------------------------------------- salvage (finding 2)


def test_8_kib_of_random_bytes_mid_database_rows_are_recovered_and_delivered(
    kiosk: Kiosk, sim: Sim
) -> None:
    refs = kiosk.queue(APPLICATIONS, materials=1, size=600)
    kiosk.store.close()
    _random_bytes_mid(_db(kiosk))

    _drain(kiosk)
    assert _arrived(sim) == Counter(refs)  # every one, exactly once
    code, status, err = _status(kiosk)
    assert code == 0
    (record,) = status["salvage"]
    assert record["moved_aside"].startswith("kiosk.db.corrupt-")
    assert (kiosk.data_dir / record["moved_aside"]).exists()  # kept for the technician
    assert record["tables"]["applications"] == {"recovered": APPLICATIONS, "unreadable": 0}
    assert record["tables"]["outbox"] == {"recovered": APPLICATIONS, "unreadable": 0}
    assert record["lost_refs"] == [] and record["undeliverable_refs"] == []
    assert "recovered:" in err and f"applications {APPLICATIONS}" in err
    # the new audit chain is whole: re-anchored, the old entries in the moved-aside file
    r = kiosk.kiosk("audit", "verify")
    assert r.returncode == 0, r.stdout + r.stderr
    # the record stays: a later status still says what happened
    assert _status(kiosk)[1]["salvage"] == [record]
    # and a new application does not take a recovered one's reference
    r = kiosk.kiosk("queue", "add-sample", "--count", "1", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["local_refs"][0] not in refs
    # with the store unusable (the key away) status still says what the salvage found
    key = kiosk.data_dir / "keys" / "kiosk.key"
    key.rename(key.with_name("away"))
    code, status, _ = _status(kiosk)
    assert code == 7 and status["salvage"] == [record]
    assert status["moved_aside"] == [record["moved_aside"]]


def test_a_database_truncated_to_0_bytes_beside_material_files_is_reported(
    kiosk: Kiosk, sim: Sim
) -> None:
    kiosk.queue(3, materials=1, size=600)
    kiosk.store.close()
    _db(kiosk).write_bytes(b"")

    code, status, err = _status(kiosk)
    assert code == 0
    assert "database damaged" in err and "empty (0 bytes)" in err
    (record,) = status["salvage"]
    assert "empty (0 bytes)" in record["reason"] and "3 material files" in record["reason"]
    assert len(list((kiosk.data_dir / "materials").iterdir())) == 3  # kept
    # a database file that is gone altogether is reported the same way
    for p in kiosk.data_dir.glob("kiosk.db*"):
        if p.name != "kiosk.db.marker":
            p.unlink()
    code, status, err = _status(kiosk)
    assert code == 0 and len(status["salvage"]) == 1  # the old record went with the file
    assert "missing" in status["salvage"][0]["reason"]


def test_material_files_stay_while_a_moved_aside_database_may_reference_them(
    kiosk: Kiosk, sim: Sim
) -> None:
    kiosk.queue(3, materials=1, size=600)
    kiosk.store.close()
    files = sorted((kiosk.data_dir / "materials").iterdir())
    long_ago = time.time() - 3 * 86400  # far past the grace period for unreferenced files
    for f in files:
        os.utime(f, (long_ago, long_ago))
    db = _db(kiosk)
    data = bytearray(db.read_bytes())
    data[:100] = b"\xff" * 100  # the header is gone: not one row can be read
    db.write_bytes(bytes(data))

    assert kiosk.kiosk("sync", "--once").returncode == 0
    assert sorted((kiosk.data_dir / "materials").iterdir()) == files
    code, status, err = _status(kiosk)
    assert code == 0 and len(status["moved_aside"]) == 1
    assert "no material file is removed" in err
    assert sorted((kiosk.data_dir / "materials").iterdir()) == files
    # once the technician has removed the moved-aside database, orphans go as before
    for p in kiosk.data_dir.glob("kiosk.db.corrupt-*"):
        p.unlink()
    code, status, _ = _status(kiosk)
    assert code == 0 and status["moved_aside"] == []
    assert list((kiosk.data_dir / "materials").iterdir()) == []


def test_a_damaged_database_and_a_replaced_key_the_salvage_keeps_the_data_s_key_check(
    kiosk: Kiosk, sim: Sim
) -> None:
    """Two faults at once: the salvaged rows keep the key check value of their key, so the key
    made up in the meantime is refused (exit 7) instead of being written over it, and the
    technician's restore then brings every application to the platform."""
    refs = kiosk.queue(3, materials=1, size=600)
    key_file = kiosk.data_dir / "keys" / "kiosk.key"
    backup = kiosk.data_dir.parent / "kiosk.key.bak"
    backup_key(bytes.fromhex(key_file.read_text()), PASS, backup)
    kiosk.store.close()
    db = _db(kiosk)
    with open(db, "r+b") as f:  # SQLite reads nothing of it, the key check value included
        f.truncate(db.stat().st_size - 2 * 4096)
    key_file.write_text(secrets.token_bytes(32).hex() + "\n")

    for _ in range(2):  # the salvage itself, then every later start
        code, status, err = _status(kiosk)
        assert code == 7 and "does not match" in err, err
    assert len(status["salvage"]) == 1 and len(status["moved_aside"]) == 1
    secret = kiosk.data_dir.parent / "passphrase"
    secret.write_text(PASS + "\n")
    r = kiosk.kiosk("store", "key", "restore", str(backup), "--passphrase-file", str(secret))
    assert r.returncode == 0, r.stderr
    _drain(kiosk)
    arrived, named = _arrived(sim), _named(_status(kiosk)[1])
    assert all(n == 1 for n in arrived.values()) and set(arrived) | named == set(refs)
    assert arrived and not set(arrived) & named


def test_a_salvage_that_cannot_finish_keeps_the_damaged_database_for_the_next_start(
    kiosk: Kiosk, sim: Sim
) -> None:
    """No room to copy the damaged file (files capped at 256 KiB, as a nearly full disk would):
    exit 7 with one line, the damaged database back in its place; the next start salvages."""
    refs = kiosk.queue(3, materials=1, size=600)
    kiosk.store.close()
    db = _db(kiosk)
    assert db.stat().st_size > 256 * 1024  # too big to copy under the cap
    data = _random_bytes_mid(db)

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (256 * 1024, 256 * 1024))

    argv = [KIOSK_BIN, "--config", str(kiosk.config_path), "--data-dir", str(kiosk.data_dir)]
    r = subprocess.run(
        [*argv, "status"],
        capture_output=True,
        text=True,
        timeout=120,
        env=cli_env(),
        preexec_fn=small_files,
    )
    assert r.returncode == 7 and "could not be salvaged" in r.stderr, r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert db.read_bytes() == data  # as it was
    assert not list(kiosk.data_dir.glob("kiosk.db.corrupt-*"))

    code, status, _ = _status(kiosk)
    assert code == 0 and len(status["salvage"]) == 1
    _drain(kiosk)
    assert _arrived(sim) == Counter(refs)


def test_processes_starting_together_salvage_once(kiosk: Kiosk, sim: Sim) -> None:
    """The UI and the sync agent start together after a crash: one of them salvages, the
    others open what it made (none takes the new database for a damaged one)."""
    refs = kiosk.queue(APPLICATIONS, materials=1, size=600)
    kiosk.store.close()
    _random_bytes_mid(_db(kiosk))
    argv = [KIOSK_BIN, "--config", str(kiosk.config_path), "--data-dir", str(kiosk.data_dir)]
    procs = [
        subprocess.Popen(
            [*argv, "status", "--json"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=cli_env(),
        )
        for _ in range(4)
    ]
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0 and "Traceback" not in err, err
    code, status, _ = _status(kiosk)
    assert code == 0 and len(status["moved_aside"]) == 1 and len(status["salvage"]) == 1
    _drain(kiosk)
    assert _arrived(sim) == Counter(refs)


# ---------------------------------------------------------------- crash and damage


def _wal_snapshot(k: Kiosk) -> None:
    """Leave the database as a power cut would: its last transactions only in the WAL."""
    db = _db(k)
    wal = db.with_name("kiosk.db-wal")
    main, log = db.read_bytes(), wal.read_bytes()
    k.store.close()  # checkpoints and removes the log; put the cut-off state back
    db.with_name("kiosk.db-shm").unlink(missing_ok=True)
    db.write_bytes(main)
    # garble the middle of the log: later frames (and their commits) stay where they were
    lo, hi = len(log) * 2 // 5, len(log) * 3 // 5
    wal.write_bytes(log[:lo] + random.Random(7).randbytes(hi - lo) + log[hi:])


DAMAGES = ["key_deleted", "key_replaced", "db_truncated", "random_bytes", "wal_tail"]


@pytest.mark.parametrize("damage", DAMAGES)
def test_crash_and_damage_every_readable_application_arrives_once_the_rest_are_named(
    tmp_path: Path, sim: Sim, damage: str
) -> None:
    k = make_kiosk(tmp_path, sim.url)
    assert k.agent().pull_catalog()[0] == "applied"
    k.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the catalog in the database file
    refs = k.queue(APPLICATIONS, materials=1, size=600)
    key_file = k.data_dir / "keys" / "kiosk.key"
    backup = tmp_path / "kiosk.key.bak"
    backup_key(bytes.fromhex(key_file.read_text()), PASS, backup)
    db = _db(k)
    if damage == "wal_tail":
        _wal_snapshot(k)
    else:
        k.store.close()
    if damage == "key_deleted":
        key_file.unlink()
    elif damage == "key_replaced":
        key_file.write_text(secrets.token_bytes(32).hex() + "\n")
    elif damage == "db_truncated":
        with open(db, "r+b") as f:
            f.truncate(db.stat().st_size - 2 * 4096)  # the last two pages
    elif damage == "random_bytes":
        page = sorted(_pages(db, "outbox"))[-1]  # the newest outbox rows' page
        data = bytearray(db.read_bytes())
        data[(page - 1) * 4096 + 512 : page * 4096 + 512] = random.Random(3).randbytes(4096)
        db.write_bytes(bytes(data))

    if damage.startswith("key_"):
        # nothing is refused while the key is away: every row waits, named, until it is back
        r = k.kiosk("sync", "--once")
        assert r.returncode == 7 and "kiosk store key restore" in r.stderr
        code, status, _ = _status(k)
        assert code == 7 and sorted(status["unreadable"]["refs"]) == sorted(refs)
        assert sim.ledger()["applications"] == []
        secret = tmp_path / "passphrase"
        secret.write_text(PASS + "\n")
        r = k.kiosk("store", "key", "restore", str(backup), "--passphrase-file", str(secret))
        assert r.returncode == 0, r.stderr

    code, status, _ = _status(k)
    assert code == 0
    _drain(k)
    arrived = _arrived(sim)
    named = _named(_status(k)[1])
    assert all(n == 1 for n in arrived.values()), arrived  # nothing twice
    assert set(arrived) | named == set(refs), (sorted(arrived), sorted(named))
    assert not set(arrived) & named  # nothing named lost that arrived
    if damage.startswith("key_"):
        assert arrived == Counter(refs)
    else:  # the damage cost something, and what it cost is named
        assert named and arrived, (sorted(arrived), sorted(named))
        assert len(status["salvage"]) == 1 and status["moved_aside"]
