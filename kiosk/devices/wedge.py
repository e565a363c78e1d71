"""Keyboard-wedge scanners: tell a scanner's burst of key events from a person typing.

A wedge scanner "types" a code as fast key presses ended by Enter. The UI feeds every key
event (its text and a monotonic timestamp in seconds) into :class:`WedgeDetector`; when a
burst ends with the terminator and every gap inside it was short, ``feed`` returns a
``CodeScanned(text, "keyboard")``. A person typing (slow gaps) never produces one; the UI
should let such keys through to the focused field and swallow the keys of a detected burst.
Pure logic, no Qt: :class:`WedgeCodeReader` wraps it as the kiosk's code reader, fed by the
UI's key handler through the application API.
"""

from __future__ import annotations

import contextlib
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from kiosk.devices.health import Ready
from kiosk.devices.status import StatusStream
from kiosk.ports.identity import CodeScan, CodeScanned, NoCode

T = TypeVar("T")


@dataclass
class WedgeDetector:
    max_gap_s: float = 0.05
    """Largest pause between two keys of one scan (scanners type a key every 1-20 ms)."""
    min_length: int = 4
    terminators: tuple[str, ...] = ("\r", "\n")

    def __post_init__(self) -> None:
        self._chars: list[str] = []
        self._last: float | None = None

    def reset(self) -> None:
        self._chars.clear()
        self._last = None

    @property
    def in_burst(self) -> bool:
        """True while the keys so far look like a scanner (the UI may hold them back)."""
        return len(self._chars) >= 2

    def feed(self, text: str, t: float) -> CodeScanned | None:
        if self._last is not None and t - self._last > self.max_gap_s:
            self._chars.clear()
        self._last = t
        if text in self.terminators:
            chars, self._chars = self._chars, []
            self._last = None
            code = "".join(chars)
            if len(code) >= self.min_length:
                return CodeScanned(code, "keyboard")
            return None
        if len(text) == 1 and text >= " ":
            self._chars.append(text)
        return None


class WedgeCodeReader:
    """A keyboard-wedge scanner as the kiosk's code reader (``[devices.qr_reader] kind =
    "keyboard"``): the same shape as a managed serial reader, fed by the UI's key presses.

    The UI hands every physical key press to :meth:`feed` (through the application API) and
    swallows the key when it returns True: the key belongs to a scanner's burst, not to the
    field that has focus. Use cases wait on :meth:`wait_for_code` from a worker thread. A code
    nobody asked for within ``max_age_s`` is dropped, so a code shown to an idle terminal is
    never handed to the next resident's lookup.
    """

    def __init__(
        self,
        detector: WedgeDetector | None = None,
        *,
        max_age_s: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._detector = detector or WedgeDetector()
        self._max_age_s = max_age_s
        self._clock = clock
        self._lock = threading.Lock()
        self._codes: queue.Queue[tuple[float, CodeScanned]] = queue.Queue(maxsize=8)
        self.status: StatusStream[Ready] = StatusStream("qr_reader", Ready("keyboard wedge"))

    def feed(self, text: str, t: float) -> bool:
        """One key press (its text, a monotonic time in seconds); True: swallow the key."""
        with self._lock:
            code = self._detector.feed(text, t)
            in_burst = self._detector.in_burst
        if code is None:
            return in_burst
        while True:
            try:
                self._codes.put_nowait((self._clock(), code))
                return True
            except queue.Full:
                with contextlib.suppress(queue.Empty):
                    self._codes.get_nowait()

    def wait_for_code(self, timeout_s: float) -> CodeScan:
        deadline = self._clock() + timeout_s
        while True:
            left = deadline - self._clock()
            if left <= 0:
                return NoCode()
            try:
                at, code = self._codes.get(timeout=left)
            except queue.Empty:
                return NoCode()
            if self._clock() - at <= self._max_age_s:
                return code

    def call(self, job: Callable[[WedgeCodeReader], T], unavailable: Any = None) -> T:
        """Run a read job (a managed device's interface): here on the caller's worker thread,
        since there is no line to share."""
        return job(self)

    def close(self) -> None:
        with self._lock:
            self._detector.reset()
