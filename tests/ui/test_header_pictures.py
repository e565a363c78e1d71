"""A terminal's face (issue 12): every screen's header shows the terminal's name and place, the
local time in the terminal's time zone and the network state; the identify and materials
screens show the configured drawing of where the reader and the scanner are on this cabinet;
touch lists have no desktop scroll bar but say when more follows; a configuration naming a
picture that is missing or not a picture is refused, naming the key."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import ui_steps as steps
from conftest import TEST_CONFIG

from ui.driving import find, settle, tap, visible_in_tree, wait_until, walk
from ui.screenshots import _states, show_state

REPO = Path(__file__).resolve().parents[2]
ZONE = "America/New_York"  # 12 or 13 hours from Beijing: never the same hour
NAME, PLACE = "朝阳区政务服务中心一号机", "建国路88号大厅"
NAME_EN, PLACE_EN = "Chaoyang Service Centre No. 1", "Hall, 88 Jianguo Road"


def _png(path: Path, colour: str) -> Path:
    from PySide6.QtGui import QColor, QImage

    img = QImage(60, 88, QImage.Format.Format_RGB32)
    img.fill(QColor(colour))
    assert img.save(str(path), "PNG")
    return path


def _config(tmp_path: Path, **pictures: str) -> Any:
    from kiosk.config import parse_config

    data = {k: dict(v) for k, v in TEST_CONFIG.items()}
    data["terminal"] = {
        **data["terminal"],
        "name": NAME,
        "name_en": NAME_EN,
        "location": PLACE,
        "location_en": PLACE_EN,
        "time_zone": ZONE,
        "pictures": pictures,
    }
    return parse_config(data)


@pytest.fixture
def face_kiosk(tmp_path: Path, qapp: Any) -> Iterator[Any]:
    """The real kiosk (simulated devices, platform simulator over loopback) with a terminal
    of its own: name, place, a New York clock and its own ID card reader picture."""
    from terminal.root import build

    picture = _png(tmp_path / "our-reader.png", "#aa3300")
    k = build(_config(tmp_path, id_card=str(picture)), tmp_path / "data")
    k.picture = picture
    try:
        yield k
    finally:
        k.close()


def _text(ui: Any, name: str) -> str:
    item = find(ui.window, name)
    assert item is not None, f"no visible {name}"
    return str(item.property("text"))


def _colour_at_centre(ui: Any, item: Any) -> str:
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QColor

    settle(50)
    p = item.mapToScene(QPointF(item.width() / 2, item.height() / 2))
    dpr = ui.window.devicePixelRatio()
    img = ui.window.grabWindow()
    return QColor(img.pixel(int(p.x() * dpr), int(p.y() * dpr))).name()


def _local_times(zone: str) -> set[str]:
    return {dt.datetime.now(ZoneInfo(zone)).strftime("%H:%M")}


def test_header_shows_name_place_local_time_and_the_network_state(
    face_kiosk: Any, make_ui: Any
) -> None:
    ui = make_ui(face_kiosk.backend, dev_control=face_kiosk.control)
    wait_until(lambda: ui.devices.health.get("platform", {}).get("ok") is True, 20, "online")
    settle(50)
    before = _local_times(ZONE)
    clock = _text(ui, "headerClock")
    shown = clock.split()[-1]
    assert shown in before | _local_times(ZONE), f"{clock!r}: not New York's time"
    assert shown not in _local_times("Asia/Shanghai")
    today = dt.datetime.now(ZoneInfo(ZONE))
    assert f"{today.month}月{today.day}日" in clock
    place = _text(ui, "headerPlace")
    assert NAME in place and PLACE in place
    assert "已联网" in _text(ui, "headerNetwork")

    # the same header on every screen, in the resident's language
    steps.find_service(ui)
    assert NAME in _text(ui, "headerPlace")
    tap(ui.window, "btnLanguage")
    wait_until(lambda: NAME_EN in _text(ui, "headerPlace"), 5, "English header")
    assert PLACE_EN in _text(ui, "headerPlace")
    assert "Online" in _text(ui, "headerNetwork")
    tap(ui.window, "btnLanguage")
    wait_until(lambda: NAME in _text(ui, "headerPlace"), 5, "Chinese header")

    # the platform goes away (the connection is refused): the header says so, and stays put
    header = find(ui.window, "terminalHeader")
    assert header is not None
    height = header.height()
    face_kiosk.control("network_down")
    wait_until(lambda: "未联网" in _text(ui, "headerNetwork"), 20, "offline in the header")
    settle(30)
    assert header.height() == height
    face_kiosk.control("network_up")
    wait_until(lambda: "已联网" in _text(ui, "headerNetwork"), 30, "online again")


def test_identify_screen_shows_this_terminals_reader_picture(face_kiosk: Any, ui_on: Any) -> None:
    ui = ui_on(face_kiosk)
    steps.find_service(ui)
    assert find(ui.window, "identifyPicture") is None  # nothing chosen yet
    wait_until(lambda: ui.identify.available.get("id_card") is True, 20, "card reader usable")
    tap(ui.window, "btnIdCard")  # no card on the reader: it waits
    wait_until(lambda: ui.identify.state == "waiting", 10, "waiting")
    picture = find(ui.window, "identifyPicture")
    assert picture is not None
    assert Path(picture.property("source").toLocalFile()) == face_kiosk.picture
    wait_until(lambda: picture.property("paintedWidth") > 0, 10, "picture loaded")
    assert _colour_at_centre(ui, picture) == "#aa3300"  # what the resident sees is ours
    # the card never covers the reader's label: the label is below the card's whole path
    label = find(ui.window, "readerLabel")
    assert label is not None and label.property("text") == "读卡区"
    tap(ui.window, "btnIdentifyCancel")
    wait_until(lambda: ui.identify.state == "choose", 10, "cancelled")

    # another channel: the shipped drawing of the QR window (nothing configured for it)
    wait_until(lambda: ui.identify.available.get("qr") is True, 20, "QR reader usable")
    tap(ui.window, "btnQr")
    wait_until(lambda: ui.identify.state == "waiting", 10, "waiting for a code")
    picture = find(ui.window, "identifyPicture")
    assert picture is not None
    assert picture.property("source").toLocalFile().endswith("assets/terminal/qr-window.svg")
    wait_until(lambda: picture.property("paintedWidth") > 0, 10, "picture loaded")
    tap(ui.window, "btnIdentifyCancel")


@pytest.fixture
def ui_on(tmp_path: Path, make_ui: Any) -> Any:
    def make(k: Any) -> Any:
        return make_ui(k.backend, dev_control=k.control)

    return make


def test_materials_screen_shows_the_configured_scanner_picture(
    fake: Any, make_ui: Any, tmp_path: Path
) -> None:
    from kiosk.service import terminal_facts

    picture = _png(tmp_path / "scanner.png", "#0033aa")
    fake.facts = terminal_facts(_config(tmp_path, scanner=str(picture)))
    ui = make_ui(fake, keyboard=False)
    for name, setup in _states(ui, fake):
        if name == "materials":
            show_state(ui, name, setup, elder=False)
            break
    item = find(ui.window, "scannerPicture")
    assert item is not None
    assert Path(item.property("source").toLocalFile()) == picture
    wait_until(lambda: item.property("paintedWidth") > 0, 10, "picture loaded")
    assert _colour_at_centre(ui, item) == "#0033aa"


def _scroll_bars(window: Any) -> list[str]:
    return [
        it.metaObject().className()
        for it in walk(window.contentItem())
        if (it.inherits("QQuickScrollBar") or it.inherits("QQuickScrollIndicator"))
        and visible_in_tree(it)
        and it.width() > 0
        and it.height() > 0
    ]


def _lists_without_hint(window: Any) -> tuple[int, list[str]]:
    """(how many visible lists have more content below, those without a visible hint)."""
    longer, missing = 0, []
    for it in walk(window.contentItem()):
        if not (it.inherits("QQuickFlickable") and visible_in_tree(it)) or it.height() <= 0:
            continue
        if it.inherits("QQuickTextEdit") or it.inherits("QQuickTextInput"):
            continue
        below = it.property("contentHeight") - it.property("contentY") - it.height()
        if below <= 2:
            continue
        longer += 1
        hints = [
            h for h in walk(it.parentItem()) if h.objectName() == "moreBelow" and visible_in_tree(h)
        ]
        if not hints:
            missing.append(it.objectName() or "Flickable")
    return longer, missing


@pytest.mark.parametrize("mode", ["normal", "elder"])
def test_no_scroll_bar_on_any_screen_and_a_hint_when_more_follows(
    fake_ui: Any, fake: Any, mode: str
) -> None:
    ui = fake_ui
    bars: dict[str, list[str]] = {}
    no_hint: dict[str, list[str]] = {}
    longer = 0
    for name, setup in _states(ui, fake):
        show_state(ui, name, setup, elder=mode == "elder")
        if mode == "elder":
            ui.theme.setSize(len(ui.theme.sizes) - 1)  # 44 px: the most that must scroll
            settle(30)
        found = _scroll_bars(ui.window)
        if found:
            bars[name] = found
        n, missing = _lists_without_hint(ui.window)
        longer += n
        if missing:
            no_hint[name] = missing
        ui.session.set_idle(600, 30)
    assert bars == {}, f"scroll bars shown: {bars}"
    assert no_hint == {}, f"lists with more below and no hint: {no_hint}"
    assert longer > 0  # some screens do have more below (else this test proves nothing)


def _check(config: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "terminal", "--config", str(config), "config", "check"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        env=env,
    )


def test_config_check_refuses_a_missing_or_wrong_picture_naming_the_key(tmp_path: Path) -> None:
    cfg = tmp_path / "kiosk.toml"
    cfg.write_text('[terminal.pictures]\nscanner = "pictures/scanner.png"\n', encoding="utf-8")
    r = _check(cfg)
    assert r.returncode == 5, r.stdout + r.stderr
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "terminal.pictures.scanner" in lines[0], r.stderr
    assert "pictures/scanner.png" in lines[0]

    # a file that is there but is no picture
    (tmp_path / "pictures").mkdir()
    (tmp_path / "pictures" / "scanner.png").write_text("not a picture", encoding="utf-8")
    r = _check(cfg)
    assert r.returncode == 5 and "terminal.pictures.scanner" in r.stderr
    assert "PNG or SVG" in r.stderr

    # the real thing, relative to the configuration file: accepted
    _png(tmp_path / "pictures" / "scanner.png", "#336699")
    (tmp_path / "pictures" / "reader.svg").write_text(
        '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 3 4"/>\n',
        encoding="utf-8",
    )
    cfg.write_text(
        '[terminal.pictures]\nscanner = "pictures/scanner.png"\nid_card = "pictures/reader.svg"\n',
        encoding="utf-8",
    )
    r = _check(cfg)
    assert r.returncode == 0, r.stderr

    from kiosk.config import load_config

    pictures = load_config(str(cfg)).terminal.pictures
    assert pictures.path("scanner") == tmp_path / "pictures" / "scanner.png"
    assert pictures.path("qr").name == "qr-window.svg" and pictures.path("qr").exists()
