"""Append-only, keyed hash chain of audit entries, with a signed head kept outside the table.

Each entry's hash is HMAC-SHA256 over the previous hash and the entry's canonical JSON, under
a key derived (HKDF, its own label) from the terminal key — not the data-encryption key. Whoever
edits the database without the terminal key can neither rewrite an entry nor append one that
verifies: a plain SHA-256 recomputed over the edited rows is named as such.

The *signed head* (count of entries, last hash, first entry of the keyed chain, and an HMAC
over the three) is kept in two places besides the table:

- ``store_meta.audit_head``, written in the same transaction as each entry (always exact);
- ``<data_dir>/audit.head``, rewritten atomically after each commit that appended (a file,
  so that it survives a dropped table, a deleted store_meta row or a database replaced
  wholesale).

Every heartbeat carries the head (``"audit"``), so the platform holds an anchor that survives
even the loss of all three. Deleting the last entries, every entry or the table leaves a head
that counts more than the table holds; the next start-up reports it (log, an
``audit.tamper_detected`` entry, ``kiosk status``) and the chain goes on from the head, so the
gap stays visible. Start-up also re-creates the triggers that refuse UPDATE and DELETE when they
are missing or altered, and reports that too.

Entries written before the keyed chain (plain SHA-256, before migration 0006) are re-keyed
explicitly: one keyed ``audit.rekeyed`` entry names how many came before it, and
:meth:`AuditLog.verify` says they were checked with the plain hash only. A database rebuilt
after corruption starts with a keyed ``audit.reanchored`` entry that continues from the
previous head (the earlier entries stay in the moved-aside file).

Details must never carry personal data: callers pass references (local_ref, item_code),
and :meth:`append` scrubs strings through :func:`kiosk.masking.scrub_text` as a last line.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import hmac
import json
import logging
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from kiosk.masking import scrub_value
from kiosk.store.crypto import write_private_file
from kiosk.store.errors import StoreError

GENESIS = "0" * 64
HEAD_META = "audit_head"
HEAD_FILE = "audit.head"
REKEY_META = "audit_rekey_pending"  # set by migration 0006: entries written before the keyed chain
TAMPER_EVENT = "audit.tamper_detected"
_KEY_INFO = b"bianmin audit chain v1"
_HEAD_LABEL = b"bianmin audit head v1\x00"
log = logging.getLogger(__name__)

TABLE_SQL = (
    "CREATE TABLE audit_log (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, event TEXT NOT NULL,"
    " details TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL)"
)
TRIGGERS = {
    "audit_log_no_update": "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log\n"
    "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END",
    "audit_log_no_delete": "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log\n"
    "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END",
}


def audit_key(terminal_key: bytes) -> bytes:
    """The chain's HMAC key: HKDF-SHA256 of the terminal key under the audit chain's own label."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_KEY_INFO).derive(
        terminal_key
    )


def _canonical(seq: int, at: str, event: str, details: str) -> bytes:
    return json.dumps([seq, at, event, details], ensure_ascii=False, separators=(",", ":")).encode()


def _plain_hash(prev: str, seq: int, at: str, event: str, details: str) -> str:
    """The hash of entries written before the keyed chain (and of a forger without the key)."""
    return hashlib.sha256(prev.encode() + _canonical(seq, at, event, details)).hexdigest()


def _keyed_hash(key: bytes, prev: str, seq: int, at: str, event: str, details: str) -> str:
    return hmac.new(key, prev.encode() + _canonical(seq, at, event, details), "sha256").hexdigest()


# ---------------------------------------------------------------- the signed head


@dataclass(frozen=True)
class Head:
    count: int  # seq of the last entry
    hash: str  # its hash
    anchor: int  # first entry of the keyed chain in this database
    mac: str

    @classmethod
    def sign(cls, key: bytes, count: int, hash_: str, anchor: int) -> Head:
        return cls(count, hash_, anchor, _head_mac(key, count, hash_, anchor))

    def valid(self, key: bytes) -> bool:
        return hmac.compare_digest(self.mac, _head_mac(key, self.count, self.hash, self.anchor))

    def to_json(self) -> dict[str, Any]:
        return {"count": self.count, "hash": self.hash, "anchor": self.anchor, "mac": self.mac}

    @classmethod
    def parse(cls, text: str | None) -> Head | None:
        """A head from its JSON text; None when absent; ValueError when malformed."""
        if text is None:
            return None
        d = json.loads(text)
        head = cls(int(d["count"]), str(d["hash"]), int(d["anchor"]), str(d["mac"]))
        if head.count < 0 or head.anchor < 1:
            raise ValueError("out of range")
        return head


def _head_mac(key: bytes, count: int, hash_: str, anchor: int) -> str:
    msg = _HEAD_LABEL + json.dumps([count, hash_, anchor], separators=(",", ":")).encode()
    return hmac.new(key, msg, "sha256").hexdigest()


@dataclass
class _Context:
    """What a connection of an open store needs to write the chain: its key and head file."""

    key: bytes
    head_path: Path
    dirty: bool = False
    has_meta: bool = (
        True  # store_meta exists (migration 0004); only a test's partial schema lacks it
    )
    startup: list[str] = field(default_factory=list)


def _ctx(conn: Any) -> _Context:
    ctx = getattr(conn, "audit_ctx", None)
    if ctx is None:
        raise StoreError("the audit log is not bound to the terminal key (open it through Store)")
    return ctx


def _read_file_head(path: Path) -> str | None:
    try:
        return path.read_text("utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        log.warning("cannot read the audit head file (%s)", type(exc).__name__)
        return None


def _write_file_head(path: Path, head: Head, key: bytes) -> None:
    """Write the head file atomically, never replacing a head that counts more."""
    lock = path.with_name(path.name + ".lock")
    fd = os.open(lock, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        with contextlib.suppress(ValueError, KeyError, TypeError):
            old = Head.parse(_read_file_head(path))
            if old is not None and old.valid(key) and old.count >= head.count:
                return  # another process wrote a later head (or this one) already
        # the file's content is fsynced; the rename is not (a power cut may leave the
        # previous head, which start-up takes as behind — never as tampering)
        write_private_file(path, json.dumps(head.to_json()) + "\n", sync_dir=False)
    finally:
        os.close(fd)


def _meta_head_text(conn: Any) -> str | None:
    try:
        r = conn.execute("SELECT value FROM store_meta WHERE name = ?", (HEAD_META,)).fetchone()
    except sqlite3.OperationalError:
        return None
    return r[0] if r else None


def sync_head_file(conn: Any) -> None:
    """After a commit that appended: bring ``audit.head`` up to the committed head.

    A failure (a full disk) is logged and leaves the older file: the store's copy is exact."""
    ctx = getattr(conn, "audit_ctx", None)
    if ctx is None or not ctx.dirty:
        return
    ctx.dirty = False
    try:
        head = Head.parse(_meta_head_text(conn))
    except (ValueError, KeyError, TypeError):
        return
    if head is None:
        return
    try:
        _write_file_head(ctx.head_path, head, ctx.key)
    except OSError as exc:
        log.warning("cannot write the audit head file (%s); the store's copy is kept", exc.strerror)


# ---------------------------------------------------------------- verification results


@dataclass(frozen=True)
class AuditBreak:
    seq: int
    reason: str


@dataclass(frozen=True)
class AuditReport:
    entries: int
    first_break: AuditBreak | None
    findings: tuple[AuditBreak, ...] = ()
    notes: tuple[str, ...] = ()
    head: dict[str, Any] | None = None

    @property
    def ok(self) -> bool:
        return self.first_break is None


def _span(a: int, b: int) -> str:
    return f"entry {a}" if a == b else f"entries {a}..{b}"


class AuditLog:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    # ------------------------------------------------------------ writing

    def append(self, event: str, **details: Any) -> int:
        """Append one entry. Call inside the caller's transaction to make it atomic with it."""
        text = json.dumps(scrub_value(details), ensure_ascii=False, sort_keys=True, default=str)
        return self._append(event, text)

    def _append(self, event: str, text: str, *, anchor: bool = False) -> int:
        ctx = _ctx(self._conn)
        conn = self._conn
        lock = getattr(conn, "_lock", None) or contextlib.nullcontext()
        with lock:
            own = not conn.in_transaction
            if own:
                conn.execute("BEGIN IMMEDIATE")
            try:
                seq = self._write(ctx, event, text, anchor)
                if own:
                    conn.execute("COMMIT")
            except BaseException:
                if own:
                    with contextlib.suppress(sqlite3.Error):
                        conn.execute("ROLLBACK")
                raise
            ctx.dirty = True
            if own:
                sync_head_file(conn)
        return seq

    def _write(self, ctx: _Context, event: str, text: str, anchor: bool) -> int:
        row = self._conn.execute(
            "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        try:
            head = Head.parse(_meta_head_text(self._conn))
        except (ValueError, KeyError, TypeError):
            head = None
        if head is not None and not head.valid(ctx.key):
            head = None
        last_seq, prev = (row[0], row[1]) if row else (0, GENESIS)
        if head is not None and head.count >= last_seq:
            # rows were deleted behind the head's back: go on from the head, keeping the gap
            last_seq, prev = head.count, head.hash
        seq = last_seq + 1
        at = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        h = _keyed_hash(ctx.key, prev, seq, at, event, text)
        self._conn.execute(
            "INSERT INTO audit_log (seq, at, event, details, prev_hash, hash) VALUES (?,?,?,?,?,?)",
            (seq, at, event, text, prev, h),
        )
        first = seq if anchor else (head.anchor if head else 1)
        new = Head.sign(ctx.key, seq, h, first)
        if not ctx.has_meta:
            return seq
        self._conn.execute(
            "INSERT OR REPLACE INTO store_meta (name, value) VALUES (?, ?)",
            (HEAD_META, json.dumps(new.to_json())),
        )
        return seq

    # ------------------------------------------------------------ reading

    def entries(self, limit: int | None = None) -> list[dict[str, Any]]:
        q = "SELECT seq, at, event, details FROM audit_log ORDER BY seq"
        if limit:
            q = f"SELECT * FROM ({q} DESC LIMIT {int(limit)}) ORDER BY seq"
        return [
            {"seq": s, "at": a, "event": e, "details": json.loads(d)}
            for s, a, e, d in self._conn.execute(q)
        ]

    def head(self) -> dict[str, Any] | None:
        """The signed running head as sent with the heartbeat (``None`` before any entry)."""
        try:
            h = Head.parse(_meta_head_text(self._conn))
        except (ValueError, KeyError, TypeError):
            return None
        return h.to_json() if h else None

    @property
    def startup_findings(self) -> list[str]:
        """What the last start-up found wrong with the chain or its triggers (and repaired)."""
        ctx = getattr(self._conn, "audit_ctx", None)
        return list(ctx.startup) if ctx else []

    # ------------------------------------------------------------ verifying

    def _heads(self, key: bytes, findings: list[AuditBreak]) -> Head | None:
        """The valid head that counts most, of the store's copy and the file."""
        ctx = _ctx(self._conn)
        best = None
        for where, text in (
            ("the store's copy of the signed head", _meta_head_text(self._conn)),
            (f"the signed head file {ctx.head_path.name}", _read_file_head(ctx.head_path)),
        ):
            try:
                h = Head.parse(text)
            except (ValueError, KeyError, TypeError):
                findings.append(AuditBreak(0, f"{where} is malformed"))
                continue
            if h is None:
                continue
            if not h.valid(key):
                findings.append(AuditBreak(h.count, f"{where} does not verify (forged or altered)"))
                continue
            if best is None or h.count > best.count:
                best = h
        return best

    def verify(self) -> AuditReport:
        """Walk the whole chain against the key and the signed head; every finding named."""
        key = _ctx(self._conn).key
        findings: list[AuditBreak] = []
        notes: list[str] = []
        if not _table_exists(self._conn):
            head = self._heads(key, findings)
            findings.append(
                AuditBreak(
                    1,
                    "the audit table is missing (dropped)"
                    + (f"; the signed head records {head.count} entries" if head else ""),
                )
            )
            return _report(0, findings, notes, head)
        head = self._heads(key, findings)
        anchor = head.anchor if head else 1
        rows = self._conn.execute(
            "SELECT seq, at, event, details, prev_hash, hash FROM audit_log ORDER BY seq"
        )
        walk: list[AuditBreak] = []
        recorded: list[AuditBreak] = []
        n = 0
        prev_seq, prev_hash = 0, GENESIS
        legacy_break = None
        for seq, at, event, details, row_prev, h in rows:
            n += 1
            if seq < anchor:  # written before the keyed chain: plain SHA-256 only
                if legacy_break is None:
                    if seq != prev_seq + 1:
                        legacy_break = f"{_span(prev_seq + 1, seq - 1)} missing"
                    elif (
                        row_prev != prev_hash or _plain_hash(row_prev, seq, at, event, details) != h
                    ):
                        legacy_break = f"entry {seq} altered"
                    if legacy_break:
                        walk.append(AuditBreak(seq, f"before the keyed chain: {legacy_break}"))
                prev_seq, prev_hash = seq, h
                continue
            if seq > prev_seq + 1 and not (seq == anchor and prev_seq == 0):
                walk.append(
                    AuditBreak(prev_seq + 1, f"{_span(prev_seq + 1, seq - 1)} missing (deleted)")
                )
            elif seq != anchor and row_prev != prev_hash:
                walk.append(AuditBreak(seq, f"entry {seq} does not follow entry {prev_seq}"))
            if _keyed_hash(key, row_prev, seq, at, event, details) != h:
                if _plain_hash(row_prev, seq, at, event, details) == h:
                    walk.append(
                        AuditBreak(
                            seq,
                            f"entry {seq}: a plain SHA-256 hash, not the terminal's keyed "
                            "one: rewritten or forged without the key",
                        )
                    )
                else:
                    walk.append(
                        AuditBreak(seq, f"entry {seq}: content changed after it was written")
                    )
            elif event == TAMPER_EVENT:
                for finding in json.loads(details).get("findings", []):
                    recorded.append(AuditBreak(seq, f"start-up at {at} found: {finding}"))
            prev_seq, prev_hash = seq, h
        if anchor > 1:
            notes.append(
                f"{_span(1, anchor - 1)} predate this database's keyed chain (re-keyed or "
                f"re-anchored at entry {anchor}); those present were checked with plain SHA-256"
            )
        if head is not None:
            if n == 0 and head.count > 0:
                walk.append(
                    AuditBreak(
                        1,
                        f"every entry was deleted: the log is empty, the signed head records "
                        f"{head.count}",
                    )
                )
            elif prev_seq < head.count:
                walk.append(
                    AuditBreak(
                        prev_seq + 1,
                        f"{_span(prev_seq + 1, head.count)} deleted from the end: the log ends at "
                        f"{prev_seq}, the signed head records {head.count}",
                    )
                )
            else:
                r = self._conn.execute(
                    "SELECT hash FROM audit_log WHERE seq = ?", (head.count,)
                ).fetchone()
                if r is not None and r[0] != head.hash:
                    walk.append(
                        AuditBreak(head.count, f"entry {head.count} differs from the signed head")
                    )
        elif n:
            walk.append(
                AuditBreak(
                    0,
                    "no valid signed head: the head file and the store's copy are missing or forged",
                )
            )
        return _report(n, _collapse(walk) + findings + recorded, notes, head)


def _report(n: int, findings: list[AuditBreak], notes: list[str], head: Head | None) -> AuditReport:
    return AuditReport(
        n,
        findings[0] if findings else None,
        tuple(findings),
        tuple(notes),
        head.to_json() if head else None,
    )


def _collapse(found: list[AuditBreak]) -> list[AuditBreak]:
    """Consecutive entries with the same finding become one line (``entries a..b …``)."""
    out: list[AuditBreak] = []
    run: list[AuditBreak] = []

    def flush() -> None:
        if len(run) > 2:
            first, last = run[0].seq, run[-1].seq
            out.append(
                AuditBreak(first, run[0].reason.replace(f"entry {first}", _span(first, last), 1))
            )
        else:
            out.extend(run)
        run.clear()

    for b in found:
        key = b.reason.replace(f"entry {b.seq}", "#", 1)
        if (
            run
            and run[-1].seq + 1 == b.seq
            and run[-1].reason.replace(f"entry {run[-1].seq}", "#", 1) == key
            and key != b.reason
        ):
            run.append(b)
            continue
        flush()
        run.append(b)
    flush()
    return out


# ---------------------------------------------------------------- start-up


def _table_exists(conn: Any) -> bool:
    return bool(
        conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'"
        ).fetchone()
    )


def _norm(sql: str) -> str:
    return " ".join(sql.split()).rstrip(";").strip()


def ensure_triggers(conn: Any) -> list[str]:
    """Re-create the audit table's triggers when missing or altered; say which were."""
    found = []
    have = dict(
        conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'"
        ).fetchall()
    )
    for name, sql in TRIGGERS.items():
        current = have.get(name)
        if current is not None and _norm(current) == _norm(sql):
            continue
        if current is not None:
            conn.execute(f"DROP TRIGGER {name}")
            found.append(f"the trigger {name} had been altered; restored")
        else:
            found.append(f"the trigger {name} was missing; restored")
        conn.execute(sql)
    return found


def open_chain(store: Any, terminal_key: bytes, *, recovered: bool = False) -> list[str]:
    """Bind the chain to the store's key and check it at start-up (cheap: the head and the
    entries after it, not the whole chain — ``kiosk audit verify`` does that).

    Restores missing triggers (and a dropped table); re-keys entries from before the keyed
    chain; re-anchors a database rebuilt after corruption; reports — log, an
    ``audit.tamper_detected`` entry, :attr:`AuditLog.startup_findings` — what it found."""
    ctx = _Context(audit_key(terminal_key), Path(store.data_dir) / HEAD_FILE)
    store.conn.audit_ctx = ctx
    audit = AuditLog(store.conn)
    findings: list[str] = []
    ctx.has_meta = bool(
        store.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'store_meta'"
        ).fetchone()
    )
    if not ctx.has_meta:
        return findings
    with store.tx() as c:
        if not _table_exists(c):
            c.execute(TABLE_SQL)
            findings.append("the audit table had been dropped; re-created")
        findings += ensure_triggers(c)
        try:
            file_head = Head.parse(_read_file_head(ctx.head_path))
        except (ValueError, KeyError, TypeError):
            file_head = None
            findings.append("the signed head file is malformed")
        try:
            meta_head = Head.parse(_meta_head_text(c))
        except (ValueError, KeyError, TypeError):
            meta_head = None
            findings.append("the store's copy of the signed head is malformed")
        if file_head is not None and not file_head.valid(ctx.key):
            findings.append("the signed head file does not verify (forged or altered)")
            file_head = None
        if meta_head is not None and not meta_head.valid(ctx.key):
            findings.append(
                "the store's copy of the signed head does not verify (forged or altered)"
            )
            meta_head = None
        best = max((h for h in (file_head, meta_head) if h), key=lambda h: h.count, default=None)
        row = c.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
        last = row[0] if row else 0
        rekey = c.execute("SELECT value FROM store_meta WHERE name = ?", (REKEY_META,)).fetchone()
        if rekey is not None:
            c.execute("DELETE FROM store_meta WHERE name = ?", (REKEY_META,))
        if recovered and best is not None and last < best.count:
            _set_meta_head(c, best)
            audit._append(
                "audit.reanchored",
                _details(
                    reason="the database was rebuilt after damage; earlier entries are in the "
                    "moved-aside file",
                    previous_entries=best.count,
                    previous_hash=best.hash,
                ),
                anchor=True,
            )
        elif rekey is not None and meta_head is None and last > 0:
            legacy = _legacy_check(c)
            audit._append(
                "audit.rekeyed",
                _details(legacy_entries=last, legacy_chain=legacy),
                anchor=True,
            )
            log.info("the audit log was re-keyed at entry %d (%s before)", last + 1, last)
        else:
            findings += _compare(c, ctx.key, best, meta_head, last)
            if best is not None and (meta_head is None or meta_head.count < best.count):
                _set_meta_head(c, best)  # go on from the head: the gap stays visible
        if findings:
            for f in findings:
                log.warning("audit log: %s", f)
            audit._append(TAMPER_EVENT, _details(findings=findings))
    ctx.startup = findings
    sync_head_file(store.conn)
    head = audit.head()
    if head is not None and file_head is None:
        ctx.dirty = True
        sync_head_file(store.conn)
    return findings


def _details(**details: Any) -> str:
    return json.dumps(scrub_value(details), ensure_ascii=False, sort_keys=True, default=str)


def _set_meta_head(c: Any, head: Head) -> None:
    c.execute(
        "INSERT OR REPLACE INTO store_meta (name, value) VALUES (?, ?)",
        (HEAD_META, json.dumps(head.to_json())),
    )


def _compare(c: Any, key: bytes, best: Head | None, meta: Head | None, last: int) -> list[str]:
    """What the table says against the best head (start-up's cheap check)."""
    if best is None:
        return (
            ["no valid signed head: the head file and the store's copy are missing or forged"]
            if last
            else []
        )
    out = []
    if last == 0 and best.count > 0:
        out.append(
            f"every entry was deleted: the log is empty, the signed head records {best.count}"
        )
    elif last < best.count:
        out.append(
            f"{_span(last + 1, best.count)} were deleted from the end (the log ends at {last}, "
            f"the signed head records {best.count})"
        )
    else:
        r = c.execute("SELECT hash FROM audit_log WHERE seq = ?", (best.count,)).fetchone()
        if r is None or r[0] != best.hash:
            out.append(f"entry {best.count} differs from the signed head (rewritten)")
        forged = [
            seq
            for seq, at, event, details, prev, h in c.execute(
                "SELECT seq, at, event, details, prev_hash, hash FROM audit_log WHERE seq > ?"
                " ORDER BY seq",
                (best.count,),
            )
            if _keyed_hash(key, prev, seq, at, event, details) != h
        ]
        if forged:
            out.append(
                f"{_span(forged[0], forged[-1])} appended without the terminal key (forged)"
                if len(forged) == forged[-1] - forged[0] + 1
                else f"entries {', '.join(map(str, forged))} appended without the terminal key"
            )
    if meta is not None and meta.count < best.count and last >= best.count:
        out.append("the store's copy of the signed head had been set back")
    elif meta is None and best.count and not out:
        out.append("the store's copy of the signed head had been removed")
    return out


def _legacy_check(conn: Any) -> str:
    prev, expected = GENESIS, 1
    for seq, at, event, details, row_prev, h in conn.execute(
        "SELECT seq, at, event, details, prev_hash, hash FROM audit_log ORDER BY seq"
    ):
        if seq != expected:
            return f"broken: entry {expected} missing"
        if row_prev != prev or _plain_hash(prev, seq, at, event, details) != h:
            return f"broken at entry {seq}"
        prev, expected = h, expected + 1
    return "intact"
