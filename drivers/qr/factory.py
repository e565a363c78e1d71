"""The QR reader's factory (see :mod:`drivers.common.factory`): ``kind = "simulated"`` starts
the QR simulator on a pty at ``<sim_dir>/qr``; ``kind = "serial"`` uses ``port``. Either way
the device is the managed serial driver (:func:`managed_qr_reader`, with its health probe).
``kind = "keyboard"`` (a keyboard-wedge reader) has no port: the device is the core's
:class:`~kiosk.devices.wedge.WedgeCodeReader`, fed with the window's key presses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from drivers.common.factory import BuiltDevice, building, required
from drivers.qr.managed import managed_qr_reader
from drivers.qr.simulator import QrSimulator
from kiosk.devices.wedge import WedgeCodeReader


def build(section: Any, cfg: Any, sim_dir: str | Path) -> BuiltDevice:
    if section.kind == "keyboard":
        wedge = WedgeCodeReader()
        return BuiltDevice(device=wedge, closers=[wedge.close])
    with building("qr_reader", section.kind, "serial") as built:
        if section.kind == "simulated":
            sim = built.simulate(
                QrSimulator(
                    Path(sim_dir) / "qr",
                    terminator=section.terminator,
                    baudrate=section.baudrate,
                ).start()
            )
            port = str(sim.link)
        else:
            port = required(section.port, "devices.qr_reader.port")
        dev = managed_qr_reader(port, section.baudrate, section.terminator)
        built.own(dev, dev.stop)
        dev.start()
    return built
