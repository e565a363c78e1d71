"""What the layout test checks on the rendered window: no text cut, elided or overlapping, and
nothing wider than the window (no horizontal scrolling)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRectF

from ui.driving import _flickable_of, visible_in_tree, walk

SLACK = 1.5
"""Sub-pixel rounding of text metrics, in px."""


def _clip_rect(item: Any) -> QRectF | None:
    """The scene rectangle the item's clipping ancestors leave visible (None: not clipped)."""
    rect: QRectF | None = None
    it = item.parentItem()
    while it is not None:
        if it.clip():
            r = it.mapRectToScene(QRectF(0, 0, it.width(), it.height()))
            rect = r if rect is None else rect.intersected(r)
        it = it.parentItem()
    return rect


def _related(a: Any, b: Any) -> bool:
    def ancestors(x: Any) -> set[int]:
        out = set()
        while x is not None:
            out.add(id(x))
            x = x.parentItem()
        return out

    return id(a) in ancestors(b) or id(b) in ancestors(a)


def layout_problems(window: Any) -> list[str]:
    problems: list[str] = []
    win_w = window.width()
    texts: list[tuple[Any, QRectF, str]] = []
    keyboard = None
    for it in walk(window.contentItem()):
        if it.objectName() == "keyboard":
            keyboard = it
    for it in walk(window.contentItem()):
        if keyboard is not None and _related(it, keyboard) and it is not keyboard:
            continue  # Qt's own keyboard: sized by its style (checked by its own test)
        if not visible_in_tree(it) or it.width() <= 0 or it.height() <= 0:
            continue
        if it.inherits("QQuickFlickable"):
            cw = it.property("contentWidth")
            if cw is not None and cw > it.width() + SLACK:
                problems.append(
                    f"{it.objectName() or 'Flickable'}: scrolls sideways ({cw:.0f} > {it.width():.0f})"
                )
        is_text = it.inherits("QQuickText") or it.inherits("QQuickTextInput")
        text = str(it.property("text") or "").strip() if is_text else ""
        if not text:
            continue
        label = repr(text[:24])
        r = it.mapRectToScene(QRectF(0, 0, it.width(), it.height()))
        if it.inherits("QQuickText"):
            if it.property("truncated"):
                problems.append(f"text {label}: elided/truncated")
            cw, ch = it.property("contentWidth"), it.property("contentHeight")
            if cw > it.width() + SLACK:
                problems.append(f"text {label}: {cw:.0f} px wide in a {it.width():.0f} px box")
            if ch > it.height() + SLACK:
                problems.append(f"text {label}: {ch:.0f} px high in a {it.height():.0f} px box")
        cr = r
        if cr.left() < -SLACK or cr.right() > win_w + SLACK:
            problems.append(f"text {label}: outside the window ({cr.left():.0f}..{cr.right():.0f})")
        clip = _clip_rect(it)
        if clip is not None and _flickable_of(it) is None:
            if cr.left() < clip.left() - SLACK or cr.right() > clip.right() + SLACK:
                problems.append(f"text {label}: cut by its container")
        vis = cr if clip is None else cr.intersected(clip)
        if vis.width() > 0 and vis.height() > 0:
            texts.append((it, vis, label))
    # overlap of text with other text (not its own ancestors or descendants)
    for i, (a, ra, la) in enumerate(texts):
        for b, rb, lb in texts[i + 1 :]:
            inter = ra.intersected(rb)
            if inter.width() > 2 and inter.height() > 2 and not _related(a, b):
                if _overlay(a) != _overlay(b):
                    continue  # a dialog over the screen: meant to cover it
                problems.append(f"text {la} overlaps {lb}")
    return problems


def _overlay(item: Any) -> int:
    """The z of the top-level layer the item is in (screens, dialogs, keyboard)."""
    z = 0
    it = item
    while it is not None and it.parentItem() is not None:
        z = it.z() if it.z() else z
        it = it.parentItem()
    return int(z)
