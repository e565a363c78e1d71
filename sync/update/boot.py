"""A new release's boot, seen from both sides (docs/fleet.md "Boot confirmation").

The new release's ``kiosk run`` (the kiosk user) owns the devices; the root-owned update
units own the releases. They meet in one small file in the data directory, the boot mark
``<data_dir>/update-boot-<version>.json``::

    {"version": "0.3.0", "switched_at": 1796370000.0, "ready_at": 1796370012.5,
     "selftest": null}                                  after READY=1
    {…, "selftest": {"passed": true, "detail": "self-test passed: …", "at": …}}   after it

- :func:`boot_pending` — does the update state wait for *this* version to confirm its boot?
  (read-only: the state is root's);
- :func:`check_own_boot` — ``kiosk run``, at ``READY=1``: :func:`mark_ready`, then (on a thread,
  once the devices are up) its unattended self-test through the maintenance API and
  :func:`mark_selftest` (each write atomic: :func:`kiosk.store.crypto.write_private_file`);
- :func:`read_mark` — read by :func:`sync.update.release.check_boot` (``kiosk update confirm``
  and every other ``kiosk update``), which writes ``boot-ok`` or rolls back;
- :func:`ui_running` — whether a ``kiosk run`` holds the data directory's interface lock
  (``kiosk update confirm`` runs the self-test itself only when none does).

A mark counts only for the switch it names (``switched_at``): one left by an earlier attempt
at the same version is ignored.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

log = logging.getLogger("sync.update.boot")

MARK_PREFIX = "update-boot-"
AWAITING = ("switching", "pending_boot")
UI_LOCK = "ui.lock"
"""terminal/instance_lock.py's ``LOCK_FILE``."""


@functools.cache
def app_version() -> str:
    """The version of the ``bianmin-kiosk`` distribution this process runs from (a release's
    venv: the release's version; the checkout: pyproject's)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("bianmin-kiosk")
    except PackageNotFoundError:
        return "0.0.0"


def mark_path(data_dir: Path, version: str) -> Path:
    if not version or "/" in version or version.startswith("."):
        raise ValueError(f"invalid version {version!r}")
    return Path(data_dir) / f"{MARK_PREFIX}{version}.json"


def boot_pending(data_dir: Path, version: str) -> dict[str, Any] | None:
    """The pending switch (``{"version", "previous", "switched_at"}``) when the update state
    waits for ``version`` to confirm its boot; else None."""
    from sync.update.state import UpdateState

    state = UpdateState(Path(data_dir) / "update")
    pending = state.get("pending") or {}
    if state.state in AWAITING and pending.get("version") == version:
        return dict(pending)
    return None


def _write(data_dir: Path, doc: dict[str, Any]) -> None:
    from kiosk.store.crypto import write_private_file

    text = json.dumps(doc, ensure_ascii=False, sort_keys=True)
    write_private_file(mark_path(data_dir, doc["version"]), text, mode=0o644)


def mark_ready(data_dir: Path, pending: dict[str, Any], now: float | None = None) -> None:
    """``kiosk run`` sent ``READY=1``: the boot deadline counts from now."""
    _write(
        data_dir,
        {
            "version": pending["version"],
            "switched_at": pending.get("switched_at"),
            "ready_at": time.time() if now is None else now,
            "selftest": None,
        },
    )


def mark_selftest(
    data_dir: Path, pending: dict[str, Any], passed: bool, detail: str, now: float | None = None
) -> None:
    """The unattended self-test's outcome (after :func:`mark_ready`, whose time it keeps)."""
    doc = read_mark(data_dir, pending) or {
        "version": pending["version"],
        "switched_at": pending.get("switched_at"),
        "ready_at": None,
    }
    doc["selftest"] = {
        "passed": bool(passed),
        "detail": " ".join(str(detail).split())[:300],
        "at": time.time() if now is None else now,
    }
    _write(data_dir, doc)


def read_mark(data_dir: Path, pending: dict[str, Any]) -> dict[str, Any] | None:
    """The mark of the pending switch, if ``kiosk run`` wrote one (None otherwise, or when it
    is of another switch or unreadable)."""
    try:
        doc = json.loads(mark_path(data_dir, pending["version"]).read_text("utf-8"))
    except (OSError, ValueError, KeyError):
        return None
    if not isinstance(doc, dict) or doc.get("version") != pending.get("version"):
        return None
    if doc.get("switched_at") != pending.get("switched_at"):
        return None  # an earlier attempt at this version
    return doc


def clear_marks(data_dir: Path) -> None:
    for p in Path(data_dir).glob(f"{MARK_PREFIX}*.json"):
        p.unlink(missing_ok=True)


def ui_running(data_dir: Path) -> bool:
    """Whether a ``kiosk run`` holds ``<data_dir>/ui.lock`` (terminal/instance_lock.py), seen
    in ``/proc/locks`` without taking the lock (taking it, even for a moment, could make a
    starting interface give up)."""
    try:
        st = os.stat(Path(data_dir) / UI_LOCK)
        with open("/proc/locks", encoding="ascii", errors="replace") as f:
            lines = f.read().splitlines()
    except OSError:
        return False
    dev = f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino}"
    for line in lines:
        fields = line.split()
        if "->" in fields:  # a waiter, not a holder
            continue
        if len(fields) >= 6 and fields[1] == "FLOCK" and fields[5] == dev:
            return True
    return False


def check_own_boot(
    data_dir: Path,
    ready_at: float,
    started: Callable[[], str | None],
    selftest: Callable[[], tuple[bool, str]],
    wait_s: float,
) -> threading.Thread:
    """``kiosk run`` sent ``READY=1`` at ``ready_at``: on a thread of its own (the state file
    and the installed version are read from disk, never on the GUI thread), if the update
    state waits for this version to confirm its boot, mark the READY time, wait (up to
    ``wait_s``) until ``started()`` says the kiosk is up (``"running"``, or why it cannot
    serve), run its unattended ``selftest()`` there and mark the outcome. Never raises; the
    thread ends at once when nothing waits for this version (the usual start)."""
    from sync.update.state import UpdateState

    def body() -> None:
        try:
            waiting = UpdateState(Path(data_dir) / "update").state in AWAITING
            pending = boot_pending(data_dir, app_version()) if waiting else None
        except (OSError, ValueError):
            pending = None
        if pending is None:
            return
        try:
            mark_ready(data_dir, pending, ready_at)
            deadline = time.monotonic() + wait_s
            why = started()
            while why is None and time.monotonic() < deadline:
                time.sleep(0.2)
                why = started()
            if why == "running":
                try:
                    passed, detail = selftest()
                except Exception as exc:  # noqa: BLE001 - a crashed self-test is a failed one
                    passed, detail = False, f"self-test error: {type(exc).__name__}"
            else:
                passed, detail = False, why or f"not started within {wait_s:g} s"
            mark_selftest(data_dir, pending, passed, detail)
            log.info("update boot check of %s: %s", pending["version"], detail)
        except OSError as exc:
            log.warning("update boot check: cannot write the boot mark: %s", exc.strerror)

    t = threading.Thread(target=body, name="update-boot-check", daemon=True)
    t.start()
    return t
