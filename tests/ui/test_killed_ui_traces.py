"""A killed UI leaves no resident's traces (issue 11): ``kiosk run`` keeps a session's scans
and the on-screen keyboard's dictionary in its private runtime directory; a kiosk killed
mid-session (SIGKILL: no clean-up runs) leaves them on disk, and the next start deletes them.

Real processes: ``kiosk run --offscreen`` on the embedded defaults, twice, in a private
temporary directory (``TMPDIR``) so that other kiosks on the machine are never touched."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("terminal.runtime_dir")  # the sweep lives there (the watchdog's change)

KIOSK = [sys.executable, "-m", "terminal"]


def _env(tmp: Path, notify: Path | None = None) -> dict[str, str]:
    env = dict(os.environ, TMPDIR=str(tmp), QT_QPA_PLATFORM="offscreen")
    env.pop("BIANMIN_CONFIG", None)
    env.pop("NOTIFY_SOCKET", None)
    if notify is not None:
        env["NOTIFY_SOCKET"] = str(notify)
    return env


def _runtime_dirs(tmp: Path) -> list[Path]:
    return sorted(tmp.glob("bianmin-ui-*"))


def test_the_next_start_deletes_what_a_killed_kiosk_left(tmp_path: Path) -> None:
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    data = tmp_path / "data"
    notify = tmp_path / "notify.sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind(str(notify))
        sock.settimeout(180)
        first = subprocess.Popen(
            [*KIOSK, "--data-dir", str(data), "run", "--offscreen"],
            env=_env(tmp, notify),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            while b"READY=1" not in sock.recv(256).split(b"\n"):
                pass
            (runtime,) = _runtime_dirs(tmp)
            # mid-session: a resident's scan and the words the keyboard learned from them
            (session,) = (runtime / "sessions").glob("session-*")
            (session / "scans" / "page-1.jpg").write_bytes(b"\xff\xd8 resident's household book")
            kb = session / "qtvirtualkeyboard" / "pinyin"
            kb.mkdir(parents=True, exist_ok=True)
            (kb / "usr_dict.dat").write_bytes("张三 zhangsan".encode())
            first.send_signal(signal.SIGKILL)
            assert first.wait(30) == -signal.SIGKILL
        finally:
            if first.poll() is None:
                first.kill()
                first.wait()
    # SIGKILL ran no clean-up: the resident's files are still there
    assert (session / "scans" / "page-1.jpg").exists()
    assert (kb / "usr_dict.dat").exists()

    second = subprocess.run(
        [*KIOSK, "--data-dir", str(data), "run", "--offscreen", "--quit-after", "2"],
        env=_env(tmp),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert second.returncode == 0, second.stderr[-3000:]
    assert not runtime.exists()
    assert _runtime_dirs(tmp) == []  # and the second one cleaned up after itself
