"""Process start → the start screen's first rendered frame with the event loop idle.

Compared, in the same run and measured the same way, with a minimal PySide6 QML window
(an ApplicationWindow with one Text). Each sample is a fresh process (offscreen platform):
the parent takes the time before spawning it; the child prints a line once the window has
swapped its first frame *and* a zero-timer has run (the event loop is idle), and the parent
stops the clock when it reads that line. Devices may still be starting in the background
(``kiosk.app.start_devices`` runs on a thread after the UI is up). Goal: ≤ 1.5×.

    python bench/ui_start.py [--quick] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._common import print_table, stats_ms, write_results  # noqa: E402

MINIMAL_QML = b"""
import QtQuick
import QtQuick.Controls.Basic
ApplicationWindow { width: 1080; height: 1920; visible: true
    Text { anchors.centerIn: parent; text: "\xe4\xbe\xbf\xe6\xb0\x91"; font.pixelSize: 40 } }
"""


def _ready_when_first_frame(window: object, app: object) -> None:
    from PySide6.QtCore import QTimer

    def swapped() -> None:
        window.frameSwapped.disconnect(swapped)  # type: ignore[attr-defined]
        QTimer.singleShot(0, lambda: (print("ready", flush=True), os._exit(0)))

    window.frameSwapped.connect(swapped)  # type: ignore[attr-defined]


def child_minimal() -> None:
    from PySide6.QtCore import QByteArray, QUrl
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtQml import QQmlApplicationEngine
    from PySide6.QtQuick import QQuickWindow  # noqa: F401

    app = QGuiApplication(["bench"])
    eng = QQmlApplicationEngine()
    # a local base URL: with an unknown scheme the engine waits for a network fetch of imports
    eng.loadData(
        QByteArray(MINIMAL_QML), QUrl.fromLocalFile(str(Path(__file__).with_name("minimal.qml")))
    )
    _ready_when_first_frame(eng.rootObjects()[0], app)
    app.exec()


def child_kiosk(data_dir: str) -> None:
    """Exactly what ``kiosk run`` does (kiosk.app.start_ui), voice off."""
    from kiosk.app import start_ui
    from kiosk.config import KioskConfig

    runtime = Path(tempfile.mkdtemp(prefix="bench-ui-"))
    app, ui, _starter = start_ui(KioskConfig(), Path(data_dir), runtime, voice=False)
    _ready_when_first_frame(ui.window, app)
    app.exec()


def sample(kind: str, data_dir: str) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    t0 = time.perf_counter()
    p = subprocess.Popen(
        [sys.executable, __file__, "--child", kind, "--data-dir", data_dir],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    assert p.stdout is not None
    line = p.stdout.readline()
    dt = time.perf_counter() - t0
    p.wait(60)
    if b"ready" not in line:
        raise RuntimeError(f"{kind} child did not report a frame")
    return dt


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--runs", type=int, default=None)
    ap.add_argument("--child", choices=["minimal", "kiosk"])
    ap.add_argument("--data-dir")
    args = ap.parse_args()
    if args.child == "minimal":
        child_minimal()
        return 0
    if args.child == "kiosk":
        child_kiosk(args.data_dir)
        return 0
    runs = args.runs or (3 if args.quick else 10)
    data_dir = tempfile.mkdtemp(prefix="bench-ui-data-")
    # first start of a terminal (store created, sample catalog imported): not measured
    sample("kiosk", data_dir)
    sample("minimal", data_dir)
    minimal: list[float] = []
    kiosk: list[float] = []
    for _ in range(runs):  # interleaved, so both see the same machine state
        minimal.append(sample("minimal", data_dir))
        kiosk.append(sample("kiosk", data_dir))
    m, k = stats_ms(minimal), stats_ms(kiosk)
    ratio = statistics.median(kiosk) / statistics.median(minimal)
    rows = [{"what": "minimal QML window", **m}, {"what": "kiosk start screen", **k}]
    print_table(
        "process start → first frame, event loop idle (offscreen)",
        rows,
        ["what", "n", "median_ms", "p95_ms", "min_ms", "max_ms"],
    )
    print(f"\nratio kiosk / minimal (medians): {ratio:.2f}×  (goal ≤ 1.5×)")
    write_results(
        "ui_start",
        {
            "runs": runs,
            "minimal": m,
            "kiosk": k,
            "ratio_median": round(ratio, 3),
            "goal_ratio": 1.5,
            "meets_goal": ratio <= 1.5,
        },
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
