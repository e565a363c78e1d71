"""The CJK font used to render text to bitmaps (driver fallback and simulator PNGs).

Noto Sans Mono CJK SC (from Debian's ``fonts-noto-cjk``) has ASCII glyphs exactly half as wide
as CJK ones — the 12×24 / 24×24 cells of an ESC/POS printer's font A — so a bitmap line lays
out column for column like the same line printed in text mode.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from PIL import ImageFont

_CANDIDATES = [
    # (path, face index of "Noto Sans Mono CJK SC" in the collection)
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-{w}.ttc", 7),
    ("/usr/share/fonts/opentype/noto-cjk/NotoSansCJK-{w}.ttc", 7),
]
_BUNDLED = Path(__file__).resolve().parents[2] / "assets" / "fonts"


class FontMissing(RuntimeError):
    pass


@functools.lru_cache(maxsize=16)
def cjk_font(size: int = 24, bold: bool = False) -> ImageFont.FreeTypeFont:
    weight = "Bold" if bold else "Regular"
    override = os.environ.get("BIANMIN_CJK_FONT")
    if override:
        return ImageFont.truetype(override, size)
    for pattern, index in _CANDIDATES:
        path = pattern.format(w=weight)
        if os.path.exists(path):
            return ImageFont.truetype(path, size, index=index)
    for f in sorted(_BUNDLED.glob("*.[ot]t[fc]")) if _BUNDLED.is_dir() else []:
        return ImageFont.truetype(str(f), size)
    raise FontMissing(
        "no CJK font: install fonts-noto-cjk or set BIANMIN_CJK_FONT to a CJK .ttf/.otf/.ttc"
    )
