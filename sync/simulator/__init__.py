"""The provincial platform simulator (``kiosk platform-sim``); see docs/sync.md."""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:  # lazy, so that `kiosk --help` does not load the server
    if name == "PlatformSimulator":
        from sync.simulator.server import PlatformSimulator

        return PlatformSimulator
    raise AttributeError(name)
