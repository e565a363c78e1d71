"""Dates as residents and the platform count them."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

CHINA_TZ = dt.timezone(dt.timedelta(hours=8), "CST")
"""China Standard Time (no daylight saving): local dates of references and deadlines."""


def add_working_days(start: dt.date, days: int) -> dt.date:
    """``start`` plus ``days`` working days, Monday to Friday.

    Public holidays and the swapped working weekends around them are not known to the kiosk;
    the platform's deadlines (in status answers) are authoritative.
    """
    d = start
    left = days
    while left > 0:
        d += dt.timedelta(days=1)
        if d.weekday() < 5:
            left -= 1
    return d


def zone(name: str | None) -> dt.tzinfo:
    """The IANA time zone ``name`` (``terminal.time_zone``); China Standard Time when the
    name is empty or unknown to this system (configuration refuses unknown names)."""
    if not name:
        return CHINA_TZ
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return CHINA_TZ


def terminal_zone(cfg: Any) -> dt.tzinfo:
    """The terminal's time zone from its configuration (``terminal.time_zone``)."""
    terminal = getattr(cfg, "terminal", None)
    return zone(getattr(terminal, "time_zone", None))


def local_time(stamp: str | None, tz: dt.tzinfo = CHINA_TZ) -> str:
    """An ISO 8601 instant (``2026-11-27T08:31:02Z``) as residents read it, in the terminal's
    time zone ``tz`` (``2026-11-27 16:31`` in Beijing). A naive stamp is taken as UTC; text
    that is no instant is kept."""
    if not stamp:
        return ""
    try:
        t = dt.datetime.fromisoformat(stamp.strip().replace("Z", "+00:00"))
    except ValueError:
        return stamp
    if t.tzinfo is None:
        t = t.replace(tzinfo=dt.UTC)
    return t.astimezone(tz).strftime("%Y-%m-%d %H:%M")
