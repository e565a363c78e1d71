"""A guard for the UI tests: nothing that waits on the world runs on the GUI thread.

Installed once (``sys.addaudithook`` cannot be removed) and switched on for each UI test's
body (``conftest.py``). While on, it records every one of these made **on the GUI thread by
the interface's own code** (a frame of ``ui/`` other than the test driver is on the stack):

- a network connection or name look-up (``socket.connect`` except the ``sd_notify`` datagram
  to a Unix socket, which never waits; ``socket.getaddrinfo``): HTTP to the platform,
  requests/urllib3, the network printer;
- a device opened (``open`` of a path under ``/dev/``: the serial/pty readers);
- a process started (``subprocess.Popen``, ``os.system``, ``os.posix_spawn``): the scanner's
  child, the speech helper;
- a speech engine made in the process (``QTextToSpeech``);
- a wait for another thread (``threading.Condition.wait``, under ``Event.wait``,
  ``Future.result`` and ``Queue.get``): a device or HTTP call handed to a worker and waited
  for is still a device or HTTP call on the GUI thread (the printer driver's, for one);
- a store write (a write statement on any SQLite connection, seen through the connection's
  trace callback; the store's connections are opened by the fixtures or the start-up thread).

Allowed, narrowly: the ``sd_notify`` datagram; build-time tools in ``ui/`` that a test calls
(:data:`BUILD_TOOLS`); starting a thread (``Thread.start`` waits for it to run). (The store is opened off the GUI thread by ``kiosk run``'s
``Starter`` and by the test fixtures before the interface exists, so no allowance is needed
for it.)
"""

from __future__ import annotations

import socket
import sqlite3
import sys
import threading
import traceback
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
UI_DIR = str(REPO / "ui") + "/"
DRIVER_FILES = {str(REPO / "ui" / "driving.py"), str(REPO / "ui" / "qtprops.py")}
"""The test driver (taps, waits) and the event pump: on the stack of everything a test drives,
they are not the interface doing I/O. (``qtprops``' Worker and view-model helpers run nothing
blocking themselves; the callbacks they deliver have their own frames.)"""
BUILD_TOOLS = {("ui/translations.py", "release")}
"""Functions of ``ui/`` that the interface never runs (``release`` compiles the translation
files with ``pyside6-lrelease`` at build time): a test calling them is not the GUI thread."""
WRITE_WORDS = ("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER", "VACUUM")

active = False
violations: list[str] = []
_main = threading.main_thread().ident


def _interface_frames() -> list[str]:
    """The ``ui/`` frames (not the driver's) on the current stack, innermost first."""
    out = []
    f = sys._getframe(2)
    while f is not None:
        name = f.f_code.co_filename
        if name.startswith(UI_DIR) and name not in DRIVER_FILES:
            rel = str(Path(name).relative_to(REPO))
            if (rel, f.f_code.co_name) in BUILD_TOOLS:
                return []
            out.append(f"{rel}:{f.f_lineno} {f.f_code.co_name}")
        f = f.f_back
    return out


def _record(what: str) -> None:
    if not active or threading.get_ident() != _main:
        return
    frames = _interface_frames()
    if not frames:
        return  # the test's own code (setting a simulator up, reading the store): not the UI
    stack = "".join(traceback.format_stack(limit=14)[:-2])
    violations.append(f"{what} on the GUI thread from {frames[0]}\n{stack}")


def _starting_a_thread() -> bool:
    """``Thread.start`` waits (briefly) until the new thread runs: starting a worker is fine."""
    f = sys._getframe(2)
    while f is not None and f.f_code.co_filename == threading.__file__:
        if f.f_code.co_name == "start":
            return True
        f = f.f_back
    return False


def _is_write(sql: str) -> bool:
    head = sql.lstrip().split(None, 1)
    return bool(head) and head[0].upper() in WRITE_WORDS


def _trace(sql: str) -> None:
    if active and threading.get_ident() == _main and _is_write(sql):
        _record(f"store write ({sql.split(None, 1)[0].upper()})")


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if not active:
        return
    if event == "sqlite3.connect":
        _record("store connection opened")
    elif event == "socket.connect":
        sock = args[0]
        if sock.family == socket.AF_UNIX and sock.type & socket.SOCK_DGRAM:
            return  # sd_notify: a datagram that never waits (MSG_DONTWAIT)
        _record(f"network connection to {args[1]!r}")
    elif event == "socket.getaddrinfo":
        _record(f"name look-up of {args[0]!r}")
    elif event == "open":
        path = args[0]
        if isinstance(path, bytes):
            path = path.decode(errors="replace")
        if (
            isinstance(path, str)
            and path.startswith("/dev/")
            and path
            not in (
                "/dev/null",
                "/dev/urandom",
                "/dev/random",
            )
        ):
            _record(f"device opened ({path})")
    elif event in ("subprocess.Popen", "os.system", "os.posix_spawn", "os.exec"):
        _record(f"process started ({event}: {str(args[1] if len(args) > 1 else args)[:80]})")


def _guard_speech() -> None:
    """``QTextToSpeech`` made in the process on the GUI thread (it waits on speech-dispatcher
    without a limit)."""
    try:
        import PySide6.QtTextToSpeech as tts_module
    except ImportError:  # pragma: no cover
        return
    original = tts_module.QTextToSpeech

    class GuardedTextToSpeech(original):  # type: ignore[misc, valid-type]
        def __init__(self, *a: Any, **kw: Any) -> None:
            _record("speech engine made")
            super().__init__(*a, **kw)

    GuardedTextToSpeech.__name__ = "QTextToSpeech"
    tts_module.QTextToSpeech = GuardedTextToSpeech  # type: ignore[misc]


_installed = False


def install() -> None:
    global _installed
    if _installed:
        return
    _installed = True
    sys.addaudithook(_hook)
    _guard_speech()
    connect = sqlite3.connect

    def traced_connect(*a: Any, **kw: Any) -> sqlite3.Connection:
        conn = connect(*a, **kw)
        conn.set_trace_callback(_trace)  # every statement, on whichever thread runs it
        return conn

    sqlite3.connect = traced_connect  # type: ignore[assignment]

    wait = threading.Condition.wait

    def guarded_wait(self: threading.Condition, timeout: float | None = None) -> bool:
        if active and threading.get_ident() == _main and not _starting_a_thread():
            _record("a wait for another thread")
        return wait(self, timeout)

    threading.Condition.wait = guarded_wait  # type: ignore[method-assign]


def take() -> list[str]:
    out = list(violations)
    violations.clear()
    return out
