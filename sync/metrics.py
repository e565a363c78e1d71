"""The terminal's health and counters in the Prometheus text format (docs/fleet.md).

Served by the sync agent's process, beside the heartbeat it assembles the same data for, on
``sync.metrics_address:sync.metrics_port`` (default ``127.0.0.1:9464``; ``sync.metrics =
false`` turns it off). Every scrape reads the store and the agent's state afresh: nothing is
cached, and a scrape never writes. Counts and codes only, never personal data.

    server = start_metrics(agent, cfg)   # None when off or the port is taken (logged)
    server.url                           # http://127.0.0.1:9464/metrics
    server.stop()
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from prometheus_client import CollectorRegistry
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from sync.update.state import STATES as UPDATE_STATES

log = logging.getLogger("sync.metrics")

DEVICE_STATES = ("ready", "degraded", "unavailable", "unknown")


class KioskCollector(Collector):
    """Builds every metric from the agent on each scrape."""

    def __init__(self, agent: Any) -> None:
        self.agent = agent

    def collect(self) -> Iterator[Metric]:
        agent = self.agent
        store = agent.store
        now = agent.clock()
        info = GaugeMetricFamily(
            "bianmin_kiosk_info", "This terminal's software and catalog", labels=["version"]
        )
        from sync.update.boot import app_version

        info.add_metric([app_version()], 1)
        yield info
        counts = store.outbox.counts(now)
        queue = GaugeMetricFamily(
            "bianmin_queue_rows",
            "Outbox rows by state (waiting to reach the platform)",
            labels=["state"],
        )
        for state in ("pending", "sending", "retry", "rejected", "quarantined"):
            queue.add_metric([state], getattr(counts, state))
        yield queue
        yield GaugeMetricFamily(
            "bianmin_queue_oldest_pending_seconds",
            "Age of the oldest row still waiting to be sent (0 when none waits)",
            value=counts.oldest_pending_s or 0.0,
        )
        yield from self._devices()
        yield from self._sessions()
        yield from self._sync(now)
        yield from self._commands()
        update = GaugeMetricFamily(
            "bianmin_update_state",
            "The software update's state (1 for the current one)",
            labels=["state"],
        )
        from pathlib import Path

        from sync.update.state import read_summary  # noqa: I001

        current = read_summary(Path(store.data_dir) / "update")["state"]
        for state in UPDATE_STATES:
            update.add_metric([state], 1 if state == current else 0)
        yield update

    def _devices(self) -> Iterator[Metric]:
        try:
            devices = self.agent._devices()
        except Exception:  # noqa: BLE001 - a scrape never fails on one source
            devices = {}
        status = GaugeMetricFamily(
            "bianmin_device_status",
            "Each device's health (1 for its current status)",
            labels=["device", "status"],
        )
        errors = 0
        for name, wire in sorted(devices.items()):
            current = wire.get("status") if isinstance(wire, dict) else "unknown"
            if current not in DEVICE_STATES:
                current = "unknown"
            errors += current in ("degraded", "unavailable")
            for state in DEVICE_STATES:
                status.add_metric([name, state], 1 if state == current else 0)
        yield status
        yield GaugeMetricFamily(
            "bianmin_device_errors",
            "Devices that are degraded or unavailable now",
            value=errors,
        )

    def _sessions(self) -> Iterator[Metric]:
        agent = self.agent
        fleet = agent.fleet
        in_session = fleet.in_session() if fleet is not None else None
        if in_session is not None:  # only a process that runs the UI can tell
            yield GaugeMetricFamily(
                "bianmin_session_active",
                "1 while a resident's session holds personal data",
                value=int(bool(in_session)),
            )
        display = agent.display_state()
        if display is not None:  # only the process that shows the screen can tell
            yield GaugeMetricFamily(
                "bianmin_display_asleep",
                "1 while the screen sleeps (outside the opening hours, or idle)",
                value=int(display == "asleep"),
            )
        (apps,) = agent.store.conn.execute("SELECT COUNT(*) FROM applications").fetchone()
        apps_total = CounterMetricFamily(
            "bianmin_applications", "Applications residents submitted on this terminal"
        )
        apps_total.add_metric([], apps)
        yield apps_total

    def _sync(self, now: float) -> Iterator[Metric]:
        agent = self.agent
        with agent._health_lock:
            health = agent.health.to_json() | {"bad_answers": dict(agent.health.bad_answers)}
        bad = CounterMetricFamily(
            "bianmin_sync_bad_answers", "Platform answers the agent could not use", labels=["pull"]
        )
        for pull, n in sorted(health["bad_answers"].items()):
            bad.add_metric([pull], n)
        yield bad
        for name, text in (
            ("unexpected_4xx", "Refusals the contract does not name (retried)"),
            ("store_full", "Writes the full disk refused"),
            ("low_space_files", "Confirmed scans deleted early because space was low"),
        ):
            c = CounterMetricFamily(f"bianmin_sync_{name}", text)
            c.add_metric([], health[name])
            yield c
        if agent.last_heartbeat_at is not None:
            yield GaugeMetricFamily(
                "bianmin_heartbeat_last_success_timestamp_seconds",
                "When the platform last took this terminal's heartbeat (Unix time)",
                value=agent.last_heartbeat_at,
            )
        yield GaugeMetricFamily(
            "bianmin_catalog_version",
            "The catalog version served",
            value=agent.store.catalog.version(),
        )

    def _commands(self) -> Iterator[Metric]:
        fleet = self.agent.fleet
        if fleet is None:
            return
        results = CounterMetricFamily(
            "bianmin_fleet_commands",
            "The platform's remote commands by result (ok, failed, refused)",
            labels=["result"],
        )
        for outcome, n in fleet.ledger.counts().items():
            results.add_metric([outcome], n)
        yield results
        from sync.commands import RINGS, current_ring

        ring = current_ring(self.agent.store)
        rings = GaugeMetricFamily(
            "bianmin_ring",
            "The rollout ring the platform set (1 for the current one)",
            labels=["ring"],
        )
        for r in RINGS:
            rings.add_metric([r], 1 if r == ring else 0)
        yield rings


@dataclass
class MetricsServer:
    server: Any
    thread: Any

    @property
    def port(self) -> int:
        return int(self.server.server_address[1])

    @property
    def url(self) -> str:
        host = self.server.server_address[0]
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{self.port}/metrics"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)


def start_metrics(agent: Any, cfg: Any, *, port: int | None = None) -> MetricsServer | None:
    """Serve the agent's metrics in a daemon thread; None when ``sync.metrics`` is off or the
    address cannot be bound (logged: the metrics never stop the agent)."""
    if not cfg.sync.metrics:
        return None
    from prometheus_client import start_http_server

    registry = CollectorRegistry(auto_describe=False)
    registry.register(KioskCollector(agent))
    port = cfg.sync.metrics_port if port is None else port
    try:
        server, thread = start_http_server(port, cfg.sync.metrics_address, registry)
    except OSError as exc:
        log.warning(
            "metrics not served on %s:%s (%s)", cfg.sync.metrics_address, port, exc.strerror
        )
        return None
    out = MetricsServer(server, thread)
    log.info("metrics on %s", out.url)
    return out
