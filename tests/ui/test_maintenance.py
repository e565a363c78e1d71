"""Maintenance mode on the touch screen, on the real kiosk: the simulated devices on their OS
paths (the technician card and the social security card through vpcd and pcscd), the platform
simulator over loopback HTTP, the real QML window driven by taps.

What a technician notices: holding the terminal's name opens the PIN pad, a wrong PIN says how
long to wait (also after a restart), a technician card on the start screen opens maintenance
and a resident's card does not; every self-test runs and a faulted device is named; a setting
is saved (or refused with the field named); a quarantined row is sent again; the support
archive lands on the drive; leaving wipes everything; none of it is reachable from a
resident's session.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import ui_steps as steps
from conftest import TEST_CONFIG
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest

from ui.driving import find, settle, tap, type_into, wait_until

REPO = Path(__file__).resolve().parents[2]
CARDS = REPO / "assets" / "cards"
PIN = "246810"


def tech_config(*, ssc: bool) -> Any:
    from kiosk.config import parse_config

    data = {k: dict(v) for k, v in TEST_CONFIG.items()}
    data["devices"] = {
        **data["devices"],
        "ssc_reader": {"kind": "simulated" if ssc else "none"},
    }
    data["maintenance"] = {"technician_ca": str(CARDS / "technician_test_ca.pem")}
    return parse_config(data)


@pytest.fixture
def tech(pcscd: None, tmp_path: Path, qapp: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """The real kiosk with the PC/SC slot (technician and social security cards) and the
    technician CA configured; no sync agent (a row set aside stays where the test put it)."""
    from terminal.root import build

    monkeypatch.delenv("BIANMIN_CONFIG", raising=False)
    k = build(tech_config(ssc=True), tmp_path / "data", start_agent=False)
    try:
        yield k
    finally:
        k.control("ssc_pull")
        k.close()


def audit_events(k: Any) -> list[dict[str, Any]]:
    out = []
    for e in k.store.audit.entries():
        d = e["details"]
        out.append({"event": e["event"], **(json.loads(d) if isinstance(d, str) else d or {})})
    return out


def text_of(ui: Any, name: str) -> str:
    item = find(ui.window, name)
    assert item is not None, f"{name} not shown"
    return str(item.property("text"))


def hold(window: Any, name: str, seconds: float) -> None:
    """Press on item ``name``, keep the finger there for ``seconds``, release."""
    item = find(window, name)
    assert item is not None, name
    c = item.mapToScene(QPointF(item.width() / 2, item.height() / 2))
    p = QPoint(int(c.x()), int(c.y()))
    QTest.mousePress(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, p)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        settle(50)
    QTest.mouseRelease(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, p)
    settle(30)


def type_pin(ui: Any, pin: str) -> None:
    for d in pin:
        tap(ui.window, "maintPin" + d)
    tap(ui.window, "maintPinConfirm")


def wait_idle(ui: Any, timeout_s: float = 30.0) -> None:
    wait_until(lambda: ui.maintenance.busy == "", timeout_s, "maintenance call")
    settle(30)


def enter_by_pin(ui: Any) -> None:
    ui.maintenance.openPin()
    wait_until(lambda: find(ui.window, "maintPin1") is not None, 5, "PIN pad")
    type_pin(ui, PIN)
    steps.on(ui, "maintenance", 20)
    wait_idle(ui)


# ------------------------------------------------------------------ entering


def test_pin_pad_opens_by_holding_the_name_and_the_lockout_survives_a_restart(
    tmp_path: Path, qapp: Any, make_ui: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from terminal.root import build

    monkeypatch.delenv("BIANMIN_CONFIG", raising=False)
    data = tmp_path / "data"
    k = build(tech_config(ssc=False), data)
    try:
        k.backend.maintenance.pin_set(PIN)
        ui = make_ui(k.backend)
        steps.on(ui, "attract")
        tap(ui.window, "terminalName")  # a tap is not a hold: nothing opens
        assert find(ui.window, "maintPin1") is None
        hold(ui.window, "terminalName", 5.5)
        wait_until(lambda: find(ui.window, "maintPin1") is not None, 5, "PIN pad")
        # wrong PINs: each says how long to wait, and the wait doubles (1 s, 2 s, 4 s, 8 s)
        for n, wait_s in enumerate((1, 2, 4, 8)):
            type_pin(ui, "13579" + str(n))
            wait_idle(ui)
            assert f"请 {wait_s} 秒后再试" in text_of(ui, "maintPinWarning")
            assert ui.session.screen == "attract"
            if wait_s < 8:
                time.sleep(wait_s + 0.2)
        wrong = [e for e in audit_events(k) if e["event"] == "maintenance.pin_wrong"]
        assert len(wrong) == 4 and "13579" not in json.dumps(wrong)  # never the PIN itself
        ui.maintenance.closePin()
    finally:
        k.close()

    # the kiosk restarts on the same data directory: still locked, the right PIN is not even
    # checked until the lockout ends
    k2 = build(tech_config(ssc=False), data)
    try:
        ui2 = make_ui(k2.backend)
        steps.on(ui2, "attract")
        hold(ui2.window, "terminalName", 5.5)
        wait_until(lambda: find(ui2.window, "maintPin1") is not None, 5, "PIN pad")
        type_pin(ui2, PIN)
        wait_idle(ui2)
        warning = text_of(ui2, "maintPinWarning")
        assert "输错次数过多" in warning, warning
        assert ui2.session.screen == "attract" and not ui2.maintenance.active
        left = int(warning.split("请 ")[1].split(" 秒")[0])
        assert 1 <= left <= 8
        time.sleep(left + 0.3)
        type_pin(ui2, PIN)
        steps.on(ui2, "maintenance", 20)
        assert any(
            e["event"] == "maintenance.entered" and e["via"] == "pin" for e in audit_events(k2)
        )
    finally:
        k2.close()


def test_not_reachable_from_a_residents_session(kiosk: Any, ui: Any) -> None:
    kiosk.backend.maintenance.pin_set(PIN)
    steps.find_service(ui)  # the resident is on the identify screen
    kiosk.control("card_insert")
    tap(ui.window, "btnIdCard")
    steps.on(ui, "form", 30)  # the resident's data is on screen now
    # holding the name does nothing here; neither does asking the view-model or the session
    hold(ui.window, "terminalName", 5.5)
    assert find(ui.window, "maintPin1") is None and not ui.maintenance.pinOpen
    ui.maintenance.openPin()
    settle(30)
    assert not ui.maintenance.pinOpen
    assert ui.session.enter_maintenance() is False
    assert ui.session.screen == "form" and ui.journey.person is not None
    # no card is looked for during a session
    polls = ui.maintenance.card.polls
    settle(600)
    assert ui.maintenance.card.polls == polls


def test_technician_card_enters_a_residents_card_is_refused_and_leaving_wipes(
    tech: Any, make_ui: Any
) -> None:
    ui = make_ui(tech.backend, dev_control=tech.control)
    steps.on(ui, "attract")
    # a resident's social security card presented on the start screen: refused, audited
    tech.control("ssc_insert")
    wait_until(lambda: find(ui.window, "maintenanceCardRefused") is not None, 40, "card refused")
    assert "不是维护卡" in text_of(ui, "maintenanceCardRefused")
    assert ui.session.screen == "attract"
    refused = [e for e in audit_events(tech) if e["event"] == "maintenance.card"]
    assert refused and refused[-1]["result"] == "not_technician"
    tech.control("ssc_pull")

    # the technician's card: maintenance opens, named after the card's holder
    tech.sim_control("ssc_reader").update(card=str(CARDS / "technician.json"))
    steps.on(ui, "maintenance", 60)
    wait_idle(ui)
    assert "张工" in text_of(ui, "maintenanceWho")
    wait_until(
        lambda: any(
            e["event"] == "maintenance.entered" and e["via"] == "card" for e in audit_events(tech)
        ),
        10,
        "entry audited",
    )
    # every device's health is listed
    for dev in ("id_reader", "qr_reader", "printer", "scanner", "platform", "ssc_reader"):
        assert find(ui.window, "health_" + dev) is not None, dev

    # 退出维护: like a session's end — the screens forget, the session directory is new
    shown = Path(ui.session.sessionDir) / "scans" / "selftest-scanner.png"
    for _ in range(3):  # a loaded machine may time a page out: the technician tries again
        ui.maintenance.runSelftest("scanner")
        wait_idle(ui, 60)
        if shown.exists():
            break
    assert shown.exists(), ui.maintenance.selftest
    wipes = ui.session.wipe_count
    tap(ui.window, "btnMaintenanceExit")
    steps.on(ui, "attract")
    assert ui.session.wipe_count == wipes + 1 and not shown.exists()
    assert not ui.maintenance.active and ui.maintenance.selftest == []
    wait_until(
        lambda: any(e["event"] == "maintenance.exited" for e in audit_events(tech)),
        10,
        "exit audited",
    )
    # the card is still in the slot: it does not open maintenance again until it left
    polls = ui.maintenance.card.polls
    wait_until(lambda: ui.maintenance.card.polls >= polls + 2, 30, "two more polls")
    assert ui.session.screen == "attract"


# ------------------------------------------------------------------ the screens


def test_self_tests_settings_outbox_catalog_audit_storage_and_export(
    tech: Any, make_ui: Any, tmp_path: Path
) -> None:
    tech.backend.maintenance.pin_set(PIN)
    ui = make_ui(tech.backend, dev_control=tech.control)
    steps.on(ui, "attract")
    enter_by_pin(ui)
    w = ui.window

    # self-tests, all devices: the test cards and a code are presented, the printer is out of
    # paper — the result names it, the scanned page is shown
    tech.control("paper_out")
    tech.control("card_insert")
    tech.control("ssc_insert")
    tap(w, "maintTab_selftest")
    tap(w, "btnSelftestAll")
    end = time.monotonic() + 150
    while ui.maintenance.busy and time.monotonic() < end:
        tech.control("qr_show")  # a phone held under the scanner: the code is seen again
        settle(500)
    wait_idle(ui, 10)
    results = {r["name"]: r for r in ui.maintenance.selftest}
    assert list(results) == ["id_reader", "ssc_reader", "qr_reader", "printer",
                             "document_printer", "scanner", "voice", "platform"]  # fmt: skip
    assert not results["printer"]["passed"] and "paper_out" in results["printer"]["detail"]
    for dev in ("id_reader", "ssc_reader", "qr_reader", "scanner", "platform"):
        assert results[dev]["passed"], (dev, results[dev]["detail"])
    summary = text_of(ui, "selftestSummary")
    failed = summary.split("：", 1)[-1].split("、")  # 未通过：打印机、A4 打印机…
    assert summary.startswith("未通过") and "打印机" in failed
    assert "扫描仪" not in summary and "平台" not in summary
    image = find(w, "selftestImage_scanner")
    assert image is not None and image.implicitWidth() > 0  # the page was loaded and shows
    tech.control("paper_in")
    tap(w, "btnSelftest_printer")
    wait_idle(ui, 60)
    assert {r["name"]: r["passed"] for r in ui.maintenance.selftest}["printer"]
    summary = text_of(ui, "selftestSummary")
    assert "全部通过" in summary or "打印机" not in summary.split("：", 1)[-1].split("、")

    # settings: a wrong value is refused with the field named and nothing written; a good one
    # is saved and says where
    tap(w, "maintTab_config")
    wait_idle(ui)
    type_into(w, "field_ui.idle_timeout_s", "soon")
    tap(w, "btnSave_ui.idle_timeout_s")
    wait_idle(ui)
    refused = text_of(ui, "configResult")
    assert refused.startswith("未保存") and "ui.idle_timeout_s" in refused
    type_into(w, "field_terminal.hotline", "0755-12345")
    tap(w, "btnSave_terminal.hotline")
    wait_idle(ui)
    saved = text_of(ui, "configResult")
    assert saved.startswith("已保存 terminal.hotline"), saved
    path = Path(ui.maintenance.configResult["path"])
    written = path.read_text(encoding="utf-8")
    assert "0755-12345" in written and "soon" not in written

    # outbox: a quarantined row (set aside as the sync agent does) is queued again by 重试
    tech.backend.request_help(reason="elderly")
    (row,) = tech.store.outbox.rows("pending")
    tech.store.outbox.quarantine(row, "sender_crashed", "the sender stopped mid-send")
    ref = tech.store.outbox.local_ref(row)
    tap(w, "maintTab_outbox")
    wait_idle(ui)
    assert "已隔离：1" in text_of(ui, "outboxCounts")
    assert "sender_crashed" in text_of(ui, "outboxRow_" + ref)
    tap(w, "btnRetry_" + ref)
    wait_idle(ui)
    assert find(w, "maintResult") is not None and ref in text_of(ui, "maintResult")
    assert tech.store.outbox.get(row.id).state == "pending"  # the agent sends it next
    assert find(w, "btnRetry_" + ref) is None and "已隔离：0" in text_of(ui, "outboxCounts")

    # catalog version and 立即更新; the audit chain verifies; storage and the last purge
    tap(w, "maintTab_catalog")
    wait_idle(ui)
    assert "当前服务目录版本" in text_of(ui, "catalogVersion")
    tap(w, "btnCatalogRefresh")
    wait_idle(ui, 60)
    assert "服务目录" in text_of(ui, "maintResult")
    tap(w, "maintTab_audit")
    wait_idle(ui, 60)
    assert text_of(ui, "auditResult").startswith("审计记录完整")
    tap(w, "maintTab_storage")
    wait_idle(ui)
    assert str(tech.data_dir) in text_of(ui, "storageOverview")
    assert find(w, "storagePurge") is not None

    # export for support to the drive (a directory stands for the mounted USB drive here)
    usb = tmp_path / "usb"
    usb.mkdir()
    ui.maintenance.usb_mount = str(usb)
    tap(w, "maintTab_export")
    tap(w, "btnExportUsb")
    wait_idle(ui, 120)
    done = text_of(ui, "exportResult")
    assert done.startswith("导出完成"), done
    archive = Path(ui.maintenance.exportResult["location"])
    assert archive.parent == usb and archive.stat().st_size > 0

    tap(w, "btnMaintenanceExit")
    steps.on(ui, "attract")
    events = [e["event"] for e in audit_events(tech)]
    for ev in ("maintenance.selftest", "maintenance.config_refused", "maintenance.config_saved",
               "maintenance.outbox_retry", "maintenance.support_export", "maintenance.exited"):  # fmt: skip
        assert ev in events, ev
