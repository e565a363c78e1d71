"""Turning a scanned page into a small file, and telling blank or unreadable pages apart.

A grey document page is mostly paper. Scanner noise on that paper is what makes a JPEG big,
so we first stretch the levels: the paper's own white (a high percentile of the histogram)
becomes pure white and the darkest ink pure black. The background then compresses to almost
nothing, and the text keeps its anti-aliased edges. An A4 page at 200 dpi (1654×2339 px)
lands around 100–250 KB as a quality-60 greyscale JPEG instead of 1–2 MB.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageFilter, ImageOps

from kiosk.ports.scanner import Blank, Unreadable

JPEG_QUALITY_GRAY = 60
JPEG_QUALITY_COLOR = 70
BLANK_INK_RATIO = 0.0001
"""Below this share of ink pixels a page is blank (one short line of text on A4 is ~0.03 %,
a filled-in page 2–5 %)."""
DARK_PAPER_LEVEL = 80
"""If even the brightest 5 % of the page is darker than this, nothing was scanned (lid open,
black page, lamp failure)."""
MAX_INK_RATIO = 0.6
FEW_LEVELS = 16
"""A grey page with at most this many distinct levels is stored as PNG, not JPEG."""


@dataclass(frozen=True)
class PageAnalysis:
    white: int
    black: int
    ink_ratio: float


def _percentile(hist: list[int], q: float) -> int:
    total = sum(hist)
    acc = 0
    for level, n in enumerate(hist):
        acc += n
        if acc >= total * q:
            return level
    return 255


def analyse(img: Image.Image) -> PageAnalysis:
    """Paper white, ink black and the share of ink of a page (on a reduced copy, margins cut)."""
    g = img.convert("L")
    small = g.reduce(max(1, min(g.size) // 400)) if min(g.size) > 400 else g
    mx, my = small.width // 30, small.height // 30
    core = small.crop((mx, my, small.width - mx, small.height - my))
    core = core.filter(ImageFilter.MedianFilter(3))  # dust and single-pixel noise are not ink
    hist = core.histogram()
    white = _percentile(hist, 0.95)
    black = _percentile(hist, 0.01)
    threshold = min(128, white * 0.6)
    ink = sum(hist[: int(threshold)]) / max(1, sum(hist))
    return PageAnalysis(white, black, ink)


def check_page(img: Image.Image) -> Blank | Unreadable | None:
    """``Blank`` or ``Unreadable`` when the page cannot be a material, else None."""
    if img.width < 16 or img.height < 16:
        return Unreadable("image too small")
    a = analyse(img)
    if a.white < DARK_PAPER_LEVEL:
        return Unreadable("page is dark all over (lid open, black sheet or lamp fault)")
    if a.ink_ratio > MAX_INK_RATIO:
        return Unreadable(f"page is mostly black ({a.ink_ratio:.0%} ink)")
    if a.ink_ratio < BLANK_INK_RATIO:
        return Blank(a.ink_ratio)
    return None


def _stretch(g: Image.Image) -> Image.Image:
    hist = g.histogram()
    white = _percentile(hist, 0.90)  # the paper: most of a page
    black = _percentile(hist, 0.002)
    hi = max(black + 32, int(white * 0.92))
    lo = min(black, hi - 32)
    scale = 255 / (hi - lo)
    lut = [0 if v <= lo else 255 if v >= hi else int((v - lo) * scale) for v in range(256)]
    return g.point(lut)


def compress_page(img: Image.Image, mode: str, dpi: int) -> tuple[bytes, str]:
    """The page as ``(bytes, mime)``: JPEG for Gray/Color, 1-bit PNG for Lineart."""
    buf = io.BytesIO()
    if mode == "Lineart":
        g = _stretch(img.convert("L"))
        bw = g.point(lambda v: 255 if v >= 160 else 0).convert("1", dither=Image.Dither.NONE)
        bw.save(buf, "PNG", optimize=True, dpi=(dpi, dpi))
        return buf.getvalue(), "image/png"
    if mode == "Color" and img.mode == "RGB":
        # stretch on luminance only would shift hues; autocontrast per channel is gentle enough
        out = ImageOps.autocontrast(img, cutoff=(0.2, 5))
        out.save(buf, "JPEG", quality=JPEG_QUALITY_COLOR, optimize=True, dpi=(dpi, dpi))
        return buf.getvalue(), "image/jpeg"
    g = img.convert("L")
    if sum(1 for n in g.histogram() if n) <= FEW_LEVELS:
        # already clean (a scanner that thresholds itself, a synthetic page): lossless is smaller
        g.save(buf, "PNG", optimize=True, dpi=(dpi, dpi))
        return buf.getvalue(), "image/png"
    g = _stretch(g)
    g.save(buf, "JPEG", quality=JPEG_QUALITY_GRAY, optimize=True, dpi=(dpi, dpi))
    return buf.getvalue(), "image/jpeg"
