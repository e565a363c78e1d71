"""View-model logic on the in-process fake backend (pure UI logic; journeys live in
test_journeys.py and use the real simulators)."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

from kiosk.service import IdentityOutcome, ScanOutcome, Unavailable, add_working_days
from ui.driving import settle, wait_until

DEMO = "失业保险金申领"


def _code(fake: Any) -> str:
    return next(it["item_code"] for it in fake.items if it["name"] == DEMO)


def _to_form(ui: Any, fake: Any) -> None:
    ui.session.go("finder")
    ui.catalog.select(_code(fake))
    ui.session.go("identify")
    ui.identify.start("id_card")
    wait_until(lambda: ui.session.screen == "form", 5, "form")


def test_state_machine_refuses_skipping_steps(fake_ui: Any) -> None:
    s = fake_ui.session
    s.go("review")
    assert s.screen == "attract"
    s.go("finder")
    s.go("submit")
    assert s.screen == "finder"
    s.back()
    assert s.screen == "attract"


def test_identify_outcomes_have_a_way_forward(fake_ui: Any, fake: Any) -> None:
    ui = fake_ui
    ui.session.go("finder")
    ui.catalog.select(_code(fake))
    ui.session.go("identify")
    for outcome, state in [
        (IdentityOutcome("card_error", reason="pulled"), "error"),
        (IdentityOutcome("no_card"), "error"),
        (IdentityOutcome("unavailable"), "unavailable"),
    ]:
        fake.identity_outcome = outcome
        ui.identify.start("id_card")
        wait_until(lambda s=state: ui.identify.state == s, 5, state)
        assert ui.identify.message and ui.session.screen == "identify"
    fake.identity_outcome = IdentityOutcome("expired")
    ui.identify.start("id_card")
    wait_until(lambda: ui.identify.state == "expired", 5, "expired")
    assert ui.journey.person is None


def test_a_broken_reader_disables_its_button_and_the_others_stay(fake_ui: Any, fake: Any) -> None:
    ui = fake_ui
    fake.health_map["id_reader"] = Unavailable("absent")
    ui.devices.poll_now()
    assert ui.identify.available == {"id_card": False, "ssc": True, "qr": True}
    assert any(n["device"] == "id_reader" for n in ui.devices.notices)
    fake.health_map.update(ssc_reader=Unavailable("absent"), qr_reader=Unavailable("absent"))
    ui.devices.poll_now()
    assert ui.identify.noneAvailable


def test_form_is_prefilled_and_validated_as_typed(fake_ui: Any, fake: Any) -> None:
    ui = fake_ui
    _to_form(ui, fake)
    by_name = {f["name"]: f for f in ui.form.fields}
    assert by_name["applicant_name"]["value"] == "张三" and by_name["applicant_name"]["prefilled"]
    assert not by_name["phone"]["prefilled"]
    ui.form.setValue("phone", "12")
    err = {f["name"]: f["error"] for f in ui.form.fields}["phone"]
    assert "手机" in err
    ui.session.setLanguage("en")
    err_en = {f["name"]: f["error"] for f in ui.form.fields}["phone"]
    assert "mobile" in err_en
    ui.form.next()
    assert ui.session.screen == "form" and ui.form.shownErrors >= 1


def test_materials_need_every_required_one_settled(fake_ui: Any, fake: Any) -> None:
    ui = fake_ui
    _to_form(ui, fake)
    for f in ui.form.fields:
        if not f["value"]:
            ui.form.setValue(
                f["name"],
                {
                    "phone": "13800138000",
                    "leave_date": "2026-10-31",
                    "bank_account": "6214830100001238",
                    "leave_reason": f["options"][0]["value"] if f["options"] else "",
                }.get(f["name"], "北京"),
            )
    ui.form.next()
    assert ui.session.screen == "materials"
    assert not ui.materials.canContinue
    fake.scan_outcome = ScanOutcome("jammed")
    ui.materials.scan("id_card")
    wait_until(lambda: ui.materials.busy == "", 5, "scan")
    assert not ui.materials.canContinue
    fake.scan_outcome = None
    ui.materials.scan("id_card")
    wait_until(lambda: ui.materials.busy == "", 5, "scan")
    ui.materials._today = lambda: dt.date(2026, 11, 27)  # a Friday
    ui.materials.markMissing("termination")
    days = next(
        int(m["supplement_days"])
        for m in next(it for it in fake.items if it["name"] == DEMO)["materials"]
        if m["material_id"] == "termination"
    )
    # the date shown is the core's working-day rule, so it matches what is stored and printed
    want = add_working_days(dt.date(2026, 11, 27), days)
    assert ui.journey.materials["termination"].supply_by == want
    assert not ui.materials.canContinue  # the 告知承诺 is not confirmed yet
    ui.materials.confirmCommitment(True)
    assert ui.materials.canContinue
    ui.materials.markMissing("id_card")  # not allowed for this material
    assert ui.journey.materials["id_card"].source == "scan"


def test_rating_is_voluntary_and_bad_ratings_need_a_reason(fake_ui: Any, fake: Any) -> None:
    r = fake_ui.rating
    r.choose(1)
    assert r.needsReason and not r.canSend
    r.send()
    assert fake.reviews == []
    r.toggleReason("slow")
    assert r.canSend
    r.choose(5)
    assert not r.needsReason and r.reasons == [] and r.canSend


def test_rating_details_are_optional_and_passed_through(fake_ui: Any, fake: Any) -> None:
    r = fake_ui.rating
    r.choose(4)
    r.send()  # the plain five-level review: nothing optional is sent
    wait_until(lambda: len(fake.reviews) == 1, 5, "review")
    assert fake.reviews[0]["dimensions"] is None and fake.reviews[0]["contact"] is None

    fake_ui.session.go("rating")
    r.reset()
    r.choose(3)
    r.toggleMore()
    assert r.more
    r.setDimension("overall", 3)
    r.setDimension("attitude", 5)
    r.setDimension("efficiency", 2)
    r.setDimension("efficiency", 2)  # tapped again: cleared
    r.setDimension("speed", 4)  # not a dimension
    r.setComment("窗口很干净" + "好" * 600)
    assert len(r.comment) == 500
    r.setContact("12345")
    assert r.contactInvalid and not r.canSend  # a wrong phone is said, not sent
    r.setContact("13800138000")
    assert not r.contactInvalid and r.canSend
    r.send()
    wait_until(lambda: len(fake.reviews) == 2, 5, "review with details")
    got = fake.reviews[1]
    assert got["rating"] == 3
    assert got["dimensions"] == {"overall": 3, "attitude": 5}
    assert got["comment"].startswith("窗口很干净") and len(got["comment"]) == 500
    assert got["contact"] == "13800138000"
    r.reset()
    assert not r.more and r.dimensions == {} and r.comment == "" and r.contact == ""


def test_a_scanned_receipt_looks_up_the_reference_the_api_read(fake_ui: Any, fake: Any) -> None:
    from kiosk.service import StatusOutcome

    ref = "K-1-20261127-0001"
    fake.code = ref
    fake.statuses[ref] = StatusOutcome("found", ref=ref, status="accepted", updated_at="x")
    fake_ui.session.go("status")
    fake_ui.status.scanCode()
    wait_until(lambda: fake_ui.status.state == "found", 5, "found")
    assert fake_ui.status.ref == ref


def test_failed_save_keeps_the_residents_data(fake_ui: Any, fake: Any) -> None:
    ui = fake_ui
    _to_form(ui, fake)
    ui.journey.form["phone"] = "13800138000"
    ui.session.go("materials")
    ui.session.go("review")
    fake.fail_submit = True
    ui.submission.submit()
    wait_until(lambda: ui.submission.state == "failed", 5, "failed")
    assert ui.session.screen == "review" and ui.journey.person is not None


def test_signal_emit_does_not_leak_references_to_true(fake_ui: Any) -> None:
    """PySide6 6.12.0's Signal.emit() dropped a reference to True: a kiosk died after some
    thousands of screen changes. The binding is capped below 6.12 (see test_qt_binding.py)."""
    before = sys.getrefcount(True)
    for _ in range(300):
        fake_ui.session.go("finder")
        fake_ui.session.home()
    settle(10)
    assert sys.getrefcount(True) >= before - 50


def test_a_session_view_model_without_its_own_reset_is_refused() -> None:
    """Every session view-model must forget the resident on a wipe: one without ``reset``
    cannot even be defined."""
    import pytest

    from ui.qtprops import SessionViewModel

    with pytest.raises(TypeError, match="must define reset"):

        class Forgetful(SessionViewModel):  # noqa: F841 - defining it is the test
            pass


def test_a_card_prefills_a_pick_one_gender_field_with_its_option(fake_ui: Any, fake: Any) -> None:
    """The card says 男; the form's gender field offers 1 男 / 2 女: it is prefilled with 1,
    valid at once, and marked as taken from the card."""
    item = next(
        it
        for it in fake.items
        if any(f.get("prefill") == "gender" for f in it.get("form", {}).get("fields", []))
    )
    ui = fake_ui
    ui.session.go("finder")
    ui.catalog.select(item["item_code"])
    ui.session.go("identify")
    ui.identify.start("id_card")
    wait_until(lambda: ui.session.screen == "form", 5, "form")
    gender = next(f for f in ui.form.fields if f["type"] == "enum" and f["name"] == "gender")
    assert gender["value"] == "1" and gender["prefilled"]
    assert "gender" not in ui.form._errors


def test_the_registered_region_is_confirmed_again_after_a_change_and_post_asks_an_address(
    fake_ui: Any, fake: Any
) -> None:
    """通办: the region read from the card must be confirmed; editing it takes the confirmation
    back; the postal address appears, and is needed, only once post is chosen."""
    from ui.fakes import TONGBAN_PERSON

    ui = fake_ui
    code = next(it["item_code"] for it in fake.items if it["name"] == "残疾人证换领、补领")
    ui.session.go("finder")
    ui.catalog.select(code)
    ui.session.go("identify")
    fake.identity_outcome = IdentityOutcome("ok", TONGBAN_PERSON)
    ui.identify.start("id_card")
    wait_until(lambda: ui.session.screen == "form", 5, "form")

    def field(name: str) -> dict[str, Any]:
        return next(f for f in ui.form.fields if f["name"] == name)

    assert field("registered_region")["value"] == "河北省保定市莲池区"
    assert field("registered_region")["prefilled"]
    assert field("delivery_address")["hidden"]
    ui.form.setValue("region_confirmed", "yes")
    ui.form.setValue("registered_region", "河北省保定市竞秀区")
    assert field("region_confirmed")["value"] == ""  # confirm what is there now
    ui.form.setValue("registered_region", "999999")
    assert field("registered_region")["error"] == "行政区划代码 999999 不存在（GB/T 2260，2023版）"
    ui.form.setValue("registered_region", "河北省保定市竞秀区")
    ui.form.setValue("region_confirmed", "yes")
    ui.form.setValue("delivery_method", "post")
    assert not field("delivery_address")["hidden"]
    ui.form.setValue("phone", "13800138000")
    ui.form.setValue("reason", field("reason")["options"][0]["value"])
    ui.form.next()
    assert ui.session.screen == "form"
    assert field("delivery_address")["error"] == "请填写邮寄地址"
    ui.form.setValue("delivery_method", "window")  # collected at the counter: no address
    assert field("delivery_address")["hidden"] and ui.form.canContinue
