"""The CJK font used to render text to bitmaps (driver fallback and simulator PNGs).

Noto Sans Mono CJK SC (from Debian's ``fonts-noto-cjk``) has ASCII glyphs exactly half as wide
as CJK ones — the 12×24 / 24×24 cells of an ESC/POS printer's font A — so a bitmap line lays
out column for column like the same line printed in text mode.
"""

from __future__ import annotations

import functools

from PIL import ImageFont

from kiosk.fonts import FACE_MONO_SC, cjk_font_file


class FontMissing(RuntimeError):
    pass


@functools.lru_cache(maxsize=16)
def cjk_font(size: int = 24, bold: bool = False) -> ImageFont.FreeTypeFont:
    found = cjk_font_file(FACE_MONO_SC, bold=bold)
    if found is None:
        raise FontMissing(
            "no CJK font: install fonts-noto-cjk or set BIANMIN_CJK_FONT to a CJK .ttf/.otf/.ttc"
        )
    path, index = found
    return ImageFont.truetype(path, size, index=index)
