"""The Qt binding must not leak references on ordinary calls.

PySide6 6.12.0 (on Python 3.11) returned ``None`` from every void method and ``True`` from
``Signal.emit`` without a new reference: each timer start, property set or emit took one
reference away, and a kiosk running for hours died with "Fatal Python error: none_dealloc".
``pyproject.toml`` caps PySide6 below 6.12 for this; this test tells when a release is safe.
"""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal


class _Probe(QObject):
    ping = Signal()


def _drift(obj: Any, call: Any, n: int = 500) -> int:
    before = sys.getrefcount(obj)
    for _ in range(n):
        call()
    return sys.getrefcount(obj) - before


def test_void_calls_and_emits_keep_none_and_true_alive(qapp: Any) -> None:
    timer, probe = QTimer(), _Probe()
    assert _drift(None, lambda: timer.start(60_000)) > -50
    assert _drift(None, lambda: probe.setObjectName("probe")) > -50
    assert _drift(True, probe.ping.emit) > -50
    timer.stop()


def _methods(mo: Any) -> set[str]:
    return {
        bytes(mo.method(i).methodSignature()).decode()
        for i in range(mo.methodOffset(), mo.methodCount())
    }


def test_no_view_model_gains_slots_at_run_time(fake_ui: Any, fake: Any) -> None:
    """A plain method connected to a signal makes PySide add a slot to the class's meta-object
    at run time and build that meta-object again; QML reads and caches meta-objects, and twice
    in CI a screen found the catalog view-model without any of its properties and slots. Every
    method the interface connects is a declared ``@Slot``, so no class's meta-object changes
    once QML has seen it: checked here after every screen the screenshots walk."""
    from ui.qtprops import process_events
    from ui.screenshots import _states

    for _name, show in _states(fake_ui, fake):
        show()
        process_events()
    screens = (getattr(fake_ui, "_screen_models", None) or {}).values()
    objects = [fake_ui, fake_ui.session, *vars(fake_ui).values(), *screens]
    gained = {
        type(o).__name__: sorted(_methods(o.metaObject()) - _methods(type(o).staticMetaObject))
        for o in objects
        if isinstance(o, QObject) and type(o).__module__.startswith("ui.")
    }
    assert {name: extra for name, extra in gained.items() if extra} == {}
