"""An incremental ESC/POS command splitter for the capture simulator.

:func:`next_command` finds the command starting at ``pos`` and its full length — including
the data of raster images and 2D codes, which may contain any byte (a ``10 04`` inside an
image is not a status query). It returns None while the command is incomplete, so a receiver
can wait for more bytes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

DLE, ESC, GS, FS = 0x10, 0x1B, 0x1D, 0x1C

_ESC_LEN = {
    ord("@"): 2,
    ord("2"): 2,
    ord("<"): 2,
    ord("L"): 2,
    ord("S"): 2,
    ord("$"): 4,
    ord("\\"): 4,
    ord("c"): 4,
    ord("p"): 5,
    ord("W"): 10,
}
_GS_LEN = {ord("L"): 4, ord("W"): 4, ord("P"): 4, ord("$"): 4, ord("\\"): 4}
_FS_LEN = {ord("&"): 2, ord("."): 2, ord("S"): 4, ord("p"): 4}


@dataclass(frozen=True)
class Command:
    kind: str
    """``text`` (a run of printable bytes), ``ctl`` (one control byte), ``esc``, ``gs``,
    ``fs``, ``dle`` or ``junk``."""
    data: bytes

    @property
    def op(self) -> int:
        return self.data[1] if len(self.data) > 1 else -1


def _esc_len(buf: bytes, i: int) -> int | None:
    if i + 1 >= len(buf):
        return None
    c = buf[i + 1]
    if c == ord("*"):
        if i + 5 > len(buf):
            return None
        m, n = buf[i + 2], buf[i + 3] | (buf[i + 4] << 8)
        return 5 + (n * 3 if m in (32, 33) else n)
    if c == ord("D"):
        end = buf.find(b"\x00", i + 2)
        return None if end < 0 else end - i + 1
    return _ESC_LEN.get(c, 3)


def _gs_len(buf: bytes, i: int) -> int | None:
    if i + 1 >= len(buf):
        return None
    c = buf[i + 1]
    if c == ord("V"):
        if i + 2 >= len(buf):
            return None
        return 4 if buf[i + 2] in (65, 66, 97, 98, 103, 104) else 3
    if c == ord("v"):
        if i + 8 > len(buf):
            return None
        x = buf[i + 4] | (buf[i + 5] << 8)
        y = buf[i + 6] | (buf[i + 7] << 8)
        return 8 + x * y
    if c == ord("("):
        if i + 5 > len(buf):
            return None
        return 5 + (buf[i + 3] | (buf[i + 4] << 8))
    if c == ord("8"):
        if i + 7 > len(buf):
            return None
        return 7 + int.from_bytes(buf[i + 3 : i + 7], "little")
    if c == ord("*"):
        if i + 4 > len(buf):
            return None
        return 4 + buf[i + 2] * buf[i + 3] * 8
    if c == ord("k"):
        if i + 3 > len(buf):
            return None
        m = buf[i + 2]
        if m <= 6:
            end = buf.find(b"\x00", i + 3)
            return None if end < 0 else end - i + 1
        if i + 4 > len(buf):
            return None
        return 4 + buf[i + 3]
    return _GS_LEN.get(c, 3)


def _dle_len(buf: bytes, i: int) -> int | None:
    if i + 1 >= len(buf):
        return None
    return 5 if buf[i + 1] == 0x14 else 3


def next_command(buf: bytes, pos: int) -> tuple[Command, int] | None:
    """The command at ``buf[pos:]`` and the position after it, or None if incomplete."""
    b = buf[pos]
    if b >= 0x20:
        end = pos
        n = len(buf)
        while end < n and buf[end] >= 0x20:
            end += 1
        return Command("text", buf[pos:end]), end
    if b in (ESC, GS, FS, DLE):
        if b == ESC:
            length = _esc_len(buf, pos)
            kind = "esc"
        elif b == GS:
            length = _gs_len(buf, pos)
            kind = "gs"
        elif b == FS:
            length = None if pos + 1 >= len(buf) else _FS_LEN.get(buf[pos + 1], 3)
            kind = "fs"
        else:
            length = _dle_len(buf, pos)
            kind = "dle"
        if length is None or pos + length > len(buf):
            return None
        return Command(kind, buf[pos : pos + length]), pos + length
    return Command("ctl", buf[pos : pos + 1]), pos + 1


def iter_commands(buf: bytes, pos: int = 0) -> Iterator[tuple[Command, int]]:
    """Each complete command from ``pos`` on, with the position after it.

    Stops at the first incomplete command: a receiver keeps ``buf[end:]`` (``end`` from the
    last pair it took) and calls again when more bytes have come.
    """
    while pos < len(buf):
        found = next_command(buf, pos)
        if found is None:
            return
        yield found
        pos = found[1]
