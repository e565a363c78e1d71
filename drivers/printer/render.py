"""A :class:`kiosk.receipts.Document` to ESC/POS bytes for one printer profile.

python-escpos builds the QR and raster-image commands (``GS ( k``, ``GS v 0``) and the cut;
text we encode ourselves, because python-escpos only sends GB18030 when a string contains a
character in U+4E00–U+9FA5 and never enters Chinese mode, so full-width punctuation and ￥
become ``?``. Per profile:

- ``chinese_mode``: ``FS &`` + the line in the profile's encoding + ``FS .``;
- otherwise the encoded bytes alone (printers that boot in Chinese mode);
- ``bitmap_text`` (or a line the encoding cannot represent, e.g. simplified characters on a
  Big5 printer): the line rendered with the CJK font and sent as a raster image.

Sizes use ``GS !`` (applies to double-byte characters too, unlike ``ESC !``).
"""

from __future__ import annotations

from dataclasses import dataclass

import qrcode
from PIL import Image

from drivers.printer.bitmap import render_line
from drivers.printer.escpos_printers import Dummy
from kiosk.config import PrinterProfile
from kiosk.receipts.blocks import DOTS, QR, Cut, Document, Feed, Rule, Text, pad_line

ESC = b"\x1b"
GS = b"\x1d"
FS = b"\x1c"
INIT = ESC + b"@"
CHINESE_ON = FS + b"&"
CHINESE_OFF = FS + b"."
ALIGN = {"left": ESC + b"a\x00", "center": ESC + b"a\x01", "right": ESC + b"a\x02"}
_ENCODINGS = {"GB18030": "gb18030", "GBK": "gbk", "Big5": "big5"}


@dataclass(frozen=True)
class RenderOptions:
    encoding: str = "GB18030"
    chinese_mode: bool = True
    bitmap_text: bool = False
    dots: int = 576
    native_qr: bool = True
    cut: bool = True

    @classmethod
    def from_profile(cls, p: PrinterProfile) -> RenderOptions:
        # a 58 mm profile that kept the 80 mm default of 576 dots would overflow the head
        dots = min(p.dots_per_line, DOTS.get(p.paper_width_mm, p.dots_per_line))
        return cls(p.encoding, p.chinese_mode, p.bitmap_text, dots, p.native_qr, p.cut)


def _dummy(dots: int) -> Dummy:
    d = Dummy()
    # python-escpos prints a warning to stdout when the profile has no media width
    d.profile.profile_data["media"]["width"]["pixels"] = dots
    return d


_INVERT = bytes(255 - i for i in range(256))


def _image_bytes(img: Image.Image, dots: int) -> bytes:
    """``GS v 0`` raster of a 1-bit image (our own: python-escpos's ``image()`` re-converts
    every image and costs ~0.4 ms a line, which adds up for bitmap-text receipts)."""
    if img.mode != "1":
        img = img.convert("1")
    if img.width > dots:
        img = img.crop((0, 0, dots, img.height))
    if img.width % 8:
        padded = Image.new("1", (img.width + 8 - img.width % 8, img.height), 1)
        padded.paste(img, (0, 0))
        img = padded
    data = img.tobytes().translate(_INVERT)  # PIL: 1 = white; ESC/POS: 1 = black
    wb = img.width // 8
    out = bytearray()
    for top in range(0, img.height, 960):  # some firmwares limit one raster's height
        h = min(960, img.height - top)
        out += GS + b"v0\x00" + bytes([wb & 0xFF, wb >> 8, h & 0xFF, h >> 8])
        out += data[top * wb : (top + h) * wb]
    return bytes(out)


def qr_image(payload: str, module: int) -> Image.Image:
    q = qrcode.QRCode(box_size=module, border=4, error_correction=qrcode.constants.ERROR_CORRECT_M)
    q.add_data(payload)
    q.make(fit=True)
    return q.make_image().get_image().convert("1")


class _Style:
    """Emits ESC a / ESC E / GS ! only when they change (a printer keeps them until ESC @)."""

    def __init__(self) -> None:
        self.align, self.size, self.bold = "left", 1, False

    def __call__(
        self, align: str | None = None, size: int | None = None, bold: bool | None = None
    ) -> bytes:
        out = b""
        if align is not None and align != self.align:
            out += ALIGN[align]
            self.align = align
        if bold is not None and bold != self.bold:
            out += ESC + b"E" + (b"\x01" if bold else b"\x00")
            self.bold = bold
        if size is not None and size != self.size:
            out += GS + b"!" + (b"\x11" if size == 2 else b"\x00")
            self.size = size
        return out


def _text_bytes(b: Text, opt: RenderOptions, style: _Style) -> bytes:
    codec = _ENCODINGS[opt.encoding]
    if not opt.bitmap_text:
        try:
            data = b.text.encode(codec)
        except UnicodeEncodeError:
            data = None
        if data is not None:
            if opt.chinese_mode and any(ch >= 0x80 for ch in data):
                data = CHINESE_ON + data + CHINESE_OFF
            return style(b.align, b.size, b.bold) + data + b"\n"
    img = render_line(b.text, opt.dots, b.align, b.size, b.bold)
    return style("left") + _image_bytes(img, opt.dots)


def render(doc: Document, opt: RenderOptions) -> bytes:
    out = bytearray(INIT)
    style = _Style()  # the state after ESC @
    cols = opt.dots // 12
    for b in doc.blocks:
        match b:
            case Text():
                out += _text_bytes(b, opt, style)
            case Rule(char=c):
                out += style("left", 1, False) + (c * cols).encode("ascii", "replace") + b"\n"
            case QR(payload=payload, module=module):
                out += style("center")
                if opt.native_qr:
                    d = _dummy(opt.dots)
                    d.qr(payload, native=True, size=module, ec=1)  # ec 1 = level M
                    out += d.output + b"\n"
                else:
                    # narrow image + ESC a 1: a third of the bytes of a full-width raster
                    out += _image_bytes(qr_image(payload, module), opt.dots)
            case Feed(lines=n):
                out += ESC + b"d" + bytes([max(0, min(n, 255))])
            case Cut():
                if opt.cut:
                    out += GS + b"V" + b"\x42\x00"  # feed to the cutter and partial cut
                else:
                    out += ESC + b"d\x04"
    out += style("left", 1, False)
    return bytes(out)


def plain_lines(doc: Document) -> list[str]:
    """The text lines as laid out (used by tests and previews)."""
    return [
        pad_line(b.text, doc.columns // b.size, b.align) for b in doc.blocks if isinstance(b, Text)
    ]
