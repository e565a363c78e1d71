"""One touch interface per data directory: ``kiosk run`` holds an ``flock`` on
``<data_dir>/ui.lock`` while it runs.

Two interfaces on one data directory would share the store, the device simulators' control
files and the devices themselves (one serial port, one card reader); a second one started by
hand beside the appliance's unit, or by a supervisor that lost track of the first, exits at
once instead with one line naming the process that holds the lock. The kernel drops the lock
when the holder dies (even by SIGKILL), so a killed interface never blocks the next start.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path

LOCK_FILE = "ui.lock"


class AlreadyRunning(RuntimeError):
    """Another ``kiosk run`` holds the data directory's lock."""

    def __init__(self, data_dir: Path, pid: int | None) -> None:
        who = f" (pid {pid})" if pid else ""
        super().__init__(f"another kiosk interface is running on {data_dir}{who}")
        self.pid = pid


class InstanceLock:
    """The held lock; :meth:`release` (or the process's end) frees it."""

    def __init__(self, fd: int, path: Path) -> None:
        self._fd: int | None = fd
        self.path = path

    def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(self._fd, fcntl.LOCK_UN)
                os.close(self._fd)
            self._fd = None


def acquire(data_dir: Path) -> InstanceLock:
    """Take the interface lock of ``data_dir``; :class:`AlreadyRunning` when it is held.

    The file is never deleted (deleting it would let two processes lock two different
    files); it holds the holder's pid, for the message only."""
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / LOCK_FILE
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        pid = _read_pid(fd)
        os.close(fd)
        raise AlreadyRunning(data_dir, pid) from None
    except BaseException:
        os.close(fd)
        raise
    with contextlib.suppress(OSError):  # a courtesy for the message; a full disk may refuse
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
    return InstanceLock(fd, path)


def _read_pid(fd: int) -> int | None:
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None
