"""Durable submission of an application with two 300 KB scans (encrypted).

Compares ``kiosk.usecases.submit.submit_application`` with a baseline that does the same
durable work with plain ``sqlite3`` and ``os`` in the same run: one row in a WAL database
with ``synchronous=FULL``, two 300 KB files written and fsynced, their directory fsynced.
Goal (issue 2): p95 within 2x of the baseline's p95.

    .venv/bin/python bench/submit.py [--quick] [--n N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sqlite3
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from core.conftest import make_item  # noqa: E402

from bench._common import print_table, stats_ms, write_results  # noqa: E402
from kiosk.config import parse_config  # noqa: E402
from kiosk.domain.records import Applicant, ApplicationDraft, MaterialInput  # noqa: E402
from kiosk.store.db import Store  # noqa: E402
from kiosk.usecases.submit import submit_application  # noqa: E402

SCAN = 300 * 1024


def baseline(root: Path, n: int) -> list[float]:
    db = sqlite3.connect(root / "base.db", isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("CREATE TABLE app (id TEXT PRIMARY KEY, body BLOB)")
    files = root / "files"
    files.mkdir()
    out = []
    for _ in range(n):
        a, b = os.urandom(SCAN), os.urandom(SCAN)
        t0 = time.perf_counter()
        for data in (a, b):
            name = files / uuid.uuid4().hex
            fd = os.open(name, os.O_WRONLY | os.O_CREAT, 0o600)
            os.write(fd, data)
            os.fsync(fd)
            os.close(fd)
        dfd = os.open(files, os.O_RDONLY | os.O_DIRECTORY)
        os.fsync(dfd)
        os.close(dfd)
        db.execute("BEGIN IMMEDIATE")
        db.execute("INSERT INTO app VALUES (?, ?)", (uuid.uuid4().hex, b"x" * 1500))
        db.execute("COMMIT")
        out.append(time.perf_counter() - t0)
    db.close()
    return out


def kiosk(root: Path, n: int) -> list[float]:
    cfg = parse_config({"terminal": {"kiosk_id": "K-BENCH"}})
    store = Store.open(root / "kiosk", cfg)
    store.catalog.replace_all([make_item(1)], version=1)
    applicant = Applicant(name="张三", id_number="11010519491231002X", phone="13812345678")
    out = []
    now = dt.datetime(2026, 11, 27, 8, 0, tzinfo=dt.UTC)
    code = make_item(1)["item_code"]
    for i in range(n):
        draft = ApplicationDraft(
            item_code=code,
            applicant=applicant,
            form={
                "applicant_name": "张三",
                "id_number": "11010519491231002X",
                "phone": "13812345678",
                "reason": "expired",
            },
            materials=(
                MaterialInput(
                    "M1", "原居民身份证", "scan", content=os.urandom(SCAN), mime="image/jpeg"
                ),
                MaterialInput("M2", "户口簿", "scan", content=os.urandom(SCAN), mime="image/jpeg"),
                MaterialInput("M4", "无犯罪记录证明", "promise"),
            ),
            commitment_accepted=True,
        )
        t0 = time.perf_counter()
        submit_application(store, draft, now=now + dt.timedelta(days=i // 9000))
        out.append(time.perf_counter() - t0)
    store.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true", help="20 submissions (CI smoke test)")
    ap.add_argument("--n", type=int, default=None)
    args = ap.parse_args()
    n = args.n or (20 if args.quick else 200)
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as d:
        root = Path(d)
        # interleave in halves so that disk-cache drift hits both alike
        base = baseline(root / "b1", n // 2) if (root / "b1").mkdir() is None else []
        ours = kiosk(root / "k1", n // 2)
        base += baseline(root / "b2", n - n // 2) if (root / "b2").mkdir() is None else []
        ours += kiosk(root / "k2", n - n // 2)
    b, k = stats_ms(base), stats_ms(ours)
    ratio_p95 = k["p95_ms"] / b["p95_ms"]
    ratio_med = k["median_ms"] / b["median_ms"]
    rows = [{"case": "baseline sqlite3+os", **b}, {"case": "kiosk submit_application", **k}]
    print_table(
        f"Durable submit, two {SCAN // 1024} KB scans, n={n}",
        rows,
        ["case", "n", "median_ms", "p95_ms", "min_ms", "max_ms"],
    )
    print(
        f"\nratio kiosk/baseline: median {ratio_med:.2f}x, p95 {ratio_p95:.2f}x (goal p95 <= 2.0x)"
    )
    write_results(
        "submit",
        {
            "n": n,
            "scan_bytes": SCAN,
            "baseline": b,
            "kiosk": k,
            "ratio_median": round(ratio_med, 3),
            "ratio_p95": round(ratio_p95, 3),
            "goal_ratio_p95": 2.0,
            "goal_met": ratio_p95 <= 2.0,
        },
    )


if __name__ == "__main__":
    main()
