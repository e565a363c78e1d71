"""The kiosk's store: one SQLite database in WAL mode and the encrypted material files.

Opening the store:

1. creates the data directory (0700) and the per-terminal key (outside the database);
2. checks the database file (:func:`kiosk.store.salvage.damage`: corrupt, a damaged
   write-ahead log, or missing/empty beside data); a damaged one is moved aside
   (``kiosk.db.corrupt-<time>``, kept), a fresh one created and every readable row copied into
   it (:func:`kiosk.store.salvage.salvage`) — :attr:`Store.recovered_from` says so, the report
   is kept in ``store_meta`` for ``kiosk status``, and the audit log records it;
3. applies numbered migrations (``kiosk/store/migrations/NNNN_name.sql``) in order, each in
   its own transaction;
4. reconciles material files with the rows that reference them (removing none while a
   moved-aside database is kept).

Several processes (UI, sync agent, updater) share the database: WAL, a busy timeout, and short
``BEGIN IMMEDIATE`` transactions. ``synchronous=FULL`` makes a commit durable before it returns,
which is what a resident is told when the screen says "submitted".
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import sqlite_utils

from kiosk.config import KioskConfig
from kiosk.store import salvage
from kiosk.store.applications import Applications
from kiosk.store.audit import AuditLog, open_chain, sync_head_file
from kiosk.store.blobs import BlobStore
from kiosk.store.catalog import CatalogRepo
from kiosk.store.crypto import Sealer
from kiosk.store.errors import (
    RESTORE_HINT,
    KeyMismatch,
    StoreError,
    StoreFull,
    StoreUnusable,
)
from kiosk.store.keys import CHECK_NAME, key_check_value, key_path, resolve_key
from kiosk.store.outbox import Outbox, OutboxRow
from kiosk.store.retention import PurgeReport, purge_expired

DB_NAME = "kiosk.db"
_MIGRATION_RE = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


__all__ = ["DB_NAME", "Store", "StoreError", "StoreFull", "StoreUnusable", "migrations"]
UNREADABLE_NAME = "unreadable_rows"


@dataclass(frozen=True)
class Migration:
    number: int
    name: str
    sql: str


def migrations() -> list[Migration]:
    out = []
    for entry in resources.files("kiosk.store").joinpath("migrations").iterdir():
        m = _MIGRATION_RE.match(entry.name)
        if m:
            out.append(Migration(int(m[1]), m[2], entry.read_text("utf-8")))
    out.sort(key=lambda mg: mg.number)
    numbers = [mg.number for mg in out]
    if len(set(numbers)) != len(numbers):
        raise StoreError(f"two migrations share a number: {numbers}")
    return out


class _Rows(list):  # type: ignore[type-arg]
    """A statement's rows, fetched while the connection lock was held."""

    rowcount: int = -1
    lastrowid: int | None = None

    def fetchone(self) -> tuple | None:  # type: ignore[type-arg]
        return self[0] if self else None

    def fetchall(self) -> list:  # type: ignore[type-arg]
        return list(self)


class LockedConnection:
    """One SQLite connection shared by a process's threads (UI, device workers, sync workers).

    Python's ``sqlite3`` does not keep two threads' statements apart on one connection: their
    result rows interleave. Every statement here runs, and its rows are fetched, under the
    store's lock, and a write transaction holds that lock from BEGIN to COMMIT, so another
    thread's read never sees half a transaction or another statement's rows.
    """

    def __init__(self, conn: sqlite3.Connection, lock: threading.RLock) -> None:
        self._conn = conn
        self._lock = lock

    def execute(self, sql: str, params: tuple | dict = ()) -> _Rows:  # type: ignore[type-arg]
        with self._lock:
            cur = self._conn.execute(sql, params)
            rows = _Rows(cur.fetchall() if cur.description else ())
            rows.rowcount = cur.rowcount
            rows.lastrowid = cur.lastrowid
            return rows

    def __getattr__(self, name: str) -> object:
        return getattr(self._conn, name)


class Store:
    def __init__(
        self,
        data_dir: Path,
        cfg: KioskConfig,
        conn: sqlite3.Connection,
        sealer: Sealer,
        recovered_from: Path | None,
    ) -> None:
        self.data_dir = data_dir
        self.cfg = cfg
        self._lock = threading.RLock()
        self.raw_conn = conn
        self.conn = LockedConnection(conn, self._lock)
        self.sealer = sealer
        self.recovered_from = recovered_from
        self.db = sqlite_utils.Database(conn)
        """sqlite-utils over the raw connection: for single-threaded tools and tests only."""
        self.blobs = BlobStore(data_dir / "materials", sealer)
        # The repositories share the locked connection: a repository reading from the sync
        # worker while the UI thread reads would otherwise interleave the two statements' rows.
        locked: Any = self.conn
        self.audit = AuditLog(locked)
        self.outbox = Outbox(locked, sealer, self.tx)
        self.applications = Applications(locked, sealer, self.tx)
        self.catalog = CatalogRepo(locked, self.tx)
        self.outbox.on_sent("application", self._application_sent)
        self.outbox.on_sent("review", self._feedback_sent)
        self.outbox.on_sent("problem", self._feedback_sent)
        self.outbox.on_sent("help", self._feedback_sent)

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(
        cls,
        data_dir: str | os.PathLike[str],
        cfg: KioskConfig | None = None,
        *,
        reconcile: bool = True,
    ) -> Store:
        cfg = cfg or KioskConfig()
        data_dir = Path(data_dir)
        _ensure_data_dir(data_dir)
        key = resolve_key(
            key_path(data_dir, cfg.storage.key_file), data_dir / DB_NAME, data_dir / "materials"
        )
        sealer = Sealer(key, cfg.storage.cipher)
        # One process at a time checks, moves aside and salvages: the UI and the sync agent
        # start together, and the second must not take the first's new database for damage.
        with salvage.opening(data_dir):
            store = cls._open_checked(data_dir, cfg, key, sealer)
        if reconcile:
            store.reconcile()
        return store

    @classmethod
    def _open_checked(cls, data_dir: Path, cfg: KioskConfig, key: bytes, sealer: Sealer) -> Store:
        db_path = data_dir / DB_NAME
        recovered_from = None
        reason = salvage.damage(db_path, data_dir / "materials")
        if reason:
            recovered_from = salvage.move_aside(db_path)
        _create_owner_only(db_path)
        conn = sqlite3.connect(
            db_path,
            timeout=cfg.storage.busy_timeout_ms / 1000,
            isolation_level=None,
            check_same_thread=False,
        )
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(cfg.storage.busy_timeout_ms)}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute(f"PRAGMA synchronous = {cfg.storage.synchronous}")
            conn.execute("PRAGMA foreign_keys = ON")
            store = cls(data_dir, cfg, conn, sealer, recovered_from)
            store._migrate()
            if reason:
                try:
                    report = salvage.salvage(
                        store.conn,
                        recovered_from,
                        reason,
                        cfg.terminal.kiosk_id,
                        lambda enc, key: sealer.open(enc, aad=key.encode()),
                    )
                except (OSError, sqlite3.Error) as exc:  # a full disk: try again next start
                    conn.close()
                    salvage.put_back(recovered_from, db_path)
                    raise StoreUnusable(
                        f"{db_path}: the database is damaged ({reason}) and could not be "
                        f"salvaged ({exc}); it is kept as it was"
                    ) from None
            # the key check value salvaged from the damaged file is the data's, not the key's
            # that happens to be on disk: a different key is refused, never written over it
            salvaged_check = store.meta(CHECK_NAME) if reason else None
            wrong_key = salvaged_check not in (None, key_check_value(key))
            if not wrong_key:
                store._record_key_check(key_check_value(key))
                open_chain(store, key, recovered=bool(reason))  # kiosk/store/audit.py
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StoreUnusable(f"{db_path}: cannot open the database ({exc})") from None
        for suffix in ("", "-wal", "-shm"):  # SQLite makes -wal and -shm like the database
            with contextlib.suppress(OSError):
                os.chmod(db_path.with_name(DB_NAME + suffix), 0o600)
        if wrong_key:  # the salvage report stays in store_meta; no audit entry without the key
            store.close()
            raise KeyMismatch(
                f"the data key does not match the data salvaged from {recovered_from}; "
                f"{RESTORE_HINT}"
            )
        if reason:
            with store.tx() as c:
                AuditLog(c).append(
                    "store.recovered",
                    moved_aside=recovered_from.name if recovered_from else None,
                    reason=reason,
                    recovered={t: v["recovered"] for t, v in report["tables"].items()},
                    unreadable={t: v["unreadable"] for t, v in report["tables"].items()},
                    lost=len(report["lost_refs"]),
                )
        salvage.write_marker(db_path)
        return store

    def _migrate(self) -> None:
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (number INTEGER PRIMARY KEY,"
            " name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        # All pending migrations in one transaction: all or none, and each schema page goes
        # to the WAL once (a new store's write-ahead log stays small on a nearly full disk).
        with self.tx() as c:
            for mg in migrations():
                done = c.execute(
                    "SELECT 1 FROM schema_migrations WHERE number = ?", (mg.number,)
                ).fetchone()
                if done:
                    continue
                for statement in _split_sql(mg.sql):
                    c.execute(statement)
                c.execute(
                    "INSERT INTO schema_migrations (number, name, applied_at) VALUES (?,?,?)",
                    (mg.number, mg.name, dt.datetime.now(dt.UTC).isoformat()),
                )

    def _record_key_check(self, value: str) -> None:
        has_meta = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'store_meta'"
        ).fetchone()
        if has_meta and self.meta(CHECK_NAME) != value:
            self.set_meta(CHECK_NAME, value)  # a new store, or a new key for one without data

    def meta(self, name: str) -> str | None:
        r = self.conn.execute("SELECT value FROM store_meta WHERE name = ?", (name,)).fetchone()
        return r[0] if r else None

    def set_meta(self, name: str, value: str | None) -> None:
        with self.tx() as c:
            if value is None:
                c.execute("DELETE FROM store_meta WHERE name = ?", (name,))
            else:
                c.execute(
                    "INSERT OR REPLACE INTO store_meta (name, value) VALUES (?, ?)", (name, value)
                )

    def applied_migrations(self) -> list[int]:
        return [n for (n,) in self.conn.execute("SELECT number FROM schema_migrations ORDER BY 1")]

    # ------------------------------------------------------------------ transactions

    @contextlib.contextmanager
    def tx(self) -> Iterator[LockedConnection]:
        """One short write transaction (``BEGIN IMMEDIATE``); durable when it exits."""
        with self._lock:
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise _translate(exc) from None
            try:
                yield self.conn
                self.conn.execute("COMMIT")
                sync_head_file(self.conn)  # the audit head file follows the committed head
            except BaseException as exc:
                with contextlib.suppress(sqlite3.Error):
                    self.conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.OperationalError):
                    raise _translate(exc) from None
                raise

    def close(self) -> None:
        with self._lock, contextlib.suppress(sqlite3.Error):
            self.raw_conn.close()

    # ------------------------------------------------------------------ housekeeping

    def referenced_blobs(self) -> set[str]:
        return {
            s
            for (s,) in self.conn.execute(
                "SELECT DISTINCT m.sha256 FROM application_materials m"
                " JOIN applications a ON a.id = m.application_id"
                " WHERE m.sha256 IS NOT NULL AND a.purged_at IS NULL"
            )
        }

    def reconcile(self, grace_s: float = 600.0) -> tuple[int, int]:
        """Remove material files nothing references; refuse rows whose files are gone.

        While a moved-aside (damaged) database is kept beside the store, no material file is
        removed: it may still reference them. A technician clears it by removing the
        ``kiosk.db.corrupt-*`` files once nothing more can be had from them.

        Returns (files removed, outbox rows refused for a missing file).
        """
        removed, missing = self.blobs.reconcile(
            self.referenced_blobs(),
            grace_s=grace_s,
            keep_unreferenced=bool(salvage.moved_aside(self.data_dir / DB_NAME)),
        )
        refused = 0
        if missing:
            marks = ",".join("?" * len(missing))
            app_ids = [
                a
                for (a,) in self.conn.execute(
                    f"SELECT DISTINCT application_id FROM application_materials WHERE sha256 IN ({marks})",
                    tuple(missing),
                )
            ]
            for app_id in app_ids:
                for row in self.outbox.rows():
                    if (
                        row.kind == "application"
                        and row.ref_id == app_id
                        and row.state in ("pending", "retry", "sending")
                    ):
                        self.outbox.mark_rejected(
                            row,
                            "blob_missing_local",
                            "a scanned material file is missing on this terminal",
                        )
                        refused += 1
        if removed or missing:
            with self.tx() as c:
                AuditLog(c).append(
                    "store.reconciled",
                    files_removed=removed,
                    files_missing=len(missing),
                    rows_refused=refused,
                )
        return removed, refused

    def purge_expired(self, now: float, retention_days: int | None = None) -> PurgeReport:
        """Apply the retention period (:mod:`kiosk.store.retention`) as of ``now``."""
        return purge_expired(self, now, retention_days)

    # ------------------------------------------------------------------ sent hooks

    def _application_sent(self, conn: sqlite3.Connection, row: OutboxRow, response: dict) -> None:
        self.applications.record_platform_answer(
            row.ref_id,
            response.get("application_no"),
            response.get("status", "received"),
            conn=conn,
        )

    def _feedback_sent(self, conn: sqlite3.Connection, row: OutboxRow, response: dict) -> None:
        import json

        no = response.get("problem_no") or response.get("request_no") or response.get("review_no")
        conn.execute(
            "UPDATE feedback SET result_no = ?, result_json = ? WHERE id = ?",
            (no, json.dumps(response, ensure_ascii=False), row.ref_id),
        )


def _ensure_data_dir(data_dir: Path) -> None:
    """The data directory, created owner-only; StoreUnusable when it cannot be."""
    if data_dir.exists() and not data_dir.is_dir():
        raise StoreUnusable(f"{data_dir}: the data directory is a file, not a directory")
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreUnusable(
            f"{data_dir}: cannot create the data directory ({exc.strerror})"
        ) from None
    with contextlib.suppress(PermissionError):
        os.chmod(data_dir, 0o700)


def _create_owner_only(db_path: Path) -> None:
    """Create the database file 0600 before SQLite does, so that it never exists wider."""
    try:
        os.close(os.open(db_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass
    except OSError as exc:
        raise StoreUnusable(f"{db_path}: cannot create the database ({exc.strerror})") from None


def _translate(exc: sqlite3.OperationalError) -> StoreError:
    text = str(exc)
    if "disk is full" in text or "database or disk is full" in text:
        return StoreFull("存储空间已满，未能保存 / the terminal's disk is full; nothing was saved")
    if "locked" in text or "busy" in text:
        return StoreError(f"the database is busy ({text}); try again")
    return StoreError(text)


def _split_sql(sql: str) -> list[str]:
    """Split a migration into statements; triggers (BEGIN … END;) stay whole."""
    out: list[str] = []
    buf: list[str] = []
    for line in sql.splitlines():
        stripped = line.strip()
        if not buf and (not stripped or stripped.startswith("--")):
            continue
        buf.append(line)
        text = "\n".join(buf)
        if stripped.endswith(";") and sqlite3.complete_statement(text):
            out.append(text)
            buf = []
    if buf and "\n".join(buf).strip():
        out.append("\n".join(buf))
    return out
