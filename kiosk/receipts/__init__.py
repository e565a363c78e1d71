"""Printed documents as pure content: the acceptance receipt (受理凭证) and the service guide
(办事指南).

Templates turn plain data into a device-neutral :class:`~kiosk.receipts.blocks.Document`
(lines with alignment, size and weight, rules, a QR payload, a cut), already wrapped to the
paper's character columns (58 mm: 32, 80 mm: 48; a CJK character takes two columns). A
printer driver turns a document into bytes; nothing here knows about ESC/POS.
"""

from kiosk.receipts.blocks import QR, Cut, Document, Feed, Rule, Text, columns_for, to_text
from kiosk.receipts.guide import build_guide
from kiosk.receipts.receipt import (
    MissingMaterial,
    ReceiptData,
    ReceivedMaterial,
    build_receipt,
    local_ref_from_status_url,
    status_url,
)

__all__ = [
    "QR",
    "Cut",
    "Document",
    "Feed",
    "MissingMaterial",
    "ReceiptData",
    "ReceivedMaterial",
    "Rule",
    "Text",
    "build_guide",
    "build_receipt",
    "columns_for",
    "local_ref_from_status_url",
    "status_url",
    "to_text",
]
