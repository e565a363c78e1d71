"""The sync agent: drains the outbox to the platform, pulls catalog and statuses, heartbeats.

The outbox (``kiosk.store.outbox``) is the only queue. One pass of :meth:`SyncAgent.drain`:

1. ``lease_next`` marks the next due row ``sending`` (with a lease) *before* anything leaves;
2. for an application, each scanned material goes up content-addressed: ``HEAD`` and, when the
   platform lacks it, ``PUT`` of the decrypted bytes; then the exact stored body is POSTed with
   its idempotency key;
3. the answer decides the row's next state:

   - ``Ok`` → ``mark_sent`` (the platform's answer is stored in the same transaction), only now;
   - ``Refused`` (422, 409, 400…) → ``mark_rejected``: terminal, shown by ``kiosk queue``;
   - ``Retryable`` → ``mark_retry`` at ``Retry-After`` when the platform gave one, else capped
     exponential backoff with jitter on the row's attempt count;
   - ``AuthFailed`` / ``Unreachable`` → ``release`` (the attempt is not counted) and the whole
     batch stops: no point hammering a platform that refuses our key or is not there.

A row whose body or material cannot be decrypted (sealed with a key this terminal does not
hold now) is never refused: it is given back without counting the attempt, skipped for the
rest of the pass, and listed by local reference (``store_meta.unreadable_rows``, shown by
``kiosk status``; an audit entry with the count when that changes) until the key returns. A
row that cannot be processed locally otherwise (body purged, material file gone) is refused
with a local code; an unexpected exception on one row is logged and the row retried later — the next
row never waits behind a poisoned one. A crash at any point leaves the row ``sending`` with a
lease that expires; the platform's idempotency makes the resend harmless.

:meth:`SyncAgent.run` is the long-running service: it drains on start, when another process
commits to the database (a new row: ``PRAGMA data_version``), when :meth:`kick` is called, when
connectivity comes back, and on a timer; it pulls the catalog, statuses and time, and sends
heartbeats on their own intervals. It also runs the retention purge (``kiosk.store.retention``)
once at start and every ``retention.purge_every_s``, online or not; a failed purge is logged
and tried again next time. Only one agent per data directory runs at a time
(an ``flock`` on ``<data>/sync/agent.lock``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import logging
import os
import random
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from kiosk.devices.health import health_to_wire
from kiosk.devices.published import read_published_health
from kiosk.masking import scrub_text
from kiosk.ports.platform import (
    AuthFailed,
    Ok,
    Platform,
    Refused,
    Retryable,
    Unreachable,
)
from kiosk.store.crypto import SealError

log = logging.getLogger("sync.agent")

APP_VERSION = "0.1.0"
MAX_CRASH_RETAKES = 5
"""A row taken again after an expired lease more often than this is refused (sender_crashed)."""


def _scrub(text: Any, limit: int = 300) -> str:
    return scrub_text(str(text))[:limit]


def _iso(ts: float) -> str:
    return dt.datetime.fromtimestamp(ts, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class DrainReport:
    sent: int = 0
    rejected: int = 0
    retried: int = 0
    released: int = 0
    blobs_uploaded: int = 0
    stopped: str | None = None
    """``auth`` or ``unreachable`` when the batch stopped early, ``stop`` when asked to."""
    stop_reason: str | None = None
    unreadable: list[str] = field(default_factory=list)
    """Local references of rows this terminal cannot decrypt now: they wait, never refused."""


@dataclass
class PassReport:
    drain: DrainReport = field(default_factory=DrainReport)
    catalog: str = "not run"
    statuses: str = "not run"
    heartbeat: str = "not run"
    time: str = "not run"
    purge: str = "not run"
    """The retention purge: ``ok`` with what it removed (counts), or ``failed``."""
    platform_failure: str | None = None
    """Set when the platform was unreachable or refused our credentials."""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class AgentBusy(RuntimeError):
    """Another sync agent already runs on this data directory."""


class SyncState:
    """The agent's own small state (status cursor, clock offset), in ``<data>/sync/state.json``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.data: dict[str, Any] = json.loads(path.read_text("utf-8"))
            if not isinstance(self.data, dict):
                self.data = {}
        except (OSError, ValueError):
            self.data = {}

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def set(self, **values: Any) -> None:
        self.data.update(values)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(self.data, ensure_ascii=False, indent=1), "utf-8")
        os.replace(tmp, self.path)


class SyncAgent:
    on_turn: Callable[[], None] | None = None
    """Called each time the service loop turns (at least once a second while it waits): the
    process's watchdog (``terminal.sdnotify``) pets systemd only while this happens."""

    def __init__(
        self,
        store: Any,
        platform: Platform,
        *,
        lease_s: float = 120.0,
        backoff_base_s: float = 2.0,
        backoff_max_s: float = 900.0,
        interval_s: float = 30.0,
        heartbeat_s: float = 60.0,
        status_poll_s: float = 300.0,
        catalog_poll_s: float = 3600.0,
        purge_every_s: float = 3600.0,
        state_dir: Path | None = None,
        devices: Callable[[], dict[str, Any]] | None = None,
        rng: random.Random | None = None,
        clock: Callable[[], float] = time.time,
        workers: int = 1,
        store_factory: Callable[[], Any] | None = None,
    ) -> None:
        self.store = store
        self.platform = platform
        self.lease_s = lease_s
        self.backoff_base_s = backoff_base_s
        self.backoff_max_s = backoff_max_s
        self.interval_s = interval_s
        self.heartbeat_s = heartbeat_s
        self.status_poll_s = status_poll_s
        self.catalog_poll_s = catalog_poll_s
        self.purge_every_s = purge_every_s
        self.state_dir = Path(state_dir) if state_dir else Path(store.data_dir) / "sync"
        self.state = SyncState(self.state_dir / "state.json")
        self._devices = devices or self._devices_from_file
        self.rng = rng or random.Random()
        self.clock = clock
        self._kick = threading.Event()
        self.workers = max(1, workers)
        self.store_factory = store_factory
        self._extra_stores: list[Any] = []
        self._lock_fd: int | None = None

    @classmethod
    def from_config(cls, store: Any, platform: Platform, cfg: Any, **kw: Any) -> SyncAgent:
        s = cfg.sync
        kw.setdefault("workers", s.workers)
        kw.setdefault("purge_every_s", cfg.retention.purge_every_s)
        return cls(
            store,
            platform,
            lease_s=s.lease_s,
            backoff_base_s=s.backoff_base_s,
            backoff_max_s=s.backoff_max_s,
            interval_s=s.interval_s,
            heartbeat_s=s.heartbeat_s,
            status_poll_s=s.status_poll_s,
            catalog_poll_s=s.catalog_poll_s,
            **kw,
        )

    # ------------------------------------------------------------ single-instance lock

    def acquire(self) -> None:
        """Take the per-data-directory agent lock; AgentBusy when another agent holds it."""
        self.state_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.state_dir / "agent.lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise AgentBusy(f"another sync agent is running on {self.state_dir.parent}") from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._lock_fd = fd

    def release_lock(self) -> None:
        if self._lock_fd is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
                os.close(self._lock_fd)
            self._lock_fd = None

    # ------------------------------------------------------------ backoff

    def backoff(self, attempts: int) -> float:
        """Capped exponential backoff with jitter: base·2^(n−1), capped, times 0.5–1.0."""
        delay = min(self.backoff_max_s, self.backoff_base_s * (2 ** max(0, min(attempts - 1, 30))))
        return delay * (0.5 + 0.5 * self.rng.random())

    # ------------------------------------------------------------ the drain

    def kick(self) -> None:
        """Ask a running agent to drain now (a new row was queued in this process)."""
        self._kick.set()

    def drain(
        self, stop: threading.Event | None = None, max_rows: int | None = None
    ) -> DrainReport:
        """Send every due row once; stop early on auth failure, unreachable platform or ``stop``.

        With ``workers > 1`` (and a ``store_factory``), that many threads drain side by side,
        each with its own database connection, so that one row's network wait overlaps another
        row's local work. Rows are independent (each carries its own idempotency key and its
        materials are content-addressed), so their order of arrival does not matter.
        """
        report = DrainReport()
        halt = threading.Event()
        budget = [max_rows]
        lock = threading.Lock()
        stores = self._worker_stores()
        skip: set[int] = set()
        if len(stores) == 1:
            self._drain_worker(stores[0], report, lock, stop, halt, budget, skip)
            self._note_unreadable(report)
            return report
        threads = [
            threading.Thread(
                target=self._drain_worker,
                args=(st, report, lock, stop, halt, budget, skip),
                name=f"sync-drain-{i}",
                daemon=True,
            )
            for i, st in enumerate(stores)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self._note_unreadable(report)
        return report

    def _note_unreadable(self, report: DrainReport) -> None:
        """Keep the list of rows waiting for the key beside the data; audit when it changes."""
        if report.stopped and not report.unreadable:
            return  # a pass cut short says nothing about the rows it did not reach
        from kiosk.store.audit import AuditLog
        from kiosk.store.db import UNREADABLE_NAME

        value = json.dumps(sorted(report.unreadable)) if report.unreadable else None
        try:
            before = self.store.meta(UNREADABLE_NAME)
            if value == before:
                return
            self.store.set_meta(UNREADABLE_NAME, value)
            with self.store.tx() as c:
                AuditLog(c).append("sync.unreadable", rows=len(report.unreadable))
        except Exception as exc:  # a full disk must not stop the drain's report
            log.error("cannot record the rows waiting for the data key: %s", _scrub(exc))
        if report.unreadable:
            log.error(
                "%d outbox rows cannot be decrypted with this terminal's key; they wait for "
                "the key (kiosk store key restore FILE)",
                len(report.unreadable),
            )

    def _worker_stores(self) -> list[Any]:
        if self.workers <= 1 or self.store_factory is None:
            return [self.store]
        while len(self._extra_stores) < self.workers - 1:
            self._extra_stores.append(self.store_factory())
        return [self.store, *self._extra_stores[: self.workers - 1]]

    def close(self) -> None:
        """Close the extra connections of the drain workers (the main store is the caller's)."""
        for st in self._extra_stores:
            with contextlib.suppress(Exception):
                st.close()
        self._extra_stores.clear()

    def _drain_worker(
        self,
        store: Any,
        report: DrainReport,
        lock: threading.Lock,
        stop: threading.Event | None,
        halt: threading.Event,
        budget: list[int | None],
        skip: set[int],
    ) -> None:
        outbox = store.outbox
        while not halt.is_set():
            if stop is not None and stop.is_set():
                with lock:
                    report.stopped = report.stopped or "stop"
                return
            with lock:
                if budget[0] is not None:
                    if budget[0] <= 0:
                        return
                    budget[0] -= 1
            with lock:
                skipped = tuple(skip)
            row = outbox.lease_next(self.clock(), self.lease_s, skip=skipped)
            if row is None:
                return
            if (
                row.attempts > MAX_CRASH_RETAKES
                and self._crash_retakes(store, row) > MAX_CRASH_RETAKES
            ):
                # Taken again after an expired lease, over and over: whatever happens while
                # sending it kills the agent. Refuse it so that the rows behind it move.
                self._reject(
                    store,
                    row,
                    "sender_crashed",
                    f"the agent stopped {MAX_CRASH_RETAKES}+ times while sending this row",
                    None,
                )
                with lock:
                    report.rejected += 1
                continue
            try:
                outcome = self._send_row(store, row, report, lock)
            except Exception as exc:  # a poisoned row must never block the next one
                # the traceback is scrubbed too: an exception message may quote data
                log.error(
                    "outbox row %s (%s): unexpected error; retrying later\n%s",
                    row.id,
                    row.kind,
                    _scrub("".join(traceback.format_exception(exc)), limit=8000),
                )
                self._retry(
                    store, row, f"local error: {type(exc).__name__}: {_scrub(exc)}", None, None
                )
                with lock:
                    report.retried += 1
                continue
            if isinstance(outcome, AuthFailed | Unreachable):
                reason = (
                    f"{outcome.code}: {outcome.reason}"
                    if isinstance(outcome, AuthFailed)
                    else outcome.reason
                )
                outbox.release(row, reason, now=self.clock())
                halt.set()
                with lock:
                    report.released += 1
                    if report.stopped not in ("auth", "unreachable"):
                        report.stopped = (
                            "auth" if isinstance(outcome, AuthFailed) else "unreachable"
                        )
                        report.stop_reason = reason
                        log.error("sync batch stopped: %s (%s)", report.stopped, _scrub(reason))
                return
            if outcome == "lost":  # another sender took the row over: theirs to settle
                continue
            if outcome == "unreadable":  # waits for the key: never refused, no attempt burnt
                outbox.release(row, "cannot be decrypted with this terminal's key", self.clock())
                ref = outbox.local_ref(row)
                with lock:
                    skip.add(row.id)
                    report.unreadable.append(ref)
                continue
            with lock:
                if outcome == "sent":
                    report.sent += 1
                elif outcome == "rejected":
                    report.rejected += 1
                else:
                    report.retried += 1

    @staticmethod
    def _crash_retakes(store: Any, row: Any) -> int:
        """How many times in a row this row was taken again after its lease expired."""
        n = 0
        for a in reversed(store.outbox.attempts(row.id)):
            if a["to"] != "sending":
                break
            if a["detail"] == "lease expired; taken again":
                n += 1
        return n

    def _retry(
        self, store: Any, row: Any, reason: str, retry_after: float | None, status: int | None
    ) -> None:
        now = self.clock()
        delay = retry_after if retry_after is not None else self.backoff(row.attempts)
        store.outbox.mark_retry(row, now + delay, _scrub(reason), http_status=status, now=now)

    def _reject(self, store: Any, row: Any, code: str, reason: str, status: int | None) -> None:
        reason = _scrub(reason)
        store.outbox.mark_rejected(row, code, reason, http_status=status, now=self.clock())
        if row.kind == "application":
            with contextlib.suppress(Exception):
                store.applications.mark_refused(row.ref_id, code, reason)
        log.warning("outbox row %s (%s) refused for good: %s: %s", row.id, row.kind, code, reason)

    def _send_row(
        self, store: Any, row: Any, report: DrainReport, lock: threading.Lock
    ) -> str | AuthFailed | Unreachable:
        """``sent`` | ``rejected`` | ``retry`` | ``lost`` (the lease went to another sender) |
        ``unreadable`` (cannot be decrypted with the key this terminal holds now),
        or why the whole batch must stop."""
        try:
            body = store.outbox.body(row)
        except SealError:  # sealed with a key this terminal does not hold now: wait for it
            return "unreadable"
        except Exception as exc:  # purged: cannot ever be sent
            self._reject(
                store,
                row,
                "local_unreadable",
                f"the stored request cannot be read ({type(exc).__name__})",
                None,
            )
            return "rejected"
        materials = store.applications.materials_of(row.ref_id) if row.kind == "application" else []
        for sha, _size, _mime in materials:
            if (row := self._hold(store, row)) is None:
                return "lost"
            outcome = self._upload_blob(store, row, sha, report, lock)
            if outcome is not None:
                return outcome
        if (row := self._hold(store, row)) is None:
            return "lost"
        result = self.platform.post_record(row.kind, row.idempotency_key, body)
        if isinstance(result, Refused) and result.code == "blob_missing" and materials:
            # The platform said it had a blob and then did not (lost, expired): upload every
            # material again without asking, and try once more before refusing for good.
            log.warning("outbox row %s: the platform lacks a material; uploading again", row.id)
            for sha, _size, _mime in materials:
                if (row := self._hold(store, row)) is None:
                    return "lost"
                outcome = self._upload_blob(store, row, sha, report, lock, ask_first=False)
                if outcome is not None:
                    return outcome
            if (row := self._hold(store, row)) is None:
                return "lost"
            result = self.platform.post_record(row.kind, row.idempotency_key, body)
        return self._settle(store, row, result)

    def _hold(self, store: Any, row: Any) -> Any:
        """The row with its lease renewed before the next request of a long send (so a slow
        link never looks like a crashed sender), or None if another sender holds it now."""
        renewed = store.outbox.renew(row, self.clock(), self.lease_s)
        if renewed is None:
            log.warning("outbox row %s: lease lost to another sender; leaving it to them", row.id)
        return renewed

    def _upload_blob(
        self,
        store: Any,
        row: Any,
        sha: str,
        report: DrainReport,
        lock: threading.Lock,
        ask_first: bool = True,
    ) -> str | AuthFailed | Unreachable | None:
        """None when the platform has the blob (now); else the row's outcome."""
        if ask_first:
            head = self.platform.blob_exists(sha)
            if not isinstance(head, Ok):
                return self._settle(store, row, head)
            if head.data:
                return None
        try:
            data = store.blobs.get(sha)
        except SealError:
            return "unreadable"
        except Exception as exc:
            self._reject(
                store,
                row,
                "blob_missing_local",
                f"material file {sha[:12]}… cannot be read on this terminal ({type(exc).__name__})",
                None,
            )
            return "rejected"
        put = self.platform.put_blob(sha, data)
        if isinstance(put, Ok):
            with lock:
                report.blobs_uploaded += 1
            return None
        return self._settle(store, row, put)

    def _settle(self, store: Any, row: Any, result: Any) -> str | AuthFailed | Unreachable:
        if isinstance(result, Ok):
            store.outbox.mark_sent(row, result.status, result.data.body, now=self.clock())
            return "sent"
        if isinstance(result, Refused):
            self._reject(store, row, result.code, result.reason, result.status)
            return "rejected"
        if isinstance(result, Retryable):
            log.info("outbox row %s (%s): retry later: %s", row.id, row.kind, _scrub(result.reason))
            self._retry(store, row, result.reason, result.retry_after, result.status)
            return "retry"
        return result  # AuthFailed | Unreachable: the caller stops the batch

    # ------------------------------------------------------------ pulls

    def pull_catalog(self) -> tuple[str, Any]:
        """Fetch and apply the catalog delta; the last good catalog stays on any problem."""
        from kiosk.catalog.validate import CatalogInvalid

        current = self.store.catalog.version()
        # the bundled sample: ask for the whole catalog, whatever its version replaces ours
        sample = self.store.catalog.source() == "sample"
        result = self.platform.catalog(None if sample else current or None)
        if not isinstance(result, Ok):
            return "failed", result
        delta = result.data
        if not sample and delta.version < current:
            log.warning(
                "platform catalog version %s is older than ours (%s); ignored",
                delta.version,
                current,
            )
            return "stale", None
        if not sample and delta.version == current:
            return "current", None
        try:
            change = self.store.catalog.apply_delta(
                delta.version, delta.full, delta.items, delta.withdrawn
            )
        except CatalogInvalid as exc:
            msg = _scrub(exc)
            log.warning(
                "catalog version %s refused, keeping version %s: %s", delta.version, current, msg
            )
            if self.state.get("catalog_refused_version") != delta.version:
                self.state.set(catalog_refused_version=delta.version, catalog_refused_reason=msg)
                with contextlib.suppress(Exception), self.store.tx() as c:
                    from kiosk.store.audit import AuditLog

                    AuditLog(c).append(
                        "catalog.refused",
                        version=delta.version,
                        problems=len(exc.problems),
                        first=msg,
                    )
            return "refused", msg
        if change is None:
            return "current", None
        self.state.set(catalog_refused_version=None, catalog_refused_reason=None)
        log.info("catalog now version %s (%s items)", change.version, change.total)
        return "applied", change

    def pull_statuses(self) -> tuple[str, Any]:
        result = self.platform.status_changes(self.state.get("status_since"))
        if not isinstance(result, Ok):
            return "failed", result
        updated = 0
        for ch in result.data.changes:
            history = [{"status": h.status, "at": h.at, "note": h.note} for h in ch.history]
            if self.store.applications.update_status(
                ch.local_ref, ch.status, ch.updated_at, history
            ):
                updated += 1
        self.state.set(status_since=result.data.until)
        return "ok", updated

    def sync_time(self) -> tuple[str, Any]:
        result = self.platform.server_time()
        if not isinstance(result, Ok):
            return "failed", result
        offset = result.data - time.time()
        self.state.set(
            clock_offset_s=round(self.platform.clock_offset_s, 3), platform_time=_iso(result.data)
        )
        if abs(offset) > 60:
            log.warning("this terminal's clock is %+.0f s off the platform's", offset)
        return "ok", offset

    def _devices_from_file(self) -> dict[str, Any]:
        """Device health published by the UI process (``<data>/devices.json``), if any; a
        stale report says ``unknown`` for every device."""
        health, _age = read_published_health(
            self.store.data_dir, max_age_s=max(60.0, 3 * self.heartbeat_s), now=self.clock()
        )
        return {name: health_to_wire(h) for name, h in health.items()}

    def heartbeat(self) -> tuple[str, Any]:
        counts = self.store.outbox.counts(self.clock())
        payload = {
            "at": _iso(self.clock() + self.platform.clock_offset_s),
            "versions": {"app": APP_VERSION, "catalog": self.store.catalog.version()},
            "devices": self._devices(),
            "queue": {
                "pending": counts.pending + counts.sending,
                "retry": counts.retry,
                "rejected": counts.rejected,
                "oldest_pending_s": counts.oldest_pending_s,
            },
        }
        result = self.platform.heartbeat(payload)
        if not isinstance(result, Ok):
            return "failed", result
        for cmd in result.data.commands:
            log.info(
                "platform command %r (id %s) is not known to this version; ignored",
                cmd.name,
                cmd.id,
            )
        return "ok", len(result.data.commands)

    # ------------------------------------------------------------ retention

    def purge(self) -> Any:
        """Apply the retention period (``kiosk.store.retention``) as of the agent's clock.

        A failure is logged (its type only: a message could quote data) and tried again on
        the next timer; it never stops the agent. Returns the report, or None on failure."""
        try:
            report = self.store.purge_expired(self.clock())
        except Exception as exc:
            log.error(
                "retention purge failed (%s); next try in %.0f s",
                type(exc).__name__,
                self.purge_every_s,
            )
            return None
        if report.removed:
            log.info("retention purge: %s", report.counts())
        return report

    # ------------------------------------------------------------ one pass

    def run_once(self) -> PassReport:
        """Catalog, time, drain, statuses, heartbeat — one pass that never waits for backoff."""
        rep = PassReport()

        def note(name: str, outcome: tuple[str, Any]) -> None:
            status, detail = outcome
            text = status if status != "failed" else f"failed: {_describe(detail)}"
            setattr(rep, name, text)
            if isinstance(detail, AuthFailed | Unreachable) and rep.platform_failure is None:
                rep.platform_failure = _describe(detail)

        note("time", self.sync_time())
        if rep.platform_failure is None:
            note("catalog", self.pull_catalog())
        rep.drain = self.drain()
        if rep.drain.stopped in ("auth", "unreachable") and rep.platform_failure is None:
            rep.platform_failure = f"{rep.drain.stopped}: {_scrub(rep.drain.stop_reason)}"
        if rep.platform_failure is None:
            note("statuses", self.pull_statuses())
            note("heartbeat", self.heartbeat())
        # retention needs no platform: statuses just pulled may have confirmed applications
        purged = self.purge()
        rep.purge = "failed" if purged is None else f"ok: {purged.removed} removed"
        return rep

    # ------------------------------------------------------------ the service

    def run(self, stop: threading.Event) -> None:
        """Run until ``stop`` is set (SIGTERM): drains, pulls and heartbeats on their schedules."""
        now = self.clock()
        due = dict.fromkeys(("drain", "catalog", "statuses", "heartbeat", "time", "purge"), now)
        offline_until: float | None = None
        offline_attempts = 0
        data_version = self._data_version()
        while not stop.is_set():
            if self.on_turn is not None:
                self.on_turn()
            now = self.clock()
            if now >= due["purge"]:  # needs no platform: runs offline too
                due["purge"] = now + self.purge_every_s
                self.purge()
            if offline_until is not None:
                if now < offline_until:
                    self._wait(stop, offline_until - now)
                    continue
                probe = self.platform.server_time()
                if isinstance(probe, Unreachable | AuthFailed):
                    offline_attempts += 1
                    offline_until = now + self.backoff(offline_attempts)
                    continue
                log.info("platform reachable again; draining")
                offline_until, offline_attempts = None, 0
                due["drain"] = now
            changed = self._data_version()
            if changed != data_version or self._kick.is_set():
                data_version = changed
                self._kick.clear()
                due["drain"] = now
            failure: Any = None
            if now >= due["time"]:
                due["time"] = now + self.status_poll_s
                failure = failure or _platform_failure(self.sync_time())
            if now >= due["catalog"] and failure is None:
                due["catalog"] = now + self.catalog_poll_s
                failure = _platform_failure(self.pull_catalog())
            if now >= due["drain"] and failure is None:
                # Read the version first: a row queued by another process while this drain
                # runs must trigger another pass (our own workers' commits cost one empty pass).
                version_before = self._data_version()
                report = self.drain(stop)
                due["drain"] = now + self.interval_s
                if report.sent or report.rejected or report.retried:
                    log.info(
                        "drained: %d sent, %d refused, %d to retry",
                        report.sent,
                        report.rejected,
                        report.retried,
                    )
                if report.stopped in ("auth", "unreachable"):
                    failure = report.stopped
                data_version = version_before
            if now >= due["statuses"] and failure is None:
                due["statuses"] = now + self.status_poll_s
                failure = _platform_failure(self.pull_statuses())
            if now >= due["heartbeat"] and failure is None:
                due["heartbeat"] = now + self.heartbeat_s
                failure = _platform_failure(self.heartbeat())
            if failure is not None:
                offline_attempts += 1
                offline_until = self.clock() + self.backoff(offline_attempts)
                log.warning(
                    "platform not usable (%s); next try in %.0f s",
                    _scrub(failure),
                    offline_until - self.clock(),
                )
                continue
            next_row = self.store.outbox.next_due_at()
            wake = min(due.values())
            if next_row is not None:
                wake = min(wake, next_row)
            self._wait(stop, wake - self.clock())

    def _wait(self, stop: threading.Event, seconds: float) -> None:
        """Sleep up to ``seconds``, waking each second to notice new rows from other processes."""
        end = self.clock() + max(0.0, seconds)
        version = self._data_version()
        while not stop.is_set() and not self._kick.is_set():
            left = end - self.clock()
            if left <= 0:
                return
            stop.wait(min(1.0, left))
            if self.on_turn is not None:
                self.on_turn()
            if self._data_version() != version:
                return

    def _data_version(self) -> int:
        """Changes whenever another connection commits (e.g. the UI queued a row)."""
        try:
            return int(self.store.conn.execute("PRAGMA data_version").fetchone()[0])
        except Exception:
            return 0


def _describe(detail: Any) -> str:
    if isinstance(detail, AuthFailed):
        return f"credentials refused ({detail.code}: {_scrub(detail.reason)})"
    if isinstance(detail, Unreachable):
        return f"unreachable ({_scrub(detail.reason)})"
    if isinstance(detail, Retryable):
        return f"retry later ({_scrub(detail.reason)})"
    if isinstance(detail, Refused):
        return f"refused ({detail.code}: {_scrub(detail.reason)})"
    return _scrub(detail)


def _platform_failure(outcome: tuple[str, Any]) -> str | None:
    status, detail = outcome
    if status == "failed" and isinstance(detail, AuthFailed | Unreachable):
        return _describe(detail)
    return None
