"""Make a clean page image look like what a real flatbed scanner returns (seeded, so tests
are repeatable): optics blur, uneven lamp illumination and sensor noise."""

from __future__ import annotations

import random

from PIL import Image, ImageChops, ImageFilter


def as_scanned(page: Image.Image, seed: int = 1) -> Image.Image:
    g = page.convert("L").filter(ImageFilter.GaussianBlur(0.8))
    w, h = g.size
    # lamp falloff: about 8 % darker at one edge
    ramp = Image.linear_gradient("L").resize((w, h)).rotate(90, expand=False).resize((w, h))
    light = ramp.point(lambda v: 235 + v * 20 // 255)
    g = ImageChops.multiply(g, light)
    rnd = random.Random(seed)
    n1 = Image.frombytes("L", (w, h), rnd.randbytes(w * h)).point(lambda v: v // 26)  # 0..9
    n2 = Image.frombytes("L", (w, h), rnd.randbytes(w * h)).point(lambda v: v // 26)
    noise = ImageChops.add(n1, n2)  # triangular, 0..18, mean 9
    return ImageChops.add(g, noise, scale=1.0, offset=-9)
