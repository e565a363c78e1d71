"""CPU of an idle kiosk: the whole process tree of ``kiosk run`` on its start screen.

A 24-hour terminal spends most of its life idle on the start screen, and a fanless box runs all
night: the kiosk's processes (the UI, the sync agent, the device workers, and with the embedded
defaults the simulated devices and platform) should cost next to nothing then. The benchmark
starts ``kiosk run --offscreen`` on the embedded defaults (a prepared data directory, the
simulators included), waits for READY=1 and for every device to have been polled, then reads
the CPU time of the whole process tree from ``/proc`` (``utime + stime`` and that of reaped
children, every descendant included) over a window (60 s). The same-run baseline is a minimal
PySide6 QML window left open (``bench/_minimal_window.py --stay``), measured the same way.

It also counts the log lines the idle kiosk writes in the window and extrapolates a day (goal
< 1,000 lines), and lists the threads that used the most CPU (where to look next).
Goal: ≤ 0.5 % of one core.

    python bench/idle_cpu.py [--quick] [--seconds S]
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._common import print_table, write_results  # noqa: E402
from bench.ui_start import compile_bytecode, kiosk_command, minimal_command  # noqa: E402

GOAL_PERCENT = 0.5
GOAL_LINES_PER_DAY = 1000
TICK = os.sysconf("SC_CLK_TCK")


def _stat(pid: int | str, task: str | None = None) -> list[str] | None:
    path = f"/proc/{pid}/task/{task}/stat" if task else f"/proc/{pid}/stat"
    try:
        raw = Path(path).read_text()
    except OSError:
        return None
    # comm (field 2) may hold spaces: split after its closing parenthesis
    head, _, rest = raw.rpartition(")")
    return [head.partition("(")[2], *rest.split()]


def tree(root: int) -> list[int]:
    """``root`` and every live descendant."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            st = _stat(entry)
            if st:
                children.setdefault(int(st[2]), []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, []))
    return out


def tree_cpu_s(root: int) -> float:
    """CPU seconds of the tree: own and reaped children's user + system time of each process."""
    total = 0
    for pid in tree(root):
        st = _stat(pid)
        if st:  # fields 14-17 (utime, stime, cutime, cstime); st[0] is comm, st[1] field 3
            total += sum(int(x) for x in st[12:16])
    return total / TICK


def threads_cpu(root: int) -> dict[str, float]:
    """CPU seconds per thread (``pid/tid:name``) across the tree."""
    out: dict[str, float] = {}
    for pid in tree(root):
        pst = _stat(pid)
        if not pst:
            continue
        try:
            tasks = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for tid in tasks:
            st = _stat(pid, tid)
            if st:
                key = f"{pid}/{tid}:{st[0]}"
                out[key] = (int(st[12]) + int(st[13])) / TICK
    return out


def wait_ready(sock: socket.socket, proc: subprocess.Popen[bytes], timeout: float) -> None:
    sock.settimeout(timeout)
    while True:
        message = sock.recv(256)
        if b"READY=1" in message.split(b"\n"):
            return
        if proc.poll() is not None:
            raise RuntimeError(f"exited {proc.returncode} before READY=1")


def measure(
    cmd: list[str], work: Path, name: str, settle_s: float, window_s: float
) -> dict[str, object]:
    address = work / f"notify-{name}.sock"
    log_path = work / f"{name}.log"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NOTIFY_SOCKET=str(address))
    env.pop("BIANMIN_CONFIG", None)  # the embedded defaults
    with (
        socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock,
        open(log_path, "wb") as log_file,
    ):
        sock.bind(str(address))
        proc = subprocess.Popen(
            cmd, stdout=log_file, stderr=subprocess.STDOUT, env=env, start_new_session=True
        )
        try:
            wait_ready(sock, proc, 120)
            time.sleep(settle_s)  # devices connected and polled, caches warm
            if proc.poll() is not None:
                raise RuntimeError(f"{name} exited {proc.returncode} while settling")
            lines0 = log_path.read_bytes().count(b"\n")
            threads0 = threads_cpu(proc.pid)
            cpu0, t0 = tree_cpu_s(proc.pid), time.monotonic()
            procs = len(tree(proc.pid))
            time.sleep(window_s)
            cpu1, t1 = tree_cpu_s(proc.pid), time.monotonic()
            threads1 = threads_cpu(proc.pid)
            lines1 = log_path.read_bytes().count(b"\n")
            if proc.poll() is not None:
                raise RuntimeError(f"{name} exited {proc.returncode} while measured")
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
                try:
                    proc.wait(30)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait()
    elapsed = t1 - t0
    busiest = sorted(
        ((k, v - threads0.get(k, 0.0)) for k, v in threads1.items()), key=lambda kv: -kv[1]
    )[:10]
    window_lines = log_path.read_bytes().splitlines()[lines0:lines1]
    return {
        "processes": procs,
        "window_s": round(elapsed, 2),
        "cpu_s": round(cpu1 - cpu0, 3),
        "cpu_percent_of_one_core": round(100 * (cpu1 - cpu0) / elapsed, 3),
        "log_lines": lines1 - lines0,
        "log_lines_per_day": round((lines1 - lines0) * 86400 / elapsed),
        "busiest_threads_cpu_s": {k: round(v, 3) for k, v in busiest if v > 0},
        "log_sample": [line.decode("utf-8", "replace")[:200] for line in window_lines[:5]],
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="10 s windows (a smoke run)")
    ap.add_argument("--seconds", type=float, default=None, help="the window (default 60 s)")
    ap.add_argument("--settle", type=float, default=None, help="idle time before the window")
    args = ap.parse_args()
    window = args.seconds or (10.0 if args.quick else 60.0)
    settle = args.settle if args.settle is not None else (5.0 if args.quick else 15.0)
    compile_bytecode()
    work = Path(tempfile.mkdtemp(prefix="bench-idle-cpu-"))
    try:
        data_dir = str(work / "data")
        # first start of a terminal (store created, sample catalog imported): not measured
        first = subprocess.run(
            kiosk_command(data_dir, quit_after="2"),
            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
            capture_output=True,
            timeout=300,
        )
        if first.returncode != 0:
            raise RuntimeError(f"first start exited {first.returncode}: {first.stderr[-2000:]!r}")
        baseline = measure([*minimal_command(), "--stay"], work, "minimal", settle, window)
        kiosk = measure(kiosk_command(data_dir, quit_after="0")[:-2], work, "kiosk", settle, window)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    rows = [
        {"what": "minimal QML window (baseline)", **baseline},
        {"what": "kiosk run, idle start screen", **kiosk},
    ]
    print_table(
        f"CPU of the whole process tree over {window:.0f} s, idle (offscreen, embedded defaults)",
        rows,
        ["what", "processes", "window_s", "cpu_s", "cpu_percent_of_one_core", "log_lines"],
    )
    print("\nbusiest threads of the kiosk (CPU s in the window):")
    for k, v in kiosk["busiest_threads_cpu_s"].items():  # type: ignore[union-attr]
        print(f"  {k:40s} {v:.3f}")
    pct = float(kiosk["cpu_percent_of_one_core"])  # type: ignore[arg-type]
    per_day = int(kiosk["log_lines_per_day"])  # type: ignore[call-overload]
    print(f"\nkiosk idle: {pct:.2f} % of one core (goal ≤ {GOAL_PERCENT} %)")
    print(f"log lines a day, idle (estimate): {per_day} (goal < {GOAL_LINES_PER_DAY})")
    write_results(
        "idle_cpu",
        {
            "window_s": window,
            "settle_s": settle,
            "measured": "utime+stime (+ reaped children) of the whole process tree, /proc",
            "baseline": baseline,
            "kiosk": kiosk,
            "kiosk_minus_baseline_percent": round(
                pct - float(baseline["cpu_percent_of_one_core"]),  # type: ignore[arg-type]
                3,
            ),
            "goal_percent": GOAL_PERCENT,
            "meets_goal": pct <= GOAL_PERCENT,
            "goal_log_lines_per_day": GOAL_LINES_PER_DAY,
            "meets_log_goal": per_day < GOAL_LINES_PER_DAY,
        },
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
