"""A pty whose slave end has a stable symlink — the OS path a serial simulator offers.

The simulator keeps its own slave fd open so that bytes it writes before a driver opens the
port are buffered rather than lost, and so that the master never sees EIO when a driver
closes the port between reads.
"""

from __future__ import annotations

import contextlib
import os
import time
import tty
from pathlib import Path


class PtyLink:
    def __init__(self, link: str | os.PathLike[str]) -> None:
        self.link = Path(link)
        self.master, self._slave = os.openpty()
        tty.setraw(self._slave)
        self.slave_name = os.ttyname(self._slave)
        os.set_blocking(self.master, True)
        if self.link.is_symlink() or self.link.exists():
            if not self.link.is_symlink():
                raise FileExistsError(f"{self.link} exists and is not a symlink")
            self.link.unlink()
        self.link.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(self.slave_name, self.link)

    def write_paced(self, data: bytes, baudrate: int | None, chunk: int = 32) -> None:
        """Write ``data``; with a baud rate, take the wire time (10 bits per byte) to do it.

        Pacing follows an absolute schedule so that sleep overshoot does not accumulate.
        """
        if not baudrate:
            os.write(self.master, data)
            return
        t0 = time.monotonic()
        sent = 0
        for i in range(0, len(data), chunk):
            part = data[i : i + chunk]
            os.write(self.master, part)
            sent += len(part)
            delay = t0 + sent * 10 / baudrate - time.monotonic()
            if delay > 0:
                time.sleep(delay)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            if self.link.is_symlink() and os.readlink(self.link) == self.slave_name:
                self.link.unlink()
        for fd in (self.master, self._slave):
            with contextlib.suppress(OSError):
                os.close(fd)
