"""Print the acceptance receipt and an item's guide on the receipt printer.

Paper running out is an outcome. A receipt carries only masked personal data
(:mod:`kiosk.receipts.receipt`); the data it is built from is held by the application API for
the session and dropped when the session ends.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from kiosk.domain.dates import terminal_zone
from kiosk.domain.idcard import names_applicants_id_card
from kiosk.domain.items import ServiceItem
from kiosk.domain.records import ApplicationDraft
from kiosk.domain.tongban import routing_lines
from kiosk.ports import printer as prp
from kiosk.receipts.guide import build_guide
from kiosk.receipts.receipt import MissingMaterial, ReceiptData, ReceivedMaterial, build_receipt
from kiosk.usecases.results import PrintOutcome
from kiosk.usecases.submit import Submitted

HOW = {"scan": "扫描", "elicense": "电子证照", "promise": "告知承诺"}
CARD_READ = "读取身份证"
"""How the applicant's ID card was received when the card read at the terminal stands for it."""


def _how(m: Any, draft: ApplicationDraft, item: ServiceItem) -> str:
    a = draft.applicant
    if m.source == "elicense" and a.id_channel == "id_card" and a.card_type == "resident":
        spec = item.material(m.material_id) if item is not None else None
        kind = spec.elicense.type_code if spec is not None and spec.elicense else None
        if spec is not None and names_applicants_id_card(spec.name, kind):
            return CARD_READ
    return HOW.get(m.source, "")


def receipt_data(
    sub: Submitted, draft: ApplicationDraft, item: ServiceItem, cfg: Any
) -> ReceiptData:
    """What the receipt of a just-submitted application says (times in the terminal's time zone)."""
    created = dt.datetime.strptime(sub.created_at, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
    return ReceiptData(
        item_name=sub.item_name,
        item_code=sub.item_code,
        local_ref=sub.local_ref,
        applicant_name=draft.applicant.name,
        applicant_id_number=draft.applicant.id_number,
        submitted_at=created.astimezone(terminal_zone(cfg)).replace(tzinfo=None),
        terminal_id=cfg.terminal.kiosk_id,
        hotline=cfg.terminal.hotline,
        received=tuple(
            ReceivedMaterial(m.name, _how(m, draft, item))
            for m in draft.materials
            if m.source != "missing"
        ),
        missing=tuple(MissingMaterial(name, d) for _, name, d in sub.missing if d),
        promised_text=item.promised_time_limit.text_zh() if item.promised_time_limit else None,
        office=(item.raw.get("implementing_body") or {}).get("name"),
        **_routing(sub, item),
        **_agent(draft),
    )


def _agent(draft: ApplicationDraft) -> dict[str, str | None]:
    """委托代办: the agent's lines (none when the applicant applied themselves)."""
    from kiosk.domain.delegation import RECEIPT_WAYS

    agent = draft.agent
    if agent is None:
        return {}
    return {
        "agent_name": agent.name,
        "agent_id_number": agent.id_number,
        "agent_way": RECEIPT_WAYS.get(agent.way, agent.way),
    }


def _routing(sub: Submitted, item: ServiceItem) -> dict[str, str | None]:
    """通办 and 办理结果 lines (none for other items)."""
    lines = routing_lines(item.raw, sub.routing)
    return {"handled_by": lines["handled_by"] or None, "delivery": lines["delivery"] or None}


def with_confirmation(store: Any, application_id: str, data: ReceiptData, cfg: Any) -> ReceiptData:
    """The receipt as a reprint shows it: the platform's application number, and once the
    platform's sealed confirmation has been verified and stored, its seal lines and QR
    (``kiosk.usecases.acceptance``). Nothing unverified is added."""
    from kiosk.usecases.acceptance import receipt_seal
    from kiosk.usecases.instant import verify_url

    app = store.applications.get(application_id)
    if app is None:
        return data
    doc_id = app.application_no or app.local_ref
    url = verify_url(cfg.platform.status_url_template, doc_id)
    seal = receipt_seal(store, application_id, url, terminal_zone(cfg))
    return replace(data, application_no=app.application_no or data.application_no, acceptance=seal)


def _print(printer: prp.ReceiptPrinter | None, doc: Any) -> PrintOutcome:
    if printer is None:
        return PrintOutcome("unavailable")
    res = printer.print_document(doc)
    match res:
        case prp.Printed():
            return PrintOutcome("ok")
        case prp.PaperOut():
            return PrintOutcome("paper_out")
        case prp.Offline():
            return PrintOutcome("unavailable", res.reason)
    return PrintOutcome("error", type(res).__name__)


def print_receipt(
    printer: prp.ReceiptPrinter | None, data: ReceiptData, cfg: Any, now: dt.datetime
) -> PrintOutcome:
    doc = build_receipt(
        replace(data, printed_at=now.astimezone(terminal_zone(cfg)).replace(tzinfo=None)),
        width_mm=cfg.printer_profile().paper_width_mm,
        status_url_template=cfg.platform.status_url_template,
    )
    return _print(printer, doc)


def print_guide(
    printer: prp.ReceiptPrinter | None,
    item: dict[str, Any],
    cfg: Any,
    now: dt.datetime | None = None,
) -> PrintOutcome:
    now = now or dt.datetime.now(dt.UTC)
    doc = build_guide(
        item,
        width_mm=cfg.printer_profile().paper_width_mm,
        terminal_id=cfg.terminal.kiosk_id,
        hotline=cfg.terminal.hotline,
        printed_at=now.astimezone(terminal_zone(cfg)).replace(tzinfo=None),
    )
    return _print(printer, doc)
