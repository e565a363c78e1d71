"""GA/T 467 frames: the real short frames of domain-reference §1, and a fuzzed parser."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.idcard import protocol as p


def h(s: str) -> bytes:
    return bytes.fromhex(s)


COMMANDS = [
    (p.RESET_SAM, b"", "AA AA AA 96 69 00 03 10 FF EC"),
    (p.SAM_STATUS, b"", "AA AA AA 96 69 00 03 11 FF ED"),
    (p.READ_SAM_ID, b"", "AA AA AA 96 69 00 03 12 FF EE"),
    (p.FIND_CARD, b"", "AA AA AA 96 69 00 03 20 01 22"),
    (p.SELECT_CARD, b"", "AA AA AA 96 69 00 03 20 02 21"),
    (p.READ_TEXT_PHOTO, b"", "AA AA AA 96 69 00 03 30 01 32"),
    (p.READ_ADDRESS, b"", "AA AA AA 96 69 00 03 30 03 30"),
    (p.READ_TEXT_PHOTO_FP, b"", "AA AA AA 96 69 00 03 30 10 23"),
    (p.SET_RF_BYTES, b"\x50", "AA AA AA 96 69 00 04 61 FF 50 CA"),
]


@pytest.mark.parametrize("cmd, data, frame", COMMANDS)
def test_command_frames_match_the_standard(cmd: tuple[int, int], data: bytes, frame: str) -> None:
    assert p.build_command(cmd, data) == h(frame)
    (parsed,) = p.FrameParser().feed(h(frame))
    assert isinstance(parsed, p.Frame) and parsed.command == cmd and parsed.command_data == data


# Real short responses, with the status each must decode to.
RESPONSES = [
    ("AA AA AA 96 69 00 04 00 00 90 94", 0x90, "success", 0),
    ("AA AA AA 96 69 00 04 00 00 80 84", 0x80, "find card failed (no card)", 0),
    ("AA AA AA 96 69 00 04 00 00 81 85", 0x81, "select card failed", 0),
    ("AA AA AA 96 69 00 04 00 00 91 95", 0x91, "no such content", 0),
    ("AA AA AA 96 69 00 04 00 00 41 45", 0x41, "read card failed", 0),
    ("AA AA AA 96 69 00 04 00 00 60 64", 0x60, "SAM self-test failed", 0),
    ("AA AA AA 96 69 00 04 00 00 10 14", 0x10, "checksum error in the command", 0),
    ("AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97", 0x9F, "find card success", 4),
    ("AA AA AA 96 69 00 0C 00 00 90 00 00 00 00 00 00 00 00 9C", 0x90, "success", 8),
]


@pytest.mark.parametrize("frame, sw3, meaning, ndata", RESPONSES)
def test_real_short_responses_decode_to_their_status(
    frame: str, sw3: int, meaning: str, ndata: int
) -> None:
    events = p.FrameParser().feed(h(frame))
    assert len(events) == 1 and isinstance(events[0], p.Frame)
    assert events[0].sw == (0, 0, sw3)
    assert len(events[0].data) == ndata
    assert p.status_meaning(sw3) == meaning


def test_read_text_photo_response_is_1295_bytes_with_len_0508() -> None:
    data = h("0100 0400") + bytes(256) + bytes(1024)
    frame = p.build_response(0x90, data)
    assert len(frame) == 1295 and frame[5:7] == h("0508")
    (ev,) = p.FrameParser().feed(frame)
    assert ev.data == data


def test_noise_before_stray_after_and_fragments() -> None:
    good = p.build_response(0x9F, bytes(4))
    stream = h("00 FF AA AA 96 13 AA") + good + h("00 00 FF AA 96") + good
    parser = p.FrameParser()
    events = []
    for i in range(len(stream)):
        events += parser.feed(stream[i : i + 1])
    assert events == [p.Frame(good[7:-1])] * 2


def test_bad_checksum_is_a_bad_frame_and_a_following_frame_is_still_found() -> None:
    good = p.build_response(0x90)
    bad = good[:-1] + bytes([good[-1] ^ 1])
    events = p.FrameParser().feed(bad + good)
    assert events == [p.BadFrame(4), p.Frame(good[7:-1])]


def test_false_preamble_with_plausible_length_does_not_swallow_the_real_frame() -> None:
    good = p.build_response(0x90, bytes(8))
    events = p.FrameParser().feed(h("AA AA AA 96 69 00 05") + good)
    assert p.Frame(good[7:-1]) in events


def test_impossible_lengths_are_skipped() -> None:
    good = p.build_response(0x90)
    for junk in ("AA AA AA 96 69 00 00", "AA AA AA 96 69 FF FF", "AA AA AA 96 69 00 02"):
        assert p.FrameParser().feed(h(junk) + good) == [p.Frame(good[7:-1])]


frames = st.builds(
    lambda sw, data: p.build_response(sw, data), st.integers(0, 255), st.binary(max_size=300)
)


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=3000), st.lists(st.integers(1, 64), max_size=60))
def test_fuzz_arbitrary_bytes_never_raise(data: bytes, cuts: list[int]) -> None:
    parser = p.FrameParser()
    i = 0
    for n in cuts:
        for ev in parser.feed(data[i : i + n]):
            assert isinstance(ev, p.Frame | p.BadFrame)
        i += n
    parser.feed(data[i:])
    assert parser.needed() >= 1


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.binary(max_size=20), frames), min_size=1, max_size=5),
    st.integers(1, 50),
)
def test_fuzz_frames_in_noise_are_all_recovered(
    parts: list[tuple[bytes, bytes]], chunk: int
) -> None:
    # noise that cannot itself contain a preamble (a reader's line noise, not a frame)
    stream = b"".join(noise.replace(b"\xaa", b"\x55") + fr for noise, fr in parts)
    parser = p.FrameParser()
    got = []
    for i in range(0, len(stream), chunk):
        got += [e for e in parser.feed(stream[i : i + chunk]) if isinstance(e, p.Frame)]
    assert got == [p.Frame(fr[7:-1]) for _, fr in parts]
