"""A scanner that stops answering, through the real interface and the real libsane (SANE's
``test`` backend stopped in the middle of sane_read by the simulator's ``stall`` fault): each
scan ends in its own timeout message, and after three in a row the scanner is reported unavailable
and the materials screen offers the other ways instead of 扫描."""

from __future__ import annotations

from typing import Any

import ui_steps as steps

from kiosk.devices.health import Unavailable
from ui.driving import find, tap, wait_until


def _scan(ui: Any) -> dict[str, Any]:
    tap(ui.window, "btnScan_id_card")
    wait_until(lambda: ui.materials.busy == "", 60, "scan answered")
    return next(r for r in ui.materials.rows if r["id"] == "id_card")


def test_three_scan_timeouts_make_the_scanner_unavailable_and_offer_the_other_ways(
    kiosk: Any, ui: Any
) -> None:
    steps.find_service(ui)
    steps.identify_by_card(ui, kiosk)
    steps.fill_form(ui)
    kiosk.sim_control("scanner").update(faults=["stall"])
    w = ui.window
    for _ in range(2):
        row = _scan(ui)
        assert row["status"] == "failed" and "超时" in row["message"], row
        assert ui.materials.scannerUsable  # two timeouts: try again
        assert find(w, "btnScan_id_card") is not None
    row = _scan(ui)
    assert row["status"] == "failed" and "暂时不能使用" in row["message"], row
    assert kiosk.backend.health()["scanner"] == Unavailable("timeouts")
    wait_until(lambda: find(w, "scannerUnavailable") is not None, 10, "scanner notice")
    # the other ways: no 扫描 any more; the e-license, 容缺 and 帮办代办 are offered
    assert find(w, "btnScan_id_card") is None
    wait_until(lambda: find(w, "btnLicense_id_card") is not None, 20, "e-license offered")
    assert find(w, "btnMissing_termination") is not None
    assert find(w, "btnMaterialsHelp") is not None
    wait_until(lambda: find(w, "notice_scanner") is not None, 10, "strip shows the scanner")
    tap(w, "btnLicense_id_card")
    tap(w, "btnMissing_termination")
    tap(w, "btnCommit")
    wait_until(lambda: ui.materials.canContinue, 5, "materials complete without the scanner")
    tap(w, "btnMaterialsHelp")
    steps.on(ui, "help")


def test_a_jam_the_kiosk_knows_of_still_offers_a_retake(kiosk: Any, ui: Any) -> None:
    """A jam is cleared by hand: 扫描 stays on offer once the status strip shows the jam, and
    the retake after clearing it gives a page (the soak found 扫描 hidden for good)."""
    steps.find_service(ui)
    steps.identify_by_card(ui, kiosk)
    steps.fill_form(ui)
    kiosk.control("scanner_jam")
    w = ui.window
    row = _scan(ui)
    assert row["status"] == "failed" and "卡纸" in row["message"], row
    wait_until(lambda: find(w, "notice_scanner") is not None, 10, "strip shows the jam")
    assert ui.materials.scannerUsable and find(w, "scannerUnavailable") is None
    kiosk.control("scanner_ok")
    row = _scan(ui)
    assert row["status"] == "scanned", row
