"""Process start-up of ``kiosk run``: the window first, then the kiosk behind it.

The start screen needs only the terminal's name, its hotline and "devices starting", so
``kiosk run`` shows it on a :class:`DeferredBackend` first, and opens the store, builds the
search index and starts the devices (:mod:`terminal.root`) afterwards on a thread
(:class:`Starter`). READY goes to systemd (:mod:`terminal.sdnotify`) once the first frame is on
screen.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import logging
import shutil
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk.config import KioskConfig
from terminal.root import Kiosk, open_core, start_devices

log = logging.getLogger("kiosk.terminal")


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
