"""Scan one page of a material: a jam, an empty feeder or an open cover is an outcome."""

from __future__ import annotations

from kiosk.devices.health import DeviceHealth, Ready, Unavailable
from kiosk.ports import scanner as scp
from kiosk.usecases.results import ScanOutcome


def scan_page(scanner: scp.DocumentScanner | None) -> tuple[ScanOutcome, DeviceHealth | None]:
    """The outcome for the resident, and what it says of the scanner's health (``None`` when
    nothing: an empty feeder or a blank page is the resident's doing, not the device's)."""
    if scanner is None:
        return ScanOutcome("unavailable"), Unavailable("absent")
    res = scanner.scan()
    match res:
        case scp.Page():
            return ScanOutcome("ok", res.image, res.mime), Ready()
        case scp.Jammed():
            return ScanOutcome("jammed"), Unavailable("jammed")
        case scp.NoPaper() | scp.Blank():
            return ScanOutcome("no_document"), None
        case scp.CoverOpen():
            return ScanOutcome("cover_open"), None
        case scp.Disconnected():
            return ScanOutcome("unavailable", reason=res.reason), Unavailable(res.reason)
    return ScanOutcome("error", reason=type(res).__name__), None
