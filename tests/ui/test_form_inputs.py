"""The form's controls fit their fields (issue 12, forms): numbers open the numeric keypad, an
account number is shown in groups of four, a bank card of "123" is refused in words, a pick-one
field asks to choose, and the review shows the resident's name once."""

from __future__ import annotations

from typing import Any

import ui_steps as steps

from ui.driving import find, settle, tap, type_into, visible_in_tree, wait_until, walk


def _keys(ui: Any) -> set[str]:
    """The labels of the keys the on-screen keyboard shows now."""
    kb = find(ui.window, "keyboard")
    assert kb is not None, "the on-screen keyboard is shown"
    return {
        str(it.property("text"))
        for it in walk(kb)
        if it.metaObject().className().startswith("Key_")
        and visible_in_tree(it)
        and it.property("text")
    }


def _open_keyboard_on(ui: Any, field: str) -> set[str]:
    tap(ui.window, "field_" + field)  # a finger on the field
    wait_until(lambda: find(ui.window, "keyboard") is not None, 10, "keyboard shown")
    wait_until(lambda: "5" in _keys(ui), 5, f"numeric keypad for {field}")
    settle(30)
    return _keys(ui)


def _texts(ui: Any) -> list[str]:
    return [
        str(it.property("text"))
        for it in walk(ui.window.contentItem())
        if it.metaObject().className().startswith(("KText", "QQuickText"))
        and visible_in_tree(it)
        and it.property("text")
    ]


def _field(ui: Any, name: str) -> dict[str, Any]:
    return next(f for f in ui.form.fields if f["name"] == name)


def test_numbers_open_the_keypad_and_a_bank_card_of_123_is_refused(kiosk: Any, ui: Any) -> None:
    w = ui.window
    steps.find_service(ui)
    steps.identify_by_card(ui, kiosk)
    loader = find(w, "keyboardLoader")
    wait_until(lambda: loader.property("item") is not None, 10, "keyboard made")

    for name in ("phone", "bank_account", "leave_date"):
        keys = _open_keyboard_on(ui, name)
        assert set("0123456789") <= keys, (name, keys)
        assert not {"q", "a", "z", "Q", "A", "Z"} & keys, f"{name} opened the letter keyboard"
    leave_date = find(w, "field_leave_date")
    assert leave_date.property("placeholderText") == "年-月-日，如 2024-03-01"

    # "123" as the bank account: refused, in words, under the field
    type_into(w, "field_bank_account", "123")
    err = _field(ui, "bank_account")["error"]
    assert err.startswith("本人银行账号") and "16到19位数字" in err and "现在是3位" in err, err
    wait_until(lambda: any(err in t for t in _texts(ui)), 5, "the message on screen")
    assert not ui.form.canContinue

    # a whole card number: grouped in fours on screen, digits in the form, accepted
    type_into(w, "field_bank_account", "6214830100001238")
    assert find(w, "field_bank_account").property("text") == "6214 8301 0000 1238"
    assert ui.journey.form["bank_account"] == "6214830100001238"
    assert _field(ui, "bank_account")["error"] == ""

    # a date typed as digits on the keypad gets its dashes
    type_into(w, "field_leave_date", "20261031")
    assert find(w, "field_leave_date").property("text") == "2026-10-31"
    assert ui.journey.form["leave_date"] == "2026-10-31"
    assert _field(ui, "leave_date")["error"] == ""

    # "next" with the pick-one reason not chosen: it asks to choose, not to fill in
    tap(w, "btnFormNext")
    settle(30)
    assert ui.session.screen == "form"
    reason = _field(ui, "leave_reason")
    assert reason["error"].startswith("请选择"), reason["error"]
    assert not any(t.startswith("！ 请填写" + reason["label"]) for t in _texts(ui))


def test_the_review_shows_the_name_once(kiosk: Any, ui: Any) -> None:
    steps.find_service(ui)
    steps.identify_by_card(ui, kiosk)
    steps.fill_form(ui)
    steps.hand_in_materials(ui)
    settle(50)
    texts = _texts(ui)
    assert sum("王秀英" in t for t in texts) == 1, texts
    assert not any("王*" in t for t in texts), texts
