"""Process start → the start screen's first rendered frame with the event loop idle.

The kiosk is measured as a technician or systemd starts it: the ``kiosk run`` command
(``--offscreen``, embedded defaults, a prepared data directory), so argument parsing,
configuration, logging, the UI and the QML load all count. The baseline is a minimal
PySide6 QML window (``bench/_minimal_window.py``: an ApplicationWindow with one Text),
measured the same way in the same run, interleaved.

Both say they are up with the systemd notify protocol: once the first frame is swapped and
a zero-timer has run (the event loop is idle) they send ``READY=1`` to ``$NOTIFY_SOCKET``.
The parent takes the time before spawning the process and stops the clock when the datagram
arrives. Devices may still be starting in the background (``kiosk run`` starts them on a
thread after the first frame); the kiosk then quits by itself (``--quit-after 0``).

Python bytecode of the kiosk's packages is compiled first, as an installed kiosk has it
(``pip install`` compiles; ``scripts/bootstrap.sh`` compiles the editable install). Goal ≤ 1.5×.

    python bench/ui_start.py [--quick] [--runs N]
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._common import print_table, stats_ms, write_results  # noqa: E402

PACKAGES = ("kiosk", "ui", "drivers", "sync", "terminal")
SETTLE_S = 0.5


def kiosk_command(data_dir: str, quit_after: str = "0") -> list[str]:
    script = Path(sys.executable).with_name("kiosk")
    head = [str(script)] if script.exists() else [sys.executable, "-m", "terminal.cli.main"]
    return [*head, "--data-dir", data_dir, "run", "--offscreen", "--quit-after", quit_after]


def minimal_command() -> list[str]:
    return [sys.executable, str(ROOT / "bench" / "_minimal_window.py")]


def sample(cmd: list[str], sock_dir: Path) -> float:
    """Seconds from spawning ``cmd`` to its READY=1 datagram."""
    address = sock_dir / f"notify-{time.monotonic_ns()}.sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind(str(address))
        sock.settimeout(120)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NOTIFY_SOCKET=str(address))
        env.pop("BIANMIN_CONFIG", None)  # the embedded defaults
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        try:
            message = sock.recv(256)
            dt = time.perf_counter() - t0
        finally:
            try:
                p.wait(120)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
    address.unlink(missing_ok=True)
    if message != b"READY=1":
        raise RuntimeError(f"{cmd[0]} sent {message!r}, not READY=1")
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {p.returncode}")
    return dt


def compile_bytecode() -> None:
    for pkg in PACKAGES:
        compileall.compile_dir(str(ROOT / pkg), quiet=1, workers=0)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--runs", type=int, default=None)
    args = ap.parse_args()
    runs = args.runs or (3 if args.quick else 30)
    compile_bytecode()
    work = Path(tempfile.mkdtemp(prefix="bench-ui-start-"))
    try:
        data_dir = str(work / "data")
        kiosk, minimal_cmd = kiosk_command(data_dir), minimal_command()
        # first start of a terminal (store created, sample catalog imported, the start
        # screen's content cached in home.json for the next start): not measured
        sample(kiosk_command(data_dir, quit_after="2"), work)
        if not (Path(data_dir) / "home.json").is_file():
            raise RuntimeError("the first start did not cache the start screen (home.json)")
        sample(minimal_cmd, work)
        minimal: list[float] = []
        kiosk_s: list[float] = []
        for _ in range(runs):  # interleaved, so both see the same machine state
            for cmd, out in ((minimal_cmd, minimal), (kiosk, kiosk_s)):
                time.sleep(SETTLE_S)  # the previous process's exit (file flushes) settles
                out.append(sample(cmd, work))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    m, k = stats_ms(minimal), stats_ms(kiosk_s)
    ratio = statistics.median(kiosk_s) / statistics.median(minimal)
    rows = [{"what": "minimal QML window", **m}, {"what": "kiosk run (start screen)", **k}]
    print_table(
        "process start → first frame, event loop idle (offscreen, READY=1 over NOTIFY_SOCKET)",
        rows,
        ["what", "n", "median_ms", "p95_ms", "min_ms", "max_ms"],
    )
    print(f"\nratio kiosk / minimal (medians): {ratio:.2f}×  (goal ≤ 1.5×)")
    write_results(
        "ui_start",
        {
            "runs": runs,
            "measured": "kiosk run --offscreen --quit-after 0, READY=1 after first frame + idle",
            "minimal": m,
            "kiosk": k,
            "samples_ms": {
                "minimal": [round(x * 1000, 1) for x in minimal],
                "kiosk": [round(x * 1000, 1) for x in kiosk_s],
            },
            "ratio_median": round(ratio, 3),
            "goal_ratio": 1.5,
            "meets_goal": ratio <= 1.5,
        },
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
