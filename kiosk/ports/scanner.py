"""The document scanner port.

A scan returns a :class:`Page` or a named reason there is none. An empty feeder, a jam or an
open cover are normal events a resident causes, so they are results, not exceptions.
:class:`Blank` and :class:`Unreadable` are pages that came through but cannot be a material
(nothing on it; black, or no contrast), so the UI can ask to turn the page over or rescan.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from kiosk.devices.health import Disconnected

__all__ = [
    "Blank", "CoverOpen", "Disconnected", "DocumentScanner", "Jammed", "NoPaper", "Page",
    "ScanResult", "Timeout", "Unreadable", "scan_problem_text",
]  # fmt: skip


@dataclass(frozen=True)
class Page:
    image: bytes
    """The compressed page (see ``mime``)."""
    mime: str
    width_px: int
    height_px: int
    dpi: int
    mode: str
    """``Gray``, ``Color`` or ``Lineart``: how it was scanned."""

    @property
    def size(self) -> int:
        return len(self.image)

    @property
    def width_mm(self) -> float:
        return self.width_px * 25.4 / self.dpi

    @property
    def height_mm(self) -> float:
        return self.height_px * 25.4 / self.dpi

    def __repr__(self) -> str:  # never dump image bytes into logs
        return (
            f"Page(mime={self.mime!r}, {self.width_px}x{self.height_px}px, dpi={self.dpi}, "
            f"mode={self.mode!r}, size={self.size})"
        )


@dataclass(frozen=True)
class NoPaper:
    pass


@dataclass(frozen=True)
class Jammed:
    pass


@dataclass(frozen=True)
class CoverOpen:
    pass


@dataclass(frozen=True)
class Timeout:
    after_s: float


@dataclass(frozen=True)
class Blank:
    ink_ratio: float


@dataclass(frozen=True)
class Unreadable:
    reason: str


ScanResult = Page | NoPaper | Jammed | CoverOpen | Disconnected | Timeout | Blank | Unreadable


def scan_problem_text(result: ScanResult) -> tuple[str, str]:
    """A short (Chinese, English) description of a scan result for people."""
    match result:
        case Page():
            return ("已扫描", "scanned")
        case NoPaper():
            return ("未放入材料", "no paper in the scanner")
        case Jammed():
            return ("扫描仪卡纸", "paper jammed")
        case CoverOpen():
            return ("扫描仪盖板未关", "scanner cover open")
        case Disconnected(reason=r):
            return ("扫描仪未连接", f"scanner disconnected: {r}")
        case Timeout(after_s=s):
            return ("扫描超时", f"scan timed out after {s:g} s")
        case Blank():
            return ("扫描页为空白，请翻面或重新放置", "blank page")
        case Unreadable(reason=r):
            return ("扫描页无法辨认，请重新扫描", f"unreadable page: {r}")
    return ("未知", "unknown")  # pragma: no cover


@runtime_checkable
class DocumentScanner(Protocol):
    def scan(self) -> ScanResult: ...

    def close(self) -> None: ...
