"""Nothing moves under the finger (issue 12): the primary buttons of a screen (next, submit,
send, home, back) stay where they are, to the pixel, while things change on their own around
them — the offline strip coming and going mid-form, a validation message under a field, a ✓ on
a chosen option, the on-screen keyboard opening and its Pinyin suggestion bar filling in, the
idle warning, the materials "next" button becoming usable after a scan, a wrong phone number
greying out "send". The keyboard never covers a primary button, a greyed-out primary button
stays readable (≥ 4.5:1) and says why it is grey right next to it.

Real kiosk: the simulated devices on their OS paths, the platform simulator over loopback
HTTP (cut and restored through the developer panel's network switch), the real QML window
driven by taps and the real Qt Virtual Keyboard."""

from __future__ import annotations

import threading
from typing import Any

import ui_steps as steps
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor
from test_layout import _rendered
from test_pinyin_search import _tap_key

from ui.driving import find, find_all, settle, tap, type_into, visible_in_tree, wait_until, walk
from ui.theme import contrast_ratio

TOLERANCE_PX = 1.0
FORM_PRIMARY = ["btnFormNext", "btnHome", "btnBack"]


def _rect(item: Any) -> QRectF:
    p = item.mapToScene(QPointF(0, 0))
    return QRectF(p.x(), p.y(), item.width(), item.height())


def _record(window: Any, names: list[str]) -> dict[str, QRectF]:
    _rendered(window)
    out = {}
    for n in names:
        it = find(window, n)
        assert it is not None, f"no visible {n!r}"
        out[n] = _rect(it)
    return out


def _show(r: QRectF) -> str:
    return f"({r.x():.0f}, {r.y():.0f}, {r.width():.0f}×{r.height():.0f})"


def _moved(window: Any, before: dict[str, QRectF], change: str) -> list[str]:
    """What moved or changed size (beyond TOLERANCE_PX) since ``before``, in words."""
    _rendered(window)
    problems = []
    for n, r in before.items():
        it = find(window, n)
        if it is None:
            problems.append(f"{change}: {n} is gone")
            continue
        now = _rect(it)
        if any(
            abs(a - b) > TOLERANCE_PX
            for a, b in [
                (r.x(), now.x()),
                (r.y(), now.y()),
                (r.width(), now.width()),
                (r.height(), now.height()),
            ]
        ):
            problems.append(f"{change}: {n} {_show(r)} → {_show(now)}")
    return problems


def _covered_by_keyboard(window: Any, names: list[str], change: str) -> list[str]:
    kb = find(window, "keyboard")
    if kb is None:
        return []
    k = _rect(kb)
    return [
        f"{change}: the keyboard {_show(k)} covers {n}"
        for n in names
        if (it := find(window, n)) is not None and _rect(it).intersects(k)
    ]


def _on_screen(window: Any, item: Any) -> bool:
    """Wholly visible: inside the window, inside every clipping ancestor (a scrolled-away
    text is not), not under the keyboard."""
    if not visible_in_tree(item):
        return False
    r = _rect(item)
    if not QRectF(0, 0, window.width(), window.height()).contains(r):
        return False
    it = item.parentItem()
    while it is not None:
        if it.clip() and not _rect(it).adjusted(-1, -1, 1, 1).contains(r):
            return False
        it = it.parentItem()
    kb = find(window, "keyboard")
    return kb is None or not _rect(kb).intersects(r)


def _opaque_behind(item: Any) -> QColor:
    it = item.parentItem()
    while it is not None:
        if it.inherits("QQuickRectangle") and it.property("color").alpha() == 255:
            return it.property("color")
        it = it.parentItem()
    return QColor("#ffffff")


def _mix(c: QColor, behind: QColor, opacity: float) -> str:
    def ch(a: int, b: int) -> int:
        return round(a * opacity + b * (1 - opacity))

    return QColor(
        ch(c.red(), behind.red()), ch(c.green(), behind.green()), ch(c.blue(), behind.blue())
    ).name()


def _label_contrast(button: Any) -> float:
    """The button's label against its own fill, as drawn (its opacity over what is behind)."""
    label = button.property("contentItem")
    fill = button.property("background")
    behind = _opaque_behind(button)
    opacity = 1.0
    it = button
    while it is not None:
        opacity *= it.opacity()
        it = it.parentItem()
    fill_colour = fill.property("color")
    fill_drawn = _mix(fill_colour, behind, opacity * fill_colour.alphaF())
    text_drawn = _mix(label.property("color"), QColor(fill_drawn), opacity)
    return contrast_ratio(text_drawn, fill_drawn)


def _texts_containing(window: Any, words: str) -> list[Any]:
    return [
        it
        for it in walk(window.contentItem())
        if it.inherits("QQuickText")
        and words in str(it.property("text") or "")
        and visible_in_tree(it)
    ]


def _candidates_shown(window: Any) -> bool:
    kb = find(window, "keyboard")
    view = next((it for it in walk(kb) if it.objectName() == "wordCandidateView"), None)
    return view is not None and (view.property("count") or 0) > 0


def test_primary_buttons_stay_put_while_things_change_around_them(kiosk: Any, ui: Any) -> None:
    w = ui.window
    problems: list[str] = []
    steps.find_service(ui)
    loader = find(w, "keyboardLoader")
    wait_until(lambda: loader.property("item") is not None, 10, "keyboard made")
    steps.identify_by_card(ui, kiosk)

    # -- the form: the offline strip comes and goes while the resident fills it in
    reason = next(f for f in ui.form.fields if f["name"] == "leave_reason")
    options = [f"opt_leave_reason_{o['value']}" for o in reason["options"]]
    under_finger = ["field_phone", "field_last_employer", *options]
    before = _record(w, FORM_PRIMARY + under_finger)
    kiosk.control("network_down")
    wait_until(lambda: not ui.devices.online, 15, "offline shown")
    wait_until(lambda: find(w, "notice_platform") is not None, 5, "the offline strip")
    problems += _moved(w, before, "offline strip shown")
    kiosk.control("network_up")
    wait_until(lambda: ui.devices.online, 15, "online again")
    wait_until(lambda: find(w, "notice_platform") is None, 5, "the strip gone")
    problems += _moved(w, before, "offline strip gone")

    # -- a ✓ on the chosen option: it and its neighbours keep their places and sizes
    tap(w, options[0])
    wait_until(
        lambda: next(f for f in ui.form.fields if f["name"] == "leave_reason")["value"] != "",
        5,
        "option chosen",
    )
    problems += _moved(w, before, "option chosen (✓)")

    # -- a validation message under a field
    type_into(w, "field_phone", "123")
    wait_until(lambda: _texts_containing(w, "！") != [], 5, "the phone's message")
    problems += _moved(w, {n: before[n] for n in FORM_PRIMARY}, "validation message")
    type_into(w, "field_phone", steps.FORM_VALUES["phone"])

    # -- the on-screen keyboard (Pinyin) opens, then its suggestion bar fills in
    primary = {n: before[n] for n in FORM_PRIMARY}
    tap(w, "field_last_employer")
    wait_until(lambda: find(w, "keyboard") is not None, 10, "keyboard shown")
    problems += _moved(w, primary, "keyboard opened")
    problems += _covered_by_keyboard(w, FORM_PRIMARY, "keyboard opened")
    for letter in "bei":
        _tap_key(ui, letter)
    wait_until(lambda: _candidates_shown(w), 5, "Pinyin suggestions")
    problems += _moved(w, primary, "keyboard suggestion bar")
    problems += _covered_by_keyboard(w, FORM_PRIMARY, "keyboard suggestion bar")

    # -- the idle warning: the keyboard does not stay live on top of it
    ui.session.set_idle(30, 30)
    settle(20)
    ui.session.tick()
    wait_until(lambda: find(w, "idleDialog") is not None, 5, "the idle warning")
    _rendered(w)
    if find(w, "keyboard") is not None:
        problems.append("idle warning: the keyboard is still shown on top of it")
    if find(w, "field_last_employer").property("text") != "":
        problems.append("idle warning: the half-typed Pinyin was committed as a character")
    if not _on_screen(w, find(w, "btnMoreTime")):
        problems.append("idle warning: 我还需要时间 is not wholly visible")
    tap(w, "btnMoreTime")
    ui.session.set_idle(600, 30)
    wait_until(lambda: find(w, "idleDialog") is None, 5, "the warning gone")
    problems += _moved(w, primary, "idle warning gone")

    # -- materials: "next" is grey until everything required is there, then usable in place
    steps.fill_form(ui)
    mat_primary = ["btnMaterialsNext", "btnHome", "btnBack"]
    before = _record(w, mat_primary)
    nxt = find(w, "btnMaterialsNext")
    assert not nxt.isEnabled()
    if (c := _label_contrast(nxt)) < 4.5:
        problems.append(f"materials: the grey 'next' reads at {c:.2f}:1 (< 4.5:1)")
    tap(w, "btnMissing_termination")
    tap(w, "btnCommit")
    problems += _moved(w, before, "materials: 容缺 and 告知承诺")
    for _attempt in range(3):  # a scanner still warming up on a loaded machine may time out once
        tap(w, "btnScan_id_card")
        wait_until(lambda: ui.materials.busy == "", 60, "scan")
        if next(r for r in ui.materials.rows if r["id"] == "id_card")["status"] == "scanned":
            break
    wait_until(lambda: ui.materials.canContinue, 5, "materials complete")
    problems += _moved(w, before, "materials: next enabled after the scan")
    if (c := _label_contrast(find(w, "btnMaterialsNext"))) < 4.5:
        problems.append(f"materials: the usable 'next' reads at {c:.2f}:1 (< 4.5:1)")
    tap(w, "btnMaterialsNext")
    steps.on(ui, "review")

    # -- rating: a wrong phone number greys out "send" and says why next to it
    steps.submit(ui)
    tap(w, "btnToRating")
    steps.on(ui, "rating")
    tap(w, "rate_4")
    tap(w, "btnRatingMore")
    rating_primary = ["btnSendRating", "btnSkipRating", "btnHome"]
    before = _record(w, rating_primary)
    type_into(w, "field_ratingContact", "1380013800")
    wait_until(lambda: ui.rating.contactInvalid, 5, "the phone refused")
    send = find(w, "btnSendRating")
    assert not send.isEnabled()
    problems += _moved(w, before, "rating: send greyed out by the phone")
    reasons = [t for t in _texts_containing(w, "电话号码") if _on_screen(w, t)]
    near = [t for t in reasons if abs(_rect(t).bottom() - _rect(send).top()) < 3 * send.height()]
    if not near:
        problems.append("rating: 'send' is grey and no reason is visible next to it")
    if (c := _label_contrast(send)) < 4.5:
        problems.append(f"rating: the grey 'send' reads at {c:.2f}:1 (< 4.5:1)")

    assert problems == [], "\n".join(problems)


def test_a_first_notice_in_the_strip_moves_nothing(fake_ui: Any, fake: Any) -> None:
    """From no notice at all to one (the network drops mid-form): the form stays put."""
    from kiosk.service import Unavailable
    from ui.screenshots import _states, show_state

    show_state(fake_ui, "form", dict(_states(fake_ui, fake))["form"], elder=False)
    assert fake_ui.devices.notices == []
    names = FORM_PRIMARY + [
        it.objectName()
        for it in find_all(fake_ui.window, "field_") + find_all(fake_ui.window, "opt_")
    ]
    before = _record(fake_ui.window, names)
    fake.health_map["platform"] = Unavailable("offline")
    fake_ui.devices.poll_now()
    wait_until(lambda: find(fake_ui.window, "notice_platform") is not None, 5, "the notice")
    assert _moved(fake_ui.window, before, "first notice") == []


def test_the_materials_next_button_keeps_its_slot_in_every_state(fake_ui: Any, fake: Any) -> None:
    """Over the screens' fake backend: with and without the hint under it, the same rectangle."""
    from ui.screenshots import _states, show_state

    states = dict(_states(fake_ui, fake))
    show_state(fake_ui, "materials", states["materials"], elder=False)
    before = _record(fake_ui.window, ["btnMaterialsNext"])
    assert not find(fake_ui.window, "btnMaterialsNext").isEnabled()
    show_state(fake_ui, "materials-done", states["materials-done"], elder=False)
    assert fake_ui.materials.canContinue
    assert _moved(fake_ui.window, before, "materials done") == []
    assert find_all(fake_ui.window, "btnMaterialsNext")[0].isEnabled()


def test_buttons_keep_their_slots_when_an_answer_comes_back(fake_ui: Any, fake: Any) -> None:
    """A failed card read swaps 换一种方式 for 再试一次 in the same slot; the receipt's
    下一步 stays put when the printing ends, 返回首页 when a problem report has been sent."""
    from kiosk.service import IdentityOutcome
    from ui.screenshots import _states, show_state

    ui, w = fake_ui, fake_ui.window
    states = dict(_states(ui, fake))
    show_state(ui, "identify", states["identify"], elder=False, language="en")
    fake.identity_delay_s = 0.5
    fake.identity_outcome = IdentityOutcome("card_error", reason="pulled")
    ui.identify.start("id_card")
    wait_until(lambda: ui.identify.state == "waiting", 5, "reading")
    before = _record(w, ["btnIdentifyCancel", "btnIdentifyHelp", "btnHome"])
    wait_until(lambda: ui.identify.state == "error", 5, "the read failed")
    fake.identity_delay_s = 0.0
    after = _record(w, ["btnIdentifyRetry"])
    assert _moved(w, {k: before[k] for k in ("btnIdentifyHelp", "btnHome")}, "read failed") == []
    assert after["btnIdentifyRetry"] == before["btnIdentifyCancel"]

    gate = threading.Event()
    printing = fake.print_receipt
    fake.print_receipt = lambda application_id: (gate.wait(10), printing(application_id))[1]
    show_state(ui, "review", states["review"], elder=False)
    ui.submission.submit()
    wait_until(lambda: ui.session.screen == "receipt", 10, "the receipt screen")
    wait_until(lambda: ui.submission.printState == "printing", 5, "printing")
    before = _record(w, ["btnToRating", "btnHome"])
    gate.set()
    wait_until(lambda: ui.submission.printState == "printed", 10, "printed")
    assert _moved(w, before, "receipt printed") == []

    show_state(ui, "problem", states["problem"], elder=False)
    before = _record(w, ["btnProblemBack", "btnProblemSend"])
    tap(w, "btnProblemSend")
    wait_until(lambda: ui.problem.state == "sent", 10, "the problem stored")
    assert _moved(w, before, "problem sent") == []
