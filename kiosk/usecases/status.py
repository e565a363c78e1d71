"""Look up an application's status: the platform's answer when it can be reached, else what
this terminal's store knows. Times come back as residents read them (the terminal's time
zone, ``terminal.time_zone``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from kiosk.domain.dates import CHINA_TZ, local_time
from kiosk.ports import platform as pp
from kiosk.receipts.receipt import local_ref_from_status_url
from kiosk.usecases.results import StatusOutcome


def ref_from_code(template: str, payload: str) -> str | None:
    """The reference a scanned code names: this province's receipt QR (the status URL made
    from ``template``; a code of another host is refused) or a bare reference."""
    payload = payload.strip()
    ref = local_ref_from_status_url(template, payload)
    if ref is not None:
        return ref
    if "://" in payload or not payload or len(payload) > 64 or not payload.isprintable():
        return None
    return payload


def _history(entries: list[Any], tz: dt.tzinfo) -> list[dict[str, str]]:
    out = []
    for h in entries:
        if isinstance(h, dict):
            status, at, note = h.get("status", ""), h.get("at", ""), h.get("note")
            note_en = h.get("note_en")
        else:
            status, at, note, note_en = h.status, h.at, h.note, h.note_en
        out.append(
            {
                "status": str(status),
                "at": local_time(at, tz),
                "note": note or "",
                "note_en": note_en or "",
            }
        )
    return out


def lookup_status(
    store: Any, platform: pp.Platform | None, ref: str, tz: dt.tzinfo = CHINA_TZ
) -> StatusOutcome:
    ref = ref.strip()
    local = store.applications.get_by_ref(ref)
    reachable = False
    if platform is not None:
        r = platform.application_status(
            local.application_no if local and local.application_no else ref
        )
        if isinstance(r, pp.Ok):
            s: pp.ApplicationStatus = r.data
            return StatusOutcome(
                "found",
                ref=s.local_ref or ref,
                application_no=s.application_no,
                status=s.status,
                updated_at=local_time(s.updated_at, tz),
                history=_history(s.history, tz),
                source="platform",
            )
        reachable = not isinstance(r, pp.Unreachable | pp.Retryable)
    if local is None:
        return StatusOutcome("not_found" if reachable else "offline", ref=ref)
    return StatusOutcome(
        "found",
        ref=local.local_ref,
        application_no=local.application_no,
        status=local.status,
        updated_at=local_time(local.status_updated_at or local.created_at, tz),
        history=_history(list(local.history), tz),
        source="local",
    )
