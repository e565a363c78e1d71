"""长辈版's start screen (issues 12, 16): four to six big tiles — the terminal's most used service,
帮家人办, other services, 我的空间, 查进度 and 找人帮忙, one thing per tile — and below them a
plain button back to the standard start screen; each tile with its icon drawn in the colour scheme's text colour. Driven by taps on the real
window (real Qt event loop); the layout at every text size and scheme is in test_layout.py
(state ``attract-elder``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QRectF
from PySide6.QtGui import QAccessible, QColor

from ui.driving import find, find_all, settle, tap, wait_until, walk

REPO = Path(__file__).resolve().parents[2]
FIXED_TILES = ["elderDelegation", "elderMore", "elderMySpace", "elderStatus", "elderHelp"]


def _accessible_name(item: Any) -> str:
    iface = QAccessible.queryAccessibleInterface(item)
    return str(iface.text(QAccessible.Text.Name) or "") if iface is not None else ""


def _tiles(window: Any) -> list[Any]:
    services = find_all(window, "elder_item_")
    return services + [t for t in (find(window, n) for n in FIXED_TILES) if t is not None]


def _icon(tile: Any) -> Any:
    icons = [c for c in walk(tile.property("contentItem")) if c.objectName() == "icon"]
    assert len(icons) == 1, f"{tile.objectName()}: no icon"
    return icons[0]


def _icon_loaded(tile: Any) -> bool:
    icon = _icon(tile)  # loaded on a thread: drawn once it has a size
    return bool(icon.isVisible()) and icon.property("paintedWidth") > 0


def _elder_on(ui: Any) -> None:
    assert find(ui.window, "elderHome") is None
    tap(ui.window, "btnElderEntry")
    wait_until(lambda: find(ui.window, "elderHome") is not None, 5, "the elder home")


def test_elder_mode_turns_the_start_screen_into_four_to_six_big_tiles(fake_ui: Any) -> None:
    ui = fake_ui
    settle(30)
    assert find(ui.window, "btnStart") is not None
    _elder_on(ui)
    assert ui.theme.elder and ui.theme.bodyPx == 32
    assert find(ui.window, "btnStart") is None  # the standard start screen is gone from view

    tiles = _tiles(ui.window)
    names = [t.objectName() for t in tiles]
    assert 4 <= len(tiles) <= 6, names
    frequent = ui.catalog.homeFrequent
    assert names == [f"elder_item_{b['code']}" for b in frequent[:1]] + FIXED_TILES
    texts = [t.property("text") for t in tiles]
    assert texts[: len(frequent[:1])] == [b["name"] for b in frequent[:1]]
    assert texts[-5:] == ["帮家人办", "办其他事", "我的空间", "查办事进度", "找人帮忙"]
    column_x = {round(t.mapToScene(t.boundingRect().topLeft()).x()) for t in tiles}
    assert len(column_x) == 1, "one tile per row"
    for t in tiles:
        assert _accessible_name(t) == t.property("text")
        assert t.height() >= 2 * ui.theme.targetPx  # big: twice an elder touch target
        assert t.width() >= ui.window.width() / 2
    wait_until(lambda: all(_icon_loaded(t) for t in tiles), 5, "the tiles' icons")


def test_a_service_tile_opens_that_services_guide(fake_ui: Any) -> None:
    ui = fake_ui
    _elder_on(ui)
    code = ui.catalog.homeFrequent[0]["code"]
    tap(ui.window, f"elder_item_{code}")
    wait_until(lambda: ui.session.screen == "guide", 5, "the guide")
    assert ui.catalog.selected["code"] == code
    assert ui.theme.elder  # still 长辈版: large text on the guide


def test_the_status_tile_looks_up_progress_and_首页_comes_back_to_the_elder_home(
    fake_ui: Any,
) -> None:
    ui = fake_ui
    _elder_on(ui)
    tap(ui.window, "elderStatus")
    wait_until(lambda: ui.session.screen == "status", 5, "the status lookup")
    assert find(ui.window, "btnLookup") is not None
    tap(ui.window, "btnHome")  # nothing entered: no question, the display settings stay
    wait_until(lambda: ui.session.screen == "attract", 5, "the start screen")
    settle(20)
    assert ui.theme.elder
    assert find(ui.window, "elderHome") is not None and find(ui.window, "btnStart") is None


def test_the_help_tile_calls_a_member_of_staff(fake_ui: Any, fake: Any) -> None:
    ui = fake_ui
    _elder_on(ui)
    tap(ui.window, "elderHelp")
    wait_until(lambda: ui.session.screen == "help", 5, "the help screen")
    reasons = find_all(ui.window, "help_")
    assert reasons
    tap(ui.window, reasons[0].objectName())
    wait_until(lambda: ui.help.state == "sent", 5, "the call for help")
    assert find(ui.window, "helpSent") is not None
    # 返回首页 keeps 长辈版 like 首页 does (it used to end the whole session's settings)
    tap(ui.window, "btnHelpBack")
    wait_until(lambda: ui.session.screen == "attract", 5, "the start screen")
    settle(20)
    assert ui.theme.elder and find(ui.window, "elderHome") is not None


def test_the_more_tile_opens_the_finder(fake_ui: Any) -> None:
    ui = fake_ui
    _elder_on(ui)
    tap(ui.window, "elderMore")
    wait_until(lambda: ui.session.screen == "finder", 5, "the finder")


def test_leaving_elder_mode_returns_the_standard_home(fake_ui: Any) -> None:
    ui = fake_ui
    _elder_on(ui)
    tap(ui.window, "elderStandard")
    wait_until(lambda: find(ui.window, "btnStart") is not None, 5, "the standard start screen")
    assert not ui.theme.elder and ui.theme.bodyPx == 24
    assert find(ui.window, "elderHome") is None
    assert ui.session.screen == "attract"
    assert find(ui.window, "home_item_" + ui.catalog.homeFrequent[0]["code"]) is not None


def test_a_terminal_that_opens_in_elder_mode_makes_only_the_elder_home(
    fake: Any, make_ui: Any
) -> None:
    ui = make_ui(fake, elder=True)
    settle(30)
    assert find(ui.window, "elderHome") is not None
    loader = next(it for it in walk(ui.window.contentItem()) if it.objectName() == "startLoader")
    assert loader.property("item") is None  # the standard one is not made
    tap(ui.window, "elderStandard")
    wait_until(lambda: find(ui.window, "btnStart") is not None, 5, "the standard start screen")


def test_without_frequent_services_the_fixed_tiles_remain(make_ui: Any) -> None:
    """A terminal's very first start (the catalog is being prepared): the fixed five."""
    from ui.fakes import FakeBackend

    ui = make_ui(FakeBackend(items=[]), elder=True)
    settle(30)
    assert [t.objectName() for t in _tiles(ui.window)] == FIXED_TILES


def _ink(window: Any, item: Any, colour: str) -> int:
    """Pixels of ``colour`` (±40 per channel) inside ``item`` on the rendered window."""
    image = window.grabWindow()
    r = item.mapRectToScene(QRectF(0, 0, item.width(), item.height())).toRect()
    want = QColor(colour)
    n = 0
    for y in range(r.top(), r.bottom()):
        for x in range(r.left(), r.right()):
            c = image.pixelColor(x, y)
            if (
                abs(c.red() - want.red()) < 40
                and abs(c.green() - want.green()) < 40
                and abs(c.blue() - want.blue()) < 40
            ):
                n += 1
    return n


def test_icons_follow_the_colour_scheme(fake_ui: Any) -> None:
    ui = fake_ui
    _elder_on(ui)
    for scheme in ("light", "dark"):
        ui.theme.setScheme(scheme)
        settle(30)
        tile = find(ui.window, "elderHelp")
        wait_until(lambda t=tile: _icon_loaded(t), 5, "the icon")
        settle(30)
        text = ui.theme.c["text"]
        surface = ui.theme.c["surface"]
        icon = _icon(tile)
        assert _ink(ui.window, icon, text) > 20, f"{scheme}: the icon is not in {text}"
        assert _ink(ui.window, icon, surface) > 20  # drawn with strokes, not a filled square


def test_every_theme_tile_has_its_own_icon(fake_ui: Any) -> None:
    """The theme → icon table covers every theme of the catalog (no generic icon on the start
    screen's theme tiles) and the icon files are bundled with their licence."""
    ui = fake_ui
    settle(30)
    tiles = find_all(ui.window, "home_theme_")
    assert len(tiles) >= 15
    wait_until(lambda: all(_icon_loaded(t) for t in tiles), 5, "the theme icons")
    sources = [_icon(t).property("source").toString() for t in tiles]
    assert not [s for s in sources if s.endswith("/file-text.svg")]
    assert len(set(sources)) == len(sources)
    assert "MIT License" in (REPO / "assets/icons/LICENSE").read_text(encoding="utf-8")


def test_every_icon_the_screens_name_is_bundled() -> None:
    """An ``iconName`` without its file would leave an empty space on the button."""
    import re

    names = set()
    for qml in (REPO / "ui/qml").rglob("*.qml"):
        names |= set(re.findall(r'iconName:\s*"([a-z0-9-]+)"', qml.read_text(encoding="utf-8")))
    table = (REPO / "ui/qml/components/icons.js").read_text(encoding="utf-8")
    names |= set(re.findall(r'"([a-z0-9-]+)"', table))
    assert {"printer", "progress-check", "help-circle", "file-text"} <= names
    missing = sorted(n for n in names if not (REPO / "assets/icons" / f"{n}.svg").is_file())
    assert missing == []
