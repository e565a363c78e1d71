"""The acceptance receipt (受理凭证) a resident takes home after submitting.

Personal data on paper follows the one masking rule (:mod:`kiosk.masking`): the receipt may be
left on the kiosk or lost, so it carries ``张*`` and ``110105********002X``, never the full
values. The QR code holds the province's status-lookup URL built from the configured template
with the kiosk's ``local_ref`` in it, so that a phone opens the status page and the kiosk's own
QR reader recognises its receipts (:func:`local_ref_from_status_url`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import quote, unquote

from kiosk.masking import mask_id_number, mask_name
from kiosk.receipts.blocks import Builder, Document


@dataclass(frozen=True)
class ReceivedMaterial:
    name: str
    how: str = ""
    """How it was received: ``扫描``, ``电子证照``, ``免提交``, ``告知承诺``…"""


@dataclass(frozen=True)
class MissingMaterial:
    """A material accepted as missing under 容缺受理, to be supplied by ``supply_by``."""

    name: str
    supply_by: date


@dataclass(frozen=True)
class AcceptanceSeal:
    """The platform's confirmation of the application, its seal verified offline by this
    terminal (``kiosk.usecases.acceptance``): what a reprint after confirmation carries."""

    issuer: str
    seal_name: str
    doc_id: str
    accepted_at: str
    """In the terminal's time zone, ``YYYY-MM-DD HH:MM`` (empty if the record says nothing)."""
    qr: str | None
    """The verification payload (``kiosk.seals.container.make_qr``)."""


@dataclass(frozen=True)
class ReceiptData:
    item_name: str
    item_code: str
    local_ref: str
    applicant_name: str
    applicant_id_number: str
    submitted_at: datetime
    terminal_id: str
    hotline: str
    application_no: str | None = None
    received: tuple[ReceivedMaterial, ...] = ()
    missing: tuple[MissingMaterial, ...] = ()
    promised_by: date | None = None
    promised_text: str | None = None
    """The promised time limit in words, e.g. ``5个工作日``; printed next to ``promised_by``."""
    printed_at: datetime | None = None
    office: str | None = None
    """The implementing body, when known."""
    handled_by: str | None = None
    """通办: who handles it where, and the mode (printed as 办理机关)."""
    delivery: str | None = None
    """办理结果 and how it is delivered, the address masked (printed as 结果送达)."""
    acceptance: AcceptanceSeal | None = None
    """Set on a reprint once the platform's sealed confirmation has been verified."""
    agent_name: str | None = None
    """委托代办: the agent who applied for the applicant (printed masked as 代 办 人)."""
    agent_id_number: str | None = None
    agent_way: str | None = None
    """How the agent showed the applicant's consent, in words (委托人身份证, 授权码 …)."""


def status_url(template: str, local_ref: str) -> str:
    """The status-lookup URL for ``local_ref`` (template contains ``{local_ref}``)."""
    if "{local_ref}" not in template:
        raise ValueError("status URL template must contain {local_ref}")
    return template.replace("{local_ref}", quote(local_ref, safe=""))


def local_ref_from_status_url(template: str, url: str) -> str | None:
    """The ``local_ref`` of a scanned receipt QR made with ``template``, else None."""
    head, _, tail = template.partition("{local_ref}")
    pattern = "^" + re.escape(head) + r"([^&#/?\s]+)" + re.escape(tail) + "$"
    m = re.match(pattern, url.strip())
    return unquote(m.group(1)) if m else None


def _fmt_dt(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%d %H:%M")


def _fmt_d(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _url_lines(url: str, cols: int) -> list[str]:
    """Break a URL after a ``/`` or before ``?``/``&`` rather than inside the reference."""
    parts = [p for p in re.split(r"(?<=/)|(?=[?&])", url) if p]
    lines: list[str] = []
    cur = ""
    for part in parts:
        while len(part) > cols:  # a segment longer than the paper: hard break
            if cur:
                lines.append(cur)
                cur = ""
            lines.append(part[:cols])
            part = part[cols:]
        if len(cur) + len(part) > cols:
            lines.append(cur)
            cur = ""
        cur += part
    if cur:
        lines.append(cur)
    return lines


def build_receipt(data: ReceiptData, *, width_mm: int, status_url_template: str) -> Document:
    b = Builder("receipt", width_mm)
    b.text("便民服务自助终端", align="center")
    b.text("受理凭证", align="center", size=2, bold=True)
    b.text("Acceptance Receipt", align="center")
    b.rule("=")
    b.field("事项名称", data.item_name, bold_value=True)
    b.field("事项编码", data.item_code)
    if data.office:
        b.field("受理部门", data.office)
    if data.handled_by:
        b.field("办理机关", data.handled_by)
    b.field("受理编号", data.local_ref, bold_value=True)
    b.field("办件编号", data.application_no or "待平台确认（可凭受理编号查询）")
    if data.agent_name is not None:
        b.field("委 托 人", mask_name(data.applicant_name))
        b.field("证件号码", mask_id_number(data.applicant_id_number))
        b.field("代 办 人", mask_name(data.agent_name))
        b.field("证件号码", mask_id_number(data.agent_id_number))
        if data.agent_way:
            b.field("授权方式", data.agent_way)
    else:
        b.field("申 请 人", mask_name(data.applicant_name))
        b.field("证件号码", mask_id_number(data.applicant_id_number))
    b.field("受理时间", _fmt_dt(data.submitted_at))
    b.rule()
    b.text("已收材料：", bold=True)
    if data.received:
        b.numbered([f"{m.name}（{m.how}）" if m.how else m.name for m in data.received])
    else:
        b.text("  无")
    if data.missing:
        b.text("容缺受理，待补材料：", bold=True)
        b.numbered([f"{m.name}，请于{_fmt_d(m.supply_by)}前补齐" for m in data.missing])
        b.text("逾期未补齐的，本次申请将不予受理。")
    b.rule()
    if data.promised_by or data.promised_text:
        when = _fmt_d(data.promised_by) + "前" if data.promised_by else ""
        extra = f"（{data.promised_text}）" if data.promised_text else ""
        b.field("承诺办结", when + extra)
    if data.delivery:
        b.field("结果送达", data.delivery)
    b.text("扫码查询办理进度：", align="center")
    url = status_url(status_url_template, data.local_ref)
    b.qr(url)
    for part in _url_lines(url, b.cols):
        b.text(part, align="center")
    if data.acceptance is not None:
        _acceptance_lines(b, data.acceptance)
    b.rule()
    b.field("咨询电话", data.hotline)
    b.field("终端编号", data.terminal_id)
    b.field("打印时间", (data.printed_at or datetime.now()).strftime("%Y-%m-%d %H:%M:%S"))
    b.text("请妥善保管本凭证，凭受理编号查询或补交材料。")
    b.text("Keep this receipt; scan the QR code to check progress.")
    b.feed(2)
    b.cut()
    return b.build()


def _acceptance_lines(b: Builder, seal: AcceptanceSeal) -> None:
    b.rule()
    b.text("已由平台确认 / 电子印章已验证", align="center", bold=True)
    b.text("Confirmed by the platform; seal verified", align="center")
    b.field("确认机关", seal.issuer)
    if seal.accepted_at:
        b.field("确认时间", seal.accepted_at)
    if seal.qr:
        b.qr(seal.qr)
        b.text("扫码或用 kiosk verify 核验 / scan to verify", align="center")
