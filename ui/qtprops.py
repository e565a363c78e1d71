"""Small helpers for Python ``QObject`` view-models that QML binds to.

A view-model declares ``fooChanged = Signal()`` and ``foo = qprop(str, "_foo", fooChanged)``
in its class body and changes values with ``self._set("foo", value)``, which emits the notify
signal only when the value really changed (QML re-evaluates fewer bindings).
"""

from __future__ import annotations

import ctypes
import sys
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot


def _emit_leaks_true() -> bool:
    """PySide6 6.12.0's ``Signal.emit()`` returns ``True`` without a new reference: every
    emit drops one reference to ``True`` and a long-running kiosk dies with "Fatal Python
    error: bool_dealloc" (Python 3.11, where ``True`` is not immortal). Measured once here."""

    class _Probe(QObject):
        sig = Signal()

    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(16):
        probe.sig.emit()
    return sys.getrefcount(True) <= before - 8


_EMIT_LEAKS = _emit_leaks_true()
_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None


def _leaks_none(fn: Callable[[], Any]) -> bool:
    before = sys.getrefcount(None)
    for _ in range(16):
        fn()
    return sys.getrefcount(None) <= before - 8


_PE_LEAKS: bool | None = None


def process_events() -> None:
    """``QCoreApplication.processEvents()`` plus pending deferred deletes.

    PySide6 6.12.0's static ``processEvents``/``sendPostedEvents`` return ``None`` without a
    new reference (the same bug as ``Signal.emit``): measured on first use and compensated,
    so that loops that pump events (tests, screenshots, benchmarks) do not kill the process.
    """
    global _PE_LEAKS
    from PySide6.QtCore import QCoreApplication, QEvent

    def pump() -> None:
        QCoreApplication.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    if _PE_LEAKS is None:
        _PE_LEAKS = _leaks_none(pump)
    pump()
    if _PE_LEAKS:
        _incref(None)
        _incref(None)


_PUMP_LEAKS: bool | None = None


def pump_events(wait_ms: int = 0) -> None:
    """``QCoreApplication.processEvents()`` alone (waiting up to ``wait_ms`` for an event),
    with the same compensation as :func:`process_events` — for start-up, where the deferred
    deletes and the ``QEvent`` enum it needs are not wanted yet."""
    global _PUMP_LEAKS
    from PySide6.QtCore import QCoreApplication, QEventLoop

    flags = QEventLoop.ProcessEventsFlag.WaitForMoreEvents
    if _PUMP_LEAKS is None:
        _PUMP_LEAKS = _leaks_none(QCoreApplication.processEvents)
    if wait_ms:
        QCoreApplication.processEvents(flags, wait_ms)
    else:
        QCoreApplication.processEvents()
    if _PUMP_LEAKS:
        _incref(None)


def emit(signal: Any, *args: Any) -> None:
    """``signal.emit(*args)``, compensating the PySide6 6.12.0 reference leak on ``True``."""
    if signal.emit(*args) is True and _EMIT_LEAKS:
        _incref(True)


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
        emit(getattr(self, name + "Changed"))


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
                emit(self._relay.done, on_done, outcome, gen)

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

    def reset(self) -> None:  # pragma: no cover - every subclass has its own
        raise NotImplementedError
