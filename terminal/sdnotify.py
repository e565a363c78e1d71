"""Tell a supervisor that the kiosk is up: the systemd ``sd_notify`` datagram protocol.

Under a ``Type=notify`` unit systemd sets ``$NOTIFY_SOCKET``; the kiosk sends ``READY=1``
once the start screen's first frame is on screen and the event loop is idle, so the unit
counts as started only when a resident can see it. The benchmark ``bench/ui_start.py`` uses
the same message to stop its clock. Without ``$NOTIFY_SOCKET`` this does nothing.

Under ``WatchdogSec=`` (``$WATCHDOG_USEC``) :class:`Watchdog` sends ``WATCHDOG=1`` only while
the loops it watches turn (the GUI thread's event loop, the sync agent's service loop); see
``tools/watchdog_harness.py`` to try it without systemd.

A datagram on a Unix socket is sent with ``MSG_DONTWAIT``: it never waits (a full queue
drops the message), so the GUI thread may send it.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from typing import Any

log = logging.getLogger("kiosk.terminal.sdnotify")


def notify(message: str = "READY=1") -> bool:
    """Send one state line to ``$NOTIFY_SOCKET``; True if it was sent.

    Never raises: a supervisor that went away must not stop the kiosk."""
    address = os.environ.get("NOTIFY_SOCKET")
    if not address:
        return False
    if address.startswith("@"):  # abstract namespace
        address = "\0" + address[1:]
    # the C module: the ``socket`` wrapper costs ≈ 5 ms to import, and this runs right
    # before the start screen counts as shown
    import _socket

    sock = _socket.socket(_socket.AF_UNIX, _socket.SOCK_DGRAM | _socket.SOCK_CLOEXEC)
    try:
        sock.connect(address)
        sock.send(message.encode("utf-8"), _socket.MSG_DONTWAIT)
    except OSError:
        return False
    finally:
        sock.close()
    return True


# ---------------------------------------------------------------------------- the watchdog


def watchdog_interval_s(env: dict[str, str] | None = None, pid: int | None = None) -> float | None:
    """``WatchdogSec=`` as systemd passes it (``$WATCHDOG_USEC``), in seconds; None when no
    watchdog is set for this process (``$WATCHDOG_PID``, when set, names another one — a
    child that inherited the environment must not pet on its parent's behalf)."""
    env = os.environ if env is None else env
    usec = env.get("WATCHDOG_USEC", "")
    if not usec.isdigit() or int(usec) == 0:
        return None
    owner = env.get("WATCHDOG_PID", "")
    if owner and owner != str(os.getpid() if pid is None else pid):
        return None
    return int(usec) / 1_000_000


class Watchdog:
    """Pets systemd's watchdog (``WATCHDOG=1``) only while every loop it watches turns.

    The GUI thread calls :meth:`pet` from a timer on its own event loop, so a frozen loop
    stops the petting by itself; another loop (the sync agent's) registers with
    :meth:`watch` and calls the function it gets back each time it turns. A loop that has not
    turned within its allowance stops the petting too: systemd then kills the process
    (SIGABRT, then SIGKILL) and ``Restart=always`` starts a new one, whose session is empty.
    """

    def __init__(
        self,
        interval_s: float,
        send: Callable[[str], bool] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.interval_s = interval_s
        self._send = send or notify
        self._clock = clock
        self._loops: dict[str, tuple[float, float]] = {}  # name → (last turn, allowance)
        self._lock = threading.Lock()
        self._last_pet = float("-inf")
        self._stalled: str | None = None
        self.pets = 0

    @property
    def pet_every_s(self) -> float:
        """Half the limit, as ``sd_watchdog_enabled(3)`` advises."""
        return self.interval_s / 2

    def watch(self, name: str, allowance_s: float | None = None) -> Callable[[], None]:
        """Register loop ``name``; it counts as stalled once it has not turned for
        ``allowance_s`` (default: the watchdog's limit). Returns the call for each turn."""
        allowance = self.interval_s if allowance_s is None else max(allowance_s, self.interval_s)
        with self._lock:
            self._loops[name] = (self._clock(), allowance)

        def turned() -> None:
            with self._lock:
                self._loops[name] = (self._clock(), allowance)

        return turned

    def stalled(self) -> list[str]:
        now = self._clock()
        with self._lock:
            return [n for n, (at, allow) in self._loops.items() if now - at > allow]

    def pet(self) -> bool:
        """Send ``WATCHDOG=1`` if every watched loop turned recently; True if sent."""
        stalled = self.stalled()
        if stalled:
            if self._stalled != stalled[0]:
                self._stalled = stalled[0]
                log.error("watchdog: the %s loop stopped turning; not petting", stalled[0])
            return False
        self._stalled = None
        self._last_pet = self._clock()
        self.pets += 1
        return self._send("WATCHDOG=1")

    def pet_if_due(self) -> bool:
        """:meth:`pet` when half the limit passed since the last one (for a loop that is the
        process's only one, e.g. ``kiosk sync``)."""
        if self._clock() - self._last_pet < self.pet_every_s:
            return False
        return self.pet()


def start_qt_watchdog(parent: Any = None, env: dict[str, str] | None = None) -> Watchdog | None:
    """Under ``WatchdogSec=``: a timer on the calling (GUI) thread pets every half limit, so
    the petting stops when that thread's event loop stops turning. None without a watchdog."""
    interval = watchdog_interval_s(env)
    if interval is None:
        return None
    from PySide6.QtCore import QTimer

    dog = Watchdog(interval)
    timer = QTimer(parent)
    timer.setInterval(max(50, int(dog.pet_every_s * 1000)))
    timer.timeout.connect(dog.pet)
    timer.start()
    dog.timer = timer  # type: ignore[attr-defined] - kept alive with the watchdog
    dog.pet()
    log.info("watchdog: petting every %.1f s (limit %.1f s)", dog.pet_every_s, interval)
    return dog


# ---------------------------------------------------------------- the supervisor's side


def listen(address: str) -> Any:
    """A ``NOTIFY_SOCKET`` to hand to a child, as systemd makes it: a datagram socket bound at
    ``address`` that receives each sender's credentials (for tools and tests that supervise
    the kiosk without systemd: ``tools/watchdog_harness.py``, ``tools/unit_supervisor.py``)."""
    import socket

    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 1)
    sock.bind(address)
    return sock


def received(sock: Any, timeout: float) -> list[tuple[int, str]]:
    """The datagrams that arrive on ``sock`` (from :func:`listen`) within ``timeout``
    seconds, each with its sender's PID (0 when the kernel gave none)."""
    import select
    import socket
    import struct

    out = []
    ready, _, _ = select.select([sock], [], [], max(0.0, timeout))
    while ready:
        data, anc, _, _ = sock.recvmsg(4096, socket.CMSG_SPACE(12))
        pid = 0
        for level, kind, payload in anc:
            if level == socket.SOL_SOCKET and kind == socket.SCM_CREDENTIALS:
                pid = struct.unpack("iII", payload[:12])[0]
        out.append((pid, data.decode("utf-8", "replace")))
        ready, _, _ = select.select([sock], [], [], 0)
    return out
