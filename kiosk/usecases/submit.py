"""Submit an application: durable before it returns.

The scanned materials are written first (encrypted files named by content hash, fsynced);
then the application row, its material rows, its outbox row and an audit entry are committed
in one transaction with ``synchronous=FULL``. Only after that does the caller tell the resident
"submitted". A crash before the commit leaves at most unreferenced files, which the next start
removes; a crash after leaves a complete application that the sync agent will send.

The UI, the technician's self-test (``kiosk queue add-sample``) and the sync tests all enqueue
through this one function.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass
from typing import Any

from kiosk.domain.checks import is_valid_citizen_id
from kiosk.domain.dates import CHINA_TZ, add_working_days
from kiosk.domain.forms import FieldProblem, validate_form
from kiosk.domain.items import ServiceItem
from kiosk.domain.records import ApplicationDraft, MaterialInput, format_local_ref
from kiosk.store.audit import AuditLog
from kiosk.store.db import Store, StoreError, StoreFull

MAX_SCAN_BYTES = 20 * 1024 * 1024


class SubmissionRefused(ValueError):
    """The draft cannot be submitted as it is; ``problems`` say why, by field or material."""

    def __init__(self, problems: dict[str, FieldProblem]) -> None:
        self.problems = problems
        first = next(iter(problems.items()))
        super().__init__(f"{first[0]}: {first[1].message_en}")


@dataclass(frozen=True)
class Submitted:
    id: str
    local_ref: str
    created_at: str
    item_code: str
    item_name: str
    missing: tuple[tuple[str, str, dt.date | None], ...]
    """(material id, name, supply-by date) of materials missing under 容缺受理."""


def utc_stamp(now: dt.datetime) -> str:
    return now.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _check_materials(item: ServiceItem, draft: ApplicationDraft) -> dict[str, FieldProblem]:
    problems: dict[str, FieldProblem] = {}
    given: dict[str, MaterialInput] = {}
    for m in draft.materials:
        key = f"materials.{m.material_id}"
        spec = item.material(m.material_id)
        if spec is None:
            problems[key] = FieldProblem(
                "unknown_material",
                f"本事项不需要材料“{m.name}”",
                f"This service does not take the material {m.name!r}",
            )
            continue
        if m.material_id in given:
            problems[key] = FieldProblem(
                "duplicate",
                f"材料“{spec.name}”提交了两次",
                f"Material {spec.name!r} was given twice",
            )
        given[m.material_id] = m
        if m.source == "scan":
            if not m.content or not m.mime:
                problems[key] = FieldProblem(
                    "scan_empty", f"“{spec.name}”没有扫描件", f"{spec.name!r} has no scanned page"
                )
            elif len(m.content) > MAX_SCAN_BYTES:
                problems[key] = FieldProblem(
                    "scan_too_big",
                    f"“{spec.name}”的扫描件过大",
                    f"The scan of {spec.name!r} is too large",
                )
        elif m.source == "elicense":
            if spec.elicense is None or not m.license_no:
                problems[key] = FieldProblem(
                    "elicense",
                    f"“{spec.name}”不能用电子证照代替",
                    f"{spec.name!r} cannot be replaced by an e-license",
                )
        elif m.source == "missing":
            if not spec.may_be_missing:
                problems[key] = FieldProblem(
                    "not_missable",
                    f"“{spec.name}”必须现在提交",
                    f"{spec.name!r} must be handed in now",
                )
        elif m.source == "promise":
            c = item.commitment
            if c is None or (c.material_ids and m.material_id not in c.material_ids):
                problems[key] = FieldProblem(
                    "no_commitment",
                    f"“{spec.name}”不适用告知承诺",
                    f"{spec.name!r} cannot be replaced by a commitment",
                )
            elif not draft.commitment_accepted:
                problems[key] = FieldProblem(
                    "commitment", "请阅读并确认告知承诺书", "Please read and confirm the commitment"
                )
        else:
            problems[key] = FieldProblem("source", "材料提交方式不正确", "Unknown material source")
    for spec in item.materials:
        if spec.required and not spec.omittable and spec.material_id not in given:
            problems[f"materials.{spec.material_id}"] = FieldProblem(
                "material_required", f"请提交“{spec.name}”", f"Please hand in {spec.name!r}"
            )
    return problems


def submit_application(
    store: Store, draft: ApplicationDraft, *, now: dt.datetime | None = None
) -> Submitted:
    """Validate, store durably and queue ``draft``. Raises SubmissionRefused or StoreError."""
    now = now or dt.datetime.now(dt.UTC)
    item = store.catalog.get(draft.item_code)
    if item is None:
        raise SubmissionRefused(
            {
                "item_code": FieldProblem(
                    "item_unknown",
                    "该事项已不在事项目录中",
                    "This service is no longer in the catalog",
                )
            }
        )
    problems = dict(validate_form(item, draft.form))
    if draft.applicant.card_type == "resident" and not is_valid_citizen_id(
        draft.applicant.id_number
    ):
        problems["applicant.id_number"] = FieldProblem(
            "citizen_id", "身份证号码不正确", "The citizen ID number is not valid"
        )
    problems.update(_check_materials(item, draft))
    if (
        item.commitment
        and any(m.source == "promise" for m in draft.materials)
        and not draft.commitment_accepted
    ):
        problems.setdefault(
            "commitment",
            FieldProblem(
                "commitment", "请阅读并确认告知承诺书", "Please read and confirm the commitment"
            ),
        )
    if problems:
        raise SubmissionRefused(problems)

    app_id = str(uuid.uuid4())
    created_at = utc_stamp(now)
    kiosk_id = store.cfg.terminal.kiosk_id

    # 1. Material files, durable before the row that references them.
    stored: list[dict[str, Any]] = []
    missing: list[tuple[str, str, dt.date | None]] = []
    try:
        scans = [m for m in draft.materials if m.source == "scan"]
        shas = dict(
            zip(
                (id(m) for m in scans),
                store.blobs.put_many([m.content or b"" for m in scans]),
                strict=True,
            )
        )
        for m in draft.materials:
            entry: dict[str, Any] = {
                "material_id": m.material_id,
                "name": m.name,
                "source": m.source,
                "sha256": None,
                "size": None,
                "mime": None,
                "license_no": None,
            }
            if m.source == "scan":
                assert m.content is not None
                entry.update(sha256=shas[id(m)], size=len(m.content), mime=m.mime)
            elif m.source == "elicense":
                entry["license_no"] = m.license_no
            elif m.source == "missing":
                spec = item.material(m.material_id)
                supply = m.supply_by or add_working_days(
                    now.astimezone(CHINA_TZ).date(), (spec.supplement_days if spec else None) or 5
                )
                missing.append((m.material_id, m.name, supply))
                entry["_supply_by"] = supply.isoformat()
            stored.append(entry)
    except OSError as exc:
        if exc.errno == 28:  # ENOSPC
            raise StoreFull(
                "存储空间已满，未能保存 / the terminal's disk is full; nothing was saved"
            ) from None
        raise StoreError(f"cannot write a material file ({exc.strerror})") from None

    commitment = None
    if item.commitment and draft.commitment_accepted:
        import hashlib

        commitment = {
            "accepted": True,
            "accepted_at": created_at,
            "text_sha256": hashlib.sha256(item.commitment.text.encode()).hexdigest(),
            "material_ids": list(item.commitment.material_ids),
        }

    # 2. One transaction: sequence, application, materials, outbox, audit.
    with store.tx() as c:
        day = now.astimezone(CHINA_TZ).date()
        r = c.execute(
            "SELECT last FROM daily_sequence WHERE day = ?", (day.isoformat(),)
        ).fetchone()
        seq = (r[0] if r else 0) + 1
        if seq > 9999:
            raise StoreError("今日受理编号已用完 / the daily reference sequence is exhausted")
        c.execute(
            "INSERT OR REPLACE INTO daily_sequence (day, last) VALUES (?, ?)",
            (day.isoformat(), seq),
        )
        local_ref = format_local_ref(kiosk_id, day, seq)
        wire_materials = [{k: v for k, v in e.items() if not k.startswith("_")} for e in stored]
        body = {
            "id": app_id,
            "local_ref": local_ref,
            "item_code": item.item_code,
            "catalog_version": store.catalog.version(),
            "applicant": draft.applicant.to_wire(),
            "form": dict(draft.form),
            "materials": wire_materials,
            "commitment": commitment,
            "created_at": created_at,
            "kiosk_id": kiosk_id,
            "test": bool(draft.test),
        }
        body_bytes = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        c.execute(
            "INSERT INTO applications (id, local_ref, item_code, item_name, catalog_version, kiosk_id,"
            " created_at, test, applicant_enc, form_enc, status) VALUES (?,?,?,?,?,?,?,?,?,?, 'queued')",
            (
                app_id,
                local_ref,
                item.item_code,
                item.name,
                body["catalog_version"],
                kiosk_id,
                created_at,
                int(draft.test),
                store.sealer.seal(
                    json.dumps(body["applicant"], ensure_ascii=False).encode(),
                    aad=f"applicant:{app_id}".encode(),
                ),
                store.sealer.seal(
                    json.dumps(body["form"], ensure_ascii=False).encode(),
                    aad=f"form:{app_id}".encode(),
                ),
            ),
        )
        for e in stored:
            c.execute(
                "INSERT INTO application_materials (application_id, material_id, name, source, sha256,"
                " size, mime, license_no_enc, supply_by) VALUES (?,?,?,?,?,?,?,?,?)",
                (
                    app_id,
                    e["material_id"],
                    e["name"],
                    e["source"],
                    e["sha256"],
                    e["size"],
                    e["mime"],
                    store.sealer.seal(e["license_no"].encode(), aad=f"license:{app_id}".encode())
                    if e["license_no"]
                    else None,
                    e.get("_supply_by"),
                ),
            )
        store.outbox.enqueue(
            c,
            kind="application",
            ref_id=app_id,
            idempotency_key=app_id,
            method="POST",
            body=body_bytes,
            now=now.timestamp(),
        )
        AuditLog(c).append(
            "application.submitted",
            local_ref=local_ref,
            item_code=item.item_code,
            materials=len(stored),
            missing=len(missing),
            test=bool(draft.test),
        )
    return Submitted(app_id, local_ref, created_at, item.item_code, item.name, tuple(missing))
