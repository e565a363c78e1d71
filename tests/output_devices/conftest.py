"""Fixtures for the output devices: a capture printer on a real TCP port and SANE's ``test``
backend through the real libsane with a private configuration directory."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from drivers.printer.simulator import PrinterSimulator
from drivers.scanner.simulator import sane_test_config

HERE = Path(__file__).parent
DATA = HERE / "data"
REPO = HERE.parents[1]


@pytest.fixture(scope="session")
def sane_config_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A private SANE_CONFIG_DIR with only the ``test`` backend and the simulator's own
    ``test.conf`` (nothing from the host's /etc/sane.d), set for this process.

    libsane reads it once, at the process's first sane_init, so it is set for the whole
    session (nothing else in this process uses SANE)."""
    d = sane_test_config(tmp_path_factory.mktemp("sane") / "sane.d")
    old = os.environ.get("SANE_CONFIG_DIR")
    os.environ["SANE_CONFIG_DIR"] = str(d)
    yield d
    if old is None:
        os.environ.pop("SANE_CONFIG_DIR", None)
    else:
        os.environ["SANE_CONFIG_DIR"] = old


@pytest.fixture
def printer_sim(tmp_path: Path) -> Iterator[PrinterSimulator]:
    with PrinterSimulator(tmp_path / "printer", port=0) as sim:
        yield sim


@pytest.fixture
def printer_sim_58(tmp_path: Path) -> Iterator[PrinterSimulator]:
    with PrinterSimulator(tmp_path / "printer58", port=0, dots=384) as sim:
        yield sim


@pytest.fixture
def cli_env(tmp_path: Path, sane_config_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["BIANMIN_DATA"] = str(tmp_path / "data")
    env["SANE_CONFIG_DIR"] = str(sane_config_dir)
    env.pop("BIANMIN_CONFIG", None)
    env["PYTHONPATH"] = str(REPO)
    return env


def kiosk_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("kiosk")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "terminal"]
