"""Dates as residents and the platform count them."""

from __future__ import annotations

import datetime as dt

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


def beijing_time(stamp: str | None) -> str:
    """An ISO 8601 instant (``2026-11-27T08:31:02Z``) as residents read it, in Beijing time
    (``2026-11-27 16:31``). A naive stamp is taken as UTC; text that is no instant is kept."""
    if not stamp:
        return ""
    try:
        t = dt.datetime.fromisoformat(stamp.strip().replace("Z", "+00:00"))
    except ValueError:
        return stamp
    if t.tzinfo is None:
        t = t.replace(tzinfo=dt.UTC)
    return t.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M")
