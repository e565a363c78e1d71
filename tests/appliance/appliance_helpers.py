"""Shared by the appliance's tests: the unit files rendered for this machine, and a reader of
a supervisor's JSON event lines."""

from __future__ import annotations

import json
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
UNIT_DIR = REPO / "deploy" / "systemd"
UNITS = sorted(p for p in UNIT_DIR.iterdir() if p.suffix in (".service", ".timer"))
KIOSK_BIN = "/opt/bianmin/bin/kiosk"
DATA_DIR = "/var/lib/bianmin"
VENV_KIOSK = Path(sys.executable).parent / "kiosk"


def render(out_dir: Path, maps: dict[str, str] | None = None) -> list[Path]:
    """Every unit with this checkout's ``kiosk`` instead of the installed one (and ``maps``)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    maps = {KIOSK_BIN: str(VENV_KIOSK), **(maps or {})}
    out = []
    for unit in UNITS:
        text = unit.read_text(encoding="utf-8")
        for old, new in maps.items():
            text = text.replace(old, new)
        (out_dir / unit.name).write_text(text, encoding="utf-8")
        out.append(out_dir / unit.name)
    return out


def stop(proc: subprocess.Popen[Any], grace_s: float = 60) -> None:
    """SIGTERM, and SIGKILL if it has not ended within ``grace_s``."""
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(grace_s)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


class Lines:
    """A process's stdout, read on a thread; JSON objects queued as they arrive."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.proc = proc
        self.seen: list[dict[str, Any]] = []
        self._q: queue.Queue[dict[str, Any]] = queue.Queue()
        self._t = threading.Thread(target=self._read, daemon=True)
        self._t.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for raw in self.proc.stdout:
            try:
                obj = json.loads(raw)
            except ValueError:
                continue
            if isinstance(obj, dict):
                self._q.put(obj)

    def seen_or_wait(self, match: Callable[[dict[str, Any]], bool]) -> dict:
        """A line already read that ``match``es, else :meth:`wait_for` it."""
        for obj in self.seen:
            if match(obj):
                return obj
        return self.wait_for(match)

    def wait_for(self, match: Callable[[dict[str, Any]], bool], deadline_s: float = 180) -> dict:
        """The first line from now on that ``match``es (every line read is kept in
        ``seen``); AssertionError with what was seen when none came within the deadline."""
        end = time.monotonic() + deadline_s
        while True:
            left = end - time.monotonic()
            if left <= 0:
                raise AssertionError(f"not seen within {deadline_s} s; seen: {self.seen[-30:]}")
            try:
                obj = self._q.get(timeout=min(left, 1.0))
            except queue.Empty:
                if self.proc.poll() is not None and self._q.empty():
                    self._t.join(5)
                    if self._q.empty():
                        raise AssertionError(f"process ended; seen: {self.seen[-30:]}") from None
                continue
            self.seen.append(obj)
            if match(obj):
                return obj


def ev(kind: str, unit: str | None = None, **fields: Any) -> Callable[[dict[str, Any]], bool]:
    """Matches a supervisor event of ``kind`` (for ``unit``, with ``fields``)."""

    def match(o: dict[str, Any]) -> bool:
        return (
            o.get("unit_supervisor") == kind
            and (unit is None or o.get("unit") == unit)
            and all(o.get(k) == v for k, v in fields.items())
        )

    return match
