"""The platform's ``screenshot`` command in ``kiosk run`` (docs/fleet.md "Commands").

The command arrives on the sync agent's thread; the window belongs to the GUI thread. So:

1. on the agent's thread: refused at once while a resident is in session or a technician in
   maintenance mode (the application API's view);
2. the grab is marshalled to the GUI thread (a queued signal to :class:`ScreenGrabber`, which
   lives there) and the agent's thread waits for it with a deadline (``GRAB_DEADLINE_S``);
3. on the GUI thread the state is checked again — a resident may have started meanwhile — and
   only on the idle start screen (or the sleeping screen) is the window grabbed
   (``QQuickWindow.grabWindow``); nothing is grabbed over a resident's or a technician's screen;
4. back on the agent's thread the image is encoded as PNG (never on the GUI thread) and
   uploaded as a content-addressed blob (``PUT /v1/blobs/{sha256}``, platform-api.md); the
   command's result names it: ``screenshot uploaded: sha256=<64 hex> 1080x1920 png (N
   bytes)``. The platform fetches the blob by that name.

``attach_screen`` wires it (and the display state the heartbeat reports) once the agent runs.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, Qt, Signal, Slot

# made before the first frame of ``kiosk run``: the fleet's modules (sync.commands, the
# cryptography it needs) are imported when the grabber is first used, by the agent
log = logging.getLogger("kiosk.fleet.screenshot")

GRAB_DEADLINE_S = 10.0
"""How long the agent's thread waits for the GUI thread to grab the window."""


class _Grab:
    def __init__(self) -> None:
        self.done = threading.Event()
        self.image: Any = None
        self.refused: str | None = None
        self.abandoned = False


class ScreenGrabber(QObject):
    """Made on the GUI thread (it lives there); :meth:`grab` is called from any other thread."""

    _asked = Signal(int)

    def __init__(self, window: Any, busy: Callable[[], str | None]) -> None:
        super().__init__()
        self._window = window
        self._busy = busy
        """Why the screen must not be taken now (checked on the GUI thread), or None."""
        self._lock = threading.Lock()
        self._grabs: dict[int, _Grab] = {}
        self._ids = itertools.count(1)
        self._asked.connect(self._grab_now, Qt.ConnectionType.QueuedConnection)

    @Slot(int)
    def _grab_now(self, token: int) -> None:
        with self._lock:
            g = self._grabs.get(token)
            if g is None or g.abandoned:  # the asker gave up waiting: nothing to grab
                return
        try:
            why = self._busy()
            if why:
                g.refused = why
            else:
                g.image = self._window.grabWindow()
        except Exception as exc:  # noqa: BLE001 - the command fails, the UI goes on
            log.exception("screenshot: the grab failed")
            g.refused = f"failed: {type(exc).__name__}"
        finally:
            g.done.set()

    def grab(self, deadline_s: float = GRAB_DEADLINE_S) -> Any:
        """The window as a QImage; :class:`CommandRefused` when the GUI thread found a resident
        or a technician, or TimeoutError when it did not answer within ``deadline_s``."""
        token = next(self._ids)
        g = _Grab()
        with self._lock:
            self._grabs[token] = g
        try:
            self._asked.emit(token)
            if not g.done.wait(deadline_s):
                with self._lock:
                    g.abandoned = True
                raise TimeoutError(f"the screen did not answer within {deadline_s:g} s")
        finally:
            with self._lock:
                self._grabs.pop(token, None)
        if g.refused:
            from sync.commands import CommandRefused

            raise CommandRefused(g.refused)
        return g.image


def encode_png(image: Any) -> bytes:
    """A QImage as PNG bytes (a worker thread's job: QImage is reentrant)."""
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buf, "PNG"):
        raise ValueError("the image could not be encoded as PNG")
    buf.close()
    return bytes(data.data())


def screenshot_handler(
    grabber: ScreenGrabber,
    busy: Callable[[], str | None],
    platform: Any,
    *,
    deadline_s: float = GRAB_DEADLINE_S,
) -> Callable[[dict[str, Any]], tuple[bool, str]]:
    """``handler(args) -> (ok, detail)`` for :class:`sync.commands.CommandRunner`."""
    from kiosk.ports.platform import Ok
    from sync.commands import CommandRefused

    def screenshot(args: dict[str, Any]) -> tuple[bool, str]:
        why = busy()
        if why:
            raise CommandRefused(why)
        try:
            image = grabber.grab(deadline_s)
        except TimeoutError as exc:
            return False, f"timeout: {exc}"
        if image is None or image.isNull():
            return False, "failed: the window gave no picture"
        if platform is None:
            return False, "failed: no platform client in this process to upload to"
        png = encode_png(image)
        sha = hashlib.sha256(png).hexdigest()
        size = f"{image.width()}x{image.height()}"
        result = platform.put_blob(sha, png)
        if not isinstance(result, Ok):
            reason = getattr(result, "reason", type(result).__name__)
            return False, f"screenshot upload failed: {type(result).__name__}: {reason}"[:300]
        log.info("screenshot uploaded: %s %s (%d bytes)", sha, size, len(png))
        return True, f"screenshot uploaded: sha256={sha} {size} png ({len(png)} bytes)"

    return screenshot


def gui_busy(service: Any, ui: Any) -> Callable[[], str | None]:
    """Why the screen must not be taken, seen from the GUI thread: the application API's view
    and the interface's own (any screen but the idle start screen is someone's)."""

    def busy() -> str | None:
        from terminal.fleet import RESIDENT, TECHNICIAN

        if service.maintenance.active or ui.session.screen == "maintenance":
            return TECHNICIAN
        models = getattr(ui, "_screen_models", None)
        if models is not None and models["maintenance"].pinOpen:
            return TECHNICIAN
        if service.in_session or ui.session.screen != "attract" or ui.session.idleWarning:
            return RESIDENT
        return None

    return busy


def make_grabber(ui: Any) -> ScreenGrabber:
    """On the GUI thread (the grabber lives where it is made), once the window exists."""
    grabber = ScreenGrabber(ui.window, gui_busy(ui.backend, ui))
    grabber.setParent(ui.window)  # goes with the window
    return grabber


def attach_screen(kiosk: Any, ui: Any, grabber: ScreenGrabber) -> bool:
    """Once the kiosk is open (``kiosk run``; any thread): the display state (``asleep`` or
    ``awake``) the heartbeat and the metrics report — published in ``devices.json`` for a
    ``kiosk sync`` apart — and the commands that need the screen or the devices: with the
    in-process agent, its ``screenshot`` handler; without it (``--no-sync-agent``, the
    appliance), the channel ``kiosk sync`` hands ``screenshot`` and ``selftest`` to
    (``terminal/interface_channel.py``). False when neither could be wired."""
    if kiosk is None:
        return False
    sleep = ui.sleep
    kiosk.display = lambda: sleep.display  # published beside the health for a kiosk sync apart
    handle = kiosk.agent
    if handle is None:
        return _open_channel(kiosk, grabber)
    agent = handle.agent
    agent.display = kiosk.display
    fleet = agent.fleet
    if fleet is not None:
        fleet.handlers["screenshot"] = screenshot_handler(grabber, fleet.busy, agent.platform)
    return True


def _open_channel(kiosk: Any, grabber: ScreenGrabber) -> bool:
    from terminal.fleet import selftest_handler, service_busy
    from terminal.interface_channel import InterfaceChannel

    service = kiosk.backend
    handlers = {
        "selftest": selftest_handler(service),
        "screenshot": screenshot_handler(grabber, service_busy(service), service._port("platform")),
    }
    channel = InterfaceChannel(kiosk.data_dir, handlers)
    try:
        channel.start()
    except OSError as exc:
        log.error("the interface's channel could not open (%s)", type(exc).__name__)
        return False
    kiosk.closers.append(channel.close)
    return True
