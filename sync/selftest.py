"""Synthetic applications for a technician's end-to-end self-test (``kiosk queue add-sample``).

Each one goes through the core's submit use case exactly like a resident's application — form
validation, encrypted materials, the outbox row — and is marked ``test: true`` so that the
platform may discard it. The applicant is fictitious (a valid-format ID number that belongs to
nobody, name 测试申请人) and each scanned material is ``material_size`` random bytes, so that
every material is a distinct content-addressed blob.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from kiosk.domain.checks import citizen_id_check_char, uscc_check_char

TEST_ID_FIRST17 = "11010519900307001"
TEST_ID = TEST_ID_FIRST17 + citizen_id_check_char(TEST_ID_FIRST17)
TEST_USCC_FIRST17 = "91110105MA01TEST0"
TEST_NAME = "测试申请人"


class NoSampleItem(RuntimeError):
    pass


@dataclass(frozen=True)
class SampleResult:
    local_refs: list[str]
    item_code: str
    materials_each: int


def _uscc() -> str:
    return TEST_USCC_FIRST17 + uscc_check_char(TEST_USCC_FIRST17)


def field_value(f: Any) -> str:
    """A valid value for a form field of any type."""
    t = f.type
    if t == "citizen_id":
        return TEST_ID
    if t == "credit_code":
        return _uscc()
    if t == "phone":
        return "13800138000"
    if t == "date":
        return "2026-01-05"
    if t == "enum":
        return f.options[0].value if f.options else ""
    if t == "region":  # a registered region (通办) every sample item's regions include
        return "北京市东城区"
    if f.format == "bank_card":
        return "6214830100001238"  # a test number with a correct Luhn check digit
    if f.format == "digits":
        return "0123456789"[: f.max_length or 10]
    if t == "number":
        n = f.min if f.min is not None else 1
        if f.max is not None and n > f.max:
            n = f.max
        return f"{n:g}"
    text = "终端自检 self-test"
    return text[: f.max_length] if f.max_length else text


def _plan(item: Any, k: int) -> list[tuple[Any, str]] | None:
    """(material spec, source) for ``k`` scans and the item's other required materials."""
    required = [m for m in item.materials if m.required and not m.omittable]
    optional = [m for m in item.materials if m not in required]
    order = required + optional
    if len(order) < k:
        return None
    plan = [(m, "scan") for m in order[:k]]
    for m in order[k:]:
        if m not in required:
            continue
        if m.elicense is not None:
            plan.append((m, "elicense"))
        elif m.may_be_missing:
            plan.append((m, "missing"))
        else:
            return None
    return plan


def choose_item(
    items: list[Any], k: int, item_code: str | None = None
) -> tuple[Any, list[tuple[Any, str]]]:
    candidates = [i for i in items if item_code is None or i.item_code == item_code]
    for item in candidates:
        if item.bundle_items:
            continue
        plan = _plan(item, k)
        if plan is not None:
            return item, plan
    raise NoSampleItem(
        f"no item in the local catalog takes {k} scanned materials"
        + (f" (item {item_code})" if item_code else "")
        + "; run `kiosk sync --once` to fetch the catalog, or lower --materials"
    )


def add_samples(
    store: Any,
    count: int,
    materials: int = 2,
    material_size: int = 300_000,
    item_code: str | None = None,
) -> SampleResult:
    from kiosk.domain.records import Applicant, ApplicationDraft, MaterialInput
    from kiosk.usecases.submit import submit_application

    item, plan = choose_item(store.catalog.items(), materials, item_code)
    form = {f.name: field_value(f) for f in item.fields}
    applicant = Applicant(
        name=TEST_NAME, id_number=TEST_ID, phone="13800138000", id_channel="manual"
    )
    refs = []
    for _ in range(count):
        inputs = []
        for spec, source in plan:
            if source == "scan":
                inputs.append(
                    MaterialInput(
                        spec.material_id,
                        spec.name,
                        "scan",
                        content=os.urandom(material_size),
                        mime="application/octet-stream",
                    )
                )
            elif source == "elicense":
                inputs.append(
                    MaterialInput(
                        spec.material_id, spec.name, "elicense", license_no="TEST-LICENSE-0001"
                    )
                )
            else:
                inputs.append(MaterialInput(spec.material_id, spec.name, "missing"))
        draft = ApplicationDraft(item.item_code, applicant, dict(form), tuple(inputs), test=True)
        refs.append(submit_application(store, draft).local_ref)
    return SampleResult(refs, item.item_code, sum(1 for _, s in plan if s == "scan"))
