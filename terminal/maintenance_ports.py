"""What maintenance mode needs from the world, for the composition root and the CLI:

- :func:`cli_speaker` — the voice self-test outside ``kiosk run``: the speech engine in its
  helper process (:mod:`ui.speech_helper`, the same one ``kiosk run`` uses), with a deadline;
- :class:`UdisksMounter` — a USB drive mounted through udisks2 (``udisksctl``) for the
  unprivileged service user, read-write only for the export, unmounted after;
- :func:`attach_maintenance` — hand those and the configuration restarter to the service.

Every call here waits with a deadline; none runs on the GUI thread (the API's callers use
workers).
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

UDISKS_TIMEOUT_S = 30.0


def cli_speaker(text: str, deadline_s: float) -> str | None:
    """Speak ``text`` through the speech helper; None when the engine took it, else why not."""
    from ui.voice import _Helper

    helper = _Helper("speechd")
    try:
        ready = helper.answer(min(deadline_s, 10.0))
        if ready is None:
            return "speech engine did not start in time"
        if not ready.get("ready"):
            return str(ready.get("error") or "no speech engine")
        helper.call({"op": "voice", "language": "zh_CN"}, 5.0)
        said = helper.call({"op": "say", "text": text}, max(1.0, deadline_s - 5.0))
        if not said or not said.get("ok"):
            return "speech engine did not answer"
        return None
    finally:
        helper.close()


def _udisksctl(*args: str) -> str:
    try:
        out = subprocess.run(
            ["udisksctl", *args, "--no-user-interaction"],
            capture_output=True,
            text=True,
            timeout=UDISKS_TIMEOUT_S,
        )
    except FileNotFoundError:
        raise RuntimeError("udisks2 is not installed (udisksctl missing)") from None
    except subprocess.TimeoutExpired:
        raise RuntimeError(
            f"udisksctl {args[0]} did not answer in {UDISKS_TIMEOUT_S:g} s"
        ) from None
    if out.returncode != 0:
        raise RuntimeError(_udisks_error(out.stderr or out.stdout) or "udisksctl failed")
    return out.stdout


def _udisks_error(text: str) -> str:
    """udisksctl's own error line (``Error mounting /dev/sdb1: …NotAuthorized…``), not the
    polkit agent's noise before it (``Error creating textual authentication agent…``)."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    own = [ln for ln in lines if not ln.startswith("Error creating textual authentication")]
    return " ".join((own or lines or [""])[-1].split())[:200]


def removable_partition() -> str:
    """The first removable (USB) block device with a file system, e.g. ``/dev/sdb1``."""
    out = subprocess.run(
        ["lsblk", "-J", "-p", "-o", "NAME,RM,HOTPLUG,FSTYPE,TYPE"],
        capture_output=True,
        text=True,
        timeout=10,
    )
    found: list[str] = []

    def walk(nodes: list[dict[str, Any]], removable: bool) -> None:
        for n in nodes:
            rm = removable or n.get("rm") in (True, "1") or n.get("hotplug") in (True, "1")
            if rm and n.get("fstype") and n.get("type") in ("part", "disk"):
                found.append(n["name"])
            walk(n.get("children") or [], rm)

    walk(json.loads(out.stdout or "{}").get("blockdevices") or [], False)
    if not found:
        raise RuntimeError("no USB drive found")
    return found[0]


class UdisksMounter:
    """``mount() -> (directory, release)``: mount ``device`` (or the first USB drive found)
    through udisks2 — as the calling user, which polkit allows for removable drives — and
    unmount it on release, so it is writable only for the export."""

    def __init__(self, device: str | None = None) -> None:
        self.device = device

    def __call__(self) -> tuple[Path, Callable[[], None]]:
        device = self.device or removable_partition()
        out = _udisksctl("mount", "-b", device)
        m = re.search(r" at (.+?)\.?\s*$", out.strip())
        if not m:
            raise RuntimeError(f"udisksctl mount said: {out.strip()[:120]}")
        return Path(m[1]), lambda: _udisksctl("unmount", "-b", device) and None


def attach_maintenance(
    service: Any,
    *,
    speaker: Callable[[str, float], str | None] | None = None,
    apply_config: Callable[[Any, set[str]], tuple[str, ...]] | None = None,
    actor: str | None = None,
) -> Any:
    """Give the service's maintenance API its ports; returns it."""
    m = service.maintenance
    m.speaker = speaker
    m.mounter = UdisksMounter()
    if apply_config is not None:
        m.apply_config = apply_config
    if actor:
        m.actor = actor
    return m
