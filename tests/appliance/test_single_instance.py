"""One touch interface per data directory (issue 15): a second ``kiosk run`` on the data
directory of a running one exits at once, with one line naming the one that runs and exit
code 1, and without touching the running one's store or devices. The lock is the kernel's
(``flock`` on ``<data_dir>/ui.lock``), so it goes with the process however it ends."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from kiosk.exitcodes import Exit
from terminal.instance_lock import AlreadyRunning, acquire
from tests.appliance.appliance_helpers import REPO, Lines, stop


def kiosk_run(data: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "terminal", "--data-dir", str(data), "run", "--offscreen", *extra],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


def test_a_second_interface_on_the_same_data_directory_exits_at_once(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = kiosk_run(data)
    try:
        running = Lines(first).wait_for(lambda o: o.get("kiosk") == "running")
        assert running["pid"] == first.pid
        second = kiosk_run(data, "--quit-after", "30")
        out, err = second.communicate(timeout=120)
        assert second.returncode == Exit.UNEXPECTED == 1
        assert err.strip().splitlines() == [
            f"kiosk run: another kiosk interface is running on {data} (pid {first.pid})"
        ]
        assert '"kiosk": "running"' not in out
        assert first.poll() is None  # the running one is untouched
    finally:
        stop(first)


def test_the_lock_goes_with_the_process_however_it_ends(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from terminal.instance_lock import acquire; "
            "acquire(sys.argv[1]); print('held', flush=True); time.sleep(120)",
            str(tmp_path),
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        try:
            acquire(tmp_path)
        except AlreadyRunning as exc:
            assert exc.pid == holder.pid
        else:
            raise AssertionError("a second lock on the same data directory was granted")
    finally:
        holder.kill()  # SIGKILL: no clean-up runs
        holder.wait()
    lock = acquire(tmp_path)  # the kernel dropped the dead holder's lock
    assert (tmp_path / "ui.lock").read_text() == str(os.getpid())
    lock.release()
    acquire(tmp_path).release()  # released: free again
