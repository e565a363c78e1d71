"""The pyserial seam: open a port the way every serial driver here does.

Modem-line ioctls (DTR/RTS…) fail with ``ENOTTY``/``EINVAL`` on a pty and on some USB
adapters; they are best effort here and never stop a port from opening. Tests and the
simulators pass their own ``SerialFactory`` where they need to.
"""

from __future__ import annotations

import errno
import logging
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)

SerialFactory = Callable[[str, int, float], Any]


def open_serial(path: str, baudrate: int, timeout: float) -> Any:
    import serial  # pyserial; imported lazily so `kiosk --help` never needs it

    s = serial.Serial()
    s.port = path
    s.baudrate = baudrate
    s.bytesize = serial.EIGHTBITS
    s.parity = serial.PARITY_NONE
    s.stopbits = serial.STOPBITS_ONE
    s.xonxoff = s.rtscts = s.dsrdtr = False
    s.timeout = timeout
    s.write_timeout = max(timeout, 1.0)
    s.open()
    set_modem_lines(s, dtr=True, rts=True)
    return s


def set_modem_lines(s: Any, *, dtr: bool, rts: bool) -> None:
    """Raise DTR/RTS where the port supports it; a pty does not (``ENOTTY``), which is fine."""
    for attr, value in (("dtr", dtr), ("rts", rts)):
        try:
            setattr(s, attr, value)
        except OSError as exc:
            if exc.errno not in (errno.ENOTTY, errno.EINVAL, None):
                raise
        except Exception as exc:  # pyserial wraps some ioctl failures in SerialException
            if "ioctl" not in str(exc).lower() and "argument" not in str(exc).lower():
                raise


def close_quietly(ser: Any, what: str) -> None:
    """Close a port that may already be gone (an unplugged adapter raises on close)."""
    if ser is None:
        return
    try:
        ser.close()
    except Exception:
        log.debug("%s: close failed", what, exc_info=True)
