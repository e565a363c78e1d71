"""The composition root: configuration → store → devices → platform + sync → application API.

This is the one place where ``drivers``, ``sync`` and ``ui`` meet (architecture.md), and it
builds each of them only through the factories the tests use:

- every device through its kind's factory, ``drivers/<kind>/factory.py`` (``build(section,
  cfg, sim_dir) -> BuiltDevice``): with ``kind = "simulated"`` the simulator on its real OS
  path — the GA/T 467 ID reader and the QR reader on ptys, the receipt printer on a loopback
  TCP port, the A4 printer as a CUPS queue on cups-pdf (when cupsd runs), the SANE ``test``
  backend for the scanner, the social security card through vpcd
  when a pcscd is running — and the real driver talking to it through that path;
- the platform and the sync agent through :mod:`sync.embedded`: with ``platform.kind =
  "simulated"`` the platform simulator behind the simulated network, and the agent alongside
  (skipped when another ``kiosk sync`` holds its lock).

A device that cannot be built is marked unavailable; everything else keeps working. The
simulators' control files live under ``<data_dir>/sim/`` so that ``kiosk sim control`` and the
UI's developer panel (:mod:`terminal.devpanel`) flip the same state. Device health is always
published to ``<data_dir>/devices.json`` for ``kiosk sync`` in another process.
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.config import KioskConfig

log = logging.getLogger("kiosk.terminal")

# one factory per device kind, each ``build(section, cfg, sim_dir) -> BuiltDevice``
DEVICE_FACTORIES = {
    "id_reader": "drivers.idcard.factory",
    "ssc_reader": "drivers.ssc.factory",
    "qr_reader": "drivers.qr.factory",
    "printer": "drivers.printer.factory",
    "document_printer": "drivers.document_printer.factory",
    "scanner": "drivers.scanner.factory",
}
NOT_BUILT = ("none",)


@dataclass
class Kiosk:
    """Everything ``kiosk run`` started, and how to stop it."""

    cfg: KioskConfig
    data_dir: Path
    store: Any
    backend: Any
    sim_dir: Path
    built: dict[str, Any] = field(default_factory=dict)
    """The built devices by name (:class:`drivers.common.factory.BuiltDevice`)."""
    sims: dict[str, Any] = field(default_factory=dict)
    """The running simulators by device name."""
    network: Any = None
    """The simulated platform behind its network switch (:class:`sync.embedded.SimulatedNetwork`)."""
    agent: Any = None
    """The in-process sync agent (:class:`sync.embedded.AgentHandle`), if this process runs it."""
    display: Callable[[], str] | None = None
    """The screen's state, ``asleep`` or ``awake`` (set once the interface is up), published
    with the device health for a ``kiosk sync`` apart (its heartbeat's ``display``)."""
    stopping: threading.Event = field(default_factory=threading.Event)
    closers: list[Callable[[], None]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def platform_sim(self) -> Any:
        return self.network.simulator if self.network else None

    @property
    def network_switch(self) -> Any:
        return self.network.switch if self.network else None

    def sim_control(self, name: str) -> Any:
        """The control handle of the simulator behind device ``name``."""
        built = self.built.get(name)
        if built is None or built.control is None:
            raise LookupError(f"{name} is not simulated")
        return built.control

    def control(self, action: str) -> str:
        """The developer panel's one entry point: flip a simulator's state by name."""
        from terminal.devpanel import perform

        return perform(self, action)

    def kick_agent(self) -> None:
        """A row was queued: let the in-process agent drain now, not at its next tick."""
        if self.agent is not None:
            self.agent.kick()

    def close(self) -> None:
        from drivers.common.factory import close_all

        self.stopping.set()
        close_all(self.closers)


def build(
    cfg: KioskConfig,
    data_dir: Path,
    *,
    start_agent: bool = True,
    sim_dir: Path | None = None,
) -> Kiosk:
    """Open the store and start devices, simulators, platform and sync agent (all at once)."""
    k = open_core(cfg, data_dir, sim_dir=sim_dir)
    try:
        start_devices(k, start_agent=start_agent)
    except BaseException:
        k.close()
        raise
    return k


def open_core(
    cfg: KioskConfig, data_dir: Path, *, sim_dir: Path | None = None, service: Any = None
) -> Kiosk:
    """The store (serving the sample catalog on first start) opened into the application API
    (``service``, made here when not given; ``kiosk run`` made it before the window), whose
    devices are still "starting"."""
    from kiosk.catalog.seed import open_serving_store
    from kiosk.service import KioskService

    data_dir = Path(data_dir)
    store = open_serving_store(data_dir, cfg)
    sim_dir = Path(sim_dir or data_dir / "sim")
    sim_dir.mkdir(parents=True, exist_ok=True)
    k = Kiosk(cfg=cfg, data_dir=data_dir, store=store, backend=None, sim_dir=sim_dir)
    k.closers.append(store.close)
    k.backend = service if service is not None else KioskService(cfg, data_dir)
    k.backend.on_queued = k.kick_agent  # a queued row wakes the in-process sync agent
    k.backend.open(store)
    return k


def start_devices(k: Kiosk, *, start_agent: bool = True) -> None:
    """Build the devices, the platform client and the sync agent; attach them to the backend;
    publish device health.

    Safe to run on a background thread while the UI shows its first screen (python-escpos
    alone takes seconds to import its capability database)."""
    ports: dict[str, Any] = {name: build_device(k, name) for name in DEVICE_FACTORIES}
    ports["platform"] = start_platform(k, start_agent=start_agent)
    k.backend.attach(**ports)
    attach_maintenance_ports(k)
    publish_device_health(k)
    for note in k.notes:
        log.warning("%s", note)


def attach_maintenance_ports(k: Kiosk) -> None:
    """Maintenance mode's ports: the voice self-test's speaker, udisks2 for the support
    export, and restarting the devices after a configuration save."""
    from terminal.maintenance_ports import attach_maintenance, cli_speaker

    attach_maintenance(
        k.backend,
        speaker=cli_speaker,
        apply_config=lambda cfg, parts: restart_devices(k, cfg, parts),
    )


def restart_devices(k: Kiosk, cfg: KioskConfig, parts: set[str]) -> tuple[str, ...]:
    """Apply a saved configuration whose changes touch only the devices: close every device
    (and its simulator) and build them again from ``cfg``. Anything else: ``()`` — the whole
    kiosk must restart."""
    if not parts or not parts <= {"devices"}:
        return ()
    for built in list(k.built.values()):
        if built.close in k.closers:
            k.closers.remove(built.close)
        built.close()
    k.built.clear()
    k.sims.clear()
    k.cfg = cfg
    k.backend.cfg = cfg
    ports: dict[str, Any] = {name: build_device(k, name) for name in DEVICE_FACTORIES}
    ports["platform"] = k.backend._port("platform")
    k.backend.attach(**ports)
    return ("devices",)


def build_device(k: Kiosk, name: str) -> Any:
    """Device ``name`` through its factory, or None (not configured, or unavailable: noted)."""
    section = getattr(k.cfg.devices, name)
    if section.kind in NOT_BUILT:
        return None
    try:
        factory = importlib.import_module(DEVICE_FACTORIES[name])
        built = factory.build(section, k.cfg, k.sim_dir)
    except Exception as exc:  # noqa: BLE001 - an absent device must not stop the kiosk
        k.notes.append(f"{name} unavailable: {exc}")
        return None
    k.built[name] = built
    k.closers.append(built.close)
    if built.simulator is not None:
        k.sims[name] = built.simulator
    return built.device


def start_platform(k: Kiosk, *, start_agent: bool = True) -> Any:
    """The UI's platform client (None when unavailable: noted) and, with ``start_agent``, the
    sync agent on its own client; the simulated platform first when so configured."""
    from sync import embedded

    cfg, data_dir = k.cfg, k.data_dir
    timeout_s = min(cfg.platform.timeout_s, 3.0)
    try:
        url = None
        if cfg.platform.kind == "simulated":
            k.network = embedded.start_simulated_network(cfg, data_dir)
            k.closers.append(k.network.stop)
            url = k.network.url
        ui_platform = embedded.make_platform(cfg, data_dir, url, timeout_s=timeout_s)
        k.closers.append(ui_platform.close)
    except Exception as exc:  # noqa: BLE001
        k.notes.append(f"platform unavailable: {exc}")
        return None
    if start_agent:
        from sync.agent import AgentBusy

        agent_platform = embedded.make_platform(cfg, data_dir, url, timeout_s=timeout_s)
        k.closers.append(agent_platform.close)
        try:
            handle = embedded.start_agent_thread(
                k.store, cfg, agent_platform, devices=lambda: heartbeat_devices(k.backend)
            )
        except AgentBusy as exc:
            k.notes.append(f"sync agent not started here: {exc}")
        except Exception as exc:  # noqa: BLE001
            k.notes.append(f"sync agent unavailable: {exc}")
        else:
            from terminal.fleet import attach_service_commands

            attach_service_commands(handle.agent, k.backend)  # docs/fleet.md
            k.agent = handle
            k.closers.append(lambda: handle.stop(10))
    return ui_platform


def heartbeat_devices(backend: Any) -> dict[str, dict[str, str]]:
    """Device health as the heartbeat carries it: ``{name: {"status", "detail"}}``."""
    from kiosk.devices.health import health_to_wire

    return {name: health_to_wire(h) for name, h in backend.health().items()}


def publish_device_health(k: Kiosk) -> threading.Thread:
    """Keep ``<data_dir>/devices.json`` current until the kiosk closes
    (:mod:`kiosk.devices.published`: the health and when it was written, so that ``kiosk
    sync`` in another process and ``kiosk status`` can tell a stale report)."""
    from kiosk.devices.published import write_published_health

    every_s = max(1.0, min(30.0, k.cfg.sync.heartbeat_s / 2))

    def loop() -> None:
        while True:
            try:
                write_published_health(
                    k.data_dir,
                    k.backend.health(),
                    in_session=bool(getattr(k.backend, "in_session", False)),
                    display=k.display() if k.display is not None else None,
                )
            except Exception as exc:  # noqa: BLE001 - health publishing must never stop the UI
                log.debug("device health not published: %s", exc)
            if k.stopping.wait(every_s):
                return

    t = threading.Thread(target=loop, name="device-health", daemon=True)
    t.start()
    return t
