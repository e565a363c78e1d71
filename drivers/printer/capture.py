"""What a capture printer makes of one job's bytes: decoded text, QR payloads, a picture.

:class:`JobCapture` consumes ESC/POS commands (from :mod:`drivers.printer.escpos_parse`) the
way a Chinese receipt printer would: text between ``FS &`` and ``FS .`` in the firmware's
double-byte encoding; text outside Chinese mode that holds double-byte characters is decoded
the same way (python-escpos sends GB18030 like that) but flagged, because only printers that
boot in Chinese mode print it. Native QR codes (``GS ( k``) are read from the command; raster
images are searched for QR codes with zxing-cpp.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import qrcode
import zxingcpp
from PIL import Image, ImageDraw

from drivers.printer.bitmap import LINE_HEIGHT, render_line
from drivers.printer.escpos_parse import Command

_CODECS = {"GB18030": "gb18030", "GBK": "gbk", "Big5": "big5"}


@dataclass
class Row:
    kind: str  # text | image | qr | feed | cut
    text: str = ""
    align: str = "left"
    size: int = 1
    bold: bool = False
    image: Image.Image | None = None
    qr: str = ""
    module: int = 3
    lines: int = 0


@dataclass
class JobCapture:
    encoding: str = "GB18030"
    dots: int = 576
    rows: list[Row] = field(default_factory=list)
    qr: list[dict[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    printable: bool = False
    """True once anything but status queries and ESC @ arrived."""
    # printer state
    _chinese: bool = False
    _align: str = "left"
    _bold: bool = False
    _size: int = 1
    _line: bytearray = field(default_factory=bytearray)
    _line_outside: bool = False
    _qr_data: bytes = b""
    _qr_module: int = 3

    # ------------------------------------------------------------------ input
    def feed(self, cmd: Command) -> None:
        kind, data = cmd.kind, cmd.data
        if kind == "text":
            self.printable = True
            if not self._chinese and any(b >= 0x80 for b in data):
                self._line_outside = True
            self._line += data
        elif kind == "ctl":
            if data == b"\n":
                self._flush_line(force=True)
            elif data == b"\x0c":
                self._flush_line()
                self.rows.append(Row("cut"))
        elif kind == "esc":
            self._esc(data)
        elif kind == "gs":
            self._gs(data)
        elif kind == "fs":
            op = data[1]
            if op == ord("&"):
                self._chinese = True
            elif op == ord("."):
                self._chinese = False

    def _esc(self, d: bytes) -> None:
        op = d[1]
        if op == ord("@"):
            self._chinese = False
            self._align, self._bold, self._size = "left", False, 1
        elif op == ord("a"):
            self._align = {
                0: "left",
                1: "center",
                2: "right",
                48: "left",
                49: "center",
                50: "right",
            }.get(d[2], "left")
        elif op == ord("E"):
            self._bold = bool(d[2] & 1)
        elif op == ord("!"):
            self._bold = bool(d[2] & 0x08)
            self._size = 2 if d[2] & 0x30 else 1
        elif op == ord("d"):
            self.printable = True
            self._flush_line()
            self.rows.append(Row("feed", lines=d[2]))

    def _gs(self, d: bytes) -> None:
        op = d[1]
        if op == ord("!"):
            self._size = 2 if d[2] & 0x77 else 1
        elif op == ord("V"):
            self.printable = True
            self._flush_line()
            self.rows.append(Row("cut"))
        elif op == ord("v"):
            self.printable = True
            self._flush_line()
            wb = d[4] | (d[5] << 8)
            h = d[6] | (d[7] << 8)
            img = Image.frombytes("1", (wb * 8, h), bytes(d[8:]))
            img = img.point(lambda v: 255 - v)  # ESC/POS: 1 = black; PIL "1": 1 = white
            self.rows.append(Row("image", align=self._align, image=img.convert("1")))
            self._find_raster_qr(img)
        elif op == ord("(") and d[2] == ord("k") and len(d) >= 7 and d[5] == ord("1"):
            fn = d[6]
            if fn == ord("C"):
                self._qr_module = d[7]
            elif fn == ord("P"):
                self._qr_data = bytes(d[8:])
            elif fn == ord("Q"):
                self.printable = True
                self._flush_line()
                payload = self._qr_data.decode("utf-8", "replace")
                self.qr.append({"source": "native", "payload": payload})
                self.rows.append(Row("qr", align=self._align, qr=payload, module=self._qr_module))

    def _flush_line(self, force: bool = False) -> None:
        if not self._line and not force:
            return
        text = bytes(self._line).decode(_CODECS.get(self.encoding, "gb18030"), "replace")
        if self._line_outside:
            self.warnings.append(
                f"double-byte text outside Chinese mode (FS &): {text.strip()[:20]!r}"
            )
        self.rows.append(
            Row("text", text=text, align=self._align, size=self._size, bold=self._bold)
        )
        self._line = bytearray()
        self._line_outside = False

    def _find_raster_qr(self, img: Image.Image) -> None:
        if img.height < 60:  # a text line rendered as a bitmap, not a code
            return
        framed = Image.new("L", (img.width + 40, img.height + 40), 255)
        framed.paste(img.convert("L"), (20, 20))
        for r in zxingcpp.read_barcodes(framed):
            if r.format == zxingcpp.BarcodeFormat.QRCode:
                self.qr.append({"source": "raster", "payload": r.text})

    def finish(self) -> None:
        self._flush_line()

    # ------------------------------------------------------------------ output
    def text(self) -> str:
        return "".join(r.text.rstrip() + "\n" for r in self.rows if r.kind == "text")

    def picture(self) -> Image.Image:
        """The receipt as a person would see it: paper with text, images and codes."""
        parts: list[tuple[Image.Image, str]] = []
        for r in self.rows:
            if r.kind == "text":
                parts.append((render_line(r.text, self.dots, r.align, r.size, r.bold), "left"))
            elif r.kind == "image" and r.image is not None:
                parts.append((r.image, r.align))
            elif r.kind == "qr":
                q = qrcode.QRCode(box_size=max(1, r.module), border=1)
                q.add_data(r.qr)
                q.make(fit=True)
                parts.append((q.make_image().get_image().convert("1"), r.align))
            elif r.kind == "feed":
                parts.append((Image.new("1", (self.dots, LINE_HEIGHT * r.lines), 1), "left"))
            elif r.kind == "cut":
                cut = Image.new("1", (self.dots, 12), 1)
                ImageDraw.Draw(cut).line([(0, 6), (self.dots, 6)], fill=0, width=1)
                parts.append((cut, "left"))
        margin = 24
        height = sum(p.height for p, _ in parts) + 2 * margin
        page = Image.new("L", (self.dots + 2 * margin, max(height, 2 * margin + 1)), 255)
        y = margin
        for img, align in parts:
            w = min(img.width, self.dots)
            x = margin + {"center": (self.dots - w) // 2, "right": self.dots - w}.get(align, 0)
            page.paste(img.convert("L"), (x, y))
            y += img.height
        ImageDraw.Draw(page).rectangle([0, 0, page.width - 1, page.height - 1], outline=160)
        return page
