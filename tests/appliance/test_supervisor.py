"""The appliance's units as a supervisor runs them (issue 15): tools/unit_supervisor.py reads
deploy/systemd and honours After=/Requires=/Wants=, Type=notify, Restart=always and
WatchdogSec= the way systemd does (PID 1 here is not systemd). The real ``kiosk sync`` and
``kiosk run`` (offscreen, the command cage would run) start in order, a killed interface is
started again, and a sync agent that stops petting its watchdog is killed and started again —
each without disturbing the other."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.appliance.appliance_helpers import (
    DATA_DIR,
    KIOSK_BIN,
    REPO,
    UNIT_DIR,
    VENV_KIOSK,
    Lines,
    ev,
    stop,
)

SUPERVISOR = REPO / "tools" / "unit_supervisor.py"
UI, SYNC = "bianmin-kiosk-ui.service", "bianmin-kiosk-sync.service"


def supervise(args: list[str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(SUPERVISOR), *args],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )


@pytest.fixture
def appliance(tmp_path: Path) -> Iterator[tuple[Lines, Path]]:
    data = tmp_path / "data"
    data.mkdir()  # as scripts/install-appliance.sh makes it
    etc = tmp_path / "etc-kiosk.toml"  # the installed configuration the first start copies
    etc.write_text("[sync]\nmetrics_port = 0\n", encoding="utf-8")
    p = supervise(
        [
            *("--map", f"{KIOSK_BIN}={VENV_KIOSK}"),
            *("--map", f"{DATA_DIR}={data}"),
            *("--map", f"/etc/bianmin/kiosk.toml={etc}"),
            "--unwrap-cage",
            *("--env", "QT_QPA_PLATFORM=offscreen"),
            *("--set", f"{SYNC}:WatchdogSec=4"),
            *("--set", f"{SYNC}:TimeoutAbortSec=2"),
            str(UNIT_DIR / UI),
            str(UNIT_DIR / SYNC),
        ]
    )
    try:
        yield Lines(p), data
    finally:
        stop(p)


def test_start_order_a_killed_interface_and_a_hung_agent(appliance: tuple[Lines, Path]) -> None:
    lines, data = appliance
    order = lines.wait_for(ev("order"))
    assert order["units"] == [SYNC, UI]  # the interface is ordered after the agent
    sync1 = lines.wait_for(ev("start", SYNC))["pid"]
    lines.wait_for(ev("ready", SYNC, pid=sync1))
    ui1 = lines.wait_for(ev("start", UI))["pid"]  # only once the agent said READY=1
    lines.wait_for(ev("ready", UI, pid=ui1))  # the start screen's first frame
    running = lines.wait_for(lambda o: o.get("kiosk") == "running")
    assert running["pid"] == ui1
    # the configuration the technician edits was made under the data directory
    assert (data / "kiosk.toml").read_text(encoding="utf-8") == "[sync]\nmetrics_port = 0\n"
    # the interface left the agent to the sync unit: one agent, in the sync process
    assert (data / "sync" / "agent.lock").read_text().strip() == str(sync1)
    assert not any("sync agent" in n for n in running["notes"]), running["notes"]

    # a crash (SIGKILL) of the interface: Restart=always starts a new one, which takes the
    # data directory's single-instance lock the dead one held
    os.kill(ui1, signal.SIGKILL)
    lines.wait_for(ev("exit", UI, pid=ui1, signal=signal.SIGKILL))
    lines.wait_for(ev("restart", UI))
    ui2 = lines.wait_for(ev("start", UI))["pid"]
    lines.wait_for(ev("ready", UI, pid=ui2))
    assert ui2 != ui1

    # the agent stops turning (SIGSTOP): no WATCHDOG=1 within WatchdogSec, so it is aborted,
    # killed and started again; the interface runs on, untouched
    lines.seen_or_wait(ev("pet", SYNC, pid=sync1))
    os.kill(sync1, signal.SIGSTOP)
    lines.wait_for(ev("watchdog", SYNC, pid=sync1))
    gone = lines.wait_for(ev("exit", SYNC, pid=sync1))
    assert gone["watchdog"] and gone["signal"] in (signal.SIGABRT, signal.SIGKILL)
    sync2 = lines.wait_for(ev("start", SYNC))["pid"]
    lines.wait_for(ev("ready", SYNC, pid=sync2))
    lines.wait_for(ev("pet", SYNC, pid=sync2))
    ui_events = [o for o in lines.seen if o.get("unit") == UI]
    assert ui_events[-1] == {"unit_supervisor": "ready", "unit": UI, "pid": ui2}, ui_events[-3:]
    assert Path(f"/proc/{ui2}").exists()


def _unit(path: Path, body: str) -> Path:
    path.write_text(body, encoding="utf-8")
    return path


def test_requires_wants_and_after(tmp_path: Path) -> None:
    """A unit that requires one which cannot start is not started; one that only wants it
    starts after it failed; ordering waits for READY=1."""
    broken = _unit(
        tmp_path / "broken.service",
        "[Service]\nType=notify\nExecStart=/bin/sh -c 'exit 3'\nRestart=no\n",
    )
    needs = _unit(
        tmp_path / "needs.service",
        "[Unit]\nRequires=broken.service\nAfter=broken.service\n"
        "[Service]\nExecStart=/bin/sleep 60\n",
    )
    likes = _unit(
        tmp_path / "likes.service",
        "[Unit]\nWants=broken.service missing.service\nAfter=broken.service\n"
        "[Service]\nExecStart=/bin/sleep 60\n",
    )
    p = supervise([str(broken), str(needs), str(likes)])
    lines = Lines(p)
    try:
        lines.wait_for(ev("exit", "broken.service", code=3))
        lines.seen_or_wait(ev("failed", "needs.service", reason="a required unit failed"))
        lines.seen_or_wait(ev("start", "likes.service"))
        assert not any(ev("start", "needs.service")(o) for o in lines.seen)
        assert any(ev("skipped", "likes.service", wants="missing.service")(o) for o in lines.seen)
    finally:
        stop(p)
