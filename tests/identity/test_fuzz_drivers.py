"""Whatever a device sends, the drivers answer with a tagged result (hypothesis).

These feed the drivers through their I/O seams (a scripted serial port, a scripted APDU
channel) — pure logic; the real OS paths are covered by the contract and fault suites.
"""

from __future__ import annotations

import errno

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drivers.common.serialport import set_modem_lines
from drivers.idcard import protocol as p
from drivers.idcard.reader import GaT467Reader, IdReaderDelays
from drivers.ssc import apdu as A
from drivers.ssc.reader import PcscSscReader
from kiosk.ports.identity import (
    CardError,
    CardPresent,
    CardRemoved,
    NoCard,
    PinRequired,
    SscPresent,
)


class ScriptedSerial:
    """Answers each written command with the next scripted chunk of bytes."""

    def __init__(self, answers: list[bytes]) -> None:
        self.answers = list(answers)
        self.pending = b""
        self.timeout = 0.0

    def reset_input_buffer(self) -> None:
        self.pending = b""

    def write(self, data: bytes) -> int:
        if self.answers:
            self.pending += self.answers.pop(0)
        return len(data)

    def read(self, n: int) -> bytes:
        out, self.pending = self.pending[:n], self.pending[n:]
        return out

    def close(self) -> None:
        pass


def frame_answers() -> st.SearchStrategy[bytes]:
    frame = st.builds(
        lambda sw, data: p.build_response(sw, data),
        st.sampled_from([0x90, 0x9F, 0x80, 0x81, 0x91, 0x41, 0x60, 0x10, 0x33, 0x00, 0xFF]),
        st.one_of(
            st.binary(max_size=40),
            st.builds(
                lambda t, ph: b"\x01\x00\x04\x00" + t + ph,
                st.binary(min_size=256, max_size=256),
                st.binary(min_size=0, max_size=1024),
            ),
        ),
    )
    return st.one_of(
        frame, st.binary(max_size=64), st.builds(bytes.__add__, st.binary(max_size=8), frame)
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(frame_answers(), max_size=8))
def test_id_reader_returns_tagged_results_for_any_answers(answers: list[bytes]) -> None:
    reader = GaT467Reader(
        "/dev/null",
        delays=IdReaderDelays(response_timeout_s=0.001),
        serial_factory=lambda *a: ScriptedSerial(answers),
    )
    reader._ser = ScriptedSerial(answers)
    result = reader.read_card(with_address=True)
    assert isinstance(result, CardPresent | NoCard | CardRemoved | CardError)
    if isinstance(result, CardPresent):
        result.card.to_json()


apdu_answer = st.tuples(
    st.binary(max_size=40),
    st.sampled_from([0x90, 0x61, 0x6C, 0x63, 0x69, 0x6A, 0x6F, 0x00]),
    st.integers(0, 255),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(apdu_answer, min_size=1, max_size=40), st.one_of(st.none(), st.just("123456")))
def test_ssc_read_returns_tagged_results_for_any_answers(answers, pin) -> None:
    script = list(answers)

    def send(apdu: bytes):
        return script.pop(0) if script else (b"", 0x6F, 0x00)

    result = PcscSscReader()._read(send, pin)
    assert isinstance(result, SscPresent | PinRequired | CardError)
    if isinstance(result, SscPresent):
        result.card.to_json()


def test_ssc_pin_wrong_is_not_retried() -> None:
    sent: list[bytes] = []

    def send(apdu: bytes):
        sent.append(apdu)
        if apdu[1] == 0x20:
            return b"", 0x63, 0xC1
        if apdu[1] == 0xB2 and apdu[2] == 0x08:
            return b"", 0x69, 0x82
        if apdu[1] == 0xB2:
            return b"", 0x6A, 0x83  # EF05 records absent: fine, read on
        return b"", 0x90, 0x00

    result = PcscSscReader()._read(send, "123456")
    assert result == CardError("pin_wrong", "63C1", "PIN refused", 1)
    assert sum(1 for a in sent if a[1] == 0x20) == 1
    assert A.verify("123456") in sent


def test_modem_lines_on_a_pty_are_best_effort() -> None:
    class Pty:
        def __setattr__(self, name, value):
            raise OSError(errno.ENOTTY, "Inappropriate ioctl for device")

    set_modem_lines(Pty(), dtr=True, rts=True)  # does not raise
