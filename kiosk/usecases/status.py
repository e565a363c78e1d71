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


def _acceptance(
    store: Any, local: Any, status: pp.ApplicationStatus | None, trust: Any
) -> dict[str, str]:
    """The confirmation's fields of a :class:`StatusOutcome`: a sealed record in the platform's
    answer is checked (and stored, for this terminal's applications) first."""
    from kiosk.usecases import acceptance as acc

    seal = None
    if status is not None and status.acceptance_seal is not None and trust is not None:
        seal = acc.record_acceptance(store, status, trust)
        if seal is None:  # another terminal's application: checked, not stored
            seal = acc.check_acceptance(
                status.acceptance_seal,
                application_id="",
                application_no=status.application_no,
                local_ref=status.local_ref,
                item_code=status.item_code,
                id_number=None,
                trust=trust,
            )
    if local is not None:
        seal = store.applications.acceptance_seal(local.id) or seal
    v = acc.view(seal)
    if v.state == "none":
        return {}
    return {
        "acceptance": v.state,
        "acceptance_issuer": v.issuer,
        "acceptance_zh": v.message_zh,
        "acceptance_en": v.message_en,
    }


def lookup_status(
    store: Any,
    platform: pp.Platform | None,
    ref: str,
    tz: dt.tzinfo = CHINA_TZ,
    trust: Any = None,
) -> StatusOutcome:
    """``trust``: the seal-issuer trust store a sealed acceptance record is checked against
    (without one, only what the store already verified is shown)."""
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
                **_acceptance(store, local, s, trust),
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
        **_acceptance(store, local, None, trust),
    )
