"""Every delay of a driver in one object, so that tests shrink them (vxsuite's ``Delays``).

A driver subclasses :class:`Delays` as a frozen dataclass of float seconds; ``scaled(0.1)``
gives a copy with every delay multiplied (minimums a protocol imposes — e.g. GA/T 467's 300 ms
poll — are enforced by the driver, not here).
"""

from __future__ import annotations

import dataclasses
from typing import Self


@dataclasses.dataclass(frozen=True)
class Delays:
    reconnect_base_s: float = 0.5
    """First wait before reconnecting a disconnected device."""
    reconnect_max_s: float = 30.0
    """Cap of the exponential reconnect backoff."""
    health_interval_s: float = 2.0
    """How often an idle worker checks the device's health."""

    def scaled(self, factor: float) -> Self:
        changes = {
            f.name: getattr(self, f.name) * factor
            for f in dataclasses.fields(self)
            if isinstance(getattr(self, f.name), float)
        }
        return dataclasses.replace(self, **changes)
