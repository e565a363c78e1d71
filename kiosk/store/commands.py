"""The platform's remote commands as the store keeps them (migration 0007, docs/fleet.md).

- :meth:`CommandLedger.claim` records a command id *before* the command runs, in the same
  transaction as its audit entry: a command is executed at most once, across restarts.
- :meth:`CommandLedger.finish` and :meth:`CommandLedger.refuse` queue a result
  (``{"id", "ok", "detail"}``) for the next heartbeat; :meth:`CommandLedger.unreported` lists
  them and :meth:`CommandLedger.mark_reported` marks them once the platform took the heartbeat,
  so that each is reported once.

Every result and refusal is written to the audit log (``fleet.command``) in the same
transaction. Details are short texts without personal data (the audit log scrubs them too).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kiosk.store.audit import AuditLog

AUDIT_EVENT = "fleet.command"
INTERRUPTED = "interrupted: the terminal stopped while the command ran"
MAX_DETAIL = 300


@dataclass(frozen=True)
class CommandResult:
    seq: int
    command_id: str
    name: str
    outcome: str
    """``ok``, ``failed`` (ran and failed) or ``refused`` (never ran)."""
    detail: str

    def to_wire(self) -> dict[str, Any]:
        """As the heartbeat carries it (platform-api.md): ``{"id", "ok", "detail"}``."""
        return {"id": self.command_id, "ok": self.outcome == "ok", "detail": self.detail}


class CommandLedger:
    def __init__(self, store: Any) -> None:
        self._store = store

    def seen(self, command_id: str) -> bool:
        row = self._store.conn.execute(
            "SELECT 1 FROM fleet_commands WHERE id = ?", (command_id,)
        ).fetchone()
        return row is not None

    def claim(self, command_id: str, name: str, now: float) -> bool:
        """Record that the command runs now; False when its id was taken on before."""
        with self._store.tx() as c:
            cur = c.execute(
                "INSERT OR IGNORE INTO fleet_commands (id, name, state, received_at)"
                " VALUES (?, ?, 'running', ?)",
                (command_id, name, now),
            )
            if cur.rowcount != 1:
                return False
            AuditLog(c).append(AUDIT_EVENT, id=command_id, name=name, step="started")
        return True

    def finish(self, command_id: str, name: str, outcome: str, detail: str, now: float) -> None:
        """The claimed command ended: ``ok``, ``failed``, or ``refused`` (its handler declined,
        e.g. a resident is in session)."""
        detail = _short(detail)
        with self._store.tx() as c:
            c.execute(
                "UPDATE fleet_commands SET state = 'done', ok = ?, detail = ?, finished_at = ?"
                " WHERE id = ?",
                (int(outcome == "ok"), detail, now, command_id),
            )
            self._result(c, command_id, name, outcome, detail, now)

    def refuse(self, command_id: str, name: str, detail: str, now: float) -> None:
        with self._store.tx() as c:
            self._result(c, command_id, name, "refused", _short(detail), now)

    @staticmethod
    def _result(c: Any, command_id: str, name: str, outcome: str, detail: str, now: float) -> None:
        c.execute(
            "INSERT INTO fleet_command_results (command_id, name, outcome, detail, at)"
            " VALUES (?, ?, ?, ?, ?)",
            (command_id, name, outcome, detail, now),
        )
        AuditLog(c).append(
            AUDIT_EVENT, id=command_id, name=name, step=outcome, ok=outcome == "ok", detail=detail
        )

    def unanswerable(self, name: str, detail: str) -> None:
        """A command without a usable id: audited, though no result can name it."""
        with self._store.tx() as c:
            AuditLog(c).append(
                AUDIT_EVENT, id=None, name=name, step="refused", ok=False, detail=_short(detail)
            )

    def finish_interrupted(self, now: float) -> int:
        """Commands left ``running`` by a crash or a restart: failed, reported, never rerun."""
        rows = self._store.conn.execute(
            "SELECT id, name FROM fleet_commands WHERE state = 'running'"
        ).fetchall()
        for command_id, name in rows:
            self.finish(command_id, name, "failed", INTERRUPTED, now)
        return len(rows)

    def unreported(self, limit: int = 100) -> list[CommandResult]:
        return [
            CommandResult(*row)
            for row in self._store.conn.execute(
                "SELECT seq, command_id, name, outcome, detail FROM fleet_command_results"
                " WHERE reported_at IS NULL ORDER BY seq LIMIT ?",
                (limit,),
            ).fetchall()
        ]

    def mark_reported(self, seqs: list[int], now: float) -> None:
        if not seqs:
            return
        marks = ",".join("?" * len(seqs))
        with self._store.tx() as c:
            c.execute(
                f"UPDATE fleet_command_results SET reported_at = ? WHERE seq IN ({marks})",
                (now, *seqs),
            )

    def counts(self) -> dict[str, int]:
        """Results by outcome since this terminal began (``ok``, ``failed``, ``refused``)."""
        out = {"ok": 0, "failed": 0, "refused": 0}
        for outcome, n in self._store.conn.execute(
            "SELECT outcome, COUNT(*) FROM fleet_command_results GROUP BY outcome"
        ).fetchall():
            out[outcome] = n
        return out


def _short(text: str) -> str:
    return " ".join(str(text).split())[:MAX_DETAIL]
