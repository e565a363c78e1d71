"""Sizes and colours of the interface: display settings, normal and elder mode (长辈版).

Numbers from architecture.md (UI) and domain-reference.md §5, in logical pixels:

- touch targets ≥ 44×44 normally, ≥ 60×60 in elder mode (we use more: 56 and 72);
- four text sizes, the same in both modes: 24 / 32 / 38 / 44 px body text (normal mode opens
  at 24, elder mode at 32); line spacing ≥ 1.3;
- colour schemes: the standard one (text ≥ 4.5:1), a high-contrast light and a high-contrast
  dark one (every text pair ≥ 7:1); control outlines ≥ 3:1. Elder mode opens in high-contrast
  light.

The resident picks size and scheme in the display settings (a button on every screen); they
stay for the whole session (also across 首页) and go back to the mode's defaults when the
session ends (idle timeout, 结束, 完成).

Colours are never the only signal: states also carry a symbol and words (see ``Badge.qml``).
"""

from __future__ import annotations

from PySide6.QtCore import Property, Signal, Slot

from ui.qtprops import ViewModel

NORMAL = {
    "bg": "#f3f5f8",
    "surface": "#ffffff",
    "text": "#1b1f24",
    "muted": "#4a5360",
    "primary": "#0b4fb3",
    "onPrimary": "#ffffff",
    "outline": "#5b6472",
    "error": "#a3140c",
    "ok": "#1d6b2c",
    "warn": "#7a4a00",
    "stripBg": "#fff4d6",
    "stripText": "#4d3300",
    "focus": "#c45800",
    "pressed": "#e3e7ee",
}

ELDER = {
    "bg": "#ffffff",
    "surface": "#ffffff",
    "text": "#000000",
    "muted": "#262626",
    "primary": "#00307a",
    "onPrimary": "#ffffff",
    "outline": "#000000",
    "error": "#8a0000",
    "ok": "#0b4a17",
    "warn": "#5a3300",
    "stripBg": "#ffe680",
    "stripText": "#000000",
    "focus": "#a33f00",
    "pressed": "#d9dee6",
}

DARK = {
    "bg": "#000000",
    "surface": "#121212",
    "text": "#ffffff",
    "muted": "#e6e6e6",
    "primary": "#ffe14d",
    "onPrimary": "#000000",
    "outline": "#ffffff",
    "error": "#ff9e9e",
    "ok": "#8fef9f",
    "warn": "#ffd27a",
    "stripBg": "#332600",
    "stripText": "#ffffff",
    "focus": "#6cc6ff",
    "pressed": "#3a3a3a",
}

SCHEMES = {"standard": NORMAL, "light": ELDER, "dark": DARK}
"""Colour schemes by name: standard, high-contrast light, high-contrast dark."""
HIGH_CONTRAST = ("light", "dark")

TEXT_PAIRS = [
    ("text", "bg"),
    ("text", "surface"),
    ("text", "pressed"),
    ("muted", "bg"),
    ("muted", "surface"),
    ("onPrimary", "primary"),
    ("error", "surface"),
    ("ok", "surface"),
    ("warn", "surface"),
    ("stripText", "stripBg"),
]
"""(text, background) colour pairs every scheme must keep apart: ≥ 4.5:1, ≥ 7:1 in the
high-contrast schemes."""

BODY_SIZES = [24, 32, 38, 44]
"""Body text in px of the four text sizes (both modes)."""
NORMAL_SIZE = 0
ELDER_SIZE = 1
"""Normal mode opens at 24 px, elder mode at 32 px."""


def relative_luminance(hex_colour: str) -> float:
    h = hex_colour.lstrip("#")[-6:]
    rgb = [int(h[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2.x contrast ratio of two ``#rrggbb`` colours."""
    la, lb = relative_luminance(a), relative_luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


class Theme(ViewModel):
    changed = Signal()

    def __init__(self, elder: bool = False) -> None:
        super().__init__()
        self._elder = elder
        self._size = ELDER_SIZE if elder else NORMAL_SIZE
        self._scheme = "light" if elder else "standard"

    # -- state
    @Slot(bool)
    def setElder(self, on: bool) -> None:  # noqa: N802 - Qt naming
        """Elder mode on/off: its text size and scheme (a dark scheme the resident chose stays)."""
        if on != self._elder:
            self._elder = on
            self._size = max(self._size, ELDER_SIZE) if on else NORMAL_SIZE
            if self._scheme != "dark":
                self._scheme = "light" if on else "standard"
            self.changed.emit()

    @Slot(int)
    def setSize(self, index: int) -> None:  # noqa: N802
        index = max(0, min(len(BODY_SIZES) - 1, index))
        if index != self._size:
            self._size = index
            self.changed.emit()

    @Slot(str)
    def setScheme(self, name: str) -> None:  # noqa: N802
        if name in SCHEMES and name != self._scheme:
            self._scheme = name
            self.changed.emit()

    @Slot()
    def bigger(self) -> None:
        self.setSize(self._size + 1)

    @Slot()
    def smaller(self) -> None:
        self.setSize(self._size - 1)

    def reset(self, elder: bool) -> None:
        """The session ended: the mode's defaults again."""
        self._elder = elder
        self._size = ELDER_SIZE if elder else NORMAL_SIZE
        self._scheme = "light" if elder else "standard"
        self.changed.emit()

    def _elder_get(self) -> bool:
        return self._elder

    elder = Property(bool, _elder_get, notify=changed)
    sizeIndex = Property(int, lambda self: self._size, notify=changed)
    sizes = Property("QVariantList", lambda self: list(BODY_SIZES), constant=True)
    scheme = Property(str, lambda self: self._scheme, notify=changed)
    dark = Property(bool, lambda self: self._scheme == "dark", notify=changed)
    canBigger = Property(bool, lambda self: self._size < len(BODY_SIZES) - 1, notify=changed)
    canSmaller = Property(bool, lambda self: self._size > 0, notify=changed)

    # -- sizes (logical px)
    def body_px(self) -> int:
        return BODY_SIZES[self._size]

    bodyPx = Property(int, body_px, notify=changed)
    smallPx = Property(
        int, lambda self: max(self.body_px() - 2, 24 if self._elder else 18), notify=changed
    )
    titlePx = Property(int, lambda self: round(self.body_px() * 1.3), notify=changed)
    heroPx = Property(int, lambda self: round(self.body_px() * 1.6), notify=changed)

    def target_px(self) -> int:
        base = 72 if self._elder else 56
        return max(base, round(self.body_px() * 2.2))

    targetPx = Property(int, target_px, notify=changed)
    minTargetPx = Property(int, lambda self: 60 if self._elder else 44, notify=changed)
    gap = Property(int, lambda self: 20 if self._elder else 14, notify=changed)
    radius = Property(int, lambda self: 10, notify=changed)
    outlineWidth = Property(
        int, lambda self: 3 if self._elder or self._scheme != "standard" else 2, notify=changed
    )
    lineHeight = Property(float, lambda self: 1.4, notify=changed)

    # -- colours
    def palette(self) -> dict[str, str]:
        return SCHEMES[self._scheme]

    c = Property("QVariantMap", palette, notify=changed)
