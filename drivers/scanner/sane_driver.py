"""The SANE document scanner driver (:class:`kiosk.ports.scanner.DocumentScanner`).

- libsane is initialised once per process; every SANE call runs on the scanner's single
  :class:`kiosk.devices.worker.DeviceWorker` thread.
- Device: the configured name, else the first device SANE lists. With a private
  ``SANE_CONFIG_DIR`` (a ``dll.conf`` listing only the backends in use) enumeration takes
  milliseconds instead of seconds of network-backend probing.
- SANE statuses become results: JAMMED → :class:`Jammed`, NO_DOCS → :class:`NoPaper`,
  COVER_OPEN → :class:`CoverOpen`, anything else (I/O error, busy, vanished) →
  :class:`Disconnected`; after any of them the handle is cancelled and closed, and the next
  scan opens it afresh (a half-done scan is never resumed).
- Timeout: the progress callback (once per line) calls ``sane_cancel`` when the deadline
  passes; a backstop on the caller's side cancels from outside if the backend stops sending
  lines altogether. Either way the result is :class:`Timeout` and the handle is reset.
- Lineart on a device without it: scan Gray and threshold.
"""

from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

from drivers.scanner.compress import check_page, compress_page
from kiosk.devices.worker import DeviceWorker
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

_init_lock = threading.Lock()
_initialised = False

_STATUS = {
    "Document feeder jammed": Jammed,
    "Document feeder out of documents": NoPaper,
    "Scanner cover is open": CoverOpen,
}


class ScannerUnavailable(RuntimeError):
    """python-sane or libsane is missing: the kiosk marks the scanner unavailable."""


def _sane() -> Any:
    global _initialised
    try:
        import sane
    except ImportError as exc:  # pragma: no cover - the venv has it
        raise ScannerUnavailable(f"python-sane is not installed ({exc})") from exc
    with _init_lock:
        if not _initialised:
            sane.init()
            _initialised = True
    return sane


def _opt_key(name: str) -> str:
    return name.replace("-", "_")


class SaneScanner:
    def __init__(
        self,
        device: str | None = None,
        *,
        resolution: int = 200,
        mode: str = "Gray",
        timeout_s: float = 30.0,
        area_mm: tuple[float, float] | None = None,
        options: dict[str, Any] | None = None,
    ) -> None:
        """``options``: extra backend options by SANE name (e.g. the test backend's
        ``read-return-value``), applied before each scan."""
        self.device = device
        self.resolution = resolution
        self.mode = mode
        self.timeout_s = timeout_s
        self.area_mm = area_mm
        self.options = dict(options or {})
        self._worker = DeviceWorker("scanner", idle_interval_s=3600)
        self._dev: Any = None
        self._cancel_requested = threading.Event()

    # ------------------------------------------------------------- port API
    def scan(self) -> ScanResult:
        self._cancel_requested.clear()
        fut = self._worker.submit(self._scan_io)
        try:
            return fut.result(timeout=self.timeout_s + 5.0)
        except FutureTimeout:
            # the backend stopped calling back: cancel from here, then wait for the worker
            self._cancel_requested.set()
            dev = self._dev
            if dev is not None:
                try:
                    dev.cancel()
                except Exception:
                    pass
            try:
                fut.result(timeout=10.0)
            except Exception:
                pass
            return Timeout(self.timeout_s)

    def set_options(self, **options: Any) -> None:
        """Change backend options for the next scans (names with ``-`` or ``_``)."""
        self.options.update({k.replace("_", "-"): v for k, v in options.items()})

    def devices(self) -> list[tuple[str, str, str, str]]:
        return self._worker.submit(lambda: list(_sane().get_devices())).result(timeout=30)

    def close(self) -> None:
        try:
            self._worker.submit(self._close_dev).result(timeout=10)
        except Exception:
            pass
        self._worker.stop()

    # ------------------------------------------------------------- worker side
    def _close_dev(self) -> None:
        if self._dev is not None:
            try:
                self._dev.cancel()
                self._dev.close()
            except Exception:
                pass
            self._dev = None

    def _open(self) -> Any:
        if self._dev is not None:
            return self._dev
        sane = _sane()
        name = self.device
        if not name:
            devs = sane.get_devices()
            if not devs:
                raise _NoDevice("no SANE scanner found")
            name = devs[0][0]
        try:
            self._dev = sane.open(name)
        except Exception as exc:
            raise _NoDevice(f"cannot open {name}: {exc}") from exc
        return self._dev

    def _configure(self, dev: Any) -> str:
        """Apply mode, resolution, area and extra options; returns the mode actually scanned."""
        modes = list(dev["mode"].constraint or []) if "mode" in dev.opt else []
        scan_mode = self.mode
        if scan_mode not in modes and modes:
            scan_mode = "Gray" if "Gray" in modes else modes[0]
        if modes:
            dev.mode = scan_mode
        dev.resolution = self.resolution
        for key, idx in (("br_x", 0), ("br_y", 1)):
            if key in dev.opt:
                lo, hi, _ = dev[key].constraint
                want = self.area_mm[idx] if self.area_mm else hi
                setattr(dev, key, float(min(max(want, lo), hi)))
        # an option may only become active once another is set (read-delay-duration needs
        # read-delay): apply in passes, and ignore what stays inactive
        pending = dict(self.options)
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

    def _scan_io(self) -> ScanResult:
        try:
            dev = self._open()
        except _NoDevice as exc:
            return Disconnected(str(exc))
        except ScannerUnavailable as exc:
            return Disconnected(str(exc))
        deadline = time.monotonic() + self.timeout_s
        timed_out = False

        def progress(_done: int, _total: int) -> None:
            nonlocal timed_out
            if not timed_out and (time.monotonic() > deadline or self._cancel_requested.is_set()):
                timed_out = True
                dev.cancel()

        try:
            scanned_mode = self._configure(dev)
        except Exception as exc:
            self._close_dev()
            return Disconnected(f"device rejected the settings: {exc}")
        try:
            dev.start()
            img = dev.snap(progress=progress)
        except Exception as exc:  # _sane.error carries sane_strstatus()'s text
            reason = str(exc.args[0] if exc.args else exc)
            self._close_dev()
            if timed_out or self._cancel_requested.is_set():
                return Timeout(self.timeout_s)
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
            self._close_dev()
            return Timeout(self.timeout_s)
        problem = check_page(img)
        if problem is not None:
            return problem
        mode = "Lineart" if self.mode == "Lineart" else scanned_mode
        data, mime = compress_page(img, mode, self.resolution)
        return Page(data, mime, img.width, img.height, self.resolution, mode)


class _NoDevice(Exception):
    pass
