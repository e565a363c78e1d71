"""GA/T 467-2019 SAM_A frames: build, parse (with resynchronisation), and status meanings.

::

    command : AA AA AA 96 69 | LEN_HI LEN_LO | CMD PARA | DATA... | CHK
    response: AA AA AA 96 69 | LEN_HI LEN_LO | SW1 SW2 SW3 | DATA... | CHK
    CHK = XOR of LEN_HI .. last DATA byte; LEN counts every byte after the length.

:class:`FrameParser` is fed whatever bytes arrive (noise, fragments, stray bytes, several
frames at once) and yields :class:`Frame` and :class:`BadFrame` events. It never raises on
input: everything that is not a well-formed frame is skipped by resynchronising on the
preamble. The same parser reads commands in the simulator.
"""

from __future__ import annotations

from dataclasses import dataclass

PREAMBLE = bytes.fromhex("AAAAAA9669")
HEADER_LEN = 7  # preamble + 2 length bytes
MIN_LEN = 3  # CMD PARA CHK
MAX_LEN = 0x1000  # the longest real response (text+photo+fingerprint) is 0x090A

# commands (CMD, PARA)
RESET_SAM = (0x10, 0xFF)
SAM_STATUS = (0x11, 0xFF)
READ_SAM_ID = (0x12, 0xFF)
FIND_CARD = (0x20, 0x01)
SELECT_CARD = (0x20, 0x02)
READ_TEXT_PHOTO = (0x30, 0x01)
READ_ADDRESS = (0x30, 0x03)
READ_TEXT_PHOTO_FP = (0x30, 0x10)
SET_RF_BYTES = (0x61, 0xFF)

SW_OK = 0x90
SW_FIND_OK = 0x9F
SW_NO_CARD = 0x80
SW_SELECT_FAILED = 0x81
SW_NO_CONTENT = 0x91

STATUS_MEANINGS: dict[int, str] = {
    0x90: "success",
    0x9F: "find card success",
    0x80: "find card failed (no card)",
    0x81: "select card failed",
    0x91: "no such content",
    0x10: "checksum error in the command",
    0x11: "length error in the command",
    0x21: "bad command",
    0x23: "operation not permitted",
    0x24: "unrecognised error",
    0x31: "card failed to authenticate the SAM",
    0x32: "SAM failed to authenticate the card",
    0x33: "information check failed",
    0x37: "fingerprint check failed",
    0x3F: "information length error",
    0x40: "unknown card type",
    0x41: "read card failed",
    0x47: "random number failed",
    0x60: "SAM self-test failed",
    0x66: "SAM not authorised",
}


def status_meaning(sw3: int) -> str:
    return STATUS_MEANINGS.get(sw3, f"unknown status 0x{sw3:02X}")


def xor(data: bytes) -> int:
    c = 0
    for b in data:
        c ^= b
    return c


def _frame(body: bytes) -> bytes:
    length = len(body) + 1
    head = length.to_bytes(2, "big")
    return PREAMBLE + head + body + bytes([xor(head + body)])


def build_command(cmd: tuple[int, int], data: bytes = b"") -> bytes:
    return _frame(bytes(cmd) + data)


def build_response(sw3: int, data: bytes = b"", *, sw1: int = 0, sw2: int = 0) -> bytes:
    return _frame(bytes([sw1, sw2, sw3]) + data)


@dataclass(frozen=True)
class Frame:
    """A frame whose checksum matched. ``body`` is everything between length and CHK."""

    body: bytes

    # response view
    @property
    def sw(self) -> tuple[int, int, int]:
        b = self.body + b"\0\0\0"
        return b[0], b[1], b[2]

    @property
    def sw3(self) -> int:
        return self.sw[2]

    @property
    def data(self) -> bytes:
        return self.body[3:]

    # command view
    @property
    def command(self) -> tuple[int, int]:
        b = self.body + b"\0\0"
        return b[0], b[1]

    @property
    def command_data(self) -> bytes:
        return self.body[2:]


@dataclass(frozen=True)
class BadFrame:
    """A frame-shaped run of bytes whose checksum did not match."""

    length: int


ParseEvent = Frame | BadFrame


class FrameParser:
    """Incremental, resynchronising frame parser. ``feed`` never raises on any input."""

    def __init__(self, *, max_len: int = MAX_LEN, min_len: int = MIN_LEN) -> None:
        self._buf = bytearray()
        self.max_len = max_len
        self.min_len = min_len
        self.skipped = 0
        """Bytes discarded as noise or stray (for diagnostics)."""

    def reset(self) -> None:
        self._buf.clear()

    def pending(self) -> int:
        return len(self._buf)

    def needed(self) -> int:
        """How many more bytes would complete the frame being assembled (at least 1)."""
        buf = self._buf
        start = buf.find(PREAMBLE)
        if start < 0:
            return HEADER_LEN
        have = len(buf) - start
        if have < HEADER_LEN:
            return HEADER_LEN - have
        length = int.from_bytes(buf[start + 5 : start + 7], "big")
        if not self.min_len <= length <= self.max_len:
            return 1
        return max(1, HEADER_LEN + length - have)

    def feed(self, data: bytes) -> list[ParseEvent]:
        self._buf += data
        out: list[ParseEvent] = []
        buf = self._buf
        while True:
            start = buf.find(PREAMBLE)
            if start < 0:
                # keep a possible partial preamble at the tail
                keep = 0
                for k in range(min(len(PREAMBLE) - 1, len(buf)), 0, -1):
                    if buf.endswith(PREAMBLE[:k]):
                        keep = k
                        break
                self.skipped += len(buf) - keep
                del buf[: len(buf) - keep]
                break
            if start:
                self.skipped += start
                del buf[:start]
            if len(buf) < HEADER_LEN:
                break
            length = int.from_bytes(buf[5:7], "big")
            if not self.min_len <= length <= self.max_len:
                # a preamble followed by an impossible length: noise that looked like one
                self.skipped += 1
                del buf[:1]
                continue
            total = HEADER_LEN + length
            if len(buf) < total:
                break
            body = bytes(buf[HEADER_LEN : total - 1])
            if xor(bytes(buf[5 : total - 1])) == buf[total - 1]:
                out.append(Frame(body))
                del buf[:total]
            else:
                out.append(BadFrame(length))
                # A real frame may start inside what we took for one (the length was noise):
                # drop only the preamble's first byte and search again.
                self.skipped += 1
                del buf[:1]
        return out
