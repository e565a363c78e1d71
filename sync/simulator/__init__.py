"""The provincial platform simulator (``kiosk platform-sim``); see docs/sync.md."""

from sync.simulator.server import PlatformSimulator

__all__ = ["PlatformSimulator"]
