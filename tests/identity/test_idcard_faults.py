"""The GA/T 467 driver against the simulator's faults, over a real pty.

Every fault of issue 3, on every read and with ``:once`` on the next read only. Noise, stray
bytes, fragmented and slow frames are not failures; a checksum still bad after one retry is.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from drivers.idcard import protocol as p
from drivers.idcard.reader import GaT467Reader, IdReaderDelays
from drivers.idcard.simulator import IdReaderSimulator
from kiosk.ports.identity import (
    CardError,
    CardPresent,
    CardRemoved,
    Disconnected,
    NoCard,
    Ready,
    Unavailable,
)

from .conftest import CARDS, ID_CARD_FILES, card_json

TOLERATED = ["noise-before", "stray-after", "fragmented", "slow"]


@pytest.fixture
def reader(id_sim: IdReaderSimulator) -> GaT467Reader:
    r = GaT467Reader(str(id_sim.link), delays=IdReaderDelays(response_timeout_s=1.0))
    yield r
    r.close()


def set_faults(sim: IdReaderSimulator, *faults: str) -> None:
    sim.control.update(faults=list(faults), slow_s=0.3)


@pytest.mark.parametrize("name", ID_CARD_FILES)
def test_every_card_type_reads_over_the_pty(
    id_sim: IdReaderSimulator, reader: GaT467Reader, name: str
) -> None:
    id_sim.control.update(card=str(CARDS / name))
    result = reader.read_card(with_address=True)
    assert isinstance(result, CardPresent)
    out = result.card.to_json()
    for k, v in card_json(name).items():
        assert out[k] == v, k
    assert out["photo_bytes"] == 1024
    assert result.card.photo.startswith(bytes.fromhex("574C66007E00320000FF85"))


@pytest.mark.parametrize("fault", TOLERATED)
@pytest.mark.parametrize("once", [False, True])
def test_tolerated_faults_still_give_the_card(id_sim, reader, fault: str, once: bool) -> None:
    set_faults(id_sim, fault + (":once" if once else ""))
    for _ in range(2):
        result = reader.read_card()
        assert isinstance(result, CardPresent), result
        assert result.card.name == "王秀英"
    assert id_sim.control.read()["faults"] == ([] if once else [fault])


def test_no_card(id_sim, reader) -> None:
    set_faults(id_sim, "no-card")
    assert reader.read_card() == NoCard()
    assert reader.read_card() == NoCard()


def test_no_card_once(id_sim, reader) -> None:
    set_faults(id_sim, "no-card:once")
    assert reader.read_card() == NoCard()
    assert isinstance(reader.read_card(), CardPresent)


def test_pull_mid_read(id_sim, reader) -> None:
    set_faults(id_sim, "pull-mid-read")
    assert reader.read_card() == CardRemoved()
    assert reader.read_card() == CardRemoved()


def test_pull_mid_read_once(id_sim, reader) -> None:
    set_faults(id_sim, "pull-mid-read:once")
    assert reader.read_card() == CardRemoved()
    assert isinstance(reader.read_card(), CardPresent)


def test_bad_checksum_every_time_fails_after_one_retry(id_sim, reader) -> None:
    set_faults(id_sim, "bad-checksum")
    result = reader.read_card()
    assert isinstance(result, CardError) and result.kind == "checksum"


def test_bad_checksum_once_is_recovered_by_the_retry(id_sim, reader) -> None:
    set_faults(id_sim, "bad-checksum:once")
    assert isinstance(reader.read_card(), CardPresent)
    assert id_sim.control.read()["faults"] == []


def test_sam_error_carries_code_and_meaning(id_sim, reader) -> None:
    set_faults(id_sim, "sam-error:once")
    assert reader.read_card() == CardError("sam", "60", "SAM self-test failed")
    assert isinstance(reader.read_card(), CardPresent)


def test_silent_reader_times_out(id_sim, tmp_path: Path) -> None:
    set_faults(id_sim, "silent")
    r = GaT467Reader(str(id_sim.link), delays=IdReaderDelays(response_timeout_s=0.2))
    result = r.read_card()
    assert isinstance(result, CardError) and result.kind == "timeout"
    r.close()


def test_undecodable_card_is_invalid_data(id_sim, reader) -> None:
    # a card whose text block is not UTF-16 (lone surrogates): build the frame by hand
    id_sim.control.update(card=str(CARDS / "resident.json"))
    from drivers.idcard.reader import _parse_text_photo

    result = _parse_text_photo(b"\x01\x00\x04\x00" + b"\x00\xd8" * 128 + bytes(1024))
    assert isinstance(result, CardError) and result.kind == "invalid_data"
    result = _parse_text_photo(b"\x01\x00\x04\x00" + bytes(10))
    assert isinstance(result, CardError) and result.kind == "invalid_data"


def test_status_is_ready_then_disconnected_when_the_simulator_goes(tmp_path: Path) -> None:
    sim = IdReaderSimulator(tmp_path / "idr", pace=False).start()
    r = GaT467Reader(str(tmp_path / "idr"), delays=IdReaderDelays(response_timeout_s=0.3))
    assert r.status() == Ready("SAM ok")
    sim.stop()
    assert isinstance(r.status(), Disconnected | Unavailable)
    result = r.read_card()
    assert isinstance(result, CardError) and result.kind in ("disconnected", "timeout")
    # the device comes back at the same path: the driver reconnects by itself
    sim2 = IdReaderSimulator(
        tmp_path / "idr", card=str(CARDS / "resident.json"), pace=False
    ).start()
    try:
        assert isinstance(r.read_card(), CardPresent)
    finally:
        r.close()
        sim2.stop()


class _CountingSerial:
    """Wraps the real pyserial port to record when each find-card command goes out."""

    def __init__(self, ser, log: list[float]) -> None:
        self._ser, self._log = ser, log

    def write(self, data: bytes) -> int:
        if data == p.build_command(p.FIND_CARD):
            self._log.append(time.monotonic())
        return self._ser.write(data)

    def __getattr__(self, name: str):
        return getattr(self._ser, name)

    def __setattr__(self, name: str, value) -> None:
        if name in ("_ser", "_log"):
            object.__setattr__(self, name, value)
        else:
            setattr(self._ser, name, value)


def test_waiting_polls_no_faster_than_every_300_ms(id_sim) -> None:
    from drivers.common.serialport import open_serial

    finds: list[float] = []
    r = GaT467Reader(
        str(id_sim.link),
        delays=IdReaderDelays(poll_interval_s=0.01),  # asks for faster: the driver refuses
        serial_factory=lambda *a: _CountingSerial(open_serial(*a), finds),
    )
    id_sim.control.update(card=None)
    threading.Timer(1.0, lambda: id_sim.control.update(card=str(CARDS / "resident.json"))).start()
    result = r.wait_for_card(5)
    r.close()
    assert isinstance(result, CardPresent)
    assert len(finds) >= 3
    gaps = [b - a for a, b in zip(finds, finds[1:], strict=False)]
    assert min(gaps) >= 0.3 - 0.005


def test_wait_for_card_gives_up_with_no_card_and_honours_cancel(id_sim, reader) -> None:
    id_sim.control.update(card=None)
    assert reader.wait_for_card(0.5) == NoCard()
    cancel = threading.Event()
    threading.Timer(0.2, cancel.set).start()
    assert reader.wait_for_card(30, cancel=cancel) == NoCard()


def test_missing_port_is_reported_not_raised(tmp_path: Path) -> None:
    r = GaT467Reader(str(tmp_path / "nope"))
    result = r.read_card()
    assert isinstance(result, CardError) and result.kind == "disconnected"
    assert "no such device" in result.meaning


def test_photo_and_personal_data_never_reach_the_log(id_sim, reader, caplog) -> None:
    import logging

    caplog.set_level(logging.DEBUG)
    result = reader.read_card()
    assert isinstance(result, CardPresent)
    text = caplog.text
    assert "王秀英" not in text and "11010519491231002X" not in text
    assert "110105********002X" in text
