"""Retention: what stays on the terminal once the platform has answered.

``retention.purge_after_days`` after the platform *confirmed* an application (its answer to our
POST), or after it *refused* one for good (the outbox row went ``rejected``), the application
keeps only its non-personal row — reference, item, dates, status, history — so that a local
status lookup still answers. Its applicant and form are nulled, so are the license numbers it
cited and its stored request body, and its scan files are deleted unless another application
not yet purged references the same content-addressed file. Reviews, problem reports and help
requests lose their stored body (the contact, the comment) the same period after they were
sent or refused. Anything still waiting (``pending``, ``sending``, ``retry``) is kept whole,
whatever its age.

Each run records when it ran and what it removed (counts only) in ``retention_runs``, which
:func:`last_purge` reads for ``kiosk status``; a run that removed something writes an audit
entry with the same counts. The sync agent runs it on a timer.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from kiosk.store.audit import AuditLog

DAY_S = 86400.0
FRESH_FILE_S = 6 * 3600.0
"""A scan file written (or written again by a new scan of the same bytes) this recently is
never deleted by a purge: a session may be about to submit an application that cites it."""

_WAITING = "('pending', 'sending', 'retry')"
_NOT_WAITING = (
    "NOT EXISTS (SELECT 1 FROM outbox o WHERE o.kind = 'application' AND o.ref_id = a.id"
    f" AND o.state IN {_WAITING})"
)


@dataclass(frozen=True)
class PurgeReport:
    at: float
    applications: int
    """Confirmed applications reduced to their non-personal row."""
    refused: int
    """Applications the platform refused, reduced likewise."""
    feedback: int
    """Reviews, problem reports and help requests whose stored body was dropped."""
    files: int
    """Scan files deleted."""

    @property
    def removed(self) -> int:
        return self.applications + self.refused + self.feedback + self.files

    def counts(self) -> dict[str, int]:
        return {k: v for k, v in asdict(self).items() if k != "at"}


def purge_expired(store: Any, now: float, retention_days: int | None = None) -> PurgeReport:
    """Apply the retention period as of ``now`` (seconds since the epoch)."""
    days = store.cfg.retention.purge_after_days if retention_days is None else retention_days
    cutoff = now - days * DAY_S
    with store.tx() as c:
        confirmed = [
            a
            for (a,) in c.execute(
                "SELECT a.id FROM applications a WHERE a.purged_at IS NULL"
                f" AND a.confirmed_at IS NOT NULL AND a.confirmed_at <= ? AND {_NOT_WAITING}",
                (cutoff,),
            )
        ]
        refused = [
            a
            for (a,) in c.execute(
                "SELECT a.id FROM applications a WHERE a.purged_at IS NULL"
                " AND a.confirmed_at IS NULL AND EXISTS (SELECT 1 FROM outbox o"
                " WHERE o.kind = 'application' AND o.ref_id = a.id AND o.state = 'rejected'"
                f" AND o.updated_at <= ?) AND {_NOT_WAITING}",
                (cutoff,),
            )
        ]
        for app_id in confirmed + refused:
            c.execute(
                "UPDATE applications SET applicant_enc = NULL, form_enc = NULL, agent_enc = NULL,"
                " purged_at = ?"
                " WHERE id = ?",
                (now, app_id),
            )
            c.execute(
                "UPDATE application_materials SET license_no_enc = NULL WHERE application_id = ?",
                (app_id,),
            )
            c.execute(
                "UPDATE outbox SET body_enc = NULL WHERE kind = 'application' AND ref_id = ?"
                " AND state IN ('sent', 'rejected')",
                (app_id,),
            )
        feedback = c.execute(
            "UPDATE outbox SET body_enc = NULL WHERE kind IN ('review', 'problem', 'help')"
            " AND body_enc IS NOT NULL AND ((state = 'sent' AND sent_at <= ?)"
            " OR (state = 'rejected' AND updated_at <= ?))",
            (cutoff, cutoff),
        ).rowcount
        # Decided in the same transaction as the purge: a file goes only when every
        # application citing it is purged now.
        orphans = [
            s
            for (s,) in c.execute(
                "SELECT DISTINCT m.sha256 FROM application_materials m"
                " JOIN applications a ON a.id = m.application_id"
                " WHERE m.sha256 IS NOT NULL AND a.purged_at = ? AND NOT EXISTS ("
                "  SELECT 1 FROM application_materials k JOIN applications b"
                "  ON b.id = k.application_id WHERE k.sha256 = m.sha256 AND b.purged_at IS NULL)",
                (now,),
            )
        ]
    files = sum(_delete_stale(store.blobs, sha, now) for sha in orphans)
    report = PurgeReport(now, len(confirmed), len(refused), max(0, feedback), files)
    with store.tx() as c:
        c.execute(
            "INSERT OR REPLACE INTO retention_runs (id, at, applications, refused, feedback, files)"
            " VALUES (1, ?, ?, ?, ?, ?)",
            (now, report.applications, report.refused, report.feedback, report.files),
        )
        if report.removed:
            AuditLog(c).append("store.purged", days=days, **report.counts())
    return report


def _delete_stale(blobs: Any, sha256: str, now: float) -> int:
    path = blobs.path(sha256)
    try:
        if now - path.stat().st_mtime < FRESH_FILE_S:
            return 0
    except FileNotFoundError:
        return 0
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
        return 1
    return 0


def last_purge(store: Any) -> dict[str, Any] | None:
    """When the retention purge last ran and what it removed (counts only); None if never."""
    r = store.conn.execute(
        "SELECT at, applications, refused, feedback, files FROM retention_runs WHERE id = 1"
    ).fetchone()
    if r is None:
        return None
    at = dt.datetime.fromtimestamp(r[0], dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {"at": at, "applications": r[1], "refused": r[2], "feedback": r[3], "files": r[4]}
