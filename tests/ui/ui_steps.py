"""Journey steps done the way a resident does them: taps and typed text on the real window."""

from __future__ import annotations

from typing import Any

from ui.driving import find, settle, tap, type_into, wait_until

ITEM_NAME = "失业保险金申领"
ITEM_QUERY = "失业保险金"


def item_code(ui: Any) -> str:
    return next(it["item_code"] for it in ui.backend.catalog_items() if it["name"] == ITEM_NAME)


def on(ui: Any, screen: str, timeout_s: float = 15.0) -> None:
    wait_until(
        lambda: ui.session.screen == screen,
        timeout_s,
        f"screen {screen!r} (now {ui.session.screen!r})",
    )
    settle(30)


def find_service(ui: Any) -> str:
    w = ui.window
    tap(w, "btnStart")
    on(ui, "finder")
    type_into(w, "field_search", ITEM_QUERY)
    code = item_code(ui)
    wait_until(lambda: find(w, "item_" + code) is not None, 5, "search result")
    tap(w, "item_" + code)
    on(ui, "guide")
    tap(w, "btnApply")
    on(ui, "identify")
    return code


def open_guide(ui: Any, name: str, query: str) -> str:
    """From the start screen: search for ``query``, open the guide of item ``name`` (its code)."""
    w = ui.window
    code = next(it["item_code"] for it in ui.backend.catalog_items() if it["name"] == name)
    tap(w, "btnStart")
    on(ui, "finder")
    type_into(w, "field_search", query)
    wait_until(lambda: find(w, "item_" + code) is not None, 5, "search result")
    tap(w, "item_" + code)
    on(ui, "guide")
    return code


def insert_card(kiosk: Any, card: str = "resident", **faults: Any) -> None:
    from terminal.devpanel import demo_card

    ctl = kiosk.sims["id_reader"].control
    ctl.update(card=demo_card(card), faults=list(faults.get("faults", [])))


def identify_by_card(ui: Any, kiosk: Any) -> None:
    insert_card(kiosk)
    # The reader may still be connecting to pcscd; a resident would wait for the button too.
    wait_until(lambda: ui.identify.available.get("id_card") is True, 20, "card reader usable")
    tap(ui.window, "btnIdCard")
    on(ui, "form")


FORM_VALUES = {
    "phone": "13800138000",
    "last_employer": "北京某某科技有限公司",
    "leave_date": "2026-10-31",
    "bank_account": "6214830100001238",
}


def fill_form(ui: Any) -> None:
    w = ui.window
    for name, value in FORM_VALUES.items():
        type_into(w, "field_" + name, value)
    reason = next(f for f in ui.form.fields if f["name"] == "leave_reason")
    tap(w, f"opt_leave_reason_{reason['options'][0]['value']}")
    wait_until(lambda: ui.form.canContinue, 5, "form complete")
    tap(w, "btnFormNext")
    on(ui, "materials")


def hand_in_materials(ui: Any, *, scan: bool = True) -> None:
    """Scan the ID card copy, supply the termination proof later (容缺), confirm 告知承诺."""
    w = ui.window
    if scan:
        tap(w, "btnScan_id_card")
        wait_until(lambda: ui.materials.busy == "", 30, "scan")
        row = next(r for r in ui.materials.rows if r["id"] == "id_card")
        assert row["status"] == "scanned", row
    tap(w, "btnMissing_termination")
    tap(w, "btnCommit")
    wait_until(lambda: ui.materials.canContinue, 5, "materials complete")
    tap(w, "btnMaterialsNext")
    on(ui, "review")


def submit(ui: Any) -> str:
    tap(ui.window, "btnSubmit")
    on(ui, "receipt", 30)
    wait_until(lambda: ui.submission.printState not in ("", "printing"), 30, "receipt printed")
    return ui.submission.result["localRef"]
