"""Benchmark: a full ID card read against the simulator paced to 115200 baud vs. the wire time.

A full read is find card + select card + read text and photo, with the card already on the
reader. The simulator (a separate ``kiosk sim id-reader`` process, so it does not share our
GIL) sleeps each byte's wire time in both directions, so the floor is the wire time of the
same bytes: 3 commands of 10 bytes + answers of 15, 19 and 1295 bytes = 1359 bytes = 118 ms
at 115200 baud (10 bits a byte). Two measurements in the same run:

- ``raw``: the same three exchanges with bare ``os.read``/``os.write`` on the pty — the cost of
  the simulator and the pty, with no driver at all (the baseline);
- ``driver``: ``GaT467Reader.read_card()`` — framing, checksum, decoding into the record.

Goal: driver median ≤ 1.15 × wire time, median of 50.
Usage: ``python bench/id_read.py [--quick] [--n N] [--baudrate B]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import termios
import time
import tty
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench._common import print_table, stats_ms, write_results  # noqa: E402
from drivers.idcard import protocol as p  # noqa: E402
from drivers.idcard.reader import GaT467Reader  # noqa: E402
from kiosk.ports.identity import CardPresent  # noqa: E402

EXCHANGES = [(p.FIND_CARD, 15), (p.SELECT_CARD, 19), (p.READ_TEXT_PHOTO, 1295)]
GOAL = 1.15


def wire_time(baud: int) -> float:
    total = sum(len(p.build_command(c)) + n for c, n in EXCHANGES)
    return total * 10 / baud


def raw_read(fd: int) -> None:
    for cmd, n in EXCHANGES:
        termios.tcflush(fd, termios.TCIFLUSH)
        os.write(fd, p.build_command(cmd))
        got = 0
        while got < n:
            got += len(os.read(fd, n - got))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="5 reads (a CI smoke test)")
    ap.add_argument("--n", type=int, default=50)
    ap.add_argument("--baudrate", type=int, default=115200)
    args = ap.parse_args()
    n = 5 if args.quick else args.n
    with tempfile.TemporaryDirectory() as tmp:
        link = Path(tmp) / "idr"
        sim = subprocess.Popen(
            [sys.executable, "-m", "terminal", "sim", "id-reader", "--link", str(link),
             "--card", str(REPO / "assets/cards/resident.json"), "--baudrate", str(args.baudrate)],
            stdout=subprocess.PIPE, text=True, cwd=REPO,
        )  # fmt: skip
        try:
            assert sim.stdout is not None and sim.stdout.readline().startswith("listening")
            # baseline: the bare pty, no driver
            fd = os.open(os.path.realpath(link), os.O_RDWR | os.O_NOCTTY)
            tty.setraw(fd)
            raw_read(fd)  # warm-up
            raw = []
            for _ in range(n):
                t = time.perf_counter()
                raw_read(fd)
                raw.append(time.perf_counter() - t)
            os.close(fd)
            # the driver
            reader = GaT467Reader(str(link), args.baudrate)
            assert isinstance(reader.read_card(), CardPresent)  # warm-up, opens the port
            drv = []
            for _ in range(n):
                t = time.perf_counter()
                result = reader.read_card()
                drv.append(time.perf_counter() - t)
                assert isinstance(result, CardPresent), result
            reader.close()
        finally:
            sim.terminate()
            sim.wait(10)
    wire = wire_time(args.baudrate)
    raw_med, drv_med = statistics.median(raw), statistics.median(drv)
    ok = drv_med / wire <= GOAL
    rows = [
        {"what": "wire time (1359 bytes)", "median_ms": wire * 1000, "x_wire": 1.0},
        {"what": "raw pty, no driver (baseline)", "median_ms": raw_med * 1000,
         "x_wire": raw_med / wire},
        {"what": "GaT467Reader.read_card", "median_ms": drv_med * 1000, "x_wire": drv_med / wire},
    ]  # fmt: skip
    print_table(
        f"ID card full read (find, select, text+photo) at {args.baudrate} baud, median of {n}",
        rows,
        ["what", "median_ms", "x_wire"],
    )
    print(
        f"goal driver <= {GOAL} x wire: {'met' if ok else 'NOT met'}; "
        f"driver minus raw: {(drv_med - raw_med) * 1000:+.2f} ms"
    )
    write_results(
        "id_read",
        {
            "baudrate": args.baudrate,
            "quick": args.quick,
            "wire_ms": round(wire * 1000, 3),
            "raw": stats_ms(raw),
            "driver": stats_ms(drv),
            "ratio_driver_to_wire": round(drv_med / wire, 4),
            "ratio_raw_to_wire": round(raw_med / wire, 4),
            "goal_ratio": GOAL,
            "goal_met": ok,
        },
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
