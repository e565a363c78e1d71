"""A social security card that asks for its PIN, end to end: the card emulator on vpcd, pcscd,
the kiosk's PC/SC driver, the application API and the QML identify screen with its PIN pad.

The resident types on the pad; every confirmed entry is one read of the card with that PIN.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
import ui_steps as steps

from ui.driving import find, tap, wait_until

PIN_CARD = str(Path(__file__).resolve().parents[2] / "assets" / "cards" / "ssc_pin.json")


@pytest.fixture
def pin_ui(ssc_kiosk: Any, make_ui: Any) -> Any:
    ui = make_ui(ssc_kiosk.backend, dev_control=ssc_kiosk.control)
    steps.find_service(ui)
    wait_until(lambda: ui.identify.available.get("ssc") is True, 20, "SSC reader ready")
    ssc_kiosk.sim_control("ssc_reader").update(card=PIN_CARD)
    tap(ui.window, "btnSsc")
    wait_until(lambda: ui.identify.state == "pin", 30, "the PIN pad")
    return ui


def enter(ui: Any, digits: str) -> None:
    for d in digits:
        tap(ui.window, "sscPin" + d)
    tap(ui.window, "sscPinConfirm")


def shown(ui: Any, name: str) -> str:
    item = find(ui.window, name)
    return "" if item is None else str(item.property("text"))


def test_the_resident_enters_the_pin_on_the_pad_and_goes_on(
    ssc_kiosk: Any, pin_ui: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    ui = pin_ui
    assert find(ui.window, "sscPinPad") is not None
    assert find(ui.window, "btnIdCard") is None  # the pad has the screen to itself
    assert "3" in shown(ui, "sscPinTries")
    # the dots count the digits; confirm waits for all six; delete takes one back
    for d in "12345":
        tap(ui.window, "sscPin" + d)
    assert not find(ui.window, "sscPinConfirm").isEnabled()
    tap(ui.window, "sscPinDelete")
    tap(ui.window, "sscPinCancel")  # cancel: back to the choice, nothing sent
    wait_until(lambda: ui.identify.state == "choose", 5, "back to the choice")
    tap(ui.window, "btnSsc")
    wait_until(lambda: ui.identify.state == "pin", 30, "the PIN pad again")

    enter(ui, "000000")  # wrong
    wait_until(lambda: ui.identify.state == "pin" and ui.identify.pinRefused, 30, "refused")
    assert ui.identify.triesLeft == 2
    assert "2" in shown(ui, "sscPinTries")
    assert find(ui.window, "sscPinWarning") is None  # no warning yet: two tries left

    enter(ui, "111111")  # wrong again: the pad warns before the last try
    wait_until(lambda: ui.identify.state == "pin" and ui.identify.triesLeft == 1, 30, "last")
    assert "最后一次" in shown(ui, "sscPinWarning")

    enter(ui, "123456")  # right: the card is read and the journey goes on
    steps.on(ui, "form", 30)
    person = ui.journey.person
    assert person is not None and person.channel == "ssc"
    values = {f["name"]: f["value"] for f in ui.form.fields}
    assert values["applicant_name"] == "李国强"
    for pin in ("000000", "111111", "123456"):  # no PIN typed reached a log line
        assert pin not in caplog.text


def test_a_blocked_card_offers_the_id_card_and_help(ssc_kiosk: Any, pin_ui: Any) -> None:
    ui = pin_ui
    for wrong in ("000000", "111111"):
        enter(ui, wrong)
        wait_until(lambda: ui.identify.pinRefused, 30, "refused")
        wait_until(lambda: find(ui.window, "sscPinConfirm") is not None, 10, "pad again")
    enter(ui, "222222")
    wait_until(lambda: ui.identify.state == "blocked", 30, "blocked")
    assert find(ui.window, "sscPinPad") is None
    assert "锁定" in str(find(ui.window, "identifyMessage").property("text"))
    assert find(ui.window, "btnIdentifyHelp") is not None
    # the resident switches to the ID card right from here
    tap(ui.window, "btnUseIdCard")
    wait_until(lambda: ui.identify.channel == "id_card", 5, "ID card chosen")
