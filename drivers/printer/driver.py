"""The ESC/POS receipt printer driver (:class:`kiosk.ports.printer.ReceiptPrinter`).

One job = connect, reset (``ESC @``), ask the status, send the job followed by ``GS r 1``,
wait for its answer, ask the status again, close. ``DLE EOT`` is answered the moment it
arrives, even with a buffer full of unprinted lines; ``GS r`` is answered only when the printer
reaches it, i.e. after the job has printed — so ``Printed`` means the paper came out, not just
that the bytes were accepted. A printer that never answers ``GS r`` but reports a good status
is remembered as such and gets ``Printed(confirmed=False)`` without the wait next time. The
connection is opened per job (lazy, like vxsuite's printer driver): any failure leaves nothing
half-open, and the next job starts clean — a half-done job is never resumed, only reprinted.

Outcomes:

- cannot connect, or the connection fails before any job byte went out → ``Offline``;
- paper out / cover open before sending → that problem, nothing sent;
- the status after sending is ok → ``Printed``;
- paper out / cover open after sending → that problem with ``reprint_offered``;
- the connection drops while or after sending, or the status cannot be read → ``Unknown``
  with ``may_have_printed`` and ``reprint_offered``: the resident may hold the receipt, or not.

All I/O runs on the printer's own :class:`kiosk.devices.worker.DeviceWorker` thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import TimeoutError as FutureTimeout

from drivers.printer.journal import JobJournal
from drivers.printer.render import RenderOptions, render
from drivers.printer.status import DLE_EOT, GS_R_PAPER, QUERIES, interpret, is_gs_r_answer
from drivers.printer.transport import Transport, TransportError, open_transport
from drivers.printer.uri import PrinterUri, parse_uri
from kiosk.config import PrinterProfile
from kiosk.devices.worker import DeviceWorker
from kiosk.ports.printer import (
    CoverOpen,
    Offline,
    PaperOut,
    Printed,
    PrinterReady,
    PrinterStatus,
    PrintResult,
    Unknown,
)
from kiosk.receipts.blocks import Document

log = logging.getLogger(__name__)


class EscposReceiptPrinter:
    def __init__(
        self,
        uri: str | PrinterUri,
        profile: PrinterProfile | None = None,
        *,
        timeout_s: float = 5.0,
        status_timeout_s: float = 1.0,
        journal: JobJournal | None = None,
        print_wait_s: float | None = None,
        transport_factory: Callable[[PrinterUri, float], Transport] | None = None,
    ) -> None:
        self.uri = parse_uri(uri) if isinstance(uri, str) else uri
        self.profile = profile or PrinterProfile()
        self.options = RenderOptions.from_profile(self.profile)
        self.timeout_s = timeout_s
        self.status_timeout_s = status_timeout_s
        self.journal = journal or JobJournal()
        self._factory = transport_factory or open_transport
        self.print_wait_s = print_wait_s if print_wait_s is not None else max(10.0, 2 * timeout_s)
        self._worker = DeviceWorker("printer", idle_interval_s=3600)
        self._last_status: PrinterStatus | None = None
        self._gs_r: bool | None = None  # does this printer answer GS r? (None: not known yet)
        self._late_gs_r = False

    # ------------------------------------------------------------- port API
    def status(self) -> PrinterStatus:
        return self._call(self._status_io)

    def render(self, doc: Document) -> bytes:
        return render(doc, self.options)

    def print_document(self, doc: Document, *, kind: str | None = None) -> PrintResult:
        data = render(doc, self.options)
        return self.print_bytes(data, kind=kind or doc.kind)

    def print_bytes(
        self, data: bytes, *, kind: str = "raw", reprint_of: str | None = None
    ) -> PrintResult:
        rec = self.journal.start(kind, data, reprint_of=reprint_of)
        result = self._call(lambda: self._print_io(rec.job_id, data), job_id=rec.job_id)
        self.journal.finish(rec.job_id, result)
        return result

    def reprint(self, job_id: str) -> PrintResult:
        data = self.journal.data(job_id)
        rec = self.journal.get(job_id)
        if data is None or rec is None:
            return Unknown(f"job {job_id} is not in this printer's journal any more", job_id=job_id)
        return self.print_bytes(data, kind=rec.kind, reprint_of=job_id)

    def close(self) -> None:
        self._worker.stop()

    # ------------------------------------------------------------- worker side
    def _call(self, fn: Callable[[], PrintResult], job_id: str | None = None) -> PrintResult:
        fut = self._worker.submit(fn)
        # every step inside has its own timeout; this is the backstop
        budget = self.timeout_s * 3 + self.status_timeout_s * 8 + self.print_wait_s + 5
        try:
            return fut.result(timeout=budget)
        except FutureTimeout:
            return Unknown(
                f"printer did not finish within {budget:g} s",
                job_id=job_id,
                may_have_printed=job_id is not None,
                reprint_offered=job_id is not None,
            )

    def _connect(self) -> Transport | Offline:
        try:
            t = self._factory(self.uri, self.timeout_s)
            t.open()
            return t
        except TransportError as exc:
            return Offline(str(exc))
        except OSError as exc:
            return Offline(f"cannot open the printer: {exc}")

    def _query(self, t: Transport) -> PrinterStatus:
        answers: dict[int, int | None] = {}
        for n in QUERIES:
            t.write(DLE_EOT + bytes([n]))
            got = t.read(1, self.status_timeout_s)
            if got and is_gs_r_answer(got[0]):  # a late answer to GS r: the job did finish
                self._late_gs_r = True
                got = t.read(1, self.status_timeout_s)
            answers[n] = got[0] if got else None
            if not got:
                break  # a printer that does not answer one will not answer the next
        return interpret(answers)

    def _wait_end_of_job(self, t: Transport) -> bool:
        """Send ``GS r 1`` and wait for the printer to reach it. True if it answered."""
        if self._gs_r is False:
            return False
        t.write(GS_R_PAPER)
        got = t.read(1, self.print_wait_s)
        if got and is_gs_r_answer(got[0]):
            self._gs_r = True
            return True
        return False

    def _note(self, status: PrinterStatus) -> None:
        if status != self._last_status:  # log changes only
            log.info("printer %s: %s", self.uri, status)
            self._last_status = status

    def _status_io(self) -> PrinterStatus:
        t = self._connect()
        if isinstance(t, Offline):
            self._note(t)
            return t
        try:
            status = self._query(t)
        except (OSError, TransportError) as exc:
            status = Unknown(f"status query failed: {exc}")
        finally:
            t.close()
        self._note(status)
        return status

    def _print_io(self, job_id: str, data: bytes) -> PrintResult:
        t = self._connect()
        if isinstance(t, Offline):
            self._note(t)
            return Offline(t.reason, job_id=job_id)
        sent = False
        try:
            try:
                before = self._query(t)
            except (OSError, TransportError) as exc:
                return Offline(f"connection failed before printing: {exc}", job_id=job_id)
            self._note(before)
            match before:
                case PaperOut():
                    return PaperOut(job_id=job_id)
                case CoverOpen():
                    return CoverOpen(job_id=job_id)
                case Offline(reason=r):
                    return Offline(r, job_id=job_id)
            # Unknown before: some printers never answer DLE EOT; print and say we can't tell
            try:
                sent = True
                t.write(data)
                self._late_gs_r = False
                reached_end = self._wait_end_of_job(t)
                after = self._query(t)
                reached_end = reached_end or self._late_gs_r
            except (OSError, TransportError) as exc:
                return Unknown(
                    f"connection lost while printing: {exc}",
                    job_id=job_id,
                    may_have_printed=True,
                    reprint_offered=True,
                )
            self._note(after)
            match after:
                case PrinterReady(paper_near_end=near) if reached_end:
                    return Printed(job_id, len(data), paper_near_end=near)
                case PrinterReady(paper_near_end=near) if self._gs_r is not True:
                    if self._gs_r is None:
                        log.info(
                            "printer %s does not answer GS r: jobs are not confirmed", self.uri
                        )
                        self._gs_r = False
                    return Printed(job_id, len(data), paper_near_end=near, confirmed=False)
                case PrinterReady():
                    return Unknown(
                        "the printer did not confirm the end of the job",
                        job_id=job_id,
                        may_have_printed=True,
                        reprint_offered=True,
                    )
                case PaperOut():
                    return PaperOut(job_id=job_id, reprint_offered=True)
                case CoverOpen():
                    return CoverOpen(job_id=job_id, reprint_offered=True)
                case Offline(reason=r) | Unknown(reason=r):
                    return Unknown(
                        f"status unknown after printing ({r})",
                        job_id=job_id,
                        may_have_printed=True,
                        reprint_offered=True,
                    )
            return Unknown(
                "unexpected status", job_id=job_id, may_have_printed=sent, reprint_offered=sent
            )
        finally:
            t.close()
