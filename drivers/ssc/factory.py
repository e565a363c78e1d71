"""The social security card reader's factory (see :mod:`drivers.common.factory`).

Both kinds need a running pcscd. ``kind = "simulated"`` starts the card emulator on vpcd
(control file ``<sim_dir>/ssc.control.json``) and reads it through pcscd's "Virtual PCD"
reader; ``kind = "pcsc"`` uses the reader named by ``reader`` (the first one when unset)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from drivers.common.factory import BuiltDevice, DeviceUnavailable, building
from drivers.ssc.emulator import SscEmulator
from drivers.ssc.managed import managed_ssc_reader

PCSCD_SOCKET = Path("/run/pcscd/pcscd.comm")


def build(
    section: Any, cfg: Any, sim_dir: str | Path, *, pcscd_socket: Path = PCSCD_SOCKET
) -> BuiltDevice:
    with building("ssc_reader", section.kind, "pcsc") as built:
        if not pcscd_socket.exists():
            raise DeviceUnavailable("pcscd is not running")
        reader = section.reader
        if section.kind == "simulated":
            built.simulate(
                SscEmulator(Path(sim_dir) / "ssc.control.json", vpcd_port=section.vpcd_port).start()
            )
            reader = reader or "Virtual PCD"
        dev = managed_ssc_reader(reader)
        built.own(dev, dev.stop)
        dev.start()
    return built
