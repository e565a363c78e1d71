"""The libsane side of the scanner: runs inside the scanner's own child process
(:mod:`drivers.scanner.sane_driver` starts it), one request at a time.

- libsane is initialised once per process. Device: the requested name, else the first device
  SANE lists (with a private ``SANE_CONFIG_DIR`` listing only the backends in use,
  enumeration takes milliseconds instead of seconds of network probing).
- SANE statuses become results: JAMMED → :class:`Jammed`, NO_DOCS → :class:`NoPaper`,
  COVER_OPEN → :class:`CoverOpen`, anything else (I/O error, busy, vanished) →
  :class:`Disconnected`; after any of them the handle is cancelled and closed and the next
  scan opens it afresh (a half-done scan is never resumed).
- Timeout: the progress callback (once per line) notices the deadline (counted from the
  request). In the scanner process it answers ``("timeout", None)`` and ends the process on
  the spot: cancelling a backend's reader thread in the middle of a page is what wedges
  libsane (below), and a process that ends takes every lock with it; the parent starts and
  warms a fresh one. A backend that stops delivering lines altogether is the parent's
  business too: it hears ``("read", None)`` when the page is in (before the compression) and
  kills this process when that does not come by the deadline.
- libsane never cancels a backend's reader thread while it runs (the cancel is asynchronous
  and, inside ``malloc``, wedges the process): see :mod:`drivers.scanner.reader_settle`.
- ``warm``: load libsane and open the device, ahead of the first scan.
- Lineart on a device without it: scan Gray and threshold.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass, field
from typing import Any

from drivers.scanner.compress import check_page, compress_page
from drivers.scanner.reader_settle import other_threads, wait_settled
from kiosk.ports.scanner import (
    CoverOpen,
    Disconnected,
    Jammed,
    NoPaper,
    Page,
    ScanResult,
    Timeout,
)

log = logging.getLogger(__name__)

SETTLE_S = 0.5
"""How long a cancel waits for the backend's reader thread to block or exit (see
:mod:`drivers.scanner.reader_settle`)."""
LAST_LINE_S = 1.0
"""How long the last line waits for the reader thread to exit."""

_STATUS = {
    "Document feeder jammed": Jammed,
    "Document feeder out of documents": NoPaper,
    "Scanner cover is open": CoverOpen,
}


@dataclass(frozen=True)
class ScanSettings:
    device: str | None = None
    resolution: int = 200
    mode: str = "Gray"
    timeout_s: float = 30.0
    area_mm: tuple[float, float] | None = None
    options: dict[str, Any] = field(default_factory=dict)


def _opt_key(name: str) -> str:
    return name.replace("-", "_")


class SaneSession:
    def __init__(self) -> None:
        self._sane: Any = None
        self._dev: Any = None
        self._name: str | None = None

    def _lib(self) -> Any:
        if self._sane is None:
            import sane

            sane.init()
            self._sane = sane
        return self._sane

    def devices(self) -> list[tuple[str, str, str, str]]:
        return [tuple(d) for d in self._lib().get_devices()]  # type: ignore[misc]

    def close(self) -> None:
        if self._dev is not None:
            try:
                self._dev.cancel()
                self._dev.close()
            except Exception:
                pass
            self._dev = None

    def _open(self, name: str | None) -> Any:
        if self._dev is not None and (name is None or name == self._name):
            return self._dev
        self.close()
        sane = self._lib()
        if not name:
            devs = sane.get_devices()
            if not devs:
                raise _NoDevice("no SANE scanner found")
            name = devs[0][0]
        try:
            self._dev = sane.open(name)
        except Exception as exc:
            raise _NoDevice(f"cannot open {name}: {exc}") from exc
        self._name = name
        return self._dev

    @staticmethod
    def _configure(dev: Any, s: ScanSettings) -> str:
        """Apply mode, resolution, area and extra options; returns the mode actually scanned."""
        modes = list(dev["mode"].constraint or []) if "mode" in dev.opt else []
        scan_mode = s.mode
        if scan_mode not in modes and modes:
            scan_mode = "Gray" if "Gray" in modes else modes[0]
        if modes:
            dev.mode = scan_mode
        dev.resolution = s.resolution
        for key, idx in (("br_x", 0), ("br_y", 1)):
            if key in dev.opt:
                lo, hi, _ = dev[key].constraint
                want = s.area_mm[idx] if s.area_mm else hi
                setattr(dev, key, float(min(max(want, lo), hi)))
        # an option may only become active once another is set (read-delay-duration needs
        # read-delay): apply in passes, and ignore what stays inactive
        pending = dict(s.options)
        for _ in range(3):
            left = {}
            for name, value in pending.items():
                key = _opt_key(name)
                if key in dev.opt and not dev[key].is_active():
                    left[name] = value
                    continue
                setattr(dev, key, value)
            if not left or left == pending:
                break
            pending = left
        return scan_mode

    def warm(self, s: ScanSettings) -> bool:
        """Load libsane and open the device now; False when it cannot be opened (yet)."""
        try:
            self._open(s.device)
        except (_NoDevice, ImportError) as exc:
            log.info("scanner warm-up: %s", exc)
            return False
        return True

    def scan(self, s: ScanSettings, on_read: Any = None, on_expired: Any = None) -> ScanResult:
        """``on_read()`` is called once the page is read, before it is compressed;
        ``on_expired()`` at the deadline, mid-page (it need not return: the scanner process
        ends there). Without it the scan is cancelled through libsane."""
        deadline = time.monotonic() + s.timeout_s
        try:
            dev = self._open(s.device)
        except _NoDevice as exc:
            return Disconnected(str(exc))
        except ImportError as exc:
            return Disconnected(f"python-sane is not installed ({exc})")
        timed_out = False
        before = set(other_threads())

        def progress(done: int, total: int) -> None:
            nonlocal timed_out
            if not timed_out and time.monotonic() > deadline:
                timed_out = True
                if on_expired is not None:
                    on_expired()
                wait_settled(SETTLE_S, besides=before)
                dev.cancel()
            elif done == total - 1:
                # the next read ends the page and libsane cancels the reader: let it exit first
                wait_settled(LAST_LINE_S, gone_only=True, besides=before)

        try:
            scanned_mode = self._configure(dev, s)
        except Exception as exc:
            self.close()
            return Disconnected(f"device rejected the settings: {exc}")
        try:
            dev.start()
            # a status such as NO_DOCS makes snap() cancel at once: not while the reader allocates
            wait_settled(SETTLE_S, besides=before)
            img = dev.snap(progress=progress)
        except Exception as exc:  # _sane.error carries sane_strstatus()'s text
            reason = str(exc.args[0] if exc.args else exc)
            self.close()
            if timed_out:
                return Timeout(s.timeout_s)
            kind = _STATUS.get(reason)
            if kind is not None:
                return kind()
            log.warning("scanner: %s", reason)
            return Disconnected(reason)
        try:
            dev.cancel()  # end the frame so the next start() begins a new page
        except Exception:
            pass
        if timed_out:
            self.close()
            return Timeout(s.timeout_s)
        if on_read is not None:
            on_read()
        problem = check_page(img)
        if problem is not None:
            return problem
        mode = "Lineart" if s.mode == "Lineart" else scanned_mode
        data, mime = compress_page(img, mode, s.resolution)
        return Page(data, mime, img.width, img.height, s.resolution, mode)


class _NoDevice(Exception):
    pass


def _expire(conn: Any) -> None:
    """The scan's deadline passed mid-page: say so and end this process without cancelling
    the backend (the parent replaces the process)."""
    try:
        conn.send(("timeout", None))
    finally:
        os._exit(0)


def child_main(conn: Any) -> None:
    """The scanner process: answer ``(op, arg)`` requests until told to stop or orphaned."""
    session = SaneSession()
    conn.send(("ready", None))
    while True:
        try:
            op, arg = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            break
        try:
            if op == "scan":
                result = session.scan(
                    arg,
                    on_read=lambda: conn.send(("read", None)),
                    on_expired=lambda: _expire(conn),
                )
                conn.send(("ok", result))
            elif op == "warm":
                conn.send(("ok", session.warm(arg)))
            elif op == "devices":
                conn.send(("ok", session.devices()))
            elif op == "stop":
                session.close()
                conn.send(("ok", None))
                break
            else:
                conn.send(("error", f"unknown request {op!r}"))
        except Exception as exc:  # never die silently: the parent gets a reason
            try:
                conn.send(("error", f"{type(exc).__name__}: {exc}"))
            except OSError:
                break
