"""A device's health as a stream: the current status plus change notifications.

Subscribers are called on the thread that publishes (the device's worker); a Qt view-model
must hop to its own thread (a queued signal). ``queue()`` is the alternative for code that
would rather block on a ``queue.Queue``. Only changes are published, so a status is logged
once when it changes, not on every poll.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

S = TypeVar("S")
log = logging.getLogger(__name__)


class StatusStream(Generic[S]):
    def __init__(self, name: str, initial: S) -> None:
        self.name = name
        self._current = initial
        self._lock = threading.Lock()
        self._subscribers: list[Callable[[S], None]] = []

    @property
    def current(self) -> S:
        with self._lock:
            return self._current

    def publish(self, status: S) -> bool:
        """Set the status; notify subscribers and return True only if it changed."""
        with self._lock:
            if status == self._current:
                return False
            self._current = status
            subs = list(self._subscribers)
        log.info("device %s: %s", self.name, status)
        for cb in subs:
            try:
                cb(status)
            except Exception:  # a broken subscriber must not stop the device
                log.exception("device %s: status subscriber failed", self.name)
        return True

    def subscribe(
        self, callback: Callable[[S], None], *, replay: bool = True
    ) -> Callable[[], None]:
        """Call ``callback`` on every change (and once now with ``replay``); returns unsubscribe."""
        with self._lock:
            self._subscribers.append(callback)
            current = self._current
        if replay:
            callback(current)

        def unsubscribe() -> None:
            with self._lock:
                if callback in self._subscribers:
                    self._subscribers.remove(callback)

        return unsubscribe

    def queue(self, maxsize: int = 100) -> queue.Queue[S]:
        """A queue that receives the current status and every change (oldest dropped if full)."""
        q: queue.Queue[S] = queue.Queue(maxsize)

        def put(s: S) -> None:
            while True:
                try:
                    q.put_nowait(s)
                    return
                except queue.Full:
                    try:
                        q.get_nowait()
                    except queue.Empty:
                        pass

        self.subscribe(put)
        return q
