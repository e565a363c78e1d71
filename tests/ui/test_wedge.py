"""A keyboard-wedge code scanner ([devices.qr_reader] kind = "keyboard"): its key bursts reach
the status lookup through the real window, the application API and the platform simulator."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import TEST_CONFIG

from ui.driving import settle, tap, wait_until

REF = "KIOSK-TEST-0001-20261127-0042"


@pytest.fixture
def wedge_kiosk(tmp_path: Path, qapp: Any) -> Iterator[Any]:
    from kiosk.config import parse_config
    from terminal.root import build

    data = {k: dict(v) for k, v in TEST_CONFIG.items()}
    data["devices"] = {**data["devices"], "qr_reader": {"kind": "keyboard"}}
    k = build(parse_config(data), tmp_path / "data")
    try:
        yield k
    finally:
        k.close()


def _type(window: Any, text: str, gap_s: float) -> None:
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QGuiApplication, QKeyEvent

    for ch in text + "\r":
        key = Qt.Key.Key_Return if ch == "\r" else Qt.Key.Key_A
        ev = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, ch)
        QGuiApplication.sendEvent(window, ev)
        time.sleep(gap_s)


def test_a_wedge_scan_looks_up_the_receipt_and_slow_typing_does_not(
    wedge_kiosk: Any, make_ui: Any
) -> None:
    ui = make_ui(wedge_kiosk.backend)
    ui.devices.poll()  # on the view-model's worker: the health is HTTP and TCP round trips
    wait_until(lambda: bool(ui.devices.health), 10, "device health")
    ui.session.go("status")
    settle(50)
    tap(ui.window, "btnScanReceipt")
    wait_until(lambda: ui.status.state == "scanning", 5, "scanning")
    _type(ui.window, REF, gap_s=0.08)  # a person at a keyboard: no code
    settle(700)
    assert ui.status.state == "scanning"
    _type(ui.window, REF, gap_s=0.002)  # the scanner's burst
    wait_until(lambda: ui.status.state in ("not_found", "found"), 20, "looked up")
    assert ui.status.ref == REF
    # the platform simulator was asked, and does not know this reference
    assert ui.status.state == "not_found"
