"""The watchdog (issue 11): ``kiosk run`` pets systemd's watchdog only while its GUI thread's
event loop turns; frozen on purpose, it is killed and started again under
``tools/watchdog_harness.py`` (systemd's watchdog rule without systemd), and the new process
starts with none of the frozen one's session data."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
HARNESS = REPO / "tools" / "watchdog_harness.py"


def _run_harness(argv: list[str], on_line: Any, timeout_s: float = 240) -> tuple[int, list[dict]]:
    p = subprocess.Popen(
        [sys.executable, str(HARNESS), *argv],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    lines: list[dict] = []

    def read() -> None:
        assert p.stdout is not None
        for raw in p.stdout:
            try:
                obj = json.loads(raw)
            except ValueError:
                continue
            if isinstance(obj, dict):
                lines.append(obj)
                on_line(obj)

    t = threading.Thread(target=read, daemon=True)
    t.start()
    try:
        rc = p.wait(timeout_s)
    finally:
        if p.poll() is None:
            p.kill()
    t.join(10)
    return rc, lines


def test_frozen_gui_thread_is_killed_and_restarted_with_the_session_wiped(
    tmp_path: Path,
) -> None:
    planted: list[Path] = []

    def on_line(obj: dict) -> None:
        # a resident's scan in the first process's session directory, while it runs
        if obj.get("kiosk") == "running" and not planted:
            scan = Path(obj["runtime_dir"]) / "sessions" / "session-resident" / "scan-1.png"
            scan.parent.mkdir(parents=True, exist_ok=True)
            scan.write_bytes(b"\x89PNG resident's ID card copy")
            planted.append(scan)

    rc, lines = _run_harness(
        [
            "--watchdog-sec",
            "10",
            "--abort-timeout",
            "5",
            "--restart",
            "on-failure",
            "--max-starts",
            "3",
            "--first-env",
            "BIANMIN_DEV_FREEZE_UI_AFTER_S=1",
            "--",
            *(sys.executable, "-m", "terminal", "--data-dir", str(tmp_path / "d"), "run"),
            # longer than the watchdog's limit: a running kiosk is petted, not killed
            *("--offscreen", "--developer-panel", "--quit-after", "15"),
        ],
        on_line,
    )
    events = [o for o in lines if "watchdog_harness" in o]
    kinds = [(o["watchdog_harness"], o.get("pid")) for o in events]
    starts = [o["pid"] for o in events if o["watchdog_harness"] == "start"]
    running = [o for o in lines if o.get("kiosk") == "running"]
    assert len(starts) == 2, kinds  # the frozen one, then one that ran and quit
    first, second = starts
    # both petted the watchdog while their loop turned
    assert ("pet", first) in kinds and ("pet", second) in kinds, kinds
    # the first froze, missed the limit and was killed (SIGABRT); the second was not
    assert ("timeout", first) in kinds and ("timeout", second) not in kinds, kinds
    exits = {o["pid"]: o for o in events if o["watchdog_harness"] == "exit"}
    assert exits[first]["signal"] in (signal.SIGABRT, signal.SIGKILL)
    assert exits[second]["code"] == 0 and rc == 0
    assert ("ready", second) in kinds
    # the new process started with none of the frozen one's session data
    assert [r["pid"] for r in running] == [first, second]
    assert planted and not planted[0].exists()
    assert not Path(running[0]["runtime_dir"]).exists()
    assert running[1]["runtime_dir"] != running[0]["runtime_dir"]


def test_no_petting_without_a_watchdog_and_none_for_a_child(tmp_path: Path) -> None:
    """WATCHDOG_PID naming another process (a child that inherited the environment) or no
    WATCHDOG_USEC: nothing is sent."""
    from terminal.sdnotify import Watchdog, watchdog_interval_s

    assert watchdog_interval_s({}) is None
    assert watchdog_interval_s({"WATCHDOG_USEC": "4000000", "WATCHDOG_PID": "1"}, pid=2) is None
    assert watchdog_interval_s({"WATCHDOG_USEC": "4000000", "WATCHDOG_PID": "2"}, pid=2) == 4.0
    now = [0.0]
    sent: list[str] = []
    dog = Watchdog(4.0, send=lambda m: bool(sent.append(m)) or True, clock=lambda: now[0])
    turned = dog.watch("sync", 10.0)
    assert dog.pet() and sent == ["WATCHDOG=1"]
    now[0] = 11.0  # the sync loop has not turned for longer than its allowance
    assert not dog.pet() and dog.stalled() == ["sync"] and len(sent) == 1
    turned()
    assert dog.pet() and len(sent) == 2


def test_kiosk_sync_pets_while_its_loop_turns(tmp_path: Path) -> None:
    """``kiosk sync`` (the agent in its own process) under the harness: petted, never killed,
    stopped cleanly by SIGTERM."""
    stop_after: list[int] = []

    def on_line(obj: dict) -> None:
        if obj.get("watchdog_harness") == "pet" and not stop_after:
            stop_after.append(obj["pid"])
            threading.Timer(6.0, os.kill, (obj["pid"], signal.SIGTERM)).start()

    cfg = tmp_path / "kiosk.toml"
    cfg.write_text('[platform]\nkind = "simulated"\n[sync]\ninterval_s = 0.5\n')
    rc, lines = _run_harness(
        [
            "--watchdog-sec",
            "3",
            "--abort-timeout",
            "2",
            "--max-starts",
            "1",
            "--",
            sys.executable,
            "-m",
            "terminal",
            "--config",
            str(cfg),
            "--data-dir",
            str(tmp_path / "d"),
            "sync",
        ],
        on_line,
        timeout_s=120,
    )
    kinds = [o["watchdog_harness"] for o in lines if "watchdog_harness" in o]
    assert "pet" in kinds and "timeout" not in kinds, kinds
    assert rc == 0, kinds
