"""The platform's ``screenshot`` command (docs/fleet.md) on the real kiosk with its real window:
the command is signed by the platform simulator and carried in a heartbeat answer over real
HTTP; the agent's thread asks the GUI thread for the grab, encodes the PNG and uploads it as
a blob; the simulator holds it, and it decodes to the window's size. While a resident is in
session the command is refused with the reason, and nothing is uploaded."""

from __future__ import annotations

import base64
import json
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import ui_steps as steps
from conftest import TEST_CONFIG, _make_ui

from ui.driving import wait_until


def sim_call(k: Any, path: str, body: dict[str, Any] | None = None) -> Any:
    url = k.platform_sim.url + path
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.loads(r.read())


def result_of(k: Any, command_id: str) -> dict[str, Any] | None:
    for r in sim_call(k, "/_sim/command-results")["results"].get(k.cfg.terminal.kiosk_id, []):
        if r["id"] == command_id:
            return r
    return None


def queue_screenshot(k: Any) -> str:
    cmd = sim_call(k, "/_sim/commands", {"kiosk_id": k.cfg.terminal.kiosk_id, "name": "screenshot"})
    return str(cmd["command"]["id"])


@pytest.fixture
def fleet_kiosk(tmp_path: Path, qapp: Any) -> Iterator[tuple[Any, Any]]:
    """The real kiosk whose agent heartbeats every second, and its window, wired as
    ``kiosk run`` wires them (terminal/startup.py)."""
    from kiosk.config import parse_config
    from terminal.root import build
    from terminal.screenshot_command import attach_screen, make_grabber

    data = {k: dict(v) for k, v in TEST_CONFIG.items()}
    data["sync"]["heartbeat_s"] = 1.0
    k = build(parse_config(data), tmp_path / "data")
    try:
        ui = _make_ui(k.backend, tmp_path, keyboard=False, width=720, height=1280)
        try:
            assert attach_screen(k, ui, make_grabber(ui))
            yield k, ui
        finally:
            ui.close()
    finally:
        k.close()


def test_a_signed_screenshot_command_uploads_the_window_as_png(
    fleet_kiosk: tuple[Any, Any],
) -> None:
    from PySide6.QtGui import QImage

    k, ui = fleet_kiosk
    cid = queue_screenshot(k)
    wait_until(lambda: result_of(k, cid) is not None, 30, "the screenshot's result")
    r = result_of(k, cid)
    assert r is not None and r["ok"], r
    assert r["detail"].startswith("screenshot uploaded: sha256=")
    sha = r["detail"].split("sha256=")[1].split()[0]
    blob = sim_call(k, f"/_sim/blobs/{sha}")
    png = base64.b64decode(blob["base64"])
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    img = QImage.fromData(png, "PNG")
    assert not img.isNull()
    dpr = ui.window.devicePixelRatio()
    assert (img.width(), img.height()) == (round(720 * dpr), round(1280 * dpr))
    assert f"{img.width()}x{img.height()} png" in r["detail"]
    # the heartbeat says the screen is awake (the display state from the interface)
    beat = sim_call(k, "/_sim/heartbeats")[k.cfg.terminal.kiosk_id]
    assert beat["display"] == "awake"
    # …and published beside the device health, for a kiosk sync apart (the appliance)
    from kiosk.devices.published import read_published_display

    wait_until(lambda: read_published_display(k.data_dir) == "awake", 10, "display published")


def test_the_screenshot_is_refused_while_a_resident_is_in_session(
    fleet_kiosk: tuple[Any, Any],
) -> None:
    k, ui = fleet_kiosk
    steps.find_service(ui)
    steps.identify_by_card(ui, k)  # a resident's identity is held: a session
    wait_until(lambda: k.backend.in_session, 20, "a resident in session")
    stats_before = sim_call(k, "/_sim/stats")["requests"]
    cid = queue_screenshot(k)
    wait_until(lambda: result_of(k, cid) is not None, 30, "the screenshot's refusal")
    r = result_of(k, cid)
    assert r is not None and not r["ok"]
    assert r["detail"] == "resident in session"
    puts = {p: n for p, n in sim_call(k, "/_sim/stats")["requests"].items() if "blobs" in p}
    assert puts == {p: n for p, n in stats_before.items() if "blobs" in p}


def test_the_gui_thread_checks_again_before_it_grabs(fleet_kiosk: tuple[Any, Any]) -> None:
    """A resident who started after the agent's check (on another screen than the start
    screen, nothing identified yet): the grab on the GUI thread refuses."""
    k, ui = fleet_kiosk
    steps.find_service(ui)  # on a service's guide: someone is at the terminal
    assert not k.backend.in_session  # the application API alone would let it through
    cid = queue_screenshot(k)
    wait_until(lambda: result_of(k, cid) is not None, 30, "the screenshot's refusal")
    r = result_of(k, cid)
    assert r is not None and not r["ok"] and r["detail"] == "resident in session"
