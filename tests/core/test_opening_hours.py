"""Opening hours (``[terminal] opening_hours``): the time logic and its validation."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.config import ConfigError, parse_config
from kiosk.domain.opening_hours import HoursError, OpeningHours, open_at, parse_hours


def at(hh: int, mm: int) -> dt.datetime:
    return dt.datetime(2026, 12, 5, hh, mm)


def test_a_day_span_is_open_from_the_opening_minute_up_to_the_closing_one() -> None:
    h = parse_hours("07:00-22:00")
    assert h == OpeningHours(7 * 60, 22 * 60)
    assert not h.is_open(at(6, 59))
    assert h.is_open(at(7, 0))
    assert h.is_open(at(21, 59))
    assert not h.is_open(at(22, 0))
    assert not h.is_open(at(0, 0))
    assert h.text() == "07:00–22:00"


def test_a_span_across_midnight_is_open_late_and_early() -> None:
    h = parse_hours("20:00-02:30")
    assert h.is_open(at(20, 0))
    assert h.is_open(at(23, 59))
    assert h.is_open(at(0, 0))
    assert h.is_open(at(2, 29))
    assert not h.is_open(at(2, 30))
    assert not h.is_open(at(12, 0))
    assert not h.is_open(at(19, 59))


def test_minutes_to_the_next_change() -> None:
    h = parse_hours("07:00-22:00")
    assert h.minutes_to_change(at(21, 58)) == 2  # closes at 22:00
    assert h.minutes_to_change(at(22, 0)) == 9 * 60  # opens at 07:00 next morning
    assert parse_hours("20:00-02:00").minutes_to_change(at(23, 0)) == 3 * 60


def test_no_hours_means_always_open() -> None:
    assert open_at(None, at(3, 0))
    assert not open_at(parse_hours("07:00-22:00"), at(3, 0))


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("7-22", "expected HH:MM-HH:MM"),
        ("07:00", "expected HH:MM-HH:MM"),
        ("07:00-24:00", "24:00 is not a time of day"),
        ("07:60-22:00", "07:60 is not a time of day"),
        ("08:00-08:00", "leave opening_hours out"),
        ("", "expected HH:MM-HH:MM"),
    ],
)
def test_bad_hours_are_refused_with_what_is_expected(text: str, says: str) -> None:
    with pytest.raises(HoursError, match=says):
        parse_hours(text)


def test_configuration_refuses_bad_hours_naming_the_key() -> None:
    assert parse_config({"terminal": {"opening_hours": " 7:30 - 21:00 "}}).terminal.opening_hours
    assert parse_config({}).terminal.opening_hours is None
    with pytest.raises(ConfigError, match=r"terminal\.opening_hours: .*HH:MM-HH:MM"):
        parse_config({"terminal": {"opening_hours": "always"}})
    with pytest.raises(ConfigError, match=r"ui\.sleep_after_s: expected 0 to 86400"):
        parse_config({"ui": {"sleep_after_s": -1}})
