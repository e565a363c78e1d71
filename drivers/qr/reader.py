"""A serial QR/barcode reader: one code per line, ended by a configurable terminator.

Codes are decoded as UTF-8 (e-license and 一码办事 codes are ASCII or UTF-8), falling back to
GB18030 for older scanners set to a Chinese code page, and stripped of the terminator and of
control characters. Several codes in one read are queued; a line longer than ``max_len`` is
dropped as noise. The port is opened lazily and dropped on I/O errors.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from pathlib import Path
from typing import Any

from drivers.common.serialport import SerialFactory, close_quietly, open_serial
from kiosk.devices.paths import BY_ID_DIR, StablePort
from kiosk.masking import scrub_text
from kiosk.ports.identity import CodeError, CodeScan, CodeScanned, NoCode

log = logging.getLogger(__name__)


def decode_code(raw: bytes) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("gb18030", errors="replace")
    return "".join(ch for ch in text if ch >= " " or ch == "\t").strip()


class SerialCodeReader:
    def __init__(
        self,
        port: str,
        baudrate: int = 9600,
        terminator: str = "\r",
        *,
        max_len: int = 4096,
        serial_factory: SerialFactory = open_serial,
        by_id_dir: Path = BY_ID_DIR,
    ) -> None:
        if not terminator:
            raise ValueError("terminator must not be empty")
        self.port = port
        self.baudrate = baudrate
        self.terminator = terminator.encode("latin-1")
        self.max_len = max_len
        self._factory = serial_factory
        self._stable = StablePort(port, by_id_dir)
        self._ser: Any = None
        self._buf = bytearray()
        self._codes: deque[CodeScanned] = deque()

    def open(self) -> None:
        if self._ser is None:
            self._ser = self._factory(self._stable.path(), self.baudrate, 0.2)

    def close(self) -> None:
        ser, self._ser = self._ser, None
        close_quietly(ser, "qr reader")

    def _split(self) -> None:
        while True:
            i = self._buf.find(self.terminator)
            if i < 0:
                if len(self._buf) > self.max_len:
                    log.info("qr reader: %d bytes without a terminator dropped", len(self._buf))
                    self._buf.clear()
                return
            raw = bytes(self._buf[:i])
            del self._buf[: i + len(self.terminator)]
            text = decode_code(raw)
            if text and len(raw) <= self.max_len:
                self._codes.append(CodeScanned(text, "serial", raw))

    def wait_for_code(self, timeout_s: float) -> CodeScan:
        deadline = time.monotonic() + timeout_s
        try:
            self.open()
        except Exception as exc:
            return CodeError("unavailable", scrub_text(str(exc)))
        while not self._codes:
            left = deadline - time.monotonic()
            if left <= 0:
                return NoCode()
            try:
                self._ser.timeout = min(left, 0.5)
                chunk = self._ser.read(max(1, self._ser.in_waiting or 1))
            except Exception as exc:
                self.close()
                return CodeError("disconnected", scrub_text(str(exc)))
            if chunk:
                self._buf += chunk
                self._split()
        code = self._codes.popleft()
        log.info("qr reader: code of %d characters", len(code.text))
        return code
