"""Opening hours: when the terminal serves (``[terminal] opening_hours``, docs/technician.md).

``"07:00-22:00"`` in ``terminal.time_zone``: open from 07:00 up to (not including) 22:00. A
span may cross midnight (``"20:00-02:00"``: open from 20:00 to 02:00 the next morning). No
value means always open. Outside the hours the screen sleeps (``ui/viewmodels/sleep.py``).

Pure time logic: no clock is read here; the caller passes the local time.
"""

from __future__ import annotations

import datetime as dt
import re

from kiosk.frozen import frozen_record

_SPAN = re.compile(r"\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*")
DAY_MIN = 24 * 60


class HoursError(ValueError):
    """Text that is not a span of opening hours; the message says what is expected."""


@frozen_record
class OpeningHours:
    """Open from ``opens`` up to ``closes``, minutes after local midnight (0…1439)."""

    opens: int
    closes: int

    def is_open(self, local: dt.datetime | dt.time) -> bool:
        """Whether the terminal serves at this local time (wall clock in its time zone)."""
        t = local.time() if isinstance(local, dt.datetime) else local
        m = t.hour * 60 + t.minute
        if self.opens < self.closes:
            return self.opens <= m < self.closes
        return m >= self.opens or m < self.closes  # across midnight

    def minutes_to_change(self, local: dt.datetime | dt.time) -> int:
        """Whole minutes until the next opening or closing (1…1440), for timers and tests."""
        t = local.time() if isinstance(local, dt.datetime) else local
        m = t.hour * 60 + t.minute
        edge = self.closes if self.is_open(t) else self.opens
        return (edge - m) % DAY_MIN or DAY_MIN

    def text(self, dash: str = "–") -> str:
        """``07:00–22:00`` as residents read it (an en dash by default)."""
        return f"{_hhmm(self.opens)}{dash}{_hhmm(self.closes)}"


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def parse_hours(text: str) -> OpeningHours:
    """``"HH:MM-HH:MM"`` → :class:`OpeningHours`; :class:`HoursError` with what is expected.

    ``00:00`` to ``23:59``; the two ends must differ (an empty or a whole day is said by
    leaving the key out: always open)."""
    m = _SPAN.fullmatch(text or "")
    if not m:
        raise HoursError(f"expected HH:MM-HH:MM such as 07:00-22:00, got {text[:40]!r}")
    h1, m1, h2, m2 = (int(g) for g in m.groups())
    for h, mi in ((h1, m1), (h2, m2)):
        if h > 23 or mi > 59:
            raise HoursError(f"{h:02d}:{mi:02d} is not a time of day (00:00 to 23:59)")
    opens, closes = h1 * 60 + m1, h2 * 60 + m2
    if opens == closes:
        raise HoursError(
            f"opens and closes at the same time ({text.strip()}); leave opening_hours out "
            "for a terminal that is always open"
        )
    return OpeningHours(opens, closes)


def open_at(hours: OpeningHours | None, local: dt.datetime) -> bool:
    """Open at ``local``; no hours configured means always open."""
    return hours is None or hours.is_open(local)
