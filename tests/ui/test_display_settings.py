"""Display settings any resident can reach (issue 12): four text sizes and high-contrast
schemes from a button on every screen, kept for the session (also across 首页, which asks
first once something was entered) and reset when the session ends; the keyboard grows."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPointF

from ui.driving import find, settle, tap, type_into, wait_until
from ui.theme import BODY_SIZES, DARK, ELDER, HIGH_CONTRAST, SCHEMES, TEXT_PAIRS, contrast_ratio


def _bg(ui: Any) -> str:
    return ui.window.property("color").name()


def _open_settings(ui: Any) -> None:
    tap(ui.window, "btnDisplay")
    assert find(ui.window, "displaySettings") is not None


def test_sizes_and_schemes_from_the_settings_button(fake_ui: Any) -> None:
    ui = fake_ui
    assert ui.theme.bodyPx == 24, "normal mode opens at 24 px"
    _open_settings(ui)
    tap(ui.window, "btnSize3")
    tap(ui.window, "btnScheme_dark")
    tap(ui.window, "btnDisplayDone")
    assert find(ui.window, "displaySettings") is None
    assert ui.theme.bodyPx == 44 and _bg(ui) == DARK["bg"]
    ui.session.go("finder")
    settle(30)
    title = find(ui.window, "screenTitle")
    assert title.property("font").pixelSize() > 44 and not title.property("truncated")
    assert find(ui.window, "btnDisplay") is not None


def test_elder_mode_opens_at_32px_in_high_contrast(fake_ui: Any) -> None:
    ui = fake_ui
    _open_settings(ui)
    tap(ui.window, "btnElder")
    assert ui.theme.elder and ui.theme.bodyPx == 32 and _bg(ui) == ELDER["bg"]
    for i, px in enumerate(BODY_SIZES):  # the same four sizes in elder mode
        tap(ui.window, f"btnSize{i}")
        assert ui.theme.bodyPx == px


def test_home_asks_when_something_was_entered_and_keeps_settings_and_language(
    fake_ui: Any, fake: Any
) -> None:
    from ui.screenshots import _states

    ui = fake_ui
    states = dict(_states(ui, fake))
    states["form"]()  # identified by card: the form shows
    ui.theme.setSize(2)
    ui.theme.setScheme("dark")
    ui.session.setLanguage("en")
    settle(30)
    assert ui.session.hasEntries(), "the card was read"
    tap(ui.window, "btnHome")
    assert find(ui.window, "homeConfirm") is not None
    assert ui.session.screen == "form", "nothing is wiped before the resident confirms"
    tap(ui.window, "btnHomeStay")
    assert find(ui.window, "homeConfirm") is None and ui.session.screen == "form"
    assert ui.journey.person is not None
    tap(ui.window, "btnHome")
    tap(ui.window, "btnHomeConfirm")
    wait_until(lambda: ui.session.screen == "attract", 5, "start screen")
    assert ui.journey.person is None and ui.journey.form == {} and ui.journey.materials == {}
    assert ui.identify.holder == ""
    # the same resident is still there: size, colours and language stay
    assert ui.theme.bodyPx == 38 and _bg(ui) == DARK["bg"] and ui.session.language == "en"
    # nothing entered: 首页 goes straight home
    ui.session.go("finder")
    settle(20)
    tap(ui.window, "btnHome")
    assert find(ui.window, "homeConfirm") is None and ui.session.screen == "attract"
    assert ui.theme.bodyPx == 38
    # the session ends (结束 on the idle warning): everything back to the defaults
    ui.session.go("finder")
    ui.session.set_idle(30, 30)
    ui.session.tick()
    settle(30)
    tap(ui.window, "btnEndSession")
    assert ui.session.screen == "attract"
    assert ui.theme.bodyPx == 24 and _bg(ui) != DARK["bg"] and ui.session.language == "zh_CN"


def test_settings_reset_on_idle_timeout(fake_ui: Any) -> None:
    ui = fake_ui
    ui.session.go("finder")
    ui.set_elder(True)
    ui.theme.setSize(3)
    ui.session.set_idle(1, 1)
    wait_until(lambda: ui.session.screen == "attract", 10, "idle timeout")
    assert not ui.theme.elder and ui.theme.bodyPx == 24


def test_high_contrast_schemes_are_7_to_1() -> None:
    for name in HIGH_CONTRAST:
        pal = SCHEMES[name]
        for fg, bg in TEXT_PAIRS:
            assert contrast_ratio(pal[fg], pal[bg]) >= 7.0, (name, fg, bg)
        assert contrast_ratio(pal["outline"], pal["surface"]) >= 3.0


def _key_letter_px(kb: Any) -> float:
    from ui.driving import visible_in_tree, walk

    for it in walk(kb):
        if it.inherits("QQuickText") and it.property("text") == "q" and visible_in_tree(it):
            return float(it.property("font").pixelSize())
    raise LookupError("no q key")


def test_the_keyboard_grows_with_the_text(fake_ui: Any) -> None:
    ui = fake_ui
    ui.session.go("finder")
    settle(30)
    loader = find(ui.window, "keyboardLoader")
    wait_until(lambda: loader.property("item") is not None, 5, "keyboard made")
    field = find(ui.window, "field_search")
    field.forceActiveFocus()
    wait_until(lambda: find(ui.window, "keyboard") is not None, 5, "keyboard shown")
    kb = find(ui.window, "keyboard")
    settle(50)
    small_h, small_px = kb.height(), _key_letter_px(kb)
    assert small_px >= 24, "key letters at least the body text"
    ui.theme.setSize(3)
    settle(50)
    assert kb.height() > small_h * 1.4 and _key_letter_px(kb) >= 40
    # the field being typed in is still above the keyboard
    type_into(ui.window, "field_search", "社保")
    settle(30)
    bottom = field.mapToScene(QPointF(0, field.height())).y()
    assert bottom <= kb.mapToScene(QPointF(0, 0)).y()


def _under_keyboard(item: Any) -> bool:
    while item is not None:
        if item.objectName() == "keyboard":
            return True
        item = item.parentItem()
    return False


def test_high_contrast_schemes_reach_7_to_1_on_every_screen(fake_ui: Any, fake: Any) -> None:
    """Every visible text item against what is behind it, in both high-contrast schemes."""
    from test_accessibility import _background, _hex

    from ui.driving import visible_in_tree, walk
    from ui.screenshots import LAYOUT_STATES, _states, show_state

    ui = fake_ui
    failures: dict[str, set[str]] = {}
    for name, setup in _states(ui, fake):
        if name not in LAYOUT_STATES:
            continue
        show_state(ui, name, setup, elder=False)
        for scheme in HIGH_CONTRAST:
            ui.theme.setScheme(scheme)
            if name == "idle-warning":
                ui.session.set_idle(30, 30)
                ui.session.tick()
            settle(10)
            window_colour = _hex(ui.window.property("color"))
            for it in walk(ui.window.contentItem()):
                if not it.inherits("QQuickText") or not visible_in_tree(it):
                    continue
                if not str(it.property("text") or "").strip() or not it.isEnabled():
                    continue
                if _under_keyboard(it):  # Qt's own keyboard style (its grey keys: 6.99:1)
                    continue
                fg = _hex(it.property("color"))
                bg = _background(it, window_colour)
                if contrast_ratio(fg, bg) < 7.0:
                    text = str(it.property("text"))[:20]
                    failures.setdefault(f"{name} {scheme}", set()).add(
                        f"{text!r}: {contrast_ratio(fg, bg):.2f} ({fg} on {bg})"
                    )
        ui.session.set_idle(600, 30)
    assert failures == {}, "\n".join(f"{k}: {sorted(v)}" for k, v in failures.items())
