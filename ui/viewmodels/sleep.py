"""The sleeping screen: outside the opening hours, or after a while with nobody at the terminal.

``[terminal] opening_hours`` (``07:00-22:00`` in the terminal's time zone) and ``[ui]
sleep_after_s`` decide when; the composition root hands this view-model ``is_open`` (a
callable) and the hours' text, so that the interface needs no clock logic of its own.

- The screen sleeps only on the idle start screen: a resident mid-session (any other screen,
  the idle countdown, the maintenance PIN pad) is never put to sleep; the check runs again
  every ``tick_ms``, so the screen sleeps once they are done.
- Asleep, a black full-screen overlay (``SleepOverlay.qml``) covers everything; the session is
  wiped as it falls asleep (display settings and language back to their defaults), so
  nothing of anyone is on screen or in the interface's state. Devices, health polls, the sync
  agent, the heartbeat and remote commands go on (only the picture is dark).
- A touch (the overlay takes it: it never reaches a button beneath) or a card put in the social
  security card slot or on the ID card reader (a presence event:
  :meth:`KioskService.card_presented` reads nothing from the card) wakes it. Outside the opening hours the start screen then shows the closed notice
  (the hours, and what still works: status lookup and problem reports) and the screen sleeps
  again after ``wake_grace_s`` without a touch.
- :attr:`display` (``"asleep"`` or ``"awake"``) is read by the sync agent's thread for the
  heartbeat and the metrics.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot

from ui.qtprops import ViewModel, Worker, qprop

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent

log = logging.getLogger("kiosk.ui.sleep")

WAKE_GRACE_S = 60.0
"""Outside the opening hours: how long a woken screen stays awake on the start screen without
a touch."""
CARD_WAIT_S = 2.0
"""Each wait for a card while asleep (then the reader is free for a turn of others' calls)."""


class SleepVM(ViewModel):
    asleepChanged = Signal()  # noqa: N815
    closedChanged = Signal()  # noqa: N815

    def __init__(
        self,
        session: Any,
        backend: Any,
        *,
        is_open: Callable[[], bool] | None = None,
        hours_text: str = "",
        sleep_after_s: float = 0,
        clock: Callable[[], float] = time.monotonic,
        tick_ms: int = 1000,
        wake_grace_s: float = WAKE_GRACE_S,
        card_wait_s: float = CARD_WAIT_S,
    ) -> None:
        super().__init__()
        self._session = session
        self._is_open = is_open or (lambda: True)
        self._hours_text = hours_text
        self._sleep_after_s = float(sleep_after_s)
        self._clock = clock
        self._grace_s = wake_grace_s
        self._card_wait_s = card_wait_s
        self._asleep = False
        self._closed = not self._open_now()
        self._last_activity = float("-inf")
        """Nobody has touched the terminal yet: at a closing hour it sleeps at once."""
        self.holds: list[Callable[[], bool]] = []
        """Each says whether something of a resident or a technician is open on the start
        screen (the maintenance PIN pad): no sleep while one does."""
        self.display = "awake"
        """``asleep`` or ``awake``: read by the sync agent's thread (heartbeat, metrics)."""
        self.wakes: dict[str, int] = {"touch": 0, "card": 0}
        fn = getattr(backend, "card_presented", None)
        self._card_presented = fn if callable(fn) else None
        self._card_worker = Worker(self)
        self._card_waiting = False
        self._slot_in: Any = None  # what the readers held at the last wait's end (opaque)
        """Whether a card was in the slot when the last wait ended (None: not known yet)."""
        self._timer = QTimer(self)
        self._timer.setInterval(tick_ms)
        self._timer.timeout.connect(self.tick)
        self.watching = is_open is not None or self._sleep_after_s > 0
        """Whether the screen may sleep at all (else no timer runs and no touch is watched)."""
        if self.watching:
            self._timer.start()
        session.screenChanged.connect(self._on_screen)

    asleep = qprop(bool, "_asleep", asleepChanged)
    closed = qprop(bool, "_closed", closedChanged)
    """Outside the opening hours now (the start screen shows the closed notice when awake)."""

    hoursText = Property(str, lambda self: self._hours_text, notify=closedChanged)  # noqa: N815
    """The opening hours as residents read them (``07:00–22:00``), empty when always open."""

    def set_hours(self, is_open: Callable[[], bool] | None, hours_text: str = "") -> None:
        """New opening hours (None: always open), checked at once."""
        self._is_open = is_open or (lambda: True)
        self._hours_text = hours_text
        if is_open is not None or self._sleep_after_s > 0:
            self._timer.start()
        self.closedChanged.emit()
        self.tick()

    # ------------------------------------------------------------ the clock
    def _open_now(self) -> bool:
        try:
            return bool(self._is_open())
        except Exception:  # noqa: BLE001 - a broken clock never darkens the screen
            log.exception("opening hours could not be checked")
            return True

    def _held(self) -> bool:
        s = self._session
        if s.screen != "attract" or s.idleWarning:
            return True
        for hold in self.holds:
            try:
                if hold():
                    return True
            except Exception:  # noqa: BLE001 - when in doubt, stay awake
                return True
        return False

    @Slot()
    def tick(self) -> None:
        self._set("closed", not self._open_now())
        if self._asleep:
            if not self._card_waiting:
                self._wait_for_card()
            return
        if self._held():
            return
        idle = self._clock() - self._last_activity
        if (self._closed and idle >= self._grace_s) or (
            self._sleep_after_s > 0 and idle >= self._sleep_after_s
        ):
            self.sleep()

    # ------------------------------------------------------------ sleep and wake
    @Slot()
    def sleep(self) -> None:
        """Dark screen; nothing of anyone left in the interface. Never over a session."""
        if self._asleep or self._held():
            return
        log.info("screen asleep (%s)", "closed" if self._closed else "idle")
        self._session.wipe()  # the settings and language go back to their defaults too
        self.display = "asleep"
        self._set("asleep", True)
        self._slot_in = None  # a card left in the slot now is no reason to wake
        self._wait_for_card()

    @Slot()
    def wakeByTouch(self) -> None:  # noqa: N802
        self._wake("touch")

    def _wake(self, how: str) -> None:
        self._last_activity = self._clock()
        if not self._asleep:
            return
        self.wakes[how] = self.wakes.get(how, 0) + 1
        self._card_worker.cancel_all()
        self._card_waiting = False
        self._set("closed", not self._open_now())
        self.display = "awake"
        self._set("asleep", False)
        log.info("screen awake (%s)", how)

    @Slot()
    def _on_screen(self) -> None:
        self._set("closed", not self._open_now())  # the start screen shows the hours as now
        # something took the screen from under the overlay (a technician's card entered
        # maintenance mode): it is awake
        if self._session.screen != "attract":
            self._wake("screen")

    # ------------------------------------------------------------ the card
    def _wait_for_card(self) -> None:
        fn = self._card_presented
        if fn is None or not self._asleep:
            return
        self._card_waiting = True
        cancel, wait_s, was_in = self._card_worker.cancel_event, self._card_wait_s, self._slot_in
        self._card_worker.run(lambda: fn(cancel, wait_s, was_in), self._card_answer)

    def _card_answer(self, outcome: tuple[str, Any]) -> None:
        self._card_waiting = False
        kind, value = outcome
        presented, self._slot_in = value if kind == "ok" else (False, None)
        if presented:
            self._wake("card")
        # otherwise the next wait starts at the next tick (a failing reader is not hammered)

    # ------------------------------------------------------------ activity
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in _activity():
            self._last_activity = self._clock()
        return False

    def stop(self) -> None:
        self._timer.stop()
        self._card_worker.cancel_all()

    def workers(self) -> list[Worker]:
        return [self._card_worker]


@functools.cache
def _activity() -> frozenset[Any]:
    """Events that say someone is at the terminal (made on first use, as ui/session.py's)."""
    from PySide6.QtCore import QEvent

    t = QEvent.Type
    return frozenset({t.MouseButtonPress, t.TouchBegin, t.KeyPress, t.Wheel})
