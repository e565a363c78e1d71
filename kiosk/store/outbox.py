"""The outbox: what waits to reach the platform, as rows with a state machine.

``pending → sending (lease until T) → sent | retry (next_at, failures) | rejected (reason)
| quarantined (reason)``

``attempts`` counts leases (every time the row went out, or was taken again after a crash);
``failures`` counts failed sends, and is what the backoff grows with: a lease given back, a
crash retake or a ``Retry-After`` pause is not the row's failure. ``quarantined`` is for a
technician: the row poisoned the sender, or the platform's answer (409, ``hash_mismatch``)
needs a look; it is never refused for that, and :meth:`Outbox.retry_quarantined` sends it again.

A lease, not a lock: a sender that crashes mid-send leaves a row in ``sending`` whose lease
expires, and the next :meth:`Outbox.lease_next` takes it again — the platform's idempotency
key makes the resend harmless. A row is marked ``sending`` *before* its request leaves and
``sent`` only after the platform's answer is stored, so a crash never makes a row look sent.

The body is the exact request bytes, sealed with the terminal key (it carries personal data);
resends use the same bytes. Every transition records a row in ``outbox_attempts``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sqlite3
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from kiosk.store.crypto import Sealer

KINDS = ("application", "review", "problem", "help")
WAITING_REFS_SQL = (
    "SELECT o.id, o.kind, COALESCE(a.local_ref, o.ref_id) FROM outbox o"
    " LEFT JOIN applications a ON o.kind = 'application' AND a.id = o.ref_id"
    " WHERE o.state IN ('pending', 'retry', 'sending') ORDER BY o.id"
)
"""Each waiting row's id, kind and local reference (an application's 受理编号, else the row's
ref id): what ``kiosk status`` lists for rows it cannot open — no personal data."""


def refs_report(rows: list[tuple[int, str, str]]) -> dict[str, Any]:
    """Counts and local references of outbox rows (``WAITING_REFS_SQL``'s columns)."""
    by_kind: dict[str, int] = {}
    for _id, kind, _ref in rows:
        by_kind[kind] = by_kind.get(kind, 0) + 1
    return {"count": len(rows), "by_kind": by_kind, "refs": [ref for _id, _kind, ref in rows]}


@dataclass(frozen=True)
class OutboxRow:
    id: int
    kind: str
    ref_id: str
    idempotency_key: str
    method: str
    state: str
    attempts: int
    lease_until: float | None
    next_at: float | None
    created_at: float
    last_error: str | None = None
    reject_code: str | None = None
    reject_reason: str | None = None
    failures: int = 0
    quarantine_code: str | None = None
    quarantine_reason: str | None = None


@dataclass(frozen=True)
class QueueCounts:
    pending: int
    sending: int
    retry: int
    sent: int
    rejected: int
    oldest_pending_s: float | None
    quarantined: int = 0

    @property
    def waiting(self) -> int:
        """Rows not yet confirmed by the platform and not refused."""
        return self.pending + self.sending + self.retry

    def to_json(self) -> dict[str, Any]:
        return {
            "pending": self.pending,
            "sending": self.sending,
            "retry": self.retry,
            "sent": self.sent,
            "rejected": self.rejected,
            "quarantined": self.quarantined,
            "oldest_pending_s": self.oldest_pending_s,
        }


_COLS = (
    "id, kind, ref_id, idempotency_key, method, state, attempts, lease_until, next_at, "
    "created_at, last_error, reject_code, reject_reason, failures, quarantine_code, quarantine_reason"
)

SentHook = Callable[[sqlite3.Connection, OutboxRow, dict[str, Any]], None]


class Outbox:
    def __init__(
        self,
        conn: sqlite3.Connection,
        sealer: Sealer,
        tx: Callable[[], AbstractContextManager[sqlite3.Connection]],
    ) -> None:
        self._conn = conn
        self._sealer = sealer
        self._tx = tx
        self._sent_hooks: dict[str, SentHook] = {}

    def on_sent(self, kind: str, hook: SentHook) -> None:
        """Run ``hook(conn, row, response)`` inside the transaction that marks a row sent."""
        self._sent_hooks[kind] = hook

    # -- enqueue (inside the caller's transaction)

    def enqueue(
        self,
        conn: sqlite3.Connection,
        *,
        kind: str,
        ref_id: str,
        idempotency_key: str,
        method: str,
        body: bytes,
        now: float | None = None,
    ) -> int:
        if kind not in KINDS:
            raise ValueError(f"unknown outbox kind {kind!r}")
        now = time.time() if now is None else now
        cur = conn.execute(
            "INSERT INTO outbox (kind, ref_id, idempotency_key, method, body_enc, body_sha256,"
            " state, attempts, created_at, updated_at) VALUES (?,?,?,?,?,?, 'pending', 0, ?, ?)",
            (
                kind,
                ref_id,
                idempotency_key,
                method,
                self._sealer.seal(body, aad=idempotency_key.encode()),
                hashlib.sha256(body).hexdigest(),
                now,
                now,
            ),
        )
        return int(cur.lastrowid)

    # -- reading

    def _row(self, r: tuple[Any, ...]) -> OutboxRow:
        return OutboxRow(*r)

    def get(self, row_id: int) -> OutboxRow | None:
        r = self._conn.execute(f"SELECT {_COLS} FROM outbox WHERE id = ?", (row_id,)).fetchone()
        return self._row(r) if r else None

    def body(self, row: OutboxRow) -> bytes:
        """The exact request bytes stored when the row was queued."""
        (enc,) = self._conn.execute(
            "SELECT body_enc FROM outbox WHERE id = ?", (row.id,)
        ).fetchone()
        if enc is None:
            raise LookupError(f"outbox row {row.id} has no body (purged)")
        return self._sealer.open(enc, aad=row.idempotency_key.encode())

    def rows(self, state: str | None = None, limit: int = 1000) -> list[OutboxRow]:
        if state:
            q = self._conn.execute(
                f"SELECT {_COLS} FROM outbox WHERE state = ? ORDER BY id LIMIT ?", (state, limit)
            )
        else:
            q = self._conn.execute(f"SELECT {_COLS} FROM outbox ORDER BY id LIMIT ?", (limit,))
        return [self._row(r) for r in q]

    def local_ref(self, row: OutboxRow) -> str:
        """The row's local reference (an application's 受理编号), never personal data."""
        if row.kind == "application":
            r = self._conn.execute(
                "SELECT local_ref FROM applications WHERE id = ?", (row.ref_id,)
            ).fetchone()
            if r:
                return str(r[0])
        return row.ref_id

    def rejected_rows(self) -> list[OutboxRow]:
        return self.rows("rejected")

    def quarantined_rows(self) -> list[OutboxRow]:
        return self.rows("quarantined")

    def find(self, ref: str) -> OutboxRow | None:
        """The row for a local reference (an application's 受理编号, a record's id) or ``#id``."""
        if ref.lstrip("#").isdigit():
            return self.get(int(ref.lstrip("#")))
        r = self._conn.execute(
            f"SELECT {', '.join('o.' + c.strip() for c in _COLS.split(','))} FROM outbox o"
            " LEFT JOIN applications a ON o.kind = 'application' AND a.id = o.ref_id"
            " WHERE a.local_ref = ? OR o.ref_id = ? ORDER BY o.id DESC LIMIT 1",
            (ref, ref),
        ).fetchone()
        return self._row(r) if r else None

    def due_rows(self, now: float, skip: tuple[int, ...] = (), limit: int = 1) -> list[OutboxRow]:
        """The rows :meth:`lease_next` would take, read only (a sender on a full disk leases in
        memory: it cannot write the lease)."""
        not_in = f" AND id NOT IN ({','.join('?' * len(skip))})" if skip else ""
        return [
            self._row(r)
            for r in self._conn.execute(
                f"SELECT {_COLS} FROM outbox WHERE 1{not_in} AND ("
                " state = 'pending' OR (state = 'retry' AND next_at <= ?)"
                " OR (state = 'sending' AND lease_until <= ?)) ORDER BY id LIMIT ?",
                (*skip, now, now, limit),
            )
        ]

    def attempts(self, row_id: int) -> list[dict[str, Any]]:
        return [
            {"at": at, "from": f, "to": t, "http_status": s, "detail": d}
            for at, f, t, s, d in self._conn.execute(
                "SELECT at, from_state, to_state, http_status, detail FROM outbox_attempts"
                " WHERE outbox_id = ? ORDER BY id",
                (row_id,),
            )
        ]

    def counts(self, now: float | None = None) -> QueueCounts:
        now = time.time() if now is None else now
        by = dict.fromkeys(("pending", "sending", "retry", "sent", "rejected", "quarantined"), 0)
        for state, n in self._conn.execute("SELECT state, count(*) FROM outbox GROUP BY state"):
            by[state] = n
        (oldest,) = self._conn.execute(
            "SELECT min(created_at) FROM outbox WHERE state IN ('pending', 'sending', 'retry')"
        ).fetchone()
        return QueueCounts(
            **by, oldest_pending_s=None if oldest is None else round(max(0.0, now - oldest), 3)
        )

    def next_due_at(self) -> float | None:
        """When the earliest waiting row becomes due (for a sender's sleep)."""
        (t,) = self._conn.execute(
            "SELECT min(CASE state WHEN 'pending' THEN 0 WHEN 'retry' THEN next_at"
            " WHEN 'sending' THEN lease_until END) FROM outbox"
            " WHERE state IN ('pending', 'retry', 'sending')"
        ).fetchone()
        return t

    # -- transitions

    def _transition(
        self,
        conn: sqlite3.Connection,
        row: OutboxRow,
        to_state: str,
        now: float,
        attempt_status: int | None,
        attempt_detail: str | None,
        **sets: Any,
    ) -> None:
        assigns = ", ".join(f"{k} = ?" for k in sets)
        conn.execute(
            f"UPDATE outbox SET state = ?, updated_at = ?{', ' + assigns if assigns else ''}"
            " WHERE id = ?",
            (to_state, now, *sets.values(), row.id),
        )
        conn.execute(
            "INSERT INTO outbox_attempts (outbox_id, at, from_state, to_state, http_status, detail)"
            " VALUES (?,?,?,?,?,?)",
            (row.id, now, row.state, to_state, attempt_status, attempt_detail),
        )

    def lease_next(
        self,
        now: float | None = None,
        lease_s: float = 120.0,
        kinds: tuple[str, ...] = KINDS,
        skip: tuple[int, ...] = (),
    ) -> OutboxRow | None:
        """Take the next due row: pending, a retry whose time has come, or an expired lease
        (``skip``: ids this sender already gave back in this pass)."""
        now = time.time() if now is None else now
        marks = ",".join("?" * len(kinds))
        not_in = f" AND id NOT IN ({','.join('?' * len(skip))})" if skip else ""
        with self._tx() as conn:
            r = conn.execute(
                f"SELECT {_COLS} FROM outbox WHERE kind IN ({marks}){not_in} AND ("
                " state = 'pending' OR (state = 'retry' AND next_at <= ?)"
                " OR (state = 'sending' AND lease_until <= ?)) ORDER BY id LIMIT 1",
                (*kinds, *skip, now, now),
            ).fetchone()
            if r is None:
                return None
            row = self._row(r)
            self._transition(
                conn,
                row,
                "sending",
                now,
                None,
                "lease" if row.state != "sending" else "lease expired; taken again",
                prev_state=row.state,
                lease_until=now + lease_s,
                attempts=row.attempts + 1,
            )
        return self.get(row.id)

    def renew(
        self, row: OutboxRow, now: float | None = None, lease_s: float = 120.0
    ) -> OutboxRow | None:
        """Extend the lease of a row this sender holds (before each request of a long send:
        several materials over a slow link). None when the lease was lost — it expired and
        another sender took the row — so this sender must stop sending it."""
        now = time.time() if now is None else now
        until = max(now + lease_s, row.lease_until or 0.0)
        with self._tx() as conn:
            done = conn.execute(
                "UPDATE outbox SET lease_until = ? WHERE id = ? AND state = 'sending'"
                " AND lease_until IS ? AND attempts = ?",
                (until, row.id, row.lease_until, row.attempts),
            ).rowcount
        return dataclasses.replace(row, lease_until=until) if done == 1 else None

    def mark_sent(
        self, row: OutboxRow, status_code: int, response: dict[str, Any], now: float | None = None
    ) -> None:
        now = time.time() if now is None else now
        with self._tx() as conn:
            self._transition(
                conn,
                row,
                "sent",
                now,
                status_code,
                None,
                sent_at=now,
                http_status=status_code,
                response_json=json.dumps(response, ensure_ascii=False),
                lease_until=None,
                last_error=None,
            )
            hook = self._sent_hooks.get(row.kind)
            if hook:
                hook(conn, row, response)

    def _move(
        self,
        row: OutboxRow,
        to_state: str,
        now: float | None,
        http_status: int | None,
        detail: str | None,
        **sets: Any,
    ) -> None:
        with self._tx() as conn:
            self._transition(
                conn,
                row,
                to_state,
                time.time() if now is None else now,
                http_status,
                detail,
                lease_until=None,
                http_status=http_status,
                **sets,
            )

    def mark_retry(
        self,
        row: OutboxRow,
        next_at: float,
        error: str,
        http_status: int | None = None,
        now: float | None = None,
        failed: bool = True,
    ) -> None:
        """Try again at ``next_at`` (a 5xx, a timeout, a reset, 429/503 with Retry-After).

        ``failed``: the send failed (counted for the backoff); False for a pause the platform
        asked for (429/503 with ``Retry-After``), which is not the row's failure."""
        self._move(
            row,
            "retry",
            now,
            http_status,
            error,
            next_at=next_at,
            last_error=error,
            failures=row.failures + (1 if failed else 0),
        )

    def quarantine(self, row: OutboxRow, code: str, reason: str, **at: Any) -> None:
        """Set aside for a technician (never refused for it): shown by ``kiosk queue``.
        ``at``: ``http_status`` and ``now``, as for :meth:`mark_rejected`."""
        self._move(
            row,
            "quarantined",
            at.get("now"),
            at.get("http_status"),
            f"quarantined: {code}: {reason}",
            quarantine_code=code,
            quarantine_reason=reason,
            last_error=f"{code}: {reason}",
        )

    def retry_quarantined(self, row: OutboxRow, now: float | None = None) -> None:
        """A technician's retry: the row goes back to ``pending`` with a clean failure count."""
        if row.state != "quarantined":
            raise ValueError(f"outbox row {row.id} is {row.state}, not quarantined")
        self._move(
            row,
            "pending",
            now,
            None,
            "technician retry",
            failures=0,
            next_at=None,
            quarantine_code=None,
            quarantine_reason=None,
        )

    def mark_rejected(
        self,
        row: OutboxRow,
        code: str,
        reason: str,
        http_status: int | None = None,
        now: float | None = None,
    ) -> None:
        """Refused for good (422, or unusable locally): never retried, shown to technicians."""
        self._move(
            row,
            "rejected",
            now,
            http_status,
            f"{code}: {reason}",
            reject_code=code,
            reject_reason=reason,
        )

    def release(self, row: OutboxRow, reason: str, now: float | None = None) -> None:
        """Give a leased row back without counting the attempt (e.g. the batch stopped)."""
        now = time.time() if now is None else now
        with self._tx() as conn:
            (prev,) = conn.execute(
                "SELECT prev_state FROM outbox WHERE id = ?", (row.id,)
            ).fetchone()
            back = prev if prev in ("pending", "retry") else "pending"
            self._transition(
                conn,
                row,
                back,
                now,
                None,
                f"released: {reason}",
                lease_until=None,
                attempts=max(0, row.attempts - 1),
            )
