"""English complete (issue 12): every screen, walked in English over the sample catalog, shows
no Chinese in any visible text item — except the resident's own data (what their card says and
what they typed) and the official names the catalog marks ``zh_only``.

The states are those of ``kiosk screenshots`` (``ui.screenshots._states``: errors, offline
strip, idle warning, display settings, home confirmation…), the application journey of several
items (every kind of field, material and time limit of the sample catalog), every item's guide
(window-only items included), a foreign permanent resident and a Hong Kong/Macao/Taiwan
residence permit holder on the form, and a status whose platform note has no English.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import Any

import pytest

from kiosk.service import IdentityOutcome, PersonView
from ui.driving import find, settle, visible_in_tree, wait_until, walk
from ui.fakes import FOREIGN_PERSON
from ui.screenshots import _states, show_state

HAN = re.compile("[\u2e80-\u2fff\u3005-\u3007\u3021-\u3029\u3400-\u9fff\uf900-\ufaff]")
FULL_WIDTH = re.compile("[\u3000-\u3003\u3008-\u3011\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40]")
"""Ideographic space and punctuation (、。〈〉《》「」【】) and the full-width forms (：，（）！…)."""

REF = "KIOSK-DEMO-0001-20261127-0001"
TEXT_TYPES = ("QQuickText", "QQuickTextInput", "QQuickTextEdit")

HMT_PERSON = PersonView(
    channel="id_card",
    holder="陈*  810000********0013",
    prefill={
        "name": "陈大文",
        "id_number": "810000199001010013",
        "gender": "男",
        "birth_date": "1990-01-01",
        "address": "香港特别行政区九龙弥敦道1号",
    },
    card_type="hmt_residence",
)


def visible_texts(window: Any) -> Iterator[tuple[Any, str]]:
    """Every text item a resident can see now (Text, TextInput, TextEdit: labels, buttons,
    fields, placeholders) with its text."""
    for it in walk(window.contentItem()):
        if not any(it.inherits(t) for t in TEXT_TYPES):
            continue
        if not visible_in_tree(it) or it.width() <= 0 or it.height() <= 0:
            continue
        text = str(it.property("text") or "").strip()
        if text:
            yield it, text


def _inside(item: Any, name: str) -> bool:
    while item is not None:
        if item.objectName() == name:
            return True
        item = item.parentItem()
    return False


def official_names(items: list[dict[str, Any]]) -> set[str]:
    """The Chinese values the catalog marks as official names that stay Chinese."""
    out: set[str] = set()
    for it in items:
        for path in it.get("zh_only", []):
            obj: Any = it
            keys = path.split(".")
            for k in keys[:-1]:
                obj = obj.get(k, {})
            objs = obj if isinstance(obj, list) else [obj]
            for o in objs:
                v = o.get(keys[-1]) if isinstance(o, dict) else None
                out.update(v if isinstance(v, list) else [v] if isinstance(v, str) else [])
        out.update(m["name"] for m in it.get("materials", []) if m.get("zh_only"))
    return {v for v in out if v}


class Walk:
    """Collects, per state, the visible texts that still hold Chinese or full-width
    punctuation once the exempt strings are taken out."""

    def __init__(self, ui: Any, fake: Any) -> None:
        self.ui = ui
        self.official = official_names(fake.items)
        # the terminal's settings as maintenance mode shows them (a technician's data, e.g. a
        # Chinese terminal name): values, not interface text
        self.official |= {f.value for f in fake.maintenance.config_fields() if f.value}
        self.problems: dict[str, list[str]] = {}
        self.seen = 0

    def resident_data(self) -> set[str]:
        """What this resident's card says (the identity the journey holds) and what they typed."""
        j = self.ui.journey
        out = set(j.form.values()) if j.form else set()
        if j.person is not None:
            out |= set(j.person.prefill.values())
        # 委托代办: the agent and the principal, masked (张*  110105********002X)
        d = self.ui.delegation
        out |= {d.agent, d.principal}
        # their own records as the platform holds them (我的空间), Chinese only (the screen
        # says so): the names of items, benefits, policies and licenses, untranslated notes
        space = self.ui.my_space.view
        for a in space.get("applications", []):
            out |= {a["name"]} | ({a["nextStep"]} if a["nextInChinese"] else set())
        for b in space.get("benefits", []):
            out |= {b["name"], b["policy"], b["amount"]}
        for x in space.get("licenses", []):
            out |= {x["name"], x["issuer"], x["verifiedBy"]}
        return {v for v in out if isinstance(v, str) and v}

    def check(self, state: str) -> None:
        assert self.ui.session.language == "en"
        exempt = sorted(self.official | self.resident_data(), key=len, reverse=True)
        self.seen += 1
        for item, text in visible_texts(self.ui.window):
            rest = text
            for e in exempt:
                rest = rest.replace(e, "")
            if rest == "中文" and _inside(item, "btnLanguage"):
                continue  # the way back to Chinese is named in Chinese
            if HAN.search(rest) or FULL_WIDTH.search(rest):
                self.problems.setdefault(state, []).append(text)

    def report(self) -> str:
        """Each offending text once, with the first state that showed it."""
        first: dict[str, str] = {}
        for state, texts in self.problems.items():
            for t in texts:
                first.setdefault(t, state)
        return "\n".join(f"{state}: {t!r}" for t, state in first.items())


def _journey_items(items: list[dict[str, Any]]) -> list[str]:
    """Items that between them have every field type, input format, material flag, time-limit
    unit, fee and commitment of the catalog (a few items, not all 109)."""
    chosen: list[str] = []
    covered: set[str] = set()
    for it in items:
        if "kiosk" not in it.get("handling_forms", ["kiosk"]):
            continue
        traits = {f"field:{f['type']}:{f.get('format', '')}" for f in it["form"]["fields"]}
        traits |= {f"prefill:{f.get('prefill')}" for f in it["form"]["fields"]}
        for m in it["materials"]:
            traits |= {f"mat:{k}" for k in ("elicense", "may_be_missing") if m.get(k)}
            traits.add(f"form:{m['form']}:{m.get('copies', 1) > 1}")
        traits.add(f"limit:{it['promised_time_limit'].get('unit')}")
        traits.add(f"fees:{bool(it.get('fees'))}")
        traits.add(f"commitment:{bool(it.get('commitment'))}")
        if traits - covered:
            chosen.append(it["item_code"])
            covered |= traits
    return chosen


JOURNEY = (
    "guide",
    "identify-waiting",
    "identify-pulled",
    "identify-expired",
    "form",
    "form-errors",
    "materials-done",
    "materials-jam",
    "review",
    "receipt",
    "receipt-paperout",
    "rating-bad",
    "rating-more",
    "done",
)


@pytest.fixture
def english_ui(fake_ui: Any) -> Any:
    return fake_ui


def test_every_screen_in_english_shows_no_chinese(english_ui: Any, fake: Any) -> None:
    ui = english_ui
    w = Walk(ui, fake)
    for name, setup in _states(ui, fake):
        show_state(ui, name, setup, elder=False, language="en")
        w.check(name)
        if name in ("attract", "guide", "form", "receipt", "idle-warning"):
            ui.set_elder(True)  # elder mode's own labels
            settle(40)
            w.check(f"{name} (elder)")
            ui.set_elder(False)
    states = len(_states(ui, fake))
    for code in _journey_items(fake.items):
        for name, setup in _states(ui, fake, item_code=code):
            if name in JOURNEY:
                show_state(ui, name, setup, elder=False, language="en")
                w.check(f"{code} {name}")
    for it in fake.items:  # every guide, window-only items too
        ui.session.home()
        ui.session.setLanguage("en")
        ui.session.go("finder")
        ui.catalog.select(it["item_code"])
        settle(30)
        assert ui.session.screen == "guide"
        w.check(f"guide {it['item_code']} {it['name']}")
    assert w.seen >= states + len(fake.items)
    assert w.problems == {}, w.report()


def _form_as(ui: Any, fake: Any, person: PersonView) -> None:
    states = dict(_states(ui, fake))
    states["identify"]()
    fake.identity_outcome = IdentityOutcome("ok", person)
    ui.session.setLanguage("en")
    ui.identify.start("id_card")
    wait_until(lambda: ui.session.screen == "form", what="form")
    settle(60)


def _texts(ui: Any) -> list[str]:
    return [t for _, t in visible_texts(ui.window)]


def test_foreign_permanent_resident_sees_their_english_name_and_card_number_label(
    english_ui: Any, fake: Any
) -> None:
    ui = english_ui
    _form_as(ui, fake, FOREIGN_PERSON)
    texts = _texts(ui)
    assert any("SMITH, JOHN ROBERT" in t for t in texts), texts
    assert any(t.startswith("Foreign permanent resident ID number") for t in texts), texts
    assert not any(t.startswith("Citizen ID number") for t in texts), texts  # the label
    # the card's own number is not refused as a bad citizen ID number
    assert [t for t in texts if t.startswith("! ") and "ID number" in t] == []
    w = Walk(ui, fake)
    w.check("form (foreign permanent resident)")
    assert w.problems == {}, w.report()
    ui.session.setLanguage("zh_CN")
    settle(40)
    texts = _texts(ui)
    assert any(t.startswith("外国人永久居留身份证号码") for t in texts), texts
    assert any("SMITH, JOHN ROBERT" in t for t in texts), texts


def test_residence_permit_holder_sees_residence_permit_number(english_ui: Any, fake: Any) -> None:
    ui = english_ui
    _form_as(ui, fake, HMT_PERSON)
    texts = _texts(ui)
    assert any(t.startswith("Residence permit number") for t in texts), texts
    w = Walk(ui, fake)
    w.check("form (residence permit)")
    assert w.problems == {}, w.report()


def test_identify_offers_every_card_the_reader_takes(english_ui: Any, fake: Any) -> None:
    ui = english_ui
    show_state(ui, "identify", dict(_states(ui, fake))["identify"], elder=False, language="en")
    shown = " ".join(_texts(ui))
    assert "Resident ID card" in shown
    assert "foreign permanent resident id card" in shown.lower()
    assert "residence permit" in shown.lower()
    ui.session.setLanguage("zh_CN")
    settle(40)
    shown = " ".join(_texts(ui))
    assert "外国人永久居留身份证" in shown and "港澳台居民居住证" in shown


def test_plurals_read_as_english(english_ui: Any, fake: Any) -> None:
    """ "1 copy", "2 copies", "1 working day": Qt's numerus forms, not "cop(ies)"."""
    ui = english_ui
    one_copy = next(
        it for it in fake.items if any(m.get("copies", 1) == 1 for m in it["materials"])
    )
    ui.session.go("finder")
    ui.catalog.select(one_copy["item_code"])
    ui.session.setLanguage("en")
    settle(60)
    shown = " ".join(_texts(ui))
    assert re.search(r"\b1 copy\b", shown), shown
    assert "cop(ies)" not in shown and "1 working days" not in shown
    several = [it for it in fake.items if any(m.get("copies", 1) > 1 for m in it["materials"])]
    if several:
        ui.session.home()
        ui.session.setLanguage("en")
        ui.session.go("finder")
        ui.catalog.select(several[0]["item_code"])
        settle(60)
        assert re.search(r"\b\d+ copies\b", " ".join(_texts(ui)))


def test_platform_note_without_english_is_shown_with_a_notice(english_ui: Any, fake: Any) -> None:
    ui = english_ui
    _states(ui, fake)  # the demo application's status, as the screenshots show it
    st = fake.statuses[REF]
    notes = {"received": ("已收件", "Received"), "accepted": ("材料齐全", "")}  # no English
    fake.statuses[REF] = dataclasses.replace(
        st,
        history=[
            dict(h, note=notes[h["status"]][0], note_en=notes[h["status"]][1])
            if h["status"] in notes
            else h
            for h in st.history
        ],
    )
    ui.session.go("status")
    ui.session.setLanguage("en")
    ui.status.setRef(REF)
    ui.status.lookup()
    wait_until(lambda: ui.status.state == "found", what="status")
    settle(60)
    texts = _texts(ui)
    received = next(t for t in texts if t.startswith("· 2026-11-27 16:31"))
    assert "Received" in received and "已收件" not in received
    accepted = next(t for t in texts if t.startswith("· 2026-11-27 17:12"))
    assert "材料齐全" in accepted and "Available in Chinese only" in accepted
    ui.session.setLanguage("zh_CN")
    settle(40)
    assert any("已收件" in t for t in _texts(ui))
    assert find(ui.window, "statusLabel") is not None


def test_counts_read_as_english_plurals(english_ui: Any) -> None:
    """Qt's numerus forms for every counted unit the screens show, and the core's time limits
    (the receipt's "next steps" line and the paper)."""
    from PySide6.QtCore import QCoreApplication

    from kiosk.domain.items import TimeLimit

    english_ui.session.setLanguage("en")
    settle(20)

    def tr(context: str, source: str, n: int) -> str:
        return QCoreApplication.translate(context, source, "", n)

    idle = "%n 秒后将清除本次填写的信息并回到首页。"
    assert tr("IdleDialog", idle, 1).startswith("In 1 second what")
    assert tr("IdleDialog", idle, 30).startswith("In 30 seconds what")
    later = "暂时没有，容缺后补（%n 个工作日内）"
    assert tr("MaterialsScreen", later, 1).endswith("(within 1 working day)")
    assert tr("MaterialsScreen", later, 5).endswith("(within 5 working days)")
    assert tr("AttractScreen", "%n 项服务", 1) == "1 service"
    assert tr("GuideScreen", "%n 个工作日", 1) == "1 working day"
    assert tr("GuideScreen", "%n 份", 2) == "2 copies"
    assert TimeLimit(1, "working_days").text_en() == "1 working day"
    assert TimeLimit(15, "calendar_days").text_en() == "15 calendar days"
