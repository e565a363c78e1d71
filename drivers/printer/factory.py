"""The receipt printer's factory (see :mod:`drivers.common.factory`): ``kind = "simulated"``
starts the ESC/POS capture printer on a loopback TCP port (output and control file under
``<sim_dir>/printer``); ``kind = "escpos"`` uses ``uri``. Either way the device is the real
ESC/POS driver with the configured printer profile."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from drivers.common.factory import BuiltDevice, building, required
from drivers.printer.driver import EscposReceiptPrinter
from drivers.printer.simulator import PrinterSimulator


def build(section: Any, cfg: Any, sim_dir: str | Path) -> BuiltDevice:
    profile = cfg.printer_profile()
    with building("printer", section.kind, "escpos") as built:
        if section.kind == "simulated":
            sim = built.simulate(
                PrinterSimulator(
                    Path(sim_dir) / "printer",
                    port=0,
                    encoding=profile.encoding,
                    dots=profile.dots_per_line,
                ).start()
            )
            uri = f"tcp://127.0.0.1:{sim.port}"
        else:
            uri = required(section.uri, "devices.printer.uri")
        dev = EscposReceiptPrinter(uri, profile, timeout_s=section.timeout_s)
        built.own(dev, dev.close)
    return built
