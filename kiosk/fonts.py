"""Where the CJK font is: one answer for every renderer (the receipt printer's bitmaps, the A4
PDF of a result).

``BIANMIN_CJK_FONT`` (a .ttf/.otf/.ttc) wins; else Noto Sans CJK from Debian's
``fonts-noto-cjk`` (either of its directories), at the face the caller asks for; else a font
bundled under ``assets/fonts``.
"""

from __future__ import annotations

import os
from pathlib import Path

FACE_SANS_SC = 2
"""Noto Sans CJK SC in the collection (proportional: documents)."""
FACE_MONO_SC = 7
"""Noto Sans Mono CJK SC (ASCII half as wide as CJK: a receipt printer's cells)."""

_NOTO = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-{w}.ttc",
    "/usr/share/fonts/opentype/noto-cjk/NotoSansCJK-{w}.ttc",
)
_BUNDLED = Path(__file__).resolve().parents[1] / "assets" / "fonts"


def cjk_font_file(face: int = FACE_SANS_SC, *, bold: bool = False) -> tuple[str, int] | None:
    """``(path, face index)`` of the CJK font to use, or None when there is none."""
    override = os.environ.get("BIANMIN_CJK_FONT")
    if override:
        return override, 0
    for pattern in _NOTO:
        path = pattern.format(w="Bold" if bold else "Regular")
        if os.path.exists(path):
            return path, face
    for f in sorted(_BUNDLED.glob("*.[ot]t[fc]")) if _BUNDLED.is_dir() else []:
        return str(f), 0
    return None
