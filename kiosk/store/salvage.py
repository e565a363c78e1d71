"""Salvage before reset: a damaged database is kept, and every row that can be read is copied.

:func:`damage` says why the database at ``db_path`` cannot be trusted, or None:

* SQLite's ``quick_check`` fails, or the file is not a database at all;
* the file is missing or empty (0 bytes) while the terminal shows it held data — material files
  under ``materials/``, a write-ahead log beside it, or the marker a store leaves on its first
  successful start (:data:`MARKER_NAME`);
* its write-ahead log lost committed transactions (a frame of the current log generation fails
  its checksum and, after the transaction it belongs to, another committed one follows: the
  last transaction alone may be a write a power loss cut off). SQLite itself would stop
  reading at the damage without a word. The log is only checked when no other process has the
  database open: a log being written is not a damaged one.

:func:`salvage` copies rows from a copy of the moved-aside file into the fresh database, table
by table and row by row through Python's ``sqlite3``: row ids from a table scan (kept up to the
first error), from every index of the table, and by probing every id up to the largest seen;
then each row read on its own, so that one damaged page costs only its own rows. (SQLite's
``.recover`` was measured against it on 8 KiB of random bytes over application and outbox
pages, 12 seeds: row by row recovered 1,340 of 1,440 rows; the ``.recover`` of Debian 12's
``sqlite3`` 3.40.1 recovered none — it stops at "SQL logic error" before the first row, even
on a sound copy — and it would add a program to install.) A truncated file is first given
back its length in zero bytes, so that SQLite reads the pages that remain.

The audit log is not copied (its chain would break at every gap): it stays in the moved-aside
file, which is never deleted by the kiosk. Local references (``<kiosk id>-<date>-<seq>``) still
present anywhere in the damaged file's bytes but in no recovered application are reported as
lost, by reference; recovered applications without an outbox row (so never to be delivered)
are reported too. The report is kept in ``store_meta`` (:data:`RECORD_NAME`), so that every
later ``kiosk status`` shows it. One process at a time checks and salvages
(:func:`opening`); a salvage that cannot finish puts the damaged file back (:func:`put_back`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import re
import shutil
import sqlite3
import struct
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.store.errors import DiskFullAtOpen, StoreUnusable

MARKER_NAME = "kiosk.db.marker"
LOCK_NAME = "kiosk.db.open-lock"
OPEN_WAIT_S = 600.0  # a salvage of a large database reads every row one by one
RECORD_NAME = "salvage"
ASIDE_INFIX = ".corrupt-"
_NOT_COPIED = {"schema_migrations", "audit_log", "sqlite_sequence"}
_FIRST = ("applications", "outbox")  # parents before the rows that reference them
_PROBE_LIMIT = 200_000
_TMP_PREFIX = ".tmp-"
_WAL_MAGIC = (0x377F0682, 0x377F0683)


# ---------------------------------------------------------------- finding damage


def material_files(materials: Path) -> int:
    """How many material files are there (temporary files of an unfinished write excluded)."""
    with contextlib.suppress(OSError):
        return sum(
            1 for p in materials.iterdir() if p.is_file() and not p.name.startswith(_TMP_PREFIX)
        )
    return 0


_SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_NOTADB = 11, 13, 26


def _no_room(db_path: Path) -> bool:
    """Whether the database's file system is (nearly) full: SQLite then fails to map its
    shared-memory file with a plain "disk I/O error"."""
    try:
        st = os.statvfs(db_path.parent)
    except OSError:
        return False
    return st.f_bavail * st.f_frsize < 1024 * 1024


def _is_damage(exc: sqlite3.DatabaseError) -> bool:
    """Whether SQLite's error says the file is damaged (not full, busy or unreadable)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:  # no code: only a plain DatabaseError ("file is not a database") is damage
        return not isinstance(exc, sqlite3.OperationalError)
    return (code & 0xFF) in (_SQLITE_CORRUPT, _SQLITE_NOTADB)


def damage(db_path: Path, materials: Path) -> str | None:
    """Why the database at ``db_path`` is damaged, or None when it is sound (or a new store)."""
    wal = db_path.with_name(db_path.name + "-wal")
    if not db_path.exists() or db_path.stat().st_size == 0:
        evidence = []
        n = material_files(materials)
        if n:
            evidence.append(f"{n} material files")
        if wal.exists() and wal.stat().st_size > 0:
            evidence.append("a write-ahead log")
        if db_path.with_name(MARKER_NAME).exists():
            evidence.append(f"the store marker {MARKER_NAME}")
        if not evidence:
            return None
        state = "missing" if not db_path.exists() else "empty (0 bytes)"
        return f"the database is {state} but this terminal held data ({', '.join(evidence)})"
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5)
        try:
            (res,) = conn.execute("PRAGMA quick_check").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if _is_damage(exc):
            return str(exc)
        # a full disk, a busy or unreadable file: the data may be perfectly sound, and moving
        # it aside would start an empty store over a good one
        if (getattr(exc, "sqlite_errorcode", 0) & 0xFF) == _SQLITE_FULL or _no_room(db_path):
            raise DiskFullAtOpen(
                f"{db_path}: the disk is too full to open the database; it is intact and "
                "was left as it is (free space: kiosk sync deletes confirmed scans)"
            ) from None
        raise StoreUnusable(f"{db_path}: cannot be opened to check it ({exc})") from None
    if res != "ok":
        return " ".join(str(res).split())[:300]  # one line for the status
    if wal.exists() and not _open_elsewhere(db_path):
        lost = wal_lost_commits(wal)
        if lost:
            return f"the write-ahead log is damaged: {lost} committed transactions cannot be read"
    return None


def _open_elsewhere(db_path: Path) -> bool:
    """True when another process holds a lock on the database or its shared-memory file (so it
    has the database open); also when that cannot be told (no /proc/locks)."""
    inodes = set()
    for p in (db_path, db_path.with_name(db_path.name + "-shm")):
        with contextlib.suppress(OSError):
            inodes.add(str(p.stat().st_ino))
    try:
        lines = Path("/proc/locks").read_text().splitlines()
    except OSError:
        return True
    me = str(os.getpid())
    for line in lines:
        f = line.split()
        if "->" in f:  # a process waiting for a lock: "1: -> POSIX ..."
            f.remove("->")
        if len(f) >= 6 and f[4] != me and f[5].rsplit(":", 1)[-1] in inodes:
            return True
    return False


def _wal_checksum(data: bytes, s0: int, s1: int, big: bool) -> tuple[int, int]:
    words = struct.unpack(f"{'>' if big else '<'}{len(data) // 4}I", data)
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & 0xFFFFFFFF
        s1 = (s1 + words[i + 1] + s0) & 0xFFFFFFFF
    return s0, s1


def wal_lost_commits(wal: Path) -> int:
    """Committed transactions of the write-ahead log's current generation that SQLite cannot
    read because a frame before them is damaged (0 for a sound log, or a torn last write)."""
    try:
        data = wal.read_bytes()
    except OSError:
        return 0
    if len(data) < 32:
        return 0
    magic, _version, page_size, _ckpt, salt1, salt2, c1, c2 = struct.unpack(">8I", data[:32])
    if magic not in _WAL_MAGIC or page_size < 512 or page_size & (page_size - 1):
        return 0
    big = magic & 1 == 1
    s0, s1 = _wal_checksum(data[:24], 0, 0, big)
    if (s0, s1) != (c1, c2):
        return 0  # a header SQLite would ignore as well: the log is empty to it
    frame = 24 + page_size
    off = 32
    while off + frame <= len(data):
        head = data[off : off + 24]
        _pgno, _commit, fs1, fs2, fc1, fc2 = struct.unpack(">6I", head)
        if (fs1, fs2) != (salt1, salt2):
            break
        s0, s1 = _wal_checksum(head[:8] + data[off + 24 : off + frame], s0, s1, big)
        if (s0, s1) != (fc1, fc2):
            break
        off += frame
    commits = 0
    while off + 24 <= len(data):  # past the damage: committed frames of this generation
        _pgno, commit, fs1, fs2, _c1, _c2 = struct.unpack(">6I", data[off : off + 24])
        if (fs1, fs2) == (salt1, salt2) and commit:
            commits += 1
        off += frame
    # The last transaction may be a write cut off by a power loss (never acknowledged: with
    # synchronous=FULL a commit returns after the log is synced), which SQLite rightly drops.
    # A committed transaction after it means the damage hit acknowledged data.
    return max(0, commits - 1)


# ---------------------------------------------------------------- moving aside


def move_aside(db_path: Path) -> Path | None:
    """Move the database and its -wal/-shm aside under one time stamp; the new name, or None
    when there was no database file."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    aside = db_path.with_name(f"{db_path.name}{ASIDE_INFIX}{stamp}")
    moved = None
    if db_path.exists():
        os.replace(db_path, aside)
        moved = aside
    for suffix in ("-wal", "-shm"):
        side = db_path.with_name(db_path.name + suffix)
        if side.exists():
            os.replace(side, aside.with_name(aside.name + suffix))
            moved = moved or aside
    return moved


def put_back(aside: Path | None, db_path: Path) -> None:
    """Undo :func:`move_aside` after a salvage that could not finish: the new database goes,
    the damaged one comes back, so that the next start tries again."""
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(db_path.with_name(db_path.name + suffix))
    if aside is None:
        return
    for suffix in ("-wal", "-shm", ""):
        side = aside.with_name(aside.name + suffix)
        if side.exists():
            os.replace(side, db_path.with_name(db_path.name + suffix))


def moved_aside(db_path: Path) -> list[Path]:
    """The moved-aside databases beside ``db_path`` (while any is there, no material file is
    deleted: it may still reference them)."""
    prefix = db_path.name + ASIDE_INFIX
    return sorted(
        p
        for p in db_path.parent.glob(prefix + "*")
        if not p.name.endswith(("-wal", "-shm", "-journal"))
    )


# ---------------------------------------------------------------- reading what is left


@dataclass
class _Source:
    name: str
    conn: sqlite3.Connection
    rows: dict[str, dict[int, dict[str, Any]]] = field(default_factory=dict)
    unread: dict[str, set[int]] = field(default_factory=dict)


def _q(conn: sqlite3.Connection, sql: str, params: tuple = ()) -> list[tuple]:  # type: ignore[type-arg]
    """Rows of ``sql``, as many as could be read before an error."""
    out: list[tuple] = []  # type: ignore[type-arg]
    try:
        cur = conn.execute(sql, params)
        while True:
            row = cur.fetchone()
            if row is None:
                break
            out.append(row)
    except sqlite3.DatabaseError:
        pass
    return out


def _copied(table: str) -> bool:
    """Tables salvage copies: not SQLite's own, not the migrations', and nothing of the audit
    log (its chain and any head kept for it describe the old file, which stays as it is)."""
    return table not in _NOT_COPIED and not table.startswith(("sqlite_", "audit"))


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _read_table(src: _Source, table: str) -> None:
    conn = src.conn
    t = _ident(table)
    cols = [r[1] for r in _q(conn, f"PRAGMA table_info({t})")]
    if not cols:
        return
    ids = {r[0] for r in _q(conn, f"SELECT rowid FROM {t}") if isinstance(r[0], int)}
    for (idx,) in [(r[1],) for r in _q(conn, f"PRAGMA index_list({t})")]:
        ids |= {
            r[0]
            for r in _q(conn, f"SELECT rowid FROM {t} INDEXED BY {_ident(idx)}")
            if isinstance(r[0], int)
        }
    seq = _q(conn, "SELECT seq FROM sqlite_sequence WHERE name = ?", (table,))
    top = max([*ids, *(s[0] for s in seq if isinstance(s[0], int))], default=0)
    probe = set(range(1, top + 1)) if 0 < top <= _PROBE_LIMIT else set()
    select = f"SELECT {', '.join(_ident(c) for c in cols)} FROM {t} WHERE rowid = ?"
    rows: dict[int, dict[str, Any]] = {}
    unread: set[int] = set()
    for rowid in sorted(ids | probe):
        try:
            row = conn.execute(select, (rowid,)).fetchone()
        except sqlite3.DatabaseError:
            if rowid in ids:
                unread.add(rowid)
            continue
        if row is not None:
            rows[rowid] = dict(zip(cols, row, strict=True))
        elif rowid in ids:
            unread.add(rowid)
    src.rows[table] = rows
    src.unread[table] = unread


def _pad_truncated(copy: Path) -> None:
    """Give a truncated database back the length its header says it had, in zero bytes: the
    pages that are gone then read as damaged pages (their rows lost) instead of SQLite
    refusing the whole file as malformed."""
    with open(copy, "r+b") as f:
        head = f.read(100)
        if len(head) < 100 or not head.startswith(b"SQLite format 3\x00"):
            return
        (page_size,) = struct.unpack(">H", head[16:18])
        page_size = 65536 if page_size == 1 else page_size
        (pages,) = struct.unpack(">I", head[28:32])
        size = f.seek(0, os.SEEK_END)
        want = max(pages * page_size, -(-size // page_size) * page_size)
        if page_size >= 512 and size < want <= 1 << 40:
            f.truncate(want)


@contextlib.contextmanager
def _sources(aside: Path) -> Iterator[list[_Source]]:
    """A readable copy of the moved-aside database (with its log), so that the moved-aside
    files themselves are never opened for writing (SQLite replays a log into the file)."""
    with tempfile.TemporaryDirectory(prefix=".salvage-", dir=aside.parent) as tmp:
        copy = Path(tmp) / "copy.db"
        shutil.copyfile(aside, copy)
        _pad_truncated(copy)
        wal = aside.with_name(aside.name + "-wal")
        if wal.exists():
            shutil.copyfile(wal, copy.with_name("copy.db-wal"))
        found: list[_Source] = []
        try:
            found.append(_Source("rows", sqlite3.connect(copy)))
            yield found
        finally:
            for s in found:
                with contextlib.suppress(sqlite3.Error):
                    s.conn.close()


# ---------------------------------------------------------------- copying into the new store


def _raw_refs(aside: Path, kiosk_id: str) -> set[str]:
    pattern = re.compile(re.escape(kiosk_id.encode()) + rb"-\d{8}-\d{4}")
    refs: set[str] = set()
    for p in (aside, aside.with_name(aside.name + "-wal")):
        with contextlib.suppress(OSError):
            refs |= {m.decode() for m in pattern.findall(p.read_bytes())}
    return refs


def salvage(
    conn: Any,
    aside: Path | None,
    reason: str,
    kiosk_id: str,
    open_body: Callable[[bytes, str], bytes] | None = None,
) -> dict[str, Any]:
    """Copy every readable row of ``aside`` into the database behind ``conn`` (migrated, no
    rows yet); keep and return the report (also appended to ``store_meta``).

    ``open_body(body_enc, idempotency_key)`` opens an outbox body: an application whose own
    row is lost but whose outbox row was recovered will still be delivered, so it is not
    reported lost."""
    report: dict[str, Any] = {
        "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "reason": reason,
        "moved_aside": aside.name if aside else None,
        "methods": [],
        "tables": {},
        "lost_refs": [],
        "undeliverable_refs": [],
        "audit_log": "kept in the moved-aside file" if aside else None,
    }
    previous: list[dict[str, Any]] = []
    if aside is not None and aside.exists() and aside.stat().st_size > 0:
        with _sources(aside) as sources:
            for s in sources:
                for (table,) in _q(s.conn, "SELECT name FROM sqlite_master WHERE type = 'table'"):
                    if _copied(table):
                        _read_table(s, table)
                report["methods"].append(s.name)
            _copy(conn, sources, report)
        with contextlib.suppress(ValueError, TypeError):
            previous = json.loads(_meta(conn, RECORD_NAME) or "[]")
    if aside is not None:
        _name_the_lost(conn, aside, kiosk_id, report, open_body)
    records = [*(previous if isinstance(previous, list) else []), report]
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(
            "INSERT OR REPLACE INTO store_meta (name, value) VALUES (?, ?)",
            (RECORD_NAME, json.dumps(records, ensure_ascii=False)),
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return report


def _meta(conn: Any, name: str) -> str | None:
    r = conn.execute("SELECT value FROM store_meta WHERE name = ?", (name,)).fetchone()
    return r[0] if r else None


def _copy(conn: Any, sources: list[_Source], report: dict[str, Any]) -> None:
    dest_tables = [
        r[0]
        for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        if _copied(r[0])
    ]
    dest_tables.sort(key=lambda t: (t not in _FIRST, _FIRST.index(t) if t in _FIRST else 0, t))
    conn.execute("PRAGMA foreign_keys = OFF")  # a row whose parent is lost is kept all the same
    conn.execute("BEGIN IMMEDIATE")
    try:
        for table in dest_tables:
            dest_cols = {r[1] for r in conn.execute(f"PRAGMA table_info({_ident(table)})")}
            copied = 0
            read_ids: set[int] = set()
            unread: set[int] = set()
            for s in sources:
                unread |= s.unread.get(table, set())
                for rowid, row in s.rows.get(table, {}).items():
                    read_ids.add(rowid)
                    if table == "store_meta" and str(row.get("name")).startswith("audit"):
                        continue  # the old audit log's head: that log stays in the old file
                    cols = [c for c in row if c in dest_cols]
                    if not cols:
                        continue
                    try:
                        cur = conn.execute(
                            f"INSERT OR IGNORE INTO {_ident(table)} ({', '.join(_ident(c) for c in cols)})"
                            f" VALUES ({', '.join('?' * len(cols))})",
                            tuple(row[c] for c in cols),
                        )
                    except sqlite3.Error:
                        continue
                    copied += max(cur.rowcount, 0)
            if copied or unread - read_ids:
                report["tables"][table] = {
                    "recovered": copied,
                    "unreadable": len(unread - read_ids),
                }
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    finally:
        conn.execute("PRAGMA foreign_keys = ON")


def _name_the_lost(
    conn: Any,
    aside: Path,
    kiosk_id: str,
    report: dict[str, Any],
    open_body: Callable[[bytes, str], bytes] | None,
) -> None:
    """Local references in the damaged bytes that no recovered application or outbox row has;
    recovered applications that no outbox row will deliver; the daily sequence past every
    seen one."""
    have = {r[0] for r in conn.execute("SELECT local_ref FROM applications") if r[0]}
    queued = set()
    if open_body is not None:
        for enc, key in conn.execute(
            "SELECT body_enc, idempotency_key FROM outbox WHERE kind = 'application'"
            " AND body_enc IS NOT NULL"
        ):
            with contextlib.suppress(Exception):  # a body that cannot be opened names nothing
                ref = json.loads(open_body(enc, key)).get("local_ref")
                if isinstance(ref, str):
                    queued.add(ref)
    seen = _raw_refs(aside, kiosk_id)
    report["lost_refs"] = sorted(seen - have - queued)
    report["undeliverable_refs"] = sorted(
        r[0]
        for r in conn.execute(
            "SELECT a.local_ref FROM applications a WHERE a.status = 'queued'"
            " AND a.purged_at IS NULL AND NOT EXISTS (SELECT 1 FROM outbox o"
            " WHERE o.kind = 'application' AND o.ref_id = a.id)"
        )
    )
    last: dict[str, int] = {}
    ours = re.compile(re.escape(kiosk_id) + r"-(\d{4})(\d{2})(\d{2})-(\d{4})")
    for ref in seen | have:
        m = ours.fullmatch(ref) if isinstance(ref, str) else None
        if m:
            iso = f"{m[1]}-{m[2]}-{m[3]}"
            last[iso] = max(last.get(iso, 0), int(m[4]))
    if last:
        conn.execute("BEGIN IMMEDIATE")
        try:
            for day, seq in last.items():  # a new application never takes a lost one's number
                conn.execute(
                    "INSERT INTO daily_sequence (day, last) VALUES (?, ?) ON CONFLICT(day)"
                    " DO UPDATE SET last = max(last, excluded.last)",
                    (day, seq),
                )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def records(meta_value: str | None) -> list[dict[str, Any]]:
    """The salvage reports kept in ``store_meta`` (oldest first)."""
    with contextlib.suppress(ValueError, TypeError):
        value = json.loads(meta_value or "[]")
        if isinstance(value, list):
            return [r for r in value if isinstance(r, dict)]
    return []


def read_records(db_path: Path) -> list[dict[str, Any]]:
    """The salvage reports of the database at ``db_path``, read-only and without the key (for
    ``kiosk status`` while the store is unusable); none when they cannot be read."""
    if not db_path.is_file() or db_path.stat().st_size == 0:
        return []
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5)
    except sqlite3.DatabaseError:
        return []
    try:
        return records(_meta(conn, RECORD_NAME))
    except sqlite3.DatabaseError:
        return []
    finally:
        conn.close()


@contextlib.contextmanager
def opening(data_dir: Path) -> Iterator[None]:
    """Hold the store's opening lock (``flock`` on :data:`LOCK_NAME`, which SQLite's own
    ``fcntl`` locks never meet). Without a lock file (a full disk on a first start) the
    store opens all the same."""
    try:
        fd = os.open(data_dir / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        yield
        return
    try:
        deadline = time.monotonic() + OPEN_WAIT_S
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise StoreUnusable(
                        f"{data_dir}: another process has been opening (salvaging) the store "
                        f"for over {OPEN_WAIT_S:.0f} s"
                    ) from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)  # releases the lock


def write_marker(db_path: Path) -> None:
    """Leave the sign that this terminal has a store (so that its loss is noticed)."""
    marker = db_path.with_name(MARKER_NAME)
    if marker.exists():
        return
    with contextlib.suppress(OSError):
        fd = os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            json.dump({"created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}, f)
