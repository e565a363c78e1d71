"""Health states every device shares (device kinds add their own, e.g. ``NoCard``).

Tagged union members are frozen dataclasses: compare them, match on them, log them — they
carry no personal data.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Ready:
    detail: str = ""


@dataclass(frozen=True)
class Unavailable:
    """The device is not there at all (no port, no pcscd, kind = "none")."""

    reason: str


@dataclass(frozen=True)
class Disconnected:
    """The device was there and stopped answering; the manager reconnects while idle."""

    reason: str


@dataclass(frozen=True)
class Busy:
    """A job is running on the device's worker."""

    job: str = ""
