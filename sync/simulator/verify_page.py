"""The public verification page a printed document's QR points at: ``GET /verify/<doc id>``
(``kiosk.usecases.instant.verify_url``; the QR is ``BMKDOC1|<doc id>|<SM3>|<URL>``).

The simulator remembers (in memory, until it stops) every sealed document it handed out — an
instant result (by ``result_id``), an e-license document (by ``license_no``), a sealed
acceptance record (by ``application_no``) — with its issuing body and the SM3 of the sealed
bytes. The page, plain HTML in Chinese and English, says whether the id is known, who issued
it, when, and the SM3 digest to compare with the one in the QR. It shows no personal data (no
holder, no facts): anyone holding the paper may open it. Unknown ids are a 404 page.
"""

from __future__ import annotations

import html
import threading
from typing import Any

KINDS = {
    "instant-result": ("即时办结结果", "instant result"),
    "e-license": ("电子证照", "e-license"),
    "acceptance-record": ("受理记录", "acceptance record"),
}


class DocumentRegistry:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._docs: dict[str, dict[str, str]] = {}

    def add(self, doc_id: str, kind: str, issuer: str, issued_at: str, digest_hex: str) -> None:
        with self._lock:
            self._docs[doc_id] = {
                "kind": kind,
                "issuer": issuer,
                "issued_at": issued_at,
                "sm3": digest_hex,
            }

    def get(self, doc_id: str) -> dict[str, str] | None:
        with self._lock:
            return self._docs.get(doc_id)


def _page(title: str, body: str) -> bytes:
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title></head><body>\n{body}\n</body></html>\n"
    ).encode()


def render(doc_id: str, entry: dict[str, Any] | None) -> tuple[int, bytes]:
    """``(HTTP status, the page)`` for ``doc_id``."""
    e = html.escape
    if entry is None:
        return 404, _page(
            "未找到该文件 / Document not found",
            f'<h1 id="verdict" data-known="false">未找到该文件 / Document not found</h1>\n'
            f'<p>文件编号 / Document id: <code id="doc-id">{e(doc_id)}</code></p>\n'
            "<p>平台没有出具过这个编号的文件。请不要采信这份材料，并到政务服务窗口核实。<br>"
            "The platform issued no document with this id. Do not rely on it; please check at "
            "a government service window.</p>",
        )
    zh, en = KINDS.get(entry["kind"], (entry["kind"], entry["kind"]))
    return 200, _page(
        "文件已登记 / Document registered",
        f'<h1 id="verdict" data-known="true">文件已登记 / Document registered</h1>\n<dl>\n'
        f'<dt>文件编号 / Document id</dt><dd id="doc-id">{e(doc_id)}</dd>\n'
        f"<dt>文件类型 / Kind</dt><dd>{e(zh)} / {e(en)}</dd>\n"
        f'<dt>出具机关 / Issued by</dt><dd id="issuer">{e(entry["issuer"])}</dd>\n'
        f'<dt>出具时间 / Issued at</dt><dd id="issued-at">{e(entry["issued_at"])}</dd>\n'
        f'<dt>SM3 摘要 / SM3 digest</dt><dd><code id="sm3">{e(entry["sm3"])}</code></dd>\n'
        "</dl>\n<p>请核对二维码中的摘要与上面的 SM3 摘要一致；印章可用 <code>kiosk verify</code> "
        "离线核验。<br>Check that the digest in the QR code equals the SM3 digest above; the "
        "seal itself is checked offline with <code>kiosk verify</code>.</p>",
    )
