"""How a sealed document travels outside the platform's answers, for ``kiosk verify``.

Three forms, all things a bank clerk can be handed on a USB stick or by e-mail:

- **a file with its seal beside it**: ``result.pdf`` and ``result.pdf.sig``, the ``.sig`` being
  the DER of the ``SES_Signature`` whose ``dataHash`` is the SM3 of the file's exact bytes (any
  file type: PDF, OFD, JSON…);
- **a PDF the kiosk printed** (an instant result on A4, ``kiosk.receipts.result_pdf``): the
  sealed bundle rides in it as an embedded file, and its pages must still say what the sealed
  document says;
- **a sealed bundle** (``*.sealed.json``): one UTF-8 JSON object
  ``{"format": "bianmin-sealed/1", "doc_id", "mime", "document": base64, "signature": base64}``
  — the platform's document answer (the contract's license document endpoint) saved as it came is one
  too (``license_no`` standing for ``doc_id``).

A printed document carries a QR code whose text is ``BMKDOC1|<doc id>|<SM3 hex of the
document>|<verification URL>``: the digest ties the paper to the file (``kiosk verify QR
--document FILE``); the URL is for checking online.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass
from pathlib import Path

from kiosk.seals.verify import MAX_DOCUMENT_BYTES, MAX_SIGNATURE_BYTES

BUNDLE_FORMAT = "bianmin-sealed/1"
QR_PREFIX = "BMKDOC1"
MAX_BUNDLE_BYTES = (MAX_DOCUMENT_BYTES + MAX_SIGNATURE_BYTES) * 4 // 3 + 64 * 1024
_SM3_HEX = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class SealedFile:
    document: bytes
    signature: bytes
    doc_id: str = ""
    page_text: str | None = None
    """For a PDF carrying its sealed document: the text its pages show (to check they say what
    the sealed document says)."""


@dataclass(frozen=True)
class Unusable:
    kind: str  # "missing", "too_large", "malformed"
    reason: str


@dataclass(frozen=True)
class QrPayload:
    doc_id: str
    digest: bytes
    url: str


def make_bundle(doc_id: str, mime: str, document: bytes, signature: bytes) -> bytes:
    return json.dumps(
        {
            "format": BUNDLE_FORMAT,
            "doc_id": doc_id,
            "mime": mime,
            "document": base64.b64encode(document).decode(),
            "signature": base64.b64encode(signature).decode(),
        },
        ensure_ascii=False,
    ).encode()


def _read(path: Path, limit: int, what: str) -> bytes | Unusable:
    try:
        size = path.stat().st_size
        if size > limit:  # refused by its size, before a byte is read
            return Unusable("too_large", f"{what} of {size} bytes (limit {limit})")
        with open(path, "rb") as f:
            data = f.read(limit + 1)
    except FileNotFoundError:
        return Unusable("missing", f"{path}: no such file")
    except OSError as e:
        return Unusable("missing", f"{path}: {e.strerror or type(e).__name__}")
    if len(data) > limit:
        return Unusable("too_large", f"{what} larger than {limit} bytes")
    return data


def _bundle(raw: bytes) -> SealedFile | Unusable | None:
    """The bundle in ``raw``; ``None`` when ``raw`` is not a bundle at all."""
    if not raw.lstrip()[:1] == b"{":
        return None
    try:
        v = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    if not isinstance(v, dict) or "document" not in v or "signature" not in v:
        return None
    try:
        doc = base64.b64decode(v["document"], validate=True)
        sig = base64.b64decode(v["signature"], validate=True)
    except (binascii.Error, TypeError, ValueError):
        return Unusable("malformed", "bundle: document and signature must be base64")
    doc_id = v.get("doc_id") or v.get("license_no") or ""
    return SealedFile(doc, sig, str(doc_id))


def _pdf(raw: bytes) -> SealedFile | Unusable:
    """A PDF the kiosk printed: its embedded ``*.sealed.json`` and the text of its pages."""
    import io
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings name no person, but are noise
    try:
        reader = PdfReader(io.BytesIO(raw))
        found = [
            data
            for name, items in reader.attachments.items()
            if name.endswith(".sealed.json")
            for data in items
        ]
        if len(found) != 1:
            return Unusable(
                "missing",
                "no seal: the PDF carries no sealed document"
                if not found
                else "the PDF carries more than one sealed document",
            )
        # pypdf reads fpdf2's two-byte CIDs with a NUL beside each character: dropped
        text = "\n".join(page.extract_text() or "" for page in reader.pages).replace("\x00", "")
    except (PyPdfError, ValueError, KeyError, TypeError, RecursionError) as e:
        return Unusable("malformed", f"the PDF cannot be read ({type(e).__name__})")
    b = _bundle(found[0])
    if not isinstance(b, SealedFile):
        return b or Unusable("malformed", "the PDF's sealed document is not a sealed bundle")
    return SealedFile(b.document, b.signature, b.doc_id, page_text=text)


def load_sealed(path: Path, sig_path: Path | None = None) -> SealedFile | Unusable:
    """The document and its signature: ``path`` with ``sig_path`` (default ``path`` + ``.sig``)
    when that exists, else ``path`` read as a sealed bundle. Sizes are checked before reading."""
    sig_path = sig_path or path.with_name(path.name + ".sig")
    if sig_path.exists():
        doc = _read(path, MAX_DOCUMENT_BYTES, "document")
        if isinstance(doc, Unusable):
            return doc
        sig = _read(sig_path, MAX_SIGNATURE_BYTES, "signature")
        if isinstance(sig, Unusable):
            return sig
        return SealedFile(doc, sig, path.name)
    raw = _read(path, MAX_BUNDLE_BYTES, "bundle")
    if isinstance(raw, Unusable):
        return raw
    if raw.startswith(b"%PDF-"):
        return _pdf(raw)
    b = _bundle(raw)
    if b is None:
        return Unusable(
            "missing", f"no seal: neither {sig_path.name} beside it nor a sealed bundle"
        )
    return b


def make_qr(doc_id: str, digest: bytes, url: str) -> str:
    if "|" in doc_id or "|" in url:
        raise ValueError("doc id and URL cannot contain |")
    return f"{QR_PREFIX}|{doc_id}|{digest.hex()}|{url}"


def parse_qr(text: str) -> QrPayload | None:
    """The payload of a document's QR code; ``None`` when ``text`` is not one."""
    parts = text.strip().split("|")
    if len(parts) != 4 or parts[0] != QR_PREFIX or not parts[1]:
        return None
    if not _SM3_HEX.match(parts[2]):
        return None
    return QrPayload(parts[1], bytes.fromhex(parts[2]), parts[3])
