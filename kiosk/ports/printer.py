"""The receipt printer port: what the kiosk needs from any receipt printer.

Results and statuses are tagged unions. Status is three-valued on purpose:

- :class:`PrinterReady` — the printer answered and reports nothing wrong;
- a named problem — :class:`PaperOut`, :class:`CoverOpen`, :class:`Offline`;
- :class:`Unknown` — we could not tell (no answer, a garbled answer, the connection dropped).

``Unknown`` is never reported as "out of paper": a printer that does not answer status
queries is not the same as an empty roll, and telling a resident to fetch staff for paper
when the receipt may well have printed is wrong. A print result that is ``Unknown`` after
bytes were sent says so (``may_have_printed``) and offers a reprint of the same job.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from kiosk.receipts.blocks import Document


@dataclass(frozen=True)
class PrinterReady:
    paper_near_end: bool = False


@dataclass(frozen=True)
class PaperOut:
    job_id: str | None = None
    reprint_offered: bool = False
    """True when the paper ran out during a job: load paper, then reprint ``job_id``."""


@dataclass(frozen=True)
class CoverOpen:
    job_id: str | None = None
    reprint_offered: bool = False


@dataclass(frozen=True)
class Offline:
    reason: str
    job_id: str | None = None


@dataclass(frozen=True)
class Unknown:
    reason: str
    job_id: str | None = None
    may_have_printed: bool = False
    reprint_offered: bool = False


@dataclass(frozen=True)
class Printed:
    job_id: str
    bytes_sent: int
    paper_near_end: bool = False
    confirmed: bool = True
    """True when the printer itself reported reaching the end of the job (``GS r``, answered
    only after everything before it has printed); False for a printer that does not answer
    that and merely reported a good status afterwards."""


PrinterStatus = PrinterReady | PaperOut | CoverOpen | Offline | Unknown
PrintResult = Printed | PaperOut | CoverOpen | Offline | Unknown


def problem_text(result: PrintResult | PrinterStatus) -> tuple[str, str]:
    """A short (Chinese, English) description of a status or result for people."""
    match result:
        case Printed():
            return ("已打印", "printed")
        case PrinterReady(paper_near_end=True):
            return ("就绪（纸将用尽）", "ready (paper near end)")
        case PrinterReady():
            return ("就绪", "ready")
        case PaperOut():
            return ("打印机缺纸", "paper out")
        case CoverOpen():
            return ("打印机盖未关", "cover open")
        case Offline(reason=r):
            return ("打印机离线", f"offline: {r}")
        case Unknown(reason=r, may_have_printed=True):
            return ("打印状态未知，可能已打印，可重新打印", f"unknown after printing: {r}")
        case Unknown(reason=r):
            return ("打印机状态未知", f"status unknown: {r}")
    return ("未知", "unknown")  # pragma: no cover


@runtime_checkable
class ReceiptPrinter(Protocol):
    """A receipt printer. Every method returns a result; none raises for device trouble."""

    def status(self) -> PrinterStatus: ...

    def print_document(self, doc: Document, *, kind: str | None = None) -> PrintResult:
        """Print ``doc`` (``kind`` defaults to ``doc.kind``); the job is recorded with its
        outcome under a new job id, which every result carries."""
        ...

    def reprint(self, job_id: str) -> PrintResult:
        """Print the same bytes as job ``job_id`` again (a new job that refers to it)."""
        ...

    def close(self) -> None: ...
