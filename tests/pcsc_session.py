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
from collections.abc import Iterator


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
    exe = shutil.which("pcscd") or "/usr/sbin/pcscd"
    assert os.path.exists(exe), "pcscd is not installed (apt-get install pcscd vsmartcard-vpcd)"
    proc = subprocess.Popen(
        [exe, "-f"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            found = pcsc_readers()
            if found and any("Virtual PCD" in r for r in found):
                break
            assert proc.poll() is None, "pcscd exited at start (is another one running?)"
            time.sleep(0.2)
        else:
            raise AssertionError(f"pcscd started but vpcd's readers did not appear: {found}")
        yield
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
