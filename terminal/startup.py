"""Process start-up of ``kiosk run``: the window first, then the kiosk behind it.

The start screen needs only the terminal's name, its hotline and "devices starting", so
``kiosk run`` shows it over an application API that is not open yet
(:class:`kiosk.service.KioskService`), and opens the store into it, builds the search index
and starts the devices (:mod:`terminal.root`) afterwards on a thread (:class:`Starter`). READY goes to systemd (:mod:`terminal.sdnotify`) once the first frame is on
screen.
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
from pathlib import Path
from typing import Any

from kiosk.config import KioskConfig
from terminal.root import Kiosk, open_core, start_devices

log = logging.getLogger("kiosk.terminal")

SYNC_LOOP_ALLOWANCE_S = 600.0
"""How long the in-process sync agent's loop may go without turning before the watchdog stops
being petted: one drain pass sends every due row (each request with its own deadline)."""
FREEZE_ENV = "BIANMIN_DEV_FREEZE_UI_AFTER_S"
"""Developer hook (needs ``ui.developer_panel``): block the GUI thread for good this many
seconds after the kiosk is running — to try the watchdog (``tools/watchdog_harness.py``)."""


def _stat_signature(path: Path) -> tuple[int, int, int] | None:
    """What changes when a key file is restored, replaced or deleted."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


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
        "sleep_after_s": u.sleep_after_s,
        **opening_hours_options(cfg),
    }


def opening_hours_options(cfg: KioskConfig) -> dict[str, Any]:
    """``[terminal] opening_hours`` for the interface: whether the terminal is open now (the
    wall clock in ``terminal.time_zone``) and the hours as residents read them."""
    if cfg.terminal.opening_hours is None:
        return {}
    import datetime as dt

    from kiosk.domain.dates import zone
    from kiosk.domain.opening_hours import parse_hours

    hours, tz = parse_hours(cfg.terminal.opening_hours), zone(cfg.terminal.time_zone)
    return {
        "opening_hours": lambda: hours.is_open(dt.datetime.now(tz)),
        "hours_text": hours.text(),
    }


class Starter:
    """Opens the kiosk behind a UI that is already showing: the store into the application
    API the UI already holds, then the devices."""

    def __init__(
        self,
        cfg: KioskConfig,
        data_dir: Path,
        service: Any,
        on_ready: Callable[[], None],
        *,
        start_agent: bool = True,
        on_out_of_service: Callable[[str], None] | None = None,
        on_back_in_service: Callable[[], None] | None = None,
        key_recheck_s: float = 5.0,
    ) -> None:
        self.cfg, self.data_dir, self.service = cfg, Path(data_dir), service
        self.on_ready = on_ready
        self.on_out_of_service = on_out_of_service
        self.on_back_in_service = on_back_in_service
        self.key_recheck_s = key_recheck_s
        self.out_of_service: str | None = None
        """Why the kiosk cannot serve (a StoreUnusable's reason), when it cannot."""
        self._closing = threading.Event()
        self._stop_publishing = threading.Event()
        self._oos_health: dict[str, Any] = {}
        self._oos_publisher: threading.Thread | None = None
        self.start_agent = start_agent
        self.kiosk: Kiosk | None = None
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="kiosk-start", daemon=True)

    def start(self) -> None:
        if not self.thread.is_alive() and self.kiosk is None:
            self.thread.start()

    def _run(self) -> None:
        try:
            from terminal.runtime_dir import sweep_killed_runs

            sweep_killed_runs()  # after the first frame: see make_runtime_dir
        except OSError:
            log.warning("could not look for the runtime directories of killed runs")
        try:
            k = self._open_until_usable()
            if k is None:
                return
            self.kiosk = k
            self.on_ready()
            start_devices(k, start_agent=self.start_agent)
            self.on_ready()
        except BaseException as exc:  # noqa: BLE001 - reported, the UI stays up
            log.exception("the kiosk could not start")
            self.error = exc

    def _open_until_usable(self) -> Kiosk | None:
        """Open the core. Over a lost or wrong data key the kiosk stays out of service and
        looks again whenever the key file changes (``kiosk store key restore`` from a
        technician's shell), then serves without a restart. Other unusable stores (an
        unrecoverable database, a full disk) wait for a technician's restart: opening them
        again unasked could move a damaged file aside twice."""
        from kiosk.store.errors import KeyMismatch, KeyMissing, StoreUnusable
        from kiosk.store.keys import key_path

        key_file = key_path(self.data_dir, self.cfg.storage.key_file)
        while True:
            seen = _stat_signature(key_file)
            try:
                k = open_core(self.cfg, self.data_dir, service=self.service)
            except StoreUnusable as exc:  # out of service, not a crash: no restart loop
                if self.out_of_service != exc.reason:
                    self.out_of_service = exc.reason
                    self.error = exc
                    log.error("out of service: the store is unusable: %s", exc)
                    self._publish_out_of_service(exc)
                    if self.on_out_of_service is not None:
                        self.on_out_of_service(exc.reason)
                if not isinstance(exc, KeyMissing | KeyMismatch):
                    return None
                while _stat_signature(key_file) == seen:
                    if self._closing.wait(self.key_recheck_s):
                        return None
                continue
            if self.out_of_service is not None:
                log.warning("back in service: the data key opens this terminal's data again")
                self.out_of_service, self.error = None, None
                self._stop_publishing.set()
                if self.on_back_in_service is not None:
                    self.on_back_in_service()
            return k

    def _publish_out_of_service(self, exc: BaseException) -> None:
        """Keep ``devices.json`` saying the store is unusable (``kiosk status``, the heartbeat
        of a ``kiosk sync`` in another process) until the kiosk closes."""
        from kiosk.devices.health import Unavailable, Unknown
        from kiosk.devices.published import write_published_health
        from kiosk.service import DEVICE_NAMES

        health: dict[str, Any] = dict.fromkeys(DEVICE_NAMES, Unknown("not started: out of service"))
        health["store"] = Unavailable(" ".join(str(exc).split()))
        self._oos_health = health  # a later reason (a wrong key after a missing one) replaces it
        if self._oos_publisher is not None:
            return
        every_s = max(1.0, min(30.0, self.cfg.sync.heartbeat_s / 2))

        def loop() -> None:
            while True:
                try:
                    write_published_health(self.data_dir, self._oos_health)
                except Exception as err:  # noqa: BLE001 - a full disk must not stop the UI
                    log.debug("out-of-service health not published: %s", err)
                if self._stop_publishing.wait(every_s):
                    return

        self._oos_publisher = threading.Thread(
            target=loop, name="out-of-service-health", daemon=True
        )
        self._oos_publisher.start()

    def control(self, action: str) -> str:
        if self.kiosk is None:
            raise RuntimeError("still starting")
        return self.kiosk.control(action)

    def close(self) -> None:
        self._closing.set()
        self._stop_publishing.set()
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
    start_agent: bool = True,
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
    from kiosk.service import KioskService
    from ui.shell import KioskUi

    service = KioskService(cfg, data_dir)  # the store opens behind the first frame
    opts = ui_options(cfg)
    if voice is not None:
        opts["voice"] = voice
    holder: dict[str, Any] = {}
    ui = KioskUi(
        service,
        dev_control=lambda a: holder["starter"].control(a),
        runtime_root=runtime / "sessions",
        qml=qml,
        **opts,
    )
    from terminal.screenshot_command import attach_screen, make_grabber

    grabber = make_grabber(ui)  # the fleet's screenshot command grabs through it

    def on_ready() -> None:  # the starter's thread: the kiosk opened, then its devices
        ui.notify_backend_ready()
        attach_screen(holder["starter"].kiosk, ui, grabber)

    starter = Starter(
        cfg,
        data_dir,
        service,
        on_ready,
        start_agent=start_agent,
        on_out_of_service=ui.notify_out_of_service,
        on_back_in_service=ui.notify_back_in_service,
    )
    holder["starter"] = starter

    def first_frame() -> None:
        ui.window.frameSwapped.disconnect(first_frame)
        # READY once the loop is idle again after the first frame: the resident sees the
        # start screen and a tap is handled now. The devices start on their thread after
        # that, so their imports do not hold the interpreter while the frame settles.
        from PySide6.QtCore import QTimer

        from terminal.sdnotify import notify

        def ready() -> None:
            notify()
            _check_own_boot(cfg, data_dir, starter)  # a new release: its boot confirmation

        QTimer.singleShot(0, ready)
        QTimer.singleShot(0, ui.ensure_screen_models)  # the later screens' view-models
        QTimer.singleShot(0, starter.start)

    ui.window.frameSwapped.connect(first_frame)
    return app, ui, starter


def _check_own_boot(cfg: KioskConfig, data_dir: Path, starter: Starter) -> None:
    """After ``READY=1``: a release the updater waits for tests itself, off the GUI thread,
    once its devices are up, and leaves the outcome for the root-owned update units to confirm
    its boot or roll it back (:mod:`sync.update.boot`; docs/fleet.md "Boot confirmation")."""
    import time

    from sync.update.boot import check_own_boot

    def started() -> str | None:
        if starter.out_of_service is not None:
            return f"out of service: {starter.out_of_service}"
        if starter.error is not None:
            return f"could not start: {type(starter.error).__name__}"
        if starter.kiosk is not None and not starter.thread.is_alive():
            return "running"
        return None

    def selftest() -> tuple[bool, str]:
        from kiosk.maintenance.service import Maintenance

        results = Maintenance(starter.service, actor="update").selftest(None, unattended=True)
        failed = [f"{r.name} ({r.detail})" for r in results if not r.passed]
        if failed:
            return False, "self-test failed: " + "; ".join(failed)
        return True, "self-test passed: " + ", ".join(r.name for r in results)

    check_own_boot(data_dir, time.time(), started, selftest, cfg.update.boot_confirm_s)


def run(
    cfg: KioskConfig,
    data_dir: Path,
    *,
    offscreen: bool = False,
    quit_after_s: float | None = None,
    runtime_root: Path | None = None,
    boot: tuple[Any, Any] | None = None,
    start_agent: bool = True,
) -> int:
    """``kiosk run``: the whole kiosk until the window closes (or ``quit_after_s``);
    ``start_agent=False`` leaves the sync agent to a ``kiosk sync`` process."""
    from terminal.runtime_dir import make_runtime_dir

    runtime = Path(runtime_root or make_runtime_dir())
    app, ui, starter = start_ui(cfg, data_dir, runtime, boot=boot, start_agent=start_agent)
    from terminal.sdnotify import start_qt_watchdog

    # WatchdogSec=: pets from a timer on this (the GUI) thread, so only while its loop turns
    watchdog = start_qt_watchdog(app)
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
            if watchdog is not None and k.agent is not None:  # …and the sync agent's loop
                k.agent.agent.on_turn = watchdog.watch("sync", SYNC_LOOP_ALLOWANCE_S)
            freeze_after = os.environ.get(FREEZE_ENV)
            if freeze_after and cfg.ui.developer_panel:
                QTimer.singleShot(int(float(freeze_after) * 1000), _freeze_gui_thread)
            print(
                json.dumps(
                    {
                        "kiosk": "running",
                        "data_dir": str(data_dir),
                        "runtime_dir": str(runtime),
                        "pid": os.getpid(),
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

        said_out_of_service = False

        def poll() -> None:
            nonlocal failed, said_out_of_service
            if starter.out_of_service is not None:
                # ``kiosk run`` never exits on an unusable store: the out-of-service screen
                # stays up (with the hotline) and the health says why; no restart loop. Over a
                # lost key it serves again once a technician restores the key.
                if not said_out_of_service:
                    said_out_of_service = True
                    print(
                        json.dumps(
                            {
                                "kiosk": "out_of_service",
                                "reason": starter.out_of_service,
                                "data_dir": str(data_dir),
                            }
                        ),
                        flush=True,
                    )
                    print(
                        f"kiosk run: out of service: {' '.join(str(starter.error).split())}",
                        file=sys.stderr,
                        flush=True,
                    )
                    if quit_after_s is not None:
                        QTimer.singleShot(int(quit_after_s * 1000), app.quit)
                return
            if starter.error is not None or (
                starter.kiosk is not None and not starter.thread.is_alive()
            ):
                waiter.stop()
                if starter.error is None:
                    announce()
                else:
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


def _freeze_gui_thread() -> None:  # pragma: no cover - ends only when the process is killed
    """The developer hook behind :data:`FREEZE_ENV`: the GUI thread stops for good."""
    log.warning("developer hook: freezing the GUI thread (%s)", FREEZE_ENV)
    threading.Event().wait()
