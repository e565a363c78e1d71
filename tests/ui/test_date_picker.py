"""A date field can be picked with the finger (issue 12): year, month and day in big cells,
then 确定 puts YYYY-MM-DD in the field; typing the date still works; the picker keeps to its
range."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject

from ui.driving import find, settle, tap, type_into, wait_until
from ui.screenshots import _states, show_state


def _date_field(ui: Any) -> str:
    return next(f["name"] for f in ui.form.fields if f["kind"] == "date")


def _value(ui: Any, name: str) -> str:
    return next(f["value"] for f in ui.form.fields if f["name"] == name)


def test_pick_a_date_and_the_field_holds_it(fake_ui: Any, fake: Any) -> None:
    ui, w = fake_ui, fake_ui.window
    show_state(ui, "form", dict(_states(ui, fake))["form"], elder=False)
    name = _date_field(ui)
    type_into(w, "field_" + name, "20240301")  # the keypad's digits: the dashes are put in
    assert find(w, "field_" + name).property("text") == "2024-03-01"
    assert _value(ui, name) == "2024-03-01"

    tap(w, "btnPickDate_" + name)
    wait_until(lambda: find(w, "datePicker") is not None, 5, "the picker")
    picker = w.findChild(QObject, "datePickerPopup")
    assert picker.property("chosen") == "2024-03-01", "it opens at the date in the field"
    tap(w, "btnYearBack10")
    tap(w, "btnYearBack")
    tap(w, "month_2")
    assert find(w, "day_28") is not None
    assert find(w, "day_29") is None, "2013 has no 29 February"
    tap(w, "btnYearOn")
    tap(w, "btnYearOn")
    tap(w, "btnYearOn")  # 2016, a leap year
    tap(w, "day_29")
    assert find(w, "datePickerChosen").property("text") == "2016 年 2 月 29 日"
    tap(w, "btnDateOk")
    wait_until(lambda: find(w, "datePicker") is None, 5, "the picker closed")
    assert find(w, "field_" + name).property("text") == "2016-02-29"
    assert _value(ui, name) == "2016-02-29"
    assert not any(f["error"] for f in ui.form.fields if f["name"] == name)

    # 取消 leaves the field as it was
    tap(w, "btnPickDate_" + name)
    tap(w, "month_7")
    tap(w, "btnDateCancel")
    settle(30)
    assert _value(ui, name) == "2016-02-29"


def test_the_picker_keeps_to_its_range(fake_ui: Any, fake: Any) -> None:
    ui, w = fake_ui, fake_ui.window
    show_state(ui, "form", dict(_states(ui, fake))["form"], elder=False)
    name = _date_field(ui)
    tap(w, "btnPickDate_" + name)
    picker = w.findChild(QObject, "datePickerPopup")
    picker.setProperty("minDate", "2020-03-10")
    picker.setProperty("maxDate", "2021-02-05")
    picker.setProperty("year", 2021)
    picker.setProperty("month", 2)
    settle(30)
    assert not find(w, "day_6").isEnabled() and find(w, "day_5").isEnabled()
    assert not find(w, "month_3").isEnabled() and not find(w, "btnYearOn").isEnabled()
    tap(w, "btnYearBack10")  # stops at 2020, and moves the day into the range
    assert picker.property("chosen") == "2020-03-10"
    assert not find(w, "month_2").isEnabled() and find(w, "month_3").isEnabled()
    assert not find(w, "btnYearBack").isEnabled()
    tap(w, "btnDateOk")
    assert _value(ui, name) == "2020-03-10"
