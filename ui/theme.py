"""Sizes and colours of the interface, normal and elder mode (长辈版).

Numbers from architecture.md (UI) and domain-reference.md §5, in logical pixels:

- touch targets ≥ 44×44 normally, ≥ 60×60 in elder mode (we use more: 56 and 72);
- body text 20 px normally; elder mode starts at 24 px (18 pt) and the resident can enlarge
  it in steps up to 40 px (30 pt); line spacing ≥ 1.3;
- text contrast ≥ 4.5:1 against its background (every pair below is ≥ 7:1 in elder mode);
  control outlines ≥ 3:1.

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
}

ELDER_BODY_STEPS = [24, 28, 32, 36, 40, 44]
ELDER_DEFAULT_STEP = 1
"""Elder mode opens at 28 px (the floor is 24 px = 18 pt; 40 px = 30 pt is reachable)."""
NORMAL_BODY_PX = 20


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
        self._step = ELDER_DEFAULT_STEP if elder else 0

    # -- state
    @Slot(bool)
    def setElder(self, on: bool) -> None:  # noqa: N802 - Qt naming
        if on != self._elder:
            self._elder = on
            self._step = ELDER_DEFAULT_STEP if on else 0
            self.changed.emit()

    @Slot()
    def bigger(self) -> None:
        if self._step < len(ELDER_BODY_STEPS) - 1:
            self._step += 1
            self.changed.emit()

    @Slot()
    def smaller(self) -> None:
        if self._step > 0:
            self._step -= 1
            self.changed.emit()

    def reset(self, elder: bool) -> None:
        self._elder = elder
        self._step = ELDER_DEFAULT_STEP if elder else 0
        self.changed.emit()

    def _elder_get(self) -> bool:
        return self._elder

    elder = Property(bool, _elder_get, notify=changed)

    def _can_bigger(self) -> bool:
        return self._step < len(ELDER_BODY_STEPS) - 1

    canBigger = Property(bool, _can_bigger, notify=changed)

    def _can_smaller(self) -> bool:
        return self._step > 0

    canSmaller = Property(bool, _can_smaller, notify=changed)

    # -- sizes (logical px)
    def body_px(self) -> int:
        if self._elder:
            return ELDER_BODY_STEPS[self._step]
        return NORMAL_BODY_PX + 2 * self._step

    bodyPx = Property(int, body_px, notify=changed)
    smallPx = Property(
        int, lambda self: max(self.body_px() - 2, 16 if not self._elder else 24), notify=changed
    )
    titlePx = Property(int, lambda self: round(self.body_px() * 1.45), notify=changed)
    heroPx = Property(int, lambda self: round(self.body_px() * 2.0), notify=changed)

    def target_px(self) -> int:
        base = 72 if self._elder else 56
        return max(base, round(self.body_px() * 2.4))

    targetPx = Property(int, target_px, notify=changed)
    minTargetPx = Property(int, lambda self: 60 if self._elder else 44, notify=changed)
    gap = Property(int, lambda self: 20 if self._elder else 14, notify=changed)
    radius = Property(int, lambda self: 10, notify=changed)
    outlineWidth = Property(int, lambda self: 3 if self._elder else 2, notify=changed)
    lineHeight = Property(float, lambda self: 1.4, notify=changed)

    # -- colours
    def palette(self) -> dict[str, str]:
        return ELDER if self._elder else NORMAL

    c = Property("QVariantMap", palette, notify=changed)
