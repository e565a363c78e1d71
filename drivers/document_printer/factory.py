"""The A4 document printer's factory (see :mod:`drivers.common.factory`): ``kind =
"simulated"`` creates a CUPS queue on the cups-pdf virtual printer through the ``bianmin-sim``
backend (:mod:`drivers.document_printer.simulator`; output and control file under
``<sim_dir>/document_printer``); ``kind = "cups"`` prints to ``queue``. Either way the device
is the real CUPS driver; both need a running cupsd (``server``, or the system's)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from drivers.common.factory import BuiltDevice, building, required
from drivers.document_printer.driver import CupsDocumentPrinter
from drivers.document_printer.simulator import DocumentPrinterSimulator


def build(section: Any, cfg: Any, sim_dir: str | Path) -> BuiltDevice:
    with building("document_printer", section.kind, "cups") as built:
        server = section.server or None
        if section.kind == "simulated":
            sim = built.simulate(
                DocumentPrinterSimulator(Path(sim_dir) / "document_printer", server=server).start()
            )
            queue = sim.queue
        else:
            queue = required(section.queue, "devices.document_printer.queue")
        dev = CupsDocumentPrinter(queue, server=server, timeout_s=section.timeout_s)
        built.own(dev, dev.close)
    return built
