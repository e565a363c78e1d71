"""Real-time status over DLE EOT (``10 04 n``), read three-valued.

Each answer is one byte whose bits 1 and 4 are always 1 and bits 0 and 7 always 0
(``b & 0x93 == 0x12``). A missing byte (timeout, closed connection) or one that breaks that
pattern means *unknown*. python-escpos's ``paper_status()`` reads "no answer" as "no paper";
we never do.

- n=1 printer status: bit 3 = off-line.
- n=2 off-line cause: bit 2 = cover open, bit 5 = stopped because of paper end, bit 6 = error.
- n=4 roll paper sensor: bits 2,3 = near end, bits 5,6 = paper end.
"""

from __future__ import annotations

from kiosk.ports.printer import CoverOpen, Offline, PaperOut, PrinterReady, PrinterStatus, Unknown

DLE_EOT = b"\x10\x04"
QUERIES = (1, 2, 4)
GS_R_PAPER = b"\x1dr\x01"
"""``GS r 1``: paper sensor status, answered in order — only once everything before it printed."""


def is_gs_r_answer(b: int) -> bool:
    """``GS r 1`` answers have bits 4 and 7 clear (DLE EOT answers have bit 4 set)."""
    return (b & 0x90) == 0


def gs_r_answer(paper: str = "ok") -> int:
    """The ``GS r 1`` byte for a paper state: bits 0,1 near end; bits 2,3 paper end."""
    return {"near_end": 0x03, "out": 0x0F}.get(paper, 0x00)


def valid_status_byte(b: int) -> bool:
    return (b & 0x93) == 0x12


def interpret(answers: dict[int, int | None]) -> PrinterStatus:
    """Combine the answers to DLE EOT 1, 2 and 4 (``None`` = no answer)."""
    for n in QUERIES:
        b = answers.get(n)
        if b is None:
            return Unknown(f"no answer to DLE EOT {n}")
        if not valid_status_byte(b):
            return Unknown(f"invalid answer 0x{b:02x} to DLE EOT {n}")
    printer, cause, paper = answers[1], answers[2], answers[4]
    assert printer is not None and cause is not None and paper is not None
    if cause & 0x04:
        return CoverOpen()
    if paper & 0x60 or cause & 0x20:
        return PaperOut()
    if cause & 0x40:
        return Offline("printer reports an error")
    if printer & 0x08:
        return Offline("printer reports off-line")
    return PrinterReady(paper_near_end=bool(paper & 0x0C))


def status_bytes(
    *, paper: str = "ok", cover_open: bool = False, error: bool = False
) -> dict[int, int]:
    """The answers a printer in this state gives (used by the simulator)."""
    paper_out = paper == "out"
    offline = cover_open or paper_out or error
    s1 = 0x12 | (0x08 if offline else 0)
    s2 = 0x12 | (0x04 if cover_open else 0) | (0x20 if paper_out else 0) | (0x40 if error else 0)
    s4 = 0x12 | (0x0C if paper in ("near_end", "out") else 0) | (0x60 if paper_out else 0)
    return {1: s1, 2: s2, 3: 0x12, 4: s4}
