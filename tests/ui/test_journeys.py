"""Whole journeys through the real interface, the real simulators on their OS paths and the
platform simulator over loopback HTTP (see conftest.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import ui_steps as steps

from ui.driving import find, settle, tap, wait_until


def _ledger(kiosk: Any) -> dict[str, Any]:
    return kiosk.platform_sim.store.ledger()


def _printed_jobs(kiosk: Any) -> list[dict[str, Any]]:
    """The capture printer's jobs (it records a job once the connection closes)."""
    out = kiosk.sim_dir / "printer"
    jobs = []
    for p in sorted(out.glob("job-*.json")):
        meta = json.loads(p.read_text())
        meta["text"] = Path(meta["files"]["txt"]).read_text(encoding="utf-8")
        jobs.append(meta)
    return jobs


def _receipt_printed(kiosk: Any, ref: str) -> bool:
    return any(
        j["printed"]
        and ref in j["text"]
        and any(ref in q.get("text", json.dumps(q)) for q in j["qr"])
        for j in _printed_jobs(kiosk)
    )


def test_online_submission_from_start_screen_to_rating(kiosk: Any, ui: Any) -> None:
    w = ui.window
    steps.find_service(ui)
    steps.identify_by_card(ui, kiosk)
    # prefilled from the card, not typed
    values = {f["name"]: f["value"] for f in ui.form.fields}
    assert values["applicant_name"] == "王秀英"
    assert values["id_number"] == "11010519491231002X"
    steps.fill_form(ui)
    steps.hand_in_materials(ui)
    ref = steps.submit(ui)

    # durable before "submitted": the application is in the store with its scan
    app = kiosk.store.applications.get_by_ref(ref)
    assert app is not None and app.item_code == steps.item_code(ui)
    sources = {m.material_id: m.source for m in kiosk.store.applications.materials(app.id)}
    assert sources == {"id_card": "scan", "termination": "missing"}
    assert find(w, "localRef").property("text") == ref

    # the receipt came out of the (simulated) printer with a QR code that scans to this ref
    assert ui.submission.printState == "printed"
    wait_until(lambda: _receipt_printed(kiosk, ref), 10, "receipt with its QR in the printer")

    # the sync agent delivers it to the platform exactly once
    wait_until(
        lambda: any(a["local_ref"] == ref for a in _ledger(kiosk)["applications"]),
        20,
        "platform has the application",
    )
    entries = [a for a in _ledger(kiosk)["applications"] if a["local_ref"] == ref]
    assert len(entries) == 1 and entries[0]["materials_present"]

    tap(w, "btnToRating")
    steps.on(ui, "rating")
    tap(w, "rate_2")
    assert not find(w, "btnSendRating").isEnabled()  # a bad rating needs a reason
    tap(w, "reason_device_fault")
    tap(w, "btnSendRating")
    steps.on(ui, "done")
    wait_until(lambda: len(_ledger(kiosk)["reviews"]) == 1, 20, "review delivered")
    tap(w, "btnFinish")
    steps.on(ui, "attract")
    assert ui.journey.person is None and ui.journey.submitted is None


def test_offline_submission_keeps_a_local_reference_and_is_sent_later(kiosk: Any, ui: Any) -> None:
    kiosk.control("network_down")
    wait_until(lambda: not ui.devices.online, 15, "offline shown")
    assert find(ui.window, "notice_platform") is not None  # the status strip says so
    steps.find_service(ui)
    steps.identify_by_card(ui, kiosk)
    steps.fill_form(ui)
    assert find(ui.window, "btnLicense_id_card") is None  # no e-license offline
    steps.hand_in_materials(ui)
    ref = steps.submit(ui)
    assert ref.startswith("KIOSK-TEST-0001-")
    assert ui.submission.result["online"] is False
    assert kiosk.store.applications.get_by_ref(ref).status == "queued"

    # status lookup while offline answers from the kiosk's own record
    tap(ui.window, "btnToRating")
    tap(ui.window, "btnSkipRating")
    tap(ui.window, "btnFinish")
    steps.on(ui, "attract")
    tap(ui.window, "btnStatus")
    steps.on(ui, "status")
    from ui.driving import type_into

    type_into(ui.window, "field_ref", ref)
    tap(ui.window, "btnLookup")
    wait_until(lambda: ui.status.state in ("found", "offline", "not_found"), 15, "lookup")
    assert ui.status.state == "found" and ui.status.result["source"] == "local"

    kiosk.control("network_up")
    wait_until(
        lambda: any(a["local_ref"] == ref for a in _ledger(kiosk)["applications"]),
        30,
        "sent after the network came back",
    )
    wait_until(lambda: ui.devices.online, 15, "online again")

    # now the platform answers; look it up by scanning the receipt's QR code at the reader
    tap(ui.window, "btnStatusDone")
    steps.on(ui, "attract")
    tap(ui.window, "btnStatus")
    steps.on(ui, "status")
    tap(ui.window, "btnScanReceipt")
    wait_until(lambda: ui.status.state == "scanning", 5, "waiting for a code")
    from kiosk.receipts.receipt import status_url

    kiosk.sims["qr_reader"].scan(status_url(kiosk.cfg.platform.status_url_template, ref))
    wait_until(lambda: ui.status.state == "found", 20, "status from the platform")
    assert ui.status.ref == ref and ui.status.result["source"] == "platform"


def test_card_pulled_mid_read_then_read_again(kiosk: Any, ui: Any) -> None:
    steps.find_service(ui)
    steps.insert_card(kiosk, faults=["pull-mid-read:once"])
    tap(ui.window, "btnIdCard")
    wait_until(lambda: ui.identify.state == "error", 20, "read error")
    assert "移开" in ui.identify.message  # "the card was moved while being read"
    assert ui.session.screen == "identify" and ui.journey.person is None
    tap(ui.window, "btnIdentifyRetry")
    steps.on(ui, "form")
    assert ui.journey.person is not None


def test_expired_card_is_refused_with_a_way_forward(kiosk: Any, ui: Any) -> None:
    steps.find_service(ui)
    steps.insert_card(kiosk, "resident_expired")
    tap(ui.window, "btnIdCard")
    wait_until(lambda: ui.identify.state == "expired", 20, "expired")
    assert ui.journey.person is None
    assert find(ui.window, "btnIdentifyHelp") is not None


def test_paper_out_at_receipt_time_then_reprint(kiosk: Any, ui: Any) -> None:
    steps.find_service(ui)
    steps.identify_by_card(ui, kiosk)
    steps.fill_form(ui)
    steps.hand_in_materials(ui, scan=True)
    kiosk.control("paper_out")
    ref = steps.submit(ui)
    assert ui.submission.printState == "paper_out"
    settle(300)
    assert not _receipt_printed(kiosk, ref)
    # the resident still sees the number and a QR code, and can go on
    assert find(ui.window, "localRef").property("text") == ref
    assert find(ui.window, "receiptQr") is not None
    assert find(ui.window, "btnToRating").isEnabled()
    wait_until(lambda: find(ui.window, "notice_printer") is not None, 10, "strip shows paper out")
    kiosk.control("paper_in")
    tap(ui.window, "btnReprint")
    wait_until(lambda: ui.submission.printState == "printed", 20, "reprinted")
    wait_until(lambda: _receipt_printed(kiosk, ref), 10, "receipt in the printer")


def test_scanner_jam_routes_around(kiosk: Any, ui: Any) -> None:
    steps.find_service(ui)
    steps.identify_by_card(ui, kiosk)
    steps.fill_form(ui)
    kiosk.control("scanner_jam")
    row = _scan_id_card(ui)
    assert row["status"] == "failed" and "卡纸" in row["message"]
    kiosk.control("scanner_ok")
    row = _scan_id_card(ui)
    assert row["status"] == "scanned", row["message"]


def _scan_id_card(ui: Any) -> dict[str, Any]:
    """Tap 扫描 and wait for the result (the tap is repeated when it was lost, see below)."""

    def row() -> dict[str, Any]:
        return next(r for r in ui.materials.rows if r["id"] == "id_card")

    def outcome() -> tuple[str, str]:
        return row()["status"], row()["message"]

    for _ in range(3):
        before = outcome()
        tap(ui.window, "btnScan_id_card")
        # A tap is lost when the e-license list arrives while the finger is down (the rows are
        # republished and the pressed delegate is replaced): tap again, as a person would.
        try:
            wait_until(lambda b=before: ui.materials.busy != "" or outcome() != b, 3, "scan start")
        except TimeoutError:
            continue
        wait_until(lambda: ui.materials.busy == "", 40, "scan ends")
        return row()
    return row()


def test_help_and_problem_reports_go_through_the_outbox(kiosk: Any, ui: Any) -> None:
    w = ui.window
    tap(w, "btnHelp")
    steps.on(ui, "help")
    tap(w, "help_elderly")
    wait_until(lambda: ui.help.state == "sent", 10, "help stored")
    sent = find(w, "helpSent")
    assert sent.property("visible") and ui.help.ref and ui.help.ref in sent.property("text")
    assert ui.help.hotline == "12345"
    tap(w, "btnHelpBack")
    steps.on(ui, "attract")
    tap(w, "btnProblem")
    steps.on(ui, "problem")
    tap(w, "cat_cannot_find")
    tap(w, "btnProblemSend")
    wait_until(lambda: ui.problem.state == "sent", 10, "problem stored")
    wait_until(
        lambda: len(_ledger(kiosk)["help_requests"]) == 1 and len(_ledger(kiosk)["problems"]) == 1,
        20,
        "delivered",
    )


def test_idle_timeout_mid_form_leaves_nothing_of_the_session(
    kiosk: Any, tmp_path: Path, make_ui: Any
) -> None:
    ui = make_ui(
        kiosk.backend,
        dev_control=kiosk.control,
        keyboard=True,
        idle_timeout_s=600,
        idle_warning_s=30,
    )
    steps.find_service(ui)
    steps.identify_by_card(ui, kiosk)
    steps.fill_form(ui)
    tap(ui.window, "btnScan_id_card")
    wait_until(lambda: ui.materials.busy == "", 30, "scan")
    old_dir = Path(ui.session.sessionDir)
    scans = list((old_dir / "scans").iterdir())
    assert scans, "the scan preview is in the session directory"
    # back to the form, type something (the keyboard may learn it), then walk away
    tap(ui.window, "btnBack")
    steps.on(ui, "form")
    # where Qt's Pinyin engine keeps what it learns (it created the directory on first focus)
    import os

    kb_dicts = [
        old_dir / "qtvirtualkeyboard" / "pinyin" / "usr_dict.dat",
        Path(os.environ["XDG_CONFIG_HOME"]) / "qtvirtualkeyboard" / "pinyin" / "usr_dict.dat",
    ]
    for d in kb_dicts:
        d.parent.mkdir(parents=True, exist_ok=True)
        d.write_bytes(b"learned words")
    assert kiosk.backend.in_session
    ui.session.set_idle(3, 2)
    wait_until(lambda: ui.session.idleWarning, 10, "idle warning")
    assert find(ui.window, "idleDialog") is not None
    tap(ui.window, "btnMoreTime")  # more time is always one tap away
    assert not ui.session.idleWarning and ui.session.screen == "form"
    wait_until(lambda: ui.session.screen == "attract", 15, "wiped after the timeout")
    settle(50)

    # nothing of the session remains
    assert ui.journey.item is None and ui.journey.person is None and ui.journey.form == {}
    assert ui.form.fields == [] and ui.materials.rows == []
    assert ui.identify.holder == "" and ui.submission.summary == {}
    assert not old_dir.exists(), "scans and the keyboard's learned words are deleted"
    assert not any(d.exists() for d in kb_dicts)
    assert Path(ui.session.sessionDir) != old_dir
    assert ui.session.keyboardDataPath.startswith(ui.session.sessionDir)
    assert kiosk.store.applications.list() == []  # nothing was submitted
    assert not kiosk.backend.in_session  # the application API dropped the identity too
    texts = " ".join(str(it.property("text") or "") for it in _all_items(ui))
    assert "王秀英" not in texts and "13800138000" not in texts


def _all_items(ui: Any) -> list[Any]:
    from ui.driving import walk

    return list(walk(ui.window.contentItem()))


def test_developer_panel_flips_simulated_states(kiosk: Any, ui: Any) -> None:
    w = ui.window
    tap(w, "btnDevPanel")
    tap(w, "dev_paper_out")
    wait_until(lambda: find(w, "notice_printer") is not None, 15, "paper out in the strip")
    tap(w, "dev_paper_in")
    wait_until(lambda: find(w, "notice_printer") is None, 15, "paper back")


def test_start_screen_opens_a_frequent_service_and_a_theme(kiosk: Any, ui: Any) -> None:
    w = ui.window
    wait_until(
        lambda: len(ui.catalog.homeFrequent) > 0, 15, "frequent services on the start screen"
    )
    first = ui.catalog.homeFrequent[0]
    tap(w, "home_item_" + first["code"])
    steps.on(ui, "guide")
    assert ui.catalog.selected["code"] == first["code"]
    ui.session.home()
    steps.on(ui, "attract")
    tap(w, "home_theme_person_employment")
    steps.on(ui, "finder")
    assert ui.catalog.theme == "employment" and ui.catalog.audience == "person"
    codes = {r["code"] for r in ui.catalog.results}
    want = {
        it["item_code"]
        for it in ui.backend.catalog_items()
        if "employment" in it.get("themes", {}).get("person", [])
    }
    assert codes == want and want
    assert find(w, "theme_employment").property("selected")
    ui.session.home()
    steps.on(ui, "attract")
    tap(w, "home_theme_enterprise_opening")
    steps.on(ui, "finder")
    assert ui.catalog.audience == "enterprise" and ui.catalog.theme == "opening"


def test_rating_details_reach_the_platform(kiosk: Any) -> None:
    """The optional 好差评 details (dimensions, contact) go out with the review, exactly once."""
    out = kiosk.backend.submit_review(
        rating=2,
        reasons=["slow"],
        comment="等待时间太长",
        local_ref=None,
        item_code=None,
        dimensions={"overall": 2, "efficiency": 1},
        contact="13812345678",
    )
    assert out is not None
    wait_until(lambda: len(_ledger(kiosk)["reviews"]) == 1, 20, "review delivered")
    row = next(r for r in kiosk.backend.store.outbox.rows() if r.kind == "review")
    body = json.loads(kiosk.backend.store.outbox.body(row))
    assert body["dimensions"] == {"overall": 2, "efficiency": 1}
    assert body["contact"] == "13812345678" and body["rating"] == 2


def test_heartbeat_carries_the_kiosks_device_health(kiosk: Any) -> None:
    """The platform sees this terminal's devices as the status strip does (fleet monitoring)."""
    beats = kiosk.platform_sim.platform.heartbeats
    wait_until(lambda: kiosk.backend.store.cfg.terminal.kiosk_id in beats, 20, "heartbeat")
    devices = beats[kiosk.backend.store.cfg.terminal.kiosk_id]["devices"]
    assert {"id_reader", "printer", "scanner"} <= set(devices)
    assert all(set(d) == {"status", "detail"} for d in devices.values())
