"""Tell a supervisor that the kiosk is up: the systemd ``sd_notify`` datagram protocol.

Under a ``Type=notify`` unit systemd sets ``$NOTIFY_SOCKET``; the kiosk sends ``READY=1``
once the start screen's first frame is on screen and the event loop is idle, so the unit
counts as started only when a resident can see it. The benchmark ``bench/ui_start.py`` uses
the same message to stop its clock. Without ``$NOTIFY_SOCKET`` this does nothing.
"""

from __future__ import annotations

import os


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
        sock.send(message.encode("utf-8"))
    except OSError:
        return False
    finally:
        sock.close()
    return True
