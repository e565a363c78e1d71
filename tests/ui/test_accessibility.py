"""The numbers of architecture.md (UI) and domain-reference.md §5, measured on the rendered
interface: every screen state the screenshot command knows, normal and elder mode.

- every interactive item (button, text field) has an objectName and an Accessible.name and is
  at least 44×44 logical px (60×60 in elder mode);
- text contrast against what is behind it ≥ 4.5:1 (3:1 for text of 24 px and larger);
- elder mode: every piece of text ≥ 24 px, and the resident can enlarge body text to 44 px;
- a CJK font is installed (else every Chinese character is a box).
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QAccessible, QColor, QFontDatabase

from ui.driving import settle, visible_in_tree, walk
from ui.screenshots import _states, show_state
from ui.theme import DARK, ELDER, NORMAL, TEXT_PAIRS, contrast_ratio


def _hex(c: QColor) -> str:
    return c.name(QColor.NameFormat.HexRgb)


def _accessible_name(item: Any) -> str:
    """The name a screen reader gets, through Qt's accessibility interface."""
    iface = QAccessible.queryAccessibleInterface(item)
    return str(iface.text(QAccessible.Text.Name) or "") if iface is not None else ""


def _background(item: Any, window_colour: str) -> str:
    it = item.parentItem()
    while it is not None:
        bg = it.property("background") if it.inherits("QQuickControl") else None
        if bg is not None and bg.inherits("QQuickRectangle"):
            c = bg.property("color")
            if c.alpha() > 0:
                return _hex(c)
        if it.inherits("QQuickRectangle"):
            c = it.property("color")
            if c.alpha() == 255:
                return _hex(c)
        it = it.parentItem()
    return window_colour


def _interactive(item: Any) -> bool:
    return item.inherits("QQuickAbstractButton") or item.inherits("QQuickTextInput")


def check_window(ui: Any, elder: bool) -> list[str]:
    problems: list[str] = []
    win = ui.window
    window_colour = _hex(win.property("color"))
    min_px = 60 if elder else 44
    for it in walk(win.contentItem()):
        if not visible_in_tree(it) or it.width() <= 0 or it.height() <= 0:
            continue
        name = it.objectName()
        if _interactive(it) and it.isEnabled():
            label = name or it.metaObject().className()
            if not name:
                problems.append(f"{label}: no objectName")
            if not _accessible_name(it):
                problems.append(f"{label}: no Accessible.name")
            if it.width() < min_px or it.height() < min_px:
                problems.append(f"{label}: {it.width():.0f}×{it.height():.0f} < {min_px}×{min_px}")
        if it.inherits("QQuickText") and str(it.property("text") or "").strip() and it.isEnabled():
            px = it.property("font").pixelSize()
            fg = _hex(it.property("color"))
            bg = _background(it, window_colour)
            need = 3.0 if px >= 24 else 4.5
            ratio = contrast_ratio(fg, bg)
            text = str(it.property("text"))[:20]
            if ratio < need:
                problems.append(f"text {text!r}: contrast {ratio:.2f} < {need} ({fg} on {bg})")
            if elder and px < 24:
                problems.append(f"text {text!r}: {px} px < 24 px in elder mode")
    return problems


@pytest.mark.parametrize("mode", ["normal", "elder"])
def test_every_screen_meets_size_name_and_contrast_numbers(
    fake_ui: Any, fake: Any, mode: str
) -> None:
    ui = fake_ui
    failures: dict[str, list[str]] = {}
    for name, setup in _states(ui, fake):
        show_state(ui, name, setup, elder=mode == "elder")
        if name == "idle-warning":
            assert ui.session.idleWarning
        problems = check_window(ui, mode == "elder")
        if problems:
            failures[name] = sorted(set(problems))
        ui.session.set_idle(600, 30)
    assert failures == {}


def test_elder_mode_text_goes_to_44px_and_screens_still_work(fake_ui: Any, fake: Any) -> None:
    ui = fake_ui
    for name, setup in _states(ui, fake):
        if name not in ("form", "materials-done", "rating-bad"):
            continue
        setup()  # a new session starts in the configured mode
        ui.set_elder(True)
        assert ui.theme.bodyPx == 32, "elder mode opens at 32 px"
        while ui.theme.canBigger:
            ui.theme.bigger()
        assert ui.theme.bodyPx == 44
        settle(40)
        assert check_window(ui, True) == [], name


def test_palettes_meet_contrast_pairs() -> None:
    for pal in (NORMAL, ELDER, DARK):
        for fg, bg in TEXT_PAIRS:
            assert contrast_ratio(pal[fg], pal[bg]) >= 4.5, (fg, bg)
        assert contrast_ratio(pal["outline"], pal["surface"]) >= 3.0
    assert all(contrast_ratio(ELDER[f], ELDER["surface"]) >= 7 for f in ("text", "muted", "error"))


def test_a_cjk_font_is_installed(qapp: Any) -> None:
    families = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    assert families, "install fonts-noto-cjk: without it every Chinese character is a box"


def test_state_is_never_shown_by_colour_alone(fake_ui: Any) -> None:
    """A selected option carries a ✓ in its text, not only a filled colour."""
    ui = fake_ui
    ui.session.go("finder")
    settle(30)
    from ui.driving import find

    label = find(ui.window, "btnAudiencePerson").property("contentItem").property("text")
    assert label.startswith("✓")
