"""The session: one explicit screen state machine, the idle countdown and the wipe.

Screens (architecture.md, UI)::

    attract → finder → guide → identify → form → materials → review → submit → receipt
            → rating → done → attract
    identify → result (an instant item: its verified document) → rating | form (offline:
               apply instead)
    attract → status | problem | help → attract
    attract | identify → delegation (委托代办: the agent's card, then the principal) → form |
               finder → guide → identify (the same delegation goes on) → form
    attract → identify → myspace (我的空间: the resident's own space, no item) → help | home()
    attract → myspace (offline known: it says so and offers the way back, no card asked)
    attract ⇒ maintenance (``enter_maintenance``: a technician's PIN or card, from the idle
              start screen only) → home() (the wipe) → attract

``home()`` (the idle timeout, 结束, 完成) ends the session: it goes back to ``attract`` from
anywhere and wipes everything: every view-model is reset, card data are dropped, the on-screen
keyboard's learned dictionary and every scan preview (they live in the per-session directory)
are deleted, a fresh per-session directory is made for the next resident, and the display
settings and language go back to their defaults.

``restart()`` is the 首页 button: the same wipe of the resident's data, but the same resident
is still there, so the display settings (text size, colours, 长辈版) and the language stay.
The screen asks first when something has been entered (``hasEntries``).
"""

from __future__ import annotations

import functools
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot

from ui.qtprops import ViewModel, qprop

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent

log = logging.getLogger("kiosk.ui.session")

SCREENS = [
    "attract",
    "finder",
    "guide",
    "identify",
    "form",
    "materials",
    "review",
    "submit",
    "receipt",
    "result",
    "myspace",
    "rating",
    "done",
    "status",
    "problem",
    "help",
    "delegation",
    "maintenance",
]

# Allowed forward moves (besides ``home()``, which is always allowed and wipes).
TRANSITIONS: dict[str, set[str]] = {
    "attract": {"finder", "status", "problem", "help", "delegation", "identify", "myspace"},
    "finder": {"guide", "attract", "problem", "help"},
    "guide": {"identify", "finder", "help"},
    "identify": {"form", "result", "myspace", "guide", "help", "delegation"},
    "form": {"materials", "identify", "help"},
    "materials": {"review", "form", "help"},
    "review": {"submit", "materials", "form", "help"},
    "submit": {"receipt", "review"},
    "receipt": {"rating"},
    # an instant item's result (即时办结): printed and done, or (offline) applied for instead
    "result": {"rating", "form", "guide", "help"},
    # 我的空间 (after identification without an item): back to the card (offline), or help
    "myspace": {"identify", "help"},
    "rating": {"done"},
    "done": {"attract"},
    "status": {"attract"},
    "problem": {"attract", "done"},
    "help": {"attract", "done"},
    # 委托代办: the agent's card, then the principal's; on to the item's form, the authorised
    # item's guide or the finder
    "delegation": {"form", "finder", "identify", "help"},
    # maintenance mode: no move leads in (only enter_maintenance, from the idle start screen)
    # and the only way out is home(), the wipe
    "maintenance": set(),
}

# Where "back" goes; screens absent here have no back button (submit, receipt…).
BACK: dict[str, str] = {
    "finder": "attract",
    "guide": "finder",
    "identify": "guide",
    "form": "identify",
    "materials": "form",
    "review": "materials",
    "result": "guide",
}

# The application journey's steps (identify → form → materials → review → receipt): the step
# indicator on these screens says "第 2 步，共 5 步"; other screens show none.
JOURNEY_STEPS: dict[str, int] = {
    "identify": 1,
    "form": 2,
    "materials": 3,
    "review": 4,
    "submit": 4,
    "receipt": 5,
}
JOURNEY_LENGTH = 5
# An instant item (即时办结) has two: identify → its result ("第 1 步，共 2 步"); applying for it
# instead (offline) goes on with the application's steps.
INSTANT_STEPS: dict[str, int] = {"identify": 1, "result": 2}
INSTANT_LENGTH = 2
# 我的空间 is reached by identifying without an item: identify → the space, two steps; its
# identify screen's back leads to the start screen
SPACE_STEPS: dict[str, int] = {"identify": 1, "myspace": 2}
SPACE_BACK = {"identify"}

# Steps during which the resident's data is in memory (the idle countdown runs).
UNTIMED = {"attract"}


@functools.cache
def _key_press() -> Any:
    from PySide6.QtCore import QEvent

    return QEvent.Type.KeyPress


@functools.cache
def _activity_events() -> frozenset[Any]:
    """Events that count as the resident being there (built on first use: PySide makes the
    ``QEvent.Type`` enum, a few milliseconds, when it is first touched)."""
    from PySide6.QtCore import QEvent

    t = QEvent.Type
    return frozenset(
        {
            t.MouseButtonPress,
            t.MouseButtonRelease,
            t.TouchBegin,
            t.TouchUpdate,
            t.KeyPress,
            t.Wheel,
            t.InputMethod,
        }
    )


class Session(ViewModel):
    screenChanged = Signal()
    languageChanged = Signal()
    idleLeftChanged = Signal()
    idleWarningChanged = Signal()
    sessionDirChanged = Signal()
    canGoBackChanged = Signal()
    wiped = Signal()
    announce = Signal(str)
    """Emitted with a source (Chinese) string for voice guidance when a screen opens."""

    def __init__(
        self,
        *,
        idle_timeout_s: int = 120,
        idle_warning_s: int = 30,
        language: str = "zh_CN",
        runtime_root: Path | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.before_enter: list[Callable[[str], None]] = []
        self._screen = "attract"
        self._language = language
        self._default_language = language
        self._idle_timeout_s = idle_timeout_s
        self._idle_warning_s = idle_warning_s
        self._clock = clock
        self._last_activity = clock()
        self._idleLeft = idle_timeout_s
        self._idleWarning = False
        self._canGoBack = False
        self._resettables: list[Callable[[], None]] = []
        self._setting_resets: list[Callable[[], None]] = []
        self.entry_checks: list[Callable[[], bool]] = []
        """Each says whether the resident has entered something (identity, form, scans)."""
        self.key_sink: Callable[[QObject, QEvent], bool] | None = None
        """Gets every key press (the keyboard-wedge scanner): True swallows it."""
        self.instant_journey: Callable[[], bool] = lambda: False
        """Whether the item chosen is an instant one (the step indicator counts two steps)."""
        self.space_journey: Callable[[], bool] = lambda: False
        """Whether the resident is on the way to their own space (我的空间), not an item."""
        self.wipe_paths: list[Path] = []
        """More directories deleted at every wipe (the keyboard's config-location dictionary)."""
        self._history: list[str] = []
        self._own_root = runtime_root is None
        self.runtime_root = Path(runtime_root or tempfile.mkdtemp(prefix="bianmin-ui-"))
        self.runtime_root.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._sessionDir = ""
        self._new_session_dir()
        self._timer = QTimer(self)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.tick)
        self._timer.start()
        self.wipe_count = 0

    # ------------------------------------------------------------ properties
    screen = qprop(str, "_screen", screenChanged)
    language = qprop(str, "_language", languageChanged)
    idleLeft = qprop(int, "_idleLeft", idleLeftChanged)
    idleWarning = qprop(bool, "_idleWarning", idleWarningChanged)
    sessionDir = qprop(str, "_sessionDir", sessionDirChanged)
    canGoBack = qprop(bool, "_canGoBack", canGoBackChanged)

    def _on_instant_steps(self) -> bool:
        return self._screen in INSTANT_STEPS and self.instant_journey()

    def _journey_step(self) -> int:
        if self._screen in SPACE_STEPS and self.space_journey():
            return SPACE_STEPS[self._screen]
        if self._on_instant_steps():
            return INSTANT_STEPS[self._screen]
        return JOURNEY_STEPS.get(self._screen, 0)

    def _journey_length(self) -> int:
        if self._screen in SPACE_STEPS and self.space_journey():
            return len(SPACE_STEPS)
        return INSTANT_LENGTH if self._on_instant_steps() else JOURNEY_LENGTH

    journeyStep = Property(int, _journey_step, notify=screenChanged)
    """The journey's step on this screen (1…5, or 1…2 for an instant item), 0 off it."""
    journeyLength = Property(int, _journey_length, notify=screenChanged)

    def _kb_path(self) -> str:
        return str(Path(self._sessionDir) / "qtvirtualkeyboard")

    keyboardDataPath = Property(str, _kb_path, notify=sessionDirChanged)

    def _idle_timeout(self) -> int:
        return self._idle_timeout_s

    idleTimeout = Property(int, _idle_timeout, notify=idleLeftChanged)

    # ------------------------------------------------------------ wiring
    def register(self, reset: Callable[[], None]) -> None:
        """A view-model's reset, called on every wipe (in registration order)."""
        self._resettables.append(reset)

    def register_setting(self, reset: Callable[[], None]) -> None:
        """A display setting's reset: called when the session ends, not on 首页."""
        self._setting_resets.append(reset)

    @property
    def session_path(self) -> Path:
        return Path(self._sessionDir)

    def _new_session_dir(self) -> None:
        d = self.runtime_root / f"session-{os.urandom(6).hex()}"
        d.mkdir(mode=0o700)
        (d / "scans").mkdir(mode=0o700)
        (d / "qtvirtualkeyboard").mkdir(mode=0o700)
        self._set("sessionDir", str(d))

    # ------------------------------------------------------------ navigation
    @Slot(str)
    def go(self, target: str) -> None:
        if target == self._screen:
            return
        if target not in TRANSITIONS.get(self._screen, set()):
            log.warning("screen move %s → %s refused", self._screen, target)
            return
        if target == "attract":
            self.home()
            return
        self._history.append(self._screen)
        self._enter(target)

    @Slot()
    def back(self) -> None:
        target = BACK.get(self._screen)
        if self.space_journey() and self._screen in SPACE_BACK:
            self.restart()  # the resident is still there: their display settings stay
            return
        if target == "attract":
            self.home()
        elif target:
            self._enter(target)

    @Slot()
    def home(self) -> None:
        """The session ends: back to the start screen; everything of it is wiped, the display
        settings and the language too."""
        self.wipe()
        self._enter("attract")

    @Slot()
    def restart(self) -> None:
        """首页: back to the start screen; the resident's data are wiped, the display settings
        and the language stay (until the idle timeout or 结束)."""
        self.wipe(keep_settings=True)
        self._enter("attract")

    def enter_maintenance(self) -> bool:
        """Maintenance mode (a technician's PIN or card was accepted): only from the start
        screen with nothing of a resident entered, never from a session's screens. It is
        left through :meth:`home` like a session, so everything shown in it is wiped."""
        if self._screen != "attract" or self.hasEntries():
            log.warning("maintenance refused on %s", self._screen)
            return False
        self._history.clear()
        self._enter("maintenance")
        return True

    @Slot(result=bool)
    def hasEntries(self) -> bool:  # noqa: N802
        """The resident entered something (identity, form values, scans): 首页 asks first."""
        for check in self.entry_checks:
            try:
                if check():
                    return True
            except Exception:  # noqa: BLE001 - asking once too often is harmless
                log.exception("entry check failed")
                return True
        return False

    def _enter(self, target: str) -> None:
        for prepare in self.before_enter:  # what the screen binds to exists before it loads
            prepare(target)
        self._set("screen", target)
        self._set("canGoBack", target in BACK)
        self.touch()
        self.announce.emit(target)

    # ------------------------------------------------------------ idle
    def touch(self) -> None:
        """The resident did something: restart the countdown."""
        self._last_activity = self._clock()
        self._set("idleWarning", False)
        self._set("idleLeft", self._idle_timeout_s)

    @Slot()
    def extendTime(self) -> None:  # noqa: N802
        """'I need more time' — always available while the countdown shows."""
        self.touch()

    @Slot()
    def tick(self) -> None:
        if self._screen in UNTIMED:
            return
        left = self._idle_timeout_s - (self._clock() - self._last_activity)
        self._set("idleLeft", max(0, int(left + 0.999)))
        self._set("idleWarning", 0 < left <= self._idle_warning_s)
        if left <= 0:
            log.info("idle timeout on %s: session wiped", self._screen)
            self.home()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        t = event.type()
        if t in _activity_events():
            # while "are you still there?" shows, only its buttons answer it: hiding it on
            # the press would send the release (结束, more time) to the screen beneath
            if not self._idleWarning:
                self._last_activity = self._clock()
            if self.key_sink is not None and t == _key_press():
                return self.key_sink(obj, event)
        return False

    def set_idle(self, timeout_s: int, warning_s: int) -> None:
        self._idle_timeout_s = timeout_s
        self._idle_warning_s = warning_s
        self.touch()

    # ------------------------------------------------------------ settings
    @Slot(str)
    def setLanguage(self, code: str) -> None:  # noqa: N802
        self._set("language", code)

    # ------------------------------------------------------------ wipe
    def wipe(self, *, keep_settings: bool = False) -> None:
        resets = self._resettables if keep_settings else self._resettables + self._setting_resets
        for reset in resets:
            try:
                reset()
            except Exception:  # noqa: BLE001 - a reset must never stop the wipe
                log.exception("reset failed during wipe")
        old = Path(self._sessionDir)
        shutil.rmtree(old, ignore_errors=True)
        for extra in self.wipe_paths:
            shutil.rmtree(extra, ignore_errors=True)
        self._new_session_dir()
        self._history.clear()
        if not keep_settings:
            self._set("language", self._default_language)
        self.wipe_count += 1
        self.wiped.emit()

    def close(self) -> None:
        self._timer.stop()
        shutil.rmtree(Path(self._sessionDir), ignore_errors=True)
        if self._own_root:
            shutil.rmtree(self.runtime_root, ignore_errors=True)
