"""Builds the interface: environment, view-models, QML engine, translations, voice.

``build_ui(backend, ui_config, ...)`` is what the composition root and the tests call. The
QGuiApplication must exist already (``make_app``), created *after* :func:`prepare_environment`.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Property, QObject, QUrl, Signal, Slot
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtQuick import QQuickWindow  # imported early: root windows come back as QQuickWindow

from kiosk.service import KioskApi, is_usable
from ui.boot import QmlLoad
from ui.session import Session
from ui.theme import Theme
from ui.translations import Translations
from ui.viewmodels.catalog import CatalogVM
from ui.viewmodels.devices import DeviceStatusVM, DevPanelVM
from ui.viewmodels.header import HeaderVM
from ui.viewmodels.journey import Journey, is_instant
from ui.viewmodels.sleep import SleepVM
from ui.voice import Voice

log = logging.getLogger("kiosk.ui")


SCREEN_MODELS = (
    "identify",
    "form",
    "materials",
    "submission",
    "instant",
    "mySpace",
    "rating",
    "problem",
    "help",
    "statusLookup",
    "delegation",
    "maintenance",
)
"""Context names of the later screens' view-models (:meth:`KioskUi.ensure_screen_models`)."""

CJK_FAMILIES = ["Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei"]


def cjk_family() -> str:
    fams = set(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))
    for f in CJK_FAMILIES:
        if f in fams:
            return f
    return sorted(fams)[0] if fams else ""


def as_quick_window(obj: QObject) -> Any:
    """The root ``ApplicationWindow`` as a ``QQuickWindow`` (PySide may hand it back as a
    plain ``QWindow``, which lacks ``grabWindow``)."""
    from shiboken6 import Shiboken

    if isinstance(obj, QQuickWindow):
        return obj
    return Shiboken.wrapInstance(Shiboken.getCppPointer(obj)[0], QQuickWindow)


ACTIVITY_FILTER_DELAY_MS = 250
"""After the first frame, when the idle countdown starts noticing touches and keys."""


class Shell(QObject):
    """Facts and helpers the QML needs that are not a screen's business."""

    changed = Signal()
    outOfServiceChanged = Signal()  # noqa: N815 - a QML property's notify signal

    def __init__(
        self,
        ui: KioskUi,
        *,
        width: int,
        height: int,
        terminal_name: str,
        hotline: str,
        keyboard: bool,
        still: bool,
    ) -> None:
        super().__init__()
        self._ui = ui
        self._width = width
        self._height = height
        self._terminal = terminal_name
        self._hotline = hotline
        self._keyboard = keyboard
        self._still = still
        self._font = cjk_family()
        self._out_of_service = ""

    width = Property(int, lambda self: self._width, constant=True)
    height = Property(int, lambda self: self._height, constant=True)
    terminalName = Property(str, lambda self: self._terminal, constant=True)
    hotline = Property(str, lambda self: self._hotline, constant=True)
    keyboard = Property(bool, lambda self: self._keyboard, constant=True)
    still = Property(bool, lambda self: self._still, constant=True)
    """No animations (screenshots, benchmarks)."""
    fontFamily = Property(str, lambda self: self._font, constant=True)
    outOfService = Property(
        bool, lambda self: bool(self._out_of_service), notify=outOfServiceChanged
    )
    """The kiosk cannot serve (its store is unusable): the out-of-service screen covers all."""
    outOfServiceReason = Property(
        str, lambda self: self._out_of_service, notify=outOfServiceChanged
    )

    @Slot(str)
    def set_out_of_service(self, reason: str) -> None:
        self._out_of_service = reason
        self.outOfServiceChanged.emit()

    @Slot(bool)
    def setElder(self, on: bool) -> None:  # noqa: N802
        self._ui.set_elder(on)

    @Slot(str, result=str)
    def qrUrl(self, text: str) -> str:  # noqa: N802
        """A PNG of ``text`` as a QR code in the per-session directory (wiped with it)."""
        if not text:
            return ""
        import hashlib

        import qrcode

        d = self._ui.session.session_path
        path = d / f"qr-{hashlib.sha256(text.encode()).hexdigest()[:16]}.png"
        if not path.exists():
            img = qrcode.make(text, box_size=8, border=2)
            img.save(path)
        return QUrl.fromLocalFile(str(path)).toString()


class _ReadyRelay(QObject):
    ready = Signal()
    out_of_service = Signal(str)


class KioskUi:
    """Everything the interface is made of, wired together."""

    def __init__(
        self,
        backend: KioskApi,
        *,
        idle_timeout_s: int = 120,
        idle_warning_s: int = 30,
        language: str = "zh_CN",
        elder_default: bool = False,
        developer_panel: bool = False,
        dev_control: Callable[[str], str] | None = None,
        voice: bool = True,
        voice_engine: str | None = None,
        width: int = 1080,
        height: int = 1920,
        keyboard: bool = True,
        still: bool = False,
        runtime_root: Path | None = None,
        health_poll_ms: int = 1000,
        identify_timeout_s: float = 60.0,
        show: bool = True,
        qml: QmlLoad | None = None,
        maintenance: Any = None,
        maintenance_card_poll: bool = True,
        usb_mount: str | None = None,
        opening_hours: Callable[[], bool] | None = None,
        hours_text: str = "",
        sleep_after_s: int = 0,
    ) -> None:
        # the QML compiles on Qt's loader thread while the view-models are built below
        self._qml = qml or QmlLoad()
        self.backend = backend
        self.elder_default = elder_default
        self.session = Session(
            idle_timeout_s=idle_timeout_s,
            idle_warning_s=idle_warning_s,
            language=language,
            runtime_root=runtime_root,
        )
        if os.environ.get("XDG_CONFIG_HOME"):
            # Qt's Pinyin engine writes its user dictionary under the generic config
            # location (not only under VirtualKeyboardSettings.userDataPath): wipe both
            kb = Path(os.environ["XDG_CONFIG_HOME"]) / "qtvirtualkeyboard"
            self.session.wipe_paths.append(kb)
        self.theme = Theme(elder_default)
        self.journey = Journey()
        self.session.register(self.journey.clear)
        self.session.register(backend.end_session)  # the API drops the resident's data too
        from ui.wedge import WedgeKeys

        self.session.key_sink = WedgeKeys(backend)  # a keyboard-wedge code scanner's keys
        self._idle = (idle_timeout_s, idle_warning_s)
        self.session.register_setting(lambda: self.theme.reset(self.elder_default))
        self.session.register_setting(lambda: self.session.set_idle(*self._idle))
        j = self.journey
        self.session.entry_checks.append(lambda: bool(j.person or j.form or j.materials))
        self.session.instant_journey = lambda: is_instant(j.item)
        self.session.space_journey = lambda: j.space
        self.catalog = CatalogVM(backend, self.session, self.journey)
        self.session.wiped.connect(self.catalog.refresh)  # a catalog update shows from now on
        self.devices = DeviceStatusVM(backend, poll_ms=health_poll_ms)
        self.header = HeaderVM(backend, self.session)
        # the sleeping screen (opening hours, idle): ui/viewmodels/sleep.py
        self.sleep = SleepVM(
            self.session,
            backend,
            is_open=opening_hours,
            hours_text=hours_text,
            sleep_after_s=sleep_after_s,
        )
        self.sleep.holds.append(
            lambda: self._screen_models is not None and self._screen_models["maintenance"].pinOpen
        )
        # the later screens' view-models: made on first need (see ensure_screen_models)
        self._identify_timeout_s = identify_timeout_s
        self._screen_models: dict[str, QObject] | None = None
        self.session.before_enter.append(self._before_screen)
        self.devpanel = DevPanelVM(developer_panel, dev_control)
        # maintenance mode (the technician's PIN or card, from the idle start screen only): its
        # view-model is made with the later screens' (after the first frame)
        self._maintenance_options = {
            "api": maintenance,
            "card_poll": maintenance_card_poll,
            "usb_mount": usb_mount,
        }
        self.voice = Voice(enabled=voice, engine=voice_engine, defer=True)
        self.session.announce.connect(self._announce)
        # a wedged speech engine shows in the status strip and the devices' health
        self.voice.add_listener(lambda h: self.devices.set_local("voice", h))
        # …and in the kiosk's health (``kiosk status``, the heartbeat)
        self.voice.add_listener(lambda h: backend.report_health("voice", h))
        self.shell = Shell(
            self,
            width=width,
            height=height,
            terminal_name=backend.terminal_name(),
            hotline=backend.hotline(),
            keyboard=keyboard,
            still=still,
        )
        app = QGuiApplication.instance()
        if self.shell.fontFamily:
            f = QFont(self.shell.fontFamily)
            f.setPixelSize(20)
            app.setFont(f)  # type: ignore[union-attr]

        self._ready_relay = _ReadyRelay()
        self._ready_relay.ready.connect(self._on_backend_ready)
        self._ready_relay.out_of_service.connect(self.shell.set_out_of_service)
        self.engine = self._qml.engine
        self.translations = Translations(self.engine)
        self.session.languageChanged.connect(self._on_language)
        ctx = self.engine.rootContext()
        for name, obj in self.start_objects().items():
            ctx.setContextProperty(name, obj)
        for name in SCREEN_MODELS:  # declared now, filled by ensure_screen_models
            ctx.setContextProperty(name, None)
        if language != "zh_CN":
            self.translations.set_language(language)
        # the first health poll goes to the worker like every other: a printer's status is
        # a TCP round trip, which has no place on the GUI thread
        self.devices.poll()
        self._theme_qml = self._qml.create_theme()
        ctx.setContextProperty("theme", self._theme_qml)
        self.window: Any = as_quick_window(self._qml.create())
        if not show:
            self.window.setProperty("visible", False)
        from PySide6.QtCore import QTimer

        # The activity filter (idle countdown) is a Python event filter on the application:
        # PySide's first calls into it build ~100 enum types (≈ 20-30 ms) and it sees every
        # event of the QML load. So it goes in shortly after the first frame (like the
        # devices); nobody can touch the screen before it is shown.
        def install_filter() -> None:
            app.installEventFilter(self.session)  # type: ignore[union-attr]
            if self.sleep.watching:  # opening hours or an idle sleep configured
                app.installEventFilter(self.sleep)  # type: ignore[union-attr]

        if show:

            def first_frame() -> None:
                self.window.frameSwapped.disconnect(first_frame)
                QTimer.singleShot(ACTIVITY_FILTER_DELAY_MS, install_filter)
                QTimer.singleShot(0, self._show_icons)
                # the later screens' view-models, maintenance's too (its card watcher and the
                # name held for its PIN pad work from the start screen on): a turn of the loop
                # later, after what kiosk run queued at this frame (READY first)
                QTimer.singleShot(0, lambda: QTimer.singleShot(0, self.ensure_screen_models))

            self.window.frameSwapped.connect(first_frame)
        else:
            install_filter()
            self._show_icons()
            self.ensure_screen_models()

        QTimer.singleShot(300, self.voice.start)

    def _show_icons(self) -> None:
        self._theme_qml.setProperty("icons", True)

    def notify_backend_ready(self) -> None:
        """Thread-safe: the backend finished (part of) starting; reload what depends on it."""
        self._ready_relay.ready.emit()

    def notify_out_of_service(self, reason: str) -> None:
        """Thread-safe: the kiosk cannot serve (``reason``: a machine word such as
        ``key_missing``); the out-of-service screen with the hotline covers every screen."""
        self._ready_relay.out_of_service.emit(reason or "store_unusable")

    def notify_back_in_service(self) -> None:
        """Thread-safe: the store opens again (a technician restored the data key)."""
        self._ready_relay.out_of_service.emit("")

    def _on_backend_ready(self) -> None:
        self.catalog.refresh()
        self.devices.poll()

    def start_objects(self) -> dict[str, QObject]:
        """What the window, its bars and the start screen bind to."""
        return {
            "session": self.session,
            "themeSource": self.theme,  # QML reads it through ThemeCache.qml, as `theme`
            "shell": self.shell,
            "catalog": self.catalog,
            "devices": self.devices,
            "kioskHeader": self.header,  # not `header`: ApplicationWindow has one
            "devpanel": self.devpanel,
            "voice": self.voice,
            "screenSleep": self.sleep,
        }

    def ensure_screen_models(self) -> dict[str, QObject]:
        """The view-models of the screens after the start screen, made on first need.

        The start screen binds to none of them, so ``kiosk run`` makes them right after the
        first frame (``terminal.startup.start_ui``), like the devices; a move to another screen, or
        any use from Python, makes them at once if that has not happened yet."""
        if self._screen_models is None:
            from ui.viewmodels.delegation import DelegationVM
            from ui.viewmodels.feedback import HelpVM, ProblemVM, RatingVM, StatusVM
            from ui.viewmodels.form import FormVM
            from ui.viewmodels.identify import IdentifyVM
            from ui.viewmodels.instant import InstantVM
            from ui.viewmodels.maintenance import MaintenanceVM
            from ui.viewmodels.materials import MaterialsVM
            from ui.viewmodels.myspace import MySpaceVM
            from ui.viewmodels.submission import SubmissionVM

            b, s, j = self.backend, self.session, self.journey
            identify = IdentifyVM(b, s, j, self._identify_timeout_s)
            materials = MaterialsVM(b, s, j)
            models: dict[str, QObject] = {
                "identify": identify,
                "form": FormVM(b, s, j),
                "materials": materials,
                "submission": SubmissionVM(b, s, j),
                "instant": InstantVM(b, s, j),
                "mySpace": MySpaceVM(b, s, j),
                "rating": RatingVM(b, s, j),
                "problem": ProblemVM(b, s),
                "help": HelpVM(b, s),
                "statusLookup": StatusVM(b, s),
                "delegation": DelegationVM(b, s, j, self._identify_timeout_s),
                "maintenance": MaintenanceVM(b, s, **self._maintenance_options),
            }
            self._screen_models = models
            self.devices.add_listener(identify.set_health)
            self.devices.add_listener(materials.set_health)
            self.devices.add_listener(models["mySpace"].set_health)
            self.devices.add_listener(models["maintenance"].set_health)
            self.devices.add_listener(
                lambda h: materials.set_online(
                    h.get("platform") is None or is_usable(h["platform"])
                )
            )
            ctx = self.engine.rootContext()
            for name, obj in models.items():
                ctx.setContextProperty(name, obj)
        return self._screen_models

    def _before_screen(self, target: str) -> None:
        if target != "attract":
            self.ensure_screen_models()

    identify = property(lambda self: self.ensure_screen_models()["identify"])
    form = property(lambda self: self.ensure_screen_models()["form"])
    materials = property(lambda self: self.ensure_screen_models()["materials"])
    submission = property(lambda self: self.ensure_screen_models()["submission"])
    instant = property(lambda self: self.ensure_screen_models()["instant"])
    my_space = property(lambda self: self.ensure_screen_models()["mySpace"])
    rating = property(lambda self: self.ensure_screen_models()["rating"])
    problem = property(lambda self: self.ensure_screen_models()["problem"])
    help = property(lambda self: self.ensure_screen_models()["help"])
    status = property(lambda self: self.ensure_screen_models()["statusLookup"])
    delegation = property(lambda self: self.ensure_screen_models()["delegation"])
    maintenance = property(lambda self: self.ensure_screen_models()["maintenance"])

    def _on_language(self) -> None:
        self.translations.set_language(self.session.language)
        self.voice.select_voice(self.session.language)

    def _announce(self, screen: str) -> None:
        # 长辈版's start screen is another screen with its own words
        self.voice.sayScreen(
            "attract-elder" if screen == "attract" and self.theme.elder else screen
        )

    def set_elder(self, on: bool) -> None:
        self.theme.setElder(on)
        # slower pacing: elders get half as much time again before the idle countdown
        f = 1.5 if on else 1.0
        self.session.set_idle(int(self._idle[0] * f), int(self._idle[1] * f))
        # 长辈版 turns voice guidance on (if an engine exists); the resident can turn it off
        if on and self.voice.available:
            self.voice.setEnabled(True)
            if self.session.screen == "attract":  # the start screen became the elder home
                self._announce("attract")

    def close(self) -> None:
        """Tear down in order: the QML (which binds to the view-models) before them."""
        from ui.qtprops import process_events

        self.devices.stop()
        self.header.stop()
        self.sleep.stop()
        if self._screen_models is not None:
            self._screen_models["maintenance"].card.stop()
        self.translations.set_language("zh_CN")  # the app's translator is not this UI's alone
        self.voice.close()
        self.window.hide()
        self.translations.close()  # the application outlives this interface (tests, shots)
        # made from components, not by engine.load: the engine does not own them
        self.window.deleteLater()
        self._theme_qml.deleteLater()
        self.engine.deleteLater()
        process_events()  # runs the deferred deletes
        self.session.close()
        # no answer may arrive after the interface is gone: drop pending ones and give the
        # calls in flight (each with its own deadline) a moment to end
        workers = (
            [
                w
                for vm in [self.catalog, self.devices, *(self._screen_models or {}).values()]
                for w in (getattr(vm, "_worker", None), getattr(vm, "_loader", None))
                if w is not None
            ]
            + self.sleep.workers()
            + (self._screen_models["maintenance"].workers() if self._screen_models else [])
        )
        for w in workers:
            w.cancel_all()
        end = time.monotonic() + 3.0
        while any(w.busy() for w in workers) and time.monotonic() < end:
            time.sleep(0.02)
