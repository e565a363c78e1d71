"""A serial QR reader on a pty. Codes to "scan" arrive through the control file.

``kiosk sim qr --code X --every 2`` scans X every 2 s (for wiring checks).

Control file ``<link>.control.json`` (``drivers.simctl``): ``scan`` — a string or a list of
strings; the simulator sends each followed by ``terminator`` (default ``"\\r"``) and removes
the key. Faults: ``fragmented`` (the code trickles out a few bytes at a time), ``noise-before``
(a stray terminator and blank line first — readers send those after power-up).
"""

from __future__ import annotations

import os
import time
from typing import Any

from drivers.common.simulator import PtySimulator

POLL_S = 0.25


class QrSimulator(PtySimulator):
    thread_name = "sim-qr"

    def __init__(
        self,
        link: str | os.PathLike[str],
        *,
        terminator: str = "\r",
        baudrate: int = 9600,
        pace: bool = True,
        codes: list[str] | None = None,
        every_s: float | None = None,
    ) -> None:
        state: dict[str, Any] = {"terminator": terminator, "faults": []}
        super().__init__(link, baudrate=baudrate, pace=pace, state=state)
        # With ``every_s``, ``codes`` are scanned again and again (a wiring check: any
        # scan-qr that is listening gets one). Bytes sent before a reader opens the port
        # are discarded when it opens, as with a real UART.
        self.repeat = list(codes or [])
        self.every_s = every_s if every_s else (1.0 if codes else None)
        self._last_repeat = 0.0
        self.sent = 0

    def scan(self, *codes: str) -> None:
        """Queue codes as if a resident held them under the reader."""
        state = self.control.read()
        pending = state.get("scan") or []
        if isinstance(pending, str):
            pending = [pending]
        self.control.update(scan=list(pending) + list(codes))

    def serve_forever(self) -> None:
        self._open_pty()
        # the control file is polled: 4 times a second keeps a scan prompt and an idle kiosk
        # (this loop was the busiest thread of one idle on its start screen) cheap
        while not self._stop.wait(POLL_S):
            if self.every_s and time.monotonic() - self._last_repeat >= self.every_s:
                self._last_repeat = time.monotonic()
                self.scan(*self.repeat)
            state = self.control.read()
            pending = state.get("scan")
            if not pending:
                continue
            self.control.update(scan=None)
            faults = self.control.take_faults()
            codes = [pending] if isinstance(pending, str) else [str(c) for c in pending]
            term = str(state.get("terminator") or "\r").encode("latin-1")
            for code in codes:
                self._emit(code.encode("utf-8") + term, faults, term)

    def _emit(self, data: bytes, faults: set[str], term: bytes) -> None:
        pty = self._pty
        assert pty is not None
        baud = self.wire_baud
        if "noise-before" in faults:
            data = term + b" \t" + term + data
        if "fragmented" in faults:
            for i in range(0, len(data), 3):
                pty.write_paced(data[i : i + 3], baud)
                time.sleep(0.005)
        else:
            pty.write_paced(data, baud)
        self.sent += 1
