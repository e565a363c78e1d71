"""Append-only, hash-chained audit log.

Each entry's hash is SHA-256 over the previous hash and the entry's canonical JSON, so
changing, deleting or reordering any entry breaks the chain from that point on;
:meth:`AuditLog.verify` names the first entry where it breaks. Triggers refuse UPDATE and
DELETE; the chain catches what bypasses them (editing the file directly).

Details must never carry personal data: callers pass references (local_ref, item_code),
and :meth:`append` scrubs strings through :func:`kiosk.masking.scrub_text` as a last line.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from kiosk.masking import scrub_value

GENESIS = "0" * 64


def _canonical(seq: int, at: str, event: str, details: str) -> bytes:
    return json.dumps([seq, at, event, details], ensure_ascii=False, separators=(",", ":")).encode()


def _entry_hash(prev: str, seq: int, at: str, event: str, details: str) -> str:
    return hashlib.sha256(prev.encode() + _canonical(seq, at, event, details)).hexdigest()


@dataclass(frozen=True)
class AuditBreak:
    seq: int
    reason: str


@dataclass(frozen=True)
class AuditReport:
    entries: int
    first_break: AuditBreak | None

    @property
    def ok(self) -> bool:
        return self.first_break is None


class AuditLog:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def append(self, event: str, **details: Any) -> int:
        """Append one entry. Call inside the caller's transaction to make it atomic with it."""
        row = self._conn.execute(
            "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        seq, prev = (row[0] + 1, row[1]) if row else (1, GENESIS)
        at = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        text = json.dumps(scrub_value(details), ensure_ascii=False, sort_keys=True, default=str)
        h = _entry_hash(prev, seq, at, event, text)
        self._conn.execute(
            "INSERT INTO audit_log (seq, at, event, details, prev_hash, hash) VALUES (?,?,?,?,?,?)",
            (seq, at, event, text, prev, h),
        )
        return seq

    def entries(self, limit: int | None = None) -> list[dict[str, Any]]:
        q = "SELECT seq, at, event, details FROM audit_log ORDER BY seq"
        if limit:
            q = f"SELECT * FROM ({q} DESC LIMIT {int(limit)}) ORDER BY seq"
        return [
            {"seq": s, "at": a, "event": e, "details": json.loads(d)}
            for s, a, e, d in self._conn.execute(q)
        ]

    def verify(self) -> AuditReport:
        prev = GENESIS
        expected_seq = 1
        n = 0
        for seq, at, event, details, prev_hash, h in self._conn.execute(
            "SELECT seq, at, event, details, prev_hash, hash FROM audit_log ORDER BY seq"
        ):
            n += 1
            if seq != expected_seq:
                return AuditReport(n, AuditBreak(expected_seq, f"entry {expected_seq} is missing"))
            if prev_hash != prev:
                return AuditReport(n, AuditBreak(seq, "does not follow the previous entry"))
            if _entry_hash(prev, seq, at, event, details) != h:
                return AuditReport(n, AuditBreak(seq, "content was changed after it was written"))
            prev = h
            expected_seq += 1
        return AuditReport(n, None)
