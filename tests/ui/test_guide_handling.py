"""The guide screen respects ``handling_forms`` and speaks English: an item that needs the
person at a window (结婚登记) offers no 开始办理 but prints its guide, on the real kiosk with
the capture printer; an English guide shows no Han characters except names the catalog marks
as official; where the catalog has no English, the guide says so once."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ui.driving import find, settle, tap, type_into, visible_in_tree, wait_until, walk

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _printed_texts(kiosk: Any) -> list[str]:
    out = kiosk.sim_dir / "printer"
    texts = []
    for p in sorted(out.glob("job-*.json")):
        meta = json.loads(p.read_text())
        texts.append(Path(meta["files"]["txt"]).read_text(encoding="utf-8"))
    return texts


def _on(ui: Any, screen: str) -> None:
    wait_until(lambda: ui.session.screen == screen, 15, f"screen {screen!r}")
    settle(30)


def _open_guide(ui: Any, query: str, name: str) -> str:
    w = ui.window
    tap(w, "btnStart")
    _on(ui, "finder")
    type_into(w, "field_search", query)
    code = next(it["item_code"] for it in ui.backend.catalog_items() if it["name"] == name)
    wait_until(lambda: find(w, "item_" + code) is not None, 5, "search result")
    tap(w, "item_" + code)
    _on(ui, "guide")
    return code


def _guide_texts(ui: Any) -> list[str]:
    """The text of every visible text item on the guide screen (the page, not the header)."""
    page = find(ui.window, "screenFlick")  # the current screen's page
    root = page if page is not None else ui.window.contentItem()
    texts = []
    for it in walk(root):
        if not visible_in_tree(it):
            continue
        value = it.property("text")
        if isinstance(value, str) and value.strip():
            texts.append(value)
    return texts


def test_marriage_registration_offers_the_guide_and_its_print_not_a_form(
    kiosk: Any, ui: Any
) -> None:
    w = ui.window
    _open_guide(ui, "结婚登记", "内地居民结婚登记")
    assert find(w, "btnApply") is None  # no 开始办理: it cannot be submitted here
    notice = find(w, "windowOnlyNotice")
    assert notice is not None and "窗口" in notice.property("text")
    assert any("婚姻登记处" in t for t in _guide_texts(ui))  # where to go
    tap(w, "btnPrintGuide")
    wait_until(lambda: ui.catalog.guidePrint not in ("", "printing"), 20, "guide print finished")
    assert ui.catalog.guidePrint == "printed", ui.catalog.guidePrint
    wait_until(
        lambda: any("内地居民结婚登记" in t and "婚姻登记处" in t for t in _printed_texts(kiosk)),
        10,
        "the guide with the registry's address in the printer",
    )
    ui.catalog.startApplying()  # even called directly, it does not go on to identify
    settle(30)
    assert ui.session.screen == "guide"


def test_an_item_the_kiosk_can_take_still_offers_apply(kiosk: Any, ui: Any) -> None:
    _open_guide(ui, "失业保险金", "失业保险金申领")
    assert find(ui.window, "btnApply") is not None
    assert find(ui.window, "windowOnlyNotice") is None


def test_english_guide_shows_no_chinese_except_official_names(kiosk: Any, ui: Any) -> None:
    ui.session.setLanguage("en")
    settle(30)
    code = _open_guide(ui, "shiye", "失业保险金申领")
    item = next(it for it in ui.backend.catalog_items() if it["item_code"] == code)
    official = item["legal_basis"] if "legal_basis" in item.get("zh_only", []) else []
    texts = _guide_texts(ui)
    assert any("Unemployment insurance benefit" in t for t in texts)
    han = [t for t in texts if HAN.search(t) and not any(o in t for o in official)]
    assert han == []
    assert find(ui.window, "zhOnlyNotice") is None  # everything has English
    joined = "\n".join(texts)
    assert "cop(ies)" not in joined and "1 copy" in joined  # plurals through Qt's numerus
    assert re.search(r"Promised within \d+ (working|calendar) days? \(legal limit", joined)
    assert not re.search(r"\b1 (working|calendar) days\b", joined)


def test_switching_to_english_on_the_guide_translates_the_catalog_text(kiosk: Any, ui: Any) -> None:
    _open_guide(ui, "结婚登记", "内地居民结婚登记")
    assert any("婚姻登记处" in t for t in _guide_texts(ui))
    ui.session.setLanguage("en")
    settle(50)
    texts = _guide_texts(ui)
    assert any("Dongcheng District Marriage Registry" in t for t in texts)
    assert [t for t in texts if HAN.search(t)] == []
    notice = find(ui.window, "windowOnlyNotice")
    assert notice is not None and "in person" in notice.property("text")


def test_english_guide_without_english_in_the_catalog_says_chinese_only(
    fake: Any, fake_ui: Any
) -> None:
    ui = fake_ui
    item = next(it for it in fake.items if it["name"] == "失业保险金申领")
    item.pop("conditions_en", None)
    ui.catalog.reload()
    ui.session.setLanguage("en")
    ui.session.go("finder")
    ui.catalog.select(item["item_code"])
    _on(ui, "guide")
    notice = find(ui.window, "zhOnlyNotice")
    assert notice is not None and notice.property("text") == "Available in Chinese only"
    texts = _guide_texts(ui)
    assert any(item["conditions"][0] in t for t in texts)  # the Chinese, not nothing
    assert sum(t == "Available in Chinese only" for t in texts) == 1
