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


class StablePort:
    """A configured port that follows its device across replugs.

    The first time the configured path resolves, the ``by-id`` link pointing at it (if any) is
    remembered; later opens go through that link, so a reader that comes back as
    ``/dev/ttyUSB1`` is found again although ``/dev/ttyUSB0`` was configured.
    """

    def __init__(self, configured: str, by_id_dir: Path = BY_ID_DIR) -> None:
        self.configured = configured
        self.by_id_dir = by_id_dir
        self._stable: str | None = None

    def path(self) -> str:
        """What to open now (``FileNotFoundError`` naming the configured path when absent)."""
        if self._stable is None:
            candidate = stable_path(self.configured, self.by_id_dir)
            if candidate != self.configured:
                self._stable = candidate
        for p in (self._stable, self.configured):
            if p is not None and os.path.exists(p):
                return os.path.realpath(p)
        raise FileNotFoundError(f"{self.configured}: no such device")
