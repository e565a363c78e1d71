"""The resident's own space (我的办事空间: 一人一档, 免申即享), after identification and for
that session only.

:func:`open_space` asks the platform, with the session's verified identity, for the resident's
applications on every channel (kiosk, web portal, service-hall window) with their status and
next step, the 免申即享 benefits the resident qualifies for, and their e-licenses (whose seals
are verified as for 免证办). :func:`confirm_benefit` confirms a benefit whose policy needs the
resident's one tap — once: the request is made once per session and benefit
(:func:`confirmation_request`) and sent again as is on a retry, so that the platform sees the
same idempotency key and never records a second confirmation.

Every answer names its holder by ``holder.id_digest`` = SHA-256 of ``"<holder token>|<SHA-256
hex of the ID number>"``. An answer whose digest is not the resident's (a platform that mixed up
two people) is refused: nothing of it is shown or kept, and the refusal goes to the audit log
(without any of the records).

Nothing here is written to disk: the outcomes are personal data that the application API keeps
in the session and drops with it. Logs name only counts and outcome kinds.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Literal

from kiosk.ports import platform as pp
from kiosk.usecases.identify import ProvedIdentity
from kiosk.usecases.licenses import holder_licenses, holder_token
from kiosk.usecases.results import License

if TYPE_CHECKING:
    from kiosk.seals import IssuerTrust

log = logging.getLogger("kiosk.myspace")

DEADLINE_S = 15.0
"""Each platform call of the space answers whole within this many seconds."""

SpaceKind = Literal["ok", "offline", "refused", "wrong_holder"]
ConfirmKind = Literal["confirmed", "offline", "refused", "wrong_holder"]

NEEDS_NETWORK = (
    "需要联网：暂时连不上政务服务平台，我的办事空间需要联网才能查看",
    "Needs the network: the platform cannot be reached, and your space is shown only online",
)
WRONG_HOLDER = (
    "平台返回的记录不属于您，已拒绝显示并记录。请到窗口咨询",
    "The platform answered records of another person; nothing was shown and this was "
    "recorded. Please ask at a window",
)
REFUSED = (
    "平台未能提供您的办事空间，请到窗口咨询",
    "The platform could not provide your space; please ask at a window",
)

Audit = Callable[..., Any]
"""``AuditLog.append(event, **details)`` of the terminal's store."""


@dataclass(frozen=True)
class PersonalSpace:
    """What the resident sees in their space. Personal data: its ``repr`` shows only counts."""

    applications: tuple[pp.HolderApplication, ...]
    benefits: tuple[pp.HolderBenefit, ...]
    licenses: tuple[License, ...] | None
    """``None``: the e-licenses could not be fetched (the rest is still shown)."""
    fetched_at: str

    def __repr__(self) -> str:
        return (
            f"PersonalSpace({len(self.applications)} applications, "
            f"{len(self.benefits)} benefits, …)"
        )


@dataclass(frozen=True)
class SpaceOutcome:
    kind: SpaceKind
    message: str
    message_en: str
    space: PersonalSpace | None = None


@dataclass(frozen=True)
class ConfirmOutcome:
    kind: ConfirmKind
    message: str
    message_en: str
    confirmation_no: str | None = None
    first_time: bool = False
    """False when the platform had recorded this confirmation before (a retry)."""


def holder_digest(token: str, id_number: str) -> str:
    """The ``holder.id_digest`` an answer about the holder of ``id_number`` must carry."""
    id_hash = hashlib.sha256(id_number.encode()).hexdigest()
    return hashlib.sha256(f"{token}|{id_hash}".encode()).hexdigest()


def _failed(r: pp.Failure | None) -> SpaceOutcome:
    if r is None or isinstance(r, pp.Unreachable | pp.Retryable):
        return SpaceOutcome("offline", *NEEDS_NETWORK)
    return SpaceOutcome("refused", *REFUSED)


def _is_holder(digest: str, token: str, identity: ProvedIdentity) -> bool:
    return hmac.compare_digest(digest, holder_digest(token, identity.applicant.id_number))


def _refuse_other(what: str, audit: Audit | None) -> None:
    log.warning("holder space: the platform answered another person's %s; refused", what)
    if audit is not None:
        audit("myspace.wrong_holder", what=what)


def open_space(
    platform: pp.Platform | None,
    identity: ProvedIdentity,
    trust: IssuerTrust | None,
    *,
    audit: Audit | None = None,
    deadline_s: float = DEADLINE_S,
    now: datetime | None = None,
) -> SpaceOutcome:
    """The resident's space, or why there is none (offline: "需要联网"). Never raises for a
    platform problem. ``trust``: the seal trust store for the e-licenses (``None``: skip them)."""
    out = _open(platform, identity, trust, audit, deadline_s, now)
    log.info(
        "holder space: %s%s",
        out.kind,
        f" ({len(out.space.applications)} applications, {len(out.space.benefits)} benefits)"
        if out.space
        else "",
    )
    return out


def _open(
    platform: pp.Platform | None,
    identity: ProvedIdentity,
    trust: IssuerTrust | None,
    audit: Audit | None,
    deadline_s: float,
    now: datetime | None,
) -> SpaceOutcome:
    if platform is None:
        return _failed(None)
    token = holder_token(platform, identity)
    if not isinstance(token, str):
        return _failed(token)
    apps = platform.holder_applications(token, deadline_s)
    if not isinstance(apps, pp.Ok):
        return _failed(apps)
    if not _is_holder(apps.data.id_digest, token, identity):
        _refuse_other("applications", audit)
        return SpaceOutcome("wrong_holder", *WRONG_HOLDER)
    benefits = platform.holder_benefits(token, deadline_s)
    if not isinstance(benefits, pp.Ok):
        return _failed(benefits)
    if not _is_holder(benefits.data.id_digest, token, identity):
        _refuse_other("benefits", audit)
        return SpaceOutcome("wrong_holder", *WRONG_HOLDER)
    licenses: tuple[License, ...] | None = None
    if trust is not None:
        got = holder_licenses(platform, identity, trust, now)
        licenses = tuple(got) if got is not None else None
    now = now or datetime.now(UTC)
    space = PersonalSpace(
        applications=tuple(apps.data.records),
        benefits=tuple(benefits.data.records),
        licenses=licenses,
        fetched_at=now.strftime("%Y-%m-%dT%H:%M:%SZ"),
    )
    return SpaceOutcome("ok", "我的办事空间", "My space", space)


def confirmation_request(
    benefit_id: str, kiosk_id: str, now: datetime | None = None
) -> tuple[str, bytes]:
    """``(idempotency key, body)`` of the one confirmation of ``benefit_id``: made once, kept
    for the session and sent again unchanged on every retry."""
    key = str(uuid.uuid4())
    at = (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    body = {"id": key, "benefit_id": benefit_id, "kiosk_id": kiosk_id, "confirmed_at": at}
    return key, json.dumps(body, separators=(",", ":")).encode("utf-8")


def confirm_benefit(
    platform: pp.Platform | None,
    identity: ProvedIdentity,
    benefit_id: str,
    request: tuple[str, bytes],
    *,
    audit: Audit | None = None,
    deadline_s: float = DEADLINE_S,
) -> ConfirmOutcome:
    """Confirm one benefit for the resident with ``request`` (:func:`confirmation_request`)."""
    out = _confirm(platform, identity, benefit_id, request, audit, deadline_s)
    log.info("benefit %s confirmation: %s", benefit_id, out.kind)
    if out.kind == "confirmed" and audit is not None:
        audit("myspace.benefit_confirmed", benefit_id=benefit_id, first_time=out.first_time)
    return out


def _confirm(
    platform: pp.Platform | None,
    identity: ProvedIdentity,
    benefit_id: str,
    request: tuple[str, bytes],
    audit: Audit | None,
    deadline_s: float,
) -> ConfirmOutcome:
    if platform is None:
        return ConfirmOutcome("offline", *NEEDS_NETWORK)
    token = holder_token(platform, identity)
    if not isinstance(token, str):
        f = _failed(token)
        return ConfirmOutcome(f.kind, f.message, f.message_en)  # type: ignore[arg-type]
    key, body = request
    r = platform.confirm_benefit(token, benefit_id, key, body, deadline_s)
    if not isinstance(r, pp.Ok):
        if isinstance(r, pp.Unreachable | pp.Retryable):
            return ConfirmOutcome(
                "offline",
                "需要联网：确认未能送达平台，请稍后再试",
                "Needs the network: the confirmation did not reach the platform; try again later",
            )
        return ConfirmOutcome(
            "refused", "平台未接受该确认，请到窗口咨询", "The platform did not accept it"
        )
    if not _is_holder(r.data.id_digest, token, identity):
        _refuse_other("benefit confirmation", audit)
        return ConfirmOutcome("wrong_holder", *WRONG_HOLDER)
    no = r.data.records.body.get("confirmation_no")
    return ConfirmOutcome(
        "confirmed",
        "已确认，待遇将按政策发放",
        "Confirmed; the benefit will be paid as the policy says",
        confirmation_no=str(no) if no else None,
        first_time=r.data.records.created,
    )
