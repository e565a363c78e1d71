"""The touch interface under cage (issue 15), as bianmin-kiosk-ui.service runs it: cage's
headless wlroots backend with the pixman renderer (CI has no display and no GPU), the kiosk
as cage's only client on the Wayland QPA, and the kiosk reaching its ready state (``READY=1``
on ``NOTIFY_SOCKET`` once the start screen's first frame is on screen).

cage refuses to run as root. As root (CI), the test runs it as an unprivileged user inside a
user namespace (uid 1000 there, no capabilities, root unmapped, so cage cannot regain root):
a plain ``setpriv`` to another uid does not work on this machine's image, whose Python lives
under ``/root`` (mode 0700), which no other user may enter. The namespace also gets its own
``/tmp/.X11-unix`` (a tmpfs), since cage starts Xwayland and refuses an X socket directory
that belongs to a user it cannot see (root, unmapped) — as the unit's PrivateTmp= does.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from terminal.sdnotify import listen, received
from tests.appliance.appliance_helpers import VENV_KIOSK, stop

CAGE_ENV = {
    "WLR_BACKENDS": "headless",
    "WLR_RENDERER": "pixman",
    "WLR_LIBINPUT_NO_DEVICES": "1",
}


def unprivileged(argv: list[str]) -> list[str]:
    """``argv`` as a user cage accepts (see the module's text)."""
    if os.getuid() != 0:
        return argv
    assert shutil.which("unshare"), "unshare is missing: scripts/bootstrap.sh installs util-linux"
    inner = " ".join(
        ["exec unshare --user --map-user=1000 --map-group=1000", *map(shlex.quote, argv)]
    )
    outer = (
        f"mkdir -p /tmp/.X11-unix && mount -t tmpfs -o mode=1777 tmpfs /tmp/.X11-unix && {inner}"
    )
    probe = subprocess.run(
        ["unshare", "--user", "--map-root-user", "--mount", "true"], capture_output=True
    )
    assert probe.returncode == 0, f"user namespaces are needed: {probe.stderr.decode().strip()}"
    return ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", outer]


@pytest.mark.parametrize("platform", ["wayland", "xcb"])
def test_the_interface_reaches_its_ready_state_under_cage(tmp_path: Path, platform: str) -> None:
    """``wayland``: the unit's way. ``xcb``: the documented fallback, through the Xwayland
    server cage starts (DISPLAY is cage's)."""
    cage = shutil.which("cage")
    assert cage, "cage is not installed (scripts/bootstrap.sh installs cage and xwayland)"
    runtime = tmp_path / "xdg-runtime"
    runtime.mkdir(mode=0o700)
    data = tmp_path / "data"
    data.mkdir()
    (data / "kiosk.toml").write_text("[sync]\nmetrics_port = 0\n", encoding="utf-8")
    notify = tmp_path / "notify"
    sock = listen(str(notify))
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "XDG_RUNTIME_DIR": str(runtime),
        "NOTIFY_SOCKET": str(notify),
        "BIANMIN_CONFIG": str(data / "kiosk.toml"),
        # Qt's Wayland plugin names the input method it uses (at debug level)
        "QT_LOGGING_RULES": "qt.qpa.wayland.debug=true",
        **CAGE_ENV,
        "QT_QPA_PLATFORM": platform,
    }
    # the unit's command: cage, and the kiosk as its one client, without the in-process agent
    argv = [cage, "-d", "--", str(VENV_KIOSK), "--data-dir", str(data), "run", "--no-sync-agent"]
    log = tmp_path / "cage.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            unprivileged(argv),
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=tmp_path,
            start_new_session=True,  # its own process group: nothing of it outlives the test
        )
    ready_from = None
    try:
        end = time.monotonic() + 180
        while ready_from is None and time.monotonic() < end and proc.poll() is None:
            for pid, text in received(sock, 1.0):
                if "READY=1" in text.splitlines():
                    ready_from = pid
    finally:
        sock.close()
        stop(proc)
        # under xcb the kiosk outlived cage (the unit's cgroup ends it on the appliance)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
    text = log.read_text(encoding="utf-8", errors="replace")
    assert ready_from is not None, f"no READY=1 from the kiosk under cage:\n{text[-3000:]}"
    assert ready_from != proc.pid  # from the kiosk, cage's child, not from cage
    # the kiosk drew on cage's display (a QT_QPA_PLATFORM named has no fallback: Qt aborts
    # when it cannot use it), and cage ran as a user it accepts
    assert "Could not load the Qt platform plugin" not in text
    assert "refusing to start" not in text.lower()
    if platform == "wayland":
        # the on-screen keyboard works on Wayland: Qt warns that qtvirtualkeyboard "is not
        # supported at client-side", yet loads its input context in the client all the same
        assert "using input method: QtVirtualKeyboard::PlatformInputContext" in text, text[-3000:]
