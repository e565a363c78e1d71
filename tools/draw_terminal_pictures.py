"""Draw the default cabinet pictures in ``assets/terminal/`` (one per device to find).

The same front view of a floor-standing kiosk each time, with one part highlighted (amber
with a halo and an arrow pointing at it): the ID card reader, the social security card slot,
the QR code window or the document scanner. No words in the drawings: the screens say what
to do in the resident's language. A terminal of another model configures its own pictures
(``[terminal.pictures]``); run this after changing the drawing:

    python tools/draw_terminal_pictures.py
"""

from __future__ import annotations

from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "assets" / "terminal"

BODY, LINE, PART, DARK = "#e6ebf0", "#4a5661", "#c3ccd5", "#27333d"
HI, HI_LINE, HALO = "#ffb300", "#c43e00", "#ffe08a"

# each part: (x, y, w, h) of its box on the 300 × 440 drawing, and what is drawn inside it
PARTS = {
    "id_card": (64, 206, 76, 50),
    "ssc": (160, 206, 76, 50),
    "qr": (112, 264, 76, 46),
    "scanner": (68, 352, 164, 62),
}


def _part(name: str, lit: bool) -> str:
    x, y, w, h = PARTS[name]
    fill, stroke, sw = (HI, HI_LINE, 4) if lit else (PART, LINE, 2)
    out = []
    if lit:
        out.append(
            f'<rect x="{x - 12}" y="{y - 12}" width="{w + 24}" height="{h + 24}" rx="16" '
            f'fill="{HALO}" opacity="0.85"/>'
        )
    out.append(
        f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="7" fill="{fill}" '
        f'stroke="{stroke}" stroke-width="{sw}"/>'
    )
    if name == "id_card":  # a reading pad with a card lying on it
        out.append(
            f'<rect x="{x + 14}" y="{y + 10}" width="{w - 28}" height="{h - 20}" rx="4" '
            f'fill="#ffffff" stroke="{LINE}" stroke-width="2"/>'
            f'<circle cx="{x + 26}" cy="{y + 25}" r="6" fill="{LINE}"/>'
            f'<rect x="{x + 36}" y="{y + 19}" width="18" height="4" fill="{LINE}"/>'
            f'<rect x="{x + 36}" y="{y + 27}" width="12" height="4" fill="{LINE}"/>'
        )
    elif name == "ssc":  # a card slot
        out.append(
            f'<rect x="{x + 10}" y="{y + h / 2 - 4}" width="{w - 20}" height="8" rx="3" '
            f'fill="{DARK}"/>'
            f'<path d="M{x + w / 2 - 8} {y + 10} l8 8 l8 -8" fill="none" stroke="{DARK}" '
            f'stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/>'
        )
    elif name == "qr":  # a dark glass window with a QR mark
        out.append(
            f'<rect x="{x + 8}" y="{y + 7}" width="{w - 16}" height="{h - 14}" rx="4" '
            f'fill="{DARK}"/>'
        )
        for dx, dy in ((0, 0), (20, 0), (0, 16)):
            out.append(
                f'<rect x="{x + 24 + dx}" y="{y + 10 + dy}" width="9" height="9" '
                f'fill="none" stroke="#ffffff" stroke-width="2"/>'
            )
        out.append(f'<rect x="{x + 45}" y="{y + 28}" width="6" height="6" fill="#ffffff"/>')
    elif name == "scanner":  # a flatbed: glass with a page on it, the lid hinge above
        out.append(
            f'<rect x="{x + 10}" y="{y + 12}" width="{w - 20}" height="{h - 22}" rx="3" '
            f'fill="#9fb4c4"/>'
            f'<rect x="{x + 18}" y="{y + 17}" width="44" height="34" fill="#ffffff" '
            f'stroke="{LINE}" stroke-width="1.5"/>'
            f'<rect x="{x + 24}" y="{y + 24}" width="30" height="3" fill="{LINE}"/>'
            f'<rect x="{x + 24}" y="{y + 31}" width="24" height="3" fill="{LINE}"/>'
            f'<rect x="{x + 24}" y="{y + 38}" width="28" height="3" fill="{LINE}"/>'
            f'<rect x="{x}" y="{y - 6}" width="{w}" height="6" rx="3" fill="{LINE}"/>'
        )
    return "".join(out)


def _arrow(name: str) -> str:
    """A thick arrow from the side of the cabinet pointing at the part."""
    x, y, w, h = PARTS[name]
    cy = y + h / 2
    if x + w / 2 < 150:  # point from the left
        tip, tail = x - 4, 4
        head = f"M{tip} {cy} l-16 -13 v8 h-{tip - 16 - tail} v10 h{tip - 16 - tail} v8 z"
    else:
        tip, tail = x + w + 4, 296
        head = f"M{tip} {cy} l16 -13 v8 h{tail - tip - 16} v10 h-{tail - tip - 16} v8 z"
    return f'<path d="{head}" fill="{HI_LINE}" stroke="#ffffff" stroke-width="2"/>'


def draw(lit: str) -> str:
    parts = "".join(_part(n, n == lit) for n in PARTS if n != lit) + _part(lit, True)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 440" width="300" height="440">\n'
        # the cabinet, its screen, the console and the receipt printer's slot
        f'<rect x="36" y="8" width="228" height="424" rx="20" fill="{BODY}" stroke="{LINE}" '
        'stroke-width="3"/>'
        f'<rect x="58" y="26" width="184" height="152" rx="8" fill="{DARK}"/>'
        '<rect x="68" y="36" width="164" height="132" rx="4" fill="#3f6587"/>'
        '<rect x="82" y="52" width="136" height="14" rx="3" fill="#8fb3d1"/>'
        '<rect x="82" y="76" width="62" height="38" rx="4" fill="#8fb3d1"/>'
        '<rect x="156" y="76" width="62" height="38" rx="4" fill="#8fb3d1"/>'
        '<rect x="82" y="124" width="62" height="34" rx="4" fill="#8fb3d1"/>'
        '<rect x="156" y="124" width="62" height="34" rx="4" fill="#8fb3d1"/>'
        f'<rect x="50" y="192" width="200" height="128" rx="12" fill="#d5dce3" stroke="{LINE}" '
        'stroke-width="2"/>'
        f'<rect x="100" y="328" width="100" height="9" rx="4" fill="{DARK}"/>'
        f"{parts}{_arrow(lit)}\n"
        "</svg>\n"
    )


FILES = {
    "id_card": "id-card-reader.svg",
    "ssc": "ssc-reader.svg",
    "qr": "qr-window.svg",
    "scanner": "scanner.svg",
}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, file in FILES.items():
        (OUT / file).write_text(draw(name), encoding="utf-8")
        print(OUT / file)


if __name__ == "__main__":
    main()
