"""The CUPS document printer driver (:class:`kiosk.ports.document_printer.DocumentPrinter`),
through pycups (libcups).

One job: check the queue (exists, accepting, not stopped, no media or jam problem), submit the
PDF as a stream (``createJob`` / ``startDocument`` / ``writeRequestData``: the document is
never written to a file of ours), then follow it through its CUPS job states until the
deadline:

- ``completed`` → :class:`Printed` with ``job-impressions-completed`` as the pages;
- ``processing`` (or ``pending``/``stopped`` on a stopped queue) while the printer reports
  ``media-empty``/``media-needed`` → :class:`PaperOut`, ``media-jam`` → :class:`Jammed`, another
  ``*-error`` reason (a door open, offline) → :class:`Unavailable`; the job is cancelled so
  that the document does not come out later, when its owner has gone;
- ``aborted`` / ``canceled`` / ``held`` → the reason CUPS kept with the job
  (``job-printer-state-reasons``), else :class:`Unavailable`;
- the deadline → the job is cancelled, :class:`Timeout`.

Every job ends purged from CUPS's history (``cancelJob(purge_job=True)``): its spool file and
its title do not stay on the terminal. All libcups calls run on the printer's own
:class:`kiosk.devices.worker.DeviceWorker` thread; a caller waits at most the deadline plus a
margin even when cupsd accepts a connection and never answers (that worker is then abandoned
for a fresh one, and a job that waited behind it past its deadline is never submitted).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any, TypeVar

from kiosk.devices.worker import DeviceWorker
from kiosk.ports.document_printer import (
    DocumentPrinterStatus,
    Jammed,
    PaperOut,
    Printed,
    PrintResult,
    Ready,
    Refused,
    Timeout,
    Unavailable,
)

log = logging.getLogger(__name__)
T = TypeVar("T")

# IPP job-state and printer-state values (RFC 8011)
PENDING, HELD, PROCESSING, STOPPED, CANCELED, ABORTED, COMPLETED = 3, 4, 5, 6, 7, 8, 9
PRINTER_STOPPED = 5

JOB_ATTRS = [
    "job-state",
    "job-state-reasons",
    "job-printer-state-reasons",
    "job-printer-state-message",
    "job-impressions-completed",
]
PRINTER_ATTRS = [
    "printer-state",
    "printer-state-reasons",
    "printer-state-message",
    "printer-is-accepting-jobs",
]
MAX_COPIES = 20
CALL_MARGIN_S = 5.0
"""A status query or the queue check waits this long for cupsd at most."""


def problem_of(reasons: Any, message: str = "") -> DocumentPrinterStatus | None:
    """The problem a ``printer-state-reasons`` list means, or None (nothing wrong).

    ``media-empty``/``media-needed`` → paper out, ``media-jam`` → jammed (with or without the
    ``-error``/``-warning``/``-report`` suffix CUPS adds); any other ``*-error`` reason (door
    open, offline, …) makes the printer unavailable. Warnings and reports are not problems."""
    if isinstance(reasons, str):
        reasons = [reasons]
    problems: list[str] = []
    for word in (str(r) for r in reasons or [] if r and r != "none"):
        base, _, severity = word.rpartition("-")
        if severity in ("warning", "report"):
            continue  # media-low-warning and the like: printing goes on
        if severity != "error":
            base = word
        if base in ("media-empty", "media-needed"):
            return PaperOut()
        if base == "media-jam":
            return Jammed()
        if severity == "error":  # a queue paused by cupsdisable: its printer-state says so
            problems.append(word)
    if problems:
        return Unavailable(", ".join(problems) + (f": {message}" if message else ""))
    return None


def cups_connection(server: str | None) -> Any:
    """A pycups connection to ``server``: a socket path, ``HOST`` or ``HOST:PORT``; None or
    empty: the system's (``CUPS_SERVER``, ``client.conf``, ``/run/cups/cups.sock``). Raises
    ``RuntimeError`` when nothing answers there."""
    import cups

    # libcups would ask for a password on the terminal when CUPS wants one (an lpadmin
    # request from a user without the rights): the kiosk never waits for a person there
    cups.setPasswordCB(lambda *_: "")
    if not server:
        return cups.Connection()
    host, port = server, 631
    if not host.startswith("/") and ":" in host:
        host, _, p = host.rpartition(":")
        port = int(p)
    return cups.Connection(host=host, port=port)


class CupsDocumentPrinter:
    def __init__(
        self,
        queue: str,
        *,
        server: str | None = None,
        timeout_s: float = 120.0,
        poll_s: float = 0.25,
        connect: Callable[[], Any] | None = None,
    ) -> None:
        self.queue = queue
        self.server = server or None
        self.timeout_s = timeout_s
        self.poll_s = poll_s
        self._connect_fn = connect or (lambda: cups_connection(self.server))
        self._worker = DeviceWorker("document_printer", idle_interval_s=3600)
        self._lock = threading.Lock()
        self._last: DocumentPrinterStatus | None = None

    # ------------------------------------------------------------- port API
    def status(self) -> DocumentPrinterStatus:
        return self._call(self._status_io, CALL_MARGIN_S, Unavailable)

    def print_pdf(self, pdf: bytes, *, title: str, copies: int = 1) -> PrintResult:
        if not isinstance(pdf, bytes | bytearray) or not bytes(pdf[:5]) == b"%PDF-":
            return Refused("not a PDF document")
        if not 1 <= copies <= MAX_COPIES:
            return Refused(f"copies must be 1 to {MAX_COPIES}, got {copies}")
        deadline = time.monotonic() + self.timeout_s
        return self._call(
            lambda: self._print_io(bytes(pdf), title, copies, deadline),
            self.timeout_s + CALL_MARGIN_S,
            lambda reason: Timeout(self.timeout_s),
        )

    def close(self) -> None:
        with self._lock:
            self._worker.stop(timeout=1.0)

    # ------------------------------------------------------------- worker side
    def _call(self, fn: Callable[[], T], wait_s: float, late: Callable[[str], T]) -> T:
        with self._lock:
            worker = self._worker
        fut = worker.submit(fn)
        try:
            return fut.result(timeout=wait_s)
        except FutureTimeout:
            fut.cancel()
            with self._lock:  # the worker is stuck in libcups: leave it, start a fresh one
                if self._worker is worker:
                    worker.stop(timeout=0)
                    self._worker = DeviceWorker("document_printer", idle_interval_s=3600)
            reason = f"CUPS did not answer within {wait_s:g} s"
            log.warning("document printer %s: %s", self.queue, reason)
            return late(reason)

    def _open(self) -> Any:
        """A connection, or :class:`Unavailable` saying why not."""
        try:
            return self._connect_fn()
        except Exception as exc:  # noqa: BLE001 - libcups says RuntimeError, IPPError…
            where = self.server or "the system's CUPS"
            return Unavailable(f"CUPS is not running or refused us ({where}): {exc}")

    def _printer_problem(self, conn: Any) -> DocumentPrinterStatus:
        import cups

        try:
            attrs = conn.getPrinterAttributes(self.queue, requested_attributes=PRINTER_ATTRS)
        except cups.IPPError as exc:
            status = exc.args[0] if exc.args else None
            if status == cups.IPP_NOT_FOUND:
                return Unavailable(f"no CUPS queue {self.queue!r}")
            return Unavailable(f"CUPS refused the status query: {exc}")
        except RuntimeError as exc:
            return Unavailable(f"CUPS connection failed: {exc}")
        problem = problem_of(
            attrs.get("printer-state-reasons"), str(attrs.get("printer-state-message") or "")
        )
        if problem is not None:
            return problem
        if attrs.get("printer-state") == PRINTER_STOPPED:
            msg = attrs.get("printer-state-message") or "no reason given"
            return Unavailable(f"queue {self.queue!r} is stopped: {msg}")
        if not attrs.get("printer-is-accepting-jobs", True):
            return Unavailable(f"queue {self.queue!r} is not accepting jobs")
        return Ready()

    def _note(self, status: Any) -> None:
        if status != self._last:  # log changes only
            log.info("document printer %s: %s", self.queue, status)
            self._last = status

    def _checked(self) -> tuple[Any, DocumentPrinterStatus]:
        """A connection and the queue's state (None and why when CUPS cannot be reached)."""
        conn = self._open()
        status = conn if isinstance(conn, Unavailable) else self._printer_problem(conn)
        self._note(status)
        return (None if isinstance(conn, Unavailable) else conn), status

    def _status_io(self) -> DocumentPrinterStatus:
        return self._checked()[1]

    def _print_io(self, pdf: bytes, title: str, copies: int, deadline: float) -> PrintResult:
        import cups

        if time.monotonic() >= deadline:  # waited behind a stuck call: never print late
            return Timeout(self.timeout_s)
        conn, before = self._checked()
        if not isinstance(before, Ready):
            return before
        job_id: int | None = None
        try:
            job_id = conn.createJob(self.queue, title[:120] or "document", {"copies": str(copies)})
            conn.startDocument(self.queue, job_id, "document.pdf", "application/pdf", 1)
            conn.writeRequestData(pdf, len(pdf))
            conn.finishDocument(self.queue)
        except (cups.IPPError, cups.HTTPError, RuntimeError) as exc:
            if job_id is not None:
                self._cancel(conn, job_id)
            return Unavailable(f"CUPS did not take the job: {exc}", job_id=job_id)
        result = self._follow(conn, job_id, deadline)
        self._cancel(conn, job_id)  # ends it if still there; purges it from the history
        self._note(result)
        return result

    def _follow(self, conn: Any, job_id: int, deadline: float) -> PrintResult:
        import cups

        while True:
            try:
                job = conn.getJobAttributes(job_id, requested_attributes=JOB_ATTRS)
                printer = conn.getPrinterAttributes(self.queue, requested_attributes=PRINTER_ATTRS)
            except (cups.IPPError, cups.HTTPError, RuntimeError) as exc:
                return Unavailable(f"lost CUPS while printing: {exc}", job_id=job_id)
            state = job.get("job-state")
            if state == COMPLETED:
                pages = job.get("job-impressions-completed")
                return Printed(job_id, int(pages) if isinstance(pages, int) and pages else None)
            if state in (CANCELED, ABORTED, HELD):
                found = problem_of(
                    job.get("job-printer-state-reasons"),
                    str(job.get("job-printer-state-message") or ""),
                )
                if isinstance(found, PaperOut | Jammed):
                    return type(found)(job_id=job_id)
                word = {CANCELED: "cancelled", ABORTED: "aborted", HELD: "held"}[state]
                why = job.get("job-printer-state-message") or job.get("job-state-reasons")
                return Unavailable(f"job {word} by CUPS: {why}", job_id=job_id)
            found = problem_of(
                printer.get("printer-state-reasons"),
                str(printer.get("printer-state-message") or ""),
            )
            if found is None and (
                state == STOPPED or printer.get("printer-state") == PRINTER_STOPPED
            ):
                msg = printer.get("printer-state-message") or "no reason given"
                found = Unavailable(f"queue {self.queue!r} stopped: {msg}")
            match found:
                case PaperOut():
                    return PaperOut(job_id=job_id)
                case Jammed():
                    return Jammed(job_id=job_id)
                case Unavailable(reason=r):
                    return Unavailable(r, job_id=job_id)
            if time.monotonic() >= deadline:
                return Timeout(self.timeout_s, job_id=job_id)
            time.sleep(min(self.poll_s, max(0.0, deadline - time.monotonic())))

    def _cancel(self, conn: Any, job_id: int) -> None:
        """End job ``job_id`` if it is still active (the printer's backend is stopped and
        clears what it reported), then purge it from CUPS's history."""
        try:
            state = conn.getJobAttributes(job_id, requested_attributes=["job-state"])["job-state"]
            if state < CANCELED:
                conn.cancelJob(job_id)
                end = time.monotonic() + CALL_MARGIN_S
                while state < CANCELED and time.monotonic() < end:
                    time.sleep(0.05)
                    attrs = conn.getJobAttributes(job_id, requested_attributes=["job-state"])
                    state = attrs["job-state"]
            conn.cancelJob(job_id, purge_job=True)
        except Exception:  # noqa: BLE001 - already gone, or CUPS went away
            log.debug("document printer %s: purge of job %s failed", self.queue, job_id)
