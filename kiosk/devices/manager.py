"""A managed device: lazy connect, one worker, health stream, reconnect with backoff while idle.

The manager knows nothing about what the device is. A driver plugs in with three callables:

- ``open_fn() -> D`` connects (raises ``OSError``/any exception when the device is absent);
- ``probe(d) -> status`` checks health while idle (a tagged status; ``Disconnected`` or
  ``Unavailable`` means "drop the connection and reconnect later");
- ``close_fn(d)`` releases it.

Jobs (``submit(lambda d: d.read_card())``) run on the worker with the connected driver. A job
that finds the device absent does not raise: it gets the ``unavailable(status)`` result the
caller supplied (e.g. ``CardError("disconnected", …)``), and ``classify(result)`` lets a job's
tagged result update the health stream (``Disconnected`` → reconnect on the next idle tick).
A half-done operation is never resumed: the caller starts a new job.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, Generic, TypeVar

from kiosk.devices.backoff import Backoff
from kiosk.devices.delays import Delays
from kiosk.devices.health import Disconnected, Ready, Unavailable, Unknown
from kiosk.devices.status import StatusStream
from kiosk.devices.worker import DeviceWorker
from kiosk.masking import scrub_text

D = TypeVar("D")
R = TypeVar("R")
log = logging.getLogger(__name__)


class ManagedDevice(Generic[D]):
    def __init__(
        self,
        name: str,
        open_fn: Callable[[], D],
        *,
        probe: Callable[[D], Any] | None = None,
        close_fn: Callable[[D], None] | None = None,
        classify: Callable[[Any], Any | None] | None = None,
        delays: Delays | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.name = name
        self._open_fn = open_fn
        self._probe = probe
        self._close_fn = close_fn or (lambda d: d.close())  # type: ignore[attr-defined]
        self._classify = classify
        self.delays = delays or Delays()
        self._clock = clock
        self.status: StatusStream[Any] = StatusStream(name, Unknown("starting"))
        self._backoff = Backoff(self.delays.reconnect_base_s, self.delays.reconnect_max_s)
        self._device: D | None = None
        self._next_attempt = 0.0
        self._last_probe = 0.0
        # The worker wakes when _idle says the next probe or reconnect is due (at most every
        # health_interval_s): an idle device costs one wake-up per health check.
        self._worker = DeviceWorker(
            name, idle_interval_s=self.delays.health_interval_s, on_idle=self._idle
        )
        self._closed = threading.Event()

    # ------------------------------------------------------------------ lifecycle
    def start(self) -> None:
        """Start the worker; it connects on its first idle tick (or the first job)."""
        self._worker.start()

    def stop(self) -> None:
        self._closed.set()
        self._worker.submit(self._drop, Unavailable("stopped"))
        self._worker.stop()

    # ------------------------------------------------------------------ jobs
    def submit(
        self,
        job: Callable[[D], R],
        *,
        unavailable: Callable[[Any], R] | None = None,
    ) -> Future[R]:
        """Run ``job(device)`` on the worker. With the device absent, return ``unavailable(status)``
        (or raise ``DeviceUnavailableError`` when no ``unavailable`` was given)."""
        return self._worker.submit(self._run_job, job, unavailable)

    def call(self, job: Callable[[D], R], *, unavailable: Callable[[Any], R] | None = None,
             timeout: float | None = None) -> R:  # fmt: skip
        return self.submit(job, unavailable=unavailable).result(timeout)

    def _run_job(self, job: Callable[[D], R], unavailable: Callable[[Any], R] | None) -> R:
        dev = self._ensure_open(force=True)
        if dev is None:
            st = self.status.current
            if unavailable is None:
                raise DeviceUnavailableError(f"{self.name}: {st}")
            return unavailable(st)
        result = job(dev)
        if self._classify is not None:
            st = self._classify(result)
            if st is not None:
                if isinstance(st, Disconnected | Unavailable):
                    self._drop(st)
                else:
                    self.status.publish(st)
        return result

    # ------------------------------------------------------------------ health
    def _ensure_open(self, *, force: bool = False) -> D | None:
        if self._device is not None:
            return self._device
        now = self._clock()
        if not force and now < self._next_attempt:
            return None
        try:
            self._device = self._open_fn()
        except Exception as exc:
            reason = scrub_text(str(exc)) or type(exc).__name__
            was_connected = isinstance(self.status.current, Ready | Disconnected)
            st = Disconnected(reason) if was_connected else Unavailable(reason)
            self.status.publish(st)
            self._next_attempt = now + self._backoff.next_delay()
            return None
        self._backoff.reset()
        self._last_probe = now
        st = self._probe(self._device) if self._probe else Ready()
        if isinstance(st, Disconnected | Unavailable):
            self._drop(st)
            return None
        self.status.publish(st)
        return self._device

    def _drop(self, status: Any) -> None:
        dev, self._device = self._device, None
        if dev is not None:
            try:
                self._close_fn(dev)
            except Exception:
                log.debug("device %s: close failed", self.name, exc_info=True)
        self.status.publish(status)
        self._next_attempt = self._clock() + self._backoff.next_delay()

    def _idle(self) -> float | None:
        """The idle tick: reconnect or probe when due; returns the seconds until the next."""
        if self._closed.is_set():
            return None
        if self._device is None:
            self._ensure_open()
            return self._next_due()
        now = self._clock()
        if self._probe is None or now - self._last_probe < self.delays.health_interval_s:
            return self._next_due()
        self._last_probe = now
        st = self._probe(self._device)
        if isinstance(st, Disconnected | Unavailable):
            self._drop(st)
        else:
            self.status.publish(st)
        return self._next_due()

    def _next_due(self) -> float:
        now = self._clock()
        if self._device is None:
            return self._next_attempt - now
        if self._probe is None:
            return self.delays.health_interval_s
        return self._last_probe + self.delays.health_interval_s - now


class DeviceUnavailableError(RuntimeError):
    """A job was submitted without an ``unavailable`` fallback while the device is absent."""


class DeviceManager:
    """The kiosk's devices by role (``id_reader``, ``ssc_reader``, ``qr_reader``…)."""

    def __init__(self) -> None:
        self._devices: dict[str, ManagedDevice[Any]] = {}

    def add(self, role: str, device: ManagedDevice[Any]) -> ManagedDevice[Any]:
        self._devices[role] = device
        return device

    def get(self, role: str) -> ManagedDevice[Any] | None:
        return self._devices.get(role)

    def statuses(self) -> dict[str, Any]:
        return {role: d.status.current for role, d in self._devices.items()}

    def start(self) -> None:
        for d in self._devices.values():
            d.start()

    def stop(self) -> None:
        for d in self._devices.values():
            d.stop()
