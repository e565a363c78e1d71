"""The serial QR reader as a managed device (jobs: ``lambda r: r.wait_for_code(s)``)."""

from __future__ import annotations

import os
from typing import Any

from drivers.qr.reader import SerialCodeReader
from kiosk.devices.delays import Delays
from kiosk.devices.health import Disconnected, Ready
from kiosk.devices.manager import ManagedDevice
from kiosk.ports.identity import CodeError


def classify_scan(result: Any) -> Any | None:
    if isinstance(result, CodeError) and result.kind in ("disconnected", "unavailable"):
        return Disconnected(result.meaning)
    return None


def managed_qr_reader(
    port: str, baudrate: int = 9600, terminator: str = "\r", *, delays: Delays | None = None
) -> ManagedDevice[SerialCodeReader]:
    def open_reader() -> SerialCodeReader:
        r = SerialCodeReader(port, baudrate, terminator)
        r.open()
        return r

    return ManagedDevice(
        "qr_reader",
        open_reader,
        probe=lambda r: Ready(port) if os.path.exists(port) else Disconnected(f"{port}: gone"),
        classify=classify_scan,
        delays=delays,
    )
