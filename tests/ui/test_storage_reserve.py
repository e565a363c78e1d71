"""Below the storage reserve the terminal takes no new application and says so: the status
strip names it and 开始办理 on a guide cannot be tapped (the core also refuses the submit:
tests/core/test_service.py). The health comes from the in-process fake backend here; the
real store's health on a small disk is tested in the core."""

from __future__ import annotations

from typing import Any

import ui_steps as steps

from kiosk.devices.health import Ready, Unavailable
from ui.driving import find, tap, type_into, wait_until


def _open_guide(ui: Any) -> None:
    w = ui.window
    tap(w, "btnStart")
    steps.on(ui, "finder")
    type_into(w, "field_search", steps.ITEM_QUERY)
    code = steps.item_code(ui)
    wait_until(lambda: find(w, "item_" + code) is not None, 5, "search result")
    tap(w, "item_" + code)
    steps.on(ui, "guide")


def _strip_texts(ui: Any) -> list[str]:
    return [n["text"] for n in ui.devices.notices]


def test_low_storage_disables_apply_and_the_strip_says_why(fake_ui: Any, fake: Any) -> None:
    fake.health_map["store"] = Unavailable("low_space")
    ui = fake_ui
    ui.devices.poll()
    wait_until(lambda: any("存储空间不足" in t for t in _strip_texts(ui)), 5, "strip notice")
    _open_guide(ui)
    apply = find(ui.window, "btnApply")
    assert apply is not None and not apply.isEnabled()
    fake.health_map["store"] = Ready()  # the agent freed space
    ui.devices.poll()
    wait_until(lambda: find(ui.window, "btnApply").isEnabled(), 5, "apply enabled again")
    assert not any("存储空间不足" in t for t in _strip_texts(ui))
    tap(ui.window, "btnApply")
    steps.on(ui, "identify")
