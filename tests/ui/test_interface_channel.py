"""The appliance's shape (docs/fleet.md "Commands"): ``kiosk run --no-sync-agent`` owns the
screen and the devices, a separate ``kiosk sync`` process receives the platform's signed
commands. ``screenshot`` and ``selftest`` reach the interface over its channel
(``<data_dir>/interface.sock``, terminal/interface_channel.py): the PNG arrives at the
platform simulator over real HTTP, the self-test runs on the interface's devices, a resident in
session refuses both, and without a running interface the command is refused with the reason.

The interface here is the real kiosk and its real window in this process (as ``kiosk run``
wires them, terminal/startup.py); ``kiosk sync --once`` is a real second process."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import ui_steps as steps
from conftest import TEST_CONFIG, _make_ui

from ui.driving import wait_until

REPO = Path(__file__).resolve().parents[2]


def sim_call(k: Any, path: str, body: dict[str, Any] | None = None) -> Any:
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(
        k.platform_sim.url + path, data=data, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.loads(r.read())


def queue(k: Any, name: str) -> str:
    cmd = sim_call(k, "/_sim/commands", {"kiosk_id": k.cfg.terminal.kiosk_id, "name": name})
    return str(cmd["command"]["id"])


def result_of(k: Any, command_id: str) -> dict[str, Any] | None:
    for r in sim_call(k, "/_sim/command-results")["results"].get(k.cfg.terminal.kiosk_id, []):
        if r["id"] == command_id:
            return r
    return None


def kiosk_sync_once(k: Any, tmp_path: Path) -> None:
    """``kiosk sync --once`` as its own process on the same data directory (the appliance's
    sync unit), speaking to the platform over HTTP."""
    config = tmp_path / "sync.toml"
    config.write_text(
        f'[terminal]\nkiosk_id = "{k.cfg.terminal.kiosk_id}"\n\n'
        f'[platform]\nkind = "http"\nurl = "{k.platform_sim.url}"\ntimeout_s = 10.0\n',
        "utf-8",
    )
    run = [sys.executable, "-m", "terminal", "--config", str(config)]
    run += ["--data-dir", str(k.data_dir), "sync", "--once"]
    p = subprocess.Popen(run, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:  # the interface's event loop turns meanwhile, as kiosk run's does
        wait_until(lambda: p.poll() is not None, 240, "kiosk sync --once")
    finally:
        if p.poll() is None:
            p.kill()
        out = p.communicate()[0]
    assert p.returncode in (0, 4), out  # 4: work remains (nothing here)


def run_command(k: Any, tmp_path: Path, name: str) -> dict[str, Any]:
    """Queue a signed command, let ``kiosk sync`` carry it out, and its reported result."""
    cid = queue(k, name)
    for _ in range(3):  # carried out on one heartbeat, reported on the next
        kiosk_sync_once(k, tmp_path)
        r = result_of(k, cid)
        if r is not None:
            return r
    raise AssertionError(f"no result for {name}")


@pytest.fixture
def interface(tmp_path: Path, qapp: Any) -> Iterator[tuple[Any, Any]]:
    """``kiosk run --no-sync-agent``: the real kiosk without its agent, and its window."""
    from kiosk.config import parse_config
    from terminal.root import build
    from terminal.screenshot_command import attach_screen, make_grabber

    data = {k: dict(v) for k, v in TEST_CONFIG.items()}
    k = build(parse_config(data), tmp_path / "data", start_agent=False)
    try:
        ui = _make_ui(k.backend, tmp_path, keyboard=False, width=720, height=1280)
        try:
            assert k.agent is None
            assert attach_screen(k, ui, make_grabber(ui))
            yield k, ui
        finally:
            ui.close()
    finally:
        k.close()


def test_kiosk_sync_takes_a_screenshot_through_the_interface(
    interface: tuple[Any, Any], tmp_path: Path
) -> None:
    from PySide6.QtGui import QImage

    k, ui = interface
    assert (k.data_dir / "interface.sock").is_socket()
    assert (k.data_dir / "interface.sock").stat().st_mode & 0o077 == 0  # the kiosk user's only
    r = run_command(k, tmp_path, "screenshot")
    assert r["ok"], r
    sha = r["detail"].split("sha256=")[1].split()[0]
    png = base64.b64decode(sim_call(k, f"/_sim/blobs/{sha}")["base64"])
    img = QImage.fromData(png, "PNG")
    dpr = ui.window.devicePixelRatio()
    assert (img.width(), img.height()) == (round(720 * dpr), round(1280 * dpr))


def test_kiosk_sync_runs_the_self_test_on_the_interfaces_devices(
    interface: tuple[Any, Any], tmp_path: Path
) -> None:
    k, _ = interface
    r = run_command(k, tmp_path, "selftest")
    # the interface's own devices, by name (this test kiosk has no social security reader)
    assert r["detail"].startswith(("self-test passed: ", "self-test failed: ")), r
    devices = ("id_reader", "ssc_reader", "qr_reader", "printer", "scanner", "document_printer")
    assert any(d in r["detail"] for d in devices), r
    events = [e["event"] for e in k.store.audit.entries()]
    assert any(e.startswith("maintenance.selftest") for e in events), events


def test_a_resident_in_session_refuses_both(interface: tuple[Any, Any], tmp_path: Path) -> None:
    k, ui = interface
    steps.find_service(ui)
    steps.identify_by_card(ui, k)
    wait_until(lambda: k.backend.in_session, 20, "a resident in session")
    for name in ("screenshot", "selftest"):
        r = run_command(k, tmp_path, name)
        assert not r["ok"] and r["detail"] == "resident in session", r


def test_without_a_running_interface_the_command_is_refused_with_the_reason(
    tmp_path: Path, qapp: Any
) -> None:
    from kiosk.config import parse_config
    from terminal.root import build

    # the store and the platform, but no kiosk run: nobody listens on the channel
    k = build(
        parse_config({n: dict(v) for n, v in TEST_CONFIG.items()}),
        tmp_path / "data",
        start_agent=False,
    )
    try:
        assert not (k.data_dir / "interface.sock").exists()
        r = run_command(k, tmp_path, "screenshot")
        assert not r["ok"] and r["detail"] == "the interface (kiosk run) is not running", r
    finally:
        k.close()
