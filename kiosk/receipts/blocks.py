"""The device-neutral document model and the column arithmetic of receipt paper.

Widths are counted in *cells* of the printer's font A (12×24 dots): an ASCII character is one
cell, anything else (CJK, full-width punctuation, ￥) two — which is what an ESC/POS printer in
Chinese mode does with every double-byte character. 58 mm paper has 384 dots (32 cells),
80 mm paper 576 dots (48 cells). ``Text(size=2)`` is double width and height, so half as many
cells fit.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

Align = Literal["left", "center", "right"]

COLUMNS = {58: 32, 80: 48}
DOTS = {58: 384, 80: 576}

# Characters that must not start a line (避头) and that must not end one (避尾).
_NO_START = set("，。、；：？！）】》」』”’…—,.;:?!)]%")
_NO_END = set("（【《「『“‘([")


@dataclass(frozen=True)
class Text:
    text: str
    align: Align = "left"
    size: Literal[1, 2] = 1
    bold: bool = False


@dataclass(frozen=True)
class Rule:
    char: str = "-"


@dataclass(frozen=True)
class QR:
    payload: str
    module: int = 6
    """Dot size of one QR module on the printer (ESC/POS ``GS ( k`` size, 1–16)."""


@dataclass(frozen=True)
class Feed:
    lines: int = 1


@dataclass(frozen=True)
class Cut:
    pass


Block = Text | Rule | QR | Feed | Cut


@dataclass(frozen=True)
class Document:
    kind: str
    """``receipt``, ``guide`` or ``test``."""
    width_mm: int
    blocks: tuple[Block, ...] = field(default_factory=tuple)

    @property
    def columns(self) -> int:
        return COLUMNS[self.width_mm]

    @property
    def dots(self) -> int:
        return DOTS[self.width_mm]

    def qr_payloads(self) -> list[str]:
        return [b.payload for b in self.blocks if isinstance(b, QR)]

    def text_lines(self) -> list[str]:
        return [b.text for b in self.blocks if isinstance(b, Text)]


def columns_for(width_mm: int) -> int:
    try:
        return COLUMNS[width_mm]
    except KeyError:
        raise ValueError(f"paper width must be 58 or 80 mm, got {width_mm}") from None


def cell_width(ch: str) -> int:
    return 1 if ord(ch) < 0x80 else 2


def text_width(s: str) -> int:
    return sum(cell_width(c) for c in s)


def wrap(text: str, cols: int) -> list[str]:
    """Break ``text`` into lines of at most ``cols`` cells (explicit newlines kept).

    ASCII words (numbers, codes, URLs) are kept whole when they fit on a line; Chinese breaks
    anywhere except before closing punctuation or after opening punctuation.
    """
    if cols < 2:
        raise ValueError("need at least 2 columns")
    out: list[str] = []
    for para in text.split("\n"):
        out.extend(_wrap_para(para, cols))
    return out


def _tokens(para: str) -> Iterator[str]:
    word = ""
    for ch in para:
        if ord(ch) < 0x80 and not ch.isspace():
            word += ch
            continue
        if word:
            yield word
            word = ""
        yield ch
    if word:
        yield word


def _wrap_para(para: str, cols: int) -> list[str]:
    lines: list[str] = []
    cur = ""
    for tok in _tokens(para):
        w = text_width(tok)
        if w > cols:  # a word longer than a line: hard-break it
            for ch in tok:
                if text_width(cur) + 1 > cols:
                    lines.append(cur)
                    cur = ""
                cur += ch
            continue
        if text_width(cur) + w <= cols:
            cur += tok
            continue
        if tok.isspace():
            lines.append(cur)
            cur = ""
            continue
        carry = ""
        # pull characters down so that no line starts with closing punctuation…
        while cur and (carry or tok)[0] in _NO_START and len(carry) < 3:
            carry, cur = cur[-1] + carry, cur[:-1]
        # …and none ends with opening punctuation
        while cur and cur[-1] in _NO_END and len(carry) < 4:
            carry, cur = cur[-1] + carry, cur[:-1]
        if not cur.strip():  # could not satisfy the rules: break where it overflows
            cur, carry = cur + carry, ""
        lines.append(cur.rstrip())
        cur = carry + tok
    lines.append(cur.rstrip())
    return lines


def pad_line(text: str, cols: int, align: Align) -> str:
    gap = max(0, cols - text_width(text))
    if align == "center":
        return " " * (gap // 2) + text
    if align == "right":
        return " " * gap + text
    return text


class Builder:
    """Appends wrapped blocks for a given paper width."""

    def __init__(self, kind: str, width_mm: int) -> None:
        self.kind = kind
        self.width_mm = width_mm
        self.cols = columns_for(width_mm)
        self.blocks: list[Block] = []

    def text(
        self, text: str, align: Align = "left", size: Literal[1, 2] = 1, bold: bool = False
    ) -> None:
        cols = self.cols // size
        for line in wrap(text, cols):
            self.blocks.append(Text(line, align, size, bold))

    def field(self, label: str, value: str, bold_value: bool = False) -> None:
        """``label：value`` with continuation lines indented under the value."""
        head = f"{label}："
        indent = text_width(head)
        avail = self.cols - indent
        if avail < 12:  # label too long for a hanging indent: value on its own lines
            self.text(head)
            for line in wrap(value, self.cols - 2):
                self.blocks.append(Text("  " + line, bold=bold_value))
            return
        lines = wrap(value, avail) or [""]
        self.blocks.append(Text(head + lines[0], bold=bold_value))
        for line in lines[1:]:
            self.blocks.append(Text(" " * indent + line, bold=bold_value))

    def numbered(self, items: list[str], indent: int = 2) -> None:
        for i, item in enumerate(items, 1):
            head = " " * indent + f"{i}. "
            w = text_width(head)
            lines = wrap(item, self.cols - w)
            self.blocks.append(Text(head + lines[0]))
            for line in lines[1:]:
                self.blocks.append(Text(" " * w + line))

    def rule(self, char: str = "-") -> None:
        self.blocks.append(Rule(char))

    def qr(self, payload: str, module: int | None = None) -> None:
        self.blocks.append(QR(payload, module or (5 if self.width_mm == 58 else 6)))

    def feed(self, lines: int = 1) -> None:
        self.blocks.append(Feed(lines))

    def cut(self) -> None:
        self.blocks.append(Cut())

    def build(self) -> Document:
        return Document(self.kind, self.width_mm, tuple(self.blocks))


def to_text(doc: Document) -> str:
    """A plain-text preview of ``doc`` as it lays out on paper (for tests, logs, a screen)."""
    out: list[str] = []
    cols = doc.columns
    for b in doc.blocks:
        match b:
            case Text(text=t, align=a, size=s):
                line = pad_line(t, cols // s, a)
                out.append("".join(c + " " for c in line).rstrip() if s == 2 else line)
            case Rule(char=c):
                out.append(c * cols if cell_width(c) == 1 else c * (cols // 2))
            case QR(payload=p):
                out.append(pad_line(f"[QR {p}]", cols, "center"))
            case Feed(lines=n):
                out.extend([""] * n)
            case Cut():
                out.append("~" * cols)
    return "\n".join(out) + "\n"
