"""委托代办 journeys (issue 16 item 2) through the real interface, the real card reader and
code reader simulators and the platform simulator over loopback HTTP (see conftest.py): a son
acts for his elderly mother from 长辈版's 帮家人办 with her QR authorisation, and an item the
person must do in person refuses an agent with the reason."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import requests
import ui_steps as steps

from ui.driving import find, settle, tap, type_into, wait_until

ITEM_NAME = "高龄津贴申领"
IN_PERSON = "残疾人证新办"
GJJ_RETIRE = "住房公积金提取（离休、退休）"
AGENT = {"name": "王小明", "id_number": "110105198001010016"}
PRINCIPAL = {"name": "王秀英", "id_number": "11010519491231002X"}  # the demo resident card


def card(**over: Any) -> dict[str, Any]:
    from terminal.devpanel import demo_card

    source = demo_card("resident")
    base = json.loads(Path(source).read_text("utf-8")) if Path(str(source)).is_file() else None
    base = base or json.loads(source)
    return {**base, **over}


def agent_card() -> dict[str, Any]:
    return card(
        name=AGENT["name"],
        id_number=AGENT["id_number"],
        gender="1",
        birth_date="1980-01-01",
        valid_from="2020-01-01",
        valid_to="2040-01-01",
    )


def code_of(ui: Any, name: str) -> str:
    return next(it["item_code"] for it in ui.backend.catalog_items() if it["name"] == name)


def mint(kiosk: Any, item_code: str) -> dict[str, Any]:
    """The mother's authorisation for her son, as the platform issues it (its test endpoint)."""
    r = requests.post(
        kiosk.platform_sim.url + "/_sim/authorisations",
        json={
            "principal": PRINCIPAL,
            "agent_id_number": AGENT["id_number"],
            "item_code": item_code,
        },
        timeout=10,
    )
    r.raise_for_status()
    return r.json()


def for_family(kiosk: Any, ui: Any) -> None:
    """长辈版, 帮家人办, and the agent's own card read (the son's)."""
    w = ui.window
    tap(w, "btnElderEntry")
    wait_until(lambda: find(w, "elderHome") is not None, 5, "the elder home")
    settle(20)
    kiosk.sims["id_reader"].control.update(card=agent_card(), faults=[])
    tap(w, "elderDelegation")
    steps.on(ui, "delegation")
    wait_until(lambda: ui.delegation.state == "choose", 30, "the agent's card read")


def _platform_body(kiosk: Any, ref: str) -> dict[str, Any]:
    store = kiosk.platform_sim.store

    def rows() -> list[Any]:
        with store.lock:
            return store.conn.execute(
                "SELECT body FROM records WHERE kind='applications'"
            ).fetchall()

    def mine() -> list[dict[str, Any]]:
        return [b for (b,) in ((json.loads(r[0]),) for r in rows()) if b["local_ref"] == ref]

    wait_until(lambda: mine(), 20, "platform has the application")
    return mine()[0]


def test_a_son_applies_for_his_elderly_mother_with_her_qr_authorisation(
    kiosk: Any, ui: Any
) -> None:
    w = ui.window
    code = code_of(ui, ITEM_NAME)
    issued = mint(kiosk, code)
    for_family(kiosk, ui)  # 帮家人办: the son's own card first
    assert find(w, "delegationAgent").property("text") == "代办人：王**  110105********0016"

    # the mother's ID number and the authorisation she got from the platform on her phone
    tap(w, "btnPrincipalQr")
    settle(20)
    type_into(w, "field_principal_id", AGENT["id_number"])  # his own number: refused at once
    tap(w, "btnScanAuthorisation")
    wait_until(lambda: ui.delegation.message.startswith("代办人与委托人是同一人"), 10, "self")
    type_into(w, "field_principal_id", PRINCIPAL["id_number"])
    tap(w, "btnScanAuthorisation")
    wait_until(lambda: ui.delegation.busy, 10, "waiting for the code")
    kiosk.sims["qr_reader"].scan(issued["code"])
    wait_until(lambda: ui.delegation.state == "ok", 30, "the authorisation verified")
    ok = find(w, "delegationOk").property("text")
    assert "王**  110105********0016" in ok and "王**  110105********002X" in ok
    assert PRINCIPAL["name"] not in ok and AGENT["name"] not in ok

    # the authorisation names the item: its guide, then the identify screen goes on for her
    tap(w, "btnDelegationContinue")
    steps.on(ui, "guide")
    tap(w, "btnApply")
    steps.on(ui, "identify")
    who = find(w, "identifyDelegationWho").property("text")
    assert "代办人 王**" in who and "替 王**  110105********002X" in who
    tap(w, "btnDelegationGoOn")
    steps.on(ui, "form")
    values = {f["name"]: f["value"] for f in ui.form.fields}
    assert values["applicant_name"] == PRINCIPAL["name"]
    assert values["id_number"] == PRINCIPAL["id_number"]
    type_into(w, "field_phone", "13800138000")
    type_into(w, "field_address", "北京市东城区交道口南大街1号")
    type_into(w, "field_bank_account", "6214830100001238")
    wait_until(lambda: ui.form.canContinue, 5, "form complete")
    tap(w, "btnFormNext")
    steps.on(ui, "materials")
    tap(w, "btnScan_id_card")
    wait_until(lambda: ui.materials.busy == "", 30, "scan")
    if ui.materials.commitment.get("present"):  # 告知承诺: her social security card
        tap(w, "btnCommit")
    wait_until(lambda: ui.materials.canContinue, 5, f"materials complete: {ui.materials.rows}")
    tap(w, "btnMaterialsNext")
    steps.on(ui, "review")
    ref = steps.submit(ui)

    # the receipt screen and the paper name both, masked
    shown = find(w, "receiptDelegation").property("text")
    assert shown == "委托人：王**  110105********002X；代办人：王**  110105********0016"
    wait_until(
        lambda: any(
            ref in p.read_text("utf-8") for p in (kiosk.sim_dir / "printer").glob("job-*.txt")
        ),
        10,
        "receipt printed",
    )
    paper = next(
        "".join(line.strip() for line in p.read_text("utf-8").splitlines())
        for p in sorted((kiosk.sim_dir / "printer").glob("job-*.txt"))
        if ref in p.read_text("utf-8")
    )
    assert "委 托 人：王**证件号码：110105********002X" in paper
    assert "代 办 人：王**证件号码：110105********0016" in paper
    assert "授权方式：委托人授权码（已验证）" in paper
    for secret in (PRINCIPAL["name"], PRINCIPAL["id_number"], AGENT["name"], AGENT["id_number"]):
        assert secret not in paper

    # the platform's record carries both: the mother as applicant, the son as agent
    body = _platform_body(kiosk, ref)
    assert body["applicant"]["name"] == PRINCIPAL["name"]
    assert body["applicant"]["id_number"] == PRINCIPAL["id_number"]
    assert body["agent"] == {
        "name": AGENT["name"],
        "id_number": AGENT["id_number"],
        "card_type": "resident",
        "id_channel": "id_card",
        "way": "qr_authorisation",
        "authorisation_id": issued["auth_id"],
    }

    # 完成: the session ends, and neither person is held any more
    kiosk.backend.end_session()
    assert not kiosk.backend.in_session and kiosk.backend.acting_for() is None


def test_an_item_done_in_person_refuses_an_agent_with_the_reason(kiosk: Any, ui: Any) -> None:
    w = ui.window
    steps.open_guide(ui, IN_PERSON, "残疾人证新办")
    tap(w, "btnApply")
    steps.on(ui, "identify")
    tap(w, "btnActForOther")
    steps.on(ui, "delegation")
    wait_until(lambda: ui.delegation.state == "in_person", 10, "refused")
    text = find(w, "delegationMessage").property("text")
    assert text == "“残疾人证新办”须本人办理，不能由他人代办：须本人到指定医疗机构进行残疾评定"
    assert find(w, "btnPrincipalCard") is None  # no way to go on for someone else
    # back to the identify screen: the person applies themselves
    tap(w, "btnDelegationBack")
    steps.on(ui, "identify")


def test_the_principals_own_card_and_the_agents_card_again(kiosk: Any, ui: Any) -> None:
    """By card: the agent's own card held again is refused (the agent is the principal); the
    mother's card is then read."""
    w = ui.window
    for_family(kiosk, ui)
    tap(w, "btnPrincipalCard")
    wait_until(lambda: ui.delegation.message.startswith("代办人与委托人是同一人"), 30, "self")
    kiosk.sims["id_reader"].control.update(card=card(), faults=[])
    settle(20)
    tap(w, "btnDelegationRetry")
    wait_until(lambda: ui.delegation.state == "ok", 30, "the principal's card read")
    assert ui.delegation.principal == "王**  110105********002X"
    assert ui.delegation.way == "card"
    tap(w, "btnDelegationContinue")
    steps.on(ui, "finder")


def test_an_agent_with_a_power_of_attorney_hands_in_its_scan(kiosk: Any, ui: Any) -> None:
    """帮家人办 by a signed power of attorney: the names typed as it gives them, the item
    chosen afterwards (one that takes a power of attorney), and its scan is then required."""
    w = ui.window
    for_family(kiosk, ui)
    tap(w, "btnPrincipalPoa")
    settle(20)
    type_into(w, "field_poa_name", PRINCIPAL["name"])
    type_into(w, "field_poa_id", PRINCIPAL["id_number"])
    tap(w, "btnUsePoa")
    wait_until(lambda: ui.delegation.state == "ok", 10, "the principal named")
    tap(w, "btnDelegationContinue")
    steps.on(ui, "finder")
    code = code_of(ui, GJJ_RETIRE)
    ui.catalog.select(code)  # (the finder's search is walked by the other journeys)
    steps.on(ui, "guide")
    tap(w, "btnApply")
    steps.on(ui, "identify")
    tap(w, "btnDelegationGoOn")
    steps.on(ui, "form")
    type_into(w, "field_phone", "13800138000")
    type_into(w, "field_retire_date", "2009-12-31")
    type_into(w, "field_bank_account", "6214830100001238")
    wait_until(lambda: ui.form.canContinue, 5, "form complete")
    tap(w, "btnFormNext")
    steps.on(ui, "materials")
    poa = next(r for r in ui.materials.rows if r["id"] == "power_of_attorney")
    assert poa["required"] is True  # optional for someone applying themselves
    tap(w, "btnScan_id_card")
    wait_until(lambda: ui.materials.busy == "", 30, "scan")
    assert not ui.materials.canContinue  # not without the power of attorney
    tap(w, "btnScan_power_of_attorney")
    wait_until(lambda: ui.materials.busy == "", 30, "scan")
    wait_until(lambda: ui.materials.canContinue, 5, "materials complete")
    tap(w, "btnMaterialsNext")
    steps.on(ui, "review")
    ref = steps.submit(ui)
    body = _platform_body(kiosk, ref)
    assert body["agent"]["way"] == "power_of_attorney"
    assert body["agent"]["id_number"] == AGENT["id_number"]
    assert body["applicant"]["id_number"] == PRINCIPAL["id_number"]
    scans = {m["material_id"]: m["source"] for m in body["materials"]}
    assert scans["power_of_attorney"] == "scan"
