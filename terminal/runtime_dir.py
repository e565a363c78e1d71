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
    dictionary). First deletes those that earlier runs killed before they could clean up (a
    frozen UI killed by the watchdog, a crash): the new process starts with no resident's
    traces."""
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
            log.info("removed the runtime directory of a run that was killed (pid %d)", pid)
    runtime = Path(tempfile.mkdtemp(prefix=RUNTIME_PREFIX))
    (runtime / OWNER_FILE).write_text(str(os.getpid()))
    return runtime


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
