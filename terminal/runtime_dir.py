"""``kiosk run``'s private runtime directory, and the sweep of those killed runs left behind.

Kept apart from :mod:`terminal.startup` so that ``kiosk run`` can make it before Qt starts
without importing the rest of the kiosk.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

log = logging.getLogger("kiosk.terminal")

RUNTIME_PREFIX = "bianmin-ui-"
OWNER_FILE = "owner.pid"


def make_runtime_dir() -> Path:
    """``kiosk run``'s private runtime directory (session directories, the keyboard's
    dictionary), made before Qt starts. What earlier runs left behind is deleted by
    :func:`sweep_killed_runs`, which ``kiosk run`` calls once its first frame is on screen: a
    listing of the temporary directory (thousands of entries on a developer's machine) is
    not worth delaying the start screen for, and the new run never shares a directory with
    an old one."""
    runtime = Path(tempfile.mkdtemp(prefix=RUNTIME_PREFIX))
    (runtime / OWNER_FILE).write_text(str(os.getpid()))
    return runtime


def sweep_killed_runs() -> int:
    """Delete the runtime directories of runs killed before they could clean up (a frozen UI
    killed by the watchdog, a crash), so that no resident's traces outlive their process.
    Returns how many were deleted."""
    removed = 0
    base = Path(tempfile.gettempdir())
    for d in base.glob(RUNTIME_PREFIX + "*"):
        try:
            if d.stat().st_uid != os.getuid():
                continue
            pid = int((d / OWNER_FILE).read_text().strip())
        except (OSError, ValueError):
            continue  # not one of ours, or still being made
        if pid != os.getpid() and not _alive(pid):
            shutil.rmtree(d, ignore_errors=True)
            removed += 1
            log.info("removed the runtime directory of a run that was killed (pid %d)", pid)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
