"""The receipt-sized print of an instant item's verified result document (即时办结), for a
result whose item says ``fits_receipt``: the title, the holder (masked), the facts, the issuing
body with "已验证", and a QR (``kiosk.seals.container.make_qr``: result id, SM3 of the document,
verification URL) that ``kiosk verify`` and a clerk's phone read.

Built only from a ``kiosk.usecases.instant.VerifiedResult`` (duck-typed here: the receipts
know no use case); the caller checks it is one.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from kiosk.receipts.blocks import Builder, Document


def build_result_receipt(
    r: Any, *, width_mm: int, verify_url: str, printed_at: datetime | None = None
) -> Document:
    from kiosk.seals.container import make_qr
    from kiosk.seals.gm import sm3

    b = Builder("result", width_mm)
    b.text(r.title, align="center", size=2, bold=True)
    b.rule("=")
    b.field("持有人", f"{r.holder_name_masked}  {r.holder_id_masked}".strip())
    for label, value in r.facts:
        b.field(label, value)
    b.rule()
    b.field("出具机关", r.issuer)
    b.field("出具时间", r.issued_at.replace("T", " ").removesuffix("Z") + " UTC")
    b.field("文件编号", r.result_id)
    b.text(f"电子印章 已验证 · {r.issuer}", bold=True)
    b.text(f"Seal verified: {r.issuer}")
    b.qr(make_qr(r.result_id, sm3(r.document), verify_url))
    b.text("扫码或用 kiosk verify 核验 / scan to verify", align="center")
    if printed_at is not None:
        b.text(f"打印时间 {printed_at:%Y-%m-%d %H:%M}", align="center")
    b.feed(2)
    b.cut()
    return b.build()
