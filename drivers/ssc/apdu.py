"""APDUs of the social security card and the T=0 status-word dance (pure logic, no pyscard).

- SELECT the social security environment (AID ``sx1.sh.`` + GBK "社会保障"), then EF05 (card)
  and EF06 (holder); READ RECORD by tag ``00 B2 TAG 00 LE`` answers one TLV.
- ``61xx``: the card has ``xx`` bytes waiting — fetch them with GET RESPONSE ``00 C0 00 00 xx``.
- ``6Cxx``: wrong Le — send the same command again with Le = ``xx``.
- ``63Cx``: PIN refused, ``x`` tries left; ``6983``: PIN blocked; ``6982``: PIN needed first.

:func:`transmit` wraps any ``send(apdu) -> (data, sw1, sw2)`` with that dance.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

AID_SSSE = bytes.fromhex("7378312E73682E") + "社会保障".encode("gbk")
SELECT_SSSE = bytes([0x00, 0xA4, 0x04, 0x00, len(AID_SSSE)]) + AID_SSSE
EF05 = b"\xef\x05"
EF06 = b"\xef\x06"

# tag -> (field, kind): a = ASCII, g = GBK text, b = BCD digits, d = BCD date, h = hex
EF05_TAGS: dict[int, tuple[str, str]] = {
    0x01: ("card_id", "h"),
    0x03: ("spec_version", "a"),
    0x05: ("issue_date", "d"),
    0x06: ("expiry_date", "d"),
    0x07: ("card_number", "a"),
}
EF06_TAGS: dict[int, tuple[str, str]] = {
    0x08: ("id_number", "a"),
    0x09: ("name", "g"),
    0x0A: ("gender", "a"),
    0x0B: ("ethnicity", "b"),
    0x0C: ("birthplace", "b"),
    0x0D: ("birth_date", "d"),
}
TAG_SIZES = {0x01: 16, 0x03: 4, 0x05: 4, 0x06: 4, 0x07: 9, 0x08: 18, 0x09: 30, 0x0A: 1,
             0x0B: 1, 0x0C: 3, 0x0D: 4}  # fmt: skip

SW_MEANINGS = {
    0x9000: "success",
    0x6281: "part of the data may be corrupted",
    0x6700: "wrong length",
    0x6982: "security status not satisfied (PIN needed)",
    0x6983: "PIN blocked",
    0x6984: "referenced data invalidated",
    0x6985: "conditions of use not satisfied",
    0x6A81: "function not supported",
    0x6A82: "file or application not found",
    0x6A83: "record not found",
    0x6A86: "incorrect P1/P2",
    0x6D00: "instruction not supported",
    0x6E00: "class not supported",
    0x6F00: "no precise diagnosis",
}

Send = Callable[[bytes], tuple[bytes, int, int]]


def sw_meaning(sw: int) -> str:
    if sw & 0xFFF0 == 0x63C0:
        return f"PIN refused, {sw & 0xF} tries left"
    if sw >> 8 == 0x61:
        return f"{sw & 0xFF} response bytes available"
    if sw >> 8 == 0x6C:
        return f"wrong Le, expected {sw & 0xFF}"
    return SW_MEANINGS.get(sw, f"status {sw:04X}")


def select_file(fid: bytes) -> bytes:
    return bytes([0x00, 0xA4, 0x02, 0x00, len(fid)]) + fid


def read_record(tag: int, le: int = 0) -> bytes:
    return bytes([0x00, 0xB2, tag, 0x00, le & 0xFF])


def get_response(le: int) -> bytes:
    return bytes([0x00, 0xC0, 0x00, 0x00, le & 0xFF])


def pin_to_bcd(pin: str) -> bytes:
    """PIN digits as BCD, padded with F (``"123456"`` → ``12 34 56``)."""
    if not pin.isdigit() or not 4 <= len(pin) <= 12:
        raise ValueError("a PIN is 4 to 12 digits")
    digits = pin + ("F" if len(pin) % 2 else "")
    return bytes.fromhex(digits)


VERIFY_STATUS = bytes([0x00, 0x20, 0x00, 0x00])
"""VERIFY with no data: the tries left (``63Cx``) without sending a PIN or using a try."""


def verify(pin: str) -> bytes:
    data = pin_to_bcd(pin)
    return bytes([0x00, 0x20, 0x00, 0x00, len(data)]) + data


def card_get_response(pending: bytes, body: bytes) -> tuple[bytes, bytes]:
    """The card's side of GET RESPONSE (for the emulators): ``(answer, still pending)``; the
    answer ends ``61xx`` while more is waiting, ``9000`` with the last part."""
    if not pending:
        return b"\x6f\x00", b""
    n = (body[0] if body else 0) or 256
    out, rest = pending[:n], pending[n:]
    return out + (bytes([0x61, min(len(rest), 256) & 0xFF]) if rest else b"\x90\x00"), rest


def transmit(send: Send, apdu: bytes, *, max_rounds: int = 8) -> tuple[bytes, int]:
    """Send ``apdu``; follow ``61xx`` with GET RESPONSE and ``6Cxx`` with a corrected Le.

    Returns (data, sw) of the final answer; data from chained GET RESPONSEs is concatenated.
    """
    data, sw1, sw2 = send(apdu)
    out = bytearray(data)
    for _ in range(max_rounds):
        if sw1 == 0x6C:
            if len(apdu) == 5:  # case 2: CLA INS P1 P2 Le
                apdu = apdu[:4] + bytes([sw2])
            elif len(apdu) == 6 + apdu[4]:  # case 4: ... Lc data Le
                apdu = apdu[:-1] + bytes([sw2])
            else:  # case 3 (no Le): append one
                apdu = apdu + bytes([sw2])
            data, sw1, sw2 = send(apdu)
            out = bytearray(data)
        elif sw1 == 0x61:
            data, sw1, sw2 = send(get_response(sw2))
            out += data
        else:
            break
    return bytes(out), (sw1 << 8) | sw2


def parse_tlv(data: bytes) -> dict[int, bytes]:
    """Simple TLV (1-byte tag, 1-byte length); stops quietly at a truncated element."""
    out: dict[int, bytes] = {}
    i = 0
    while i + 2 <= len(data):
        tag, n = data[i], data[i + 1]
        if i + 2 + n > len(data):
            break
        out[tag] = data[i + 2 : i + 2 + n]
        i += 2 + n
    return out


def decode_value(kind: str, raw: bytes) -> str | dt.date | None:
    """One record's value; ``ValueError`` if it is not what the tag promises."""
    if kind == "a":
        return raw.decode("ascii").strip(" \x00") or None
    if kind == "g":
        return raw.decode("gbk").strip(" \x00") or None
    if kind == "h":
        return raw.hex().upper()
    digits = raw.hex()
    if kind == "b":
        return digits.upper().rstrip("F") or None
    if not digits.isdigit() or len(digits) != 8:
        raise ValueError(f"expected a BCD date, got {digits.upper()}")
    return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))


def encode_value(kind: str, value: object, size: int) -> bytes:
    """The emulator's side of :func:`decode_value`."""
    if value is None:
        return b""
    if kind == "a":
        return str(value).encode("ascii")[:size]
    if kind == "g":
        return str(value).encode("gbk")[:size]
    if kind == "h":
        return bytes.fromhex(str(value))[:size]
    if kind == "d":
        assert isinstance(value, dt.date)
        return bytes.fromhex(value.strftime("%Y%m%d"))
    s = str(value)
    if len(s) % 2:
        s += "F"
    return bytes.fromhex(s)[:size]
