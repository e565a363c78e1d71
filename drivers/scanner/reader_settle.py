"""Wait until a SANE backend's reader thread may be cancelled without wedging the process.

Backends built on ``sanei_thread`` (the ``test`` backend among them) run a reader thread with
``PTHREAD_CANCEL_ASYNCHRONOUS`` and ``sane_cancel`` — also the one inside ``sane_read`` at the
end of a page — calls ``pthread_cancel`` on it. A cancel that lands while the reader is inside
``malloc`` or ``free`` leaves glibc's arena lock held for ever: the dying thread then blocks on
it in its own exit path and ``pthread_join`` in ``sane_cancel`` never returns (seen in gdb:
``tcache_thread_shutdown`` → ``__lll_lock_wait_private`` against ``sanei_thread_waitpid``).
Under load that was about one scan in a thousand, every one a resident's 30-second timeout.

A cancel is harmless when the reader has exited, or while it is blocked in a plain I/O or
sleep system call (a cancellation point, no allocator lock held). The scanner process asks for
one of those states, read from ``/proc/self/task``, before it lets libsane cancel. The waits
are bounded: a backend whose reader is busy longer only loses the protection, not time.
"""

from __future__ import annotations

import os
import platform
import threading
import time
from collections.abc import Collection

# blocking calls in which a thread holds no allocator lock: read, write, poll/select, ioctl
# (USB), sleeps. Not futex (a lock wait) nor mmap/munmap/brk (malloc calls them with its lock).
_SAFE_SYSCALLS = {
    "x86_64": {0, 1, 7, 16, 23, 35, 230, 232, 270, 271, 281},
    "aarch64": {22, 29, 63, 64, 72, 73, 101, 115},
}.get(platform.machine(), set())


def _state(tid: str) -> tuple[str, int | None] | None:
    """``(state letter, syscall number or None)`` of a task of this process; None if gone."""
    base = f"/proc/self/task/{tid}/"
    try:
        with open(base + "stat") as f:
            state = f.read().rsplit(")", 1)[1].split()[0]
        with open(base + "syscall") as f:
            first = f.read().split(maxsplit=1)[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return None
    except OSError:
        return ("?", None)
    return state, (int(first) if first.lstrip("-").isdigit() else None)


def _settled(tid: str, gone_only: bool) -> bool:
    st = _state(tid)
    if st is None:
        return True
    if gone_only:
        return False
    state, syscall = st
    return state in ("S", "D") and syscall in _SAFE_SYSCALLS


def other_threads() -> list[str]:
    """The task ids of this process's threads other than the calling one."""
    me = str(threading.get_native_id())
    try:
        return [t for t in os.listdir("/proc/self/task") if t != me]
    except OSError:
        return []


def wait_settled(
    timeout_s: float, *, gone_only: bool = False, besides: Collection[str] = ()
) -> bool:
    """Wait up to ``timeout_s`` until every other thread of this process (but those in
    ``besides``: the threads there were before libsane started its reader) has exited or
    (unless ``gone_only``) sits blocked in a safe system call. True when it did, False at the
    deadline (or where ``/proc`` cannot tell: then the caller goes on as before)."""
    if not _SAFE_SYSCALLS and not gone_only:
        return False
    end = time.monotonic() + timeout_s
    while True:
        if all(_settled(t, gone_only) for t in other_threads() if t not in besides):
            return True
        if time.monotonic() >= end:
            return False
        time.sleep(0.001)
