"""One thread per device: all of a device's I/O runs there, one job at a time, in order.

``submit(fn)`` returns a ``concurrent.futures.Future``; the caller (a use case, the UI through
a view-model) never touches the device itself (Electrum's ``run_in_hwd_thread``). When no job
arrives for ``idle_interval_s`` the worker calls ``on_idle`` — the place for health checks and
reconnects, which therefore never interleave with a job. ``on_idle`` may return the seconds
until it next has something to do; the worker then sleeps that long (at most
``idle_interval_s``), so an idle device costs one wake-up per health check, not four a second.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

R = TypeVar("R")
log = logging.getLogger(__name__)
_STOP = object()
MIN_IDLE_S = 0.05
AFTER_JOB_IDLE_S = 0.25


class WorkerStopped(RuntimeError):
    """``submit`` after ``stop``: a programming error, not a device condition."""


class DeviceWorker:
    def __init__(
        self,
        name: str,
        *,
        idle_interval_s: float = 1.0,
        on_idle: Callable[[], None] | None = None,
    ) -> None:
        self.name = name
        self.idle_interval_s = idle_interval_s
        self.on_idle = on_idle
        self._jobs: queue.Queue[Any] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name=f"device-{name}", daemon=True)
        self._stopped = threading.Event()
        self._started = False

    def start(self) -> None:
        if not self._started:
            self._started = True
            self._thread.start()

    def stop(self, timeout: float | None = 5.0) -> None:
        """Finish the running job, cancel queued ones, and end the thread."""
        self._stopped.set()
        self._jobs.put(_STOP)
        if self._started and threading.current_thread() is not self._thread:
            self._thread.join(timeout)

    def on_worker_thread(self) -> bool:
        return threading.current_thread() is self._thread

    def submit(self, fn: Callable[..., R], *args: Any, **kwargs: Any) -> Future[R]:
        if self._stopped.is_set():
            raise WorkerStopped(f"device worker {self.name} is stopped")
        self.start()
        fut: Future[R] = Future()
        self._jobs.put((fut, fn, args, kwargs))
        return fut

    def _run(self) -> None:
        wait = self.idle_interval_s
        while True:
            try:
                item = self._jobs.get(timeout=wait)
            except queue.Empty:
                wait = self.idle_interval_s
                if self.on_idle is not None and not self._stopped.is_set():
                    try:
                        due = self.on_idle()
                    except Exception:
                        log.exception("device %s: idle check failed", self.name)
                        due = None
                    # ``on_idle`` may say when it next has something to do (a probe, a
                    # reconnect): sleep until then instead of waking on every tick
                    if isinstance(due, int | float) and not isinstance(due, bool):
                        wait = min(max(float(due), MIN_IDLE_S), self.idle_interval_s)
                continue
            if item is _STOP:
                break
            wait = min(AFTER_JOB_IDLE_S, self.idle_interval_s)  # a job may have changed the state
            fut, fn, args, kwargs = item
            item = None
            if fut.set_running_or_notify_cancel():
                try:
                    fut.set_result(fn(*args, **kwargs))
                except BaseException as exc:  # delivered to the caller, never kills the worker
                    fut.set_exception(exc)
            # a job's result may be a resident's card read: nothing of it stays in this
            # thread's locals while it waits for the next job (the wipe proof walks them)
            fut = fn = args = kwargs = None
        while True:  # cancel what is left
            try:
                item = self._jobs.get_nowait()
            except queue.Empty:
                break
            if item is not _STOP:
                item[0].cancel()
