"""委托代办 in the catalog: the schema (version 3), its rules, the sample built by its tool, and
what an item tells an agent."""

from __future__ import annotations

import pytest

from kiosk.catalog.sample import load_sample_items
from kiosk.catalog.validate import schema_version, validate_items
from kiosk.domain.delegation import AgentRefused, check_item, policy

from .conftest import make_item


def problems(**over) -> str:
    return "\n".join(str(p) for p in validate_items([make_item(1, **over)]))


def test_the_schema_is_version_3_and_older_items_without_agent_stay_valid() -> None:
    assert schema_version() == 3
    assert problems() == ""  # a version 2 item: no agent
    assert problems(agent=None) == ""


def test_the_sample_has_agent_items_in_person_items_and_powers_of_attorney() -> None:
    items = load_sample_items()
    assert validate_items(items) == []
    by_rule = {True: [], False: []}
    for i in items:
        if i.get("agent"):
            by_rule[i["agent"]["allowed"]].append(i)
    assert len(by_rule[True]) >= 15 and len(by_rule[False]) >= 8
    # in person: a reason in both languages; a form the terminal takes is among them
    assert all(i["agent"]["reason_in_person_en"] for i in by_rule[False])
    assert any("kiosk" in i["handling_forms"] for i in by_rule[False])
    assert any("指纹" in i["agent"]["reason_in_person"] for i in by_rule[False])
    poa = [i for i in by_rule[True] if "power_of_attorney" in i["agent"]["ways"]]
    assert len(poa) >= 3
    for i in poa:
        m = next(m for m in i["materials"] if m["material_id"] == "power_of_attorney")
        assert m["required"] is False and m["name_en"]
    elder = next(i for i in items if i["name"] == "高龄津贴申领")
    assert elder["agent"] == {"allowed": True, "ways": ["card", "qr_authorisation"]}


@pytest.mark.parametrize(
    ("agent", "where"),
    [
        ({"allowed": True}, "agent.ways: required when allowed"),
        ({"allowed": False}, "agent.reason_in_person: required when allowed is false"),
        (
            {"allowed": False, "ways": ["card"], "reason_in_person": "须本人"},
            "agent.ways: only an item agents may use",
        ),
        ({"allowed": True, "ways": ["power_of_attorney"]}, "needs the material"),
        ({"allowed": True, "ways": ["fax"]}, "agent.ways.0"),
        ({"allowed": True, "ways": ["card", "card"]}, "agent.ways"),
    ],
)
def test_agent_rules_refuse_with_the_field(agent: dict, where: str) -> None:
    assert where in problems(agent=agent)


def test_an_enterprise_item_takes_no_agent() -> None:
    text = problems(service_object=["企业法人"], agent={"allowed": True, "ways": ["card"]})
    assert "only an item a natural person applies for" in text


def test_what_an_item_tells_an_agent() -> None:
    items = {i["name"]: i for i in load_sample_items()}
    check_item(items["高龄津贴申领"], "card")
    check_item(items["高龄津贴申领"], "qr_authorisation")
    with pytest.raises(AgentRefused) as e:
        check_item(items["高龄津贴申领"], "power_of_attorney")
    assert e.value.code == "way_not_allowed" and "读取委托人身份证" in e.value.message_zh
    with pytest.raises(AgentRefused) as e:
        check_item(items["残疾人证新办"], "card")
    assert e.value.code == "in_person"
    assert "须本人办理" in e.value.message_zh and "残疾评定" in e.value.message_zh
    assert "assessed in person" in e.value.message_en
    with pytest.raises(AgentRefused) as e:  # an item that says nothing (schema version 2)
        check_item(items["失业登记"], "card")
    assert e.value.code == "agent_not_offered"
    assert policy(items["失业登记"]).offered is False
