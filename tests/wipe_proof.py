"""The wipe proof's tools, shared by the core's and the interface's tests: a walk of this
process's live objects for a resident's data, and the platform simulator as a process of its own
(so that only the kiosk's memory is searched, not the platform's)."""

from __future__ import annotations

import gc
import logging
import os
import signal
import subprocess
import sys
import types
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests

KIOSK_BIN = str(Path(sys.executable).with_name("kiosk"))


_OPAQUE = (type, types.ModuleType, types.FunctionType, types.BuiltinFunctionType, types.CodeType)


def held_by(roots: list[object]) -> set[int]:
    """The ids of the objects ``roots`` hold through their containers and attributes (not
    through classes, modules or functions, which lead to everything): a simulator standing
    for the world outside the kiosk — the card in the reader's slot — and what it holds."""
    seen: set[int] = set()
    todo = list(roots)
    while todo:
        obj = todo.pop()
        if id(obj) in seen or isinstance(obj, (*_OPAQUE, types.FrameType)):
            continue
        seen.add(id(obj))
        todo.extend(gc.get_referents(obj))
    return seen


def found_in_memory(needles: list[bytes], outside: set[int] = frozenset()) -> list[str]:  # type: ignore[assignment]
    """Where a live container of this process still holds one of ``needles`` (as text or
    bytes, whole or inside a longer value). Frames are skipped (the test's own locals), and so
    are the objects whose ids are in ``outside`` (:func:`held_by` a simulator)."""
    gc.collect()
    texts = [n.decode("utf-8") for n in needles]
    hits = []
    for obj in gc.get_objects():
        if obj is needles or obj is texts or isinstance(obj, types.FrameType):
            continue
        if id(obj) in outside:
            continue
        for ref in gc.get_referents(obj):
            if isinstance(ref, str):
                if any(t in ref for t in texts):
                    hits.append(type(obj).__name__)
            elif isinstance(ref, bytes | bytearray) and any(n in ref for n in needles):
                hits.append(type(obj).__name__)
    return hits


@contextmanager
def raw_log(log_file: Path, level: int | str) -> Iterator[logging.FileHandler]:
    """Every record this process logs at ``level`` and above, written to ``log_file`` as it
    is (no scrubbing filter), while the block runs."""
    log_file.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(log_file, encoding="utf-8")
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(level)
    try:
        yield handler
    finally:
        root.removeHandler(handler)
        handler.close()
        root.setLevel(old_level)


def files_holding(folder: Path, needles: list[bytes]) -> list[Path]:
    """The files under ``folder`` that hold one of ``needles``."""
    return [
        f for f in folder.rglob("*") if f.is_file() and any(n in f.read_bytes() for n in needles)
    ]


def _cli_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("BIANMIN_CONFIG", "BIANMIN_DATA")}
    return env | {"PYTHONUNBUFFERED": "1"}


class SimProcess:
    """``kiosk platform-sim`` as its own process (its memory is not this process's)."""

    def __init__(self, tmp_path: Path, port: int = 0, *extra: str) -> None:
        self.proc = subprocess.Popen(
            [
                KIOSK_BIN,
                "platform-sim",
                "--port",
                str(port),
                "--data",
                str(tmp_path / "platform"),
                "--secrets-dir",
                str(tmp_path / "secrets"),
                "--no-local-kiosk",
                *extra,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=_cli_env(),
        )
        line = self.proc.stdout.readline()
        assert line.startswith("listening on 127.0.0.1:"), line + self.proc.stderr.read()
        self.port = int(line.rsplit(":", 1)[1])
        self.url = f"http://127.0.0.1:{self.port}"

    def post(self, path: str, value: dict) -> dict:
        r = requests.post(self.url + path, json=value, timeout=10)
        r.raise_for_status()
        return r.json()

    def get(self, path: str) -> dict:
        return requests.get(self.url + path, timeout=10).json()

    def stop(self) -> int:
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(10)
        finally:
            self.proc.stdout.close()
            self.proc.stderr.close()
