"""Small helpers for Python ``QObject`` view-models that QML binds to.

A view-model declares ``fooChanged = Signal()`` and ``foo = qprop(str, "_foo", fooChanged)``
in its class body and changes values with ``self._set("foo", value)``, which emits the notify
signal only when the value really changed (QML re-evaluates fewer bindings).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot


def process_events(wait_ms: int = 0) -> None:
    """``QCoreApplication.processEvents()`` (waiting up to ``wait_ms`` for an event) plus the
    deferred deletes it leaves pending outside a running loop — for code that pumps events
    itself (start-up, tests, screenshots, benchmarks)."""
    from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop

    if wait_ms:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, wait_ms)
    else:
        QCoreApplication.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def qprop(tp: Any, attr: str, notify: Signal) -> Property:
    """A read-only (from QML) property backed by ``self.<attr>``."""
    return Property(tp, lambda self: getattr(self, attr), notify=notify)


class ViewModel(QObject):
    """Base class: ``_set(name, value)`` stores ``_name`` and emits ``nameChanged``."""

    def _set(self, name: str, value: Any) -> None:
        attr = "_" + name
        if getattr(self, attr, object()) == value and not isinstance(value, list | dict):
            return
        setattr(self, attr, value)
        getattr(self, name + "Changed").emit()


class _Relay(QObject):
    done = Signal(object, object, int)  # (callback, outcome, generation)


class Worker(QObject):
    """Runs blocking calls (device I/O, HTTP, disk) off the GUI thread.

    Results come back on the GUI thread through a queued signal. Each call gets a
    generation number; :meth:`cancel_all` bumps the generation so that an answer arriving
    after the session was wiped is dropped instead of refilling the new session.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._relay = _Relay()
        self._relay.done.connect(self._deliver)
        self._generation = 0
        self._threads: list[threading.Thread] = []
        self.cancel_event = threading.Event()

    def run(self, fn: Callable[[], Any], on_done: Callable[[Any], None]) -> None:
        gen = self._generation
        cancel = self.cancel_event

        def body() -> None:
            try:
                outcome: Any = ("ok", fn())
            except Exception as exc:  # noqa: BLE001 - reported to the view-model, never a crash
                outcome = ("error", exc)
            if not cancel.is_set():
                self._relay.done.emit(on_done, outcome, gen)

        t = threading.Thread(target=body, name="ui-worker", daemon=True)
        self._threads = [x for x in self._threads if x.is_alive()]
        self._threads.append(t)
        t.start()

    @Slot(object, object, int)
    def _deliver(self, on_done: Callable[[Any], None], outcome: Any, gen: int) -> None:
        if gen == self._generation:
            on_done(outcome)

    def cancel_all(self) -> None:
        """Drop every pending answer (and tell blocking calls to stop where they can)."""
        self._generation += 1
        self.cancel_event.set()
        self.cancel_event = threading.Event()

    def busy(self) -> bool:
        return any(t.is_alive() for t in self._threads)


class SessionViewModel(ViewModel):
    """A view-model of the resident's session: a backend, a worker for its blocking calls, and
    a ``reset`` that the session calls on every wipe."""

    def __init__(self, backend: Any, session: Any) -> None:
        super().__init__()
        self._backend = backend
        self._session = session
        self._worker = Worker(self)
        session.register(self.reset)

    def __init_subclass__(cls, **kw: Any) -> None:
        # QObject's metaclass is not ABCMeta: check here that every subclass has its own reset
        super().__init_subclass__(**kw)
        if cls.reset is SessionViewModel.reset:
            raise TypeError(f"{cls.__name__} must define reset() (called on every wipe)")

    def reset(self) -> None:
        """Forget everything of the session (the subclass's own; see __init_subclass__)."""
