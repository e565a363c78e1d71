"""The sync agent: drains the outbox to the platform, pulls catalog and statuses, heartbeats.

The outbox (``kiosk.store.outbox``) is the only queue. One pass of :meth:`SyncAgent.drain`:

1. ``lease_next`` marks the next due row ``sending`` (with a lease) *before* anything leaves;
2. for an application, each scanned material goes up content-addressed: ``HEAD`` and, when the
   platform lacks it, ``PUT`` of the decrypted bytes; then the exact stored body is POSTed with
   its idempotency key;
3. the answer decides the row's next state:

   - ``Ok`` → ``mark_sent`` (the platform's answer is stored in the same transaction), only now;
   - a 422 with a code the contract names (``item_unknown``, ``item_withdrawn``,
     ``blob_missing``, ``invalid``) → ``mark_rejected``: terminal, shown by ``kiosk queue``;
   - a 409 or ``hash_mismatch`` → ``quarantine``, and the platform is asked (``GET`` by
     ``local_ref``) whether it holds the application: if it does, the row is sent with the
     platform's number;
   - any other 4xx (a proxy's 404, 405…) → retried with backoff, counted in the health;
   - ``Retryable`` → ``mark_retry`` with capped exponential backoff and jitter on the row's
     *failure* count; a 429/503 with ``Retry-After`` is no failure: it pauses the whole drain
     (every worker, and the next pass: the time is kept in the agent's state) until then;
   - ``AuthFailed`` (401, 403) / ``Unreachable`` → ``release`` (the attempt is not counted) and
     the whole batch stops: no point hammering a platform that refuses our key or is not there.

A row whose body or material cannot be decrypted (sealed with a key this terminal does not
hold now) is never refused: it is given back without counting the attempt, skipped for the
rest of the pass, and listed by local reference (``store_meta.unreadable_rows``, shown by
``kiosk status``; an audit entry with the count when that changes) until the key returns. A
row that cannot be processed locally otherwise (body purged, material file gone) is refused
with a local code; an unexpected exception on one row is logged and the row retried later — the next
row never waits behind a poisoned one. A crash at any point leaves the row ``sending`` with a
lease that expires; the platform's idempotency makes the resend harmless: a row taken again
after a crash is sent again, never refused for it. Only a row that keeps killing the sender
(``MAX_CRASH_RETAKES`` retakes in a row) is quarantined — an alert in the heartbeat, retried by a
technician with ``kiosk queue retry REF``.

Nothing the platform sends can kill the agent: every pull (catalog, statuses, commands) is
guarded; a bad answer is logged (its type, scrubbed), counted in the health and skipped, and the
drain goes first in every pass.

A full disk degrades, it does not wedge: the lock and the agent's state fall back to memory,
a row that cannot be leased in the database is leased in memory (one agent per data
directory), and when space is low the scan files of applications the platform has confirmed
are deleted before ``purge_after_days`` (logged, and shown by ``kiosk status``) so that the
marks of what was sent can be written; a mark that still cannot be written leaves the row to
be sent again — the idempotency key makes that harmless.

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
import dataclasses
import datetime as dt
import fcntl
import json
import logging
import os
import random
import socket
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
from kiosk.store.errors import StoreFull
from kiosk.store.space import low_on_space
from sync.update.boot import app_version

log = logging.getLogger("sync.agent")

MAX_CRASH_RETAKES = 5
"""A row taken again after an expired lease more often than this in a row is quarantined
(``sender_crashed``): it is set aside for a technician, never refused."""
FINAL_CODES = frozenset({"item_unknown", "item_withdrawn", "blob_missing", "invalid"})
"""The 422 codes the contract names as final refusals: the only platform answers that refuse a
row for good."""
QUARANTINE_CODES = frozenset({"idempotency_conflict", "hash_mismatch"})
"""Answers a technician must look at (with a 409): the platform may hold the record already."""
LOW_SPACE_META = "low_space_purge"
"""``store_meta`` entry: the last early deletion of confirmed scans (``kiosk status``)."""
"""Below this much free space (or a twentieth of a smaller file system) the agent deletes
confirmed scans before ``purge_after_days``."""


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
    quarantined: int = 0
    paused_until: float | None = None
    """Set when a 429/503 with Retry-After paused the whole drain (agent clock)."""
    unrecorded: int = 0
    """Rows sent whose mark could not be written (full disk): they will be sent again."""


@dataclass
class PassReport:
    drain: DrainReport = field(default_factory=DrainReport)
    catalog: str = "not run"
    seal_trust: str = "not run"
    """The province's seal-issuer certificates, pulled with the catalog (docs/seals.md)."""
    statuses: str = "not run"
    heartbeat: str = "not run"
    time: str = "not run"
    purge: str = "not run"
    """The retention purge: ``ok`` with what it removed (counts), or ``failed``."""
    platform_failure: str | None = None
    """Set when the platform was unreachable or refused our credentials."""
    health: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class AgentBusy(RuntimeError):
    """Another sync agent already runs on this data directory."""


@dataclass
class AgentHealth:
    """What went wrong lately, for the heartbeat and ``kiosk sync --once --json`` (counts and
    codes only: no personal data)."""

    bad_answers: dict[str, int] = field(default_factory=dict)
    """Pulls whose answer could not be used (``catalog``, ``statuses``, ``commands``)."""
    last_bad_answer: str | None = None
    unexpected_4xx: int = 0
    """Refusals the contract does not name (a proxy's 404, 405…): retried with backoff."""
    last_unexpected_4xx: str | None = None
    quarantined: int = 0
    paused_until: str | None = None
    store_full: int = 0
    """Writes the full disk refused."""
    low_space_files: int = 0
    """Confirmed scans deleted early because space was low."""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class SyncState:
    """The agent's own small state (status cursor, clock offset, pause), in
    ``<data>/sync/state.json``; kept in memory when the disk refuses the write."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.unsaved = False
        try:
            self.data: dict[str, Any] = json.loads(path.read_text("utf-8"))
            if not isinstance(self.data, dict):
                self.data = {}
        except (OSError, ValueError, RecursionError):
            self.data = {}

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def set(self, **values: Any) -> None:
        self.data.update(values)
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(json.dumps(self.data, ensure_ascii=False, indent=1), "utf-8")
            os.replace(tmp, self.path)
        except OSError as exc:  # a full disk: keep it in memory, write it next time
            with contextlib.suppress(OSError):
                tmp.unlink()
            if not self.unsaved:
                log.warning("sync state kept in memory: cannot write it (%s)", exc.strerror)
            self.unsaved = True
        else:
            self.unsaved = False


class SyncAgent:
    on_turn: Callable[[], None] | None = None
    """Called each time the service loop turns (at least once a second while it waits): the
    process's watchdog (``terminal.sdnotify``) pets systemd only while this happens."""
    on_restart: Callable[[], None] | None = None
    """The shell's restart for the platform's ``restart`` command (see :meth:`request_restart`)."""
    restart_requested = False
    last_heartbeat_at: float | None = None
    fleet: Any = None
    """The remote commands' runner (:class:`sync.commands.CommandRunner`); ``from_config``
    makes it, the shell adds the handlers that need the UI process's service."""
    display: Any = None
    """``kiosk run``: a callable giving the screen's state, ``asleep`` or ``awake`` (opening
    hours, ui/viewmodels/sleep.py); None where this process has no screen."""
    _fleet_started = False

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
        self._lock_sock: socket.socket | None = None
        self.health = AgentHealth()
        self._health_lock = threading.Lock()
        self._memory_leases: set[int] = set()
        """Rows leased in memory only (the disk refused the lease's write)."""
        self._disk_full_rows: set[int] = set()
        """Rows whose settling the full disk refused: their expired leases are no crash."""
        try:
            self._paused_until = float(self.state.get("paused_until") or 0.0)
        except (TypeError, ValueError):
            self._paused_until = 0.0

    @classmethod
    def from_config(cls, store: Any, platform: Platform, cfg: Any, **kw: Any) -> SyncAgent:
        s = cfg.sync
        kw.setdefault("workers", s.workers)
        kw.setdefault("purge_every_s", cfg.retention.purge_every_s)
        agent = cls(
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
        from sync.commands import agent_runner

        agent.fleet = agent_runner(agent, cfg)
        return agent

    # ------------------------------------------------------------ single-instance lock

    def acquire(self) -> None:
        """Take the per-data-directory agent lock; AgentBusy when another agent holds it.

        Two locks, both needed: an ``flock`` on ``<data>/sync/agent.lock`` and an abstract
        Unix socket named after the data directory (held in memory: it needs no disk, so an
        agent started on a full disk where the lock file cannot be created still excludes
        another)."""
        busy = AgentBusy(f"another sync agent is running on {self.state_dir.parent}")
        import hashlib

        name = hashlib.sha256(str(self.state_dir.resolve()).encode()).hexdigest()[:32]
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.bind(f"\0bianmin-sync-{name}")
        except OSError:
            sock.close()
            raise busy from None
        self._lock_sock = sock
        try:
            self.state_dir.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.state_dir / "agent.lock", os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:  # a full disk: the in-memory lock above is enough
            log.warning(
                "agent lock file unavailable (%s); holding the lock in memory", exc.strerror
            )
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            self.release_lock()
            raise busy from None
        with contextlib.suppress(OSError):  # the pid is a courtesy; a full disk may refuse it
            os.ftruncate(fd, 0)
            os.write(fd, str(os.getpid()).encode())
        self._lock_fd = fd

    def release_lock(self) -> None:
        if self._lock_fd is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
                os.close(self._lock_fd)
            self._lock_fd = None
        if self._lock_sock is not None:
            self._lock_sock.close()
            self._lock_sock = None

    # ------------------------------------------------------------ health and pause

    def _count(self, **changes: Any) -> None:
        with self._health_lock:
            for name, value in changes.items():
                if isinstance(value, int) and not isinstance(value, bool):
                    setattr(self.health, name, getattr(self.health, name) + value)
                else:
                    setattr(self.health, name, value)

    @property
    def paused_until(self) -> float | None:
        """Until when (agent clock) the platform asked us to send nothing, if that is ahead."""
        return self._paused_until if self._paused_until > self.clock() else None

    def _pause(self, seconds: float, why: str) -> None:
        until = self.clock() + max(0.0, seconds)
        with self._health_lock:
            if until <= self._paused_until:
                return
            self._paused_until = until
            self.health.paused_until = _iso(until)
        log.warning("platform asked to wait %.0f s (%s): the whole drain pauses", seconds, why)
        self.state.set(paused_until=until)

    # ------------------------------------------------------------ backoff

    def backoff(self, attempts: int) -> float:
        """Capped exponential backoff with jitter: base·2^(n−1), capped, times 0.5–1.0
        (``attempts``: the row's failed sends, this one included)."""
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
        while not halt.is_set():
            if stop is not None and stop.is_set():
                with lock:
                    report.stopped = report.stopped or "stop"
                return
            if self.paused_until is not None:  # a 429/503 Retry-After: nobody sends
                with lock:
                    report.paused_until = self._paused_until
                return
            with lock:
                if budget[0] is not None:
                    if budget[0] <= 0:
                        return
                    budget[0] -= 1
            row = self._lease(store, lock, skip)
            if row is None:
                return
            try:
                self._process(store, row, report, lock, halt, skip)
            except StoreFull:
                # The disk refused a write (a mark, a retry time): the row stays as the
                # database has it and goes out again later; the idempotency key makes the
                # resend harmless. Never a traceback, never the end of the drain.
                self._count(store_full=1)
                log.error("outbox row %s: the disk is full; the row will be sent again", row.id)
                with lock:
                    skip.add(row.id)
                    report.unrecorded += 1
                    self._disk_full_rows.add(row.id)
            finally:
                with lock:
                    self._memory_leases.discard(row.id)

    def _lease(self, store: Any, lock: threading.Lock, skip: set[int]) -> Any:
        """The next due row, leased in the database — or in memory when the disk is full."""
        with lock:
            skipped = tuple(skip | self._memory_leases)
        try:
            return store.outbox.lease_next(self.clock(), self.lease_s, skip=skipped)
        except StoreFull:
            self._count(store_full=1)
            self.free_space(store)
            try:
                return store.outbox.lease_next(self.clock(), self.lease_s, skip=skipped)
            except StoreFull:
                pass
        with lock:  # only this agent sends from this data directory (the lock)
            rows = store.outbox.due_rows(self.clock(), tuple(skip | self._memory_leases))
            if not rows:
                return None
            self._memory_leases.add(rows[0].id)
        log.warning("outbox row %s leased in memory: the disk is full", rows[0].id)
        return dataclasses.replace(rows[0], state="sending", attempts=rows[0].attempts + 1)

    def _process(
        self,
        store: Any,
        row: Any,
        report: DrainReport,
        lock: threading.Lock,
        halt: threading.Event,
        skip: set[int],
    ) -> None:
        outbox = store.outbox
        if (
            row.attempts > MAX_CRASH_RETAKES
            and row.id not in self._disk_full_rows  # the disk, not a crash, left it leased
            and self._crash_retakes(store, row) > MAX_CRASH_RETAKES
        ):
            # Taken again after an expired lease, over and over: whatever happens while
            # sending it kills the agent. Set it aside for a technician (never refused: the
            # resident is not at fault) so that the rows behind it move.
            self._quarantine(
                store,
                row,
                "sender_crashed",
                f"the agent stopped {MAX_CRASH_RETAKES}+ times in a row while sending this row",
                None,
            )
            with lock:
                report.quarantined += 1
            return
        try:
            outcome = self._send_row(store, row, report, lock)
        except StoreFull:
            raise
        except Exception as exc:  # a poisoned row must never block the next one
            # the traceback is scrubbed too: an exception message may quote data
            log.error(
                "outbox row %s (%s): unexpected error; retrying later\n%s",
                row.id,
                row.kind,
                _scrub("".join(traceback.format_exception(exc)), limit=8000),
            )
            self._retry(store, row, f"local error: {type(exc).__name__}: {_scrub(exc)}", None, None)
            with lock:
                report.retried += 1
            return
        if isinstance(outcome, AuthFailed | Unreachable):
            reason = (
                f"{outcome.code}: {outcome.reason}"
                if isinstance(outcome, AuthFailed)
                else outcome.reason
            )
            halt.set()
            with lock:
                report.released += 1
                if report.stopped not in ("auth", "unreachable"):
                    report.stopped = "auth" if isinstance(outcome, AuthFailed) else "unreachable"
                    report.stop_reason = reason
                    log.error("sync batch stopped: %s (%s)", report.stopped, _scrub(reason))
            if row.id not in self._memory_leases:
                outbox.release(row, reason, now=self.clock())
            return
        if outcome == "lost":  # another sender took the row over: theirs to settle
            return
        if outcome == "unreadable":  # waits for the key: never refused, no attempt burnt
            if row.id not in self._memory_leases:
                outbox.release(row, "cannot be decrypted with this terminal's key", self.clock())
            ref = outbox.local_ref(row)
            with lock:
                skip.add(row.id)
                report.unreadable.append(ref)
            return
        with lock:
            if outcome == "sent":
                report.sent += 1
            elif outcome == "rejected":
                report.rejected += 1
            elif outcome == "quarantined":
                report.quarantined += 1
            elif outcome == "paused":
                report.retried += 1
                report.paused_until = self._paused_until
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
        self,
        store: Any,
        row: Any,
        reason: str,
        retry_after: float | None,
        status: int | None,
        failed: bool = True,
    ) -> None:
        """Back to ``retry``: at ``retry_after`` when the platform gave one, else after the
        backoff for the row's failures (this one included when ``failed``)."""
        now = self.clock()
        if retry_after is not None:
            delay = retry_after
        else:
            delay = self.backoff(row.failures + (1 if failed else 0))
        store.outbox.mark_retry(
            row, now + delay, _scrub(reason), http_status=status, now=now, failed=failed
        )

    def _quarantine(self, store: Any, row: Any, code: str, reason: str, status: int | None) -> None:
        reason = _scrub(reason)
        store.outbox.quarantine(row, code, reason, http_status=status, now=self.clock())
        self._count(quarantined=1)
        log.error(
            "outbox row %s (%s) quarantined for a technician (kiosk queue retry): %s: %s",
            row.id,
            row.kind,
            code,
            reason,
        )

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
        if row.id in self._memory_leases:
            return row  # leased in memory on a full disk: nobody else sends
        try:
            renewed = store.outbox.renew(row, self.clock(), self.lease_s)
        except StoreFull:
            return row  # the lease is ours until it expires; only this agent sends
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
            if self._platform_holds(store, row):  # e.g. its scans went early for space
                return "sent"
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
        result = _as_auth(result)
        if isinstance(result, Ok):
            self._mark_sent(store, row, result.status, result.data.body)
            return "sent"
        if isinstance(result, Refused):
            code = result.code
            if result.status is None or (result.status == 422 and code in FINAL_CODES):
                # the contract's final refusals, or a local one (no route for this kind)
                self._reject(store, row, code, result.reason, result.status)
                return "rejected"
            if result.status == 409 or code in QUARANTINE_CODES:
                return self._quarantine_and_ask(store, row, result)
            # Not a refusal the contract names (a proxy's 404 or 405, a 400 without a known
            # code): never final; retried with backoff and shown in the health.
            text = f"HTTP {result.status} {code}"
            self._count(unexpected_4xx=1, last_unexpected_4xx=text)
            log.warning(
                "outbox row %s (%s): unexpected %s (%s); retrying with backoff",
                row.id,
                row.kind,
                text,
                _scrub(result.reason),
            )
            self._retry(store, row, f"{text}: {result.reason}", None, result.status)
            return "retry"
        if isinstance(result, Retryable):
            log.info("outbox row %s (%s): retry later: %s", row.id, row.kind, _scrub(result.reason))
            if result.retry_after is not None and result.status in (429, 503):
                # The platform's pause, not the row's failure: every worker waits.
                self._pause(result.retry_after, f"HTTP {result.status}")
                self._retry(
                    store, row, result.reason, result.retry_after, result.status, failed=False
                )
                return "paused"
            self._retry(store, row, result.reason, None, result.status)
            return "retry"
        return result  # AuthFailed | Unreachable: the caller stops the batch

    def _mark_sent(self, store: Any, row: Any, status: int, body: dict[str, Any]) -> None:
        """Record the platform's answer; on a full disk free confirmed scans and try again."""
        try:
            store.outbox.mark_sent(row, status, body, now=self.clock())
            return
        except StoreFull:
            self._count(store_full=1)
        self.free_space(store, confirmed=(row.ref_id,) if row.kind == "application" else ())
        store.outbox.mark_sent(row, status, body, now=self.clock())  # StoreFull: sent again

    def _quarantine_and_ask(self, store: Any, row: Any, result: Refused) -> str:
        """A 409 or ``hash_mismatch``: set aside, then ask the platform whether it holds the
        application (``GET`` by ``local_ref``); if it does, the row is sent with its number."""
        self._quarantine(
            store, row, result.code or f"http_{result.status}", result.reason, result.status
        )
        return "sent" if self._platform_holds(store, store.outbox.get(row.id)) else "quarantined"

    def _platform_holds(self, store: Any, row: Any) -> bool:
        """Ask the platform (``GET`` by ``local_ref``) whether it holds this application; if
        it does, mark the row sent with the platform's number."""
        if row.kind != "application":
            return False
        ref = store.outbox.local_ref(row)
        held = self.platform.application_status(ref)
        if not isinstance(held, Ok) or held.data.local_ref != ref:
            log.warning(
                "outbox row %s: the platform does not say it holds %s (%s)",
                row.id,
                ref,
                _describe(held) if not isinstance(held, Ok) else "another reference",
            )
            return False
        answer = {
            "application_no": held.data.application_no,
            "local_ref": held.data.local_ref,
            "status": held.data.status,
        }
        self._mark_sent(store, row, 200, answer)
        log.info(
            "outbox row %s: the platform holds it as %s; marked sent",
            row.id,
            held.data.application_no,
        )
        return True

    # ------------------------------------------------------------ pulls

    def _guarded(self, what: str, pull: Callable[[], tuple[str, Any]]) -> tuple[str, Any]:
        """Run a pull; any exception — a bad answer the platform sent (a non-object item, a
        lone surrogate, JSON nested too deep), or anything else — is logged by type (scrubbed:
        a message may quote data), counted in the health and skipped: the agent goes on."""
        try:
            status, detail = pull()
        except StoreFull:
            self._count(store_full=1)
            log.error("%s pull: the disk is full; skipped", what)
            return "failed", "disk full"
        except BaseException as exc:  # RecursionError, UnicodeEncodeError, AttributeError…
            if isinstance(exc, KeyboardInterrupt | SystemExit):
                raise
            text = f"{type(exc).__name__}: {_scrub(exc, 120)}"
            self._count(last_bad_answer=f"{what}: {text}")
            with self._health_lock:
                self.health.bad_answers[what] = self.health.bad_answers.get(what, 0) + 1
            log.error("%s pull: the platform's answer cannot be used (%s); skipped", what, text)
            return "bad answer", text
        if (
            status == "failed"
            and isinstance(detail, Retryable)
            and detail.status is not None
            and 200 <= detail.status < 300
        ):  # an answer came, but not one that can be used (malformed, nested too deep…)
            with self._health_lock:
                self.health.bad_answers[what] = self.health.bad_answers.get(what, 0) + 1
                self.health.last_bad_answer = f"{what}: {_scrub(detail.reason, 120)}"
        return status, _as_auth(detail)

    def pull_catalog(self) -> tuple[str, Any]:
        """Fetch and apply the catalog delta (guarded: nothing in it can stop the agent)."""
        return self._guarded("catalog", self._pull_catalog)

    def pull_seal_trust(self) -> tuple[str, Any]:
        """Fetch the province's seal-issuer certificates and revocation list (guarded); a
        malformed one is refused whole and the stored one keeps serving."""
        return self._guarded("seal_trust", self._pull_seal_trust)

    def _pull_seal_trust(self) -> tuple[str, Any]:
        from kiosk.seals.trust import update_trust

        result = self.platform.seal_trust()
        if not isinstance(result, Ok):
            return "failed", result
        update = update_trust(self.store.data_dir, result.data)
        if update.refused:
            log.warning(
                "seal trust refused, keeping version %s: %s", update.version, update.refused
            )
            with self._health_lock:
                self.health.bad_answers["seal_trust"] = (
                    self.health.bad_answers.get("seal_trust", 0) + 1
                )
                self.health.last_bad_answer = f"seal_trust: {_scrub(update.refused, 120)}"
            return "refused", update.refused
        if update.changed:
            log.info("seal trust now version %s", update.version)
            return "applied", update.version
        return "current", update.version

    def _pull_catalog_and_trust(self) -> None:
        self.pull_catalog()
        self.pull_seal_trust()

    def pull_statuses(self) -> tuple[str, Any]:
        """Pull the status changes of this terminal's applications (guarded)."""
        return self._guarded("statuses", self._pull_statuses)

    def heartbeat(self) -> tuple[str, Any]:
        """Send the heartbeat and read the platform's commands (guarded)."""
        return self._guarded("commands", self._heartbeat)

    def _pull_catalog(self) -> tuple[str, Any]:
        """Fetch and apply the catalog delta; the last good catalog stays on any problem."""
        from kiosk.catalog.validate import CatalogInvalid
        from sync.update.content import take_staged_catalog

        take_staged_catalog(self.store)  # a snapshot the updater staged (docs/fleet.md)
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

    def _pull_statuses(self) -> tuple[str, Any]:
        from kiosk.usecases.acceptance import record_acceptance

        result = self.platform.status_changes(self.state.get("status_since"))
        if not isinstance(result, Ok):
            return "failed", result
        updated = 0
        trust = None
        for ch in result.data.changes:
            try:
                history = [
                    {"status": h.status, "at": h.at, "note": h.note, "note_en": h.note_en}
                    for h in ch.history
                ]
                if self.store.applications.update_status(
                    ch.local_ref, ch.status, ch.updated_at, history
                ):
                    updated += 1
                    if ch.acceptance_seal is not None:
                        trust = trust or self._seal_trust()
                        record_acceptance(self.store, ch, trust)
            except StoreFull:
                raise
            except Exception as exc:  # one bad change never hides the others
                with self._health_lock:
                    self.health.bad_answers["statuses"] = (
                        self.health.bad_answers.get("statuses", 0) + 1
                    )
                log.error("status change skipped: cannot be used (%s)", type(exc).__name__)
        self.state.set(status_since=result.data.until)
        return "ok", updated

    def _seal_trust(self) -> Any:
        """The stored seal trust store; pulled first when this terminal has none yet (a sealed
        acceptance record is checked only against the province's issuers)."""
        from kiosk.seals import load_trust

        trust = load_trust(self.store.data_dir)
        if not trust.issuers:
            self.pull_seal_trust()
            trust = load_trust(self.store.data_dir)
        return trust

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

    def _heartbeat(self) -> tuple[str, Any]:
        counts = self.store.outbox.counts(self.clock())
        with self._health_lock:
            health = self.health.to_json() | {"bad_answers": dict(self.health.bad_answers)}
        health["paused_until"] = (
            _iso(self._paused_until) if self._paused_until > self.clock() else None
        )
        alerts = []
        if counts.quarantined:
            alerts.append(
                {
                    "code": "outbox_quarantined",
                    "detail": f"{counts.quarantined} outbox rows wait for a technician "
                    "(kiosk queue; kiosk queue retry REF)",
                }
            )
        if self.low_on_space():
            alerts.append({"code": "disk_low", "detail": "the terminal's disk is (nearly) full"})
        payload = {
            "at": _iso(self.clock() + self.platform.clock_offset_s),
            "versions": {"app": app_version(), "catalog": self.store.catalog.version()},
            "devices": self._devices(),
            "audit": self.store.audit.head(),  # the signed audit head: the platform's anchor
            "queue": {
                "pending": counts.pending + counts.sending,
                "retry": counts.retry,
                "rejected": counts.rejected,
                "quarantined": counts.quarantined,
                "oldest_pending_s": counts.oldest_pending_s,
            },
            "sync": health,
            "alerts": alerts,
        }
        display = self.display_state()
        if display is not None:
            payload["display"] = display
        fleet = self.fleet
        reported: list[int] = []
        if fleet is not None:
            try:
                reported = self._fleet_payload(fleet, payload)
            except Exception as exc:  # e.g. a full disk: the heartbeat goes without them
                log.error("command results not sent this time (%s)", type(exc).__name__)
        result = self.platform.heartbeat(payload)
        if not isinstance(result, Ok):
            return "failed", result
        self.last_heartbeat_at = self.clock()
        self._take_ring(result.data.ring)
        if reported:
            try:
                fleet.reported(reported)  # the platform has them: never sent again
            except Exception as exc:  # they go again with the next heartbeat
                log.error("command results not marked reported (%s)", type(exc).__name__)
        restart_before = self.restart_requested
        for cmd in result.data.commands:
            self._run_command(fleet, cmd)
        if self.restart_requested and not restart_before and self.on_restart is not None:
            self.on_restart()  # after every command of this answer is recorded
        return "ok", len(result.data.commands)

    def display_state(self) -> str | None:
        """``asleep`` or ``awake``: from the interface when this process shows the screen,
        else as ``kiosk run`` published it (``<data>/devices.json``, when fresh); None when
        nobody says."""
        try:
            if self.display is not None:
                state = self.display()
            else:
                from kiosk.devices.published import read_published_display

                state = read_published_display(
                    self.store.data_dir,
                    max_age_s=max(60.0, 3 * self.heartbeat_s),
                    now=self.clock(),
                )
        except Exception:  # noqa: BLE001 - a report, never a reason to fail the heartbeat
            return None
        return state if state in ("asleep", "awake") else None

    # ------------------------------------------------------------ remote commands

    def _fleet_payload(self, fleet: Any, payload: dict[str, Any]) -> list[int]:
        """Add the ring and the results waiting to be reported; their ledger numbers."""
        from sync.commands import current_ring

        if not self._fleet_started:  # once per agent, before any command of its own runs
            interrupted = fleet.ledger.finish_interrupted(fleet.now())
            self._fleet_started = True
            if interrupted:
                log.warning("%d platform commands were interrupted by a stop", interrupted)
        seqs, results = fleet.pending_results()
        from sync.update.content import update_summary

        payload.update(
            command_results=results,
            ring=current_ring(self.store),
            update=update_summary(Path(self.store.data_dir)),
        )
        return seqs

    def _take_ring(self, ring: str | None) -> None:
        """The heartbeat answer's ``ring`` (platform-api.md), kept as ``set_ring`` keeps it and
        mirrored to ``<data_dir>/fleet-ring.json``: the updater takes the releases published
        for it (docs/fleet.md)."""
        from sync.commands import RING_META, RINGS, current_ring
        from sync.update.state import publish_ring

        try:
            if ring in RINGS and ring != current_ring(self.store):
                self.store.set_meta(RING_META, ring)
                log.info("rollout ring now %s (heartbeat answer)", ring)
            # set_ring or the answer: the updater reads it from a file, never the store
            publish_ring(Path(self.store.data_dir), current_ring(self.store))
        except Exception as exc:  # noqa: BLE001 - the next heartbeat says it again
            log.error("rollout ring not stored (%s)", type(exc).__name__)

    def _run_command(self, fleet: Any, cmd: Any) -> None:
        try:
            if fleet is None:
                log.info(
                    "platform command %r (id %s) refused: no command runner in this process",
                    _scrub(cmd.name, 60),
                    _scrub(cmd.id, 60),
                )
                return
            raw = cmd.raw or {"id": cmd.id, "name": cmd.name, "args": cmd.args}
            if fleet.handle(raw) is None:
                raise ValueError("no command id")
        except StoreFull:  # not claimed, so not run: the platform sees no result and may resend
            self._count(store_full=1)
            log.error("platform command %s not taken: the disk is full", _scrub(cmd.id, 60))
        except Exception as exc:  # a malformed command is skipped, never fatal
            with self._health_lock:
                self.health.bad_answers["commands"] = self.health.bad_answers.get("commands", 0) + 1
            log.error("platform command skipped: cannot be used (%s)", type(exc).__name__)

    def request_restart(self) -> None:
        """The platform's ``restart``: the shell's :attr:`on_restart` when set (``kiosk run``
        ends its process for the supervisor to start it again), else :meth:`run` returns and
        ``kiosk sync`` exits 0 (``Restart=always`` starts it again)."""
        self.restart_requested = True
        self._kick.set()

    # ------------------------------------------------------------ low space

    def low_on_space(self) -> bool:
        return low_on_space(self.store.data_dir)

    def free_space(self, store: Any = None, confirmed: tuple[str, ...] = ()) -> int:
        """Delete the scan files of applications the platform has confirmed, before
        ``purge_after_days``: the disk is (nearly) full. ``confirmed``: application ids the
        platform has just confirmed whose mark could not be written yet. A file cited by an
        application still waiting is never deleted. Reads only, then unlinks: works on a full
        disk. Returns the number of files deleted (logged; ``kiosk status`` shows the last)."""
        store = store or self.store
        try:
            shas = confirmed_scans(store.conn, confirmed)
        except Exception as exc:
            log.error("low space: cannot list confirmed scans (%s)", type(exc).__name__)
            return 0
        files, freed = _delete_scans(store.blobs.root, shas)
        if not files:
            return 0
        self._count(low_space_files=files)
        log.warning(
            "low disk space: deleted %d scan files (%d bytes) of applications the platform "
            "has confirmed, before purge_after_days",
            files,
            freed,
        )
        record = {"at": _iso(self.clock()), "files": files, "bytes": freed}
        with contextlib.suppress(Exception):
            store.set_meta(LOW_SPACE_META, json.dumps(record))
            with store.tx() as c:
                from kiosk.store.audit import AuditLog

                AuditLog(c).append("store.low_space_purge", files=files, bytes=freed)
        return files

    # ------------------------------------------------------------ retention

    def purge(self) -> Any:
        """Apply the retention period (``kiosk.store.retention``) as of the agent's clock.

        A failure is logged (its type only: a message could quote data) and tried again on
        the next timer; it never stops the agent. Returns the report, or None on failure."""
        if self.low_on_space():
            self.free_space()
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
        # The drain goes first: nothing the catalog brings can hold back residents' rows.
        if rep.platform_failure is None:
            rep.drain = self.drain()
        if rep.drain.stopped in ("auth", "unreachable") and rep.platform_failure is None:
            rep.platform_failure = f"{rep.drain.stopped}: {_scrub(rep.drain.stop_reason)}"
        if rep.platform_failure is None:
            note("catalog", self.pull_catalog())
        if rep.platform_failure is None:
            note("seal_trust", self.pull_seal_trust())
        if rep.platform_failure is None:
            note("statuses", self.pull_statuses())
        if rep.platform_failure is None:
            note("heartbeat", self.heartbeat())
        rep.health = self.health.to_json() | {"bad_answers": dict(self.health.bad_answers)}
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
        catalog: threading.Thread | None = None
        data_version = self._data_version()
        while not stop.is_set():
            if self.on_turn is not None:
                self.on_turn()
            if self.restart_requested and self.on_restart is None:
                log.warning("restart requested by the platform: leaving the service loop")
                break
            now = self.clock()
            if now >= due["purge"]:  # needs no platform: runs offline too
                due["purge"] = now + self.purge_every_s
                self.purge()
            if due["catalog"] > now and _catalog_staged(self.store.data_dir):
                due["catalog"] = now  # the updater staged a catalog snapshot: take it now
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
            if now >= due["drain"] and failure is None and self.paused_until is None:
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
            if now >= due["catalog"] and failure is None:
                # On a thread of its own, after the drain: a slow or huge catalog never
                # holds back the drain, and a bad one is counted and skipped (guarded).
                due["catalog"] = now + self.catalog_poll_s
                if catalog is None or not catalog.is_alive():
                    catalog = threading.Thread(
                        target=self._pull_catalog_and_trust, name="sync-catalog", daemon=True
                    )
                    catalog.start()
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
            try:
                next_row = self.store.outbox.next_due_at()
            except Exception:  # e.g. the database busy: look again on the timer
                next_row = None
            if self.paused_until is not None:  # nothing is sent before the platform's time
                due["drain"] = max(due["drain"], self._paused_until)
                next_row = None if next_row is None else max(next_row, self._paused_until)
            wake = min(due.values())
            if next_row is not None:
                wake = min(wake, next_row)
            self._wait(stop, wake - self.clock())
        if catalog is not None:  # let a catalog being applied finish its transaction
            catalog.join(5.0)

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


def confirmed_scans(conn: Any, confirmed: tuple[str, ...] = ()) -> list[str]:
    """Scan files (sha256) cited only by applications the platform has confirmed (or by the
    ``confirmed`` ids it has just confirmed): what may go early when space is low."""
    marks = ",".join("?" * len(confirmed)) or "NULL"
    return [
        sha
        for (sha,) in conn.execute(
            "SELECT DISTINCT m.sha256 FROM application_materials m"
            " JOIN applications a ON a.id = m.application_id"
            " WHERE m.sha256 IS NOT NULL AND a.purged_at IS NULL"
            f" AND (a.confirmed_at IS NOT NULL OR a.id IN ({marks}))"
            " AND NOT EXISTS (SELECT 1 FROM application_materials k"
            "  JOIN applications b ON b.id = k.application_id"
            "  WHERE k.sha256 = m.sha256 AND b.confirmed_at IS NULL"
            f"  AND b.id NOT IN ({marks}))",
            (*confirmed, *confirmed),
        )
    ]


def _delete_scans(root: Path, shas: list[str]) -> tuple[int, int]:
    files = freed = 0
    for sha in shas:
        if len(sha) != 64 or any(c not in "0123456789abcdef" for c in sha):
            continue
        path = Path(root) / sha
        try:
            size = path.stat().st_size
            path.unlink()
        except OSError:
            continue
        files += 1
        freed += size
    return files, freed


def rescue_full_disk(data_dir: Path) -> int:
    """Free space on a disk so full that the store cannot even be opened (SQLite needs room
    for its ``-wal`` and ``-shm`` files): read the database without writing anything
    (``immutable``), delete the scans of confirmed applications, return how many files went.
    The store then opens, and the agent records what it did."""
    import sqlite3

    from kiosk.store.db import DB_NAME

    db = Path(data_dir) / DB_NAME
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro&immutable=1", uri=True)
        try:
            shas = confirmed_scans(conn)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        log.error("full disk: cannot read the database to free space (%s)", _scrub(exc))
        return 0
    files, freed = _delete_scans(Path(data_dir) / "materials", shas)
    if files:
        log.warning(
            "full disk: deleted %d scan files (%d bytes) of applications the platform has "
            "confirmed, before purge_after_days, so that the store can open",
            files,
            freed,
        )
    return files


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


def _as_auth(result: Any) -> Any:
    """A 403 (or a 401 with a code the contract does not name) stops the drain like a 401:
    our credentials or our standing are refused, not this row."""
    if isinstance(result, Refused) and result.status in (401, 403):
        return AuthFailed(result.code or f"http_{result.status}", result.reason)
    return result


def _catalog_staged(data_dir: Any) -> bool:
    from sync.update.content import catalog_staged

    return catalog_staged(Path(data_dir))


def _platform_failure(outcome: tuple[str, Any]) -> str | None:
    status, detail = outcome
    if status == "failed" and isinstance(detail, AuthFailed | Unreachable):
        return _describe(detail)
    return None
