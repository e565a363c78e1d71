"""The A4 print of an instant item's verified result document (即时办结), as a PDF the kiosk
makes itself and hands to the A4 printer (CUPS).

The page shows what the sealed document says — title, holder (masked), facts, issuing body,
issue time, document number — with "电子印章 已验证" and a QR (``kiosk.seals.container.make_qr``:
document id, SM3 of the document, verification URL). The sealed document itself travels
inside the PDF as an embedded file (``<id>.sealed.json``, the sealed bundle), so the PDF is a
file ``kiosk verify`` checks offline: the seal of the embedded document, and that the page
still says what that document says (:func:`missing_lines`).

Built only from a ``kiosk.usecases.instant.VerifiedResult`` (duck-typed here); the caller
checks it is one. The CJK font is embedded as a subset (Noto Sans CJK SC by default).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from typing import Any

BUNDLE_SUFFIX = ".sealed.json"


class NoCjkFont(RuntimeError):
    """No CJK font to draw the document with: the A4 print is not possible here."""


def _font() -> tuple[str, int]:
    from kiosk.fonts import cjk_font_file

    found = cjk_font_file()
    if found is None:
        raise NoCjkFont("no CJK font (fonts-noto-cjk) for the A4 print")
    return found


def _qr_png(text: str) -> bytes:
    import qrcode

    img = qrcode.make(text, box_size=8, border=2)
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


def document_lines(
    title: str, facts: Sequence[tuple[str, str]], issuer: str, result_id: str
) -> list[str]:
    """What the sealed document says, in the page's words: its title, its facts, the issuing
    body and the document number."""
    return [
        title,
        *(f"{label} {value}" for label, value in facts),
        f"出具机关 {issuer}",
        f"文件编号 {result_id}",
    ]


def document_blocks(lines: Sequence[str]) -> list[str]:
    """:func:`document_lines` as the runs of text the page must show unbroken, each closed by
    the word that follows it on the page, so that a value changed, cut or lengthened is seen:
    the title then 持有人; the facts and the issuing body then 出具时间; the number then 电子印章."""
    title, *facts, issuer, number = lines
    return [title + "持有人", "".join(facts) + issuer + "出具时间", number + "电子印章"]


def page_lines(r: Any) -> list[str]:
    """Every line of the page's body, in order: the title, the holder, the facts, the issuing
    body, the issue time and the document number."""
    title, *rest = document_lines(r.title, r.facts, r.issuer, r.result_id)
    issued = f"出具时间 {r.issued_at.replace('T', ' ').removesuffix('Z')} UTC"
    holder = f"持有人 {r.holder_name_masked} {r.holder_id_masked}".rstrip()
    return [title, holder, *rest[:-1], issued, rest[-1]]


def lines_of_sealed_document(document: bytes, issuer: str) -> list[str] | None:
    """:func:`document_lines` of a sealed result document (its JSON: ``result_id``, ``title``,
    ``facts``), the issuer being the verified seal's; None when it is not such a document."""
    import json

    try:
        v = json.loads(document.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(v, dict):
        return None
    title, rid, facts = v.get("title"), v.get("result_id"), v.get("facts")
    if not (isinstance(title, str) and isinstance(rid, str) and isinstance(facts, list)):
        return None
    pairs = [tuple(f) for f in facts if isinstance(f, list) and len(f) == 2]
    if len(pairs) != len(facts) or not all(isinstance(x, str) for p in pairs for x in p):
        return None
    return document_lines(title, pairs, issuer, rid)  # type: ignore[arg-type]


def render_result_pdf(
    r: Any,
    *,
    verify_url: str,
    printed_at: datetime | None = None,
    font: tuple[str, int] | None = None,
) -> bytes:
    """The A4 PDF of a verified result, with its sealed bundle embedded."""
    from fpdf import FPDF

    from kiosk.seals.container import make_qr
    from kiosk.seals.gm import sm3

    path, index = font or _font()
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_title(r.title)
    pdf.set_creator("Bianmin Kiosk")
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_font("cjk", fname=path, collection_font_number=index)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin

    lines = page_lines(r)
    pdf.set_font("cjk", size=22)
    pdf.multi_cell(width, 12, lines[0], align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_draw_color(0, 0, 0)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(6)
    pdf.set_font("cjk", size=13)
    for line in lines[1:]:
        pdf.multi_cell(width, 8, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("cjk", size=15)
    pdf.multi_cell(width, 9, f"电子印章 已验证 · {r.issuer}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("cjk", size=11)
    pdf.multi_cell(width, 7, f"Seal verified: {r.issuer}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    qr_text = make_qr(r.result_id, sm3(r.document), verify_url)
    pdf.image(io.BytesIO(_qr_png(qr_text)), x=pdf.l_margin, w=45, h=45)
    pdf.set_font("cjk", size=10)
    pdf.multi_cell(
        width,
        6,
        "扫码或用 kiosk verify 核验本文件 / scan the code or run kiosk verify on this file",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    if printed_at is not None:
        pdf.multi_cell(
            width, 6, f"打印时间 {printed_at:%Y-%m-%d %H:%M}", new_x="LMARGIN", new_y="NEXT"
        )
    pdf.embed_file(
        bytes=r.sealed_bundle(),
        basename=f"{r.result_id}{BUNDLE_SUFFIX}",
        mime_type="application/json",
        desc="sealed document (bianmin-sealed/1)",
    )
    return bytes(pdf.output())


def missing_lines(page_text: str, lines: Sequence[str]) -> list[str]:
    """The runs of :func:`document_blocks` the page text does not show (empty: the page says
    what the sealed document says). Whitespace is not compared: text extraction spaces CJK
    freely and wraps long lines."""
    flat = "".join(page_text.split())
    return [b for b in ("".join(b.split()) for b in document_blocks(lines)) if b not in flat]
