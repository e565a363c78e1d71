"""The platform's seal on the acceptance record (issue 14 item 4): once an application is
``accepted``, the status answer carries the sealed acceptance record
(``ApplicationStatus.acceptance_seal``; the contract: docs/sync.md, "Sealed acceptance").

:func:`record_acceptance` checks it **offline** before anything of it is kept:

1. the seal verifies against the terminal's seal-issuer trust store (``kiosk.seals``): a broken
   seal, an unknown, expired or revoked issuer is refused with the verdict;
2. the document reads and is this application's acceptance record: ``document_type``
   ``acceptance-record``, the same ``application_no``, ``local_ref`` and ``item_code``
   (``wrong_record`` otherwise);
3. it names the applicant: ``holder.id_digest`` = SHA-256 hex of ``"<application_no>|<SHA-256
   hex of the ID number>"`` for the ID number the terminal stored (``wrong_holder``
   otherwise; not checked once the applicant has been purged under the retention period).

A verified record is stored (the sealed bundle encrypted like the applicant) and a reprint of
the receipt carries it; a refused one is kept out — only the verdict is stored, the status
shows "could not be verified" — and both are audited (without personal data).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from kiosk.ports import platform as pp
from kiosk.store.applications import StoredAcceptanceSeal

if TYPE_CHECKING:
    from kiosk.seals import IssuerTrust

log = logging.getLogger("kiosk.acceptance")

MAX_TEXT = 200

REASONS_ZH = {
    "wrong_record": "盖章记录不是本申请的受理记录",
    "wrong_holder": "盖章记录的申请人与本申请不一致",
}
REASONS_EN = {
    "wrong_record": "the sealed record is not this application's acceptance record",
    "wrong_holder": "the sealed record names another applicant",
}
"""Refusals of the record itself; a seal verdict's reason comes from ``kiosk.seals``."""


@dataclass(frozen=True)
class AcceptanceView:
    """What a resident (and the receipt) is told about the platform's confirmation."""

    state: str
    """``verified``, ``refused`` or ``none`` (no sealed record yet)."""
    issuer: str = ""
    verdict: str = ""
    message_zh: str = ""
    message_en: str = ""


NONE = AcceptanceView("none")


def holder_digest(application_no: str, id_number: str) -> str:
    id_hash = hashlib.sha256(id_number.encode()).hexdigest()
    return hashlib.sha256(f"{application_no}|{id_hash}".encode()).hexdigest()


def view(seal: StoredAcceptanceSeal | None) -> AcceptanceView:
    if seal is None:
        return NONE
    if seal.verified:
        return AcceptanceView(
            "verified",
            issuer=seal.issuer,
            verdict="verified",
            message_zh=f"已由平台确认 / 电子印章已验证 · {seal.issuer}",
            message_en=f"Confirmed by the platform; electronic seal verified: {seal.issuer}",
        )
    from kiosk.seals.verify import reason_en, reason_zh

    zh = REASONS_ZH.get(seal.verdict) or reason_zh(seal.verdict)
    en = REASONS_EN.get(seal.verdict) or reason_en(seal.verdict)
    return AcceptanceView(
        "refused",
        verdict=seal.verdict,
        message_zh=f"平台的受理确认未能验证（{zh}），请以窗口查询为准",
        message_en=f"The platform's confirmation could not be verified ({en}); "
        "please ask at a window",
    )


def check_acceptance(
    record: pp.SealedRecord,
    *,
    application_id: str,
    application_no: str,
    local_ref: str,
    item_code: str,
    id_number: str | None,
    trust: IssuerTrust,
    now: datetime | None = None,
) -> StoredAcceptanceSeal:
    """The verdict on a sealed acceptance record (nothing stored; see the module doc)."""
    from kiosk.seals import Verified, verify_document
    from kiosk.seals.gm import sm3

    def refused(verdict: str, reason: str) -> StoredAcceptanceSeal:
        return StoredAcceptanceSeal(
            application_id, "refused", verdict, reason[:MAX_TEXT], record.doc_id[:64],
            "", "", "", "", "", "",
        )  # fmt: skip

    if record.problem:
        return refused("malformed", record.problem)
    v = verify_document(record.document, record.signature, trust, now or datetime.now(UTC))
    if not isinstance(v, Verified):
        return refused(v.kind, v.reason)
    try:
        value = json.loads(record.document.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return refused("wrong_record", "the sealed record is not readable JSON")
    if not isinstance(value, dict) or value.get("document_type") != "acceptance-record":
        return refused("wrong_record", "the sealed document is not an acceptance record")
    for key, want in (
        ("application_no", application_no),
        ("local_ref", local_ref),
        ("item_code", item_code),
    ):
        if value.get(key) != want:
            return refused("wrong_record", f"the record's {key} differs from the application's")
    holder = value.get("holder")
    got = holder.get("id_digest") if isinstance(holder, dict) else None
    if not isinstance(got, str):
        return refused("wrong_record", "the record names no applicant")
    if id_number is not None and not hmac.compare_digest(
        got, holder_digest(application_no, id_number)
    ):
        return refused("wrong_holder", "the record's applicant digest is not this applicant's")
    accepted_at = value.get("accepted_at")
    return StoredAcceptanceSeal(
        application_id,
        "verified",
        "verified",
        "",
        application_no,
        v.issuer_name[:MAX_TEXT],
        v.seal_name[:MAX_TEXT],
        v.es_id[:64],
        v.signed_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        accepted_at[:32] if isinstance(accepted_at, str) else "",
        sm3(record.document).hex(),
    )


def record_acceptance(
    store: Any,
    status: pp.ApplicationStatus,
    trust: IssuerTrust,
    now: datetime | None = None,
) -> StoredAcceptanceSeal | None:
    """Check the sealed acceptance record ``status`` carries and store the outcome (a verified
    bundle, or only the refusal). ``None`` when the status carries none or the application is
    not this terminal's. Audited when the stored outcome changes."""
    record = status.acceptance_seal
    if record is None:
        return None
    app = store.applications.get_by_ref(status.local_ref) or store.applications.get_by_ref(
        status.application_no
    )
    if app is None:
        return None
    applicant = store.applications.applicant(app.id)
    id_number = applicant.get("id_number") if isinstance(applicant, dict) else None
    seal = check_acceptance(
        record,
        application_id=app.id,
        application_no=status.application_no,
        local_ref=app.local_ref,
        item_code=app.item_code,
        id_number=id_number if isinstance(id_number, str) and id_number else None,
        trust=trust,
        now=now,
    )
    bundle = None
    if seal.verified:
        from kiosk.seals.container import make_bundle

        bundle = make_bundle(seal.doc_id, record.mime, record.document, record.signature)

    def audit(c: Any) -> None:
        from kiosk.store.audit import AuditLog

        AuditLog(c).append(
            f"acceptance.{seal.state}",
            local_ref=app.local_ref,
            verdict=seal.verdict,
            issuer=seal.issuer or None,
            holder_checked=id_number is not None,
        )

    if store.applications.record_acceptance_seal(seal, bundle, audit):
        log.info(
            "acceptance seal of %s: %s%s",
            app.local_ref,
            seal.state,
            "" if seal.verified else f" ({seal.verdict})",
        )
    return seal


def receipt_seal(store: Any, application_id: str, verify_url: str, tz: Any = None) -> Any:
    """The seal lines a reprinted receipt carries (``kiosk.receipts.receipt.AcceptanceSeal``),
    from the stored verified record (its time in the terminal's zone ``tz``); None when there
    is none."""
    from kiosk.domain.dates import CHINA_TZ, local_time
    from kiosk.receipts.receipt import AcceptanceSeal
    from kiosk.seals.container import make_qr

    seal = store.applications.acceptance_seal(application_id)
    if seal is None or not seal.verified:
        return None
    try:
        qr: str | None = make_qr(seal.doc_id, bytes.fromhex(seal.digest), verify_url)
    except ValueError:  # a "|" in the number or URL: the seal lines without the code
        qr = None
    return AcceptanceSeal(
        issuer=seal.issuer,
        seal_name=seal.seal_name,
        doc_id=seal.doc_id,
        accepted_at=local_time(seal.accepted_at, tz or CHINA_TZ),
        qr=qr,
    )
