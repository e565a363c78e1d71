"""Screen transition after a tap (offscreen) and memory over many sessions.

1. Tap → next screen's first frame: a real mouse click on the window (``ui.driving.tap``)
   until the window has swapped a frame showing the new screen, for the journey's first
   steps (start → finder → guide → identify → home). Baseline, same run, same measure: an
   empty QML page switch (a Loader flipping between two empty pages on a tap).
   Goal: p95 ≤ 33 ms (two frames at 60 Hz).
2. Resident set size after N scripted sessions (find, identify, form, materials, submit,
   receipt, rating, wipe) against after 10. Goal: within 5 %.

The interface runs on the in-process fake backend (ui.fakes) so that device timing does not
enter the figures. ``--quick``: fewer taps and 100 sessions instead of 1,000.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench._common import print_table, stats_ms, write_results  # noqa: E402

BASELINE_QML = b"""
import QtQuick
import QtQuick.Controls.Basic
ApplicationWindow {
    width: 1080; height: 1920; visible: true
    property int page: 0
    Loader { anchors.fill: parent; sourceComponent: page % 2 ? a : b }
    Component { id: a; Item {} }
    Component { id: b; Item {} }
    Button { objectName: "flip"; width: 200; height: 100; onClicked: page += 1 }
}
"""


def rss_kb() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


class FrameClock:
    """Time from a tap to the first frame swapped after ``changed`` fired."""

    def __init__(self, window: object) -> None:
        self.window = window
        self.pending = False
        self.t_done = 0.0
        window.frameSwapped.connect(self._swapped)  # type: ignore[attr-defined]

    def changed(self) -> None:
        self.pending = True

    def _swapped(self) -> None:
        if self.pending:
            self.pending = False
            self.t_done = time.perf_counter()

    def measure(self, tap: object, timeout_s: float = 5.0) -> float:
        from ui.qtprops import process_events

        self.t_done = 0.0
        t0 = time.perf_counter()
        tap()  # type: ignore[operator]
        end = t0 + timeout_s
        while self.t_done == 0.0:
            process_events()
            if time.perf_counter() > end:
                raise TimeoutError("no frame after the tap")
        return self.t_done - t0


def baseline(n: int) -> list[float]:
    from PySide6.QtCore import QByteArray, QUrl
    from PySide6.QtQml import QQmlApplicationEngine

    from ui.driving import settle, tap
    from ui.shell import as_quick_window

    eng = QQmlApplicationEngine()
    eng.loadData(
        QByteArray(BASELINE_QML), QUrl.fromLocalFile(str(Path(__file__).with_name("baseline.qml")))
    )
    win = as_quick_window(eng.rootObjects()[0])
    settle(100)
    clock = FrameClock(win)
    eng.rootObjects()[0].pageChanged.connect(clock.changed)
    out = [clock.measure(lambda: tap(win, "flip")) for _ in range(n)]
    win.close()
    eng.deleteLater()
    return out


def kiosk_taps(ui: object, fake: object, n: int) -> list[float]:
    from ui.driving import settle, tap

    code = next(it["item_code"] for it in fake.items if it["name"] == "失业保险金申领")  # type: ignore[attr-defined]
    w = ui.window  # type: ignore[attr-defined]
    clock = FrameClock(w)
    ui.session.screenChanged.connect(clock.changed)  # type: ignore[attr-defined]
    settle(100)
    out: list[float] = []
    plan = [
        ("btnStart", "finder"),
        ("item_" + code, "guide"),
        ("btnApply", "identify"),
        ("btnHome", "attract"),
    ]
    while len(out) < n:
        for name, screen in plan:
            out.append(clock.measure(lambda name=name: tap(w, name)))
            assert ui.session.screen == screen, (name, ui.session.screen)  # type: ignore[attr-defined]
            if screen == "finder":  # typed on the keyboard in real life; not a screen change
                ui.catalog.setQuery("失业保险金")  # type: ignore[attr-defined]
            settle(5)
    return out[:n]


def one_session(ui: object, fake: object, code: str) -> None:
    from ui.driving import settle, wait_until

    s = ui.session  # type: ignore[attr-defined]
    s.go("finder")
    ui.catalog.select(code)  # type: ignore[attr-defined]
    s.go("identify")
    ui.identify.start("id_card")  # type: ignore[attr-defined]
    wait_until(lambda: s.screen == "form", 5)
    values = {
        "phone": "13800138000",
        "last_employer": "某公司",
        "leave_date": "2026-10-31",
        "bank_account": "6214830100001238",
    }
    for f in ui.form.fields:  # type: ignore[attr-defined]
        if f["type"] == "enum":
            ui.form.setValue(f["name"], f["options"][0]["value"])  # type: ignore[attr-defined]
        elif f["name"] in values:
            ui.form.setValue(f["name"], values[f["name"]])  # type: ignore[attr-defined]
    ui.form.next()  # type: ignore[attr-defined]
    settle(1)
    ui.materials.scan("id_card")  # type: ignore[attr-defined]
    wait_until(lambda: ui.materials.busy == "", 5)  # type: ignore[attr-defined]
    ui.materials.markMissing("termination")  # type: ignore[attr-defined]
    ui.materials.confirmCommitment(True)  # type: ignore[attr-defined]
    ui.materials.next()  # type: ignore[attr-defined]
    ui.submission.submit()  # type: ignore[attr-defined]
    wait_until(lambda: ui.submission.printState == "printed", 5)  # type: ignore[attr-defined]
    ui.submission.toRating()  # type: ignore[attr-defined]
    ui.rating.skip()  # type: ignore[attr-defined]
    settle(1)
    s.home()
    settle(1)
    fake.submitted.clear()  # type: ignore[attr-defined]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--taps", type=int, default=None)
    ap.add_argument("--sessions", type=int, default=None)
    args = ap.parse_args()
    taps = args.taps or (40 if args.quick else 200)
    sessions = args.sessions or (100 if args.quick else 1000)

    from ui.boot import make_app, prepare_environment
    from ui.fakes import FakeBackend, still_ui

    root = Path(tempfile.mkdtemp(prefix="bench-ui-"))
    prepare_environment(root, keyboard=False)
    make_app(["bench"])
    base = baseline(taps)
    fake = FakeBackend()
    ui = still_ui(fake, root / "s", idle_timeout_s=3600)
    kiosk = kiosk_taps(ui, fake, taps)
    b, k = stats_ms(base), stats_ms(kiosk)
    print_table(
        "tap → first frame of the next screen (offscreen)",
        [{"what": "empty QML page switch", **b}, {"what": "kiosk screen change", **k}],
        ["what", "n", "median_ms", "p95_ms", "min_ms", "max_ms"],
    )
    print(f"kiosk p95 {k['p95_ms']:.1f} ms (goal ≤ 33 ms)")

    code = next(it["item_code"] for it in fake.items if it["name"] == "失业保险金申领")
    t0 = time.perf_counter()
    for _ in range(10):
        one_session(ui, fake, code)
    rss10 = rss_kb()
    for _ in range(sessions - 10):
        one_session(ui, fake, code)
    rss_n = rss_kb()
    took = time.perf_counter() - t0
    growth = (rss_n - rss10) / rss10 * 100
    print_table(
        "resident set size over scripted sessions",
        [{"after": 10, "rss_kb": rss10}, {"after": sessions, "rss_kb": rss_n}],
        ["after", "rss_kb"],
    )
    print(f"growth {growth:+.2f} % (goal within 5 %); {sessions} sessions in {took:.1f} s")
    ui.close()
    write_results(
        "ui_transition",
        {
            "taps": taps,
            "baseline_page_switch": b,
            "kiosk_transition": k,
            "goal_p95_ms": 33,
            "meets_transition_goal": k["p95_ms"] <= 33,
            "sessions": sessions,
            "rss_kb_after_10": rss10,
            f"rss_kb_after_{sessions}": rss_n,
            "rss_growth_pct": round(growth, 2),
            "meets_rss_goal": abs(growth) <= 5,
        },
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
