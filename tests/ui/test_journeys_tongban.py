"""A 跨省通办 journey (异地代收代办): a resident registered in 保定 renews a disability
certificate at a Beijing terminal, through the real interface, the real card reader simulator
and the platform simulator over loopback HTTP (see conftest.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import ui_steps as steps

from ui.driving import find, settle, tap, type_into, wait_until

ITEM_NAME = "残疾人证换领、补领"
ADDRESS = "北京市朝阳区建国路88号院3号楼2单元501室"


def moved_card() -> dict[str, Any]:
    """The demo card of a resident first registered in 北京市朝阳区 (the ID number's 110105)
    who now lives, and is registered, in 保定 (the card's address)."""
    from terminal.devpanel import demo_card

    source = demo_card("resident")
    card = dict(json.loads(Path(source).read_text("utf-8")) if isinstance(source, str) else source)
    card["address"] = "河北省保定市莲池区东关大街12号"
    card.pop("appended_address", None)
    return card


def test_a_resident_registered_elsewhere_applies_and_the_platform_hands_it_to_their_place(
    kiosk: Any, ui: Any
) -> None:
    w = ui.window
    code = next(it["item_code"] for it in ui.backend.catalog_items() if it["name"] == ITEM_NAME)
    tap(w, "btnStart")
    steps.on(ui, "finder")
    type_into(w, "field_search", "残疾人证")
    wait_until(lambda: find(w, "item_" + code) is not None, 5, "search result")
    tap(w, "item_" + code)
    steps.on(ui, "guide")
    # the guide says what the result is, how it comes, and that it can be done from here
    assert "中华人民共和国残疾人证" in find(w, "guideResult").property("text")
    assert "邮寄" in find(w, "guideResult").property("text")
    assert "跨省通办（异地代收代办）" in find(w, "guideTongban").property("text")
    tap(w, "btnApply")
    steps.on(ui, "identify")

    kiosk.sims["id_reader"].control.update(card=moved_card(), faults=[])
    wait_until(lambda: ui.identify.available.get("id_card") is True, 20, "card reader usable")
    tap(w, "btnIdCard")
    steps.on(ui, "form")

    # the registered region comes from the card's address, not from the ID number (110105)
    values = {f["name"]: f["value"] for f in ui.form.fields}
    assert values["id_number"].startswith("110105")
    assert values["registered_region"] == "河北省保定市莲池区"
    # the postal address is asked only once post is chosen
    assert find(w, "field_delivery_address") is None
    type_into(w, "field_phone", "13800138000")
    reason = next(f for f in ui.form.fields if f["name"] == "reason")
    tap(w, f"opt_reason_{reason['options'][0]['value']}")
    tap(w, "opt_region_confirmed_yes")
    tap(w, "opt_delivery_method_post")
    settle(20)
    # too long for a waybill: a clear message, and the form does not go on
    type_into(
        w, "field_delivery_address", ADDRESS + "（东门进，右转第二个单元，上五楼，敲门三下）" * 2
    )
    tap(w, "btnFormNext")
    settle(20)
    assert ui.session.screen == "form"
    error = next(f["error"] for f in ui.form.fields if f["name"] == "delivery_address")
    assert error.startswith("邮寄地址最多60个字"), error
    type_into(w, "field_delivery_address", ADDRESS)
    wait_until(lambda: ui.form.canContinue, 5, "form complete")
    tap(w, "btnFormNext")
    steps.on(ui, "materials")

    for mid in ("id_card", "photo"):
        tap(w, "btnScan_" + mid)
        wait_until(lambda: ui.materials.busy == "", 30, "scan")
    wait_until(lambda: ui.materials.canContinue, 5, "materials complete")
    tap(w, "btnMaterialsNext")
    steps.on(ui, "review")
    ref = steps.submit(ui)

    # the receipt screen and the paper say who handles it where, and how the result comes
    handled = find(w, "handledBy").property("text")
    assert "户籍所在地县级残疾人联合会（河北省保定市莲池区），异地代收代办" in handled
    assert "邮寄至北京市朝阳区****" in find(w, "resultDelivery").property("text")
    wait_until(
        lambda: any(
            ref in p.read_text(encoding="utf-8")
            for p in sorted((kiosk.sim_dir / "printer").glob("job-*.txt"))
        ),
        10,
        "receipt printed",
    )
    paper = next(
        "".join(line.strip() for line in p.read_text(encoding="utf-8").splitlines())
        for p in sorted((kiosk.sim_dir / "printer").glob("job-*.txt"))
        if ref in p.read_text(encoding="utf-8")
    )
    assert "办理机关：户籍所在地县级残疾人联合会（河北省保定市莲池区），异地代收代办" in paper
    assert "结果送达：中华人民共和国残疾人证，邮寄至北京市朝阳区****" in paper
    assert "建国路" not in paper

    # the platform has it once, received here and handled in 保定 (莲池区, 130606)
    sim = kiosk.platform_sim
    wait_until(
        lambda: any(a["local_ref"] == ref for a in sim.store.ledger()["applications"]),
        20,
        "platform has the application",
    )
    app = sim.store.application(ref)
    assert app["routing"]["handling_region"] == "130606"
    assert app["routing"]["receiving_region"] == kiosk.cfg.terminal.region_code
    assert app["routing"]["tongban_mode"] == "异地代收代办"
    assert app["routing"]["delivery"] == {"method": "post", "address": ADDRESS}
    status, _ = sim.platform.status_of(app, sim.platform.clock.now() + 3 * 86400)
    notes = [h["note"] for h in status["history"]]
    assert notes[0].endswith("转河北省保定市莲池区办理")
    assert all(n.startswith("户籍所在地县级残疾人联合会（河北省保定市莲池区）") for n in notes[1:])
