"""The simulated scanner: SANE's ``test`` backend through the real libsane, with faults.

:class:`ScannerSimulator` gives the scanner driver a private ``SANE_CONFIG_DIR`` holding only
the ``test`` backend (set for this process: libsane reads it when the driver's scanner process
starts) and a control file, ``<directory>/scanner.control.json``, whose ``faults``
(``jammed``, ``no-paper``, ``cover-open``) the next scan takes. :class:`ControlledScanner`
maps them onto the backend's ``read-return-value`` option, so the fault still comes out of
libsane, like a real scanner's would.

    sim = ScannerSimulator(sim_dir).start()
    scanner = sim.wrap(SaneScanner("test:0"))
    sim.control.update(faults=["jammed"])      # kiosk sim control / the developer panel
"""

from __future__ import annotations

import os
import shutil
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


def sane_test_config(directory: str | Path, fallback: str = "number_of_devices 1\n") -> Path:
    """A SANE configuration directory with only the ``test`` backend: the system's settings
    for it when it has them, else ``fallback``."""
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    (d / "dll.conf").write_text("test\n")
    src = Path("/etc/sane.d/test.conf")
    if src.exists():
        shutil.copy(src, d / "test.conf")
    else:
        (d / "test.conf").write_text(fallback)
    return d


class ControlledScanner:
    """A SANE scanner whose next scan fails as the control file's faults say."""

    def __init__(self, scanner: Any, control: SimControl) -> None:
        self.scanner = scanner
        self.control = control

    def scan(self) -> Any:
        faults = self.control.take_faults()
        value = next((v for k, v in FAULTS.items() if k in faults), "Default")
        self.scanner.set_options(read_return_value=value)
        return self.scanner.scan()

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
