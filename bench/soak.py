"""Soak: many scripted resident sessions, with device faults and network cuts mixed in.

Runs **in-process**: the real kiosk (``terminal.root.build`` on the embedded defaults: every
device simulated on its real OS path — ID and QR readers on ptys, the printer on loopback TCP,
SANE's ``test`` backend through libsane in the scanner's own process — the platform simulator
behind its network switch over loopback HTTP, the sync agent in its thread) under the real
:class:`ui.shell.KioskUi` (QML, offscreen), driven by taps and typed text the way the journey
tests do (:mod:`ui.driving`). A separate ``kiosk run`` process has no channel to tap its
window from outside, so this is the same composition ``kiosk run`` makes, in this process.
Voice is off (``--voice`` turns it on) and the social security card reader needs a pcscd:
without one it is unavailable, as on a kiosk without it.

Sessions cycle through the journeys: apply (search → identify by card → form → materials:
scan, e-license or 容缺 + 告知承诺 → submit → receipt → rating), status lookup, help and
problem reports. Faults mixed in (in turn; the other choices seeded): card pulled mid-read (the resident
inserts it again), paper out at receipt time (then paper in and reprint), scanner jam (then
a retake), network cut before submitting (restored after the session).

Checked and printed:

- no crash: every session ends on the start screen; a step that fails is counted with its
  reason (the run goes on from the start screen);
- no freeze: every step is answered within its deadline (``STEP_DEADLINE_S``; the slowest
  step is printed);
- memory: the process's RSS at the end against after 100 sessions (``--quick``: after a
  quarter of the sessions); goal within 5 %;
- delivery: after the run, with the network up, every application the kiosk accepted is on
  the platform simulator exactly once (its ledger), and nothing else is.

Results: ``bench/results/soak.json`` (``$BENCH_RESULTS_DIR`` redirects). ``--quick``: 8
sessions. Exit status 1 when a check fails.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
import traceback
from array import array
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench._common import print_table, stats_ms, write_results  # noqa: E402

ITEM_NAME = "失业保险金申领"
ITEM_QUERY = "失业保险金"
FORM_VALUES = {
    "phone": "13800138000",
    "last_employer": "北京某某科技有限公司",
    "leave_date": "2026-10-31",
    "bank_account": "6214830100001238",
}
STEP_DEADLINE_S = 90.0
"""A step not answered in this long is a freeze (a scan may take the scanner's 30 s timeout)."""
JOURNEYS = ["apply", "apply", "apply", "status", "feedback"]
FAULTS = ["none", "card_pull", "paper_out", "scanner_jam", "network_cut", "none"]
"""Cycled through the apply sessions in turn, so even ``--quick`` meets every fault."""


def rss_kb() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


class StepFailed(Exception):
    pass


class Soak:
    def __init__(self, kiosk: Any, ui: Any) -> None:
        from ui import driving

        self.k = kiosk
        self.ui = ui
        self.d = driving
        # compact (4 bytes a step): the bench's own figures must not grow the RSS it measures
        self.step_s = array("f")
        self.slowest = (0.0, "")
        self.submitted: list[str] = []
        self.failures: Counter[str] = Counter()
        self.journeys: Counter[str] = Counter()
        self.faults: Counter[str] = Counter()

    # ------------------------------------------------------------- primitives
    def step(self, what: str, cond: Any, deadline_s: float = STEP_DEADLINE_S) -> None:
        t0 = time.monotonic()
        try:
            self.d.wait_until(cond, deadline_s, what)
        except TimeoutError as exc:
            raise StepFailed(f"freeze? {what}") from exc
        dt = time.monotonic() - t0
        self.step_s.append(dt)
        if dt > self.slowest[0]:
            self.slowest = (dt, what)

    def tap(self, name: str, wait_s: float = 10.0) -> None:
        self.step(f"{name} shown", lambda: self.d.find(self.ui.window, name) is not None, wait_s)
        try:
            self.d.tap(self.ui.window, name)
        except (LookupError, RuntimeError) as exc:
            raise StepFailed(f"tap {name}: {exc}") from exc

    def on(self, screen: str) -> None:
        self.step(f"screen {screen}", lambda: self.ui.session.screen == screen)
        self.d.settle(20)

    # ------------------------------------------------------------- journeys
    def find_service(self) -> None:
        self.tap("btnStart")
        self.on("finder")
        self.d.type_into(self.ui.window, "field_search", ITEM_QUERY)
        code = next(
            it["item_code"] for it in self.ui.backend.catalog_items() if it["name"] == ITEM_NAME
        )
        self.tap("item_" + code)
        self.on("guide")
        self.tap("btnApply")
        self.on("identify")

    def identify(self, fault: str) -> None:
        from terminal.devpanel import demo_card

        ctl = self.k.sims["id_reader"].control
        faults = ["pull-mid-read:once"] if fault == "card_pull" else []
        ctl.update(card=demo_card("resident"), faults=faults)
        self.step("card reader usable", lambda: self.ui.identify.available.get("id_card") is True)
        self.tap("btnIdCard")
        if fault == "card_pull":
            # the card came out mid-read: the screen says so; the resident inserts it again
            ident = self.ui.identify
            self.step(
                "card pulled answered",
                lambda: self.ui.session.screen == "form" or ident.state == "error",
            )
            if self.ui.session.screen != "form":
                ctl.update(card=demo_card("resident"), faults=[])
                self.tap("btnIdentifyRetry")
        self.on("form")

    def fill_form(self) -> None:
        w = self.ui.window
        for name, value in FORM_VALUES.items():
            self.d.type_into(w, "field_" + name, value)
        reason = next(f for f in self.ui.form.fields if f["name"] == "leave_reason")
        self.tap(f"opt_leave_reason_{reason['options'][0]['value']}")
        self.step("form complete", lambda: self.ui.form.canContinue)
        self.tap("btnFormNext")
        self.on("materials")

    def scan_id_card(self) -> str:
        self.tap("btnScan_id_card")
        self.step("scan answered", lambda: self.ui.materials.busy == "")
        row = next(r for r in self.ui.materials.rows if r["id"] == "id_card")
        return str(row["status"])

    def materials(self, fault: str, rng: random.Random) -> None:
        m = self.ui.materials
        use_license = rng.random() < 0.3 and m.online
        if use_license and self.d.find(self.ui.window, "btnLicense_id_card") is None:
            try:
                self.d.wait_until(
                    lambda: self.d.find(self.ui.window, "btnLicense_id_card") is not None, 10
                )
            except TimeoutError:
                use_license = False
        if use_license:
            self.tap("btnLicense_id_card")
        else:
            if fault == "scanner_jam":
                self.k.control("scanner_jam")
                status = self.scan_id_card()
                if status != "failed":
                    raise StepFailed(f"jammed scanner gave {status}")
                self.k.control("scanner_ok")
            for _ in range(3):  # SANE's test backend may time out a scan: a resident retakes
                if self.scan_id_card() == "scanned":
                    break
            else:
                raise StepFailed("three scans without a page")
        self.tap("btnMissing_termination")
        self.tap("btnCommit")
        self.step("materials complete", lambda: m.canContinue)
        self.tap("btnMaterialsNext")
        self.on("review")

    def apply(self, fault: str, rng: random.Random) -> None:
        self.find_service()
        self.identify(fault)
        self.fill_form()
        self.materials(fault, rng)
        if fault == "network_cut":
            self.k.control("network_down")
        if fault == "paper_out":
            self.k.control("paper_out")
        self.tap("btnSubmit")
        self.step("receipt", lambda: self.ui.session.screen in ("receipt", "review"))
        if self.ui.session.screen != "receipt":
            raise StepFailed("submit did not reach the receipt")
        sub = self.ui.submission
        self.step("receipt printed", lambda: sub.printState not in ("", "printing"))
        self.submitted.append(sub.result["localRef"])
        if fault == "paper_out":
            self.k.control("paper_in")
            self.tap("btnReprint")
            self.step("reprinted", lambda: sub.printState not in ("", "printing", "paper_out"))
        self.tap("btnToRating")
        self.on("rating")
        if rng.random() < 0.5:
            self.tap("rate_5")
            self.tap("btnSendRating")
        else:
            self.tap("btnSkipRating")
        self.on("done")
        self.tap("btnFinish")
        self.on("attract")
        if fault == "network_cut":
            self.k.control("network_up")

    def status(self, rng: random.Random) -> None:
        self.tap("btnStatus")
        self.on("status")
        ref = rng.choice(self.submitted) if self.submitted else "KIOSK-NONE-000000"
        self.d.type_into(self.ui.window, "field_ref", ref)
        self.tap("btnLookup")
        st = self.ui.status
        self.step("status answered", lambda: st.state in ("found", "offline", "not_found"))
        self.tap("btnStatusDone")
        self.on("attract")

    def feedback(self, rng: random.Random) -> None:
        if rng.random() < 0.5:
            self.tap("btnHelp")
            self.on("help")
            self.tap("help_elderly")
            self.step("help stored", lambda: self.ui.help.state in ("sent", "error"))
            self.tap("btnHelpBack")
        else:
            self.tap("btnProblem")
            self.on("problem")
            self.tap("cat_cannot_find")
            self.tap("btnProblemSend")
            self.step("problem stored", lambda: self.ui.problem.state in ("sent", "error"))
            self.ui.session.home()
        self.on("attract")

    def session(self, i: int, rng: random.Random) -> None:
        journey = JOURNEYS[i % len(JOURNEYS)]
        fault = FAULTS[self.journeys["apply"] % len(FAULTS)] if journey == "apply" else "none"
        self.journeys[journey] += 1
        self.faults[fault] += 1
        try:
            if journey == "apply":
                self.apply(fault, rng)
            elif journey == "status":
                self.status(rng)
            else:
                self.feedback(rng)
        except Exception as exc:  # noqa: BLE001 - counted, and the kiosk goes on
            reason = str(exc) if isinstance(exc, StepFailed) else f"{type(exc).__name__}: {exc}"
            self.failures[f"{journey}/{fault}: {reason}"] += 1
            print(f"session {i} failed: {journey}/{fault}: {reason}", flush=True)
            if not isinstance(exc, StepFailed):
                traceback.print_exc()
            for action in ("network_up", "paper_in", "scanner_ok"):
                self.k.control(action)
            self.ui.session.home()
            self.d.settle(100)


def ledger_check(kiosk: Any, refs: list[str], wait_s: float) -> dict[str, Any]:
    from ui.driving import wait_until

    def counts() -> Counter[str]:
        return Counter(a["local_ref"] for a in kiosk.platform_sim.store.ledger()["applications"])

    try:
        wait_until(lambda: all(counts()[r] >= 1 for r in refs), wait_s, "drain")
    except TimeoutError:
        pass
    c = counts()
    missing = [r for r in refs if c[r] == 0]
    doubled = [r for r in refs if c[r] > 1]
    unknown = [r for r in c if r not in set(refs)]
    return {
        "accepted": len(refs),
        "on_platform": sum(c.values()),
        "missing": missing,
        "duplicated": doubled,
        "unexpected": unknown,
        "exactly_once": not missing and not doubled and not unknown,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sessions", type=int, default=None)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--voice", action="store_true")
    ap.add_argument("--out", default="soak", help="result file name (bench/results/<out>.json)")
    args = ap.parse_args()
    n = args.sessions or (8 if args.quick else 2000)
    mark = 100 if n >= 400 else max(2, n // 4)

    from kiosk.config import parse_config
    from terminal.root import build
    from ui.boot import make_app, prepare_environment

    root = Path(tempfile.mkdtemp(prefix="bench-soak-"))
    prepare_environment(root / "runtime")
    app = make_app(["soak"])  # noqa: F841 - kept alive for the run
    cfg = parse_config({"ui": {"voice": args.voice, "developer_panel": True}})
    kiosk = build(cfg, root / "data")
    from ui.shell import KioskUi

    ui = KioskUi(
        kiosk.backend,
        voice=args.voice,
        still=True,
        keyboard=True,
        developer_panel=True,
        dev_control=kiosk.control,
        runtime_root=root / "sessions",
        idle_timeout_s=600,
        idle_warning_s=30,
        health_poll_ms=500,
        identify_timeout_s=20.0,
    )
    soak = Soak(kiosk, ui)
    rng = random.Random(args.seed)
    t_start = time.monotonic()
    rss_mark = rss_end = 0
    done = 0
    trend: list[tuple[int, int]] = []
    try:
        soak.step("start screen", lambda: ui.session.screen == "attract")
        for i in range(n):
            soak.session(i, rng)
            done = i + 1
            if done == mark:
                rss_mark = rss_kb()
            if done % 50 == 0 or done == n:
                trend.append((done, rss_kb()))
                elapsed = time.monotonic() - t_start
                print(
                    f"[{time.strftime('%H:%M:%S')}] {done}/{n} sessions, {elapsed:.0f} s, "
                    f"RSS {rss_kb() / 1024:.1f} MB, failures {sum(soak.failures.values())}",
                    flush=True,
                )
        rss_end = rss_kb()
        kiosk.control("network_up")
        ledger = ledger_check(kiosk, soak.submitted, 180.0)
    finally:
        ui.close()
        kiosk.close()
    elapsed = time.monotonic() - t_start
    growth = (rss_end - rss_mark) / rss_mark * 100 if rss_mark else float("nan")
    steps = stats_ms(list(soak.step_s)) if soak.step_s else {}
    rows = [
        {"figure": "sessions", "value": done},
        {"figure": "wall time (s)", "value": round(elapsed, 1)},
        {"figure": "failed sessions", "value": sum(soak.failures.values())},
        {"figure": "step median (ms)", "value": steps.get("median_ms")},
        {"figure": "step p95 (ms)", "value": steps.get("p95_ms")},
        {"figure": "slowest step (s)", "value": f"{soak.slowest[0]:.1f} ({soak.slowest[1]})"},
        {"figure": f"RSS after {mark} (MB)", "value": round(rss_mark / 1024, 1)},
        {"figure": "RSS at the end (MB)", "value": round(rss_end / 1024, 1)},
        {"figure": "RSS growth (%), goal <= 5", "value": round(growth, 2)},
        {"figure": "applications accepted", "value": ledger["accepted"]},
        {"figure": "on the platform", "value": ledger["on_platform"]},
        {"figure": "exactly once", "value": ledger["exactly_once"]},
    ]
    print_table(f"Soak: {done} sessions (seed {args.seed})", rows, ["figure", "value"])
    for reason, count in soak.failures.most_common():
        print(f"  failed x{count}: {reason}")
    ok = (
        done == n
        and not soak.failures
        and soak.slowest[0] < STEP_DEADLINE_S
        and ledger["exactly_once"]
        and (growth <= 5.0 or args.quick)
    )
    write_results(
        args.out,
        {
            "mode": "in-process (real KioskUi offscreen, embedded simulators)",
            "sessions": done,
            "quick": args.quick,
            "seed": args.seed,
            "wall_s": round(elapsed, 1),
            "journeys": dict(soak.journeys),
            "faults": dict(soak.faults),
            "failures": dict(soak.failures),
            "steps": steps,
            "slowest_step": {"s": round(soak.slowest[0], 2), "what": soak.slowest[1]},
            "step_deadline_s": STEP_DEADLINE_S,
            "rss_kb": {"after": mark, "at_mark": rss_mark, "at_end": rss_end},
            "rss_growth_pct": round(growth, 2),
            "rss_goal_pct": 5.0,
            "rss_trend_kb": trend,
            "ledger": ledger,
            "ok": ok,
        },
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
