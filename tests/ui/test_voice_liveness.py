"""Voice guidance with a speech engine that never answers (issue 11, finding 1).

The fake speech-dispatcher is a Unix socket at the address speechd clients use
(``SPEECHD_ADDRESS=unix_socket:PATH``) that accepts every connection and stays silent — what a
speech-dispatcher that could not open its audio does. Before, the kiosk made and drove the
engine on the GUI thread and froze with it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import ui_steps as steps

from ui.driving import find, tap, wait_until

REPO = Path(__file__).resolve().parents[2]


class SilentSpeechd:
    """Accepts connections on ``path`` and never answers (counts them). With
    ``hang_up_after_s`` each connection is closed that long after it came (so that code which
    waits on it for ever, as the kiosk did, gets on eventually and its test fails, not hangs)."""

    def __init__(self, path: Path, hang_up_after_s: float | None = None) -> None:
        self.path = path
        self.hang_up_after_s = hang_up_after_s
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.bind(str(path))
        self.sock.listen(16)
        self.accepted: list[socket.socket] = []
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.accepted.append(conn)  # kept open, never read, never answered
            if self.hang_up_after_s is not None:
                threading.Timer(self.hang_up_after_s, conn.close).start()

    def close(self) -> None:
        for c in self.accepted:
            c.close()
        self.sock.close()


@pytest.fixture
def silent_speechd(
    monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> Iterator[SilentSpeechd]:
    import tempfile

    # a short path: AF_UNIX paths are limited to 107 bytes, pytest's tmp_path can be longer
    d = Path(tempfile.mkdtemp(prefix="speechd-"))
    fake = SilentSpeechd(d / "speechd.sock", getattr(request, "param", None))
    monkeypatch.setenv("SPEECHD_ADDRESS", f"unix_socket:{fake.path}")
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(d))  # no autospawn of a real one beside it
    try:
        yield fake
    finally:
        fake.close()


@pytest.mark.parametrize("silent_speechd", [90.0], indirect=True)
def test_journey_completes_with_a_speech_engine_that_never_answers(
    kiosk: Any, tmp_path: Path, silent_speechd: SilentSpeechd, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ui.voice
    from ui.shell import KioskUi

    monkeypatch.setattr(ui.voice, "START_DEADLINE_S", 3.0, raising=False)
    ui_ = KioskUi(
        kiosk.backend,
        voice=True,
        voice_engine="speechd",
        still=True,
        developer_panel=True,
        dev_control=kiosk.control,
        runtime_root=tmp_path / "sessions",
        idle_timeout_s=600,
        health_poll_ms=200,
        identify_timeout_s=20.0,
    )
    try:
        # the resident goes through the whole journey while the engine is wedged
        steps.find_service(ui_)
        steps.identify_by_card(ui_, kiosk)
        steps.fill_form(ui_)
        steps.hand_in_materials(ui_)
        ref = steps.submit(ui_)
        assert kiosk.store.applications.get_by_ref(ref) is not None
        # the engine was really asked (a connection reached the silent socket)…
        wait_until(lambda: silent_speechd.accepted, 30, "a connection to the fake speechd")
        # …and, having missed its deadline, is reported unavailable: health and status strip
        wait_until(
            lambda: ui_.devices.health.get("voice", {}).get("reason") == "unresponsive",
            30,
            "voice reported unresponsive",
        )
        assert ui_.devices.health["voice"]["ok"] is False
        # the kiosk's health (devices.json for ``kiosk status``, the heartbeat) says so too
        assert "unresponsive" in str(kiosk.backend.health()["voice"])
        assert not ui_.voice.available
        wait_until(lambda: find(ui_.window, "notice_voice") is not None, 10, "strip notice")
        assert "语音播报暂不可用" in find(ui_.window, "notice_voice").property("text")
        # the session ends and the next resident starts as usual, silently
        ui_.session.home()
        steps.on(ui_, "attract")
        ui_.voice.sayScreen("attract")  # dropped while the engine is down
        tap(ui_.window, "btnStart")
        steps.on(ui_, "finder")
    finally:
        ui_.close()


def test_voice_is_retried_after_a_wedge_and_comes_back(
    qapp: Any, silent_speechd: SilentSpeechd
) -> None:
    """A wedged engine is dropped, then tried again; once speech answers it is used again."""
    from ui.voice import Voice

    v = Voice(True, engine="speechd", start_deadline_s=2.0, call_deadline_s=1.0, retry_s=1.0)
    try:
        wait_until(lambda: not v.available and "unresponsive" in str(v.health), 20, "dropped")
        wait_until(lambda: len(silent_speechd.accepted) >= 2, 20, "a second try")
    finally:
        v.close()
    m = Voice(True, engine="mock", retry_s=1.0)
    try:
        wait_until(lambda: m.available, 20, "the mock engine ready")
        m.sayScreen("attract")
        assert "Ready" in type(m.health).__name__
    finally:
        m.close()


def test_run_offscreen_with_voice_on_and_a_silent_speechd_quits(
    tmp_path: Path, silent_speechd: SilentSpeechd
) -> None:
    """``kiosk run`` (voice on by default) starts, shows, and quits on time; it hung for
    minutes at start-up before."""
    run = ["run", "--offscreen", "--quit-after", "5"]
    p = subprocess.run(
        [sys.executable, "-m", "terminal", "--data-dir", str(tmp_path / "d"), *run],
        cwd=REPO,
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert p.returncode == 0, p.stderr[-2000:]
    assert '"kiosk": "running"' in p.stdout
    assert silent_speechd.accepted, "the kiosk never tried the speech engine"
