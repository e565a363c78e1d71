"""``kiosk update check|apply|rollback|status|confirm``: software updates through TUF
(docs/fleet.md "Software updates"; the work is in :mod:`sync.update`).

Exit codes: 0 done (or nothing to do), 3 not now (outside the maintenance window, a resident
in session, a release waiting to confirm its boot, nothing to roll back to), 4 the apply
failed (e.g. a full disk; the running release untouched) or the self-test failed, 6 the
repository refused (the reason is in ``kiosk update status``), 5 configuration.
"""

from __future__ import annotations

import argparse
import json
import shlex
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from kiosk.exitcodes import Exit
from terminal.cli.registry import CliRegistry

RESTART_TIMEOUT_S = 120.0
CONFIRM_POLL_S = 1.0
"""How often ``kiosk update confirm`` looks for the interface's boot mark."""


def _err(msg: str) -> None:
    print(f"kiosk update: {msg}", file=sys.stderr)


class _Updates:
    """What every subcommand needs: paths, the state, the layout."""

    def __init__(self, ctx: Any) -> None:
        from sync.update.release import Layout
        from sync.update.state import UpdateState

        cfg = ctx.config
        self.cfg = cfg
        self.ctx = ctx
        self.data_dir = Path(ctx.data_dir)
        uc = cfg.update
        self.update_dir = self.data_dir / "update"
        self.layout = Layout(
            Path(uc.releases_dir) if uc.releases_dir else self.data_dir / "releases"
        )
        self.root_file = (
            Path(uc.root_file) if uc.root_file else self.data_dir / "keys" / "fleet-root.json"
        )
        self.url = uc.repository_url or cfg.platform.url.rstrip("/") + "/fleet"
        self.state = UpdateState(self.update_dir)

    def running(self) -> str:
        from sync.update.boot import app_version

        return self.layout.version_of(self.layout.current) or app_version()

    def ring(self) -> str:
        """The ring the platform set (``set_ring`` or the heartbeat answer, mirrored by the
        sync agent to ``<data_dir>/fleet-ring.json``); default all. The store is never
        opened: the update unit may run as another user than the kiosk."""
        from sync.commands import RINGS
        from sync.update.state import read_ring

        ring = read_ring(self.data_dir)
        return ring if ring in RINGS else "all"

    def repository(self) -> Any:
        from sync.update.repository import Repository

        uc = self.cfg.update
        return Repository(
            self.update_dir,
            self.url,
            self.root_file,
            timeout_s=uc.fetch_timeout_s,
            deadline_s=uc.download_deadline_s,
            ca_file=self.cfg.platform.ca_file,
        )

    def reload(self) -> None:
        """Read the state again (under the lock: another ``kiosk update`` may have changed it)."""
        from sync.update.state import UpdateState

        self.state = UpdateState(self.update_dir)

    def watchdog(self) -> str | None:
        from sync.update.release import check_boot

        self.reload()
        done = check_boot(
            self.layout, self.state, time.time(), self.cfg.update.boot_confirm_s, self.data_dir
        )
        if done and done.startswith("rolled back"):
            self.restart()
        return done

    def restart(self) -> None:
        command = self.cfg.update.restart_command
        if not command:
            return
        try:
            subprocess.run(shlex.split(command), timeout=RESTART_TIMEOUT_S, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            _err(f"restart command failed: {exc}")

    def check(self) -> Any:
        """Refresh through TUF and record the outcome; the CheckResult, or None if refused."""
        from sync.update.repository import Refused
        from sync.update.state import iso

        now = time.time()
        running, ring = self.running(), self.ring()
        try:
            result = self.repository().check(
                running, ring, list(self.state.get("bad_versions") or [])
            )
        except Refused as exc:
            self.state.refuse(exc.reason, now=now)
            self.state.save(checked_at=iso(now), ring=ring, running=running)
            _err(f"refused: {exc.reason}")
            return None
        available = (
            {"version": result.newest.version, "target": result.newest.path}
            if result.newest
            else None
        )
        changes: dict[str, Any] = {
            "checked_at": iso(now),
            "ring": ring,
            "running": running,
            "available": available,
            "held": result.held,
        }
        if self.state.state in ("none", "current", "available", "refused", "failed", "rolled_back"):
            if self.state.state != "rolled_back" or available:
                changes["state"] = "available" if available else "current"
        self.state.save(**changes)
        return result


def _content() -> Any:
    import sync.update.content

    return sync.update.content


def _check(args: argparse.Namespace, ctx: Any) -> int:
    from sync.update.release import ApplyFailed, lock

    u = _Updates(ctx)
    try:
        with lock(u.update_dir, wait=False):
            u.watchdog()
            result = u.check()
            _content().check_content(u)  # catalog and configuration targets
    except ApplyFailed as exc:  # busy: an apply is running
        _err(str(exc))
        return int(Exit.NOTHING)
    if result is None:
        return int(Exit.PLATFORM)
    if args.json:
        print(json.dumps(u.state.summary(), ensure_ascii=False))
    elif result.newest:
        print(
            f"update available: {result.newest.version} (running {result.running}, ring {result.ring})"
        )
    else:
        print(f"up to date: {result.running} (ring {result.ring})")
    for h in result.held:
        print(f"  not taken: {h['version']}: {h['reason']}")
    return int(Exit.OK)


def _apply(args: argparse.Namespace, ctx: Any) -> int:
    from sync.update.gate import clear_request, gate, requested_now
    from sync.update.release import ApplyFailed, apply, lock, step

    u = _Updates(ctx)
    try:
        with lock(u.update_dir, wait=False):
            done = u.watchdog()
            if done and done.startswith("switched to"):
                print(f"{done}; it must confirm its boot within {u.cfg.update.boot_confirm_s:g} s")
                u.restart()
                return int(Exit.OK)
            if u.state.state in ("switching", "pending_boot"):
                pending = (u.state.get("pending") or {}).get("version")
                _err(f"not now: {pending} has not confirmed its boot yet")
                return int(Exit.NOTHING)
            if not _content().apply_content(u, technician=args.now):  # catalog, config targets
                return int(Exit.PLATFORM)
            now = time.time()
            why = gate(u.cfg.update.window, u.cfg.terminal.time_zone, u.data_dir, now)
            asked = args.now or requested_now(u.data_dir) is not None  # the fleet's update_now
            if why and not (asked and why != "resident in session"):
                u.state.save(last_event=f"apply waits: {why}")
                _err(f"not now: {why}")
                return int(Exit.NOTHING)
            result = u.check()
            if result is None:
                return int(Exit.PLATFORM)
            if result.newest is None:
                clear_request(u.data_dir)
                print(f"up to date: {result.running} (ring {result.ring})")
                return int(Exit.OK)
            cand = result.newest
            from sync.update.repository import Refused

            repo = u.repository()
            try:
                repo.refresh()
                bundle = repo.download(cand)
            except Refused as exc:
                u.state.refuse(exc.reason)
                _err(f"refused: {exc.reason}")
                return int(Exit.PLATFORM)
            step("downloaded")
            try:
                apply(
                    u.layout,
                    u.state,
                    bundle,
                    cand.version,
                    {"target": cand.path, "sha256": cand.sha256, "length": cand.length},
                )
            except ApplyFailed as exc:
                _err(f"apply failed: {exc}; still running {result.running}")
                return int(Exit.DEVICE)
            clear_request(u.data_dir)
            print(
                f"switched to {cand.version} (previous {result.running}); it must confirm its "
                f"boot within {u.cfg.update.boot_confirm_s:g} s"
            )
            u.restart()
    except ApplyFailed as exc:  # busy
        _err(str(exc))
        return int(Exit.NOTHING)
    return int(Exit.OK)


def _rollback(args: argparse.Namespace, ctx: Any) -> int:
    from sync.update.release import ApplyFailed, lock, rollback

    u = _Updates(ctx)
    with lock(u.update_dir):
        u.reload()
        try:
            back = rollback(u.layout, u.state, "requested by a technician", time.time())
        except ApplyFailed as exc:
            _err(f"cannot roll back: {exc}")
            return int(Exit.NOTHING)
    print(f"rolled back to {back}")
    u.restart()
    return int(Exit.OK)


def _status(args: argparse.Namespace, ctx: Any) -> int:
    from sync.update.release import ApplyFailed, lock

    u = _Updates(ctx)
    done = None
    try:
        with lock(u.update_dir, wait=False):
            done = u.watchdog()
    except ApplyFailed:  # an apply is running: report what the state says, do not wait
        done = "busy: an apply is running"
    s = u.state
    s.data["content"] = _content().content_status(u)  # catalog and configuration targets
    if args.json:
        print(json.dumps(s.data, ensure_ascii=False, sort_keys=True))
        return int(Exit.OK)
    if done:
        print(f"watchdog: {done}")
    print(f"state: {s.state}")
    print(f"running: {u.running()}  ring: {s.get('ring') or u.ring()}")
    print(f"installed: {', '.join(u.layout.installed()) or '(none: running from the checkout)'}")
    if s.get("checked_at"):
        print(f"last check: {s.get('checked_at')}")
    if s.get("available"):
        print(f"available: {s.get('available', {}).get('version')}")
    if s.get("pending"):
        p = s.get("pending")
        print(f"waiting for {p.get('version')} to confirm its boot (previous {p.get('previous')})")
    for h in s.get("held") or []:
        print(f"not taken: {h.get('version')}: {h.get('reason')}")
    if s.get("bad_versions"):
        print(f"never again: {', '.join(s.get('bad_versions'))}")
    refusal = s.get("refusal")
    if refusal:
        print(f"last refusal: {refusal.get('at')} {refusal.get('reason')}")
    if s.get("last_event"):
        print(f"last event: {s.get('last_event')}")
    for line in _content().content_lines(s.data["content"]):
        print(line)
    return int(Exit.OK)


def _confirm(args: argparse.Namespace, ctx: Any) -> int:
    """The new release, started: ``boot-ok`` once its unattended self-test passed (or a
    rollback). Its ``kiosk run`` runs that self-test itself after ``READY=1`` and writes the
    boot mark (:mod:`sync.update.boot`): while a ``kiosk run`` holds the data directory, this
    waits for the mark (until the deadline, counted from its ``READY=1``). Without one (a
    release run without the touch interface) it runs ``kiosk selftest --unattended`` itself."""
    from sync.update.boot import AWAITING, ui_running
    from sync.update.release import BOOT_OK

    u = _Updates(ctx)
    version = u.layout.version_of(u.layout.current)
    if version is None:
        _err("not running from an installed release: nothing to confirm")
        return int(Exit.NOTHING)
    awaiting = u.state.state in AWAITING
    if not awaiting and (u.layout.release(version) / BOOT_OK).exists():
        # every start of the interface pulls this in: the self-test runs only for a release
        # that has not confirmed its boot yet, not beside a kiosk that already serves
        print(f"{version}: boot already confirmed")
        return int(Exit.OK)
    if awaiting and ui_running(u.data_dir):
        return _confirm_from_mark(u, version)
    return _confirm_by_selftest(u, ctx, version)


def _confirm_from_mark(u: _Updates, version: str) -> int:
    """Wait for the interface's boot mark; the watchdog's check decides (boot-ok or back)."""
    from sync.update.boot import AWAITING
    from sync.update.release import boot_deadline, lock

    while True:
        with lock(u.update_dir):
            done = u.watchdog()  # restarts the services after a rollback
            deadline = boot_deadline(u.state, u.cfg.update.boot_confirm_s, u.data_dir)
        if done and done.endswith("confirmed"):
            print(f"{version}: boot confirmed (its unattended self-test passed in kiosk run)")
            return int(Exit.OK)
        if done and done.startswith("rolled back"):
            reason = (u.state.get("refusal") or {}).get("reason", "")
            _err(f"{version} did not confirm its boot; {done} ({reason})")
            return int(Exit.DEVICE)
        if u.state.state not in AWAITING:
            print(f"{version}: {u.state.get('last_event') or u.state.state}")
            return int(Exit.OK if u.state.state == "current" else Exit.DEVICE)
        if deadline is not None and time.time() > deadline + CONFIRM_POLL_S * 5:
            _err(f"{version} did not confirm its boot and cannot be rolled back")
            return int(Exit.DEVICE)
        time.sleep(CONFIRM_POLL_S)


def _confirm_by_selftest(u: _Updates, ctx: Any, version: str) -> int:
    from sync.update.release import BOOT_OK, lock, rollback

    argv = [sys.executable, "-m", "terminal"]
    if ctx._config_path:
        argv += ["--config", ctx._config_path]
    argv += ["--data-dir", str(u.data_dir), "selftest", "--unattended"]
    try:
        proc = subprocess.run(argv, capture_output=True, text=True, timeout=300, check=False)
        passed = proc.returncode == 0
        lines = [ln for ln in (proc.stderr or proc.stdout).splitlines() if ln.strip()]
        detail = " ".join((lines[-1] if lines else f"exit {proc.returncode}").split())[-200:]
    except (OSError, subprocess.TimeoutExpired) as exc:
        passed, detail = False, str(exc)
    with lock(u.update_dir):
        u.reload()
        if passed:
            (u.layout.release(version) / BOOT_OK).touch()
            done = u.watchdog()
            print(f"{version}: boot confirmed" + (f" ({done})" if done else ""))
            return int(Exit.OK)
        if u.state.state in ("switching", "pending_boot"):
            back = rollback(u.layout, u.state, f"unattended self-test: {detail}", time.time())
            _err(f"{version} failed its self-test; rolled back to {back}")
            u.restart()
        else:
            _err(f"{version} failed its self-test: {detail}")
    return int(Exit.DEVICE)


def register(cli: CliRegistry) -> None:
    cli.group("update", "software updates through TUF (docs/fleet.md)")
    for name, handler, help_text in (
        (
            "check",
            _check,
            "refresh the repository's metadata; is there a newer release for this ring?",
        ),
        (
            "apply",
            _apply,
            "download, verify, install and switch to the newest release for this ring",
        ),
        (
            "rollback",
            _rollback,
            "switch back to the previous release (never taking this one again)",
        ),
        (
            "status",
            _status,
            "the update's state and the last refusal; rolls back an unconfirmed release",
        ),
        (
            "confirm",
            _confirm,
            "boot-ok for a new release once its unattended self-test passed (else roll back)",
        ),
    ):
        p = cli.subcommand("update", name, handler, help=help_text)
        if name in ("check", "status"):
            p.add_argument("--json", action="store_true")
        if name == "apply":
            p.add_argument(
                "--now",
                action="store_true",
                help="outside the maintenance window too (never while a resident is in session)",
            )
