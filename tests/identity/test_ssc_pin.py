"""A social security card that asks for its PIN, through the real PC/SC path: the card
emulator on vpcd, pcscd, the managed PC/SC reader and the identify use case.

What a resident notices: the terminal asks for the PIN (and says how many tries the card has),
the right PIN reads the card, a wrong one says how many tries are left and is never tried
again by itself, the last try is known before it is made, and a blocked card says so.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import CARDS, wait_for_reader_state

PIN_CARD = str(CARDS / "ssc_pin.json")
RIGHT, WRONG = "123456", "000000"


@pytest.fixture
def pin_reader(ssc_emulator: Any) -> Iterator[Any]:
    """The managed reader on "Virtual PCD 00 00" with 李国强's PIN card inserted."""
    from drivers.ssc.managed import managed_ssc_reader

    ssc_emulator.control.update(card=PIN_CARD)
    wait_for_reader_state(True)
    dev = managed_ssc_reader("Virtual PCD 00 00")
    dev.start()
    yield dev
    dev.stop()


def read(dev: Any, pin: str | None = None, timeout_s: float = 5.0) -> Any:
    from kiosk.service import OneTimePin
    from kiosk.usecases.identify import read_ssc

    once = OneTimePin(pin) if pin is not None else None
    result = read_ssc(dev, threading.Event(), timeout_s, once)
    if once is not None:
        assert once.used, "the PIN was not wiped after the read"
    return result


def test_the_card_asks_for_its_pin_and_the_right_pin_reads_it(
    pin_reader: Any, ssc_emulator: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    asked = read(pin_reader)
    assert (asked.kind, asked.reason, asked.tries_left) == ("pin_required", "", 3)
    assert asked.identity is None
    assert ssc_emulator._card.tries == 3  # asking for the tries used none
    ok = read(pin_reader, RIGHT)
    assert ok.kind == "ok" and ok.identity is not None
    assert ok.identity.applicant.name == "李国强"
    assert ok.identity.applicant.id_channel == "ssc"
    assert RIGHT not in caplog.text


def test_a_wrong_pin_shows_the_tries_left_and_is_sent_once(
    pin_reader: Any, ssc_emulator: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    wrong = read(pin_reader, WRONG)
    assert (wrong.kind, wrong.reason, wrong.tries_left) == ("pin_required", "pin_wrong", 2)
    assert ssc_emulator._card.tries == 2  # exactly one VERIFY with the PIN went out
    # the next read without a new entry asks again: nothing is re-sent
    again = read(pin_reader)
    assert (again.kind, again.tries_left) == ("pin_required", 2)
    assert ssc_emulator._card.tries == 2
    assert WRONG not in caplog.text


def test_the_last_try_is_known_before_it_is_made(pin_reader: Any, ssc_emulator: Any) -> None:
    read(pin_reader, WRONG)
    last = read(pin_reader, WRONG)
    assert (last.kind, last.reason, last.tries_left) == ("pin_required", "pin_wrong", 1)
    # a resident who comes back later (a new session) is warned too: the card says 1
    assert read(pin_reader).tries_left == 1
    # and the last try, made right, still reads the card
    ok = read(pin_reader, RIGHT)
    assert ok.kind == "ok"
    assert ssc_emulator._card.tries == 3


def test_a_blocked_card_says_so_and_takes_no_more_pins(pin_reader: Any, ssc_emulator: Any) -> None:
    for _ in range(2):
        read(pin_reader, WRONG)
    blocked = read(pin_reader, WRONG)
    assert (blocked.kind, blocked.reason) == ("card_error", "pin_blocked")
    assert ssc_emulator._card.tries == 0
    # later reads, with or without a PIN, say blocked: even the right PIN does not read it
    assert (read(pin_reader).kind, read(pin_reader).reason) == ("card_error", "pin_blocked")
    assert read(pin_reader, RIGHT).reason == "pin_blocked"


def test_a_pin_typed_for_a_card_that_was_pulled_is_dropped_unsent(
    pin_reader: Any, ssc_emulator: Any
) -> None:
    ssc_emulator.control.update(card=None)
    wait_for_reader_state(False)
    gone = read(pin_reader, WRONG, timeout_s=0.5)  # read() checks the PIN was wiped
    assert gone.kind == "no_card"
    ssc_emulator.control.update(card=PIN_CARD)
    wait_for_reader_state(True)
    back = read(pin_reader)
    assert (back.kind, back.tries_left) == ("pin_required", 3)  # the PIN never reached it


def test_a_card_without_a_pin_never_gets_one(ssc_emulator: Any, tmp_path: Path) -> None:
    from drivers.ssc.managed import managed_ssc_reader

    ssc_emulator.control.update(card=str(CARDS / "ssc.json"))
    wait_for_reader_state(True)
    dev = managed_ssc_reader("Virtual PCD 00 00")
    dev.start()
    try:
        result = read(dev, WRONG)
    finally:
        dev.stop()
    assert result.kind == "ok"
    assert ssc_emulator._card.tries == 3


def test_the_pin_holder_shows_nothing_and_is_used_once() -> None:
    import copy
    import pickle

    from kiosk.service import OneTimePin

    pin = OneTimePin(RIGHT)
    assert RIGHT not in repr(pin) and RIGHT not in str(pin)
    with pytest.raises(TypeError):
        pickle.dumps(pin)
    with pytest.raises(TypeError):
        copy.copy(pin)
    assert pin.take() == RIGHT
    assert pin.take() is None and pin.used
    with pytest.raises(ValueError) as err:
        OneTimePin("12a456")
    assert "12a456" not in str(err.value)
