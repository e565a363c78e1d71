"""``kiosk run`` over a store it cannot use (the data key was deleted) does not exit: it shows
暂停服务 with the hotline, says why in the published health, and keeps running."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtGui import QAccessible

from ui.driving import find, visible_in_tree, wait_until

REPO = Path(__file__).resolve().parents[2]
KIOSK = [sys.executable, "-m", "terminal"]


def _kiosk(
    data: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*KIOSK, "--data-dir", str(data), *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )


def _data_dir_without_its_key(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    r = _kiosk(data, "queue", "add-sample", "--count", "1")
    assert r.returncode == 0, r.stderr
    (data / "keys" / "kiosk.key").unlink()
    return data


def _start_over(data: Path, make_ui: Any, **kw: Any) -> tuple[Any, Any]:
    """The UI over an unopened application API, and the kiosk starting behind it."""
    from conftest import make_config

    from kiosk.service import KioskService
    from terminal.startup import Starter

    cfg = make_config()
    service = KioskService(cfg, data)
    ui = make_ui(service)
    starter = Starter(
        cfg,
        data,
        service,
        ui.notify_backend_ready,
        start_agent=False,
        on_out_of_service=ui.notify_out_of_service,
        on_back_in_service=ui.notify_back_in_service,
        **kw,
    )
    starter.start()
    return ui, starter


def test_start_over_a_lost_key_shows_the_out_of_service_screen(
    tmp_path: Path, make_ui: Any
) -> None:
    data = _data_dir_without_its_key(tmp_path)
    ui, starter = _start_over(data, make_ui)
    try:
        wait_until(lambda: starter.error is not None, 30, "the start to fail")
        assert starter.out_of_service == "key_missing"
        wait_until(
            lambda: (s := find(ui.window, "outOfServiceScreen")) is not None and visible_in_tree(s),
            10,
            "the out-of-service screen",
        )
        screen = find(ui.window, "outOfServiceScreen")
        iface = QAccessible.queryAccessibleInterface(screen)
        assert iface is not None
        assert "暂停服务" in iface.text(QAccessible.Text.Name)  # what a screen reader says
        assert find(ui.window, "outOfServiceTitle").property("text") == "暂停服务"
        hotline = find(ui.window, "outOfServiceHotline").property("text")
        assert "12345" in hotline
        wait_until(lambda: (data / "devices.json").exists(), 10, "the published health")
        health = json.loads((data / "devices.json").read_text())["devices"]
        assert health["store"]["status"] == "unavailable"
        assert "missing" in health["store"]["detail"]
        assert not (data / "keys" / "kiosk.key").exists()  # never silently replaced
    finally:
        starter.close()


def test_kiosk_run_does_not_exit_on_an_unusable_store(tmp_path: Path) -> None:
    data = _data_dir_without_its_key(tmp_path)
    p = _kiosk(data, "run", "--offscreen", "--quit-after", "3")
    assert p.returncode == 0, p.stderr[-2000:]  # not 7, not 1: it ran until asked to quit
    assert '"kiosk": "out_of_service"' in p.stdout
    assert "Traceback" not in p.stderr
    r = _kiosk(data, "status", "--json")
    assert r.returncode == 7
    out = json.loads(r.stdout)
    assert out["devices"]["store"]["status"] == "unavailable"
    assert out["unreadable"]["count"] == 1


def test_restoring_the_key_brings_a_running_kiosk_back_into_service(
    tmp_path: Path, make_ui: Any
) -> None:
    """The technician restores the key from a shell while the screen says 暂停服务: the running
    kiosk notices, opens its data and shows the start screen again without a restart."""
    import os

    data = tmp_path / "data"
    assert _kiosk(data, "queue", "add-sample", "--count", "1").returncode == 0
    env = dict(os.environ, BIANMIN_KEY_PASSPHRASE="correct horse battery staple")
    backup = tmp_path / "key.backup"
    r = _kiosk(data, "store", "key", "backup", "--to", str(backup), env=env)
    assert r.returncode == 0, r.stderr
    (data / "keys" / "kiosk.key").unlink()

    ui, starter = _start_over(data, make_ui, key_recheck_s=0.2)
    try:
        wait_until(lambda: starter.out_of_service == "key_missing", 30, "out of service")
        wait_until(lambda: ui.shell.outOfService, 10, "the out-of-service screen")
        r = _kiosk(data, "store", "key", "restore", str(backup), env=env)
        assert r.returncode == 0, r.stderr
        wait_until(lambda: starter.kiosk is not None, 30, "the kiosk to open its data")
        wait_until(lambda: not ui.shell.outOfService, 10, "the out-of-service screen to go")
        assert starter.out_of_service is None and starter.error is None
    finally:
        starter.close()
