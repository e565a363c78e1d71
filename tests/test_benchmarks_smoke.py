"""Every benchmark runs at its --quick size, prints its table and writes its result file.

The figures themselves are not asserted here (speed is measured, not tested); this keeps the
benchmarks from rotting between the full runs quoted in the README.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BENCHES = sorted(p.stem for p in (REPO / "bench").glob("*.py") if not p.stem.startswith("_"))


def test_there_are_benchmarks() -> None:
    assert {"search", "submit", "id_read", "receipt_render", "sync_drain", "ui_start"} <= set(
        BENCHES
    )


@pytest.mark.parametrize("name", BENCHES)
def test_benchmark_quick_run_writes_results(name: str, tmp_path: Path) -> None:
    env = dict(os.environ, BENCH_RESULTS_DIR=str(tmp_path), QT_QPA_PLATFORM="offscreen")
    r = subprocess.run(
        [sys.executable, f"bench/{name}.py", "--quick"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert r.returncode == 0, r.stderr[-2000:]
    assert len(r.stdout.splitlines()) >= 3  # a table, not silence
    data = json.loads((tmp_path / f"{name}.json").read_text(encoding="utf-8"))
    assert data
