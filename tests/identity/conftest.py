"""Fixtures for the identity devices: simulators on real ptys, pcscd + vpcd, card files.

pcscd: a running one is reused; otherwise exactly one ``pcscd -f`` is started for the session
and stopped by its PID at the end. (Only one pcscd can run per machine: ``/run/pcscd``.)
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pcsc_session import pcscd_running

REPO = Path(__file__).resolve().parents[2]
CARDS = REPO / "assets" / "cards"
ID_CARD_FILES = [
    "resident.json",
    "resident_expired.json",
    "resident_mongol.json",
    "hmt_residence.json",
    "foreign_permanent_2017.json",
    "foreign_permanent_2023.json",
]
KIOSK = [sys.executable, "-m", "terminal"]


def card_json(name: str) -> dict:
    return json.loads((CARDS / name).read_text(encoding="utf-8"))


@pytest.fixture
def cards_dir() -> Path:
    return CARDS


@pytest.fixture
def id_sim(tmp_path: Path) -> Iterator[object]:
    """An ID reader simulator (unpaced) on a pty at ``tmp_path/idr`` with the resident card."""
    from drivers.idcard.simulator import IdReaderSimulator

    sim = IdReaderSimulator(tmp_path / "idr", card=str(CARDS / "resident.json"), pace=False)
    sim.start()
    yield sim
    sim.stop()


@pytest.fixture
def fast_delays() -> object:
    from drivers.idcard.reader import IdReaderDelays

    return IdReaderDelays(response_timeout_s=0.5)


@pytest.fixture(scope="session")
def pcscd() -> Iterator[None]:
    """A pcscd with vpcd's readers: reuse the machine's, or start exactly one for the session."""
    yield from pcscd_running()


@pytest.fixture
def ssc_emulator(pcscd: None, tmp_path: Path) -> Iterator[object]:
    """The social security card emulator on vpcd reader 0, no card inserted yet."""
    from drivers.ssc.emulator import SscEmulator

    emu = SscEmulator(tmp_path / "ssc.control.json", card=None)
    emu.start()
    yield emu
    emu.stop()
    wait_for_reader_state(False)


def wait_for_reader_state(
    present: bool, reader: str = "Virtual PCD 00 00", timeout: float = 5
) -> None:
    from drivers.ssc.reader import PcscSscReader

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if PcscSscReader._card_present(reader) is present:
            return
        time.sleep(0.05)
    raise AssertionError(f"reader {reader} never reported card present={present}")


def run_kiosk(
    *args: str, timeout: float = 30, input: str | None = None
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*KIOSK, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=REPO,
        input=input,
    )


class Proc:
    """A ``kiosk sim …`` process: waits for its first line, stops with SIGTERM (by PID)."""

    def __init__(self, *args: str) -> None:
        self.p = subprocess.Popen(
            [*KIOSK, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO
        )
        assert self.p.stdout is not None
        self.first_line = self.p.stdout.readline()
        if not self.first_line:
            err = self.p.stderr.read() if self.p.stderr else ""
            raise AssertionError(f"simulator did not start: {err}")

    def stop(self) -> int:
        self.p.terminate()
        try:
            return self.p.wait(10)
        except subprocess.TimeoutExpired:
            self.p.kill()
            return self.p.wait(5)


@pytest.fixture
def sim_proc() -> Iterator[object]:
    procs: list[Proc] = []

    def start(*args: str) -> Proc:
        pr = Proc(*args)
        procs.append(pr)
        return pr

    yield start
    for pr in procs:
        pr.stop()
