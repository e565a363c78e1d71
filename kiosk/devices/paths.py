"""Serial device paths that survive replugging.

A USB serial adapter may come back as ``/dev/ttyUSB1`` after being ``/dev/ttyUSB0``; udev's
``/dev/serial/by-id/…`` links name it by vendor, model and serial number instead. Configure
the by-id path when there is one; :func:`stable_path` finds it for a technician who typed
``/dev/ttyUSB0``, and :func:`resolve_port` turns whatever is configured into what to open.
"""

from __future__ import annotations

import os
from pathlib import Path

BY_ID_DIR = Path("/dev/serial/by-id")


def stable_path(port: str, by_id_dir: Path = BY_ID_DIR) -> str:
    """The ``by-id`` link that points at ``port``, or ``port`` itself when there is none."""
    try:
        target = os.path.realpath(port)
        links = sorted(by_id_dir.iterdir())
    except OSError:
        return port
    for link in links:
        try:
            if os.path.realpath(link) == target:
                return str(link)
        except OSError:
            continue
    return port


def resolve_port(port: str) -> str:
    """What to open for a configured ``port``: symlinks (by-id, a simulator's link) followed.

    Raises ``FileNotFoundError`` with the configured path when it does not exist, so the
    caller can report the device as unavailable by the name the technician knows.
    """
    if not os.path.exists(port):
        raise FileNotFoundError(f"{port}: no such device")
    return os.path.realpath(port)
