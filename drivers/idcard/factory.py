"""The ID card reader's factory (see :mod:`drivers.common.factory`): ``kind = "simulated"``
starts the GA/T 467 simulator on a pty at ``<sim_dir>/id-reader``; ``kind = "gat467"`` uses
``port``. Either way the device is the managed real driver (:func:`managed_id_reader`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from drivers.common.factory import BuiltDevice, building, required
from drivers.idcard.managed import managed_id_reader
from drivers.idcard.simulator import IdReaderSimulator


def build(section: Any, cfg: Any, sim_dir: str | Path) -> BuiltDevice:
    with building("id_reader", section.kind, "gat467") as built:
        if section.kind == "simulated":
            sim = built.simulate(
                IdReaderSimulator(Path(sim_dir) / "id-reader", baudrate=section.baudrate).start()
            )
            port = str(sim.link)
        else:
            port = required(section.port, "devices.id_reader.port")
        dev = managed_id_reader(
            port,
            section.baudrate,
            poll_interval_ms=section.poll_interval_ms,
            read_timeout_s=section.read_timeout_s,
        )
        built.own(dev, dev.stop)
        dev.start()
    return built
