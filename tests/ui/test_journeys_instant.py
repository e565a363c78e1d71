"""Instant items (即时办结, issue 14) through the real interface, the simulated ID card reader
and receipt printer on their OS paths and the platform simulator over loopback HTTP (fixtures
in conftest.py): after the card is read the terminal fetches the result document, shows it
only once its seal verified ("已验证 · <issuing body>") and prints it on the receipt printer;
a forged seal is refused on screen with nothing printed; offline the resident may apply
instead."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import ui_steps as steps

from ui.driving import find, tap, type_into, wait_until

TITLE = "社会保险参保证明"


def _item(ui: Any, title: str = TITLE) -> dict[str, Any]:
    return next(
        it
        for it in ui.backend.catalog_items()
        if (it.get("result_document") or {}).get("title") == title
    )


def _printed_texts(kiosk: Any) -> list[str]:
    """The text of every job the capture printer printed."""
    out = []
    for p in sorted((kiosk.sim_dir / "printer").glob("job-*.json")):
        meta = json.loads(p.read_text())
        if meta["printed"]:
            out.append(Path(meta["files"]["txt"]).read_text(encoding="utf-8"))
    return out


def _text(ui: Any, name: str) -> str:
    item = find(ui.window, name)
    assert item is not None, f"{name} not shown"
    return str(item.property("text"))


def _to_result(ui: Any, kiosk: Any, title: str = TITLE, query: str = "参保证明") -> dict[str, Any]:
    """Find the instant item, read the card: the result screen, its answer in."""
    w, item = ui.window, _item(ui, title)
    tap(w, "btnStart")
    steps.on(ui, "finder")
    type_into(w, "field_search", query)
    code = item["item_code"]
    wait_until(lambda: find(w, "item_" + code) is not None, 5, "search result")
    tap(w, "item_" + code)
    steps.on(ui, "guide")
    tap(w, "btnApply")
    steps.on(ui, "identify")
    assert _step_text(ui) == "第 1 步，共 2 步"  # identify → its result: two steps, not five
    steps.insert_card(kiosk)
    wait_until(lambda: ui.identify.available.get("id_card") is True, 20, "card reader usable")
    tap(w, "btnIdCard")
    steps.on(ui, "result", 30)  # not the application's form
    wait_until(lambda: ui.instant.state not in ("idle", "fetching"), 45, "instant result")
    assert _step_text(ui) == "第 2 步，共 2 步"
    return item


def _step_text(ui: Any) -> str:
    item = find(ui.window, "stepIndicator")
    return str(item.property("text")) if item is not None else ""


def test_the_certificate_is_verified_shown_and_printed_on_the_receipt_printer(
    kiosk: Any, ui: Any
) -> None:
    item = _to_result(ui, kiosk)
    assert ui.instant.state == "verified", ui.instant.view
    body = item["implementing_body"]["name"]
    assert _text(ui, "resultTitle") == TITLE
    assert _text(ui, "resultVerified") == f"已验证 · {body}"
    holder = _text(ui, "resultHolder")
    assert "110105********002X" in holder and "11010519491231002X" not in holder  # masked
    assert find(ui.window, "resultA4Only") is None
    before = len(_printed_texts(kiosk))
    tap(ui.window, "btnPrintResult")
    wait_until(lambda: ui.instant.printState not in ("", "printing"), 30, "printed")
    assert ui.instant.printState == "printed"
    assert _text(ui, "resultPrintState") == "证明已打印，请取走"
    wait_until(lambda: len(_printed_texts(kiosk)) > before, 10, "the job in the printer")
    paper = _printed_texts(kiosk)[-1]
    # the paper's own lines wrap at its width: the English line names the body whole
    assert TITLE in paper and "已验证" in paper and f"Seal verified: {body}" in paper
    tap(ui.window, "btnResultDone")
    steps.on(ui, "rating")


def test_an_a4_only_document_is_shown_and_the_window_offered(kiosk: Any, ui: Any) -> None:
    _to_result(ui, kiosk, "无犯罪记录证明", "无犯罪记录")
    assert ui.instant.state == "verified", ui.instant.view
    assert _text(ui, "resultTitle") == "无犯罪记录证明"
    assert "A4" in _text(ui, "resultA4Only")
    assert find(ui.window, "btnPrintResult") is None  # the receipt printer cannot hold it
    tap(ui.window, "btnResultHelp")
    steps.on(ui, "help")


def test_a_forged_seal_is_refused_on_screen_and_nothing_is_printed(kiosk: Any, ui: Any) -> None:
    seals = kiosk.platform_sim.platform.seals  # what /_sim/seals controls
    seals.control({"documents": "tampered"})
    before = _printed_texts(kiosk)
    _to_result(ui, kiosk)
    assert ui.instant.state == "refused", ui.instant.view
    assert _text(ui, "resultRefused") == "电子印章未通过验证"
    reason = _text(ui, "resultReason")
    assert "已被改动" in reason and "窗口" in reason
    ui.session.setLanguage("en")  # the English reason is a sentence, not a verdict code
    en = _text(ui, "resultReason")
    assert "altered" in en and "window" in en and "(broken)" not in en
    ui.session.setLanguage("zh_CN")
    assert _text(ui, "resultNothingPrinted") == "本机没有打印任何内容。"
    for hidden in ("resultTitle", "resultVerified", "resultHolder", "btnPrintResult"):
        assert find(ui.window, hidden) is None, hidden
    assert find(ui.window, "btnResultHelp") is not None
    ui.instant.printResult()  # even asked directly: nothing unverified is printed
    assert ui.instant.printState == ""
    assert _printed_texts(kiosk) == before

    # the session goes on: back, the platform fixed, the card read again
    seals.control({"documents": "good"})
    tap(ui.window, "btnResultBack")
    steps.on(ui, "guide")
    tap(ui.window, "btnApply")
    steps.on(ui, "identify")
    tap(ui.window, "btnIdCard")
    steps.on(ui, "result", 30)
    wait_until(lambda: ui.instant.state not in ("idle", "fetching"), 45, "instant result")
    assert ui.instant.state == "verified"
    assert _printed_texts(kiosk) == before


def test_offline_the_resident_is_offered_to_apply_instead(kiosk: Any, ui: Any) -> None:
    kiosk.control("network_down")
    wait_until(lambda: not ui.devices.online, 15, "offline shown")
    before = _printed_texts(kiosk)
    _to_result(ui, kiosk)
    assert ui.instant.state == "offline", ui.instant.view
    assert _text(ui, "resultOffline") == "暂时连不上政务服务平台"
    assert _text(ui, "resultNothingPrinted") == "本机没有打印任何内容。"
    assert find(ui.window, "btnPrintResult") is None
    assert find(ui.window, "btnResultBack") is not None
    tap(ui.window, "btnApplyInstead")
    steps.on(ui, "form")  # the ordinary application, prefilled from the card read
    assert _step_text(ui) == "第 2 步，共 5 步"  # applying instead: the application's steps
    values = {f["name"]: f["value"] for f in ui.form.fields}
    assert values["applicant_name"] == "王秀英"
    assert _printed_texts(kiosk) == before


def test_a_timeout_offers_to_apply_and_a_wipe_drops_the_document(fake_ui: Any, fake: Any) -> None:
    """On the in-process fake (view-model logic only): a timed-out fetch is the offline screen
    with "apply instead"; a verified document on screen is gone after the session ends; an
    A4-only document is never sent to the receipt printer."""
    from kiosk.service import InstantOutcome
    from ui.screenshots import _states

    ui = fake_ui
    states = dict(_states(ui, fake))
    fake.instant_outcome = InstantOutcome(
        "timeout", "政务服务平台响应超时", "timed out", can_queue=True
    )
    states["identify"]()
    ui.journey.item = _item(ui)
    ui.identify.start("id_card")
    wait_until(lambda: ui.instant.state == "offline", 10, "offline state")
    assert ui.instant.view["canQueue"] and not ui.instant.view["verified"]
    fake.instant_outcome = None

    states["result-a4"]()
    assert ui.instant.state == "verified" and ui.instant.view["fitsReceipt"] is False
    ui.instant.printResult()
    assert ui.instant.printState == "" and fake.instant_printed == []
    assert ui.instant.view["facts"]  # the document's facts, shown in Chinese
    ui.session.home()
    assert ui.instant.state == "idle" and ui.instant.view == {}


def test_an_a4_only_document_prints_on_the_a4_printer_where_the_terminal_has_one(
    fake_ui: Any, fake: Any
) -> None:
    """With an A4 printer (its health is not "absent") the A4 notice gives way to 打印, and
    打印 goes to the A4 printer, never to the receipt printer."""
    from kiosk.service import Ready
    from ui.screenshots import _states

    fake.health_map["document_printer"] = Ready()
    states = dict(_states(fake_ui, fake))
    states["result-a4"]()
    wait_until(lambda: fake_ui.instant.state == "verified", 10, "verified")
    assert fake_ui.instant.view["a4Printer"] is True
    assert find(fake_ui.window, "btnPrintResult") is not None
    assert find(fake_ui.window, "resultA4Only") is None
    fake_ui.instant.printResult()
    wait_until(lambda: fake_ui.instant.printState == "printed", 10, "printed")
    assert fake.instant_printed_a4 == [fake_ui.instant.view["resultId"]]
    assert fake.instant_printed == []


def test_the_maintenance_screen_names_the_a4_printer(fake_ui: Any, fake: Any) -> None:
    from kiosk.service import Ready
    from ui.screenshots import _states

    fake.health_map["document_printer"] = Ready()
    dict(_states(fake_ui, fake))["maintenance"]()
    wait_until(lambda: fake_ui.maintenance.health, 10, "device rows")
    labels = {r["name"]: r["label"] for r in fake_ui.maintenance.health}
    assert labels["document_printer"] == "A4 打印机"
    wait_until(lambda: find(fake_ui.window, "health_document_printer") is not None, 5, "row")
    assert _text(fake_ui, "health_document_printer").startswith("A4 打印机：正常")
    fake_ui.session.setLanguage("en")
    wait_until(lambda: _text(fake_ui, "health_document_printer").startswith("A4 printer: OK"), 5)


@pytest.fixture(scope="module")
def cupsd() -> Iterator[None]:
    """CUPS for this module's last test only (stopped after it, if this module started it)."""
    from cups_session import cupsd_running

    yield from cupsd_running()


def test_an_a4_only_certificate_is_printed_through_cups_and_its_qr_reads_back(
    a4_kiosk: Any, a4_ui: Any, tmp_path: Path
) -> None:
    """A resident reads their card, asks for 无犯罪记录证明 (A4 only): the seal verifies, 打印
    goes to the A4 printer through a real CUPS (the cups-pdf simulator queue), and the QR on
    the printed page — read from the paper's image — names this very document."""
    from cups_session import qr_codes_of

    ui, kiosk = a4_ui, a4_kiosk
    _to_result(ui, kiosk, "无犯罪记录证明", "无犯罪记录")
    assert ui.instant.state == "verified", ui.instant.view
    assert ui.instant.view["a4Printer"] is True
    assert find(ui.window, "resultA4Only") is None
    receipts_before = len(_printed_texts(kiosk))
    tap(ui.window, "btnPrintResult")
    wait_until(lambda: ui.instant.printState not in ("", "printing"), 120, "printed")
    assert ui.instant.printState == "printed", ui.instant.view
    out = kiosk.sim_dir / "document_printer" / "out"
    wait_until(lambda: list(out.glob("*.pdf")), 30, "the page from cups-pdf")
    (pdf,) = out.glob("*.pdf")
    (qr,) = qr_codes_of(pdf, tmp_path)
    assert qr.startswith(f"BMKDOC1|{ui.instant.view['resultId']}|"), qr
    assert len(_printed_texts(kiosk)) == receipts_before  # never on the receipt printer
    tap(ui.window, "btnResultDone")
    steps.on(ui, "rating")
