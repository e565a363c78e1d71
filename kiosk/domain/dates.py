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
