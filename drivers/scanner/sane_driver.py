"""The SANE document scanner driver (:class:`kiosk.ports.scanner.DocumentScanner`).

libsane runs in a child process of its own (:mod:`drivers.scanner.session`), driven from the
scanner's :class:`kiosk.devices.worker.DeviceWorker` thread over a pipe. Why a process:
python-sane holds the GIL while a backend blocks in ``sane_read`` with a progress callback,
so a wedged backend freezes *every* thread of its process — the UI included — and no
``sane_cancel`` from another thread can run. That is not hypothetical: backends built on
``sanei_thread`` (SANE's own ``test`` among them) cancel their reader thread asynchronously,
and a cancel inside ``malloc`` wedges ``sane_cancel`` for ever (``scanimage`` too; the child
now avoids that race, :mod:`drivers.scanner.reader_settle`, but a real backend may wedge in
ways of its own). With the backend in a child, a scan that overruns its timeout plus a
grace period gets the child killed and a clean :class:`Timeout`; the next scan starts a fresh
child. The child also does the CPU-heavy compression, off the UI process.

Timeouts of a slow but working scanner are noticed inside the child: at the deadline its
progress callback answers ``("timeout", None)`` and the child ends itself (cancelling a
backend's reader thread mid-page is what wedges libsane), so the answer comes on time and a
fresh child is warmed for the next scan. A *stalled* read (the backend stops delivering
lines, so no progress callback runs and the GIL may be held) is the scan's own deadline too:
the child says ``("read", None)`` as soon as the page is read, before it compresses it, and the
parent waits for that only ``timeout_s + READ_MARGIN_S``; silence past it is a stall, the child
is killed and the answer is :class:`Timeout` — within about the configured scan timeout, not the
hard limit (``timeout_s + grace_s``, which only bounds the compression after a page was read).
After a kill a fresh child is started and warmed at once, in the background.

Warm-up: :meth:`SaneScanner.prepare` starts the child, loads libsane and opens the device once,
on the scanner's worker thread, so the first resident's scan pays for none of it.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
from typing import Any

from drivers.scanner.session import ScanSettings, child_main
from kiosk.devices.worker import DeviceWorker, WorkerStopped
from kiosk.ports.scanner import Disconnected, ScanResult, Timeout

log = logging.getLogger(__name__)

START_TIMEOUT_S = 30.0
GRACE_S = 10.0
"""Once a page is read: time for the child to compress it and answer (the hard limit)."""
READ_MARGIN_S = 2.0
"""Beyond the scan timeout: time for the child's own clean cancel to come back. Silence past
``timeout_s + READ_MARGIN_S`` is a stalled read."""


class _Child:
    def __init__(self) -> None:
        ctx = multiprocessing.get_context("spawn")  # never fork a process that has threads
        self.conn, child_conn = ctx.Pipe()
        self.proc = ctx.Process(
            target=child_main, args=(child_conn,), name="sane-scanner", daemon=True
        )
        self.proc.start()
        child_conn.close()
        if not self.conn.poll(START_TIMEOUT_S):
            self.kill()
            raise OSError("scanner process did not start")
        try:
            self.conn.recv()
        except EOFError:
            self.kill()
            raise OSError("scanner process died while starting") from None

    @property
    def pid(self) -> int | None:
        return self.proc.pid

    def request(self, op: str, arg: Any, timeout_s: float) -> tuple[str, Any]:
        """``("ok", value)``, ``("error", text)``, ``("timeout", None)`` or ``("died", None)``."""
        try:
            self.conn.send((op, arg))
            if not self.conn.poll(timeout_s):
                return ("timeout", None)
            return self.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            return ("died", None)

    def scan(self, settings: Any, read_s: float, finish_s: float) -> tuple[str, Any]:
        """A scan: the child's ``("read", None)`` (the page is in) must come within ``read_s``,
        the answer within ``finish_s`` after it. ``("timeout", None)`` when either is missed."""
        try:
            self.conn.send(("scan", settings))
            if not self.conn.poll(read_s):
                return ("timeout", None)
            msg = self.conn.recv()
            if msg[0] != "read":
                return msg
            if not self.conn.poll(finish_s):
                return ("timeout", None)
            return self.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            return ("died", None)

    def kill(self) -> None:
        try:
            self.proc.kill()
            self.proc.join(5)
        except Exception:
            pass
        try:
            self.conn.close()
        except Exception:
            pass


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
        grace_s: float = GRACE_S,
    ) -> None:
        """``options``: extra backend options by SANE name (e.g. the test backend's
        ``read-return-value``), applied before each scan. ``grace_s``: how long past
        ``timeout_s`` a silent scanner process gets before it is killed."""
        self.device = device
        self.resolution = resolution
        self.mode = mode
        self.timeout_s = timeout_s
        self.area_mm = area_mm
        self.options = dict(options or {})
        self.grace_s = grace_s
        self._worker = DeviceWorker("scanner", idle_interval_s=3600)
        self._child: _Child | None = None
        self._warm = False
        self._lock = threading.Lock()

    # ------------------------------------------------------------- port API
    def scan(self) -> ScanResult:
        settings = ScanSettings(
            self.device,
            self.resolution,
            self.mode,
            self.timeout_s,
            self.area_mm,
            dict(self.options),
        )
        return self._worker.submit(self._scan_io, settings).result()

    def prepare(self) -> None:
        """Warm up (in the background, on the scanner's worker): start the scanner process,
        load libsane and open the device once, so the first scan pays for none of it."""
        self._worker.submit(self._warm_io)

    def set_options(self, **options: Any) -> None:
        """Change backend options for the next scans (names with ``-`` or ``_``)."""
        self.options.update({k.replace("_", "-"): v for k, v in options.items()})

    def devices(self) -> list[tuple[str, str, str, str]]:
        def io() -> list[tuple[str, str, str, str]]:
            status, value = self._request("devices", None, START_TIMEOUT_S)
            return value if status == "ok" else []

        return self._worker.submit(io).result()

    @property
    def child_pid(self) -> int | None:
        """The scanner process's pid, if one runs (for diagnostics and fault tests)."""
        with self._lock:
            return self._child.pid if self._child else None

    def close(self) -> None:
        def io() -> None:
            if self._child is not None:
                self._child.request("stop", None, 5.0)
                self._child.kill()
                with self._lock:
                    self._child = None

        try:
            self._worker.submit(io).result(timeout=15)
        except Exception:
            pass
        self._worker.stop()

    # ------------------------------------------------------------- worker side
    def _settings(self) -> ScanSettings:
        return ScanSettings(
            self.device, self.resolution, self.mode, self.timeout_s, self.area_mm, {}
        )

    def _warm_io(self) -> None:
        if self._child is None or not self._warm:
            status, value = self._request("warm", self._settings(), START_TIMEOUT_S)
            self._warm = status == "ok" and value is True

    def _request(self, op: str, arg: Any, timeout_s: float) -> tuple[str, Any]:
        if self._child is None:
            try:
                child = _Child()
            except OSError as exc:
                return ("error", str(exc))
            with self._lock:
                self._child = child
                self._warm = False
        assert self._child is not None
        if op == "scan":
            status, value = self._child.scan(arg, arg.timeout_s + READ_MARGIN_S, self.grace_s)
        else:
            status, value = self._child.request(op, arg, timeout_s)
        if status in ("timeout", "died"):
            log.warning("scanner process %s (%s): killed, a fresh one is warming up", status, op)
            self._child.kill()
            with self._lock:
                self._child = None
                self._warm = False
            if op == "scan":
                # the next resident's scan must not pay for the new process either
                try:
                    self._worker.submit(self._warm_io)
                except WorkerStopped:
                    pass
        return status, value

    def _scan_io(self, s: ScanSettings) -> ScanResult:
        status, value = self._request("scan", s, s.timeout_s + self.grace_s)
        self._warm = self._warm or status == "ok"
        if status == "ok":
            return value
        if status == "timeout":
            return Timeout(s.timeout_s)
        if status == "died":
            return Disconnected("the scanner process died (backend crash)")
        return Disconnected(str(value))
