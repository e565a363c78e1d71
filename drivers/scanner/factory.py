"""The scanner's factory (see :mod:`drivers.common.factory`): ``kind = "simulated"`` is SANE's
``test`` backend through the real libsane (:mod:`drivers.scanner.simulator`, faults from
``<sim_dir>/scanner.control.json``); ``kind = "sane"`` opens ``device`` (the first scanner
when unset). Either way the device is the real SANE driver, warmed up in the background as
soon as it is built."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from drivers.common.factory import BuiltDevice, building
from drivers.scanner.sane_driver import SaneScanner
from drivers.scanner.simulator import DEVICE, OPTIONS, ScannerSimulator


def build(section: Any, cfg: Any, sim_dir: str | Path) -> BuiltDevice:
    with building("scanner", section.kind, "sane") as built:
        settings = {
            "resolution": section.resolution,
            "mode": section.mode,
            "timeout_s": section.timeout_s,
        }
        if section.kind == "simulated":
            sim = built.simulate(ScannerSimulator(sim_dir).start())
            raw = SaneScanner(section.device or DEVICE, options=dict(OPTIONS), **settings)
            dev: Any = sim.wrap(raw)
        else:
            dev = SaneScanner(section.device, **settings)
        built.own(dev, dev.close)
        # warm-up: the scanner process starts, loads libsane and opens the device on the
        # scanner's own worker thread now, not inside the first resident's scan
        dev.prepare()
    return built
