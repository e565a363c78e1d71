"""Result documents of instant items (即时办结) that the simulator issues on the spot.

``POST /v1/kiosks/{kiosk_id}/results`` with the holder token answers the result of an item the
catalog marks ``instant: true``: a document (canonical UTF-8 JSON, the simulator's stand-in for
the OFD/PDF a real system renders) sealed by the item's implementing body with the simulator's
seal authority (``sync/simulator/seals.py``).

The document names its holder by the masked name and binds it with ``holder.id_digest``: the
lowercase hex SHA-256 of ``"<result_id>|<lowercase hex SHA-256 of the ID number>"``, which the
terminal recomputes from the card it read (a document for another person fails there). The
digest is salted with the result id, so it is no identifier across documents, and the
simulator, which keeps only the hash of an ID number, can make it. The content is
made up from a hash of the holder's ID number: the same holder gets the same facts every time.
"""

from __future__ import annotations

import base64
import hashlib
import json
import uuid
from datetime import UTC, datetime
from typing import Any

RESULT_MODES = ("good", "other_holder", "expired_seal", "unreadable")
"""``/_sim/seals {"results": …}``: a good document; one for another person (its id digest is
of another ID number); one sealed with a seal whose validity ended before the signing; one
whose sealed bytes are not a readable document."""


OTHER_HOLDER = hashlib.sha256(b"110101199003074514").hexdigest()


def id_digest(result_id: str, id_hash: str) -> str:
    """``id_hash``: the lowercase hex SHA-256 of the holder's ID number."""
    return hashlib.sha256(f"{result_id}|{id_hash}".encode()).hexdigest()


def _n(id_hash: str, what: str) -> int:
    return int(hashlib.sha256(f"{id_hash}|{what}".encode()).hexdigest()[:12], 16)


def _facts(doc_type: str, id_hash: str, today: datetime) -> list[list[str]]:
    """The document's lines as ``[label, value]`` pairs, plausible for its type."""
    n = _n(id_hash, doc_type)
    if doc_type in ("social_insurance_record", "medical_insurance_record"):
        months = 24 + n % 300
        since = f"{today.year - months // 12:04d}年{1 + n % 12:02d}月"
        kinds = (
            "基本养老保险、失业保险、工伤保险"
            if doc_type == "social_insurance_record"
            else "职工基本医疗保险"
        )
        return [
            ["参保险种", kinds],
            ["参保状态", "正常参保"],
            ["首次参保年月", since],
            ["累计缴费月数", f"{months}个月"],
            ["截至年月", f"{today:%Y年%m月}"],
        ]
    if doc_type == "no_criminal_record":
        return [
            ["查询结果", "经查询，未发现该人员有犯罪记录"],
            ["查询范围", "中国境内"],
            ["有效期", "自出具之日起三个月"],
        ]
    if doc_type == "household_record":
        return [
            ["户籍地址", "北京市东城区"],
            ["户口类别", "非农业家庭户口"],
            ["与户主关系", "户主" if n % 2 else "子女"],
        ]
    if doc_type == "marital_status":
        return [["婚姻登记记录", "经查询，未发现该人员在本市的婚姻登记记录" if n % 3 else "已婚"]]
    return [["办理结果", "已办结"]]


def make_result(
    item: dict[str, Any],
    id_hash: str,
    name_masked: str,
    now: float,
    *,
    mode: str = "good",
) -> tuple[str, bytes, dict[str, Any]]:
    """``(result_id, document bytes, answer fields but document and signature)``."""
    doc = item["result_document"]
    result_id = "RS" + uuid.uuid4().hex[:20].upper()
    at = datetime.fromtimestamp(int(now), UTC)
    holder = id_hash if mode != "other_holder" else OTHER_HOLDER
    body = {
        "document_type": "instant-result",
        "result_id": result_id,
        "type": doc["type"],
        "title": doc["title"],
        "item_code": item["item_code"],
        "issuer": item["implementing_body"]["name"],
        "holder": {
            "name_masked": name_masked,
            "id_digest": id_digest(result_id, holder),
        },
        "issued_at": at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "facts": _facts(doc["type"], id_hash, at),
        "status": "有效",
    }
    data = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
    if mode == "unreadable":
        data = b"\x00not a document\xff" + data[:40]
    fields = {
        "result_id": result_id,
        "item_code": item["item_code"],
        "type": doc["type"],
        "title": doc["title"],
        "issuer": item["implementing_body"]["name"],
        "issued_at": body["issued_at"],
        "mime": "application/json",
    }
    return result_id, data, fields


def answer(fields: dict[str, Any], doc: bytes, sig: bytes) -> dict[str, Any]:
    return {
        **fields,
        "document": base64.b64encode(doc).decode(),
        "signature": base64.b64encode(sig).decode(),
    }
