#!/usr/bin/env python3
"""Run the appliance's systemd units the way systemd would, without systemd (PID 1 on CI
machines and in containers is not systemd): their start order, readiness, watchdogs and
restarts, from the unit files themselves.

    python tools/unit_supervisor.py --map /opt/bianmin/bin/kiosk=.venv/bin/kiosk \\
        --map /var/lib/bianmin=/tmp/d --unwrap-cage --env QT_QPA_PLATFORM=offscreen \\
        deploy/systemd/bianmin-kiosk-ui.service deploy/systemd/bianmin-kiosk-sync.service

What it honours, as systemd does:

- ``Requires=`` and ``Wants=`` pull in the other units given on the command line (a required
  unit that is not given, or that fails to start, fails the unit; a wanted one is skipped);
  ``After=``/``Before=`` order the starts: a unit starts only once the units it is ordered
  after are up (``Type=notify``: ``READY=1`` arrived; ``Type=oneshot``: exited 0;
  ``Type=simple``: started);
- ``Type=notify`` with ``NotifyAccess=`` (``main``: the main process only; ``all``: any
  process below it) over a ``NOTIFY_SOCKET`` (datagrams with credentials), ``READY=1`` within
  ``TimeoutStartSec=``;
- ``WatchdogSec=``: ``WATCHDOG_USEC`` and ``WATCHDOG_PID`` (the main process), armed at start;
  no ``WATCHDOG=1`` within the limit: ``SIGABRT``, then ``SIGKILL`` after ``TimeoutAbortSec=``;
- ``Restart=`` (``always``, ``on-failure``, ``on-watchdog``, ``on-abnormal``, ``no``) after
  ``RestartSec=``; ``Environment=``, ``ExecStartPre=`` (``-`` prefix: failure ignored),
  ``ExecStart=``; stop: ``SIGTERM``, then ``SIGKILL`` after ``TimeoutStopSec=``, in the reverse
  order.

What it does not do: switch users (``User=``), sandbox (``ProtectSystem=`` and the rest are
``systemd-analyze verify``'s to check), PAM, TTYs, ``${VAR}`` substitution in command lines.
``--map OLD=NEW`` rewrites paths in commands and environments (this checkout's venv and a test
data directory instead of ``/opt/bianmin`` and ``/var/lib/bianmin``); ``--unwrap-cage`` runs
the command cage would run, without cage (tests/appliance/test_cage.py runs cage itself);
``--set UNIT:Key=Value`` overrides a setting (a short ``WatchdogSec`` for a test).

It prints one JSON line per event on stdout (``{"unit_supervisor": "start", "unit": …,
"pid": …}``; events: ``start``, ``ready``, ``pet`` (the first of each process), ``watchdog``,
``exit``, ``restart``, ``failed``, ``skipped``, ``stop``, ``done``), mixed with the units'
own output. SIGTERM or SIGINT (or ``--duration``) stops everything.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from terminal.sdnotify import listen, received


def event(kind: str, **fields: object) -> None:
    print(json.dumps({"unit_supervisor": kind, **fields}), flush=True)


# --------------------------------------------------------------------------- unit files


@dataclass
class UnitFile:
    name: str
    settings: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    def get(self, section: str, key: str, default: str = "") -> str:
        values = self.settings.get(section, {}).get(key)
        return values[-1] if values else default

    def all(self, section: str, key: str) -> list[str]:
        return list(self.settings.get(section, {}).get(key, []))

    def names(self, section: str, key: str) -> list[str]:
        return [n for v in self.all(section, key) for n in v.split()]


def parse_unit(path: Path) -> UnitFile:
    """The settings of a unit file: repeated keys accumulate, an empty assignment resets."""
    unit = UnitFile(path.name)
    section = ""
    pending = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = pending + raw.strip()
        pending = ""
        if line.endswith("\\"):
            pending = line[:-1] + " "
            continue
        if not line or line[0] in "#;":
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            unit.settings.setdefault(section, {})
            continue
        key, sep, value = line.partition("=")
        if not sep:
            raise ValueError(f"{path}: not a setting: {line!r}")
        values = unit.settings.setdefault(section, {}).setdefault(key.strip(), [])
        value = value.strip()
        if value:
            values.append(value)
        else:
            values.clear()
    return unit


_UNITS = {"": 1.0, "s": 1.0, "sec": 1.0, "ms": 0.001, "min": 60.0, "m": 60.0, "h": 3600.0}


def seconds(text: str, default: float) -> float:
    """A systemd time span (``30``, ``2s``, ``10min``, ``1h``, ``500ms``, ``infinity``)."""
    text = text.strip()
    if not text:
        return default
    if text == "infinity":
        return float("inf")
    total = 0.0
    for number, unit in re.findall(r"([0-9.]+)\s*([a-z]*)", text):
        total += float(number) * _UNITS[unit]
    return total


# --------------------------------------------------------------------------- the supervisor


@dataclass
class Unit:
    file: UnitFile
    argv: list[str]
    pre: list[tuple[bool, list[str]]]
    env: dict[str, str]
    state: str = "waiting"  # waiting, starting, up, exited, auto-restart, failed, stopped
    proc: subprocess.Popen[bytes] | None = None
    starts: int = 0
    started_at: float = 0.0
    last_pet: float = 0.0
    petted: bool = False
    abort_at: float | None = None
    watchdog_fired: bool = False
    restart_at: float = 0.0

    @property
    def name(self) -> str:
        return self.file.name

    def svc(self, key: str, default: str = "") -> str:
        return self.file.get("Service", key, default)


class Supervisor:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.maps = [tuple(m.split("=", 1)) for m in args.map]
        files = [parse_unit(Path(p)) for p in args.units]
        for s in args.set:
            name, _, kv = s.partition(":")
            key, _, value = kv.partition("=")
            for f in files:
                if f.name == name:
                    f.settings.setdefault("Service", {})[key] = [value]
        self.units = {f.name: self._unit(f) for f in files}
        self.dir = Path(tempfile.mkdtemp(prefix="unit-supervisor-"))
        self.address = str(self.dir / "notify")
        self.sock = listen(self.address)
        self.stopping = False

    def _map(self, text: str) -> str:
        for old, new in self.maps:
            text = text.replace(old, new)
        return text

    def _command(self, line: str) -> tuple[bool, list[str]]:
        ignore = line.startswith("-")
        argv = [self._map(a) for a in shlex.split(line.lstrip("-@+!:"))]
        return ignore, argv

    def _unit(self, f: UnitFile) -> Unit:
        env: dict[str, str] = {}
        for line in f.all("Service", "Environment"):
            for kv in shlex.split(line):
                k, _, v = kv.partition("=")
                env[k] = self._map(v)
        for kv in self.args.env:
            k, _, v = kv.partition("=")
            env[k] = v
        _, argv = self._command(f.get("Service", "ExecStart"))
        if self.args.unwrap_cage and argv and Path(argv[0]).name == "cage":
            argv = argv[argv.index("--") + 1 :] if "--" in argv else argv[-1:]
        pre = [self._command(line) for line in f.all("Service", "ExecStartPre")]
        return Unit(f, argv, pre, env)

    # ------------------------------------------------------------------ dependencies

    def after(self, u: Unit) -> list[Unit]:
        """The given units ``u`` is ordered after (its After=, their Before=)."""
        names = set(u.file.names("Unit", "After"))
        names |= {o.name for o in self.units.values() if u.name in o.file.names("Unit", "Before")}
        return [self.units[n] for n in sorted(names) if n in self.units and n != u.name]

    def resolve(self, wanted: list[str]) -> list[Unit]:
        """The units to start: those asked for and what they require or want."""
        todo, seen = list(wanted), set()
        while todo:
            name = todo.pop()
            if name in seen:
                continue
            seen.add(name)
            u = self.units[name]
            for req in u.file.names("Unit", "Requires"):
                if req not in self.units:
                    u.state = "failed"
                    event("failed", unit=name, reason=f"required unit {req} not found")
                else:
                    todo.append(req)
            for want in u.file.names("Unit", "Wants"):
                if want in self.units:
                    todo.append(want)
                else:
                    event("skipped", unit=name, wants=want, reason="not given")
        return [self.units[n] for n in sorted(seen)]

    def _deps_ready(self, u: Unit) -> bool | None:
        """True when every unit ``u`` is ordered after is up; None when one it requires
        failed (``u`` fails too); False to wait."""
        required = set(u.file.names("Unit", "Requires"))
        for d in self.after(u):
            if d.state == "failed" and d.name in required:
                return None
            if d.state in ("waiting", "starting"):
                return False
        for name in required:
            if self.units[name].state == "failed":
                return None
        return True

    # ------------------------------------------------------------------ processes

    def spawn(self, u: Unit) -> None:
        env = dict(os.environ)
        env.update(u.env)
        for k in ("NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"):
            env.pop(k, None)
        for ignore, argv in u.pre:
            rc = subprocess.run(argv, env=env, check=False).returncode
            if rc != 0 and not ignore:
                self._failed_start(u, f"ExecStartPre exited {rc}")
                return
        kind = u.svc("Type", "simple")
        if kind == "notify":
            env["NOTIFY_SOCKET"] = self.address
        argv = u.argv
        watchdog = seconds(u.svc("WatchdogSec"), 0.0)
        if watchdog:
            env["WATCHDOG_USEC"] = str(int(watchdog * 1_000_000))
            # sh's $$ is the PID the command keeps after exec: systemd's WATCHDOG_PID
            argv = ["sh", "-c", 'WATCHDOG_PID=$$; export WATCHDOG_PID; exec "$@"', "sh", *argv]
        u.proc = subprocess.Popen(argv, env=env)
        u.starts += 1
        u.started_at = u.last_pet = time.monotonic()
        u.petted, u.abort_at, u.watchdog_fired = False, None, False
        u.state = "starting" if kind in ("notify", "oneshot") else "up"
        event("start", unit=u.name, pid=u.proc.pid, n=u.starts)

    def _failed_start(self, u: Unit, reason: str) -> None:
        event("failed", unit=u.name, reason=reason)
        self._maybe_restart(u, failed=True, watchdog=False)

    def _maybe_restart(self, u: Unit, *, failed: bool, watchdog: bool) -> None:
        policy = u.svc("Restart", "no")
        again = (
            policy == "always"
            or (policy == "on-failure" and failed)
            or (policy == "on-watchdog" and watchdog)
            or (policy == "on-abnormal" and (watchdog or failed))
        )
        if again and not self.stopping:
            u.state = "auto-restart"
            u.restart_at = time.monotonic() + seconds(u.svc("RestartSec"), 0.1)
        else:
            u.state = "failed" if failed else "exited"

    def _owner(self, pid: int) -> Unit | None:
        """The unit whose notifications ``pid`` may send (NotifyAccess=)."""
        for u in self.units.values():
            if u.proc is None or u.proc.poll() is not None:
                continue
            if pid == u.proc.pid:
                return u
            if u.svc("NotifyAccess", "main") == "all" and _descends(pid, u.proc.pid):
                return u
        return None

    def _messages(self, timeout: float) -> None:
        for pid, text in received(self.sock, timeout):
            u = self._owner(pid)
            if u is not None:
                for line in text.splitlines():
                    self._note(u, pid, line)

    def _note(self, u: Unit, pid: int, line: str) -> None:
        if line == "READY=1" and u.state == "starting":
            u.state = "up"
            event("ready", unit=u.name, pid=pid)
        elif line == "WATCHDOG=1" and u.abort_at is None:
            u.last_pet = time.monotonic()
            if not u.petted:
                u.petted = True
                event("pet", unit=u.name, pid=pid)
        elif line == "STOPPING=1":
            event("stopping", unit=u.name, pid=pid)

    def _tick(self, u: Unit) -> None:
        now = time.monotonic()
        if u.state == "waiting":
            ready = self._deps_ready(u)
            if ready is None:
                u.state = "failed"
                event("failed", unit=u.name, reason="a required unit failed")
            elif ready:
                self.spawn(u)
            return
        if u.state == "auto-restart":
            if now >= u.restart_at:
                event("restart", unit=u.name)
                self.spawn(u)
            return
        if u.proc is None or u.state not in ("starting", "up"):
            return
        rc = u.proc.poll()
        if rc is not None:
            sig = -rc if rc < 0 else None
            event(
                "exit",
                unit=u.name,
                pid=u.proc.pid,
                code=None if sig else rc,
                signal=sig,
                watchdog=u.watchdog_fired,
            )
            if u.svc("Type") == "oneshot" and rc == 0 and u.state == "starting":
                u.state = "exited"
                return
            failed = rc != 0 or u.watchdog_fired or u.state == "starting"
            self._maybe_restart(u, failed=failed, watchdog=u.watchdog_fired)
            return
        if u.abort_at is not None:
            if now >= u.abort_at:
                u.proc.kill()
                u.abort_at = float("inf")
            return
        limit = seconds(u.svc("WatchdogSec"), 0.0)
        if limit and now - u.last_pet > limit:
            u.watchdog_fired = True
            event("watchdog", unit=u.name, pid=u.proc.pid, watchdog_sec=limit)
            u.proc.send_signal(signal.SIGABRT)
            u.abort_at = now + seconds(u.svc("TimeoutAbortSec"), 10.0)
            return
        if u.state == "starting" and now - u.started_at > seconds(u.svc("TimeoutStartSec"), 90):
            event("timeout", unit=u.name, pid=u.proc.pid)
            u.proc.kill()

    def stop(self, order: list[Unit]) -> None:
        self.stopping = True
        for u in reversed(order):
            if u.proc is None or u.proc.poll() is not None:
                continue
            event("stop", unit=u.name, pid=u.proc.pid)
            u.proc.terminate()
            try:
                u.proc.wait(seconds(u.svc("TimeoutStopSec"), 90))
            except subprocess.TimeoutExpired:
                u.proc.kill()
                u.proc.wait()
            u.state = "stopped"

    def order(self, units: list[Unit]) -> list[Unit]:
        """``units`` in an order their After=/Before= allow (ties by name)."""
        out: list[Unit] = []
        left = sorted(units, key=lambda u: u.name)
        while left:
            for u in left:
                if all(d in out or d not in left for d in self.after(u)):
                    out.append(u)
                    left.remove(u)
                    break
            else:
                raise SystemExit(f"ordering cycle among {[u.name for u in left]}")
        return out

    def run(self) -> int:
        stop = {"now": False}

        def on_signal(signum: int, frame: object) -> None:
            stop["now"] = True

        signal.signal(signal.SIGTERM, on_signal)
        signal.signal(signal.SIGINT, on_signal)
        wanted = self.args.start or list(self.units)
        order = self.order(self.resolve(wanted))
        event("order", units=[u.name for u in order])
        end = time.monotonic() + self.args.duration if self.args.duration else float("inf")
        try:
            while not stop["now"] and time.monotonic() < end:
                for u in order:
                    self._tick(u)
                self._messages(0.05)
        finally:
            self.stop(order)
            self.sock.close()
            os.unlink(self.address)
            os.rmdir(self.dir)
        event("done", states={u.name: u.state for u in order})
        return 0


def _descends(pid: int, ancestor: int) -> bool:
    while pid > 1:
        if pid == ancestor:
            return True
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            return False
        pid = int(stat.rsplit(")", 1)[1].split()[1])
    return False


def parse(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("units", nargs="+", help="unit files")
    p.add_argument(
        "--start",
        action="append",
        default=[],
        metavar="UNIT",
        help="start this unit and what it pulls in (default: every unit given)",
    )
    p.add_argument("--map", action="append", default=[], metavar="OLD=NEW")
    p.add_argument("--set", action="append", default=[], metavar="UNIT:KEY=VALUE")
    p.add_argument(
        "--env",
        action="append",
        default=[],
        metavar="K=V",
        help="set in every unit's environment, after its own Environment=",
    )
    p.add_argument("--unwrap-cage", action="store_true")
    p.add_argument("--duration", type=float, default=0.0, help="stop after S seconds")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    return Supervisor(parse(sys.argv[1:] if argv is None else argv)).run()


if __name__ == "__main__":
    sys.exit(main())
