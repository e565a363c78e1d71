"""Receipt rendering speed and size: the sample acceptance receipt from plain data to ESC/POS
bytes (template + layout + encoding), per paper width and printer profile.

Baseline in the same run: python-escpos used directly (its ``text()`` per line, which picks
GB18030 only for strings with U+4E00–U+9FA5 and never enters Chinese mode, and its own
``qr()``) on the same laid-out lines. Goal: median ≤ 20 ms for the default profile (80 mm,
Chinese text mode, native QR). Also: bytes per receipt with native vs raster QR.

    .venv/bin/python bench/receipt_render.py            # 200 rounds
    .venv/bin/python bench/receipt_render.py --quick    # 20 rounds (smoke test)

Writes bench/results/receipt_render.json.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._common import print_table, stats_ms, write_results  # noqa: E402
from drivers.printer.render import RenderOptions, render  # noqa: E402
from kiosk.receipts import QR, Text, build_receipt  # noqa: E402
from kiosk.receipts.blocks import pad_line  # noqa: E402
from kiosk.receipts.sample import sample_receipt_data  # noqa: E402

GOAL_MEDIAN_MS = 20.0
TEMPLATE = "https://zwfw.example.gov.cn/status?ref={local_ref}"

CASES = [
    ("80mm text, native QR (default)", 80, RenderOptions()),
    ("80mm text, raster QR", 80, RenderOptions(native_qr=False)),
    ("58mm text, native QR", 58, RenderOptions(dots=384)),
    ("58mm text, raster QR", 58, RenderOptions(dots=384, native_qr=False)),
    ("80mm bitmap text, native QR", 80, RenderOptions(bitmap_text=True)),
    ("80mm bitmap text, raster QR", 80, RenderOptions(bitmap_text=True, native_qr=False)),
    ("58mm bitmap text, raster QR", 58, RenderOptions(dots=384, bitmap_text=True, native_qr=False)),
]


def escpos_baseline(doc, native: bool) -> bytes:  # type: ignore[no-untyped-def]
    from escpos.printer import Dummy

    p = Dummy()
    p.profile.profile_data["media"]["width"]["pixels"] = doc.dots
    for b in doc.blocks:
        if isinstance(b, Text):
            p.textln(pad_line(b.text, doc.columns // b.size, b.align))
        elif isinstance(b, QR):
            p.qr(b.payload, native=native, size=b.module)
    p.cut()
    return p.output


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    rounds = 20 if args.quick else 200
    data = sample_receipt_data(
        terminal_id="KIOSK-DEMO-0001", hotline="12345", now=datetime(2026, 11, 27, 10, 0)
    )

    rows = []
    for name, width, opt in CASES:
        render(
            build_receipt(data, width_mm=width, status_url_template=TEMPLATE), opt
        )  # warm (fonts)
        samples = []
        size = 0
        for _ in range(rounds):
            t0 = time.perf_counter()
            out = render(build_receipt(data, width_mm=width, status_url_template=TEMPLATE), opt)
            samples.append(time.perf_counter() - t0)
            size = len(out)
        rows.append({"case": name, "bytes": size, **stats_ms(samples)})
    for native in (True, False):
        doc = build_receipt(data, width_mm=80, status_url_template=TEMPLATE)
        escpos_baseline(doc, native)
        samples = []
        for _ in range(rounds):
            t0 = time.perf_counter()
            out = escpos_baseline(
                build_receipt(data, width_mm=80, status_url_template=TEMPLATE), native
            )
            samples.append(time.perf_counter() - t0)
        rows.append(
            {
                "case": f"baseline: python-escpos text()+qr(native={native}), 80mm",
                "bytes": len(out),
                **stats_ms(samples),
            }
        )
    print_table(
        f"Receipt to bytes ({rounds} rounds each)", rows, ["case", "median_ms", "p95_ms", "bytes"]
    )
    default = rows[0]
    ok = default["median_ms"] <= GOAL_MEDIAN_MS
    native, raster = rows[0]["bytes"], rows[1]["bytes"]
    print(
        f"\ngoal: default profile median ≤ {GOAL_MEDIAN_MS} ms → {default['median_ms']:.2f} ms {'PASS' if ok else 'FAIL'}"
    )
    print(
        f"bytes per 80 mm receipt: native QR {native}, raster QR {raster} ({raster / native:.1f}×)"
    )
    write_results(
        "receipt_render",
        {
            "quick": args.quick,
            "rounds": rounds,
            "goal_median_ms": GOAL_MEDIAN_MS,
            "goal_met": ok,
            "rows": rows,
        },
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
