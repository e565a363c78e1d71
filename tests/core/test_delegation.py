"""委托代办 in the core: the principal's QR authorisation verified offline (real SM2 seals
from a simulated province issuer), the application naming the agent beside the principal
(encrypted at rest, refused for in-person items and for the agent as principal), and the
receipt naming both, masked."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from kiosk.catalog.sample import load_sample_items
from kiosk.domain.delegation import (
    AUTH_REFUSALS,
    claims_bytes,
    make_token,
    parse_token,
)
from kiosk.domain.records import AgentInput, Applicant, ApplicationDraft, MaterialInput
from kiosk.receipts.receipt import build_receipt
from kiosk.seals.make import SealAuthority
from kiosk.seals.trust import parse_trust, trust_document
from kiosk.store.db import Store
from kiosk.usecases.delegation import check_authorisation
from kiosk.usecases.printing import receipt_data
from kiosk.usecases.submit import SubmissionRefused, submit_application

PRINCIPAL = ("李秀英", "11010519491231002X")
AGENT = ("王小明", "110105198001010016")
STRANGER_ID = "110105197001010011"
NOW = dt.datetime(2026, 12, 5, 9, 0, tzinfo=dt.UTC)
ELDER = "高龄津贴申领"
IN_PERSON = "残疾人证新办"
GJJ = "住房公积金提取（离休、退休）"


def code_of(name: str) -> str:
    return next(i["item_code"] for i in load_sample_items() if i["name"] == name)


@pytest.fixture(scope="module")
def authority() -> SealAuthority:
    return SealAuthority.create(seed="delegation-test")


@pytest.fixture(scope="module")
def trust(authority: SealAuthority) -> Any:
    return parse_trust(trust_document(1, [authority.issuer_cert]))


def token(
    authority: SealAuthority,
    *,
    item: str = ELDER,
    principal_id: str = PRINCIPAL[1],
    agent_id: str = AGENT[1],
    issued: dt.datetime = NOW - dt.timedelta(hours=1),
    not_after: dt.datetime = NOW + dt.timedelta(days=1),
    forge: bool = False,
) -> str:
    fields = {
        "auth_id": "7d1c2e38-7f0e-4d0e-9a53-8f8f0c2b1a11",
        "item_code": code_of(item),
        "item_name": item,
        "principal_name": PRINCIPAL[0],
        "principal_id": principal_id,
        "agent_id": agent_id,
        "issued_at": issued,
    }
    claims = claims_bytes(**fields, not_after=not_after)
    signer = authority.signer("北京市政务服务管理局")
    sig = signer.key.sign(claims)
    if forge:  # the expiry pushed back after signing
        claims = claims_bytes(**fields, not_after=not_after + dt.timedelta(days=365))
    return make_token(claims, sig, signer.cert)


def check(trust: Any, text: str, *, principal: str = PRINCIPAL[1], item: str | None = ELDER):
    return check_authorisation(
        text,
        principal_id=principal,
        agent_id=AGENT[1],
        item_code=code_of(item) if item else None,
        trust=trust,
        now=NOW,
    )


def test_a_good_authorisation_names_the_principal_for_this_item_and_agent(
    authority: SealAuthority, trust: Any
) -> None:
    out = check(trust, token(authority))
    assert out.refusal == "" and out.auth is not None
    assert out.auth.principal_name == PRINCIPAL[0] and out.auth.item_code == code_of(ELDER)
    assert out.issuer == "北京市政务服务管理局"
    assert PRINCIPAL[0] not in repr(out.auth)
    # the item not chosen yet (elder mode starts with the agent): everything else is checked
    assert check(trust, token(authority), item=None).auth is not None
    # a lower-case x in the typed number is the same number
    assert check(trust, token(authority), principal=PRINCIPAL[1].lower()).auth is not None


@pytest.mark.parametrize(
    ("make", "principal", "item", "refusal"),
    [
        (lambda a: token(a, not_after=NOW - dt.timedelta(minutes=1)), PRINCIPAL[1], ELDER, "expired"),
        (lambda a: token(a, forge=True), PRINCIPAL[1], ELDER, "forged"),
        (lambda a: token(SealAuthority.create(seed="not-the-province")), PRINCIPAL[1], ELDER, "forged"),
        (lambda a: token(a), PRINCIPAL[1], GJJ, "other_item"),
        (lambda a: token(a), STRANGER_ID, ELDER, "other_principal"),
        (lambda a: token(a, agent_id=STRANGER_ID), PRINCIPAL[1], ELDER, "other_agent"),
        (lambda a: token(a), AGENT[1], ELDER, "self"),
        (lambda a: token(a), "110105194912310021", ELDER, "bad_id"),
        (lambda a: "https://example.invalid/some-other-code", PRINCIPAL[1], ELDER, "unreadable"),
        (lambda a: token(a)[:-32], PRINCIPAL[1], ELDER, "forged"),  # a damaged certificate
    ],
)  # fmt: skip
def test_bad_authorisations_are_refused_with_a_message_showing_no_one_else(
    authority: SealAuthority, trust: Any, make: Any, principal: str, item: str, refusal: str
) -> None:
    out = check(trust, make(authority), principal=principal, item=item)
    assert out.auth is None and out.refusal == refusal
    zh, en = AUTH_REFUSALS[refusal]
    for text in (zh, en):
        assert PRINCIPAL[0] not in text and PRINCIPAL[1][:6] not in text and "*" not in text


def test_an_empty_trust_store_verifies_nothing(authority: SealAuthority) -> None:
    from kiosk.seals.trust import EMPTY

    out = check(EMPTY, token(authority))
    assert out.refusal == "unavailable"


def test_a_token_that_is_not_one_reads_as_none() -> None:
    assert parse_token("BMAUTH1.e30.e30.e30") is None
    assert parse_token("BMAUTH1." + "A" * 5000) is None


# ------------------------------------------------------------------ the application


@pytest.fixture
def store(tmp_path: Path, cfg: Any) -> Any:
    s = Store.open(tmp_path / "data", cfg)
    s.catalog.replace_all(load_sample_items(), version=3, source="test")
    yield s
    s.close()


def elder_draft(agent: AgentInput | None, item: str = ELDER, **over: Any) -> ApplicationDraft:
    form = {
        "applicant_name": PRINCIPAL[0],
        "id_number": PRINCIPAL[1],
        "phone": "13800138000",
        "birth_date": "1949-12-31",
        "address": "北京市东城区交道口南大街1号",
        "bank_account": "6214830100001238",
    }
    mats = (
        MaterialInput("id_card", "居民身份证", "scan", content=os.urandom(500), mime="image/png"),
    )
    applicant = Applicant(name=PRINCIPAL[0], id_number=PRINCIPAL[1], phone="13800138000")
    return ApplicationDraft(
        code_of(item), applicant, over.pop("form", form), mats, agent=agent, **over
    )


def card_agent(**over: Any) -> AgentInput:
    return AgentInput(**{"name": AGENT[0], "id_number": AGENT[1], "way": "card"} | over)


def test_the_application_names_the_agent_encrypted_and_the_receipt_masks_both(
    store: Any, cfg: Any, tmp_path: Path
) -> None:
    draft = elder_draft(card_agent())
    sub = submit_application(store, draft)
    assert store.applications.agent(sub.id) == {
        "name": AGENT[0],
        "id_number": AGENT[1],
        "card_type": "resident",
        "id_channel": "id_card",
        "way": "card",
        "authorisation_id": None,
    }
    body = json.loads(store.outbox.body(store.outbox.rows()[0]))
    assert body["applicant"]["id_number"] == PRINCIPAL[1] and body["agent"]["way"] == "card"
    # at rest: neither person's number nor name in the database file
    store.close()
    raw = b"".join(p.read_bytes() for p in (tmp_path / "data").glob("*.db*"))
    for secret in (AGENT[1], PRINCIPAL[1], AGENT[0], PRINCIPAL[0]):
        assert secret.encode() not in raw
    con = sqlite3.connect(tmp_path / "data" / "kiosk.db")
    assert con.execute("SELECT agent_enc IS NOT NULL FROM applications").fetchone() == (1,)
    con.close()
    item = next(i for i in load_sample_items() if i["name"] == ELDER)
    from kiosk.domain.items import ServiceItem

    data = receipt_data(sub, draft, ServiceItem.from_dict(item), cfg)
    doc = build_receipt(data, width_mm=80, status_url_template="https://x.invalid/{local_ref}")
    text = "\n".join(doc.text_lines())
    assert "委 托 人" in text and "李**" in text and "110105********002X" in text
    assert "代 办 人" in text and "王**" in text and "110105********0016" in text
    assert "授权方式" in text and "委托人身份证" in text
    for secret in (AGENT[1], PRINCIPAL[1], AGENT[0], PRINCIPAL[0]):
        assert secret not in text


def test_an_application_without_an_agent_prints_the_applicant_as_before(
    store: Any, cfg: Any
) -> None:
    draft = elder_draft(None)
    sub = submit_application(store, draft)
    assert store.applications.agent(sub.id) is None
    from kiosk.domain.items import ServiceItem

    item = ServiceItem.from_dict(next(i for i in load_sample_items() if i["name"] == ELDER))
    doc = build_receipt(
        receipt_data(sub, draft, item, cfg),
        width_mm=80,
        status_url_template="https://x/{local_ref}",
    )
    text = "\n".join(doc.text_lines())
    assert "申 请 人" in text and "代 办 人" not in text


def refusal(store: Any, draft: ApplicationDraft) -> dict[str, Any]:
    with pytest.raises(SubmissionRefused) as e:
        submit_application(store, draft)
    assert store.applications.list(10) == []  # nothing stored
    return e.value.problems


def test_an_in_person_item_refuses_an_agent_with_its_reason(store: Any) -> None:
    form = {
        "applicant_name": PRINCIPAL[0],
        "id_number": PRINCIPAL[1],
        "phone": "13800138000",
        "category": "vision",
        "address": "北京市东城区交道口南大街1号",
        "delivery": "window",
    }
    problems = refusal(store, elder_draft(card_agent(), IN_PERSON, form=form))
    p = problems["agent"]
    assert p.code == "in_person"
    assert "须本人办理" in p.message_zh and "须本人到指定医疗机构进行残疾评定" in p.message_zh
    assert "assessed in person" in p.message_en


def test_the_agent_cannot_be_the_principal(store: Any) -> None:
    problems = refusal(store, elder_draft(card_agent(id_number=PRINCIPAL[1].lower())))
    assert problems["agent"].code == "self"
    assert problems["agent"].message_zh == AUTH_REFUSALS["self"][0]


def test_a_way_the_item_does_not_list_and_missing_proof_are_refused(store: Any) -> None:
    assert refusal(store, elder_draft(card_agent(way="power_of_attorney")))["agent"].code == (
        "way_not_allowed"
    )
    problems = refusal(store, elder_draft(card_agent(way="qr_authorisation")))
    assert "agent.authorisation_id" in problems
    gjj_form = {
        "applicant_name": PRINCIPAL[0],
        "id_number": PRINCIPAL[1],
        "phone": "13800138000",
        "retire_date": "2010-01-01",
        "bank_account": "6214830100001238",
    }
    problems = refusal(store, elder_draft(card_agent(way="power_of_attorney"), GJJ, form=gjj_form))
    assert problems["materials.power_of_attorney"].message_zh == "请扫描授权委托书"
    problems = refusal(store, elder_draft(card_agent(id_number="110105198001010015")))
    assert "agent.id_number" in problems
