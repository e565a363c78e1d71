"""Driving the real interface from code: find items by ``objectName``, tap them through Qt's
input events, wait for background work. Used by the journey tests, the screenshot command and
the benchmarks — the same path a finger takes (a mouse press/release on the window)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import QCoreApplication, QPoint, QPointF, Qt
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest

from ui.qtprops import process_events


def walk(item: QQuickItem) -> Iterator[QQuickItem]:
    yield item
    for child in item.childItems():
        yield from walk(child)


def visible_in_tree(item: QQuickItem) -> bool:
    it: QQuickItem | None = item
    while it is not None:
        if not it.isVisible() or it.opacity() == 0:
            return False
        it = it.parentItem()
    return True


def find(window: Any, name: str) -> QQuickItem | None:
    """The visible item called ``name`` (the last one created wins, i.e. the current screen's)."""
    found = None
    for it in walk(window.contentItem()):
        if it.objectName() == name and visible_in_tree(it):
            found = it
    return found


def find_all(window: Any, prefix: str) -> list[QQuickItem]:
    return [
        it
        for it in walk(window.contentItem())
        if it.objectName().startswith(prefix) and visible_in_tree(it)
    ]


def settle(ms: int = 30) -> None:
    """Let queued signals, bindings and a frame go through."""
    end = time.monotonic() + ms / 1000
    while True:
        # also runs deferred deletes: delegates a Repeater replaced are deleteLater()'d and,
        # outside a running event loop, would linger (still "visible") under a tap
        process_events()
        if time.monotonic() >= end:
            break
        time.sleep(0.005)


def wait_until(cond: Callable[[], bool], timeout_s: float = 10.0, what: str = "condition") -> None:
    end = time.monotonic() + timeout_s
    while not cond():
        if time.monotonic() > end:
            raise TimeoutError(f"timed out waiting for {what}")
        process_events()
        time.sleep(0.01)


def _flickable_of(item: QQuickItem) -> QQuickItem | None:
    it = item.parentItem()
    while it is not None:
        if it.inherits("QQuickFlickable"):
            return it
        it = it.parentItem()
    return None


def scroll_into_view(item: QQuickItem) -> None:
    """Scroll the item's Flickable until the whole item is inside its visible area.

    Checked again after each scroll: the page may still be laying out (a card that grew, the
    action bar's notes), which moves the visible area after the first scroll."""
    flick = _flickable_of(item)
    if flick is None:
        return
    content = flick.property("contentItem")
    for _ in range(5):
        top = item.mapToItem(content, QPointF(0, 0)).y()
        h = flick.height()
        cy = flick.property("contentY")
        if cy <= top and top + item.height() <= cy + h:
            return
        max_y = max(0.0, flick.property("contentHeight") - h)
        flick.setProperty("contentY", min(max(0.0, top - 20), max_y))
        settle(5)


def tap(window: Any, name: str) -> QQuickItem:
    """Press and release on the centre of the visible item ``name`` (scrolled into view)."""
    settle(1)
    item = find(window, name)
    if item is None:
        raise LookupError(f"no visible item named {name!r}")
    if not item.isEnabled():
        raise RuntimeError(f"{name!r} is disabled")
    scroll_into_view(item)
    centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2))
    QTest.mouseClick(
        window,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        QPoint(int(centre.x()), int(centre.y())),
    )
    settle(5)
    return item


def type_into(window: Any, name: str, text: str) -> None:
    """Focus the text field ``name`` and enter ``text`` as committed input (what the on-screen
    keyboard delivers after a Pinyin candidate is chosen)."""
    from PySide6.QtGui import QInputMethodEvent

    item = find(window, name)
    if item is None:
        raise LookupError(f"no visible field named {name!r}")
    scroll_into_view(item)
    item.forceActiveFocus()
    settle(5)
    item.setProperty("text", "")
    ev = QInputMethodEvent()
    ev.setCommitString(text)
    QCoreApplication.sendEvent(item, ev)
    settle(5)
