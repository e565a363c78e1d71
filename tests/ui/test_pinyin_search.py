"""Search with the default (Pinyin) on-screen keyboard (issue 12): the letters a resident types
stay uncommitted pre-edit until a character is chosen; the finder searches on them as they
are typed, so "sybx" finds 失业保险 before any character is picked, and a tap on the result
opens it."""

from __future__ import annotations

from typing import Any

import ui_steps as steps
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest

from ui.driving import find, settle, tap, visible_in_tree, wait_until, walk


def _tap_key(ui: Any, letter: str) -> None:
    """A finger on the on-screen keyboard's key ``letter``."""
    kb = find(ui.window, "keyboard")
    assert kb is not None, "the on-screen keyboard is shown"
    keys = [
        it
        for it in walk(kb)
        if it.property("text") == letter
        and it.metaObject().className().startswith("Key_")
        and visible_in_tree(it)
    ]
    assert keys, f"no key {letter!r} on the keyboard"
    k = keys[0]
    c = k.mapToScene(QPointF(k.width() / 2, k.height() / 2))
    QTest.mouseClick(
        ui.window,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        QPoint(int(c.x()), int(c.y())),
    )
    settle(20)


def test_pinyin_initials_on_the_default_keyboard_find_the_service(kiosk: Any, ui: Any) -> None:
    w = ui.window
    tap(w, "btnStart")
    steps.on(ui, "finder")
    loader = find(w, "keyboardLoader")
    wait_until(lambda: loader.property("item") is not None, 10, "keyboard made")
    tap(w, "field_search")  # a finger on the search field opens the keyboard
    wait_until(lambda: find(w, "keyboard") is not None, 10, "keyboard shown")
    code = steps.item_code(ui)
    assert find(w, "item_" + code) is None or ui.catalog.query == ""
    before = [r["code"] for r in ui.catalog.results]
    for letter in "sybx":
        _tap_key(ui, letter)
    field = find(w, "field_search")
    assert field.property("text") == "", "nothing committed yet: the letters are pre-edit"
    assert field.property("preeditText").replace(" ", "").replace("'", "") == "sybx"
    wait_until(lambda: find(w, "item_" + code) is not None, 5, "失业保险金申领 in the results")
    names = [r["name"] for r in ui.catalog.results]
    assert names[0].startswith("失业保险"), names
    assert [r["code"] for r in ui.catalog.results] != before
    # a tap on the result while the letters are still pre-edit opens it (the list is not
    # remade under the finger as the keyboard lets go of its pre-edit)
    tap(w, "item_" + code)
    steps.on(ui, "guide")
    assert ui.journey.item is not None and ui.journey.item["name"] == steps.ITEM_NAME
