"""The update's state, in one small JSON file written atomically (temp file, fsync, rename).

``<data_dir>/update/state.json``::

    {"state": "pending_boot", "running": "0.2.0", "ring": "all",
     "checked_at": "…Z", "available": {"version": "0.3.0", "target": "app/0.3.0/kiosk.tar"},
     "held": [{"version": "0.4.0", "reason": "for canary only; this terminal is in all"}],
     "refusal": {"at": "…Z", "reason": "expired: timestamp.json …"},
     "pending": {"version": "0.3.0", "previous": "0.2.0", "switched_at": 1796370000.0},
     "bad_versions": ["0.2.1"], "last_event": "…"}

States: ``none`` (never checked), ``current`` (nothing newer for this ring), ``available``,
``refused`` (the last check or apply was refused: ``refusal.reason``), ``applying``,
``switching`` (the intent is recorded, ``current`` is being moved), ``pending_boot`` (the
new release runs and must confirm its boot), ``rolled_back``, ``failed`` (an apply could not
complete, e.g. a full disk; the running release is untouched).
"""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

STATES = (
    "none",
    "current",
    "available",
    "refused",
    "applying",
    "switching",
    "pending_boot",
    "rolled_back",
    "failed",
)
FILE_NAME = "state.json"


def iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def write_json_atomic(path: Path, value: Any) -> None:
    """Replace ``path`` with ``value`` as JSON, atomically and durably; readable by the other
    user (the update units run as root, the sync agent and ``kiosk run`` as the kiosk user)."""
    from kiosk.store.crypto import write_private_file

    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)
    write_private_file(path, text, mode=0o644)


class UpdateState:
    """Read, change and save the state file (one writer at a time: ``kiosk update`` takes
    :func:`sync.update.release.lock` around changes)."""

    def __init__(self, update_dir: Path) -> None:
        self.path = Path(update_dir) / FILE_NAME
        self.data: dict[str, Any] = self._read()

    def _read(self) -> dict[str, Any]:
        try:
            value = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError):
            return {"state": "none"}
        if not isinstance(value, dict) or value.get("state") not in STATES:
            return {"state": "none"}
        return value

    @property
    def state(self) -> str:
        return str(self.data.get("state", "none"))

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def save(self, **changes: Any) -> None:
        self.data.update(changes)
        write_json_atomic(self.path, self.data)

    def refuse(self, reason: str, *, state: str = "refused", now: float | None = None) -> None:
        now = time.time() if now is None else now
        if state == "refused" and self.state in ("switching", "pending_boot"):
            state = self.state  # a release waits to confirm its boot: that stays the state
        self.save(state=state, refusal={"at": iso(now), "reason": reason[:500]})

    def summary(self) -> dict[str, Any]:
        """What the heartbeat and the metrics carry: small, nothing personal."""
        out: dict[str, Any] = {"state": self.state}
        for key in ("running", "ring"):
            if self.data.get(key):
                out[key] = self.data[key]
        if self.data.get("available"):
            out["available"] = self.data["available"].get("version")
        if self.data.get("pending"):
            out["pending"] = self.data["pending"].get("version")
        if self.data.get("refusal"):
            out["refusal"] = self.data["refusal"].get("reason")
        return out


RING_FILE = "fleet-ring.json"
"""``<data_dir>/fleet-ring.json``: the ring the platform set, mirrored by the sync agent (which
owns the store) for the updater, which never opens the store (it may run as another user)."""


def publish_ring(data_dir: Path, ring: str | None) -> None:
    """Mirror the ring for the updater (only when it changed: no write per heartbeat)."""
    if read_ring(data_dir) == ring:
        return
    write_json_atomic(Path(data_dir) / RING_FILE, {"ring": ring})


def read_ring(data_dir: Path) -> str | None:
    try:
        value = json.loads((Path(data_dir) / RING_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    ring = value.get("ring") if isinstance(value, dict) else None
    return ring if isinstance(ring, str) else None


def read_summary(update_dir: Path) -> dict[str, Any]:
    return UpdateState(update_dir).summary()
