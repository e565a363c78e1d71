"""The A4 document printer port: what the kiosk needs from a printer that prints whole PDF
documents (a laser printer behind CUPS, or the cups-pdf simulator).

Results and statuses are tagged unions; a printer out of paper or jammed is a result, never an
exception:

- :class:`Printed` — CUPS reports the job completed (``job-state`` completed) with the pages
  the printer counted;
- :class:`PaperOut`, :class:`Jammed` — the printer reported ``media-empty``/``media-needed`` or
  ``media-jam`` while the job was on it; the driver cancelled the job (a document must not
  come out later, when its owner has gone) and ``job_id`` names it;
- :class:`Unavailable` — the job could not be printed: CUPS not running, no such queue, the
  queue stopped or not accepting jobs, the job aborted (``reason`` says which);
- :class:`Timeout` — the job did not complete within the deadline; it was cancelled;
- :class:`Refused` — the bytes are not a document this port prints (not a PDF, no copies).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable


@dataclass(frozen=True)
class Ready:
    """The printer is idle or printing and reports nothing wrong."""

    detail: str = ""


@dataclass(frozen=True)
class Printed:
    job_id: int
    pages: int | None
    """Pages the printer reported printed (``job-impressions-completed``); None if not told."""


@dataclass(frozen=True)
class PaperOut:
    job_id: int | None = None


@dataclass(frozen=True)
class Jammed:
    job_id: int | None = None


@dataclass(frozen=True)
class Unavailable:
    reason: str
    job_id: int | None = None


@dataclass(frozen=True)
class Timeout:
    after_s: float
    job_id: int | None = None


@dataclass(frozen=True)
class Refused:
    reason: str


DocumentPrinterStatus = Ready | PaperOut | Jammed | Unavailable
PrintResult = Printed | PaperOut | Jammed | Unavailable | Timeout | Refused


def problem_text(result: PrintResult | DocumentPrinterStatus) -> tuple[str, str]:
    """A short (Chinese, English) description of a status or result for people."""
    match result:
        case Printed(pages=n):
            if n is None:
                return ("已打印", "printed")
            return ("已打印", f"printed ({n} page{'' if n == 1 else 's'})")
        case Ready():
            return ("就绪", "ready")
        case PaperOut():
            return ("A4 打印机缺纸", "paper out")
        case Jammed():
            return ("A4 打印机卡纸", "paper jam")
        case Unavailable(reason=r):
            return ("A4 打印机暂不可用", f"unavailable: {r}")
        case Timeout(after_s=s):
            return ("打印超时", f"not printed within {s:g} s")
        case Refused(reason=r):
            return ("文件无法打印", f"refused: {r}")
    return ("未知", "unknown")  # pragma: no cover


@runtime_checkable
class DocumentPrinter(Protocol):
    """An A4 document printer. Every method returns a result within its deadline; none raises
    for printer trouble."""

    def status(self) -> DocumentPrinterStatus: ...

    def print_pdf(self, pdf: bytes, *, title: str, copies: int = 1) -> PrintResult:
        """Print ``pdf`` and follow the job until it completed, failed or the deadline passed.
        ``title`` names the job in the printer's queue: never personal data."""
        ...

    def close(self) -> None: ...
