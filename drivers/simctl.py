"""The one mechanism that changes a running simulator's state.

Each simulator keeps its state (which card is present, paper out, faults…) in a small JSON
control file. The simulator reads it before every operation; tests, the technician CLI
(``kiosk sim control``) and the UI's developer panel write it. Writes are atomic (temp file,
fsync, ``os.replace``) under an ``flock``, so a reader never sees half a file and two writers
never lose each other's change.

Faults are strings in the ``faults`` list. ``NAME`` applies to every operation until cleared;
``NAME:once`` applies to the next operation only and is consumed by :meth:`SimControl.take_faults`.
"""

from __future__ import annotations

import contextlib
import copy
import fcntl
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def control_path_for(path: str | os.PathLike[str]) -> Path:
    """The conventional control file of a simulator at ``path`` (a pty link or an out dir)."""
    p = Path(path)
    if p.is_dir():
        return p / "control.json"
    return p.with_name(p.name + ".control.json")


class SimControl:
    def __init__(self, path: str | os.PathLike[str], initial: dict[str, Any] | None = None) -> None:
        self.path = Path(path)
        self._lock_path = self.path.with_name(self.path.name + ".lock")
        self._cache: tuple[tuple[int, ...], dict[str, Any]] | None = None
        if initial is not None:
            self.replace(initial)

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self._lock_path, "a+") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _read_unlocked(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (ValueError, OSError):
            return {}
        return data if isinstance(data, dict) else {}

    def _write_unlocked(self, data: dict[str, Any]) -> None:
        fd, tmp = tempfile.mkstemp(prefix=self.path.name + ".", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(data, f, ensure_ascii=False, indent=1)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise

    def read(self) -> dict[str, Any]:
        # Simulators poll this several times a second: while the file is the one last read
        # (every write replaces it: a new inode), answer from memory — a stat, no lock, no
        # parse (an idle kiosk's simulated readers cost next to no CPU).
        try:
            st = os.stat(self.path)
            sig: tuple[int, ...] | None = (st.st_ino, st.st_mtime_ns, st.st_size)
        except OSError:
            sig = None
        cached = self._cache
        if sig is not None and cached is not None and cached[0] == sig:
            return copy.deepcopy(cached[1])
        with self._locked():
            data = self._read_unlocked()
        if sig is not None:
            self._cache = (sig, copy.deepcopy(data))
        return data

    def replace(self, data: dict[str, Any]) -> None:
        with self._locked():
            self._write_unlocked(dict(data))

    def update(self, **changes: Any) -> dict[str, Any]:
        """Merge ``changes`` into the state (``None`` removes a key) and return the new state."""
        with self._locked():
            data = self._read_unlocked()
            for k, v in changes.items():
                if v is None:
                    data.pop(k, None)
                else:
                    data[k] = v
            self._write_unlocked(data)
            return data

    def add_fault(self, fault: str) -> None:
        with self._locked():
            data = self._read_unlocked()
            faults = list(data.get("faults", []))
            faults.append(fault)
            data["faults"] = faults
            self._write_unlocked(data)

    def clear_faults(self) -> None:
        self.update(faults=[])

    def take_faults(self) -> set[str]:
        """The faults that apply to the operation starting now; ``:once`` faults are consumed."""
        with self._locked():
            data = self._read_unlocked()
            faults = [str(f) for f in data.get("faults", [])]
            active = {f.removesuffix(":once") for f in faults}
            remaining = [f for f in faults if not f.endswith(":once")]
            if remaining != faults:
                data["faults"] = remaining
                self._write_unlocked(data)
            return active
