"""Scan one page of a material: a jam, an empty feeder, an open cover or a timeout is an
outcome.

A timeout is its own outcome (``"timeout"``: the resident is told the scanner did not answer
and may try once more), and timeouts are counted: after :data:`TIMEOUTS_UNTIL_UNAVAILABLE` in a
row the scanner is unavailable (health ``Unavailable("timeouts")``, the outcome
``"unavailable"``) and the materials screen offers the other ways. Any answer of the device
(a page, a jam, an empty feeder) ends the run of timeouts; after :data:`RETRY_AFTER_S` the
scanner is offered again, and one more timeout makes it unavailable again at once.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from kiosk.devices.health import DeviceHealth, Ready, Unavailable
from kiosk.ports import scanner as scp
from kiosk.usecases.results import ScanOutcome

log = logging.getLogger(__name__)

TIMEOUTS_UNTIL_UNAVAILABLE = 3
RETRY_AFTER_S = 300.0


class ScanTimeouts:
    """The scanner's run of timeouts (thread-safe; one per kiosk)."""

    def __init__(
        self,
        limit: int = TIMEOUTS_UNTIL_UNAVAILABLE,
        retry_after_s: float = RETRY_AFTER_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit = limit
        self.retry_after_s = retry_after_s
        self._clock = clock
        self._lock = threading.Lock()
        self.consecutive = 0
        self.total = 0
        """Every timeout since start (for the technician's counters)."""
        self._last = 0.0

    def record(self, timed_out: bool) -> bool:
        """Count one scan; True when the scanner is now unavailable for its timeouts."""
        with self._lock:
            if not timed_out:
                self.consecutive = 0
                return False
            self.consecutive += 1
            self.total += 1
            self._last = self._clock()
            out = self.consecutive >= self.limit
        log.warning(
            "scanner: scan timed out (%d in a row, %d since start)%s",
            self.consecutive,
            self.total,
            ": scanner unavailable" if out else "",
        )
        return out

    def unavailable(self) -> bool:
        """True while the run of timeouts keeps the scanner out of use (not yet retried)."""
        with self._lock:
            return (
                self.consecutive >= self.limit and self._clock() - self._last < self.retry_after_s
            )


def scan_page(
    scanner: scp.DocumentScanner | None, timeouts: ScanTimeouts | None = None
) -> tuple[ScanOutcome, DeviceHealth | None]:
    """The outcome for the resident, and what it says of the scanner's health (``None`` when
    nothing: an empty feeder or a blank page is the resident's doing, not the device's)."""
    if scanner is None:
        return ScanOutcome("unavailable"), Unavailable("absent")
    res = scanner.scan()
    if timeouts is not None and timeouts.record(isinstance(res, scp.Timeout)):
        return ScanOutcome("unavailable", reason="timeouts"), Unavailable("timeouts")
    match res:
        case scp.Page():
            return ScanOutcome("ok", res.image, res.mime), Ready()
        case scp.Timeout():
            return ScanOutcome("timeout", reason=f"{res.after_s:g} s"), None
        case scp.Jammed():
            return ScanOutcome("jammed"), Unavailable("jammed")
        case scp.NoPaper() | scp.Blank():
            return ScanOutcome("no_document"), None
        case scp.CoverOpen():
            return ScanOutcome("cover_open"), None
        case scp.Disconnected():
            return ScanOutcome("unavailable", reason=res.reason), Unavailable(res.reason)
    return ScanOutcome("error", reason=type(res).__name__), None
