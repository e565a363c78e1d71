"""Device states, and the one health type every part of the kiosk reports.

Two small vocabularies, each with one job:

- **A device's status** (what its worker publishes while it runs): :class:`Ready`,
  :class:`Busy`, :class:`Disconnected` and :class:`Unavailable`, plus the kind's own results
  (``NoCard``, a printer's ``PaperOut``, a scanner's ``Jammed``…).
- **Its health** (what a person or the platform is told): :data:`DeviceHealth`, a tagged union
  of :class:`Ready`, :class:`Degraded`, :class:`Unavailable` and :class:`Unknown`. The status
  strip, ``kiosk status``, self-tests and the heartbeat all speak it; :func:`health_of` turns
  any status or result into it, and :func:`health_to_wire` / :func:`health_from_wire` are its
  JSON form (``{"status": "ready"|"degraded"|"unavailable"|"unknown", "detail": reason}``).

Members are frozen dataclasses: compare them, match on them, log them — they carry no
personal data.
"""

from __future__ import annotations

from typing import Any

from kiosk.frozen import frozen_record


@frozen_record
class Ready:
    """Working. (Also a device status: the device answers.)"""

    detail: str = ""


@frozen_record
class Degraded:
    """Working, with a problem a technician should see (paper near its end, a slow answer)."""

    reason: str


@frozen_record
class Unavailable:
    """Cannot be used now: absent, gone, out of paper, jammed, offline. ``reason`` is a short
    machine word where one fits (``paper_out``, ``jammed``, ``offline``) or the driver's text."""

    reason: str


@frozen_record
class Unknown:
    """Cannot tell (starting, no status answer, a stale report). Never shown as a fault."""

    reason: str = ""


@frozen_record
class Disconnected:
    """A device status: the device was there and stopped answering; its manager reconnects
    while idle. Its health is :class:`Unavailable`."""

    reason: str


@frozen_record
class Busy:
    """A device status: a job is running on the device's worker. Its health is ready."""

    job: str = ""


DeviceHealth = Ready | Degraded | Unavailable | Unknown
HEALTH_STATES = ("ready", "degraded", "unavailable", "unknown")

# Results and statuses of the device kinds, by the health they mean. Matched by class name
# *within the known ports* only (see :func:`health_of`), so the core needs no driver import.
_UNAVAILABLE_WORDS = {
    "PaperOut": "paper_out",
    "CoverOpen": "cover_open",
    "Jammed": "jammed",
    "NoPaper": "no_paper",
}


def is_usable(health: DeviceHealth) -> bool:
    """Whether a resident may be offered the device (unknown is not a fault)."""
    return not isinstance(health, Unavailable)


def health_state(health: DeviceHealth) -> str:
    """``ready`` | ``degraded`` | ``unavailable`` | ``unknown``."""
    match health:
        case Ready():
            return "ready"
        case Degraded():
            return "degraded"
        case Unavailable():
            return "unavailable"
    return "unknown"


def health_reason(health: DeviceHealth) -> str:
    return health.detail if isinstance(health, Ready) else health.reason


def health_of(status: Any) -> DeviceHealth:
    """The health a device status or result means.

    Knows the shared statuses above and the ports' own results (identity: ``NoCard`` is a
    healthy reader; printer: ``PrinterReady``, ``PaperOut``, ``CoverOpen``, ``Offline``,
    ``Unknown``; A4 document printer: ``PaperOut``, ``Jammed``, ``Unavailable``…; scanner:
    ``Jammed``, ``NoPaper``…).
    """
    from kiosk.ports import document_printer as dpp
    from kiosk.ports import identity as idp
    from kiosk.ports import printer as prp
    from kiosk.ports import scanner as scp

    match status:
        case Ready() | Degraded() | Unavailable() | Unknown():
            return status
        case Busy() | idp.NoCard():
            return Ready()
        case Disconnected(reason=r):
            return Unavailable(r or "disconnected")
        case prp.PrinterReady(paper_near_end=True):
            return Degraded("paper_near_end")
        case prp.PrinterReady():
            return Ready()
        case prp.Offline(reason=r):
            return Unavailable(r or "offline")
        case prp.Unknown(reason=r):
            return Unknown(r)
        case prp.PaperOut() | prp.CoverOpen() | scp.Jammed() | scp.NoPaper() | scp.CoverOpen():
            return Unavailable(_UNAVAILABLE_WORDS[type(status).__name__])
        case dpp.Ready() | dpp.Printed() | dpp.Refused():
            return Ready()
        case dpp.PaperOut() | dpp.Jammed():
            return Unavailable(_UNAVAILABLE_WORDS[type(status).__name__])
        case dpp.Unavailable(reason=r):
            return Unavailable(r or "offline")
        case dpp.Timeout(after_s=s):
            return Degraded(f"timed out after {s:g} s")
        case scp.Page() | scp.Blank() | scp.Unreadable():
            return Ready()
        case scp.Timeout(after_s=s):
            return Degraded(f"timed out after {s:g} s")
        case idp.CardError(kind="unavailable" | "disconnected", meaning=m):
            return Unavailable(m or "disconnected")
        case idp.CodeError(kind="unavailable" | "disconnected", meaning=m):
            return Unavailable(m or "disconnected")
    return Unknown(type(status).__name__)


def health_to_wire(health: DeviceHealth) -> dict[str, str]:
    """The JSON form the heartbeat, ``devices.json`` and ``kiosk status --json`` carry."""
    return {"status": health_state(health), "detail": health_reason(health)}


def health_from_wire(value: Any) -> DeviceHealth:
    """Read :func:`health_to_wire`'s form back; anything else is :class:`Unknown`."""
    if not isinstance(value, dict):
        return Unknown("unreadable")
    detail = value.get("detail")
    detail = detail if isinstance(detail, str) else ""
    match value.get("status"):
        case "ready":
            return Ready(detail)
        case "degraded":
            return Degraded(detail)
        case "unavailable":
            return Unavailable(detail)
    return Unknown(detail)
