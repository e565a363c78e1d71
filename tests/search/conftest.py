"""Search tests: the bundled sample catalog, and a way to run the real ``kiosk`` command."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kiosk.catalog.sample import load_sample_items
from kiosk.search import CatalogSearch

REPO = Path(__file__).resolve().parents[2]

RESIDENT_ID_ITEMS = {"居民身份证首次申领", "居民身份证换领", "居民身份证补领", "临时居民身份证申领"}


@pytest.fixture(scope="session")
def sample_items() -> list[dict[str, Any]]:
    return load_sample_items()


@pytest.fixture(scope="session")
def sample(sample_items: list[dict[str, Any]]) -> CatalogSearch:
    return CatalogSearch(sample_items)


@pytest.fixture(scope="session")
def resident_id_items() -> set[str]:
    """What ``sfz`` must bring first (issue: ``kiosk catalog search sfz --json``)."""
    return set(RESIDENT_ID_ITEMS)


@pytest.fixture(scope="session")
def kiosk() -> Callable[..., subprocess.CompletedProcess]:
    return run_kiosk


def run_kiosk(*args: str, data_dir: Path, timeout: float = 60) -> subprocess.CompletedProcess:
    """``python -m terminal --data-dir DATA_DIR ARGS…`` with no configuration from the environment."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("BIANMIN_")}
    return subprocess.run(
        [sys.executable, "-m", "terminal", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=REPO,
        env=env,
    )
