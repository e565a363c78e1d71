"""The first steps of the interface, before the view-models exist.

Kept apart from :mod:`ui.shell` so that ``kiosk run`` can start compiling the QML while
Python is still importing and building the view-models: :class:`QmlLoad` asks the engine to
compile ``Main.qml`` and the start screen *asynchronously*. Qt then compiles them on its
type-loader thread, which needs no Python interpreter lock, and the objects are created on
the GUI thread once the view-models they bind to exist (:meth:`QmlLoad.create`).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine, QQmlComponent


def _quick_pyside_probe() -> None:
    """Make PySide's per-import probe read a module's file instead of ``inspect.getsource``.

    After PySide6 is loaded, shiboken's import hook asks of every newly imported module
    whether its source mentions "PySide6" (``shibokensupport.feature._mod_uses_pyside``, for
    ``from __feature__ import …``, which the kiosk never uses). It answers through
    ``inspect.getsource``, which tokenizes the file into the line cache: about 0.1–0.3 ms a
    module, and ``kiosk run`` imports some 70 modules after Qt and before its first frame.
    The same question answered by reading the file's bytes takes a fifth of that; modules
    without a ``.py`` file keep the original answer.
    """
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None or getattr(original, "bianmin_quick", False):
        return

    def uses_pyside(module: Any) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return bool(original(module))
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return bool(original(module))

    uses_pyside.bianmin_quick = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[union-attr]


_quick_pyside_probe()

QML_DIR = Path(__file__).resolve().parent / "qml"
QML_MAIN = QML_DIR / "Main.qml"
START_SCREEN = QML_DIR / "screens" / "AttractScreen.qml"
THEME_CACHE = QML_DIR / "ThemeCache.qml"


def prepare_environment(runtime_root: Path, *, keyboard: bool = True) -> None:
    """Process-wide settings that must be in place before the QGuiApplication exists.

    The virtual keyboard keeps what it learns under the generic config location: point
    ``XDG_CONFIG_HOME`` at a directory the kiosk owns (the per-session directories under it
    are deleted at every wipe), never at the service user's real home.
    """
    runtime_root.mkdir(parents=True, exist_ok=True, mode=0o700)
    cfg = runtime_root / "config"
    cfg.mkdir(exist_ok=True, mode=0o700)
    os.environ["XDG_CONFIG_HOME"] = str(cfg)
    if keyboard:
        os.environ["QT_IM_MODULE"] = "qtvirtualkeyboard"
        # our own InputPanel is in the window: never let the plugin open a separate
        # desktop keyboard window (it would also block focus changes when none is shown)
        os.environ["QT_VIRTUALKEYBOARD_DESKTOP_DISABLE"] = "1"
    os.environ.setdefault("QT_QUICK_CONTROLS_STYLE", "Basic")
    os.environ["QT_LOGGING_RULES"] = ";".join(
        [*QUIET_QT_CATEGORIES, *filter(None, [os.environ.get("QT_LOGGING_RULES", "")])]
    )


QUIET_QT_CATEGORIES = (
    # Qt multimedia (loaded by text-to-speech) warns at every start that it cannot load
    # PipeWire; the kiosk plays no media through it, so the lines say nothing to a technician
    "qt.multimedia.symbolsresolver=false",
    # a note from inside Qt's own Controls (PopupList), not from the kiosk's QML
    "qt.qml.propertyCache.append=false",
)
"""Qt logging categories silenced in ``kiosk run`` (a rule set in ``QT_LOGGING_RULES`` by
whoever starts the kiosk comes after these, so it wins)."""


def make_app(argv: list[str] | None = None) -> QGuiApplication:
    app = QGuiApplication.instance() or QGuiApplication(argv or ["kiosk"])
    return app  # type: ignore[return-value]


def boot(runtime_root: Path) -> tuple[QGuiApplication, QmlLoad]:
    """The process-wide Qt set-up and the QML compiling: the first thing ``kiosk run`` does."""
    prepare_environment(runtime_root)
    app = make_app(["kiosk"])
    return app, QmlLoad()


class QmlLoad:
    """The engine, with the window's and the start screen's QML compiling in the background.

    The start screen's component is kept so that the screen loader inside ``Main.qml``
    finds its type compiled already."""

    def __init__(self, main: Path = QML_MAIN, start_screen: Path | None = START_SCREEN) -> None:
        self.engine = QQmlApplicationEngine()
        self._components: list[QQmlComponent] = []
        self._wrapped_foreign = False
        for path in (main, THEME_CACHE, start_screen):
            if path is not None:
                c = QQmlComponent(self.engine)
                c.loadUrl(QUrl.fromLocalFile(str(path)), QQmlComponent.CompilationMode.Asynchronous)
                self._components.append(c)

    def pump(self) -> None:
        """Serve what the loader thread asked of the GUI thread so far (module imports are
        resolved there); call it between long steps of Python work."""
        if any(c.status() == QQmlComponent.Status.Loading for c in self._components):
            QCoreApplication.processEvents()

    def _wait(self) -> None:
        loading = QQmlComponent.Status.Loading
        if any(c.status() == loading for c in self._components):
            self._first_foreign_wrap()
        while any(c.status() == loading for c in self._components):
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 5)
        for c in self._components:
            if c.status() != QQmlComponent.Status.Ready:
                raise RuntimeError(f"could not load the interface: {c.errorString().strip()}")

    def _first_foreign_wrap(self) -> None:
        """Pay PySide's one-time cost of handing Python a QObject of a class it has no wrapper
        for while the loader thread is still compiling, instead of after it.

        The first such object (here the engine's private children; otherwise the theme object
        ``create`` returns) makes PySide build the Python enums of some eighty Qt classes:
        about 11 ms on the GUI thread, once per process. Done inside the wait it runs beside
        the compiling on the other core; in ``create`` it would come after it."""
        if not self._wrapped_foreign:
            self._wrapped_foreign = True
            self.engine.children()

    def create(self) -> QObject:
        """The window, made in the engine's root context (whose properties must be set)."""
        return self._make(0)

    def create_theme(self) -> QObject:
        """The QML mirror of ``themeSource`` that the QML knows as ``theme`` (ThemeCache.qml)."""
        return self._make(1)

    def _make(self, index: int) -> QObject:
        self._wait()
        obj: Any = self._components[index].create(self.engine.rootContext())
        if obj is None:
            errors = self._components[index].errorString().strip()
            raise RuntimeError(f"could not create the interface: {errors}")
        return obj
