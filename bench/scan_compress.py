"""Scan-and-compress speed: a 200×200 mm page at 200 dpi grey (SANE ``test`` backend's
maximum) through our driver — libsane scan, blank/unreadable check, compression to JPEG —
against ``scanimage`` writing the same page to a PNG file, in the same run. Plus compression
alone of a true A4 document page (tests/output_devices/data, with seeded scanner noise).

    .venv/bin/python bench/scan_compress.py            # 15 rounds
    .venv/bin/python bench/scan_compress.py --quick    # 3 rounds (smoke test)

Uses a private SANE_CONFIG_DIR (dll.conf = test), never the system configuration.
Writes bench/results/scan_compress.json.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from bench._common import print_table, stats_ms, write_results  # noqa: E402

PICTURES = ["Grid", "Color pattern"]


def sane_dir(base: Path) -> Path:
    d = base / "sane.d"
    d.mkdir()
    (d / "dll.conf").write_text("test\n")
    if Path("/etc/sane.d/test.conf").exists():
        shutil.copy("/etc/sane.d/test.conf", d / "test.conf")
    return d


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    rounds = 3 if args.quick else 15
    tmp = Path(tempfile.mkdtemp(prefix="bench-scan-"))
    os.environ["SANE_CONFIG_DIR"] = str(sane_dir(tmp))
    from drivers.scanner.sane_driver import SaneScanner
    from kiosk.ports.scanner import Page

    rows = []
    try:
        for pic in PICTURES:
            s = SaneScanner(
                "test:0", resolution=200, mode="Gray", timeout_s=60, options={"test-picture": pic}
            )
            s.scan()  # warm: open the device, first sane_start
            ours, size = [], 0
            for _ in range(rounds):
                t0 = time.perf_counter()
                page = s.scan()
                ours.append(time.perf_counter() - t0)
                assert isinstance(page, Page), page
                size = page.size
            s.close()
            rows.append(
                {"case": f"driver scan+check+JPEG ({pic})", "bytes": size, **stats_ms(ours)}
            )
            base, bsize = [], 0
            out = tmp / "scanimage.png"
            cmd = [
                "scanimage",
                "-d",
                "test:0",
                "--mode",
                "Gray",
                "--resolution",
                "200",
                "-x",
                "200",
                "-y",
                "200",
                "--test-picture",
                pic,
                "--format=png",
                "-o",
                str(out),
            ]
            for _ in range(rounds):
                t0 = time.perf_counter()
                subprocess.run(cmd, check=True, capture_output=True)
                base.append(time.perf_counter() - t0)
                bsize = out.stat().st_size
            rows.append(
                {
                    "case": f"baseline: scanimage --format=png ({pic})",
                    "bytes": bsize,
                    **stats_ms(base),
                }
            )

        from output_devices.scanlike import as_scanned
        from PIL import Image

        from drivers.scanner.compress import check_page, compress_page

        a4 = as_scanned(Image.open(ROOT / "tests/output_devices/data/sample_a4_200dpi.png"), seed=7)
        samples, size = [], 0
        for _ in range(rounds):
            t0 = time.perf_counter()
            assert check_page(a4) is None
            data, _ = compress_page(a4, "Gray", 200)
            samples.append(time.perf_counter() - t0)
            size = len(data)
        rows.append({"case": "A4 document 200 dpi: check+JPEG", "bytes": size, **stats_ms(samples)})
        buf = io.BytesIO()
        t0 = time.perf_counter()
        a4.save(buf, "PNG")
        rows.append(
            {
                "case": "baseline: same A4 page as PNG",
                "bytes": buf.tell(),
                **stats_ms([time.perf_counter() - t0]),
            }
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print_table(
        f"Scan and compress, 200x200 mm at 200 dpi grey ({rounds} rounds)",
        rows,
        ["case", "median_ms", "p95_ms", "bytes"],
    )
    a4_ok = rows[-2]["bytes"] < 500_000
    print(
        f"\nA4 page compressed: {rows[-2]['bytes']} bytes ({'well under' if a4_ok else 'OVER'} 500 KB)"
    )
    write_results(
        "scan_compress",
        {"quick": args.quick, "rounds": rounds, "rows": rows, "a4_under_500kb": a4_ok},
    )
    return 0 if a4_ok else 1


if __name__ == "__main__":
    sys.exit(main())
