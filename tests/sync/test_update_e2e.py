"""Software updates end to end, on the real kiosk's wheels (issue 15, "Done means").

The province publishes a release of the real kiosk — this checkout's wheel, re-versioned,
with every pinned dependency as a wheel (PySide6, pyscard and python-sane built once for this
machine: one wheelhouse per test session) — to a TUF repository that the platform simulator
serves under ``/fleet/`` over real HTTP. The terminal runs from an installed release, never
from the checkout: the test is its supervisor (the UI unit: ``Type=notify``,
``Restart=always``, ``READY=1`` over a ``NOTIFY_SOCKET``; after each ``READY=1`` the
confirmation unit's ``kiosk update confirm``; ``[update] restart_command`` asks it to restart
the interface) and its update timer (``kiosk update apply`` of the release now running, inside
the maintenance window). The kiosk runs offscreen on the simulated devices (the social
security card through pcscd and vpcd, the A4 printer through CUPS) with the simulator as its
platform.

1. N (1.0.0) is installed (the first ``kiosk update apply``, as an installer would), started,
   passes its unattended self-test in ``kiosk run`` and confirms its boot;
2. N+1 (1.1.0) is published; N's update timer installs it offline from the verified wheels,
   switches and restarts; N+1 starts, tests itself, confirms its boot and its heartbeat says
   1.1.0;
3. N+2 (1.2.0), whose ``kiosk run`` crashes at start, is published and installed; it never
   says ``READY=1``; the update timer's next run after ``boot_confirm_s`` rolls it back to
   N+1 by itself, restarts the interface, and ``kiosk update status`` and the heartbeat say so.

Run it under the pcscd lock (tests/identity and tests/ui share the one pcscd):
``flock /tmp/bianmin-pcsc.lock timeout 900 .venv/bin/python -m pytest -q
tests/sync/test_update_e2e.py``.
"""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sync_helpers import REPO, Kiosk, Sim, cli_env, make_kiosk
from update_helpers import Fleet, _record_hash, current, install_fleet, releases

from tests.appliance.appliance_helpers import stop

CRASH_AT_START = b"""

def run(*args, **kwargs):  # this build is broken: ``kiosk run`` dies at start
    raise RuntimeError("this release cannot start")
"""
SOURCE_IGNORE = shutil.ignore_patterns(
    ".venv",
    ".git",
    "build",
    "dist",
    "*.egg-info",
    "__pycache__",
    "*.pyc",
    "tests",
    "bench",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
)


@dataclass(frozen=True)
class Wheelhouse:
    """The kiosk's wheel (this checkout, version as in pyproject) and its dependencies'."""

    kiosk: Path
    deps: list[Path]


@pytest.fixture(scope="session")
def wheelhouse(tmp_path_factory: pytest.TempPathFactory) -> Wheelhouse:
    """One wheelhouse per session: ``pip wheel`` of a copy of this checkout, its dependencies
    pinned to the versions installed in this venv (from the index and the wheel cache the
    bootstrap filled: pyscard, python-sane and pycups, which publish no wheels, are built
    from their sdists once and then come from pip's wheel cache)."""
    base = tmp_path_factory.mktemp("wheelhouse")
    src = base / "src"
    shutil.copytree(REPO, src, ignore=SOURCE_IGNORE, symlinks=True)
    pins = subprocess.run(
        [sys.executable, "-m", "pip", "freeze", "--exclude-editable"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    (base / "constraints.txt").write_text(pins, "utf-8")
    out = base / "wheels"
    r = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "-w", str(out)]
        + ["-c", str(base / "constraints.txt"), str(src)],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert r.returncode == 0, r.stdout + r.stderr
    wheels = sorted(out.glob("*.whl"))
    (kiosk,) = [w for w in wheels if w.name.startswith("bianmin_kiosk-")]
    for needed in ("pyside6_essentials", "pyscard", "python_sane", "pycups", "tuf"):
        assert any(w.name.lower().startswith(needed) for w in wheels), (needed, wheels)
    return Wheelhouse(kiosk, [w for w in wheels if w != kiosk])


def versioned_wheel(src: Path, out_dir: Path, version: str, *, crash: bool = False) -> Path:
    """The kiosk's wheel as release ``version`` (its metadata and dist-info renamed, RECORD
    made again); ``crash``: a build whose ``kiosk run`` dies at start."""
    new_dist = f"bianmin_kiosk-{version}.dist-info"
    files: dict[str, bytes] = {}
    with zipfile.ZipFile(src) as z:
        (meta,) = [n for n in z.namelist() if re.fullmatch(r"[^/]+\.dist-info/METADATA", n)]
        old_dist = meta.split("/")[0]
        for name in z.namelist():
            if name == f"{old_dist}/RECORD":
                continue
            data = z.read(name)
            if name.startswith(f"{old_dist}/"):
                name = new_dist + name[len(old_dist) :]
            if name == f"{new_dist}/METADATA":
                data = re.sub(rb"(?m)^Version: .*$", f"Version: {version}".encode(), data, count=1)
            if crash and name == "terminal/startup.py":
                data += CRASH_AT_START
            files[name] = data
    record = "".join(f"{n},{_record_hash(d)},{len(d)}\n" for n, d in files.items())
    files[f"{new_dist}/RECORD"] = (record + f"{new_dist}/RECORD,,\n").encode()
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"bianmin_kiosk-{version}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return path


def publish(fleet: Fleet, wh: Wheelhouse, version: str, *, crash: bool = False) -> None:
    """Release ``version`` of the real kiosk: a tar of its wheels, added for every ring,
    signed and published."""
    build = fleet.base / "builds" / version
    kiosk_wheel = versioned_wheel(wh.kiosk, build, version, crash=crash)
    bundle = fleet.base / "builds" / f"kiosk-{version}.tar"
    with tarfile.open(bundle, "w") as tar:
        for wheel in [kiosk_wheel, *wh.deps]:
            tar.add(wheel, arcname=f"wheels/{wheel.name}")
    fleet.repo.add(bundle, "app", version, "all")
    fleet.sign_and_publish()
    shutil.rmtree(build)
    bundle.unlink()  # the repository keeps its own copy


def release_env() -> dict[str, str]:
    """A release's environment: nothing that could put the checkout on its path."""
    env = cli_env()
    for name in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "WATCHDOG_PID", "NOTIFY_SOCKET"):
        env.pop(name, None)
    return env


class Supervisor:
    """The appliance's UI unit as the test runs it: ``<releases>/current/bin/kiosk run``
    (what ``/opt/bianmin/bin/kiosk`` resolves to), ``READY=1`` over a ``NOTIFY_SOCKET``,
    started again whenever it exits (``Restart=always``) or ``[update] restart_command``
    touches ``restart_file`` (``systemctl restart``); after each ``READY=1``, the
    confirmation unit's ``kiosk update confirm`` of the same release."""

    def __init__(self, kiosk: Kiosk, work: Path, restart_file: Path) -> None:
        from terminal.sdnotify import listen

        self.kiosk = kiosk
        self.work = work
        self.restart_file = restart_file
        self.sock_dir = Path(tempfile.mkdtemp(prefix="ue2e-"))  # a short AF_UNIX path
        self.sock = listen(str(self.sock_dir / "notify"))
        self.events: queue.Queue[dict[str, Any]] = queue.Queue()
        self.seen: list[dict[str, Any]] = []
        self._stop = threading.Event()
        self.proc: subprocess.Popen[bytes] | None = None
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def kiosk_cmd(self, *args: str) -> list[str]:
        exe = releases(self.kiosk) / "current" / "bin" / "kiosk"
        return [str(exe), "--config", str(self.kiosk.config_path)] + [
            "--data-dir",
            str(self.kiosk.data_dir),
            *args,
        ]

    def _emit(self, kind: str, **fields: Any) -> None:
        self.events.put({"event": kind, **fields})

    def _loop(self) -> None:
        from terminal.sdnotify import received

        n = 0
        while not self._stop.is_set():
            n += 1
            version = current(self.kiosk)
            env = release_env() | {"NOTIFY_SOCKET": str(self.sock_dir / "notify")}
            log = open(self.work / f"ui-{n}-{version}.log", "wb")  # noqa: SIM115
            self.proc = subprocess.Popen(
                self.kiosk_cmd("run", "--offscreen"),
                cwd=self.work,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            log.close()
            pid = self.proc.pid
            self._emit("start", pid=pid, version=version)
            while not self._stop.is_set():
                for _sender, message in received(self.sock, 0.2):
                    if "READY=1" in message.split("\n"):
                        self._emit("ready", pid=pid, version=version)
                        threading.Thread(target=self._confirm, args=(version,)).start()
                code = self.proc.poll()
                if code is not None:
                    self._emit("exit", pid=pid, version=version, code=code)
                    time.sleep(1.0)  # RestartSec=
                    break
                if self.restart_file.exists():
                    self.restart_file.unlink()
                    self._emit("restart", pid=pid, version=version)
                    self._terminate()
                    break
        self._terminate()

    def release(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        """The current release's ``kiosk`` (as the update units run it)."""
        return subprocess.run(
            self.kiosk_cmd(*args),
            capture_output=True,
            text=True,
            timeout=timeout,
            env=release_env(),
            cwd=self.work,
        )

    def _confirm(self, version: str | None) -> None:
        r = self.release("update", "confirm", timeout=600)
        self._emit("confirm", version=version, code=r.returncode, out=r.stdout + r.stderr)

    def _terminate(self) -> None:
        if self.proc is not None:
            stop(self.proc)  # SIGTERM, SIGKILL after 60 s (TimeoutStopSec=)

    def wait_for(self, match: Callable[[dict[str, Any]], bool], deadline_s: float = 300) -> dict:
        """The first event from now on that ``match``es (AssertionError with what was seen
        when none came within the deadline)."""
        end = time.monotonic() + deadline_s
        while True:
            left = end - time.monotonic()
            try:
                ev = self.events.get(timeout=max(0.0, left))
            except queue.Empty:
                raise AssertionError(
                    f"no such event within {deadline_s} s: {self.seen[-8:]}"
                ) from None
            self.seen.append(ev)
            if match(ev):
                return ev

    def close(self) -> None:
        self._stop.set()
        self._thread.join(120)
        self.sock.close()
        shutil.rmtree(self.sock_dir, ignore_errors=True)


def ev(kind: str, **fields: Any) -> Callable[[dict[str, Any]], bool]:
    return lambda e: e["event"] == kind and all(e.get(k) == v for k, v in fields.items())


def heartbeat(sim: Sim, kiosk_id: str, match: Callable[[dict[str, Any]], bool]) -> dict:
    """The first heartbeat the platform receives that ``match``es (within 120 s)."""
    end = time.monotonic() + 120
    last = None
    while time.monotonic() < end:
        last = sim.get("/_sim/heartbeats").get(kiosk_id)
        if last and match(last):
            return last
        time.sleep(0.5)
    raise AssertionError(f"no such heartbeat: the last one was {last}")


def app_is(version: str, state: str) -> Callable[[dict[str, Any]], bool]:
    return lambda hb: hb["versions"]["app"] == version and hb["update"]["state"] == state


def set_update(kiosk: Kiosk, key: str, value: str) -> None:
    text = kiosk.config_path.read_text("utf-8")
    text, n = re.subn(rf"(?m)^{key} = .*$", f"{key} = {value}", text)
    assert n == 1, text
    kiosk.config_path.write_text(text, "utf-8")


@pytest.fixture(scope="module")
def daemons() -> Iterator[None]:
    """pcscd with vpcd's readers (the social security card) and cupsd (the A4 printer):
    the simulated devices' real paths, so that the unattended self-test can pass."""
    from cups_session import cupsd_running
    from pcsc_session import pcscd_running

    pcsc = pcscd_running()
    next(pcsc)
    cups = cupsd_running()
    next(cups)
    yield
    for gen in (cups, pcsc):
        next(gen, None)


def test_the_real_kiosk_updates_in_its_window_confirms_its_boot_and_a_release_that_cannot_start_is_rolled_back(
    wheelhouse: Wheelhouse, sim: Sim, tmp_path: Path, daemons: None
) -> None:
    kiosk = make_kiosk(tmp_path, sim.url, metrics_port=0)
    kiosk.store.close()  # the kiosk's own processes open it
    fleet = Fleet(tmp_path / "fleet")
    restart = tmp_path / "restart-requested"
    install_fleet(
        kiosk, sim, fleet, restart_command=f"touch {restart}", boot_confirm_s=60.0
    )  # the maintenance window holds now (update_helpers.window_around_now)
    work = tmp_path / "work"
    work.mkdir()
    t0, phases = time.monotonic(), {}

    def phase(name: str) -> None:  # where the time goes, printed at the end (pytest -s / -rP)
        phases[name] = round(time.monotonic() - t0 - sum(phases.values()), 1)

    # N: the first release, installed by the checkout's kiosk as an installer would
    publish(fleet, wheelhouse, "1.0.0")
    phase("publish 1.0.0")
    r = kiosk.kiosk("update", "apply", "--now", timeout=900)
    phase("install 1.0.0")
    assert r.returncode == 0, r.stdout + r.stderr
    assert current(kiosk) == "1.0.0"
    restart.unlink(missing_ok=True)  # nothing runs yet: the supervisor starts it below
    sup = Supervisor(kiosk, work, restart)
    try:
        sup.wait_for(ev("ready", version="1.0.0"))
        done = sup.wait_for(ev("confirm", version="1.0.0"))
        assert done["code"] == 0 and "1.0.0: boot confirmed" in done["out"], done
        phase("1.0.0 starts and confirms")
        heartbeat(sim, kiosk.kiosk_id, app_is("1.0.0", "current"))
        phase("1.0.0 heartbeat")

        # N+1: the update timer of release N installs it in the window, switches, restarts
        publish(fleet, wheelhouse, "1.1.0")
        phase("publish 1.1.0")
        r = sup.release("update", "apply", timeout=900)
        phase("apply 1.1.0")
        assert r.returncode == 0, r.stdout + r.stderr
        assert "switched to 1.1.0 (previous 1.0.0)" in r.stdout
        sup.wait_for(ev("restart", version="1.0.0"))
        sup.wait_for(ev("ready", version="1.1.0"))
        done = sup.wait_for(ev("confirm", version="1.1.0"))
        assert done["code"] == 0, done
        assert "1.1.0: boot confirmed (its unattended self-test passed in kiosk run)" in done["out"]
        phase("1.1.0 restarts and confirms")
        rel = releases(kiosk)
        assert (rel / "1.1.0" / "boot-ok").exists()
        assert os.readlink(rel / "previous") == "1.0.0"
        assert not list(kiosk.data_dir.glob("update-boot-*.json"))  # the mark did its work
        # installed from the verified wheels only: the release's own copy of the target
        assert len(list((rel / "1.1.0" / "wheels").glob("*.whl"))) == len(wheelhouse.deps) + 1
        hb = heartbeat(sim, kiosk.kiosk_id, app_is("1.1.0", "current"))
        assert hb["update"]["running"] == "1.1.0"
        phase("1.1.0 heartbeat")
        audit = sup.release("update", "status", "--json", timeout=120)
        s = json.loads(audit.stdout)
        assert s["state"] == "current" and s["running"] == "1.1.0", s
        assert "1.1.0 confirmed its boot" in s["last_event"]

        # N+2: a build that crashes at start; it never says READY=1
        set_update(kiosk, "boot_confirm_s", "10.0")
        publish(fleet, wheelhouse, "1.2.0", crash=True)
        phase("publish 1.2.0")
        r = sup.release("update", "apply", timeout=900)
        phase("apply 1.2.0")
        assert r.returncode == 0 and "switched to 1.2.0 (previous 1.1.0)" in r.stdout, r.stderr
        sup.wait_for(ev("restart", version="1.1.0"))
        crashed = sup.wait_for(ev("exit", version="1.2.0"))
        assert crashed["code"] != 0
        # the update timer runs again (every ten minutes on the appliance): once
        # boot_confirm_s has passed since the switch, its watchdog rolls 1.2.0 back
        end = time.monotonic() + 180
        while current(kiosk) != "1.1.0":
            assert time.monotonic() < end, "1.2.0 was not rolled back"
            time.sleep(2)
            r = sup.release("update", "apply", timeout=900)
            # 3: "not now: 1.2.0 has not confirmed its boot yet", until its time is up
            assert r.returncode in (0, 3), r.stdout + r.stderr
        assert r.returncode == 0 and "up to date: 1.1.0" in r.stdout, r.stdout + r.stderr
        phase("1.2.0 crashes until the timer rolls it back")
        assert not any(e["event"] == "ready" and e["version"] == "1.2.0" for e in sup.seen)
        sup.wait_for(ev("ready", version="1.1.0"))
        done = sup.wait_for(ev("confirm", version="1.1.0"))
        assert done["code"] == 0 and "1.1.0: boot already confirmed" in done["out"], done
        st = sup.release("update", "status", timeout=120)
        assert "state: rolled_back" in st.stdout, st.stdout + st.stderr
        assert "running: 1.1.0" in st.stdout and "never again: 1.2.0" in st.stdout, st.stdout
        assert (
            "rolled back 1.2.0 to 1.1.0: no boot-ok within 10 s of the switch (did not start"
            in st.stdout
        ), st.stdout
        hb = heartbeat(sim, kiosk.kiosk_id, app_is("1.1.0", "rolled_back"))
        assert "rolled back 1.2.0 to 1.1.0" in hb["update"]["refusal"]
        assert hb["update"]["running"] == "1.1.0"
        # and 1.2.0 is never taken again by itself
        r = sup.release("update", "check", timeout=120)
        assert "1.2.0: rolled back on this terminal before" in r.stdout, r.stdout + r.stderr
        phase("1.1.0 back, status, heartbeat")
        print("update e2e phases (s):", json.dumps(phases))
    finally:
        sup.close()
        # three venvs of the real kiosk and the repository's copies: about 5 GB
        for big in (releases(kiosk), fleet.base, kiosk.data_dir / "update" / "downloads"):
            shutil.rmtree(big, ignore_errors=True)
