"""The sleeping screen (``[terminal] opening_hours``, ``[ui] sleep_after_s``) on the real kiosk
and the real QML window: it sleeps at the closing hour (an injected wall clock), a tap or a
card put in the social security card slot (pcscd + vpcd) wakes it, the closed notice says the
hours and what still works, and a resident mid-session is never put to sleep."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import ui_steps as steps

from kiosk.domain.opening_hours import parse_hours
from ui.driving import find, settle, tap, wait_until

SSC_CARD = str(Path(__file__).resolve().parents[2] / "assets" / "cards" / "ssc.json")


class WallClock:
    """The terminal's local time, moved by the test."""

    def __init__(self, hh: int, mm: int, ss: int = 0) -> None:
        self.now = dt.datetime(2026, 12, 5, hh, mm, ss)

    def to(self, hh: int, mm: int, ss: int = 0) -> None:
        self.now = self.now.replace(hour=hh, minute=mm, second=ss)


def hours_kw(clock: WallClock, text: str = "07:00-22:00") -> dict[str, Any]:
    """The interface's options for opening hours read on the test's clock."""
    hours = parse_hours(text)
    return {"opening_hours": lambda: hours.is_open(clock.now), "hours_text": hours.text()}


@pytest.fixture
def clock() -> WallClock:
    return WallClock(21, 59, 50)


@pytest.fixture
def hui(kiosk: Any, make_ui: Any, clock: WallClock) -> Any:
    return make_ui(kiosk.backend, keyboard=False, **hours_kw(clock))


def dark(ui: Any) -> bool:
    return find(ui.window, "sleepOverlay") is not None


def black_on_screen(ui: Any) -> bool:
    """What the window shows is black all over (a grid of its pixels)."""
    settle(60)
    img = ui.window.grabWindow()
    w, h = img.width(), img.height()
    return all(
        img.pixelColor(x * (w - 1) // 8, y * (h - 1) // 8).rgb() & 0xFFFFFF == 0
        for x in range(9)
        for y in range(9)
    )


def test_the_screen_sleeps_at_the_closing_hour_and_a_tap_wakes_it_to_the_closed_notice(
    kiosk: Any, hui: Any, clock: WallClock
) -> None:
    ui = hui
    settle(1200)  # a few ticks before the hour: open, awake, the start screen
    assert not dark(ui) and not ui.sleep.closed and ui.sleep.display == "awake"
    assert find(ui.window, "btnStart") is not None
    assert not black_on_screen(ui)

    clock.to(22, 0, 0)
    wait_until(lambda: dark(ui), 5, "asleep at 22:00")
    assert ui.sleep.display == "asleep"
    assert black_on_screen(ui)  # the overlay covers everything

    tap(ui.window, "sleepWake")  # the tap wakes it and reaches nothing beneath
    wait_until(lambda: not dark(ui), 5, "awake after a tap")
    assert ui.session.screen == "attract"
    assert ui.sleep.display == "awake" and ui.sleep.wakes["touch"] == 1
    # outside the hours: the hours and what still works, not the catalogue
    hours = find(ui.window, "closedHours")
    assert hours is not None and hours.property("text") == "本终端服务时间 07:00–22:00"
    tap(ui.window, "closedStatus")  # status lookup still works
    steps.on(ui, "status")
    settle(1500)  # the hours go on: a resident on a screen is never put to sleep
    assert not dark(ui) and ui.session.screen == "status"

    clock.to(7, 0, 0)  # next morning: open again, the start screen as always
    ui.session.home()
    wait_until(lambda: find(ui.window, "btnStart") is not None, 5, "the start screen")
    assert find(ui.window, "closedNotice") is None


def test_a_resident_in_session_is_not_put_to_sleep_at_the_closing_hour(
    kiosk: Any, hui: Any, clock: WallClock
) -> None:
    ui = hui
    steps.find_service(ui)  # the resident chose a service: the guide screen
    assert ui.session.screen != "attract"
    clock.to(22, 30)
    settle(2500)  # more than two ticks past the hour
    assert not dark(ui) and ui.sleep.display == "awake"
    assert ui.session.screen not in ("attract",)
    # the resident is done: the start screen says the hours (and sleeps once nobody has
    # touched it for the grace, below)
    ui.session.home()
    wait_until(lambda: find(ui.window, "closedNotice") is not None, 5, "the closed notice")
    assert not dark(ui)


def test_idle_sleep_wipes_the_display_settings_and_wakes_open(kiosk: Any, make_ui: Any) -> None:
    ui = make_ui(kiosk.backend, keyboard=False, sleep_after_s=2)
    ui.session.setLanguage("en")  # a resident's choice on the start screen
    settle(500)
    assert not dark(ui)
    wait_until(lambda: dark(ui), 6, "asleep after 2 s with nobody there")
    assert ui.session.language == "zh_CN"  # nothing of the last person is kept
    tap(ui.window, "sleepWake")
    wait_until(lambda: not dark(ui), 5, "awake")
    assert find(ui.window, "closedNotice") is None  # always open: the start screen
    assert find(ui.window, "btnStart") is not None


def test_outside_the_hours_a_woken_screen_sleeps_again_after_the_grace(qapp: Any) -> None:
    """The view-model's own clock: awake for ``wake_grace_s`` after the last touch, then dark."""
    from ui.fakes import FakeBackend
    from ui.session import Session
    from ui.viewmodels.sleep import SleepVM

    t = [1000.0]
    session = Session()
    vm = SleepVM(
        session,
        FakeBackend(),
        is_open=lambda: False,
        hours_text="07:00–22:00",
        clock=lambda: t[0],
        tick_ms=3_600_000,  # ticked by hand
        wake_grace_s=60,
    )
    try:
        vm.tick()
        assert vm.asleep and vm.closed
        vm.wakeByTouch()
        assert not vm.asleep
        t[0] += 59
        vm.tick()
        assert not vm.asleep
        t[0] += 2
        vm.tick()
        assert vm.asleep
    finally:
        vm.stop()
        session.close()


def test_a_card_put_in_the_slot_wakes_the_screen(
    ssc_kiosk: Any, make_ui: Any, clock: WallClock
) -> None:
    ctl = ssc_kiosk.sim_control("ssc_reader")
    ctl.update(card=SSC_CARD)  # someone left a card in the slot
    clock.to(23, 0)
    ui = make_ui(ssc_kiosk.backend, keyboard=False, **hours_kw(clock))
    wait_until(lambda: dark(ui), 5, "asleep outside the hours")
    settle(3000)  # a card left in is no event: it stays asleep
    assert dark(ui) and ui.sleep.wakes["card"] == 0
    ctl.update(card=None)
    settle(1500)
    assert dark(ui)
    ctl.update(card=SSC_CARD)  # a card put in: awake
    wait_until(lambda: not dark(ui), 20, "awake after a card was put in")
    assert ui.sleep.wakes["card"] == 1
    assert ui.session.screen == "attract"
    assert ui.backend.in_session is False  # woken, not read: nobody is identified
    assert find(ui.window, "closedNotice") is not None


def test_an_id_card_laid_on_the_reader_wakes_the_screen_and_nothing_is_read(
    kiosk: Any, make_ui: Any, clock: WallClock
) -> None:
    """The ID card reader is asked 寻卡 (find card) alone: a card laid on it wakes the screen;
    one left lying there does not keep waking it; no one is identified."""
    steps.insert_card(kiosk)  # a card left lying on the reader
    clock.to(23, 0)
    ui = make_ui(kiosk.backend, keyboard=False, **hours_kw(clock))
    wait_until(lambda: dark(ui), 5, "asleep outside the hours")
    settle(2000)  # a card left lying there is no event: it stays asleep
    assert dark(ui) and ui.sleep.wakes["card"] == 0
    kiosk.sims["id_reader"].control.update(card=None)
    settle(1500)
    assert dark(ui)
    steps.insert_card(kiosk)  # a card laid on the reader: awake
    wait_until(lambda: not dark(ui), 20, "awake after an ID card was laid on the reader")
    assert ui.sleep.wakes["card"] == 1
    assert ui.session.screen == "attract"
    assert ui.backend.in_session is False  # woken, not read: nobody is identified
    events = [e["event"] for e in kiosk.store.audit.entries()]
    assert not [e for e in events if e.startswith("identity.")], events
