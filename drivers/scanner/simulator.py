"""The simulated scanner: SANE's ``test`` backend through the real libsane, with faults.

:class:`ScannerSimulator` gives the scanner driver a private ``SANE_CONFIG_DIR`` holding only
the ``test`` backend and the simulator's own ``test.conf`` (written here, never copied from
the host's ``/etc/sane.d``, which may be absent or hold anyone's settings; set for this
process: libsane reads it when the driver's scanner process starts) and a control file,
``<directory>/scanner.control.json``, whose ``faults`` (``jammed``, ``no-paper``,
``cover-open``; ``stall``: the backend stops delivering in the middle of ``sane_read``, the
way a wedged scanner does) the next scan takes. :class:`ControlledScanner` maps them onto the
backend's options (``read-return-value``), so the fault still comes out of libsane, like a
real scanner's would; a stall slows the backend down (``read-delay``) and stops the scanner
process (SIGSTOP) once the backend's reader is feeding ``sane_read``.

    sim = ScannerSimulator(sim_dir).start()
    scanner = sim.wrap(SaneScanner("test:0"))
    sim.control.update(faults=["jammed"])      # kiosk sim control / the developer panel
"""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path
from typing import Any, Self

from drivers.simctl import SimControl

FAULTS = {
    "jammed": "SANE_STATUS_JAMMED",
    "no-paper": "SANE_STATUS_NO_DOCS",
    "cover-open": "SANE_STATUS_COVER_OPEN",
}
DEVICE = "test:0"
# the test backend's default picture is a dark pattern; a grid is a page of paper
OPTIONS = {"test-picture": "Grid"}
# the simulator's own settings for the test backend (the backend's documented defaults, two
# devices, a page of paper): the same on every machine, whatever the host has in /etc/sane.d
TEST_CONF = """number_of_devices 2
mode Gray
depth 8
resolution 50.0
test-picture "Grid"
read-limit false
read-delay false
read-status-code "Default"
geometry_min 0.0
geometry_max 200.0
tl_x 0.0
tl_y 0.0
br_x 80.0
br_y 100.0
"""
# for ``stall``: 1 kB per read, 0.2 s after each buffer: the read lasts long enough to be stopped
SLOW = {"read-limit": True, "read-limit-size": 1024, "read-delay": True,
        "read-delay-duration": 200000}  # fmt: skip
NORMAL = {"read-limit": False, "read-delay": False}


def sane_test_config(directory: str | Path, test_conf: str = TEST_CONF) -> Path:
    """A private SANE configuration directory with only the ``test`` backend and its own
    ``test.conf`` (``test_conf``); nothing is read from the host's ``/etc/sane.d``."""
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    (d / "dll.conf").write_text("test\n")
    (d / "test.conf").write_text(test_conf)
    return d


def _stop_in_read(scanner: Any, within_s: float = 30.0) -> None:
    """Stop the scanner process while it is inside ``sane_read`` (the test backend's reader
    thread runs only during a scan): a wedged backend, not a slow one."""
    end = time.monotonic() + within_s
    while time.monotonic() < end:
        pid = scanner.child_pid
        try:
            if pid is not None and len(os.listdir(f"/proc/{pid}/task")) >= 2:
                os.kill(pid, signal.SIGSTOP)
                return
        except (FileNotFoundError, ProcessLookupError):
            pass
        time.sleep(0.002)


def _names(options: dict[str, Any]) -> dict[str, Any]:
    return {k.replace("-", "_"): v for k, v in options.items()}


class ControlledScanner:
    """A SANE scanner whose next scan fails as the control file's faults say."""

    def __init__(self, scanner: Any, control: SimControl) -> None:
        self.scanner = scanner
        self.control = control

    def scan(self) -> Any:
        faults = self.control.take_faults()
        value = next((v for k, v in FAULTS.items() if k in faults), "Default")
        stall = "stall" in faults
        self.scanner.set_options(read_return_value=value, **_names(SLOW if stall else NORMAL))
        if stall:
            threading.Thread(target=_stop_in_read, args=(self.scanner,), daemon=True).start()
        return self.scanner.scan()

    def prepare(self) -> None:
        """Warm the scanner up (see :meth:`drivers.scanner.sane_driver.SaneScanner.prepare`)."""
        self.scanner.prepare()

    def close(self) -> None:
        self.scanner.close()


class ScannerSimulator:
    def __init__(self, directory: str | Path) -> None:
        self.directory = Path(directory)
        self.control_path = self.directory / "scanner.control.json"
        self.control = SimControl(self.control_path, initial={"faults": []})

    def start(self) -> Self:
        os.environ["SANE_CONFIG_DIR"] = str(sane_test_config(self.directory / "sane"))
        return self

    def stop(self) -> None:
        """Nothing runs: the ``test`` backend lives in the driver's scanner process."""

    def wrap(self, scanner: Any) -> ControlledScanner:
        return ControlledScanner(scanner, self.control)
