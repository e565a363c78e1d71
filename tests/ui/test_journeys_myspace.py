"""我的空间 (issue 16 item 3) through the real interface: the start screen's 我的空间, the
identify screen without an item, the card read by the simulated ID card reader on its pty and
the platform simulator over loopback HTTP. A resident sees their applications on every channel, their e-licenses and
the 免申即享 benefits they qualify for, confirms one with one tap (the simulator records it
once); a platform answering another person's records is refused with the message alone;
offline the screen says so and leads back. After the session ends nothing of the space is left
in the view-models, the screen, the process's memory, the data directory or the log."""

from __future__ import annotations

import json
import logging
import secrets
from pathlib import Path
from typing import Any

import pytest
import ui_steps as steps
from PySide6.QtGui import QAccessible

from ui.driving import find, find_all, settle, tap, wait_until, walk

REPO = Path(__file__).resolve().parents[2]


def _text(ui: Any, name: str) -> str:
    item = find(ui.window, name)
    assert item is not None, f"{name} not shown"
    return str(item.property("text"))


def _shown_texts(ui: Any) -> str:
    return " ".join(
        str(it.property("text") or "") for it in walk(ui.window.contentItem()) if it.isVisible()
    )


def _step_text(ui: Any) -> str:
    item = find(ui.window, "stepIndicator")
    return str(item.property("text")) if item is not None else ""


def _open_space(ui: Any, read_card: Any) -> None:
    """我的空间 on the start screen, the card (``read_card``), the space fetched."""
    wait_until(lambda: ui.my_space is not None, 10, "the screens' view-models")
    tap(ui.window, "btnMySpace")
    steps.on(ui, "identify")
    assert _step_text(ui) == "第 1 步，共 2 步"  # identify → the space
    read_card()
    steps.on(ui, "myspace", 30)
    wait_until(lambda: ui.my_space.state not in ("idle", "loading"), 45, "the space")
    assert _step_text(ui) == "第 2 步，共 2 步"


def _read_id_card(ui: Any, kiosk: Any, card: Any = None) -> Any:
    def read() -> None:
        if card is None:
            steps.insert_card(kiosk)
        else:
            kiosk.sims["id_reader"].control.update(card=str(card), faults=[])
        wait_until(lambda: ui.identify.available.get("id_card") is True, 20, "card reader")
        tap(ui.window, "btnIdCard")

    return read


def _platform_space(kiosk: Any, id_number: str, name: str) -> tuple[Any, Any]:
    """What the platform holds for this resident (asked directly, as the kiosk would)."""
    from kiosk.ports import platform as pp

    p = kiosk.backend._port("platform")
    r = p.verify_identity(pp.IdentityClaim("resident", id_number, name, None, "id_card"))
    assert isinstance(r, pp.Ok)
    apps, benefits = p.holder_applications(r.data.token, 10), p.holder_benefits(r.data.token, 10)
    assert isinstance(apps, pp.Ok) and isinstance(benefits, pp.Ok)
    return apps.data.records, benefits.data.records


def _confirm_first_benefit(ui: Any) -> tuple[dict[str, Any], str]:
    """Tap 确认领取 on the first benefit awaiting confirmation: (the benefit, its number)."""
    todo = next(b for b in ui.my_space.view["benefits"] if b["canConfirm"])
    button = find(ui.window, "btnConfirm_" + todo["id"])
    assert button is not None and button.isEnabled()
    iface = QAccessible.queryAccessibleInterface(button)
    assert iface.text(QAccessible.Text.Name) == f"确认领取：{todo['name']}"
    tap(ui.window, "btnConfirm_" + todo["id"])
    wait_until(lambda: ui.my_space.confirming == "", 30, "the confirmation's answer")
    shown = next(b for b in ui.my_space.view["benefits"] if b["id"] == todo["id"])
    return shown, shown["confirmationNo"]


# ---------------------------------------------------------------- the journey


def test_a_resident_opens_their_space_and_confirms_a_benefit(kiosk: Any, ui: Any) -> None:
    """With the ID card on the reader's pty: applications from the web portal and the windows
    with status and next step, the e-licenses with their verified seals, the benefits; one tap
    confirms a benefit, the platform records it once, and the screen says so.

    (The social security card through pcscd is not used here: with it, this journey crashed
    the test process now and then — see the branch's report.)"""
    from terminal.devpanel import demo_card

    card = demo_card("resident")
    if not isinstance(card, dict):
        card = json.loads(Path(card).read_text(encoding="utf-8"))
    _open_space(ui, _read_id_card(ui, kiosk))
    assert ui.my_space.state == "ok", ui.my_space.view
    apps, benefits = _platform_space(kiosk, card["id_number"], card["name"])
    view = ui.my_space.view

    # their applications on the other channels, each with its status and next step
    assert {a["no"] for a in view["applications"]} == {a.application_no for a in apps}
    assert {a.channel for a in apps} - {"kiosk"}, "the web portal's or a window's"
    for a in apps:
        assert find(ui.window, "app_" + a.application_no) is not None, a.application_no
        assert _text(ui, "appNext_" + a.application_no) == f"下一步：{a.next_step}"
    assert _text(ui, "spaceAppsTitle") == f"我的办件（{len(apps)}）"
    texts = _shown_texts(ui)
    assert "来自网上办事大厅" in texts or "来自服务窗口" in texts

    # their e-licenses, the seals verified on this terminal
    names = {x["name"] for x in view["licenses"]}
    assert {"居民身份证", "居民户口簿"} <= names
    assert all(x["verifiedBy"] for x in view["licenses"])
    assert find_all(ui.window, "license_")

    # the benefits; one to confirm with one tap
    assert {b["id"] for b in view["benefits"]} == {b.benefit_id for b in benefits}
    shown, number = _confirm_first_benefit(ui)
    assert shown["status"] == "confirmed" and not shown["canConfirm"] and number
    assert _text(ui, "spaceNotice_" + shown["id"]) == "已确认，待遇将按政策发放"
    assert _text(ui, "benefitStatus_" + shown["id"]) == f"已确认（确认编号 {number}）"
    assert find(ui.window, "btnConfirm_" + shown["id"]) is None  # no second confirmation
    (entry,) = kiosk.platform_sim.store.ledger()["benefit_confirmations"]
    assert entry["record_no"] == number and entry["key_seen"] == 1
    _, after = _platform_space(kiosk, card["id_number"], card["name"])
    assert next(b for b in after if b.benefit_id == shown["id"]).status == "confirmed"

    # 完成 ends the session: nothing of the space stays
    tap(ui.window, "btnSpaceDone")
    steps.on(ui, "attract")
    assert ui.my_space.state == "idle" and ui.my_space.view == {}
    assert ui.journey.person is None and not ui.journey.space
    assert not kiosk.backend.in_session
    assert number not in _shown_texts(ui) and card["name"] not in _shown_texts(ui)


def test_another_persons_records_are_refused_with_the_message_alone(kiosk: Any, ui: Any) -> None:
    kiosk.platform_sim.platform.holder_mode = "other_holder"
    _open_space(ui, _read_id_card(ui, kiosk))
    assert ui.my_space.state == "wrong_holder"
    assert _text(ui, "spaceMessage") == "平台返回的记录不属于您，已拒绝显示并记录。请到窗口咨询"
    for hidden in ("spaceAppsTitle", "spaceBenefitsTitle", "spaceLicensesTitle", "btnSpaceRetry"):
        assert find(ui.window, hidden) is None, hidden
    assert not find_all(ui.window, "app_") and not find_all(ui.window, "benefit_")
    assert set(ui.my_space.view) == {"message"}
    audit = [e for e in kiosk.store.audit.entries() if e["event"] == "myspace.wrong_holder"]
    assert audit
    ui.session.setLanguage("en")
    assert "another person" in _text(ui, "spaceMessage")
    ui.session.setLanguage("zh_CN")
    # the way back: the start screen, the resident's display settings kept
    tap(ui.window, "btnSpaceHome")
    steps.on(ui, "attract")
    assert not kiosk.backend.in_session


def test_offline_the_space_says_so_and_leads_back_without_asking_for_a_card(
    kiosk: Any, ui: Any
) -> None:
    kiosk.control("network_down")
    wait_until(lambda: not ui.devices.online, 15, "offline shown")
    wait_until(lambda: ui.my_space is not None, 10, "the screens' view-models")
    tap(ui.window, "btnMySpace")
    steps.on(ui, "myspace")
    assert ui.my_space.state == "offline"
    assert _text(ui, "spaceMessage").startswith("暂时连不上政务服务平台。我的空间需要联网")
    assert _step_text(ui) == ""  # no card was asked for: no step of two
    tap(ui.window, "btnSpaceRetry")  # still offline: it stays and says so
    settle(50)
    assert ui.session.screen == "myspace" and ui.my_space.state == "offline"
    kiosk.control("network_up")
    wait_until(lambda: ui.devices.online, 20, "online again")
    tap(ui.window, "btnSpaceRetry")
    steps.on(ui, "identify")  # now the card
    tap(ui.window, "btnBack")  # and back to the start screen
    steps.on(ui, "attract")


# ---------------------------------------------------------------- the wipe proof


def _valid_id(prefix17: str) -> str:
    from sync.simulator.licenses import mod11_2

    return prefix17 + mod11_2(prefix17)


def _test_config(request: pytest.FixtureRequest) -> dict[str, Any]:
    """The UI tests' configuration (``TEST_CONFIG`` of this folder's conftest, found through
    pytest: ``import conftest`` may name another folder's when several are collected)."""
    here = str(Path(__file__).with_name("conftest.py"))
    plugins = request.config.pluginmanager.get_plugins()
    return next(p for p in plugins if getattr(p, "__file__", None) == here).TEST_CONFIG


@pytest.fixture
def http_kiosk(request: pytest.FixtureRequest, tmp_path: Path, qapp: Any) -> Any:
    """The real kiosk (devices on their OS paths) with the platform simulator in a process of
    its own over loopback HTTP: this process's memory is the kiosk's and the interface's."""
    from wipe_proof import SimProcess

    from kiosk.config import parse_config
    from terminal.root import build

    sim = SimProcess(tmp_path)
    data_dir = tmp_path / "data"
    secret = secrets.token_hex(24).encode()
    (tmp_path / "secrets").mkdir(exist_ok=True)
    config = _test_config(request)
    kiosk_id = config["terminal"]["kiosk_id"]
    (tmp_path / "secrets" / f"{kiosk_id}.secret").write_bytes(secret)
    (data_dir / "keys").mkdir(parents=True)
    (data_dir / "keys" / "platform.secret").write_bytes(secret)
    (data_dir / "keys" / "platform.secret").chmod(0o600)
    raw = {k: dict(v) for k, v in config.items()}
    raw["platform"] = {"kind": "http", "url": sim.url, "timeout_s": 5.0}
    k = build(parse_config(raw), data_dir)
    try:
        yield k
    finally:
        k.close()
        sim.stop()


def test_after_the_session_nothing_of_the_space_is_left(
    http_kiosk: Any, make_ui: Any, tmp_path: Path
) -> None:
    """A resident (an identity no other test uses, made at run time) opens their space and
    confirms a benefit; after 完成 and the card taken away, neither their ID number nor their
    name — nor a license number or an application number of theirs — is in a live object of
    this process, a file of the data directory or the log."""
    from wipe_proof import files_holding, found_in_memory, held_by, raw_log

    kiosk = http_kiosk
    id_number = _valid_id("".join(["110108", "19680521", "031"]))
    name = "".join(["司马", "雨桐"])
    resident = json.loads((REPO / "assets/cards/resident.json").read_text(encoding="utf-8"))
    card = tmp_path / "card.json"  # the card in the reader's slot (outside the data directory)
    card.write_text(
        json.dumps(resident | {"id_number": id_number, "name": name, "birth_date": "1968-05-21"}),
        encoding="utf-8",
    )
    log_file = kiosk.data_dir / "logs" / "ui-test.log"
    with raw_log(log_file, logging.INFO) as handler:
        ui = make_ui(kiosk.backend, dev_control=kiosk.control)
        _open_space(ui, _read_id_card(ui, kiosk, card))
        assert ui.my_space.state == "ok", ui.my_space.view
        _, number = _confirm_first_benefit(ui)
        assert number
        view = ui.my_space.view
        other = next(a["no"] for a in view["applications"] if not a["no"].startswith("KIOSK"))
        needles = [n.encode() for n in (id_number, name, view["licenses"][0]["no"], other)]
        del view, other
        assert found_in_memory(needles)  # the walk does find them while the session lasts

        tap(ui.window, "btnSpaceDone")
        steps.on(ui, "attract")
        kiosk.sims["id_reader"].control.update(card=None)  # the card taken away
        settle(100)
        assert ui.my_space.view == {} and ui.journey.person is None
        assert not kiosk.backend.in_session
        # the simulated reader stands for the card in the resident's hand: what it holds is
        # not the kiosk's (it holds nothing of the kiosk either)
        card_side = held_by([kiosk.sims["id_reader"]])
        assert id(kiosk.backend) not in card_side and id(ui.my_space) not in card_side
        assert found_in_memory(needles, card_side) == []
        handler.flush()
        assert log_file.stat().st_size > 0
        assert files_holding(kiosk.data_dir, needles) == []
        assert files_holding(ui.session.runtime_root, needles) == []  # the sessions' folders


# ---------------------------------------------------------------- on the in-process fake


def test_english_elder_mode_a_refused_confirmation_and_the_idle_timeout(
    fake_ui: Any, fake: Any
) -> None:
    """On the fake (view-model logic and layout only): the space in English says which texts
    are Chinese only; in 长辈版 every confirm button is a big target; a confirmation the platform
    refuses says so and the button stays; the idle timeout wipes the view-model and the
    screen's models."""
    from kiosk.service import ConfirmOutcome
    from ui.screenshots import _states

    ui = fake_ui
    dict(_states(ui, fake))["myspace"]()
    assert ui.my_space.state == "ok" and ui.session.screen == "myspace"
    ui.session.setLanguage("en")
    settle(30)
    view = ui.my_space.view
    assert view["inChinese"] is True
    done = next(a for a in view["applications"] if a["status"] == "completed")
    assert done["nextInChinese"] and done["nextStep"] == "已办结，无需操作"
    window = next(a for a in view["applications"] if a["deadline"])
    assert window["nextStep"].startswith("Bring the missing material")
    assert "Names of services, benefits and policies are in Chinese only." in _shown_texts(ui)
    ui.session.setLanguage("zh_CN")
    ui.set_elder(True)
    settle(30)
    button = find(ui.window, "btnConfirm_BEN-GLJT")
    assert button is not None and button.height() >= ui.theme.targetPx >= 60

    fake.confirm_outcome = ConfirmOutcome(
        "refused", "平台未接受该确认，请到窗口咨询", "The platform did not accept it"
    )
    tap(ui.window, "btnConfirm_BEN-GLJT")
    wait_until(lambda: ui.my_space.confirming == "", 10, "answer")
    assert _text(ui, "spaceNotice_BEN-GLJT") == "平台未接受该确认，请到窗口咨询"
    assert find(ui.window, "btnConfirm_BEN-GLJT") is not None  # it may be tried again
    fake.confirm_outcome = None

    ui.session.set_idle(2, 1)
    wait_until(lambda: ui.session.screen == "attract", 10, "wiped after the timeout")
    settle(50)
    assert ui.my_space.state == "idle" and ui.my_space.view == {}
    assert ui.my_space.confirming == "" and not ui.journey.space
    assert "高龄老年人津贴" not in _shown_texts(ui)


def test_a_confirmation_answered_for_another_person_drops_the_whole_space(
    fake_ui: Any, fake: Any
) -> None:
    from kiosk.service import ConfirmOutcome
    from ui.screenshots import _states

    ui = fake_ui
    dict(_states(ui, fake))["myspace"]()
    fake.confirm_outcome = ConfirmOutcome(
        "wrong_holder", "平台返回的记录不属于您，已拒绝显示并记录。请到窗口咨询", "another person"
    )
    tap(ui.window, "btnConfirm_BEN-GLJT")
    wait_until(lambda: ui.my_space.state == "wrong_holder", 10, "refused")
    settle(30)
    assert set(ui.my_space.view) == {"message"}
    assert not find_all(ui.window, "benefit_") and not find_all(ui.window, "app_")
    assert _text(ui, "spaceMessage").startswith("平台返回的记录不属于您")


def test_the_elder_home_opens_the_space(fake_ui: Any, fake: Any) -> None:
    ui = fake_ui
    ui.set_elder(True)
    wait_until(lambda: find(ui.window, "elderMySpace") is not None, 5, "the elder home")
    ui.ensure_screen_models()
    tap(ui.window, "elderMySpace")
    steps.on(ui, "identify")
    ui.identify.start("id_card")
    steps.on(ui, "myspace")
    wait_until(lambda: ui.my_space.state == "ok", 10, "the space")
    assert ui.theme.elder  # still 长辈版
