"""免证办 and QR identity through the real interface, the simulated devices on their OS paths
and the platform simulator over loopback HTTP (fixtures in conftest.py): a material satisfied
by an e-license reaches the platform citing that license; offline the kiosk says so and the
resident scans the paper certificate; a QR code identifies the resident and fills the form."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
import ui_steps as steps
from PySide6.QtGui import QAccessible

from ui.driving import find, find_all, tap, wait_until, walk

ID_CARD_TYPE = "11100000000013028T001"  # 居民身份证 in the sample catalog


def _ledger_entry(kiosk: Any, ref: str) -> dict[str, Any]:
    def entries() -> list[dict[str, Any]]:
        return [
            a for a in kiosk.platform_sim.store.ledger()["applications"] if a["local_ref"] == ref
        ]

    wait_until(lambda: entries(), 20, "platform has the application")
    (entry,) = entries()
    return entry


def _platform_body(kiosk: Any, application_no: str) -> dict[str, Any]:
    store = kiosk.platform_sim.store
    with store.lock:
        (body,) = store.conn.execute(
            "SELECT body FROM records WHERE kind='applications' AND record_no=?", (application_no,)
        ).fetchone()
    return json.loads(body)


def _use_license_and_submit(ui: Any) -> tuple[str, str]:
    w = ui.window
    wait_until(lambda: find(w, "btnLicense_id_card") is not None, 20, "e-license offered")
    row = next(r for r in ui.materials.rows if r["id"] == "id_card")
    assert row["canUseLicense"] and row["licenseName"] == "居民身份证"
    assert row["licenseVerified"].startswith("已验证 · 北京市")  # its seal, checked offline
    license_no = row["licenseNo"]
    tap(w, "btnLicense_id_card")
    row = next(r for r in ui.materials.rows if r["id"] == "id_card")
    assert row["status"] == "elicense"
    tap(w, "btnMissing_termination")
    tap(w, "btnCommit")
    wait_until(lambda: ui.materials.canContinue, 5, "materials complete")
    tap(w, "btnMaterialsNext")
    steps.on(ui, "review")
    return steps.submit(ui), license_no


def _step_text(ui: Any) -> str:
    item = find(ui.window, "stepIndicator")
    return str(item.property("text")) if item is not None else ""


def test_the_card_read_is_the_id_card_material_and_reaches_the_platform(
    kiosk: Any, ui: Any
) -> None:
    """Identified with the resident ID card, the item's 申请人居民身份证 is satisfied by that
    read (已读取身份证, nothing to scan); the platform gets it as the holder's ID-card e-license.
    On the way, every journey screen says which step of five it is; the receipt screen repeats
    the 容缺 deadline and what comes next."""
    w = ui.window
    assert find(w, "stepIndicator") is None  # the start screen is no step of an application
    steps.find_service(ui)
    wait_until(lambda: find(w, "stepIndicator") is not None, 5, "step on identify")
    assert _step_text(ui) == "第 1 步，共 5 步"
    steps.identify_by_card(ui, kiosk)
    assert _step_text(ui) == "第 2 步，共 5 步"
    steps.fill_form(ui)
    assert _step_text(ui) == "第 3 步，共 5 步"
    iface = QAccessible.queryAccessibleInterface(find(w, "stepIndicator"))
    assert iface.text(QAccessible.Text.Name) == "第 3 步，共 5 步"  # read out to screen readers
    wait_until(
        lambda: next(r for r in ui.materials.rows if r["id"] == "id_card")["status"] == "idcard",
        20,
        "the card read counts as the ID card",
    )
    row = next(r for r in ui.materials.rows if r["id"] == "id_card")
    license_no = row["licenseNo"]
    assert f".{ID_CARD_TYPE}." in license_no  # a national e-license identifier of that type
    assert find(w, "matStatus_id_card").property("text") == "已读取身份证"
    assert find(w, "btnLicense_id_card") is None  # nothing else to hand in for it
    tap(w, "btnMissing_termination")
    tap(w, "btnCommit")
    wait_until(lambda: ui.materials.canContinue, 5, "materials complete without a scan")
    tap(w, "btnMaterialsNext")
    steps.on(ui, "review")
    assert _step_text(ui) == "第 4 步，共 5 步"
    ref = steps.submit(ui)
    assert _step_text(ui) == "第 5 步，共 5 步"

    # the receipt screen says what the paper says: the deadline and what happens next
    app = kiosk.store.applications.get_by_ref(ref)
    stored = {m.material_id: m for m in kiosk.store.applications.materials(app.id)}
    deadline = stored["termination"].supply_by  # the core's date, the one on the paper
    assert deadline
    (line,) = [it.property("text") for it in find_all(w, "supplyBy")]
    assert line.startswith("解除或终止劳动关系证明") and f"请于 {deadline} 前补齐" in line
    nxt = find(w, "nextSteps").property("text")
    assert "承诺时限" in nxt and "受理编号" in nxt

    sources = {mid: m.source for mid, m in stored.items()}
    assert sources == {"id_card": "elicense", "termination": "missing"}

    # the platform accepted it (it refuses licenses it never issued) and cites the license
    entry = _ledger_entry(kiosk, ref)
    assert entry["elicenses"] == [{"material_id": "id_card", "license_no": license_no}]
    assert entry["key_seen"] >= 1 and not entry["test"]
    wait_until(lambda: kiosk.store.applications.get_by_ref(ref).application_no, 20, "answer kept")
    assert kiosk.store.applications.get_by_ref(ref).application_no == entry["application_no"]


def test_offline_the_kiosk_says_so_and_the_certificate_is_scanned(kiosk: Any, ui: Any) -> None:
    kiosk.control("network_down")
    wait_until(lambda: not ui.devices.online, 15, "offline shown")
    steps.find_service(ui)
    steps.identify_by_card(ui, kiosk)
    steps.fill_form(ui)
    wait_until(lambda: not ui.materials.online, 20, "e-licenses known unreachable")
    texts = [
        str(it.property("text") or "") for it in walk(ui.window.contentItem()) if it.isVisible()
    ]
    assert any("无法连接电子证照库" in t and "扫描纸质证件" in t for t in texts)
    assert find(ui.window, "btnLicense_id_card") is None
    row = next(r for r in ui.materials.rows if r["id"] == "id_card")
    assert not row["canUseLicense"]
    steps.hand_in_materials(ui, scan=True)  # the paper card is scanned instead
    ref = steps.submit(ui)
    app = kiosk.store.applications.get_by_ref(ref)
    sources = {m.material_id: m.source for m in kiosk.store.applications.materials(app.id)}
    assert sources["id_card"] == "scan"


def test_a_qr_code_identifies_the_resident_and_fills_the_form(
    kiosk: Any, ui: Any, caplog: pytest.LogCaptureFixture
) -> None:
    from sync.simulator.licenses import make_qr_payload

    caplog.set_level(logging.DEBUG)
    name, id_number = "李建国", "110102198506120035"
    steps.find_service(ui)
    wait_until(lambda: find(ui.window, "btnQr") is not None, 10, "QR choice")
    tap(ui.window, "btnQr")
    wait_until(lambda: ui.identify.state == "waiting", 10, "waiting for a code")
    code = make_qr_payload(name, id_number)  # carries the identity, so it is personal data too
    kiosk.sims["qr_reader"].scan(code)
    steps.on(ui, "form", 30)
    values = {f["name"]: f["value"] for f in ui.form.fields}
    assert values["applicant_name"] == name and values["id_number"] == id_number
    steps.fill_form(ui)
    ref, license_no = _use_license_and_submit(ui)

    entry = _ledger_entry(kiosk, ref)
    assert entry["elicenses"] == [{"material_id": "id_card", "license_no": license_no}]
    body = _platform_body(kiosk, entry["application_no"])
    assert body["applicant"]["name"] == name and body["applicant"]["id_number"] == id_number
    assert body["applicant"]["id_channel"] == "qr"
    # nothing unmasked in the logs
    assert id_number not in caplog.text and name not in caplog.text
    assert code.split(".")[1] not in caplog.text
