"""Wiring for the composition root (``terminal/root.py``): the platform client, the agent,
and — for the embedded default (``platform.kind = "simulated"``) — a local simulator in a
thread, behind the simulated network.

    net = start_simulated_network(cfg, data_dir)         # only when kind == "simulated"
    platform = make_platform(cfg, data_dir, url=net.url) # HttpPlatform, secret ensured
    handle = start_agent_thread(store, cfg, platform)
    ...
    handle.kick()                                        # after the UI queued a row
    net.switch.down(); net.switch.up()                   # pull and replug the cable
    handle.stop(); net.stop()                            # at shutdown

:func:`start_local_simulator` listens on the port of ``platform.url`` (falling back to a free
port, whose URL it then reports) and accepts this kiosk with the same secret file the client
signs with; :func:`start_simulated_network` puts one on a free port behind a
:class:`~sync.simulator.network.NetworkSwitch`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sync.keys import ensure_platform_secret, platform_secret_path, read_secret


def make_platform(
    cfg: Any, data_dir: str | Path, url: str | None = None, *, timeout_s: float | None = None
) -> Any:
    """The platform client; ``url`` and ``timeout_s`` override the configuration's."""
    from sync.client import HttpPlatform, clock_file

    path = platform_secret_path(cfg, data_dir)
    secret = ensure_platform_secret(path) if cfg.platform.kind == "simulated" else read_secret(path)
    platform = HttpPlatform.from_config(cfg, secret, clock_file=clock_file(data_dir))
    if url:
        platform.base = url.rstrip("/")
    if timeout_s is not None:
        platform.timeout_s = timeout_s
    return platform


def start_local_simulator(
    cfg: Any,
    data_dir: str | Path,
    sim_dir: str | Path | None = None,
    *,
    port: int | None = None,
) -> Any:
    """A platform simulator in a daemon thread for a one-laptop demo; ``.url``, ``.stop()``.

    ``port``: where to listen (0: any free port); default the port of ``platform.url``."""
    from sync.simulator import PlatformSimulator

    secret = ensure_platform_secret(platform_secret_path(cfg, data_dir))
    parts = urlsplit(cfg.platform.url)
    host = parts.hostname or "127.0.0.1"
    if host not in ("127.0.0.1", "localhost", "::1"):
        host = "127.0.0.1"  # the simulator only ever binds loopback
    sim_dir = Path(sim_dir) if sim_dir else Path(data_dir) / "platform-sim"
    kiosks = {cfg.terminal.kiosk_id: secret}
    try:
        if port is None:
            port = 8765 if parts.port is None else parts.port
        sim = PlatformSimulator(sim_dir, host, port, kiosks=kiosks)
    except OSError:  # the configured port is taken: any free one
        sim = PlatformSimulator(sim_dir, host, 0, kiosks=kiosks)
    pin_simulator_command_key(cfg, data_dir, sim.command_public_key)
    return sim.start()


def pin_simulator_command_key(cfg: Any, data_dir: str | Path, pem: bytes) -> None:
    """The embedded default's command key: the local simulator is the platform, so the
    terminal pins its public key (``platform.command_key_file`` or
    ``<data_dir>/keys/platform-command.pub``). Only for ``platform.kind = "simulated"``: a real
    platform's key is installed by the province (docs/fleet.md)."""
    from sync.commands import command_key_path

    if cfg.platform.kind != "simulated":
        return
    path = command_key_path(cfg, data_dir)
    try:
        if path.exists() and path.read_bytes() == pem:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_bytes(pem)
        tmp.chmod(0o644)  # whatever the umask: a key others may write is not trusted
        tmp.replace(path)
    except OSError as exc:  # commands are refused ("no command key"), the rest works
        import logging

        logging.getLogger("sync.embedded").warning("command key not pinned: %s", exc)


@dataclass
class SimulatedNetwork:
    """The platform simulator and the network switch in front of it."""

    simulator: Any
    switch: Any

    @property
    def url(self) -> str:
        """Where the kiosk reaches the platform: through the switch."""
        return str(self.switch.url)

    def stop(self) -> None:
        self.switch.down()
        self.simulator.stop()


def start_simulated_network(cfg: Any, data_dir: str | Path) -> SimulatedNetwork:
    """The embedded default's platform: a simulator on a free loopback port behind a
    :class:`~sync.simulator.network.NetworkSwitch` the developer panel cuts and restores."""
    from sync.simulator.network import NetworkSwitch

    sim = start_local_simulator(cfg, data_dir, port=0)
    try:
        return SimulatedNetwork(sim, NetworkSwitch((sim.host, sim.port)))
    except BaseException:
        sim.stop()
        raise


@dataclass
class AgentHandle:
    agent: Any
    thread: threading.Thread
    stop_event: threading.Event
    metrics: Any = None
    """The Prometheus metrics server (:mod:`sync.metrics`), when serving."""

    def kick(self) -> None:
        """Drain now (call after queueing a row through the same store)."""
        self.agent.kick()

    def stop(self, timeout: float = 30.0) -> None:
        """Stop the loop (the request in flight finishes), wait for it, free the agent lock."""
        self.stop_event.set()
        self.thread.join(timeout)
        self.agent.release_lock()
        if self.metrics is not None:
            self.metrics.stop()


def start_agent_thread(
    store: Any,
    cfg: Any,
    platform: Any,
    *,
    devices: Callable[[], dict[str, Any]] | None = None,
) -> AgentHandle:
    """The sync agent's service loop in a daemon thread.

    The agent shares ``store`` (one connection) with the caller, so commits made through it
    are not seen as "another process committed": call ``handle.kick()`` after queueing a row.
    Raises :class:`sync.agent.AgentBusy` when a ``kiosk sync`` already serves this data dir.
    ``devices``: the heartbeat's device health (default: ``<data>/devices.json``).
    """
    from sync.agent import SyncAgent

    agent = SyncAgent.from_config(store, platform, cfg, devices=devices)
    agent.acquire()
    stop = threading.Event()
    thread = threading.Thread(target=agent.run, args=(stop,), name="sync-agent", daemon=True)
    thread.start()
    from sync.metrics import start_metrics

    return AgentHandle(agent, thread, stop, start_metrics(agent, cfg))
