"""Fixtures for the core: a store in a temporary data directory with a small valid catalog."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from kiosk.config import KioskConfig, parse_config
from kiosk.domain.checks import uscc_check_char
from kiosk.store.db import Store

BODY = "11110105000012345" + uscc_check_char("11110105000012345")


def make_item(n: int = 1, **over: Any) -> dict[str, Any]:
    """A small but complete, valid service item (居民身份证换领-like)."""
    item: dict[str, Any] = {
        "item_code": f"{BODY}00011100{n:04d}",
        "basic_code": f"00011100{n:04d}",
        "name": f"居民身份证换领{n}",
        "name_en": "Renewal of the resident ID card",
        "item_type": "20",
        "service_object": ["自然人"],
        "implementing_body": {"name": "北京市公安局东城分局", "code": BODY},
        "exercise_level": "县级",
        "legal_basis": ["《中华人民共和国居民身份证法》第十一条"],
        "power_source": "法定本级行使",
        "conditions": ["居民身份证有效期满"],
        "process": ["申请", "受理", "审核", "制证", "发证"],
        "handling_forms": ["window", "kiosk"],
        "legal_time_limit": {"value": 60, "unit": "calendar_days"},
        "promised_time_limit": {"value": 20, "unit": "working_days", "note": "偏远地区30日"},
        "case_type": "承诺件",
        "visits": 1,
        "fees": [{"name": "工本费", "amount_yuan": 20, "basis": "发改价格〔2003〕2322号"}],
        "place": {"address": "东城区建国门内大街1号", "hours": "周一至周五 9:00-17:00"},
        "phones": {"consult": "12345", "complaint": "010-12345678"},
        "version": "1.0",
        "effective_from": "2024-01-01",
        "themes": {"person": ["household"]},
        "keywords": ["身份证", "二代证"],
        "frequent": True,
        "materials": [
            {
                "material_id": "M1",
                "name": "原居民身份证",
                "required": True,
                "form": "原件",
                "medium": "paper",
                "copies": 1,
                "elicense": {"type_code": "1100", "type_name": "居民身份证"},
            },
            {
                "material_id": "M2",
                "name": "户口簿",
                "required": True,
                "form": "原件",
                "medium": "paper",
                "copies": 1,
                "may_be_missing": True,
                "supplement_days": 5,
            },
            {
                "material_id": "M3",
                "name": "居住证明",
                "required": False,
                "form": "复印件",
                "medium": "paper",
                "copies": 1,
            },
            {
                "material_id": "M4",
                "name": "无犯罪记录证明",
                "required": True,
                "form": "原件",
                "medium": "paper",
                "copies": 1,
            },
        ],
        "form": {
            "fields": [
                {
                    "name": "applicant_name",
                    "label": "姓名",
                    "label_en": "Name",
                    "type": "text",
                    "required": True,
                    "max_length": 30,
                    "prefill": "name",
                },
                {
                    "name": "id_number",
                    "label": "身份证号码",
                    "label_en": "ID number",
                    "type": "citizen_id",
                    "required": True,
                    "prefill": "id_number",
                },
                {
                    "name": "phone",
                    "label": "联系电话",
                    "label_en": "Phone",
                    "type": "phone",
                    "required": True,
                },
                {
                    "name": "reason",
                    "label": "换领原因",
                    "label_en": "Reason",
                    "type": "enum",
                    "required": True,
                    "options": [
                        {"value": "expired", "label": "有效期满"},
                        {"value": "damaged", "label": "损坏"},
                    ],
                },
                {
                    "name": "note",
                    "label": "备注",
                    "label_en": "Note",
                    "type": "textarea",
                    "required": False,
                    "max_length": 200,
                },
            ]
        },
        "commitment": {
            "text": "本人承诺无违法犯罪记录，如有虚假愿承担法律责任。",
            "material_ids": ["M4"],
        },
        "bundle": None,
    }
    item.update(over)
    return copy.deepcopy(item)


@pytest.fixture
def items() -> list[dict[str, Any]]:
    return [
        make_item(1),
        make_item(2, name="临时居民身份证申领", frequent=False, commitment=None, materials=[]),
    ]


@pytest.fixture
def cfg() -> KioskConfig:
    return parse_config({"terminal": {"kiosk_id": "K-TEST-01"}})


@pytest.fixture
def store(tmp_path: Path, cfg: KioskConfig, items: list[dict[str, Any]]) -> Store:
    s = Store.open(tmp_path / "data", cfg)
    s.catalog.replace_all(items, version=7, source="test")
    yield s
    s.close()
