"""``kiosk run`` without a display, ``kiosk screenshots``, the translation files, the voice."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtGui import QImage

REPO = Path(__file__).resolve().parents[2]
KIOSK = [sys.executable, "-m", "terminal"]


def test_run_without_a_display_says_how_and_exits_cleanly(tmp_path: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    p = subprocess.run(
        [*KIOSK, "--data-dir", str(tmp_path), "run"],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert p.returncode == 4
    assert "--offscreen" in p.stderr and "xvfb-run" in p.stderr
    assert "Traceback" not in p.stderr


def test_run_offscreen_starts_and_quits(tmp_path: Path) -> None:
    p = subprocess.run(
        [*KIOSK, "--data-dir", str(tmp_path / "d"), "run", "--offscreen", "--quit-after", "4"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert p.returncode == 0, p.stderr[-2000:]
    assert '"kiosk": "running"' in p.stdout
    assert "Fatal Python error" not in p.stderr


def test_run_tells_its_supervisor_once_the_start_screen_is_up(tmp_path: Path) -> None:
    """systemd ``Type=notify``: READY=1 arrives over $NOTIFY_SOCKET after the first frame."""
    import socket

    address = tmp_path / "notify.sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind(str(address))
        sock.settimeout(120)
        p = subprocess.Popen(
            [*KIOSK, "--data-dir", str(tmp_path / "d"), "run", "--offscreen", "--quit-after", "1"],
            cwd=REPO,
            env=dict(os.environ, NOTIFY_SOCKET=str(address)),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        message = sock.recv(64)
        out, err = p.communicate(timeout=120)
    assert message == b"READY=1"
    assert p.returncode == 0, err[-2000:]
    assert '"kiosk": "running"' in out  # and the rest of the kiosk still started


def test_screenshots_command_renders_named_pngs(tmp_path: Path) -> None:
    out = tmp_path / "shots"
    p = subprocess.run(
        [
            *KIOSK,
            "screenshots",
            "--out",
            str(out),
            "--screen",
            "attract",
            "--screen",
            "receipt",
            "--width",
            "540",
            "--height",
            "960",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert p.returncode == 0, p.stderr[-2000:]
    names = sorted(f.name for f in out.glob("*.png"))
    assert "attract_normal_zh.png" in names and "attract_elder_en.png" in names
    assert "receipt-paperout_elder_zh.png" in names
    img = QImage(str(out / "attract_normal_zh.png"))
    assert (img.width(), img.height()) == (540, 960)
    assert "Fatal Python error" not in p.stderr


def test_translation_files_are_complete_and_compiled(tmp_path: Path) -> None:
    from ui.translations import I18N_DIR, release

    ts = (I18N_DIR / "kiosk_en.ts").read_text(encoding="utf-8")
    assert 'type="unfinished"' not in ts
    fresh = release("en", out=tmp_path / "kiosk_en.qm")
    assert fresh.read_bytes() == (I18N_DIR / "kiosk_en.qm").read_bytes(), (
        "run: python -m ui.translations"
    )


def test_english_switch_retranslates_the_screen(fake_ui: Any) -> None:
    from ui.driving import find, settle

    ui = fake_ui
    start = find(ui.window, "btnStart")
    assert start.property("text") == "开始办事"
    ui.session.setLanguage("en")
    settle(20)
    assert find(ui.window, "btnStart").property("text") == "Start"
    ui.session.home()  # the next resident starts in Chinese
    settle(20)
    assert find(ui.window, "btnStart").property("text") == "开始办事"


def test_voice_picks_the_mandarin_voice_by_name(qapp: Any) -> None:
    from PySide6.QtTextToSpeech import QTextToSpeech

    from ui.driving import wait_until
    from ui.voice import MANDARIN_VOICE, Voice

    assert "mock" in QTextToSpeech.availableEngines()
    v = Voice(True, engine="mock")
    wait_until(lambda: v.available, 30, "the mock engine")  # it starts off the GUI thread
    assert v.engine == "mock"
    v.sayScreen("attract")  # must not raise
    v.close()
    if "speechd" in QTextToSpeech.availableEngines():
        s = Voice(True, engine="speechd")
        wait_until(lambda: type(s.health).__name__ != "Unknown", 30, "speechd answered or not")
        if MANDARIN_VOICE in s.voices():
            assert s.select_voice("zh_CN") == MANDARIN_VOICE
        s.close()
