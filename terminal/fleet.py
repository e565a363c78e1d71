"""The platform's remote commands that need the application API (docs/fleet.md).

The sync agent (``sync/``) verifies every command and carries out what it can itself (re-sync
the catalog, set the ring, restart, refuse ``update_now``); the shell adds here what needs the
process that owns the devices and the screen:

- :func:`attach_service_commands` — ``kiosk run`` (the agent in the UI's process): unattended
  self-tests and the support upload through the maintenance API (audited as ``actor:
  fleet``), refused while a resident is in session or a technician in maintenance mode (as
  are screenshots and restarts), and a restart that ends the process with SIGTERM
  for the supervisor (``Restart=always`` in config/bianmin-kiosk.service) to start it again;
  the screenshot itself is ``terminal/screenshot_command.py``'s (it needs the window);
- :func:`attach_standalone_commands` — ``kiosk sync`` (an agent apart from the UI, the
  appliance): the support upload itself; self-tests and screenshots are handed to ``kiosk
  run`` over its channel (``terminal/interface_channel.py``), which refuses them as above, and
  are refused with the reason when no interface runs; a restart makes ``kiosk sync`` exit 0.
"""

from __future__ import annotations

import os
import signal
from typing import Any

from sync.commands import CommandRefused

RESIDENT = "resident in session"
TECHNICIAN = "technician in maintenance mode"
SELFTEST_DEADLINE_S = 180.0
"""How long ``kiosk sync`` waits for ``kiosk run``'s self-tests (each device's has its own)."""
SCREENSHOT_DEADLINE_S = 45.0
"""…and for a screenshot: the GUI thread's grab (10 s) and the upload."""
NO_SCREENSHOT = (
    "no screen here: this process shows no window (terminal/screenshot_command.py takes the "
    "command over once the interface is up)"
)


def _maintenance(service: Any) -> Any:
    from kiosk.maintenance.service import Maintenance

    return Maintenance(service, actor="fleet")


def upload_support_handler(service: Any) -> Any:
    def upload_support(args: dict[str, Any]) -> tuple[bool, str]:
        from kiosk.service.maintenance_api import ExportDone

        out = _maintenance(service).export_support("platform")
        if isinstance(out, ExportDone):
            return True, f"support archive uploaded: {out.location} ({out.size} bytes)"
        return False, f"support upload failed: {out.reason}: {out.detail}"

    return upload_support


def service_busy(service: Any) -> Any:
    """Why a command that needs the terminal to itself must wait, or None."""

    def busy() -> str | None:
        if service.in_session:
            return RESIDENT
        return TECHNICIAN if service.maintenance.active else None

    return busy


def selftest_handler(service: Any) -> Any:
    """The unattended self-tests through the maintenance API (audited as ``actor: fleet``)."""
    busy = service_busy(service)

    def selftest(args: dict[str, Any]) -> tuple[bool, str]:
        why = busy()
        if why:
            raise CommandRefused(why)
        results = _maintenance(service).selftest(None, unattended=True)
        failed = [f"{r.name} ({r.detail})" for r in results if not r.passed]
        if failed:
            return False, "self-test failed: " + "; ".join(failed)
        return True, "self-test passed: " + ", ".join(r.name for r in results)

    return selftest


def attach_service_commands(agent: Any, service: Any) -> None:
    """``kiosk run``: the handlers that need ``service`` (:class:`kiosk.service.KioskService`)."""
    fleet = agent.fleet
    if fleet is None:
        return
    fleet.in_session = lambda: bool(service.in_session)
    busy = service_busy(service)
    fleet.busy = busy

    def screenshot(args: dict[str, Any]) -> tuple[bool, str]:
        raise CommandRefused(busy() or NO_SCREENSHOT)

    fleet.handlers.update(
        selftest=selftest_handler(service),
        upload_support=upload_support_handler(service),
        screenshot=screenshot,
    )
    agent.on_restart = lambda: os.kill(os.getpid(), signal.SIGTERM)


def attach_standalone_commands(agent: Any, cfg: Any, data_dir: Any, platform: Any) -> None:
    """``kiosk sync``: the support upload through an application API of its own (the platform
    port only: the archive's device health is what this process sees, ``absent``)."""
    from kiosk.service import KioskService

    if agent.fleet is None:
        return
    service = KioskService(cfg, data_dir)
    service.open(agent.store)
    service.attach(platform=platform)
    agent.fleet.handlers["upload_support"] = upload_support_handler(service)
    from terminal.interface_channel import forwarded

    # the devices and the screen belong to kiosk run: asked over its channel
    agent.fleet.handlers["selftest"] = forwarded(data_dir, "selftest", SELFTEST_DEADLINE_S)
    agent.fleet.handlers["screenshot"] = forwarded(data_dir, "screenshot", SCREENSHOT_DEADLINE_S)
