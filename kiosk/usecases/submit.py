"""Submit an application: durable before it returns.

The scanned materials are written first (encrypted files named by content hash, fsynced);
then the application row, its material rows, its outbox row and an audit entry are committed
in one transaction with ``synchronous=FULL``. Only after that does the caller tell the resident
"submitted". A crash before the commit leaves at most unreferenced files, which the next start
removes; a crash after leaves a complete application that the sync agent will send.

The UI, the technician's self-test (``kiosk queue add-sample``) and the sync tests all enqueue
through this one function, so it checks every value it is handed: text is put in Unicode normal
form C, then lengths, characters, card types and ID numbers are checked; anything wrong is a
:class:`SubmissionRefused` naming the field, never a crash in the store.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from dataclasses import dataclass, field, replace
from typing import Any

from kiosk.domain.checks import is_valid_citizen_id
from kiosk.domain.dates import CHINA_TZ, add_working_days, terminal_zone
from kiosk.domain.forms import FieldProblem, text_problem, validate_form
from kiosk.domain.idcard import CARD_NUMBER_RE
from kiosk.domain.items import ServiceItem
from kiosk.domain.records import (
    AgentInput,
    Applicant,
    ApplicationDraft,
    MaterialInput,
    format_local_ref,
)
from kiosk.domain.text import FREE_TEXT_LIMIT, NAME_LIMIT, nfc
from kiosk.domain.tongban import application_fields
from kiosk.identity.card import CARD_TYPES
from kiosk.store.audit import AuditLog
from kiosk.store.db import Store, StoreError, StoreFull

MAX_SCAN_BYTES = 20 * 1024 * 1024
ID_CHANNELS = ("id_card", "ssc", "qr", "manual")
_ITEM_CODE_RE = re.compile(r"[0-9A-Za-z]{1,36}")
# the card number of each card type; the resident card's is checked to its check digit
_ID_NUMBER_RE = CARD_NUMBER_RE
# (attribute, label, English label, at most characters) of the applicant's optional text
_APPLICANT_TEXT = (
    ("phone", "电话", "The phone number", 30),
    ("gender", "性别", "The gender", 10),
    ("birth_date", "出生日期", "The birth date", 10),
    ("address", "住址", "The address", FREE_TEXT_LIMIT),
    ("holder_token", "身份凭证", "The identity token", FREE_TEXT_LIMIT),
)


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
    routing: dict[str, Any] = field(default_factory=dict)
    """What the application carries for 通办 and 办理结果 (``receiving_region``,
    ``handling_region``, ``tongban_mode``, ``delivery``); empty for other items."""


def utc_stamp(now: dt.datetime) -> str:
    return now.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _type_problem(label: str, label_en: str) -> FieldProblem:
    return FieldProblem("type", f"{label}应为文字", f"{label_en} must be text")


def _nfc_or_none(value: Any) -> Any:
    return nfc(value) if isinstance(value, str) else value


def _normalised(draft: ApplicationDraft) -> ApplicationDraft:
    """``draft`` with every text in Unicode normal form C (what is checked is what is stored)."""
    a = draft.applicant
    if isinstance(a, Applicant):
        a = replace(
            a,
            name=_nfc_or_none(a.name),
            **{k: _nfc_or_none(getattr(a, k)) for k, *_ in _APPLICANT_TEXT},
        )
    form = draft.form
    if isinstance(form, dict):
        form = {k: _nfc_or_none(v) for k, v in form.items()}
    materials = draft.materials
    if isinstance(materials, (tuple, list)):
        materials = tuple(
            replace(m, name=_nfc_or_none(m.name)) if isinstance(m, MaterialInput) else m
            for m in materials
        )
    agent = draft.agent
    if isinstance(agent, AgentInput):
        agent = replace(agent, name=_nfc_or_none(agent.name))
    return replace(draft, applicant=a, form=form, materials=materials, agent=agent)


def _check_applicant(applicant: Any, form_has_id: bool) -> dict[str, FieldProblem]:
    """The applicant's problems, by ``applicant.<field>``: a closed set of card types and
    channels, an ID number of the card type's shape, a name of at most 100 characters and no
    invisible characters anywhere."""
    if not isinstance(applicant, Applicant):
        return {"applicant": FieldProblem("type", "申请人信息不正确", "The applicant is not valid")}
    out: dict[str, FieldProblem] = {}
    a = applicant
    card_type = a.card_type if isinstance(a.card_type, str) else None
    if card_type not in CARD_TYPES:
        out["applicant.card_type"] = FieldProblem(
            "card_type", "证件类型不正确", "The identity document type is not known"
        )
    if not isinstance(a.id_channel, str) or a.id_channel not in ID_CHANNELS:
        out["applicant.id_channel"] = FieldProblem(
            "id_channel", "身份核验方式不正确", "The way the identity was proved is not known"
        )
    if not isinstance(a.name, str):
        out["applicant.name"] = _type_problem("姓名", "The name")
    elif a.name.strip() == "" and card_type != "foreign_permanent_2017":
        out["applicant.name"] = FieldProblem("required", "请填写姓名", "Please fill in the name")
    elif p := text_problem("姓名", "The name", a.name, limit=NAME_LIMIT):
        out["applicant.name"] = p
    num = a.id_number
    id_bad = FieldProblem("citizen_id", "身份证号码不正确", "The citizen ID number is not valid")
    if not isinstance(num, str):
        out["applicant.id_number"] = _type_problem("证件号码", "The ID number")
    elif num == "":
        # an older platform's QR token names no number: then the form must carry it
        if not (a.id_channel == "qr" and form_has_id):
            out["applicant.id_number"] = FieldProblem(
                "required", "缺少证件号码", "The ID number is missing"
            )
    elif card_type == "resident":
        if not is_valid_citizen_id(num):
            out["applicant.id_number"] = id_bad
    elif card_type in _ID_NUMBER_RE and not _ID_NUMBER_RE[card_type].fullmatch(num):
        out["applicant.id_number"] = FieldProblem(
            "id_number", "证件号码不正确", "The ID number is not valid for this document"
        )
    for attr, label, label_en, limit in _APPLICANT_TEXT:
        v = getattr(a, attr)
        if v is None:
            continue
        if not isinstance(v, str):
            out[f"applicant.{attr}"] = _type_problem(label, label_en)
        elif p := text_problem(label, label_en, v, limit=limit):
            out[f"applicant.{attr}"] = p
    return out


def _check_material_text(m: MaterialInput) -> FieldProblem | None:
    """Names, licence numbers and MIME types are stored and sent: text, short, visible."""
    if not isinstance(m.name, str):
        return _type_problem("材料名称", "The material's name")
    for v, label, label_en, limit in (
        (m.name, "材料名称", "The material's name", 200),
        (m.license_no, "证照编号", "The licence number", 100),
        (m.mime, "文件类型", "The file type", 100),
    ):
        if v is None:
            continue
        if not isinstance(v, str):
            return _type_problem(label, label_en)
        if p := text_problem(label, label_en, v, limit=limit):
            return p
    return None


def _check_materials(item: ServiceItem, draft: ApplicationDraft) -> dict[str, FieldProblem]:
    problems: dict[str, FieldProblem] = {}
    given: dict[str, MaterialInput] = {}
    for m in draft.materials:
        if not isinstance(m, MaterialInput) or not isinstance(m.material_id, str):
            problems["materials"] = FieldProblem(
                "material", "材料信息不正确", "A material is not valid"
            )
            continue
        spec = item.material(m.material_id)
        key = f"materials.{m.material_id if spec else ascii(m.material_id)}"
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
        if text_bad := _check_material_text(m):
            problems[key] = text_bad
        elif m.source == "scan":
            if not isinstance(m.content, bytes) or not m.content or not m.mime:
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


def _check_agent(item: ServiceItem, draft: ApplicationDraft) -> dict[str, FieldProblem]:
    """委托代办: the item lets an agent apply this way (an in-person item says why), the agent
    is not the applicant, their ID number and name are well formed, a QR authorisation is
    named by its id and a power of attorney is among the scanned materials."""
    from kiosk.domain.delegation import (
        AUTH_REFUSALS,
        POA_MATERIAL,
        WAYS,
        AgentRefused,
        check_item,
        same_person,
    )

    agent = draft.agent
    if agent is None:
        return {}
    if not isinstance(agent, AgentInput) or agent.way not in WAYS:
        return {"agent": FieldProblem("agent", "代办人信息不正确", "The agent is not valid")}
    try:
        check_item(item.raw, agent.way)
    except AgentRefused as exc:
        return {"agent": FieldProblem(exc.code, exc.message_zh, exc.message_en)}
    applicant_id = getattr(draft.applicant, "id_number", None)
    if (
        isinstance(agent.id_number, str)
        and isinstance(applicant_id, str)
        and same_person(agent.id_number, applicant_id)
    ):
        zh, en = AUTH_REFUSALS["self"]
        return {"agent": FieldProblem("self", zh, en)}
    out: dict[str, FieldProblem] = {}
    probe = Applicant(
        name=agent.name,
        id_number=agent.id_number,
        card_type=agent.card_type,
        id_channel=agent.id_channel,
    )
    for key, problem in _check_applicant(probe, False).items():
        out["agent." + key.split(".", 1)[1]] = problem
    if agent.way == "qr_authorisation" and not (
        isinstance(agent.authorisation_id, str) and 0 < len(agent.authorisation_id) <= 64
    ):
        out["agent.authorisation_id"] = FieldProblem(
            "authorisation", "缺少委托人的授权码", "The principal's authorisation is missing"
        )
    if agent.way == "power_of_attorney" and not any(
        isinstance(m, MaterialInput) and m.material_id == POA_MATERIAL and m.source == "scan"
        for m in draft.materials
    ):
        out[f"materials.{POA_MATERIAL}"] = FieldProblem(
            "material_required", "请扫描授权委托书", "Please scan the power of attorney"
        )
    return out


def submit_application(
    store: Store, draft: ApplicationDraft, *, now: dt.datetime | None = None
) -> Submitted:
    """Validate, store durably and queue ``draft``. Raises SubmissionRefused or StoreError."""
    now = now or dt.datetime.now(dt.UTC)
    draft = _normalised(draft)
    code = draft.item_code
    item = (
        store.catalog.get(code) if isinstance(code, str) and _ITEM_CODE_RE.fullmatch(code) else None
    )
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
    if not isinstance(draft.form, dict):
        raise SubmissionRefused(
            {"form": FieldProblem("form", "表单不正确", "The form is not valid")}
        )
    if not isinstance(draft.materials, tuple):
        raise SubmissionRefused(
            {"materials": FieldProblem("material", "材料信息不正确", "A material is not valid")}
        )
    card_type = getattr(draft.applicant, "card_type", "resident")
    problems = dict(validate_form(item, draft.form, card_type=card_type))
    form_has_id = any(f.type == "citizen_id" and f.required for f in item.fields)
    problems.update(_check_applicant(draft.applicant, form_has_id))
    problems.update(_check_materials(item, draft))
    problems.update(_check_agent(item, draft))
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

    form, routing = application_fields(item.raw, draft.form, store.cfg.terminal.region_code)
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
                    now.astimezone(terminal_zone(store.cfg)).date(),
                    (spec.supplement_days if spec else None) or 5,
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
            **({"agent": draft.agent.to_wire()} if draft.agent is not None else {}),
            "form": form,
            **routing,
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
        if draft.agent is not None:
            c.execute(
                "UPDATE applications SET agent_enc = ? WHERE id = ?",
                (
                    store.sealer.seal(
                        json.dumps(body["agent"], ensure_ascii=False).encode(),
                        aad=f"agent:{app_id}".encode(),
                    ),
                    app_id,
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
            **({"agent_way": draft.agent.way} if draft.agent is not None else {}),
        )
    return Submitted(
        app_id, local_ref, created_at, item.item_code, item.name, tuple(missing), routing
    )
