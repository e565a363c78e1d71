"""通办 over real HTTP: the kiosk's application carries receiving_region, handling_region,
tongban_mode and delivery; the simulator checks them against the item (422 invalid with the
reason) and moves the application through the handling body's statuses in the handling
region."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from sync_helpers import Sim, app_body, make_kiosk, post_application, signed_request

from kiosk.catalog.sample import load_sample_items

RENEW_DISABILITY = "残疾人证换领、补领"  # 跨省通办, 异地代收代办, registered region
HUKOU_BOOK = "居民户口簿补领、换领"  # 省内通办 (北京), 异地代收代办
PENSION = "养老保险关系转移接续"  # 跨省通办, 全程网办 only


def code_of(name: str) -> str:
    return next(i["item_code"] for i in load_sample_items() if i["name"] == name)


ROUTE = {
    "receiving_region": "110105",
    "handling_region": "130606",
    "tongban_mode": "异地代收代办",
    "delivery": {"method": "post", "address": "北京市朝阳区建国路88号"},
}


def test_the_kiosk_sends_the_routing_and_the_platform_hands_it_to_the_handling_body(
    tmp_path: Path, sim: Sim
) -> None:
    from kiosk.domain.records import Applicant, ApplicationDraft, MaterialInput
    from kiosk.usecases.submit import submit_application

    k = make_kiosk(tmp_path, sim.url)
    try:
        assert k.agent().pull_catalog()[0] == "applied"
        item = k.store.catalog.get(code_of(RENEW_DISABILITY))
        assert item is not None
        form = {
            "applicant_name": "王秀英",
            "id_number": "11010519491231002X",
            "phone": "13800138000",
            "reason": item.form_field("reason").options[0].value,  # type: ignore[union-attr]
            "registered_region": "河北省保定市北市区",  # an old name: today's 莲池区
            "region_confirmed": "yes",
            "delivery_method": "post",
            "delivery_address": "北京市朝阳区建国路88号院3号楼",
        }
        mats = tuple(
            MaterialInput(m.material_id, m.name, "scan", content=os.urandom(900), mime="image/png")
            for m in item.materials
            if m.required
        )
        applicant = Applicant(name="王秀英", id_number="11010519491231002X", phone="13800138000")
        sub = submit_application(k.store, ApplicationDraft(item.item_code, applicant, form, mats))
    finally:
        k.store.close()
    assert sub.routing["handling_region"] == "130606"
    r = k.kiosk("sync", "--once", "--json")
    assert r.returncode == 0, r.stdout + r.stderr
    r, _ = signed_request(sim.url, k.kiosk_id, k.secret, "GET", f"/v1/applications/{sub.local_ref}")
    assert r.status_code == 200, r.text
    first = r.json()
    assert first["status"] == "received"
    assert first["history"][0]["note"] == (
        "北京市朝阳区终端已代收（异地代收代办），转河北省保定市莲池区办理"
    )
    sim.post("/_sim/clock", {"advance_s": 3 * 86400})
    r, _ = signed_request(sim.url, k.kiosk_id, k.secret, "GET", f"/v1/applications/{sub.local_ref}")
    history = r.json()["history"]
    later = [h["note"] for h in history[1:]]
    assert later and all(
        n.startswith("户籍所在地县级残疾人联合会（河北省保定市莲池区）：") for n in later
    ), later
    if history[-1]["status"] == "completed":
        assert later[-1].endswith("已办结，结果邮寄")
    # what the platform received: the four fields, the form without the terminal's questions
    got = [a for a in sim.ledger()["applications"] if a["local_ref"] == sub.local_ref]
    assert len(got) == 1


@pytest.mark.parametrize(
    ("name", "over", "reason"),
    [
        (PENSION, {}, "tongban_mode: '异地代收代办' is not allowed for this item (allowed: 全程网办)"),
        (RENEW_DISABILITY, {"handling_region": "999999"}, "handling_region: Region code 999999 does not exist"),
        (RENEW_DISABILITY, {"receiving_region": "11010"}, "receiving_region: '11010' is not a region code"),
        (HUKOU_BOOK, {}, "handling_region: 130606 is not among the item's regions (110000)"),
        (RENEW_DISABILITY, {"delivery": {"method": "drone"}}, "delivery.method: expected one of ['window', 'post']"),
        (RENEW_DISABILITY, {"delivery": {"method": "post", "address": ""}}, "delivery.address: required"),
        (RENEW_DISABILITY, {"delivery": {"method": "post", "address": "北" * 61}}, "at most 60 characters"),
        (RENEW_DISABILITY, {"handling_region": None}, "handling_region: required with tongban_mode"),
        ("临时居民身份证申领", {}, "tongban_mode: this item is not offered away"),
    ],
)  # fmt: skip
def test_the_platform_refuses_routing_that_does_not_fit_the_item(
    tmp_path: Path, sim: Sim, name: str, over: dict[str, Any], reason: str
) -> None:
    k = make_kiosk(tmp_path, sim.url)
    k.store.close()
    body = app_body(k.kiosk_id, code_of(name), **{**ROUTE, **over})
    body = {key: v for key, v in body.items() if v is not None}
    r = post_application(sim, k, body)
    assert r.status_code == 422, r.text
    assert r.json()["error"] == "invalid" and reason in r.json()["reason"], r.json()
    assert not [a for a in sim.ledger()["applications"] if a["local_ref"] == body["local_ref"]]


def test_a_historical_code_is_taken_as_its_successor(tmp_path: Path, sim: Sim) -> None:
    k = make_kiosk(tmp_path, sim.url)
    k.store.close()
    body = app_body(k.kiosk_id, code_of(RENEW_DISABILITY), **{**ROUTE, "handling_region": "130603"})
    r = post_application(sim, k, body)
    assert r.status_code == 201, r.text
    r, _ = signed_request(
        sim.url, k.kiosk_id, k.secret, "GET", f"/v1/applications/{body['local_ref']}"
    )
    assert "河北省保定市莲池区" in r.json()["history"][0]["note"]


def test_the_openapi_document_names_the_fields() -> None:
    doc = json.loads(
        (Path(__file__).parents[2] / "sync" / "simulator" / "openapi.json").read_text("utf-8")
    )
    text = json.dumps(doc, ensure_ascii=False)
    for name in ("receiving_region", "handling_region", "tongban_mode", "delivery"):
        assert f'"{name}"' in text
