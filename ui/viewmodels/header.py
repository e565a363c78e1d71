"""Every screen's header: the terminal's name and place, the local time and date in the
terminal's time zone, and the drawings of where each device is on this cabinet.

The clock ticks once a minute (a one-shot timer set for the next minute's start), so an idle
kiosk repaints the header once a minute and never more. The network state is the devices'
view-model's ``online`` (polled off the GUI thread); the header only shows it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Property, QObject, QTimer, QUrl, Signal, Slot

from kiosk.service import KioskApi

WEEKDAYS_ZH = "一二三四五六日"
WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _zone(name: str) -> dt.tzinfo:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):  # checked with the configuration already
        return dt.timezone(dt.timedelta(hours=8), "CST")


def date_text(day: dt.date, language: str) -> str:
    """``12月4日 周五`` / ``Fri 4 Dec``."""
    if language == "en":
        return f"{WEEKDAYS_EN[day.weekday()]} {day.day} {MONTHS_EN[day.month - 1]}"
    return f"{day.month}月{day.day}日 周{WEEKDAYS_ZH[day.weekday()]}"


class HeaderVM(QObject):
    changed = Signal()
    clockChanged = Signal()  # noqa: N815 - a QML property's notify signal

    def __init__(self, backend: KioskApi, session: Any) -> None:
        super().__init__()
        self._facts = backend.terminal_facts()
        self._zone = _zone(self._facts.time_zone)
        self._session = session
        self._time = ""
        self._date = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        # a coarse timer (Qt's default): the minute turns at most 3 s late on screen. The
        # precise kind is named through the Qt namespace, whose first use builds all of its
        # ~100 enums (≈ 10 ms before the start screen's first frame).
        self._timer.timeout.connect(self.tick)
        session.languageChanged.connect(self._on_language)
        self.tick()

    def _en(self) -> bool:
        return self._session.language == "en"

    def now(self) -> dt.datetime:
        """The terminal's local time."""
        return dt.datetime.now(self._zone)

    @Slot()
    def tick(self) -> None:
        now = self.now()
        self._time = now.strftime("%H:%M")
        self._date = date_text(now.date(), self._session.language)
        self.clockChanged.emit()
        # the next tick at the start of the next minute (a little after, never before)
        ms = (60 - now.second) * 1000 - now.microsecond // 1000 + 20
        self._timer.start(max(ms, 20))

    @Slot()
    def _on_language(self) -> None:
        self.changed.emit()
        self.tick()

    def stop(self) -> None:
        self._timer.stop()

    # in English the English name and place, the Chinese ones where none is configured
    name = Property(
        str,
        lambda self: (self._facts.name_en if self._en() else "") or self._facts.name,
        notify=changed,
    )
    place = Property(
        str,
        lambda self: (self._facts.location_en if self._en() else "") or self._facts.location,
        notify=changed,
    )
    time = Property(str, lambda self: self._time, notify=clockChanged)
    """``HH:MM`` in the terminal's time zone."""
    date = Property(str, lambda self: self._date, notify=clockChanged)
    clockSample = Property(
        str,
        lambda self: date_text(dt.date(2026, 12, 30), self._session.language) + "  00:00",
        notify=changed,
    )
    """A wide clock text (two-digit month and day, a Wednesday): the header's right column is
    sized on it, so that neither the minute nor the day changes the header's layout."""
    timeZone = Property(str, lambda self: self._facts.time_zone, constant=True)
    pictures = Property(
        "QVariantMap",
        lambda self: {k: QUrl.fromLocalFile(v).toString() for k, v in self._facts.pictures.items()},
        constant=True,
    )
    """``id_card``, ``ssc``, ``qr``, ``scanner`` → the picture's file URL."""
