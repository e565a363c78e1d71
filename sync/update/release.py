"""Releases on the terminal: install a verified target, switch, roll back, confirm the boot.

    <releases_dir>/
        0.2.0/            a venv on the system Python (bin/kiosk …), built offline from
                          wheels/ (the verified target's wheels) only; release.json, written
                          last, marks it complete; boot-ok once it started and passed its
                          unattended self-test
        0.3.0/
        current -> 0.3.0  what the services run (switched atomically: a symlink under a
                          temporary name, renamed over ``current``)
        previous -> 0.2.0 kept until the next release confirms its boot

A target of kind ``app`` is a tar (plain or gzip) of wheels: the application
(``bianmin-kiosk``) and every dependency, built for the terminal's system. Nothing but these
wheels is installed (``pip --isolated install --no-index --find-links <wheels>``).

Every step can be cut short (a power cut): the state file records the intent before
``current`` moves, a release without ``release.json`` is built again, and a re-run completes.
``BIANMIN_UPDATE_KILL_AT=<step>`` ends the process with SIGKILL at that step (tests).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import signal
import subprocess
import sys
import tarfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sync.update.state import UpdateState, iso, write_json_atomic

KILL_ENV = "BIANMIN_UPDATE_KILL_AT"
STEPS = (
    "downloaded",
    "extracted",
    "venv",
    "installed",
    "marked",
    "intent",
    "linked",
    "switched",
    "recorded",
)
"""The named points of ``apply``, in order (``BIANMIN_UPDATE_KILL_AT``)."""
APP_DISTRIBUTION = "bianmin-kiosk"
MARKER = "release.json"
BOOT_OK = "boot-ok"
PIP_TIMEOUT_S = 600.0
MIB = 1 << 20
MIN_FREE = 4 * MIB
"""Free space an install must leave (and below which a failed step is a full disk)."""


class ApplyFailed(Exception):
    """An apply that could not complete; the running release is untouched."""


def step(name: str) -> None:
    """A named point of ``apply``: a test may kill the process here."""
    if os.environ.get(KILL_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)


@dataclass(frozen=True)
class Layout:
    releases: Path

    @property
    def current(self) -> Path:
        return self.releases / "current"

    @property
    def previous(self) -> Path:
        return self.releases / "previous"

    def release(self, version: str) -> Path:
        if (
            not version
            or "/" in version
            or version.startswith(".")
            or version
            in (
                "current",
                "previous",
            )
        ):
            raise ApplyFailed(f"invalid: version {version!r}")
        return self.releases / version

    def version_of(self, link: Path) -> str | None:
        """The release a link names, if it is a complete release."""
        try:
            target = os.readlink(link)
        except OSError:
            return None
        if "/" in target or not (self.releases / target / MARKER).is_file():
            return None
        return target

    def installed(self) -> list[str]:
        if not self.releases.is_dir():
            return []
        return sorted(
            p.name for p in self.releases.iterdir() if not p.is_symlink() and (p / MARKER).is_file()
        )


@contextlib.contextmanager
def lock(update_dir: Path, wait: bool = True) -> Iterator[None]:
    """One ``kiosk update`` at a time changes releases and state."""
    update_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(update_dir / "lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            raise ApplyFailed("busy: another kiosk update is running") from None
        yield
    finally:
        os.close(fd)


def switch_link(link: Path, version: str) -> None:
    """Point ``link`` at ``version`` atomically: a new symlink, renamed over the old one."""
    for stale in link.parent.glob(f".{link.name}.*.tmp"):  # a switch cut short (we hold the lock)
        stale.unlink(missing_ok=True)
    tmp = link.with_name(f".{link.name}.{os.getpid()}.tmp")
    os.symlink(version, tmp)
    if link.name == "current":
        step("linked")
    os.replace(tmp, link)
    fd = os.open(link.parent, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _extract_wheels(bundle: Path, dest: Path) -> list[str]:
    """The bundle's wheels (regular ``*.whl`` members only, by their base name) into dest."""
    dest.mkdir(parents=True, exist_ok=True)
    names: list[str] = []
    try:
        with tarfile.open(bundle, "r:*") as tar:
            for member in tar:
                base = os.path.basename(member.name)
                if not member.isfile() or not base.endswith(".whl") or base.startswith("."):
                    continue
                src = tar.extractfile(member)
                if src is None:
                    continue
                with src, open(dest / base, "wb") as out:
                    shutil.copyfileobj(src, out)
                    out.flush()
                    os.fsync(out.fileno())
                names.append(base)
    except tarfile.TarError as exc:
        raise ApplyFailed(f"invalid: the target is not a tar of wheels ({exc})") from None
    if not names:
        raise ApplyFailed("invalid: the target holds no wheels")
    return names


def _run(argv: list[str], what: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "PYTHON"))}
    env["PIP_CONFIG_FILE"] = os.devnull
    try:
        proc = subprocess.run(
            argv, env=env, capture_output=True, text=True, timeout=PIP_TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired:
        raise ApplyFailed(f"{what}: no result within {PIP_TIMEOUT_S:g} s") from None
    except OSError as exc:
        raise ApplyFailed(f"{what}: {exc.strerror or exc}") from None
    if proc.returncode != 0:
        tail = " ".join((proc.stderr or proc.stdout).split())[-300:]
        if "No space left" in tail or "Errno 28" in tail:
            raise ApplyFailed(f"disk full: {what}: {tail}")
        raise ApplyFailed(f"{what} failed: {tail}")


def system_python() -> str:
    """The interpreter a release's venv is built on: the system Python this one runs on."""
    return getattr(sys, "_base_executable", None) or sys.executable


def _free(path: Path) -> int:
    try:
        return shutil.disk_usage(path).free
    except OSError:
        return 0


def install_release(layout: Layout, bundle: Path, version: str, info: dict[str, Any]) -> Path:
    """Build ``releases/<version>/`` from the verified bundle (again, if an earlier attempt
    was cut short); its path. A full disk, before or during the install, is refused as
    ``disk full: …`` and leaves nothing behind."""
    dest = layout.release(version)
    if (dest / MARKER).is_file():
        return dest
    if dest.exists():
        shutil.rmtree(dest)  # an earlier attempt, cut short: start it again
    layout.releases.mkdir(parents=True, exist_ok=True)
    need = 3 * bundle.stat().st_size + MIN_FREE
    if _free(layout.releases) < need:
        raise ApplyFailed(
            f"disk full: {_free(layout.releases) // MIB} MiB free in {layout.releases}, "
            f"about {need // MIB + 1} MiB needed"
        )
    try:
        wheels = dest / "wheels"
        _extract_wheels(bundle, wheels)
        step("extracted")
        _run([system_python(), "-m", "venv", str(dest)], "venv")
        step("venv")
        _run(
            [
                str(dest / "bin" / "python"),
                "-m",
                "pip",
                "--isolated",
                "--disable-pip-version-check",
                "install",
                "--no-index",
                "--find-links",
                str(wheels),
                "--only-binary",
                ":all:",
                f"{APP_DISTRIBUTION}=={version}",
            ],
            "pip install",
        )
        step("installed")
        write_json_atomic(dest / MARKER, {"version": version, **info})
        step("marked")
    except (OSError, ApplyFailed) as exc:
        full = _free(layout.releases) < MIN_FREE or getattr(exc, "errno", None) in (28, 27)
        shutil.rmtree(dest, ignore_errors=True)
        text = (exc.strerror or str(exc)) if isinstance(exc, OSError) else str(exc)
        if full and not text.startswith("disk full"):
            text = f"disk full: {text}"
        elif isinstance(exc, OSError):
            text = f"disk: {text}"
        raise ApplyFailed(text) from None
    return dest


def switch_to(layout: Layout, state: UpdateState, version: str, now: float) -> None:
    """Make ``version`` current, keeping the running one as ``previous``; the intent is
    recorded first, so a cut between the two links is completed by the next run."""
    running = layout.version_of(layout.current)
    if running == version:
        pending = state.get("pending") or {}
        previous = pending.get("previous") if pending.get("version") == version else None
    else:
        previous = running
    state.save(
        state="switching",
        pending={"version": version, "previous": previous, "switched_at": now},
    )
    step("intent")
    if previous and layout.version_of(layout.previous) != previous:
        switch_link(layout.previous, previous)
    if running != version:
        switch_link(layout.current, version)
    step("switched")
    state.save(state="pending_boot", running=version, last_event=f"switched to {version}")
    step("recorded")


def apply(
    layout: Layout,
    state: UpdateState,
    bundle: Path,
    version: str,
    info: dict[str, Any],
    *,
    now: Callable[[], float] = time.time,
) -> None:
    """Install and switch to ``version``; :class:`ApplyFailed` leaves the running release as
    it was (and says why in the state)."""
    state.save(state="applying", applying=version)
    try:
        install_release(layout, bundle, version, info)
    except ApplyFailed as exc:
        state.refuse(str(exc), state="failed", now=now())
        raise
    switch_to(layout, state, version, now())


def rollback(layout: Layout, state: UpdateState, reason: str, now: float) -> str:
    """Switch back to the previous release; the one left is never taken again. Returns the
    version now current."""
    pending = state.get("pending") or {}
    previous = pending.get("previous") or layout.version_of(layout.previous)
    failed = layout.version_of(layout.current)
    if not previous or not (layout.release(previous) / MARKER).is_file():
        raise ApplyFailed("no previous release to roll back to")
    if previous == failed:
        raise ApplyFailed(f"{previous} is already current")
    switch_link(layout.current, previous)
    from sync.update.boot import clear_marks

    clear_marks(state.path.parent.parent)
    bad = list(state.get("bad_versions") or [])
    if failed and failed not in bad:
        bad.append(failed)
    state.save(
        state="rolled_back",
        running=previous,
        pending=None,
        bad_versions=bad,
        refusal={"at": iso(now), "reason": f"rolled back {failed} to {previous}: {reason}"},
        last_event=f"rolled back {failed} to {previous}",
    )
    return previous


def check_boot(
    layout: Layout,
    state: UpdateState,
    now: float,
    confirm_s: float,
    data_dir: Path | None = None,
) -> str | None:
    """The watchdog's check of a release waiting to confirm its boot: its boot mark
    (:mod:`sync.update.boot`, written by its ``kiosk run``) says its unattended self-test
    passed: ``boot-ok``; failed: rolled back at once; neither within ``confirm_s`` of the
    mark's ``READY=1`` (of the switch, if it never got that far): rolled back. Completes a
    switch cut short first. Returns what was done (``None``: nothing to do)."""
    from sync.update.boot import read_mark

    if state.state not in ("switching", "pending_boot"):
        return None
    pending = state.get("pending") or {}
    version = pending.get("version")
    if not version:
        return None
    completed = None
    if state.state == "switching":  # cut short: finish the switch it recorded
        switch_to(layout, state, version, float(pending.get("switched_at") or now))
        pending = state.get("pending") or {}
        completed = f"switched to {version} (completing a switch cut short)"
    if (layout.release(version) / BOOT_OK).is_file():
        confirm(layout, state, version, now)
        return f"{version} confirmed"
    data_dir = state.path.parent.parent if data_dir is None else data_dir
    mark = read_mark(data_dir, pending) or {}
    test = mark.get("selftest") if isinstance(mark.get("selftest"), dict) else None
    if test is not None and test.get("passed") is True:
        confirm(layout, state, version, now)
        return f"{version} confirmed"
    if test is not None and pending.get("previous"):
        detail = str(test.get("detail") or "failed")
        back = rollback(layout, state, f"unattended self-test: {detail}", now)
        return f"rolled back to {back}"
    ready_at = mark.get("ready_at")
    if isinstance(ready_at, int | float):
        since, start = float(ready_at), "READY=1"
    else:
        since, start = float(pending.get("switched_at") or now), "the switch"
    if now - since <= confirm_s:
        return completed
    if not pending.get("previous"):
        state.refuse(f"{version} did not confirm its boot and there is nothing to roll back to")
        return None
    why = (
        "(no result of its unattended self-test)"
        if start == "READY=1"
        else "(did not start or failed its self-test)"
    )
    back = rollback(layout, state, f"no boot-ok within {confirm_s:g} s of {start} {why}", now)
    return f"rolled back to {back}"


def boot_deadline(
    state: UpdateState, confirm_s: float, data_dir: Path | None = None
) -> float | None:
    """When :func:`check_boot` rolls the waiting release back (None: nothing waits)."""
    from sync.update.boot import read_mark

    if state.state not in ("switching", "pending_boot"):
        return None
    pending = state.get("pending") or {}
    if not pending.get("version"):
        return None
    data_dir = state.path.parent.parent if data_dir is None else data_dir
    ready_at = (read_mark(data_dir, pending) or {}).get("ready_at")
    since = ready_at if isinstance(ready_at, int | float) else pending.get("switched_at")
    return float(since or 0) + confirm_s


def confirm(layout: Layout, state: UpdateState, version: str, now: float) -> None:
    """``version`` started and passed its self-test: it stays, the previous one is kept for a
    manual rollback, older releases go."""
    from sync.update.boot import clear_marks

    (layout.release(version) / BOOT_OK).touch()
    clear_marks(state.path.parent.parent)
    keep = {version, layout.version_of(layout.previous)}
    for name in layout.installed():
        if name not in keep:
            shutil.rmtree(layout.releases / name, ignore_errors=True)
    downloads = state.path.parent / "downloads"  # each release keeps its own wheels
    for f in downloads.glob("*") if downloads.is_dir() else []:
        f.unlink(missing_ok=True)
    state.save(
        state="current",
        running=version,
        pending=None,
        refusal=None,
        last_event=f"{version} confirmed its boot at {iso(now)}",
    )


def release_info(layout: Layout, version: str) -> dict[str, Any]:
    try:
        return json.loads((layout.release(version) / MARKER).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
