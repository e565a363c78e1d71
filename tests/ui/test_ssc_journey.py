"""Identify with the social security card (社保卡) through the real PC/SC path: the card
emulator on vsmartcard-vpcd, read by pcscd (one per test session, shared with
tests/identity), the kiosk's PC/SC reader driver and the QML identify screen."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import ui_steps as steps

from ui.driving import find, tap, wait_until


@pytest.fixture
def ssc_ui(ssc_kiosk: Any, make_ui: Any) -> Any:
    u = make_ui(ssc_kiosk.backend, dev_control=ssc_kiosk.control)
    return u


def test_social_security_card_identifies_and_prefills_the_form(ssc_kiosk: Any, ssc_ui: Any) -> None:
    from terminal.devpanel import demo_card

    ui = ssc_ui
    card = demo_card("ssc")  # the card file the emulator holds (or the built-in one)
    if not isinstance(card, dict):
        card = json.loads(Path(card).read_text(encoding="utf-8"))
    steps.find_service(ui)
    wait_until(lambda: ui.identify.available.get("ssc") is True, 20, "SSC reader ready")
    assert find(ui.window, "btnSsc").isEnabled()
    ssc_kiosk.control("ssc_insert")
    tap(ui.window, "btnSsc")
    steps.on(ui, "form", 30)
    ident = ui.journey.person
    assert ident is not None and ident.channel == "ssc"
    values = {f["name"]: f["value"] for f in ui.form.fields}
    assert values["applicant_name"] == card["name"]
    assert values["id_number"] == card["id_number"]
    # the card leaves the reader; the session's end drops what was read from it
    ssc_kiosk.control("ssc_pull")
    ui.session.home()
    steps.on(ui, "attract")
    assert ui.journey.person is None
    assert not ssc_kiosk.backend.in_session  # the application API dropped it too
