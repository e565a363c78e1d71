"""The channel from ``kiosk sync`` to ``kiosk run`` for the fleet's commands that need the
interface (docs/fleet.md "Commands"): ``selftest`` (the devices belong to ``kiosk run``) and
``screenshot`` (so does the screen).

On the appliance the sync agent runs apart (``kiosk run --no-sync-agent`` beside ``kiosk
sync``, both as the ``kiosk`` user, each unit with its own private /tmp), so the two meet on a
Unix socket in the data directory, ``<data_dir>/interface.sock`` (mode 0600). The request is
one JSON line ``{"command", "args"}``; the answer one JSON line ``{"ok", "detail"}`` or
``{"refused": reason}``. Only a peer of the same user (or root) is answered (SO_PEERCRED).
Every wait has a deadline: the sync agent's own (it gives up, the command fails with
``timeout:``) and the interface's for reading a request.

A socket path may be at most 107 bytes; a long data directory is reached through
``/proc/self/fd/N/`` (a descriptor of the directory), so the length of the path never matters.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import socket
import struct
import threading
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from sync.commands import CommandRefused

log = logging.getLogger("kiosk.fleet.channel")

SOCKET_NAME = "interface.sock"
REQUEST_LIMIT = 64 * 1024
READ_DEADLINE_S = 5.0
"""How long the interface waits for a request's line once a peer has connected."""
NOT_RUNNING = "the interface (kiosk run) is not running"

Handler = Callable[[dict[str, Any]], tuple[bool, str]]


@contextlib.contextmanager
def _short_path(data_dir: Path) -> Iterator[str]:
    """The socket's path, short enough for ``sockaddr_un`` whatever the data directory."""
    full = str(Path(data_dir) / SOCKET_NAME)
    if len(full.encode()) < 100:
        yield full
        return
    fd = os.open(data_dir, os.O_PATH | os.O_DIRECTORY)
    try:
        yield f"/proc/self/fd/{fd}/{SOCKET_NAME}"
    finally:
        os.close(fd)


def _peer_uid(conn: socket.socket) -> int:
    creds = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    return int(struct.unpack("3i", creds)[1])


def _read_line(conn: socket.socket) -> bytes:
    buf = b""
    while b"\n" not in buf:
        chunk = conn.recv(4096)
        if not chunk:
            break
        buf += chunk
        if len(buf) > REQUEST_LIMIT:
            raise ValueError("message too long")
    return buf.split(b"\n", 1)[0]


class InterfaceChannel:
    """The listening end, in ``kiosk run``: each request is answered by ``handlers[command]``
    on a thread of its own (a self-test may take a while; the GUI thread is never used here —
    a screenshot handler marshals its grab to it with its own deadline)."""

    def __init__(self, data_dir: Path, handlers: Mapping[str, Handler]) -> None:
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / SOCKET_NAME
        self.handlers = dict(handlers)
        self._sock: socket.socket | None = None
        self._closing = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        with _short_path(self.data_dir) as path:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)  # a socket left by a killed run
            old = os.umask(0o177)
            try:
                sock.bind(path)
            finally:
                os.umask(old)
        sock.listen(4)
        sock.settimeout(0.5)
        self._sock = sock
        self._thread = threading.Thread(target=self._serve, name="interface-channel", daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        assert self._sock is not None
        while not self._closing.is_set():
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return  # closed
            threading.Thread(
                target=self._answer, args=(conn,), name="interface-request", daemon=True
            ).start()

    def _answer(self, conn: socket.socket) -> None:
        with conn:
            try:
                if _peer_uid(conn) not in (os.getuid(), 0):
                    return  # another user: no answer at all
                conn.settimeout(READ_DEADLINE_S)
                request = json.loads(_read_line(conn))
                command = str(request.get("command"))
                args = request.get("args") or {}
                handler = self.handlers.get(command)
                if handler is None:
                    answer: dict[str, Any] = {"refused": f"unknown here: {command[:40]}"}
                else:
                    try:
                        ok, detail = handler(dict(args))
                        answer = {"ok": bool(ok), "detail": str(detail)}
                    except CommandRefused as exc:
                        answer = {"refused": str(exc)}
                    except Exception as exc:  # noqa: BLE001 - the command fails, kiosk run goes on
                        log.exception("interface channel: %s failed", command)
                        answer = {"ok": False, "detail": f"failed: {type(exc).__name__}"}
                conn.settimeout(READ_DEADLINE_S)
                conn.sendall(json.dumps(answer, ensure_ascii=False).encode() + b"\n")
            except (OSError, ValueError) as exc:
                log.warning("interface channel: a request not answered (%s)", type(exc).__name__)

    def close(self) -> None:
        self._closing.set()
        if self._sock is not None:
            self._sock.close()
            with contextlib.suppress(OSError), _short_path(self.data_dir) as path:
                os.unlink(path)
        if self._thread is not None:
            self._thread.join(timeout=2)


def ask_interface(
    data_dir: Path, command: str, args: dict[str, Any], deadline_s: float
) -> tuple[bool, str]:
    """From ``kiosk sync``: have ``kiosk run`` carry out ``command``; its ``(ok, detail)``.
    :class:`CommandRefused` when the interface refuses it or does not run."""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(deadline_s)
    with sock:
        try:
            with _short_path(Path(data_dir)) as path:
                sock.connect(path)
        except (FileNotFoundError, ConnectionRefusedError) as exc:
            raise CommandRefused(NOT_RUNNING) from exc
        try:
            sock.sendall(json.dumps({"command": command, "args": args}).encode() + b"\n")
            line = _read_line(sock)
        except TimeoutError:
            return False, f"timeout: the interface did not answer within {deadline_s:g} s"
        except OSError as exc:
            return False, f"failed: the interface's channel broke ({type(exc).__name__})"
    if not line:
        return False, "failed: the interface closed the channel without an answer"
    answer = json.loads(line)
    if "refused" in answer:
        raise CommandRefused(str(answer["refused"]))
    return bool(answer.get("ok")), str(answer.get("detail", ""))


def forwarded(data_dir: Path, command: str, deadline_s: float) -> Handler:
    """A ``kiosk sync`` handler that hands ``command`` to ``kiosk run``."""

    def handler(args: dict[str, Any]) -> tuple[bool, str]:
        return ask_interface(data_dir, command, args, deadline_s)

    return handler
