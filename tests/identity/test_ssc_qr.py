"""Social security card APDU logic and PIN rules; QR serial reader and keyboard wedge."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from drivers.qr.reader import SerialCodeReader, decode_code
from drivers.qr.simulator import QrSimulator
from drivers.ssc import apdu as A
from drivers.ssc.emulator import SscCard
from kiosk.devices.wedge import WedgeDetector
from kiosk.identity.ssc import SocialSecurityCard
from kiosk.ports.identity import CardError, CodeScanned, NoCode, PinRequired, SscPresent

from .conftest import CARDS, card_json, wait_for_reader_state


# ----------------------------------------------------------------------- APDU logic
def test_select_ssse_is_the_documented_apdu() -> None:
    assert A.SELECT_SSSE.hex().upper() == "00A404000F7378312E73682EC9E7BBE1B1A3D5CF"
    assert A.select_file(A.EF05).hex().upper() == "00A4020002EF05"
    assert A.verify("123456").hex().upper() == "0020000003123456"


def test_transmit_follows_61xx_and_6cxx() -> None:
    sent: list[bytes] = []
    script = {
        bytes.fromhex("00B2080000"): (b"", 0x6C, 0x14),
        bytes.fromhex("00B2080014"): (b"\x08\x12" + b"1" * 18, 0x90, 0x00),
        bytes.fromhex("00A4040000"): (b"", 0x61, 0x04),
        bytes.fromhex("00C0000004"): (b"\x6f\x02\x84\x00", 0x61, 0x02),
        bytes.fromhex("00C0000002"): (b"\xaa\xbb", 0x90, 0x00),
    }

    def send(apdu: bytes):
        sent.append(apdu)
        return script[apdu]

    assert A.transmit(send, bytes.fromhex("00B2080000")) == (b"\x08\x12" + b"1" * 18, 0x9000)
    assert A.transmit(send, bytes.fromhex("00A4040000")) == (b"\x6f\x02\x84\x00\xaa\xbb", 0x9000)
    assert len(sent) == 5


def test_tlv_and_values() -> None:
    assert A.parse_tlv(b"\x05\x04\x20\x21\x05\x10\x07\x02AB\x09") == {
        5: b"\x20\x21\x05\x10",
        7: b"AB",
    }
    assert A.decode_value("d", b"\x20\x21\x05\x10") == dt.date(2021, 5, 10)
    assert A.decode_value("g", "王秀英".encode("gbk")) == "王秀英"
    with pytest.raises(ValueError):
        A.decode_value("d", b"\x20\x21\x13\x99")
    assert "2 tries left" in A.sw_meaning(0x63C2)


def test_emulator_pin_counts_down_and_blocks() -> None:
    card = SscCard(SocialSecurityCard.from_json(card_json("ssc_pin.json")), "123456", 3)
    assert A.transmit(card_send(card), A.SELECT_SSSE)[1] == 0x9000
    assert card.answer(A.select_file(A.EF06)) == b"\x90\x00"
    assert card.answer(A.read_record(0x08))[-2:] == b"\x69\x82"
    assert card.answer(A.verify("111111")) == b"\x63\xc2"
    assert card.answer(A.verify("111111")) == b"\x63\xc1"
    assert card.answer(A.verify("111111")) == b"\x69\x83"
    assert card.answer(A.verify("123456")) == b"\x69\x83"  # blocked stays blocked


def card_send(card: SscCard):
    def send(apdu: bytes):
        r = card.answer(apdu)
        return r[:-2], r[-2], r[-1]

    return send


# ----------------------------------------------------------------------- PIN over pcscd
def test_pin_is_sent_only_when_asked_and_never_retried(ssc_emulator, tmp_path: Path) -> None:
    from drivers.ssc.reader import PcscSscReader

    reader = PcscSscReader("Virtual PCD 00 00")
    ssc_emulator.control.update(card=str(CARDS / "ssc.json"))
    wait_for_reader_state(True)
    # a card that does not ask for a PIN: the PIN given is never sent
    before = ssc_emulator.apdus
    result = reader.read_card(pin="999999")
    assert isinstance(result, SscPresent)
    assert ssc_emulator._card.tries == 3
    assert ssc_emulator.apdus - before < 30
    ssc_emulator.control.update(card=str(CARDS / "ssc_pin.json"))
    wait_for_reader_state(False)
    wait_for_reader_state(True)
    assert reader.read_card() == PinRequired(3)  # the tries left, asked without a PIN
    assert reader.read_card(pin="000000") == CardError("pin_wrong", "63C2", "PIN refused", 2)
    assert ssc_emulator._card.tries == 2  # exactly one VERIFY went out
    result = reader.read_card(pin="123456")
    assert isinstance(result, SscPresent) and result.card.name == "李国强"


def test_insert_and_removal_events(ssc_emulator) -> None:
    from drivers.ssc.reader import PcscSscReader
    from kiosk.ports.identity import NoCard, Ready

    reader = PcscSscReader("Virtual PCD 00 00")
    assert reader.status() == NoCard()
    import threading

    threading.Timer(0.3, lambda: ssc_emulator.control.update(card=str(CARDS / "ssc.json"))).start()
    assert isinstance(reader.wait_for_change(5), Ready)
    threading.Timer(0.3, lambda: ssc_emulator.control.update(card=None)).start()
    assert reader.wait_for_change(5) == NoCard()


def test_t1_card_reads_too(pcscd, tmp_path: Path) -> None:
    from drivers.ssc.emulator import SscEmulator
    from drivers.ssc.reader import PcscSscReader

    with SscEmulator(tmp_path / "c.json", card=str(CARDS / "ssc.json"), protocol="T1"):
        wait_for_reader_state(True)
        from smartcard.CardConnection import CardConnection
        from smartcard.System import readers

        conn = [r for r in readers() if str(r) == "Virtual PCD 00 00"][0].createConnection()
        conn.connect()
        assert conn.getProtocol() == CardConnection.T1_protocol
        conn.disconnect()
        result = PcscSscReader("Virtual PCD 00 00").read_card()
        assert isinstance(result, SscPresent) and result.card.card_number == "A01234567"
    wait_for_reader_state(False)


# ----------------------------------------------------------------------- QR serial
@pytest.fixture
def qr(tmp_path: Path):
    sim = QrSimulator(tmp_path / "qr", pace=False).start()
    reader = SerialCodeReader(str(tmp_path / "qr"))
    yield sim, reader
    reader.close()
    sim.stop()


def test_qr_codes_in_order_and_timeout(qr) -> None:
    sim, reader = qr
    assert reader.wait_for_code(0.3) == NoCode()
    sim.scan("E-LICENSE:3301-0001", "第二个码")
    assert reader.wait_for_code(3) == CodeScanned("E-LICENSE:3301-0001", "serial")
    assert reader.wait_for_code(3) == CodeScanned("第二个码", "serial")


@pytest.mark.parametrize("fault", ["fragmented", "noise-before"])
def test_qr_faults_still_give_one_clean_code(qr, fault: str) -> None:
    sim, reader = qr
    sim.control.add_fault(fault)
    sim.scan("ABC-123456")
    assert reader.wait_for_code(3) == CodeScanned("ABC-123456", "serial")
    assert reader.wait_for_code(0.3) == NoCode()


def test_qr_crlf_terminator(tmp_path: Path) -> None:
    with QrSimulator(tmp_path / "qr", terminator="\r\n", pace=False) as sim:
        reader = SerialCodeReader(str(tmp_path / "qr"), terminator="\r\n")
        sim.scan("one", "two")
        assert [reader.wait_for_code(3).text for _ in range(2)] == ["one", "two"]
        reader.close()


def test_qr_missing_port_is_unavailable(tmp_path: Path) -> None:
    result = SerialCodeReader(str(tmp_path / "none")).wait_for_code(0.1)
    assert result.kind == "unavailable"


def test_decode_code_falls_back_to_gb18030() -> None:
    assert decode_code("办事码".encode("gb18030")) == "办事码"
    assert decode_code(b"\x1b[0mABC\x00 ") == "[0mABC"


# ----------------------------------------------------------------------- keyboard wedge
def feed_all(det: WedgeDetector, text: str, start: float, gap: float):
    out = []
    t = start
    for ch in text:
        r = det.feed(ch, t)
        if r is not None:
            out.append(r)
        t += gap
    return out


def test_wedge_burst_is_a_code() -> None:
    det = WedgeDetector()
    assert feed_all(det, "HZ-88123\r", 10.0, 0.004) == [CodeScanned("HZ-88123", "keyboard")]


def test_wedge_person_typing_is_not_a_code() -> None:
    det = WedgeDetector()
    assert feed_all(det, "HZ-88123\r", 10.0, 0.2) == []


def test_wedge_typing_then_scan_only_counts_the_burst() -> None:
    det = WedgeDetector()
    assert feed_all(det, "ab", 0.0, 0.3) == []
    assert feed_all(det, "CODE1234\n", 5.0, 0.01) == [CodeScanned("CODE1234", "keyboard")]
    assert feed_all(det, "x\r", 9.0, 0.01) == []  # too short for a code


def test_wedge_reader_hands_a_burst_to_the_waiting_read_and_swallows_its_keys() -> None:
    from kiosk.devices.wedge import WedgeCodeReader
    from kiosk.ports.identity import NoCode

    now = [100.0]
    reader = WedgeCodeReader(clock=lambda: now[0])
    swallowed = [reader.feed(ch, 10.0 + i * 0.004) for i, ch in enumerate("HZ-88123\r")]
    assert swallowed[0] is False  # one key alone may be a person's: it goes to the field
    assert all(swallowed[1:])
    assert reader.wait_for_code(0.01) == CodeScanned("HZ-88123", "keyboard")
    assert reader.wait_for_code(0.01) == NoCode()
    # a person typing slowly: every key goes to the field, nothing to read
    assert not any(reader.feed(ch, 20.0 + i * 0.3) for i, ch in enumerate("HZ-88123\r"))
    assert reader.wait_for_code(0.01) == NoCode()


def test_wedge_reader_never_hands_an_old_code_to_a_later_read() -> None:
    from kiosk.devices.wedge import WedgeCodeReader
    from kiosk.ports.identity import NoCode

    now = [100.0]
    reader = WedgeCodeReader(max_age_s=10.0, clock=lambda: now[0])
    for i, ch in enumerate("OLD-CODE-1\r"):
        reader.feed(ch, 1.0 + i * 0.004)
    now[0] += 30.0  # shown to an idle terminal; the next resident asks half a minute later
    assert reader.wait_for_code(0.01) == NoCode()
