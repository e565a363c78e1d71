"""Instant items (即时办结): after identification, the result document from the platform,
verified before anyone sees or prints it.

For an item the catalog marks ``instant: true``, :func:`fetch_instant_result` asks the platform
for the result (``Platform.instant_result``, with a deadline), then checks it offline:

1. the answer is for this item and of the item's ``result_document.type``;
2. its electronic seal verifies against the terminal's trust store (``kiosk.seals``): a broken
   seal, an unknown, expired or revoked issuer is refused with the reason;
3. the document is readable and names the same result, item and type as the answer;
4. it is the resident's: ``holder.id_digest`` equals SHA-256 of
   ``"<result_id>|<SHA-256 hex of the ID number the card gave>"``.

Only then is there a :class:`VerifiedResult` (the one thing a front end shows as "已验证" and
prints). Everything else is an :class:`InstantOutcome` without a result, which says why in
Chinese and English and what the resident can do: offline or timed out, queue an application
instead (the ordinary path: ``submit``, the outbox); refused, see a window.

The document's content is personal data: it is never logged (only the item code, the outcome
kind and the seal verdict's kind are), no ``repr`` shows it, and the application API keeps a
verified result in the session only, dropped with it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Literal

from kiosk.domain.items import ServiceItem
from kiosk.masking import mask_id_number
from kiosk.ports import platform as pp
from kiosk.usecases.identify import ProvedIdentity

if TYPE_CHECKING:  # kiosk.seals (asn1crypto, gmssl) is imported on first use
    from kiosk.seals import IssuerTrust

log = logging.getLogger("kiosk.instant")

DEADLINE_S = 20.0
"""The whole answer (identity check excluded) within this many seconds."""
MAX_FACTS = 40
MAX_TEXT = 500

InstantKind = Literal[
    "verified",
    "not_instant",
    "offline",
    "timeout",
    "refused",
    "malformed",
    "seal_refused",
    "wrong_holder",
]


@dataclass(frozen=True)
class VerifiedResult:
    """A result document whose seal verified and whose holder is the resident: what may be
    shown as "已验证 · <issuing body>" and printed. Personal data: its ``repr`` shows none."""

    result_id: str
    item_code: str
    doc_type: str
    title: str
    issuer: str
    """The issuing body as the verified seal names it (the signer certificate's organization)."""
    seal_name: str
    signed_at: datetime
    issued_at: str
    holder_name_masked: str
    holder_id_masked: str
    facts: tuple[tuple[str, str], ...]
    fits_receipt: bool
    mime: str
    document: bytes
    signature: bytes

    @property
    def verified_zh(self) -> str:
        return f"已验证 · {self.issuer}"

    @property
    def verified_en(self) -> str:
        return f"Verified: sealed by {self.issuer}"

    def sealed_bundle(self) -> bytes:
        """The document with its seal as a sealed bundle (``*.sealed.json``), the file
        ``kiosk verify`` checks offline."""
        from kiosk.seals.container import make_bundle

        return make_bundle(self.result_id, self.mime, self.document, self.signature)

    def __repr__(self) -> str:
        return f"VerifiedResult(result_id={self.result_id!r}, doc_type={self.doc_type!r}, …)"


@dataclass(frozen=True)
class InstantOutcome:
    kind: InstantKind
    message_zh: str
    message_en: str
    result: VerifiedResult | None = None
    """Only for ``verified``: nothing unverified is ever handed out."""
    can_queue: bool = False
    """The result needs the network: offer to queue an application instead."""
    go_to_window: bool = False
    """The terminal cannot issue it: the window can."""
    seal_verdict: str = ""
    """For ``seal_refused``: the verdict's kind (broken, unknown_issuer, issuer_expired …)."""

    @property
    def printable(self) -> bool:
        return self.kind == "verified" and self.result is not None

    def __repr__(self) -> str:
        return f"InstantOutcome(kind={self.kind!r}, seal_verdict={self.seal_verdict!r})"


_WINDOW_ZH = "请到窗口办理"
_WINDOW_EN = "please go to a service window"


def _offline(why_zh: str, why_en: str) -> InstantOutcome:
    return InstantOutcome(
        "offline",
        f"{why_zh}，即时出具需要联网。可以改为提交申请，联网后由工作人员办理",
        f"{why_en}: issuing it on the spot needs the network. You can submit an application "
        "instead, handled once the terminal is back online",
        can_queue=True,
    )


def _window(kind: InstantKind, zh: str, en: str, verdict: str = "") -> InstantOutcome:
    return InstantOutcome(
        kind,
        f"{zh}，本机不能出具，{_WINDOW_ZH}",
        f"{en}; this terminal cannot issue it, {_WINDOW_EN}",
        go_to_window=True,
        seal_verdict=verdict,
    )


def unknown_item() -> InstantOutcome:
    return InstantOutcome(
        "not_instant",
        "该事项已不在事项目录中",
        "This service is no longer in the catalog",
    )


def _token(platform: pp.Platform, identity: ProvedIdentity) -> str | InstantOutcome:
    if identity.token is not None:
        return identity.token.token
    a = identity.applicant
    r = platform.verify_identity(
        pp.IdentityClaim(
            card_type=a.card_type,
            id_number=a.id_number,
            name=a.name,
            valid_to=identity.valid_to,
            channel=a.id_channel if a.id_channel != "manual" else "id_card",
        )
    )
    if isinstance(r, pp.Ok):
        return r.data.token
    if isinstance(r, pp.Unreachable | pp.Retryable):
        return _offline("暂时连不上政务服务平台", "The platform cannot be reached")
    return _window("refused", "平台未能核验您的身份", "The platform could not verify your identity")


def holder_digest(result_id: str, id_number: str) -> str:
    """What a result document's ``holder.id_digest`` must be for the holder of ``id_number``."""
    id_hash = hashlib.sha256(id_number.encode()).hexdigest()
    return hashlib.sha256(f"{result_id}|{id_hash}".encode()).hexdigest()


def _text(v: object) -> str | None:
    return v[:MAX_TEXT] if isinstance(v, str) else None


def _read_document(
    doc: bytes, answer: pp.SealedResult
) -> tuple[dict[str, object], tuple[tuple[str, str], ...]] | str:
    """The document's fields and facts, or why it cannot be read (no content in the reason)."""
    try:
        value = json.loads(doc.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return "the document is not readable JSON"
    if not isinstance(value, dict):
        return "the document is not a JSON object"
    for key, want in (
        ("result_id", answer.result_id),
        ("item_code", answer.item_code),
        ("type", answer.doc_type),
    ):
        if value.get(key) != want:
            return f"the document's {key} differs from the answer's"
    holder = value.get("holder")
    if not isinstance(holder, dict) or not isinstance(holder.get("id_digest"), str):
        return "the document names no holder"
    raw = value.get("facts")
    if not isinstance(raw, list) or len(raw) > MAX_FACTS:
        return "the document's facts are missing or too many"
    facts: list[tuple[str, str]] = []
    for f in raw:
        if not (isinstance(f, list) and len(f) == 2 and all(isinstance(x, str) for x in f)):
            return "a fact of the document is not a [label, value] pair"
        facts.append((f[0][:MAX_TEXT], f[1][:MAX_TEXT]))
    return value, tuple(facts)


def fetch_instant_result(
    platform: pp.Platform | None,
    item: ServiceItem,
    identity: ProvedIdentity,
    trust: IssuerTrust,
    *,
    deadline_s: float = DEADLINE_S,
    now: datetime | None = None,
) -> InstantOutcome:
    """The verified result document of instant ``item`` for the identified resident, or why
    there is none (see the module doc). Never raises for a platform or document problem."""
    outcome = _fetch(platform, item, identity, trust, deadline_s, now)
    log.info(
        "instant result for item %s: %s%s",
        item.item_code,
        outcome.kind,
        f" ({outcome.seal_verdict})" if outcome.seal_verdict else "",
    )
    return outcome


def _fetch(
    platform: pp.Platform | None,
    item: ServiceItem,
    identity: ProvedIdentity,
    trust: IssuerTrust,
    deadline_s: float,
    now: datetime | None,
) -> InstantOutcome:
    wanted = item.result_document
    if not item.instant or wanted is None:
        return InstantOutcome(
            "not_instant",
            "该事项不能即时出具结果，请提交申请",
            "This service is not issued on the spot; please submit an application",
        )
    if platform is None:
        return _offline("本机未连接政务服务平台", "This terminal has no platform connection")
    token = _token(platform, identity)
    if isinstance(token, InstantOutcome):
        return token
    r = platform.instant_result(token, item.item_code, str(uuid.uuid4()), deadline_s)
    if isinstance(r, pp.Offline):
        return _offline("暂时连不上政务服务平台", "The platform cannot be reached")
    if isinstance(r, pp.TimedOut):
        return InstantOutcome(
            "timeout",
            "政务服务平台响应超时，结果未能取得。可以稍后再试，或改为提交申请",
            "The platform did not answer in time and no result arrived. Try again later, or "
            "submit an application instead",
            can_queue=True,
        )
    if isinstance(r, pp.MalformedAnswer):
        return _window(
            "malformed", "平台返回的结果无法读取", "The platform's answer could not be read"
        )
    if isinstance(r, pp.Refused):
        return _window("refused", "平台未能出具该结果", "The platform did not issue the result")
    got = r.result
    if got.item_code != item.item_code or got.doc_type != wanted.type:
        return _window(
            "malformed", "平台返回的不是该事项的结果", "The platform answered another document"
        )
    from kiosk.seals import Verified, describe, verify_document
    from kiosk.seals.verify import reason_en

    v = verify_document(got.document, got.signature, trust, now or datetime.now(UTC))
    if not isinstance(v, Verified):
        return _window(
            "seal_refused",
            describe(v).split(" / ")[0],
            reason_en(v.kind).capitalize(),
            v.kind,
        )
    read = _read_document(got.document, got)
    if isinstance(read, str):
        log.warning("instant result for item %s unreadable: %s", item.item_code, read)
        return _window("malformed", "结果文件内容无法读取", "The result document could not be read")
    value, facts = read
    holder = value["holder"]
    assert isinstance(holder, dict)
    digest = holder_digest(got.result_id, identity.applicant.id_number)
    if not hmac.compare_digest(str(holder["id_digest"]), digest):
        return _window(
            "wrong_holder",
            "结果文件的持有人与所读证件不一致",
            "The document is for another person than the card that was read",
        )
    return InstantOutcome(
        "verified",
        f"{wanted.title}已出具 · 已验证 · {v.issuer_name}",
        f"{wanted.title_en or 'The document'} issued; verified: sealed by {v.issuer_name}",
        result=VerifiedResult(
            result_id=got.result_id,
            item_code=got.item_code,
            doc_type=got.doc_type,
            title=_text(value.get("title")) or wanted.title,
            issuer=v.issuer_name,
            seal_name=v.seal_name,
            signed_at=v.signed_at,
            issued_at=_text(value.get("issued_at")) or got.issued_at,
            holder_name_masked=_text(holder.get("name_masked")) or "",
            holder_id_masked=mask_id_number(identity.applicant.id_number),
            facts=facts,
            fits_receipt=wanted.fits_receipt,
            mime=got.mime,
            document=got.document,
            signature=got.signature,
        ),
    )


def verify_url(status_url_template: str, result_id: str) -> str:
    """Where a clerk checks a result online: the platform's ``/verify/<result id>`` on the host
    of the status URL the receipts already print."""
    from urllib.parse import quote, urlsplit

    u = urlsplit(status_url_template.replace("{", "").replace("}", ""))
    return f"{u.scheme or 'https'}://{u.netloc}/verify/{quote(result_id, safe='')}"


def print_result_receipt(
    printer: Any, result: object, cfg: Any, now: datetime | None = None
) -> Any:
    """Print a verified result that fits the receipt printer (``PrintOutcome``). Anything but
    a :class:`VerifiedResult` is refused (nothing unverified is printed), and so is a document
    too long for the receipt (``fits_receipt`` false: A4 only)."""
    from kiosk.domain.dates import terminal_zone
    from kiosk.receipts.result import build_result_receipt
    from kiosk.usecases.printing import _print
    from kiosk.usecases.results import PrintOutcome

    if not isinstance(result, VerifiedResult):
        return PrintOutcome("error", "not a verified result")
    if not result.fits_receipt:
        return PrintOutcome("error", "does not fit the receipt printer")
    now = now or datetime.now(UTC)
    doc = build_result_receipt(
        result,
        width_mm=cfg.printer_profile().paper_width_mm,
        verify_url=verify_url(cfg.platform.status_url_template, result.result_id),
        printed_at=now.astimezone(terminal_zone(cfg)).replace(tzinfo=None),
    )
    return _print(printer, doc)


def print_result_a4(
    document_printer: Any, result: object, cfg: Any, now: datetime | None = None
) -> Any:
    """Print a verified result on the A4 printer (``PrintOutcome``): the kiosk's own PDF
    (:mod:`kiosk.receipts.result_pdf`, the sealed document inside it) handed to the
    printer, which follows the job to its end. Anything but a :class:`VerifiedResult` is
    refused: nothing unverified is printed. A jam or a job past its deadline is
    ``unavailable`` with the reason (the job was cancelled: nothing comes out later)."""
    from kiosk.domain.dates import terminal_zone
    from kiosk.ports import document_printer as dpp
    from kiosk.receipts.result_pdf import NoCjkFont, render_result_pdf
    from kiosk.usecases.results import PrintOutcome

    if not isinstance(result, VerifiedResult):
        return PrintOutcome("error", "not a verified result")
    if document_printer is None:
        return PrintOutcome("unavailable", "no A4 printer at this terminal")
    now = now or datetime.now(UTC)
    try:
        pdf = render_result_pdf(
            result,
            verify_url=verify_url(cfg.platform.status_url_template, result.result_id),
            printed_at=now.astimezone(terminal_zone(cfg)).replace(tzinfo=None),
        )
    except NoCjkFont as e:
        return PrintOutcome("unavailable", str(e))
    res = document_printer.print_pdf(pdf, title=result.title)
    log.info("instant result for item %s on A4: %s", result.item_code, type(res).__name__)
    match res:
        case dpp.Printed():
            return PrintOutcome("ok")
        case dpp.PaperOut():
            return PrintOutcome("paper_out")
        case dpp.Jammed():
            return PrintOutcome("unavailable", "jammed")
        case dpp.Unavailable(reason=reason):
            return PrintOutcome("unavailable", reason)
        case dpp.Timeout():
            return PrintOutcome("unavailable", "timeout")
    return PrintOutcome("error", type(res).__name__)
