"""The composition root: configuration → store → devices → platform + sync → user interface.

This is the one place where ``drivers``, ``sync`` and ``ui`` meet (architecture.md). With no
configuration (the embedded defaults) ``kiosk run`` is a complete demo on one machine:

- every device ``kind = "simulated"`` gets its simulator on its real OS path — the GA/T 467
  ID reader and the QR reader on ptys, the receipt printer on a loopback TCP port, the SANE
  ``test`` backend for the scanner (private ``SANE_CONFIG_DIR``), and the social security card
  through vpcd when a pcscd is running — and the real driver talks to it through that path;
- ``platform.kind = "simulated"`` starts the platform simulator on a free loopback port and
  the sync agent alongside (the agent is skipped when another ``kiosk sync`` holds its lock).

A device that cannot be opened is marked unavailable; everything else keeps working. The
simulators' control files live under ``<data_dir>/sim/`` so that ``kiosk sim control`` and the
UI's developer panel flip the same state (``dev_control``).
"""

from __future__ import annotations

import contextlib
import importlib
import json
import logging
import os
import shutil
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from kiosk.config import KioskConfig

log = logging.getLogger("terminal.root")

REPO_ROOT = Path(__file__).resolve().parents[1]
CARDS_DIR = REPO_ROOT / "assets" / "cards"
DEMO_SSC = {
    "id_number": "11010519491231002X",
    "name": "王秀英",
    "card_number": "A12345678",
    "issue_date": "2020-01-01",
    "expiry_date": "2030-01-01",
    "gender": "2",
}


def demo_card(name: str) -> Any:
    """A card file from ``assets/cards`` when the repository has it, else a built-in one."""
    p = CARDS_DIR / f"{name}.json"
    if p.exists():
        return str(p)
    from drivers.idcard.simulator import DEMO_CARD

    expired = {**DEMO_CARD, "valid_from": "2000-01-01", "valid_to": "2020-01-01"}
    return {"resident": DEMO_CARD, "resident_expired": expired, "ssc": DEMO_SSC}[name]


@dataclass
class Kiosk:
    """Everything ``kiosk run`` started, and how to stop it."""

    cfg: KioskConfig
    data_dir: Path
    store: Any
    backend: Any
    sim_dir: Path
    sims: dict[str, Any] = field(default_factory=dict)
    devices: dict[str, Any] = field(default_factory=dict)
    platform_sim: Any = None
    network_switch: Any = None
    agent: Any = None
    agent_stop: threading.Event = field(default_factory=threading.Event)
    agent_thread: threading.Thread | None = None
    closers: list[Callable[[], None]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def control(self, action: str) -> str:
        """The developer panel's one entry point: flip a simulator's state by name."""
        from drivers.simctl import SimControl, control_path_for

        def ctl(name: str) -> Any:
            sim = self.sims.get(name)
            if sim is None:
                raise LookupError(f"{name} is not simulated")
            return sim.control if hasattr(sim, "control") else SimControl(control_path_for(sim))

        if action == "card_insert":
            ctl("id_reader").update(card=demo_card("resident"), faults=[])
        elif action == "card_insert_expired":
            ctl("id_reader").update(card=demo_card("resident_expired"), faults=[])
        elif action == "card_pull":
            ctl("id_reader").update(card=None)
        elif action == "card_fault":
            ctl("id_reader").add_fault("pull-mid-read:once")
        elif action == "ssc_insert":
            ctl("ssc_reader").update(card=demo_card("ssc"))
        elif action == "ssc_pull":
            ctl("ssc_reader").update(card=None)
        elif action == "qr_show":
            ctl("qr_reader").update(scan=[self.last_status_url() or "ECARD-DEMO-0001"])
        elif action == "paper_out":
            ctl("printer").update(paper="out")
        elif action == "paper_in":
            ctl("printer").update(paper="ok")
        elif action == "scanner_jam":
            ctl("scanner").update(faults=["jammed"])
        elif action == "scanner_ok":
            ctl("scanner").update(faults=[])
        elif action == "network_down":
            self.network(False)
        elif action == "network_up":
            self.network(True)
        else:
            raise ValueError(f"unknown action {action!r}")
        if hasattr(self.backend, "forget_health"):
            self.backend.forget_health()
        return "ok"

    def last_status_url(self) -> str | None:
        rows = self.store.applications.list(limit=1)
        if not rows:
            return None
        from kiosk.receipts.receipt import status_url

        return status_url(self.cfg.platform.status_url_template, rows[0].local_ref)

    def network(self, up: bool) -> None:
        """Simulated network: cut or restore the loopback link to the platform simulator."""
        if self.network_switch is None:
            raise LookupError("the platform is not simulated")
        if up:
            self.network_switch.up()
        else:
            self.network_switch.down()

    def close(self) -> None:
        self.agent_stop.set()
        if self.agent_thread is not None:
            self.agent_thread.join(10)
        for fn in reversed(self.closers):
            try:
                fn()
            except Exception:  # noqa: BLE001 - closing must go on
                log.debug("close step failed", exc_info=True)
        self.closers.clear()


class _NetworkSwitch:
    """A loopback TCP relay in front of the platform simulator: the simulated network.

    ``down()`` closes the listening socket *and every open connection* (keep-alive ones
    included), so the kiosk sees what a pulled cable looks like — refused connections and
    resets — while the simulator and its data stay as they are; ``up()`` listens again on the
    same port."""

    def __init__(self, target: tuple[str, int]) -> None:
        import socket

        self.target = target
        self._lock = threading.Lock()
        self._conns: set[Any] = set()
        self._listener: Any = None
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        self.up()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def is_up(self) -> bool:
        return self._listener is not None

    def up(self) -> None:
        import socket

        with self._lock:
            if self._listener is not None:
                return
            ls = socket.socket()
            ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            ls.bind(("127.0.0.1", self.port))
            ls.listen(64)
            self._listener = ls
        threading.Thread(target=self._accept, args=(ls,), name="netswitch", daemon=True).start()

    def down(self) -> None:
        import socket

        with self._lock:
            ls, self._listener = self._listener, None
            conns, self._conns = self._conns, set()
        if ls is not None:
            with contextlib.suppress(OSError):
                ls.shutdown(socket.SHUT_RDWR)
            ls.close()
        for c in conns:
            with contextlib.suppress(OSError):
                c.shutdown(socket.SHUT_RDWR)
            c.close()

    def _accept(self, ls: Any) -> None:
        import socket

        while True:
            try:
                client, _ = ls.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self._lock:
                if self._listener is not ls:
                    client.close()
                    server.close()
                    return
                self._conns.update((client, server))
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    def _pipe(self, src: Any, dst: Any) -> None:
        import socket

        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                dst.sendall(data)
        except OSError:
            pass
        finally:
            with contextlib.suppress(OSError):
                dst.shutdown(socket.SHUT_WR)
            with self._lock:
                self._conns.discard(src)


class _ControlledScanner:
    """The SANE scanner with simulated faults from a control file (``jammed``, ``no-paper``,
    ``cover-open``), mapped onto the ``test`` backend's ``read-return-value`` option so that the
    fault still comes out of libsane."""

    FAULTS = {
        "jammed": "SANE_STATUS_JAMMED",
        "no-paper": "SANE_STATUS_NO_DOCS",
        "cover-open": "SANE_STATUS_COVER_OPEN",
    }

    def __init__(self, scanner: Any, control: Any) -> None:
        self.scanner = scanner
        self.control = control

    def scan(self) -> Any:
        faults = self.control.take_faults()
        value = next((v for k, v in self.FAULTS.items() if k in faults), "Default")
        self.scanner.set_options(read_return_value=value)
        return self.scanner.scan()

    def close(self) -> None:
        self.scanner.close()


def _sane_test_config(sim_dir: Path) -> Path:
    d = sim_dir / "sane"
    d.mkdir(parents=True, exist_ok=True)
    (d / "dll.conf").write_text("test\n")
    src = Path("/etc/sane.d/test.conf")
    if src.exists():
        shutil.copy(src, d / "test.conf")
    else:
        (d / "test.conf").write_text("number_of_devices 1\n")
    return d


def _managed(name: str, open_fn: Callable[[], Any], probe: Callable[[Any], Any] | None) -> Any:
    from kiosk.devices.manager import ManagedDevice

    dev = ManagedDevice(name, open_fn, probe=probe)
    dev.start()
    return dev


def build(
    cfg: KioskConfig,
    data_dir: Path,
    *,
    start_agent: bool = True,
    sim_dir: Path | None = None,
) -> Kiosk:
    """Open the store and start devices, simulators, platform and sync agent (all at once)."""
    k = open_core(cfg, data_dir, sim_dir=sim_dir)
    start_devices(k, start_agent=start_agent)
    return k


def open_core(cfg: KioskConfig, data_dir: Path, *, sim_dir: Path | None = None) -> Kiosk:
    """The store (seeded with the sample catalog on first start) and a backend whose devices
    are still "starting" — enough for the UI to show its start screen at once."""
    from kiosk.catalog.seed import ensure_catalog
    from kiosk.store.db import Store
    from ui.core_backend import CoreBackend

    data_dir = Path(data_dir)
    store = Store.open(data_dir, cfg)
    if ensure_catalog(store):
        log.info("catalog: imported the bundled sample catalog")
    sim_dir = Path(sim_dir or data_dir / "sim")
    sim_dir.mkdir(parents=True, exist_ok=True)
    backend = CoreBackend(store, cfg, starting=True)
    k = Kiosk(cfg=cfg, data_dir=data_dir, store=store, backend=backend, sim_dir=sim_dir)
    k.closers.append(store.close)
    return k


def start_devices(k: Kiosk, *, start_agent: bool = True) -> None:
    """Start simulators, drivers, platform client and sync agent; attach them to the backend.

    Safe to run on a background thread while the UI shows its first screen (python-escpos
    alone takes seconds to import its capability database)."""
    cfg, data_dir, sim_dir, store = k.cfg, k.data_dir, k.sim_dir, k.store
    dc = cfg.devices

    # ---- ID card reader (GA/T 467 on a serial line)
    id_reader = None
    if dc.id_reader.kind != "none":
        try:
            from drivers.idcard.reader import GaT467Reader, IdReaderDelays

            port = dc.id_reader.port
            if dc.id_reader.kind == "simulated":
                from drivers.idcard.simulator import IdReaderSimulator

                sim = IdReaderSimulator(
                    sim_dir / "id-reader", baudrate=dc.id_reader.baudrate
                ).start()
                k.sims["id_reader"] = sim
                k.closers.append(sim.stop)
                port = str(sim.link)
            delays = IdReaderDelays(
                response_timeout_s=dc.id_reader.read_timeout_s,
                poll_interval_s=dc.id_reader.poll_interval_ms / 1000,
            )
            assert port
            p = port

            def open_id() -> Any:
                r = GaT467Reader(p, dc.id_reader.baudrate, delays=delays)
                r.open()
                return r

            id_reader = _managed("id_reader", open_id, lambda r: r.status())
            k.closers.append(id_reader.stop)
        except Exception as exc:  # noqa: BLE001 - an absent device must not stop the kiosk
            k.notes.append(f"id_reader unavailable: {exc}")

    # ---- social security card (PC/SC)
    ssc_reader = None
    if dc.ssc_reader.kind != "none":
        try:
            if not Path("/run/pcscd/pcscd.comm").exists():
                raise RuntimeError("pcscd is not running")
            from drivers.ssc.reader import PcscSscReader

            if dc.ssc_reader.kind == "simulated":
                from drivers.ssc.emulator import SscEmulator

                emu = SscEmulator(
                    sim_dir / "ssc.control.json", vpcd_port=dc.ssc_reader.vpcd_port
                ).start()
                k.sims["ssc_reader"] = emu
                k.closers.append(emu.stop)
            name = dc.ssc_reader.reader or (
                "Virtual PCD" if dc.ssc_reader.kind == "simulated" else None
            )
            ssc_reader = _managed(
                "ssc_reader", lambda: PcscSscReader(name), lambda r: _ssc_probe(r)
            )
            k.closers.append(ssc_reader.stop)
        except Exception as exc:  # noqa: BLE001
            k.notes.append(f"ssc_reader unavailable: {exc}")

    # ---- QR reader (serial)
    qr_reader = None
    if dc.qr_reader.kind not in ("none", "keyboard"):
        try:
            from drivers.qr.reader import SerialCodeReader

            port = dc.qr_reader.port
            if dc.qr_reader.kind == "simulated":
                from drivers.qr.simulator import QrSimulator

                qsim = QrSimulator(
                    sim_dir / "qr",
                    terminator=dc.qr_reader.terminator,
                    baudrate=dc.qr_reader.baudrate,
                ).start()
                k.sims["qr_reader"] = qsim
                k.closers.append(qsim.stop)
                port = str(qsim.link)
            assert port
            qp = port

            def open_qr() -> Any:
                r = SerialCodeReader(qp, dc.qr_reader.baudrate, dc.qr_reader.terminator)
                r.open()
                return r

            qr_reader = _managed("qr_reader", open_qr, None)
            k.closers.append(qr_reader.stop)
        except Exception as exc:  # noqa: BLE001
            k.notes.append(f"qr_reader unavailable: {exc}")

    # ---- receipt printer (ESC/POS)
    printer = None
    if dc.printer.kind != "none":
        try:
            from drivers.printer.driver import EscposReceiptPrinter

            uri = dc.printer.uri
            if dc.printer.kind == "simulated":
                from drivers.printer.simulator import PrinterSimulator

                profile = cfg.printer_profile()
                psim = PrinterSimulator(
                    sim_dir / "printer",
                    port=0,
                    encoding=profile.encoding,
                    dots=profile.dots_per_line,
                ).start()
                k.sims["printer"] = sim_dir / "printer"
                k.closers.append(psim.stop)
                uri = f"tcp://127.0.0.1:{psim.port}"
            assert uri
            printer = EscposReceiptPrinter(
                uri, cfg.printer_profile(), timeout_s=dc.printer.timeout_s
            )
            k.devices["printer"] = printer
            k.closers.append(printer.close)
        except Exception as exc:  # noqa: BLE001
            k.notes.append(f"printer unavailable: {exc}")

    # ---- scanner (SANE)
    scanner = None
    if dc.scanner.kind != "none":
        try:
            from drivers.scanner.sane_driver import SaneScanner

            device = dc.scanner.device
            if dc.scanner.kind == "simulated":
                os.environ["SANE_CONFIG_DIR"] = str(_sane_test_config(sim_dir))
                device = device or "test:0"
            # the test backend's default picture is a dark pattern; a grid is a page of paper
            extra = {"test-picture": "Grid"} if dc.scanner.kind == "simulated" else None
            raw = SaneScanner(
                device,
                resolution=dc.scanner.resolution,
                mode=dc.scanner.mode,
                timeout_s=dc.scanner.timeout_s,
                options=extra,
            )
            scanner = raw
            if dc.scanner.kind == "simulated":
                from drivers.simctl import SimControl

                sctl = SimControl(sim_dir / "scanner.control.json", initial={"faults": []})
                k.sims["scanner"] = SimpleNamespace(control=sctl)
                scanner = _ControlledScanner(raw, sctl)
            k.closers.append(scanner.close)
        except Exception as exc:  # noqa: BLE001
            k.notes.append(f"scanner unavailable: {exc}")

    # ---- platform (+ embedded simulator) and the sync agent
    ui_platform = None
    try:
        from sync.client import HttpPlatform
        from sync.keys import ensure_platform_secret, platform_secret_path, read_secret

        spath = platform_secret_path(cfg, data_dir)
        secret = (
            ensure_platform_secret(spath)
            if cfg.platform.kind == "simulated"
            else read_secret(spath)
        )
        url = cfg.platform.url
        if cfg.platform.kind == "simulated":
            from sync.simulator.server import PlatformSimulator

            psim2 = PlatformSimulator(
                data_dir / "platform-sim", port=0, kiosks={cfg.terminal.kiosk_id: secret}
            ).start()
            k.platform_sim = psim2
            k.closers.append(psim2.stop)
            switch = _NetworkSwitch((psim2.host, psim2.port))
            k.network_switch = switch
            k.closers.append(switch.down)
            url = switch.url

        def make_platform() -> Any:
            p = HttpPlatform(
                url,
                cfg.terminal.kiosk_id,
                secret,
                alg=cfg.platform.signature_alg,
                ca_file=cfg.platform.ca_file,
                client_cert=cfg.platform.client_cert,
                client_key=cfg.platform.client_key,
                timeout_s=min(cfg.platform.timeout_s, 3.0),
            )
            k.closers.append(p.close)
            return p

        ui_platform = make_platform()
        if start_agent:
            from sync.agent import AgentBusy, SyncAgent

            agent = SyncAgent.from_config(
                store, make_platform(), cfg, devices=lambda: heartbeat_devices(k.backend)
            )
            try:
                agent.acquire()
                k.agent = agent
                k.closers.append(agent.release_lock)
                k.agent_thread = threading.Thread(
                    target=agent.run, args=(k.agent_stop,), name="sync-agent", daemon=True
                )
                k.agent_thread.start()
            except AgentBusy as exc:
                k.notes.append(f"sync agent not started here: {exc}")
                _publish_device_health(k, data_dir=store.data_dir, every_s=cfg.sync.heartbeat_s / 2)
    except Exception as exc:  # noqa: BLE001
        k.notes.append(f"platform unavailable: {exc}")

    k.backend.attach(
        id_reader=id_reader,
        ssc_reader=ssc_reader,
        qr_reader=qr_reader,
        printer=printer,
        scanner=scanner,
        platform=ui_platform,
    )
    if k.agent is not None:
        # a new application or review: drain now, not at the next timer tick
        _wrap_kick(k.backend, k.agent)
    for note in k.notes:
        log.warning("%s", note)


def heartbeat_devices(backend: Any) -> dict[str, dict[str, str]]:
    """Device health as the heartbeat carries it: ``{name: {"status", "detail"}}``."""
    return {
        name: {"status": "ok" if h.ok else h.state, "detail": h.detail}
        for name, h in backend.health().items()
    }


def _publish_device_health(k: Kiosk, data_dir: Path, every_s: float) -> None:
    """For a ``kiosk sync`` in another process: keep ``<data>/devices.json`` current."""

    def loop() -> None:
        path = Path(data_dir) / "devices.json"
        while not k.agent_stop.wait(every_s if path.exists() else 1.0):
            try:
                tmp = path.with_suffix(".json.tmp")
                tmp.write_text(json.dumps(heartbeat_devices(k.backend)), encoding="utf-8")
                os.replace(tmp, path)
            except Exception as exc:  # noqa: BLE001 - health publishing must never stop the UI
                log.debug("device health not published: %s", exc)

    threading.Thread(target=loop, name="device-health", daemon=True).start()


def _wrap_kick(backend: Any, agent: Any) -> None:
    for name in ("submit", "submit_review", "report_problem", "request_help"):
        fn = getattr(backend, name)

        def wrapped(*a: Any, _fn: Any = fn, **kw: Any) -> Any:
            out = _fn(*a, **kw)
            agent.kick()
            return out

        setattr(backend, name, wrapped)


def _ssc_probe(r: Any) -> Any:
    from kiosk.devices.health import Ready

    st = r.status()
    # "no card" is a healthy reader
    return Ready() if type(st).__name__ == "NoCard" else st


def ui_options(cfg: KioskConfig) -> dict[str, Any]:
    u = cfg.ui
    return {
        "idle_timeout_s": u.idle_timeout_s,
        "idle_warning_s": u.idle_warning_s,
        "language": u.default_language,
        "elder_default": u.elder_mode_default,
        "developer_panel": u.developer_panel,
        "voice": u.voice,
        "width": u.screen_width,
        "height": u.screen_height,
    }


class DeferredBackend:
    """The backend the UI gets before the kiosk is open.

    The start screen needs only the terminal's name, its hotline and "devices starting", so
    ``kiosk run`` shows it first and opens the store, builds the search index and starts the
    devices afterwards on a thread (``Starter``). Calls that need the real backend wait for
    it (they run on the UI's worker threads); the catalog is empty until then and the UI
    reloads it when told (``KioskUi.notify_backend_ready``)."""

    NAMES = ("id_reader", "ssc_reader", "qr_reader", "printer", "scanner", "platform")

    def __init__(self, cfg: KioskConfig, data_dir: Path) -> None:
        self.cfg = cfg
        self.data_dir = data_dir
        self.real: Any = None
        self.ready = threading.Event()

    def attach(self, real: Any) -> None:
        self.real = real
        self.ready.set()

    def _wait(self) -> Any:
        if not self.ready.wait(60):
            raise RuntimeError("the kiosk did not finish starting")
        return self.real

    def catalog_items(self) -> list[dict[str, Any]]:
        return self.real.catalog_items() if self.real else []

    def catalog_version(self) -> int:
        return self.real.catalog_version() if self.real else 0

    def cached_home(self) -> dict[str, Any] | None:
        from kiosk.catalog.home_cache import read_home

        return read_home(self.data_dir)

    def search(self, query: str, limit: int = 20) -> list[str]:
        return self.real.search(query, limit) if self.real else []

    def health(self) -> dict[str, Any]:
        if self.real is None:
            from ui.backend import DeviceHealth

            return {n: DeviceHealth(True, "starting") for n in self.NAMES}
        return self.real.health()

    def online(self) -> bool:
        return bool(self.real and self.real.online())

    def end_session(self) -> None:
        if self.real is not None:
            self.real.end_session()

    def hotline(self) -> str:
        return self.cfg.terminal.hotline

    def terminal_name(self) -> str:
        return self.cfg.terminal.name

    def __getattr__(self, name: str) -> Any:
        # everything else (reads, scans, prints, submits) runs on a worker thread: wait
        def call(*a: Any, **kw: Any) -> Any:
            return getattr(self._wait(), name)(*a, **kw)

        return call


class Starter:
    """Opens the kiosk behind a UI that is already showing (see :class:`DeferredBackend`)."""

    def __init__(
        self,
        cfg: KioskConfig,
        data_dir: Path,
        deferred: DeferredBackend,
        on_ready: Callable[[], None],
        *,
        start_agent: bool = True,
    ) -> None:
        self.cfg, self.data_dir, self.deferred = cfg, Path(data_dir), deferred
        self.on_ready = on_ready
        self.start_agent = start_agent
        self.kiosk: Kiosk | None = None
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="kiosk-start", daemon=True)

    def start(self) -> None:
        if not self.thread.is_alive() and self.kiosk is None:
            self.thread.start()

    def _run(self) -> None:
        try:
            k = open_core(self.cfg, self.data_dir)
            self.kiosk = k
            self.deferred.attach(k.backend)
            self.on_ready()
            start_devices(k, start_agent=self.start_agent)
            self.on_ready()
        except BaseException as exc:  # noqa: BLE001 - reported, the UI stays up
            self.error = exc
            log.exception("the kiosk could not start")

    def control(self, action: str) -> str:
        if self.kiosk is None:
            raise RuntimeError("still starting")
        return self.kiosk.control(action)

    def close(self) -> None:
        if self.thread.is_alive():
            self.thread.join(60)
        if self.kiosk is not None:
            self.kiosk.close()


def start_ui(
    cfg: KioskConfig,
    data_dir: Path,
    runtime: Path,
    *,
    voice: bool | None = None,
    boot: tuple[Any, Any] | None = None,
) -> Any:
    """The window first, then the kiosk behind it once the first frame is on screen.

    ``boot`` is ``ui.boot.boot(runtime)`` when the caller started Qt already. Returns
    ``(app, ui, starter)``."""
    if boot is None:
        from ui.boot import boot as start_qt

        boot = start_qt(runtime)
    app, qml = boot
    # Qt compiles the QML on its loader thread while Python imports the interface here; the
    # loader's requests to this thread (QML module imports) are served between the imports.
    for module in ("ui.session", "ui.viewmodels.catalog", "ui.shell"):
        importlib.import_module(module)
        qml.pump()
    from ui.shell import KioskUi

    deferred = DeferredBackend(cfg, data_dir)
    opts = ui_options(cfg)
    if voice is not None:
        opts["voice"] = voice
    holder: dict[str, Any] = {}
    ui = KioskUi(
        deferred,
        dev_control=lambda a: holder["starter"].control(a),
        runtime_root=runtime / "sessions",
        qml=qml,
        **opts,
    )
    starter = Starter(cfg, data_dir, deferred, ui.notify_backend_ready)
    holder["starter"] = starter
    ui.session.wiped.connect(deferred.end_session)

    def first_frame() -> None:
        ui.window.frameSwapped.disconnect(first_frame)
        # READY once the loop is idle again after the first frame: the resident sees the
        # start screen and a tap is handled now. The devices start on their thread after
        # that, so their imports do not hold the interpreter while the frame settles.
        from PySide6.QtCore import QTimer

        from terminal.sdnotify import notify

        QTimer.singleShot(0, notify)
        QTimer.singleShot(0, ui.ensure_screen_models)  # the later screens' view-models
        QTimer.singleShot(0, starter.start)

    ui.window.frameSwapped.connect(first_frame)
    return app, ui, starter


def run(
    cfg: KioskConfig,
    data_dir: Path,
    *,
    offscreen: bool = False,
    quit_after_s: float | None = None,
    runtime_root: Path | None = None,
    boot: tuple[Any, Any] | None = None,
) -> int:
    """``kiosk run``: the whole kiosk until the window closes (or ``quit_after_s``)."""
    import tempfile

    runtime = Path(runtime_root or tempfile.mkdtemp(prefix="bianmin-ui-"))
    app, ui, starter = start_ui(cfg, data_dir, runtime, boot=boot)
    try:
        if cfg.ui.fullscreen and not offscreen:
            screen = app.primaryScreen()
            if screen is not None:
                ui.window.setGeometry(screen.geometry())
            ui.window.showFullScreen()
        from PySide6.QtCore import QTimer

        failed = False

        def announce() -> None:
            k = starter.kiosk
            if k is None:
                return
            if quit_after_s is not None:  # counted from "running", however slow the start
                QTimer.singleShot(int(quit_after_s * 1000), app.quit)
            print(
                json.dumps(
                    {
                        "kiosk": "running",
                        "data_dir": str(data_dir),
                        "sim_dir": str(k.sim_dir),
                        "platform": k.network_switch.url if k.network_switch else cfg.platform.url,
                        "notes": k.notes,
                    },
                    ensure_ascii=False,
                ),
                flush=True,
            )

        waiter = QTimer()
        waiter.setInterval(100)

        def poll() -> None:
            if starter.error is not None or (
                starter.kiosk is not None and not starter.thread.is_alive()
            ):
                waiter.stop()
                if starter.error is None:
                    announce()
                else:
                    nonlocal failed
                    failed = True
                    print(
                        f"kiosk run: could not start: {starter.error}", file=sys.stderr, flush=True
                    )
                    if quit_after_s is not None:
                        app.quit()

        waiter.timeout.connect(poll)
        waiter.start()
        code = int(app.exec())
        return 1 if failed and code == 0 else code
    finally:
        ui.close()
        starter.close()
        with contextlib.suppress(Exception):
            shutil.rmtree(runtime, ignore_errors=True)
