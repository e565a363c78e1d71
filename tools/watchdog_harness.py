#!/usr/bin/env python3
"""Run a command the way systemd runs a ``Type=notify`` unit with ``WatchdogSec=`` — without
systemd (PID 1 on CI machines and in containers is not systemd).

    python tools/watchdog_harness.py --watchdog-sec 10 -- kiosk run --offscreen

What it does, as systemd does:

- listens on a ``NOTIFY_SOCKET`` (a datagram Unix socket, credentials passed) and starts the
  command with ``NOTIFY_SOCKET``, ``WATCHDOG_USEC`` and ``WATCHDOG_PID`` (the command's own
  PID: it is started through ``sh -c 'exec …'`` so that ``$$`` is that PID);
- accepts messages from the main process only (``NotifyAccess=main``): ``READY=1``,
  ``WATCHDOG=1``, ``STOPPING=1``;
- the watchdog runs from the start: when no ``WATCHDOG=1`` arrived within ``WatchdogSec``, the
  process gets ``SIGABRT`` (``WatchdogSignal=``), then ``SIGKILL`` after ``--abort-timeout``
  (``TimeoutAbortSec=``);
- restarts it after ``--restart-sec`` according to ``--restart`` (``Restart=``: ``always``,
  ``on-failure`` — a watchdog kill is a failure — or ``no``), at most ``--max-starts`` times.

It prints one JSON line per event on stdout (``{"watchdog_harness": "start", "pid": …}``;
events: ``start``, ``ready``, ``pet`` (the first one of each process only), ``timeout``,
``exit`` with ``code`` or ``signal``, ``done``), mixed with the command's own output, which it
passes through. ``--first-env K=V`` sets a variable for the first start only (a developer
hook such as ``BIANMIN_DEV_FREEZE_UI_AFTER_S=2`` that freezes the GUI thread on purpose).
Exit code: the last process's (0 when it ended cleanly).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from terminal.sdnotify import listen, received


def event(kind: str, **fields: object) -> None:
    print(json.dumps({"watchdog_harness": kind, **fields}), flush=True)


def parse(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--watchdog-sec", type=float, default=30.0, help="WatchdogSec= (seconds)")
    p.add_argument("--abort-timeout", type=float, default=10.0, help="TimeoutAbortSec=")
    p.add_argument("--restart", choices=("always", "on-failure", "no"), default="on-failure")
    p.add_argument("--restart-sec", type=float, default=1.0, help="RestartSec=")
    p.add_argument("--max-starts", type=int, default=2, help="stop after this many starts")
    p.add_argument("--first-env", action="append", default=[], metavar="K=V")
    p.add_argument("command", nargs=argparse.REMAINDER)
    args = p.parse_args(argv)
    if args.command and args.command[0] == "--":
        args.command = args.command[1:]
    if not args.command:
        p.error("no command given (after --)")
    return args


class Supervisor:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.dir = Path(tempfile.mkdtemp(prefix="wd-harness-"))
        self.address = str(self.dir / "notify")
        self.sock = listen(self.address)

    def spawn(self, first: bool) -> subprocess.Popen[bytes]:
        env = dict(os.environ)
        env.update(
            NOTIFY_SOCKET=self.address,
            WATCHDOG_USEC=str(int(self.args.watchdog_sec * 1_000_000)),
        )
        env.pop("WATCHDOG_PID", None)
        if first:
            for kv in self.args.first_env:
                k, _, v = kv.partition("=")
                env[k] = v
        # sh's $$ is the PID the command keeps after exec: systemd's WATCHDOG_PID
        shim = 'WATCHDOG_PID=$$; export WATCHDOG_PID; exec "$@"'
        return subprocess.Popen(["sh", "-c", shim, "sh", *self.args.command], env=env)

    def messages(self, timeout: float) -> list[tuple[int, str]]:
        """Datagrams that arrive within ``timeout``, with the sender's PID."""
        return received(self.sock, timeout)

    def supervise(self, proc: subprocess.Popen[bytes]) -> tuple[int | None, int | None, bool]:
        """Until the process ends: (exit code, signal, killed by the watchdog)."""
        limit = self.args.watchdog_sec
        last_pet = time.monotonic()  # armed at start, as systemd does
        petted = False
        abort_at: float | None = None
        timed_out = False
        while True:
            rc = proc.poll()
            if rc is not None:
                return (rc, None, timed_out) if rc >= 0 else (None, -rc, timed_out)
            now = time.monotonic()
            if abort_at is not None:
                if now >= abort_at:
                    proc.kill()
                    abort_at = float("inf")
                wait = 0.05
            else:
                wait = min(0.2, max(0.0, last_pet + limit - now))
            for pid, text in self.messages(wait):
                if pid != proc.pid:  # NotifyAccess=main
                    continue
                for line in text.splitlines():
                    if line == "READY=1":
                        event("ready", pid=pid)
                    elif line == "WATCHDOG=1" and abort_at is None:
                        last_pet = time.monotonic()
                        if not petted:
                            petted = True
                            event("pet", pid=pid)
                    elif line == "STOPPING=1":
                        event("stopping", pid=pid)
            if abort_at is None and time.monotonic() - last_pet > limit:
                timed_out = True
                event("timeout", pid=proc.pid, watchdog_sec=limit)
                proc.send_signal(signal.SIGABRT)
                abort_at = time.monotonic() + self.args.abort_timeout

    def run(self) -> int:
        code = 0
        try:
            for n in range(self.args.max_starts):
                proc = self.spawn(first=n == 0)
                event("start", pid=proc.pid, n=n + 1)
                rc, sig, timed_out = self.supervise(proc)
                event("exit", pid=proc.pid, code=rc, signal=sig, watchdog=timed_out)
                failed = timed_out or sig is not None or rc != 0
                code = rc if rc is not None else 128 + (sig or 0)
                if self.args.restart == "no" or (self.args.restart == "on-failure" and not failed):
                    break
                time.sleep(self.args.restart_sec)
        finally:
            self.sock.close()
            os.unlink(self.address)
            os.rmdir(self.dir)
        event("done", code=code)
        return code


def main(argv: list[str] | None = None) -> int:
    return Supervisor(parse(sys.argv[1:] if argv is None else argv)).run()


if __name__ == "__main__":
    sys.exit(main())
