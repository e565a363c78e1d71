"""委托代办 over real HTTP: the platform simulator issues a principal's QR authorisation, the
kiosk verifies it offline against the trust store it pulled, the application names the agent
beside the principal and the simulator's record carries both; the simulator refuses an agent
the item does not take (422 invalid with the reason)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from sync_helpers import Sim, app_body, make_kiosk, post_application, sha

from kiosk.catalog.sample import load_sample_items

PRINCIPAL = ("李秀英", "11010519491231002X")
AGENT = ("王小明", "110105198001010016")
ELDER = "高龄津贴申领"
IN_PERSON = "残疾人证新办"
GJJ = "住房公积金提取（离休、退休）"
NOT_OFFERED = "失业登记"


def code_of(name: str) -> str:
    return next(i["item_code"] for i in load_sample_items() if i["name"] == name)


def mint(sim: Sim, item: str = ELDER, **over: Any) -> dict[str, Any]:
    return sim.post(
        "/_sim/authorisations",
        {
            "principal": {"name": PRINCIPAL[0], "id_number": PRINCIPAL[1]},
            "agent_id_number": AGENT[1],
            "item_code": code_of(item),
        }
        | over,
    )


def test_an_agent_with_the_principals_qr_authorisation_applies_and_the_platform_records_both(
    tmp_path: Path, sim: Sim
) -> None:
    import datetime as dt

    from kiosk.domain.records import AgentInput, Applicant, ApplicationDraft, MaterialInput
    from kiosk.usecases.delegation import check_authorisation
    from kiosk.usecases.licenses import current_trust
    from kiosk.usecases.submit import submit_application

    k = make_kiosk(tmp_path, sim.url)
    try:
        assert k.agent().pull_catalog()[0] == "applied"
        trust = current_trust(k.platform(), k.data_dir)  # fetched from the simulator once
        issued = mint(sim)
        now = dt.datetime.now(dt.UTC)
        check = check_authorisation(
            issued["code"],
            principal_id=PRINCIPAL[1],
            agent_id=AGENT[1],
            item_code=code_of(ELDER),
            trust=trust,
            now=now,
        )
        assert check.auth is not None, check.refusal
        assert check.auth.auth_id == issued["auth_id"]
        # what the simulator issues wrongly, the kiosk refuses
        for mode, refusal in (("expired", "expired"), ("forged", "forged"), ("stranger", "forged")):
            bad = check_authorisation(
                mint(sim, mode=mode)["code"],
                principal_id=PRINCIPAL[1],
                agent_id=AGENT[1],
                item_code=code_of(ELDER),
                trust=trust,
                now=now,
            )
            assert bad.refusal == refusal, mode
        other = check_authorisation(
            mint(sim, GJJ)["code"],
            principal_id=PRINCIPAL[1],
            agent_id=AGENT[1],
            item_code=code_of(ELDER),
            trust=trust,
            now=now,
        )
        assert other.refusal == "other_item"

        # the form as the agent fills it in for her (what the card does not say, typed)
        item = k.store.catalog.get(code_of(ELDER))
        typed = {"birth_date": "1949-12-31", "bank_account": "6214830100001238"}
        by_type = {"citizen_id": PRINCIPAL[1], "phone": "13800138000", "text": "北京市东城区"}
        form = {f.name: typed.get(f.name, by_type.get(f.type, "")) for f in item.fields}
        form["applicant_name"] = PRINCIPAL[0]
        mats = (
            MaterialInput(
                "id_card", "居民身份证", "scan", content=os.urandom(700), mime="image/png"
            ),
        )
        draft = ApplicationDraft(
            code_of(ELDER),
            Applicant(name=PRINCIPAL[0], id_number=PRINCIPAL[1], id_channel="manual"),
            form,
            mats,
            agent=AgentInput(
                name=AGENT[0],
                id_number=AGENT[1],
                way="qr_authorisation",
                authorisation_id=check.auth.auth_id,
            ),
        )
        sub = submit_application(k.store, draft)
    finally:
        k.store.close()
    r = k.kiosk("sync", "--once", "--json")
    assert r.returncode == 0, r.stdout + r.stderr
    records = sim.get("/_sim/agents")["applications"]
    got = [v for v in records.values() if v["local_ref"] == sub.local_ref]
    assert len(got) == 1
    assert got[0]["applicant"] == {"name": PRINCIPAL[0], "id_sha256": sha(PRINCIPAL[1].encode())}
    assert got[0]["agent"] == {
        "name": AGENT[0],
        "id_sha256": sha(AGENT[1].encode()),
        "way": "qr_authorisation",
        "authorisation_id": issued["auth_id"],
    }


def agent(**over: Any) -> dict[str, Any]:
    """The agent as the kiosk sends it (a card read on the ID card reader), changed by ``over``."""
    from kiosk.domain.records import AgentInput

    return AgentInput(name=AGENT[0], id_number=AGENT[1], way="card").to_wire() | over


@pytest.mark.parametrize(
    ("name", "over", "reason"),
    [
        (IN_PERSON, {}, "agent: this item must be applied for in person: 须本人到指定医疗机构进行残疾评定"),
        (NOT_OFFERED, {}, "agent: this item does not take an agent"),
        (ELDER, {"way": "power_of_attorney"}, "agent.way: 'power_of_attorney' is not allowed"),
        (ELDER, {"id_number": "110105199003070011"}, "agent.id_number: the agent is the applicant"),
        (ELDER, {"way": "qr_authorisation", "authorisation_id": "0f0e0d0c-0000-4000-8000-000000000000"}, "agent.authorisation_id: not an authorisation this platform issued"),
        (GJJ, {"way": "power_of_attorney"}, "materials: a power of attorney needs the scan"),
        (ELDER, {"way": "fax"}, "agent.way: expected one of"),
    ],
)  # fmt: skip
def test_the_platform_refuses_an_agent_the_item_does_not_take(
    tmp_path: Path, sim: Sim, name: str, over: dict[str, Any], reason: str
) -> None:
    k = make_kiosk(tmp_path, sim.url)
    k.store.close()
    body = app_body(k.kiosk_id, code_of(name), agent=agent(**over))
    r = post_application(sim, k, body)
    assert r.status_code == 422, r.text
    assert r.json()["error"] == "invalid" and reason in r.json()["reason"], r.json()
    assert not [a for a in sim.ledger()["applications"] if a["local_ref"] == body["local_ref"]]
    assert sim.get("/_sim/agents")["applications"] == {}


def test_an_authorisation_for_another_agent_is_refused_by_the_platform_too(
    tmp_path: Path, sim: Sim
) -> None:
    k = make_kiosk(tmp_path, sim.url)
    k.store.close()
    issued = mint(sim, agent_id_number="110105197001010011")
    body = app_body(
        k.kiosk_id,
        code_of(ELDER),
        applicant={"name": PRINCIPAL[0], "id_number": PRINCIPAL[1]},
        agent=agent(way="qr_authorisation", authorisation_id=issued["auth_id"]),
    )
    r = post_application(sim, k, body)
    assert r.status_code == 422 and "authorisation_id" in r.json()["reason"], r.text
    good = mint(sim)
    body = app_body(
        k.kiosk_id,
        code_of(ELDER),
        seq=2,
        applicant={"name": PRINCIPAL[0], "id_number": PRINCIPAL[1]},
        agent=agent(way="qr_authorisation", authorisation_id=good["auth_id"]),
    )
    r = post_application(sim, k, body)
    assert r.status_code == 201, r.text


def test_the_openapi_document_names_the_agent() -> None:
    doc = json.loads(
        (Path(__file__).parents[2] / "sync" / "simulator" / "openapi.json").read_text("utf-8")
    )
    agent_schema = doc["components"]["schemas"]["Application"]["properties"]["agent"]
    assert agent_schema["properties"]["way"]["enum"] == [
        "card",
        "qr_authorisation",
        "power_of_attorney",
    ]
    assert "in person" in agent_schema["description"]


def test_after_the_session_nothing_of_the_agent_or_the_principal_is_left(
    tmp_path: Path, sim: Sim
) -> None:
    """Through the application API: the agent's card, the principal's card, an application
    made for her; once the session ends, neither person's name or number is in the kiosk's
    memory, and neither is in the clear in its data directory (store, outbox, scans)."""
    import threading

    from test_myspace import RESIDENT, _CardReader, _valid_id
    from wipe_proof import found_in_memory

    from kiosk.domain.records import MaterialInput
    from kiosk.service import KioskService

    agent_id = _valid_id("".join(["110108", "19750620", "031"]))
    agent_name = "".join(["司马", "长风"])
    principal_id = _valid_id("".join(["110108", "19380211", "046"]))
    principal_name = "".join(["欧阳", "淑芬"])
    card = tmp_path / "card.json"

    def show(name: str, id_number: str, birth: str) -> None:
        over = {"name": name, "id_number": id_number, "birth_date": birth}
        card.write_text(json.dumps(RESIDENT | over, ensure_ascii=False), encoding="utf-8")

    k = make_kiosk(tmp_path, sim.url)
    try:
        assert k.agent().pull_catalog()[0] == "applied"
        svc = KioskService(k.cfg, k.data_dir)
        svc.open(k.store)
        svc.attach(id_reader=_CardReader(card), platform=k.platform())
        show(agent_name, agent_id, "1975-06-20")
        assert svc.read_identity("id_card", threading.Event(), 5.0).kind == "ok"
        # the agent's own card again: refused, nothing of it becomes the principal
        refused = svc.read_principal_card(threading.Event(), 5.0)
        assert refused.kind == "refused" and refused.reason == "self"
        show(principal_name, principal_id, "1938-02-11")
        out = svc.read_principal_card(threading.Event(), 5.0)
        assert out.kind == "ok" and out.way == "card"
        assert out.principal.startswith("欧***") and out.agent.startswith("司***")
        assert principal_name not in repr(out) and agent_id not in repr(out)
        # an in-person item refuses the agent with its reason, before anything is stored
        refusal = svc.delegation_refusal(code_of(IN_PERSON))
        assert refusal is not None and refusal[0] == "in_person"
        p = out.person.prefill  # what the form shows of her card
        form = {
            "applicant_name": p["name"],
            "id_number": p["id_number"],
            "birth_date": p["birth_date"],
            "phone": "13800138000",
            "address": "北京市海淀区",
            "bank_account": "6214830100001238",
        }
        scan = MaterialInput(
            "id_card", "居民身份证", "scan", content=os.urandom(600), mime="image/png"
        )
        sub = svc.submit(code_of(ELDER), form, [scan])
        assert sub.agent.startswith("司***") and sub.principal.startswith("欧***")
        needles = [s.encode() for s in (agent_id, agent_name, principal_id, principal_name)]
        del out, form, p
        assert found_in_memory(needles)  # the walk finds them while the session lasts
        svc.end_session()
        assert not svc.in_session and svc.acting_for() is None
        assert found_in_memory(needles) == []
        for f in k.data_dir.rglob("*"):
            if f.is_file():
                data = f.read_bytes()
                assert not any(n in data for n in needles), f
    finally:
        k.store.close()
