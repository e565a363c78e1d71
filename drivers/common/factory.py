"""What every device factory returns, and the few steps they share.

Each device kind has one factory, ``drivers/<kind>/factory.py``, with the same function::

    build(section, cfg, sim_dir) -> BuiltDevice

``section`` is the kind's ``[devices.<kind>]`` configuration, ``cfg`` the whole configuration
and ``sim_dir`` where simulators keep their links and control files. For ``kind =
"simulated"`` the factory starts the simulator on its real OS path and the real driver on it;
for the real kind it opens the real driver; otherwise — or when the device cannot be built —
it raises :class:`DeviceUnavailable` (or the driver's own error), which the composition root
reports as "unavailable" while everything else keeps working. The tests build devices through
the same factories as ``kiosk run``: what ships is what is tested.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from drivers.simctl import SimControl

log = logging.getLogger("drivers.factory")
T = TypeVar("T")


class DeviceUnavailable(RuntimeError):
    """This device cannot be built here (not configured, no such port, no pcscd...)."""


@dataclass
class BuiltDevice:
    """A built device, the simulator behind it (or None) and its control handle (or None)."""

    device: Any = None
    simulator: Any = None
    control: SimControl | None = None
    closers: list[Callable[[], None]] = field(default_factory=list)

    def simulate(self, simulator: T) -> T:
        """Adopt a started simulator: its control handle, and stopping it at close."""
        self.simulator = simulator
        self.control = getattr(simulator, "control", None)
        self.closers.append(simulator.stop)  # type: ignore[attr-defined]
        return simulator

    def own(self, device: T, close: Callable[[], None]) -> T:
        """Adopt the driver (or managed device) and how to close it."""
        self.device = device
        self.closers.append(close)
        return device

    def close(self) -> None:
        """Close the device, then stop its simulator (never raises)."""
        close_all(self.closers)


def close_all(closers: list[Callable[[], None]]) -> None:
    """Run ``closers`` last first, each whatever the others did, and forget them."""
    for fn in reversed(closers):
        try:
            fn()
        except Exception:  # noqa: BLE001 - closing must go on
            log.debug("close step failed", exc_info=True)
    closers.clear()


@contextlib.contextmanager
def building(name: str, kind: str, real: str) -> Iterator[BuiltDevice]:
    """The frame of a factory: refuse a kind it does not build, and close what was started
    when a later step fails."""
    if kind not in ("simulated", real):
        raise DeviceUnavailable(f"{name}: kind {kind!r} is not built here (simulated or {real})")
    built = BuiltDevice()
    try:
        yield built
    except BaseException:
        built.close()
        raise


def required(value: T | None, what: str) -> T:
    """A setting the real kind needs (the configuration check refuses it missing, too)."""
    if not value:
        raise DeviceUnavailable(f"{what} is not set")
    return value
