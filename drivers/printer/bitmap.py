"""Text to a 1-bit image with the CJK font, cell for cell like an ESC/POS font A line."""

from __future__ import annotations

from PIL import Image, ImageDraw

from drivers.printer.fonts import cjk_font
from kiosk.receipts.blocks import text_width

CELL = 12  # dots per half-width cell (font A 12×24)
LINE_HEIGHT = 30  # dots per line at size 1: 24-dot glyphs plus the default spacing
_THRESHOLD = [0 if v < 128 else 255 for v in range(256)]


def render_line(
    text: str, dots: int, align: str = "left", size: int = 1, bold: bool = False
) -> Image.Image:
    """One printed line as a mode ``1`` image ``dots`` wide (black ink = 0)."""
    font = cjk_font(24 * size, bold)
    w = text_width(text) * CELL * size
    if align == "center":
        x = max(0, (dots - w) // 2)
    elif align == "right":
        x = max(0, dots - w)
    else:
        x = 0
    h = LINE_HEIGHT * size
    img = Image.new("L", (dots, h), 255)
    draw = ImageDraw.Draw(img)
    # The font's ascent is 28 at 24 px with the ideographic box from 7 to 31: shift up so the
    # glyphs sit in the 24-dot cell with the spacing below.
    draw.text((x, -5 * size), text, font=font, fill=0)
    return img.point(_THRESHOLD, mode="1")
