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
