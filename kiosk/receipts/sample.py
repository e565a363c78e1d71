"""The fixed sample application a technician prints to check a printer
(``kiosk device print-receipt --sample``), documented in docs/output-devices.md.

- Item: the first item of the sample catalog that has a material allowed to be missing under
  容缺受理 (``may_be_missing``); an embedded item of the same shape if no catalog is installed.
- Applicant: 张三, ID number ``11010519491231002X`` (the example of GB 11643) — printed masked
  as ``张*`` / ``110105********002X``.
- Materials: every required material received by scan, except that one, missing, to be
  supplied within its ``supplement_days`` working days (5 when unset).
- Reference ``SAMPLE-000001``; platform number not yet known; submitted and printed now.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from kiosk.domain.dates import add_working_days
from kiosk.receipts.receipt import MissingMaterial, ReceiptData, ReceivedMaterial

SAMPLE_NAME = "张三"
SAMPLE_ID_NUMBER = "11010519491231002X"
SAMPLE_LOCAL_REF = "SAMPLE-000001"

FALLBACK_ITEM: dict[str, Any] = {
    "item_code": "11110105000000000X000110105001",
    "basic_code": "000110105001",
    "name": "城乡居民基本养老保险参保登记",
    "item_type": "20",
    "service_object": ["自然人"],
    "implementing_body": {"name": "北京市朝阳区社会保险事业管理中心", "code": "11110105000000000X"},
    "conditions": [
        "年满16周岁（不含在校学生），非国家机关和事业单位工作人员，不属于职工基本养老保险覆盖范围的城乡居民。"
    ],
    "process": ["申请", "受理", "审核", "办结"],
    "legal_time_limit": {"value": 20, "unit": "working_days"},
    "promised_time_limit": {"value": 5, "unit": "working_days"},
    "case_type": "承诺件",
    "visits": 0,
    "fees": [],
    "place": {"address": "朝阳区政务服务中心一层社保窗口", "hours": "工作日 9:00-17:00"},
    "phones": {"consult": "010-12345678", "complaint": "12345"},
    "version": "1.0",
    "effective_from": "2026-01-01",
    "themes": {"person": ["pension"]},
    "materials": [
        {
            "material_id": "idcard",
            "name": "居民身份证",
            "required": True,
            "form": "原件",
            "medium": "paper_or_electronic",
            "copies": 1,
        },
        {
            "material_id": "hukou",
            "name": "户口簿",
            "required": True,
            "form": "复印件",
            "medium": "paper",
            "copies": 1,
            "may_be_missing": True,
            "supplement_days": 5,
        },
    ],
    "form": {"fields": []},
}


def sample_item(items: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    if items is None:
        try:
            from kiosk.catalog.sample import load_sample_items

            items = load_sample_items()
        except (ImportError, OSError, ValueError, KeyError):
            items = []
    for item in items:
        if any(m.get("may_be_missing") for m in item.get("materials", [])):
            return item
    return FALLBACK_ITEM


def sample_receipt_data(
    *,
    terminal_id: str,
    hotline: str,
    now: datetime | None = None,
    item: dict[str, Any] | None = None,
) -> ReceiptData:
    now = now or datetime.now().replace(microsecond=0)
    item = item or sample_item()
    received: list[ReceivedMaterial] = []
    missing: list[MissingMaterial] = []
    chosen = False
    for m in item.get("materials", []):
        if m.get("may_be_missing") and not chosen:
            chosen = True
            days = int(m.get("supplement_days") or 5)
            missing.append(MissingMaterial(m["name"], add_working_days(now.date(), days)))
        elif m.get("required", True):
            received.append(ReceivedMaterial(m["name"], "扫描"))
    ptl = item.get("promised_time_limit") or {}
    promised_by = None
    promised_text = None
    if ptl.get("unit") == "working_days" and ptl.get("value"):
        promised_by = add_working_days(now.date(), int(ptl["value"]))
        promised_text = f"{ptl['value']}个工作日"
    elif ptl.get("unit") == "calendar_days" and ptl.get("value"):
        promised_by = now.date() + timedelta(days=int(ptl["value"]))
        promised_text = f"{ptl['value']}个自然日"
    return ReceiptData(
        item_name=item["name"],
        item_code=item["item_code"],
        local_ref=SAMPLE_LOCAL_REF,
        applicant_name=SAMPLE_NAME,
        applicant_id_number=SAMPLE_ID_NUMBER,
        submitted_at=now,
        terminal_id=terminal_id,
        hotline=hotline,
        received=tuple(received),
        missing=tuple(missing),
        promised_by=promised_by,
        promised_text=promised_text,
        printed_at=now,
        office=(item.get("implementing_body") or {}).get("name"),
    )
