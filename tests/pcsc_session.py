"""One pcscd (with vsmartcard-vpcd's readers) per test session, shared by test suites.

Only one pcscd can run per machine (``/run/pcscd``): a running one with vpcd's readers is
reused; otherwise exactly one ``pcscd -f`` is started and, at the end, stopped by its PID.
Each suite's conftest wraps :func:`pcscd_running` in a session-scoped fixture; whichever
suite runs first starts it and the others find it running.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator


def pcsc_readers() -> list[str] | None:
    """The PC/SC reader names, or ``None`` when pcscd cannot be reached."""
    try:
        from smartcard.System import readers

        return [str(r) for r in readers()]
    except Exception:
        return None


def pcscd_running() -> Iterator[None]:
    """Generator for a session fixture: yields while a pcscd with vpcd's readers runs."""
    found = pcsc_readers()
    if found is not None and any("Virtual PCD" in r for r in found):
        yield
        return

    def ready() -> bool:
        found = pcsc_readers()
        return bool(found) and any("Virtual PCD" in r for r in found)

    yield from daemon_running("pcscd", ready, 15, "vpcd's readers did not appear")


def daemon_running(
    name: str, ready: Callable[[], bool], wait_s: float, not_ready: str, *args: str
) -> Iterator[None]:
    """Start ``name -f ARGS`` (a session's own pcscd or cupsd), yield once ``ready()``, and
    stop it by its PID at the end."""
    exe = shutil.which(name) or f"/usr/sbin/{name}"
    assert os.path.exists(exe), f"{name} is not installed (scripts/bootstrap.sh installs it)"
    proc = subprocess.Popen(
        [exe, "-f", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + wait_s
        while not ready():
            assert proc.poll() is None, f"{name} exited at start (is another one running?)"
            assert time.monotonic() < deadline, f"{name} started but {not_ready}"
            time.sleep(0.2)
        yield
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
