"""Every screen lays out at every text size and colour scheme, in both languages: no text cut, elided or
overlapping, nothing wider than the window (issue 12). The states are those of
``kiosk screenshots``; each is set up once and then shown at every size and scheme."""

from __future__ import annotations

from typing import Any

from layout_check import layout_problems

from ui.driving import find, settle
from ui.screenshots import LAYOUT_STATES, _states, show_state
from ui.theme import BODY_SIZES

LOOKS = [("normal", "standard"), ("elder", "light"), ("normal", "dark")]
LANGUAGES = ["zh_CN", "en"]


def _rendered(window: Any) -> None:
    """Until the window has drawn a frame since the change: layouts are done (polished) before
    a frame is drawn, however loaded the machine is."""
    import time

    frames: list[int] = []

    def swapped() -> None:
        frames.append(1)

    window.frameSwapped.connect(swapped)
    window.update()
    end = time.monotonic() + 5.0
    while not frames and time.monotonic() < end:
        settle(2)
    window.frameSwapped.disconnect(swapped)
    settle(2)


def test_every_screen_lays_out_at_every_size_and_scheme(fake_ui: Any, fake: Any) -> None:
    ui = fake_ui
    failures: dict[str, list[str]] = {}
    seen = 0
    for name, setup in _states(ui, fake):
        if name not in LAYOUT_STATES:
            continue
        show_state(ui, name, setup, elder=False)
        for language, (mode, scheme) in [(lang, look) for lang in LANGUAGES for look in LOOKS]:
            ui.session.setLanguage(language)
            ui.set_elder(mode == "elder" or name.endswith("-elder"))  # 长辈版's own screens
            ui.theme.setScheme(scheme)
            for size in range(len(BODY_SIZES)):
                ui.theme.setSize(size)
                if name == "idle-warning":  # changing the mode restarted the countdown
                    ui.session.set_idle(30, 30)
                    ui.session.tick()
                _rendered(ui.window)
                assert ui.theme.bodyPx == BODY_SIZES[size]
                assert find(ui.window, "btnDisplay") is not None, f"{name}: no settings button"
                problems = layout_problems(ui.window)
                if problems:
                    failures[f"{name} {language} {mode} {scheme} {BODY_SIZES[size]}px"] = sorted(
                        set(problems)
                    )
                seen += 1
        ui.session.set_idle(600, 30)
    assert seen == len(LAYOUT_STATES) * len(LANGUAGES) * len(LOOKS) * len(BODY_SIZES)
    assert failures == {}, "\n".join(f"{k}: {v}" for k, v in failures.items())
