"""One contract for every card reader port, run over the real OS paths.

- GA/T 467 driver ↔ ID reader simulator over a pty;
- pyscard driver ↔ pcscd ↔ vpcd ↔ social security card emulator.

Each rig knows how to put a card in, take it out, pull it out mid-read and make the reader
absent; the assertions are the same for both.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kiosk.ports.identity import (
    CardError,
    CardPresent,
    CardRemoved,
    Disconnected,
    IdCardReader,
    NoCard,
    Ready,
    SocialSecurityReader,
    SscPresent,
    Unavailable,
)

from .conftest import CARDS, card_json, wait_for_reader_state


class IdRig:
    name = "gat467-pty"

    def __init__(self, tmp_path: Path) -> None:
        from drivers.idcard.reader import GaT467Reader, IdReaderDelays
        from drivers.idcard.simulator import IdReaderSimulator

        self.sim = IdReaderSimulator(tmp_path / "idr", card=None, pace=False).start()
        self.reader = GaT467Reader(
            str(tmp_path / "idr"), delays=IdReaderDelays(response_timeout_s=0.5)
        )
        self.absent = GaT467Reader(str(tmp_path / "nothing-here"))
        self.expected = card_json("resident.json")

    def insert(self) -> None:
        self.sim.control.update(card=str(CARDS / "resident.json"))

    def remove(self) -> None:
        self.sim.control.update(card=None)

    def pull_next_read(self) -> None:
        self.sim.control.add_fault("pull-mid-read:once")

    def wait_until_back(self) -> None:
        pass  # the reader saw "no card" once; the card is on the reader again

    def read(self) -> Any:
        return self.reader.read_card(with_address=True)

    def close(self) -> None:
        self.reader.close()
        self.sim.stop()


class SscRig:
    name = "pcsc-vpcd"

    def __init__(self, tmp_path: Path, emulator: Any) -> None:
        from drivers.ssc.reader import PcscSscReader

        self.emu = emulator
        self.reader = PcscSscReader("Virtual PCD 00 00")
        self.absent = PcscSscReader("No Such Reader")
        self.expected = card_json("ssc.json")

    def insert(self) -> None:
        self.emu.control.update(card=str(CARDS / "ssc.json"))
        wait_for_reader_state(True)

    def remove(self) -> None:
        self.emu.control.update(card=None)
        wait_for_reader_state(False)

    def pull_next_read(self) -> None:
        self.emu.control.add_fault("pull-mid-read:once")

    def wait_until_back(self) -> None:
        wait_for_reader_state(True)

    def read(self) -> Any:
        return self.reader.read_card()

    def close(self) -> None:
        self.emu.control.update(card=None)


@pytest.fixture(params=["gat467-pty", "pcsc-vpcd"])
def rig(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    if request.param == "gat467-pty":
        r: Any = IdRig(tmp_path)
    else:
        r = SscRig(tmp_path, request.getfixturevalue("ssc_emulator"))
    yield r
    r.close()


def _fields(result: Any) -> dict[str, Any]:
    assert isinstance(result, CardPresent | SscPresent), result
    return result.card.to_json()


def test_reader_satisfies_its_port(rig: Any) -> None:
    assert isinstance(rig.reader, IdCardReader | SocialSecurityReader)


def test_no_card_is_a_result_not_an_error(rig: Any) -> None:
    rig.remove()
    assert rig.read() == NoCard()


def test_card_present_is_read_with_every_field(rig: Any) -> None:
    rig.insert()
    out = _fields(rig.read())
    for key, value in rig.expected.items():
        if key in out:
            assert out[key] == value, key
    assert out["id_number_valid"] is True


def test_card_read_twice_then_removed(rig: Any) -> None:
    rig.insert()
    assert _fields(rig.read()) == _fields(rig.read())
    rig.remove()
    assert rig.read() == NoCard()


def test_card_pulled_out_mid_read_is_card_removed(rig: Any) -> None:
    rig.insert()
    rig.pull_next_read()
    assert rig.read() == CardRemoved()
    rig.wait_until_back()  # the resident puts the card back: a new read works
    assert isinstance(rig.read(), CardPresent | SscPresent)


def test_absent_reader_is_unavailable_and_reads_say_so(rig: Any) -> None:
    assert isinstance(rig.absent.status(), Unavailable)
    result = rig.absent.read_card()
    assert isinstance(result, CardError) and result.kind in ("unavailable", "disconnected")


def test_status_reports_ready_or_no_card(rig: Any) -> None:
    rig.insert()
    assert isinstance(rig.reader.status(), Ready)
    rig.remove()
    assert isinstance(rig.reader.status(), Ready | NoCard)
    assert not isinstance(rig.reader.status(), Disconnected)
