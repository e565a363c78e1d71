"""Catalog import: a 10,000-item generated catalog file into a fresh store, as
``kiosk catalog import`` does it (read and parse with limits, validate every item, one
transaction), against ``json.load`` of the same file as the baseline.

Each phase runs in its own child process, so that its peak RSS (``VmHWM``) is its own;
the time is the phase alone (from opening the file to the commit), measured inside the child
after its imports. The goal (issue 10): import ≤ 2 s and peak RSS ≤ 150 MB.

    .venv/bin/python bench/catalog_import.py            # 10,000 items
    .venv/bin/python bench/catalog_import.py --quick    # 1,000 items (smoke test)

Writes bench/results/catalog_import.json (or under $BENCH_RESULTS_DIR).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._common import print_table, write_results  # noqa: E402

GOAL_S = 2.0
GOAL_RSS_MB = 150.0


def _peak_rss_mb() -> float:
    """This process's peak RSS: VmHWM (ru_maxrss would carry the parent's over fork+exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _child(phase: str, file: str, data_dir: str) -> dict[str, Any]:
    """One phase in this process; returns its figures."""
    if phase == "json_load":
        rss0 = _peak_rss_mb()
        t0 = time.perf_counter()
        with open(file, encoding="utf-8") as fh:
            items = json.load(fh)["items"]
        seconds = time.perf_counter() - t0
        return {"seconds": seconds, "items": len(items), "rss_before_mb": rss0}
    from kiosk.catalog.stream import stream_catalog_file
    from kiosk.catalog.validate import _fast_check
    from kiosk.config import parse_config
    from kiosk.store.db import Store

    store = Store.open(data_dir, parse_config({"terminal": {"kiosk_id": "K-BENCH"}}))
    _fast_check()  # compiled once per process, as in a long-running kiosk
    rss0 = _peak_rss_mb()
    t0 = time.perf_counter()
    stream = stream_catalog_file(file)  # as `kiosk catalog import` does: one item at a time
    change = store.catalog.import_stream(stream.items(), lambda: stream.version, "import:bench")
    seconds = time.perf_counter() - t0
    store.close()
    return {"seconds": seconds, "items": change.total, "rss_before_mb": rss0}


def run_child(phase: str, file: Path, data_dir: Path) -> dict[str, Any]:
    r = subprocess.run(
        [sys.executable, __file__, "--child", phase, str(file), str(data_dir)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if r.returncode != 0:
        raise SystemExit(f"{phase} failed:\n{r.stderr[-2000:]}")
    return json.loads(r.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="1,000 items, one repeat")
    ap.add_argument("-n", type=int, default=None, help="number of generated items")
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--repeats", type=int, default=None)
    ap.add_argument(
        "--child", nargs=3, metavar=("PHASE", "FILE", "DATA_DIR"), help=argparse.SUPPRESS
    )
    args = ap.parse_args(argv)
    if args.child:
        out = _child(*args.child)
        out["peak_rss_mb"] = _peak_rss_mb()
        print(json.dumps(out))
        return 0
    n = args.n or (1_000 if args.quick else 10_000)
    repeats = args.repeats or (1 if args.quick else 5)

    from kiosk.catalog.files import write_catalog_file
    from kiosk.catalog.generator import generate_items

    with tempfile.TemporaryDirectory(prefix="bench-catalog-") as tmp:
        file = Path(tmp) / "catalog.json"
        write_catalog_file(file, 5, generate_items(n, args.seed))
        size_mb = file.stat().st_size / 1e6
        runs: dict[str, list[dict[str, Any]]] = {"json_load": [], "import": []}
        for i in range(repeats):  # interleaved, so machine noise hits both alike
            for phase in runs:
                runs[phase].append(run_child(phase, file, Path(tmp) / f"data-{phase}-{i}"))

    def median(phase: str) -> float:
        return statistics.median(r["seconds"] for r in runs[phase])

    base_s, ours_s = median("json_load"), median("import")
    rows = [
        {
            "phase": name,
            "seconds (median)": round(median(key), 3),
            "seconds (all)": " ".join(f"{x['seconds']:.2f}" for x in runs[key]),
            "peak RSS MB (max)": round(max(x["peak_rss_mb"] for x in runs[key]), 1),
            "RSS before MB": round(statistics.median(x["rss_before_mb"] for x in runs[key]), 1),
        }
        for name, key in (("json.load (baseline)", "json_load"), ("import", "import"))
    ]
    load = os.getloadavg()[0]
    print(
        f"catalog import of {n} generated items ({size_mb:.1f} MB file); median of {repeats}; "
        f"load average {load:.2f} on {os.cpu_count()} CPUs"
    )
    print_table("import vs json.load of the same file", rows, list(rows[0]))
    peak = max(x["peak_rss_mb"] for x in runs["import"])
    base_peak = max(x["peak_rss_mb"] for x in runs["json_load"])
    print(
        f"\nimport (streamed, validated, stored): {ours_s / base_s:.2f}× the time of json.load, "
        f"{peak / base_peak:.2f}× its peak RSS"
    )
    meets = ours_s <= GOAL_S and peak <= GOAL_RSS_MB
    print(
        f"goal: ≤ {GOAL_S:g} s and peak RSS ≤ {GOAL_RSS_MB:g} MB at 10,000 items: "
        f"{'ok' if meets else 'MISSED'}{' (quick run: not the goal size)' if args.quick else ''}"
    )
    write_results(
        "catalog_import",
        {
            "items": n,
            "seed": args.seed,
            "quick": args.quick,
            "repeats": repeats,
            "file_mb": round(size_mb, 2),
            "goal_s": GOAL_S,
            "goal_peak_rss_mb": GOAL_RSS_MB,
            "json_load": runs["json_load"],
            "import": runs["import"],
            "median_import_s": round(ours_s, 3),
            "median_json_load_s": round(base_s, 3),
            "time_ratio_vs_json_load": round(ours_s / base_s, 2),
            "import_peak_rss_mb": round(peak, 1),
            "json_load_peak_rss_mb": round(base_peak, 1),
            "meets_goal": meets,
            "load_average_1min": round(load, 2),
        },
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
