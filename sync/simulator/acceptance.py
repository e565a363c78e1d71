"""The platform's seal on an application's acceptance record (受理记录), issue 14 item 4.

From the moment an application is ``accepted`` (and on every later status), the status answer
(``GET /v1/applications/{no}`` and the kiosk's changes feed) carries ``acceptance_seal``: a
sealed bundle (``kiosk.seals.container``, ``bianmin-sealed/1``) whose document is canonical
UTF-8 JSON::

    {"document_type": "acceptance-record", "application_no", "local_ref", "item_code",
     "accepted_at", "issuer", "holder": {"id_digest"}, "status": "已受理"}

``holder.id_digest`` is the lowercase hex SHA-256 of ``"<application_no>|<lowercase hex
SHA-256 of the ID number>"`` (as for instant results: the platform keeps only the hash of the
number, the terminal recomputes it from the applicant it stored). The record is sealed by the
item's implementing body (the simulator's seal authority), or by the platform's operator when
the catalog no longer names the item.

``/_sim/seals {"acceptance": "good" | "other_holder"}`` makes records naming another person;
``{"documents": "tampered" | "unknown_issuer"}`` applies to them as to every document.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from kiosk.seals.container import make_bundle

ACCEPTANCE_MODES = ("good", "other_holder")
PLATFORM_BODY = "北京市政务服务和数据管理局"
OTHER_HOLDER = hashlib.sha256(b"110101199003074514").hexdigest()


def id_digest(application_no: str, id_hash: str) -> str:
    return hashlib.sha256(f"{application_no}|{id_hash}".encode()).hexdigest()


def acceptance_record(
    app: dict[str, Any], accepted_at: str, issuer: str, id_hash: str | None, mode: str = "good"
) -> bytes:
    holder = OTHER_HOLDER if mode == "other_holder" or not id_hash else id_hash
    body = {
        "document_type": "acceptance-record",
        "application_no": app["application_no"],
        "local_ref": app["local_ref"],
        "item_code": app["item_code"],
        "accepted_at": accepted_at,
        "issuer": issuer,
        "holder": {"id_digest": id_digest(app["application_no"], holder)},
        "status": "已受理",
    }
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def bundle(application_no: str, doc: bytes, sig: bytes) -> dict[str, Any]:
    value: dict[str, Any] = json.loads(make_bundle(application_no, "application/json", doc, sig))
    return value
