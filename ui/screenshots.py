"""``kiosk screenshots``: every screen (and its important states) as PNG files.

Rendered offscreen with the in-process fake backend (``ui.fakes``) so that the pictures are
the same on every machine: one resident with the demo card, the sample catalog, and device
states set per shot. Files are named ``<screen>[-<state>]_<mode>_<language>.png``.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from kiosk.service import (
    IdentityOutcome,
    License,
    PrintOutcome,
    Ready,
    ScanOutcome,
    StatusOutcome,
    Unavailable,
)

DEMO_ITEM_NAME = "失业保险金申领"
INSTANT_TITLES = ("社会保险参保证明", "无犯罪记录证明")
DELEGATION_ITEM_NAME = "高龄津贴申领"
"""委托代办: the item an agent applies for (card or QR authorisation)."""
IN_PERSON_ITEM_NAME = "残疾人证新办"
"""委托代办: an item the person must apply for in person (an agent is refused, with why)."""
TONGBAN_ITEM_NAME = "残疾人证换领、补领"
"""The 通办 item of the screenshots: 跨省通办, 异地代收代办, registered region, posted result."""
"""Instant items (即时办结) of the screenshots: one that fits the receipt, one A4 only."""

LAYOUT_STATES = (
    "attract",
    "attract-elder",
    "attract-offline",
    "finder-search",
    "guide",
    "guide-tongban",
    "identify-waiting",
    "identify-pulled",
    "identify-pin-last",
    "identify-pin-blocked",
    "form-errors",
    "form-datepicker",
    "form-tongban-errors",
    "materials-done",
    "materials-jam",
    "review",
    "submit",
    "receipt-paperout",
    "receipt-tongban",
    "result",
    "result-a4",
    "result-refused",
    "result-offline",
    "myspace-confirmed",
    "myspace-empty",
    "myspace-offline",
    "myspace-wrong-holder",
    "rating-more",
    "done",
    "status-found",
    "problem",
    "help-sent",
    "delegation-refused",
    "delegation-in-person",
    "identify-delegation",
    "settings",
    "home-confirm",
    "idle-warning",
    "out-of-service",
    "closed",
    "maintenance-pin",
    "maintenance",
    "maintenance-selftest",
    "maintenance-config",
    "maintenance-outbox",
    "maintenance-export",
)
"""One state of every screen (the fullest one): what the layout test walks at every size."""


def _demo_item(backend: Any) -> str:
    for it in backend.items:
        if it["name"] == DEMO_ITEM_NAME:
            return it["item_code"]
    return backend.items[0]["item_code"]


def _states(
    ui: Any, fake: Any, item_code: str | None = None
) -> list[tuple[str, Callable[[], None]]]:
    """(name, setup) in journey order; each setup leaves the UI showing that state. The
    journey's states go through ``item_code`` (default: the demo item)."""
    from ui.driving import settle, tap, wait_until

    s = ui.session
    code = item_code or _demo_item(fake)
    window_only = next(  # an item the terminal cannot take (ID card, marriage): guide and print
        (
            it["item_code"]
            for it in fake.items
            if "kiosk" not in it.get("handling_forms", ["kiosk"])
        ),
        code,
    )

    def reset() -> None:
        if ui.shell.outOfService:
            ui.shell.set_out_of_service("")
        ui.sleep.set_hours(None)  # always open, awake
        ui.sleep.wakeByTouch()
        s.home()
        fake.health_map = {n: Ready() for n in fake.health_map}
        ui.devices.poll_now()

    def to_identify() -> None:
        reset()
        s.go("finder")
        ui.catalog.select(code)
        s.go("identify")

    def to_pin(outcome: IdentityOutcome, digits: int) -> None:
        """The social security card asks for its PIN; ``digits`` keys typed on the pad."""
        from ui.driving import tap

        to_identify()
        fake.identity_outcome = outcome
        ui.identify.start("ssc")
        wait_until(lambda: ui.identify.state in ("pin", "blocked"), what="PIN pad")
        settle(20)
        for d in "123456"[:digits]:
            tap(ui.window, "sscPin" + d)

    tongban_code = next(
        (it["item_code"] for it in fake.items if it["name"] == TONGBAN_ITEM_NAME), code
    )

    def to_form(person: str = "DEMO_PERSON", item: str | None = None) -> None:
        reset()
        s.go("finder")
        ui.catalog.select(item or code)
        s.go("identify")
        fake.identity_outcome = IdentityOutcome("ok", getattr(__import__("ui.fakes").fakes, person))
        instant = bool((ui.journey.item or {}).get("instant"))
        if instant:  # its form is reached only offline, by applying instead (即时办结)
            fake.instant_outcome = offline()
        ui.identify.start("id_card")
        if instant:
            wait_until(lambda: ui.instant.state == "offline", what="instant item offline")
            fake.instant_outcome = None
            ui.instant.applyInstead()
        wait_until(lambda: s.screen == "form", what="form")

    def to_tongban_form(post: bool = True) -> None:
        """The 通办 item's form for a resident registered in 保定, the result to be posted."""
        to_form("TONGBAN_PERSON", tongban_code)
        if post:
            ui.form.setValue("delivery_method", "post")

    def fill_form(enter: Callable[[], None] | None = None) -> None:
        (enter or to_form)()
        for f in ui.form.fields:
            if f["value"]:
                continue
            if f["type"] == "phone":
                ui.form.setValue(f["name"], "13800138000")
            elif f["type"] == "enum" and f["options"]:
                ui.form.setValue(f["name"], f["options"][0]["value"])
            elif f["type"] == "date":
                ui.form.setValue(f["name"], "2026-10-31")
            elif f["type"] == "number":
                ui.form.setValue(f["name"], "1")
            elif f["type"] == "citizen_id":
                ui.form.setValue(f["name"], "11010519491231002X")
            elif f["type"] == "credit_code":
                ui.form.setValue(f["name"], "91350100M000100Y43")
            elif f["kind"] in ("account", "digits"):  # a test card number (Luhn-valid)
                ui.form.setValue(f["name"], "6214830100001238"[: f["maxLength"]])
            else:
                ui.form.setValue(f["name"], "北京市朝阳区")

    def to_materials(enter: Callable[[], None] | None = None) -> None:
        fill_form(enter)
        ui.form.next()
        wait_until(lambda: s.screen == "materials", what="materials")

    def materials_done(enter: Callable[[], None] | None = None) -> None:
        to_materials(enter)
        rows = ui.materials.rows
        for r in rows:
            if r["canUseLicense"]:
                ui.materials.useLicense(r["id"])
            elif r["mayBeMissing"]:
                ui.materials.markMissing(r["id"])
            else:
                ui.materials.scan(r["id"])
                wait_until(lambda: ui.materials.busy == "", what="scan")
        if ui.materials.commitment.get("present"):
            ui.materials.confirmCommitment(True)

    def to_review(enter: Callable[[], None] | None = None) -> None:
        materials_done(enter)
        ui.materials.next()

    def to_receipt(print_kind: str = "ok", enter: Callable[[], None] | None = None) -> None:
        fake.print_outcome = PrintOutcome(print_kind)  # type: ignore[arg-type]
        to_review(enter)
        ui.submission.submit()
        wait_until(lambda: ui.submission.printState not in ("", "printing"), what="print")

    def status_of(ref: str) -> None:
        reset()
        s.go("status")
        ui.status.setRef(ref)
        ui.status.lookup()
        wait_until(lambda: ui.status.state == "found", what="status")

    def to_identify_instant(title: str = INSTANT_TITLES[0]) -> None:
        """An instant item's identify screen: two steps (identify → its result)."""
        reset()
        s.go("finder")
        ui.catalog.select(
            next(
                it["item_code"]
                for it in fake.items
                if (it.get("result_document") or {}).get("title") == title
            )
        )
        s.go("identify")

    def to_result(title: str = INSTANT_TITLES[0], outcome: Any = None) -> None:
        """An instant item: the card read, its result fetched (``outcome``: the fake's answer,
        None a verified document)."""
        instant_code = next(
            it["item_code"]
            for it in fake.items
            if (it.get("result_document") or {}).get("title") == title
        )
        reset()
        s.go("finder")
        ui.catalog.select(instant_code)
        s.go("identify")
        from ui.fakes import DEMO_PERSON

        fake.identity_outcome = IdentityOutcome("ok", DEMO_PERSON)
        fake.instant_outcome = outcome
        ui.identify.start("id_card")
        wait_until(lambda: s.screen == "result", what="result")
        wait_until(lambda: ui.instant.state not in ("idle", "fetching"), what="instant result")
        fake.instant_outcome = None

    def refused() -> Any:
        from kiosk.service import InstantOutcome

        return InstantOutcome(
            "seal_refused",
            "电子印章验证未通过：文件已被改动，本机不能出具，请到窗口办理",
            "The seal or the document has been altered; this terminal cannot issue it, "
            "please go to a service window",
            go_to_window=True,
            seal_verdict="broken",
        )

    def offline() -> Any:
        from kiosk.service import InstantOutcome

        return InstantOutcome(
            "offline",
            "暂时连不上政务服务平台，即时出具需要联网。可以改为提交申请，联网后由工作人员办理",
            "The platform cannot be reached: issuing it on the spot needs the network. You can "
            "submit an application instead, handled once the terminal is back online",
            can_queue=True,
        )

    def result_printed() -> None:
        fake.print_outcome = PrintOutcome("ok")
        to_result()
        ui.instant.printResult()
        wait_until(lambda: ui.instant.printState not in ("", "printing"), what="print")

    def to_space(outcome: Any = None, confirm: str = "") -> None:
        """我的空间 from the start screen: the card read, the space fetched (``outcome``: the
        fake's answer, None the demo resident's space), ``confirm``: a benefit confirmed."""
        from ui.fakes import DEMO_PERSON, demo_space

        reset()
        fake.space_outcome = outcome or demo_space(
            [
                License(
                    "11100000000013028T001.110105194912310020.0001",
                    "11100000000013028T001",
                    "居民身份证",
                    "北京市公安局",
                    "2036-05-01",
                    "北京市公安局",
                ),
                License(
                    "11100000000013049X002.110105194912310020.0001",
                    "11100000000013049X002",
                    "居民户口簿",
                    "北京市公安局朝阳分局",
                    "",
                    "北京市公安局朝阳分局",
                ),
            ]
        )
        fake.identity_outcome = IdentityOutcome("ok", DEMO_PERSON)
        ui.my_space.begin()
        wait_until(lambda: s.screen == "identify", what="identify for the space")
        ui.identify.start("id_card")
        wait_until(lambda: s.screen == "myspace", what="my space")
        wait_until(lambda: ui.my_space.state not in ("idle", "loading"), what="space fetched")
        if confirm:
            ui.my_space.confirm(confirm)
            wait_until(lambda: ui.my_space.confirming == "", what="benefit confirmed")
        fake.space_outcome = None

    def space_offline() -> None:
        reset()
        fake.health_map.update(platform=Unavailable("offline"))
        ui.devices.poll_now()
        ui.my_space.begin()
        wait_until(lambda: s.screen == "myspace", what="my space offline")

    def space_outcome(kind: str) -> Any:
        from kiosk.service import HolderApplication, PersonalSpace, SpaceOutcome

        if kind == "empty":
            return SpaceOutcome("ok", "我的办事空间", "My space", PersonalSpace((), (), (), ""))
        if kind == "one":  # one application, no benefit, the licenses not reachable
            app = HolderApplication(
                "KIOSK-DEMO-0001-20261127-0001",
                None,
                "失业保险金申领",
                "kiosk",
                "received",
                "2026-11-27T08:31:00Z",
                "终端已收件，等待受理",
                None,
            )
            return SpaceOutcome(
                "ok", "我的办事空间", "My space", PersonalSpace((app,), (), None, "")
            )
        return SpaceOutcome(
            "wrong_holder",
            "平台返回的记录不属于您，已拒绝显示并记录。请到窗口咨询",
            "The platform answered records of another person; nothing was shown and this "
            "was recorded. Please ask at a window",
        )

    def to_maintenance(page: str = "overview") -> None:
        reset()
        fake.health_map.setdefault("document_printer", Ready())  # a terminal with an A4 printer
        m = ui.maintenance
        m.openPin()
        m.enterPin(fake.maintenance.pin)
        wait_until(lambda: s.screen == "maintenance" and m.busy == "", what="maintenance")
        m.showPage(page)
        wait_until(lambda: m.busy == "", what="maintenance " + page)

    def maintenance_selftest() -> None:
        to_maintenance("selftest")
        fake.maintenance.faulted = {"printer"}
        fake.health_map.update(printer=Unavailable("paper_out"))
        ui.devices.poll_now()
        ui.maintenance.runSelftest("")
        wait_until(lambda: ui.maintenance.busy == "", what="self-tests")
        fake.maintenance.faulted = set()

    def maintenance_config() -> None:
        to_maintenance("config")
        ui.maintenance.saveField("ui.idle_timeout_s", "soon")
        wait_until(lambda: ui.maintenance.busy == "", what="config save")

    def maintenance_pin() -> None:
        reset()
        ui.maintenance.openPin()
        ui.maintenance.enterPin("1111")
        wait_until(lambda: ui.maintenance.busy == "", what="pin")

    def maintenance_export() -> None:
        to_maintenance("export")
        ui.maintenance.exportSupport("usb")
        wait_until(lambda: ui.maintenance.busy == "", what="export")

    def item_named(name: str) -> str:
        return next((it["item_code"] for it in fake.items if it["name"] == name), code)

    def to_delegation(from_item: str | None = None) -> None:
        """委托代办: from 长辈版's 帮家人办 (or an item's identify screen), the agent's card read."""
        from ui.fakes import DEMO_PERSON

        reset()
        fake.principal_outcome = None
        if from_item:
            s.go("finder")
            ui.catalog.select(item_named(from_item))
            s.go("identify")
        fake.identity_outcome = IdentityOutcome("ok", DEMO_PERSON)  # the agent's own card
        s.go("delegation")
        wait_until(lambda: ui.delegation.state in ("choose", "in_person"), what="delegation")

    def delegation_by_code(outcome: Any = None) -> None:
        """The principal's ID number and QR authorisation (``outcome``: the fake's answer)."""
        to_delegation()
        fake.authorised_item = item_named(DELEGATION_ITEM_NAME)
        fake.principal_outcome = outcome
        ui.delegation.chooseAuthorisation()
        ui.delegation.scanAuthorisation("11010519491231002X")
        wait_until(lambda: not ui.delegation.busy, what="authorisation")
        fake.principal_outcome = None

    def delegation_identify() -> None:
        """The authorised item's guide, then its identify screen: the delegation goes on."""
        delegation_by_code()
        ui.catalog.openService(ui.delegation.proceed())
        s.go("identify")

    def delegation_form() -> None:
        delegation_identify()
        ui.delegation.continueApplication()
        wait_until(lambda: s.screen == "form", what="form for the principal")

    def refused_authorisation() -> Any:
        from kiosk.service import AUTH_REFUSALS, DelegationOutcome

        return DelegationOutcome("refused", "expired", *AUTH_REFUSALS["expired"])

    def step(name: str) -> Callable[[], None]:
        return {
            "attract": reset,
            "attract-elder": reset,  # 长辈版's start screen: shown in elder mode (show_state)
            "out-of-service": lambda: (reset(), ui.shell.set_out_of_service("key_missing")),
            # outside [terminal] opening_hours: woken by a touch, then asleep (black)
            "closed": lambda: (reset(), ui.sleep.set_hours(lambda: False, "07:00–22:00")),
            "asleep": lambda: (
                reset(),
                ui.sleep.set_hours(lambda: False, "07:00–22:00"),
                ui.sleep.sleep(),
            ),
            "attract-offline": lambda: (
                reset(),
                fake.health_map.update(
                    platform=Unavailable("offline"),
                    printer=Unavailable("paper_out"),
                ),
                ui.devices.poll_now(),
            ),
            "finder": lambda: (reset(), s.go("finder")),
            "finder-search": lambda: (reset(), s.go("finder"), ui.catalog.setQuery("shebao")),
            "guide": lambda: (reset(), s.go("finder"), ui.catalog.select(code)),
            "guide-window-only": lambda: (reset(), s.go("finder"), ui.catalog.select(window_only)),
            "guide-tongban": lambda: (reset(), s.go("finder"), ui.catalog.select(tongban_code)),
            "identify": to_identify,
            "identify-instant": to_identify_instant,
            "identify-waiting": lambda: (
                to_identify(),
                setattr(fake, "identity_delay_s", 30.0),
                ui.identify.start("id_card"),
                setattr(fake, "identity_delay_s", 0.0),
            ),
            "identify-pulled": lambda: (
                to_identify(),
                setattr(fake, "identity_outcome", IdentityOutcome("card_error", reason="pulled")),
                ui.identify.start("id_card"),
            ),
            "identify-expired": lambda: (
                to_identify(),
                setattr(fake, "identity_outcome", IdentityOutcome("expired")),
                ui.identify.start("id_card"),
            ),
            "identify-pin": lambda: to_pin(IdentityOutcome("pin_required", tries_left=3), 2),
            "identify-pin-last": lambda: to_pin(
                IdentityOutcome("pin_required", reason="pin_wrong", tries_left=1), 0
            ),
            "identify-pin-blocked": lambda: to_pin(
                IdentityOutcome("card_error", reason="pin_blocked"), 0
            ),
            "form": to_form,
            "form-foreign": lambda: to_form("FOREIGN_PERSON"),
            "form-errors": lambda: (to_form(), ui.form.next()),
            "form-tongban": to_tongban_form,
            "form-tongban-errors": lambda: (
                to_tongban_form(),
                ui.form.setValue("registered_region", "999999"),
                ui.form.setValue("delivery_address", "北京市朝阳区建国路88号院" + "3号楼2单元" * 8),
                ui.form.next(),
                s.go("finder"),  # the screen rebuilt, so that its fields show the values set
                s.go("form"),
            ),
            "form-datepicker": lambda: (
                to_form(),
                settle(30),
                tap(
                    ui.window,
                    "btnPickDate_" + next(f["name"] for f in ui.form.fields if f["kind"] == "date"),
                ),
            ),
            "materials": to_materials,
            "materials-done": materials_done,
            "materials-jam": lambda: (
                to_materials(),
                setattr(fake, "scan_outcome", ScanOutcome("jammed")),
                ui.materials.scan(ui.materials.rows[-1]["id"]),
                wait_until(lambda: ui.materials.busy == "", what="scan"),
                setattr(fake, "scan_outcome", None),
            ),
            "review": to_review,
            "submit": lambda: (to_review(), s.go("submit")),
            "receipt": lambda: to_receipt("ok"),
            "receipt-paperout": lambda: to_receipt("paper_out"),
            "receipt-tongban": lambda: to_receipt("ok", to_tongban_form),
            "rating": lambda: (to_receipt("ok"), ui.submission.toRating()),
            "rating-bad": lambda: (
                to_receipt("ok"),
                ui.submission.toRating(),
                ui.rating.choose(2),
                ui.rating.toggleReason("device_fault"),
            ),
            "rating-more": lambda: (
                to_receipt("ok"),
                ui.submission.toRating(),
                ui.rating.choose(4),
                ui.rating.toggleMore(),
                ui.rating.setDimension("overall", 4),
                ui.rating.setContact("1380013800"),
            ),
            "done": lambda: (to_receipt("ok"), ui.submission.toRating(), ui.rating.skip()),
            "result": result_printed,
            "result-a4": lambda: to_result(INSTANT_TITLES[1]),
            "result-refused": lambda: to_result(outcome=refused()),
            "result-offline": lambda: to_result(outcome=offline()),
            "identify-myspace": lambda: (reset(), ui.my_space.begin()),
            "myspace": to_space,
            "myspace-confirmed": lambda: to_space(confirm="BEN-GLJT"),
            "myspace-empty": lambda: to_space(space_outcome("empty")),
            "myspace-partial": lambda: to_space(space_outcome("one")),
            "myspace-offline": space_offline,
            "myspace-wrong-holder": lambda: to_space(space_outcome("wrong_holder")),
            "status": lambda: (reset(), s.go("status")),
            "status-found": lambda: status_of("KIOSK-DEMO-0001-20261127-0001"),
            "status-unverified": lambda: status_of("KIOSK-DEMO-0001-20261127-0002"),
            "problem": lambda: (reset(), s.go("problem"), ui.problem.setCategory("device")),
            "help": lambda: (reset(), s.go("help")),
            "help-sent": lambda: (
                reset(),
                s.go("help"),
                ui.help.ask("elderly"),
                wait_until(lambda: ui.help.state == "sent", what="help"),
            ),
            "delegation-choose": to_delegation,
            "delegation-qr": lambda: (to_delegation(), ui.delegation.chooseAuthorisation()),
            "delegation-poa": lambda: (to_delegation(), ui.delegation.choosePowerOfAttorney()),
            "delegation-refused": lambda: delegation_by_code(refused_authorisation()),
            "delegation-in-person": lambda: to_delegation(IN_PERSON_ITEM_NAME),
            "delegation-ok": delegation_by_code,
            "identify-delegation": delegation_identify,
            "receipt-delegation": lambda: to_receipt("ok", delegation_form),
            "settings": lambda: (
                reset(),
                s.go("finder"),
                ui.window.setProperty("dialog", "settings"),
            ),
            "home-confirm": lambda: (to_form(), ui.window.setProperty("dialog", "home")),
            "maintenance-pin": maintenance_pin,
            "maintenance": to_maintenance,
            "maintenance-selftest": maintenance_selftest,
            "maintenance-config": maintenance_config,
            "maintenance-outbox": lambda: to_maintenance("outbox"),
            "maintenance-catalog": lambda: to_maintenance("catalog"),
            "maintenance-audit": lambda: to_maintenance("audit"),
            "maintenance-storage": lambda: to_maintenance("storage"),
            "maintenance-export": maintenance_export,
            "idle-warning": lambda: (
                to_form(),
                ui.session.set_idle(30, 30),
                settle(50),
                ui.session.tick(),
            ),
        }[name]

    fake.licenses_list = [
        License("L-2026-0001", m["elicense"]["type_code"], m["elicense"]["type_name"])
        for it in fake.items
        if it["item_code"] == code
        for m in it["materials"]
        if m.get("elicense")
    ][:1]
    history = [
        {"status": "received", "at": "2026-11-27 16:31", "note": ""},
        {
            "status": "accepted",
            "at": "2026-11-27 17:12",
            "note": "材料齐全",
            "note_en": "All materials in order",
        },
    ]
    fake.statuses["KIOSK-DEMO-0001-20261127-0001"] = StatusOutcome(
        "found",
        ref="KIOSK-DEMO-0001-20261127-0001",
        application_no="BJ2026112700042",
        status="in_review",
        updated_at="2026-11-27 18:00",
        history=[*history, {"status": "in_review", "at": "2026-11-27 18:00", "note": ""}],
        source="platform",
        acceptance="verified",
        acceptance_issuer="北京市东城区人力资源和社会保障局",
    )
    # the platform's sealed confirmation did not verify (a forged seal)
    fake.statuses["KIOSK-DEMO-0001-20261127-0002"] = replace(
        fake.statuses["KIOSK-DEMO-0001-20261127-0001"],
        ref="KIOSK-DEMO-0001-20261127-0002",
        application_no="BJ2026112700043",
        status="accepted",
        updated_at="2026-11-27 17:12",
        history=history,
        acceptance="refused",
        acceptance_issuer="",
        acceptance_zh="平台的受理确认未能验证（印章或文件已被改动），请以窗口查询为准",
        acceptance_en=(
            "The platform's confirmation could not be verified (the seal or the record was "
            "altered); please ask at a window"
        ),
    )
    names = [
        "attract",
        "attract-elder",
        "attract-offline",
        "finder",
        "finder-search",
        "guide",
        "guide-window-only",
        "guide-tongban",
        "identify",
        "identify-instant",
        "identify-waiting",
        "identify-pulled",
        "identify-expired",
        "identify-pin",
        "identify-pin-last",
        "identify-pin-blocked",
        "form",
        "form-foreign",
        "form-errors",
        "form-datepicker",
        "form-tongban",
        "form-tongban-errors",
        "materials",
        "materials-done",
        "materials-jam",
        "review",
        "submit",
        "receipt",
        "receipt-paperout",
        "receipt-tongban",
        "result",
        "result-a4",
        "result-refused",
        "result-offline",
        "identify-myspace",
        "myspace",
        "myspace-confirmed",
        "myspace-empty",
        "myspace-partial",
        "myspace-offline",
        "myspace-wrong-holder",
        "rating",
        "rating-bad",
        "rating-more",
        "done",
        "status",
        "status-found",
        "status-unverified",
        "problem",
        "help",
        "help-sent",
        "delegation-choose",
        "delegation-qr",
        "delegation-poa",
        "delegation-refused",
        "delegation-in-person",
        "delegation-ok",
        "identify-delegation",
        "receipt-delegation",
        "settings",
        "home-confirm",
        "idle-warning",
        "out-of-service",
        "closed",
        "asleep",
        "maintenance-pin",
        "maintenance",
        "maintenance-selftest",
        "maintenance-config",
        "maintenance-outbox",
        "maintenance-catalog",
        "maintenance-audit",
        "maintenance-storage",
        "maintenance-export",
    ]
    return [(n, step(n)) for n in names]


def show_state(
    ui: Any, name: str, setup: Callable[[], None], *, elder: bool, language: str = "zh_CN"
) -> None:
    """Bring the interface into state ``name`` in the given mode and language."""
    from ui.driving import settle

    setup()
    ui.set_elder(elder or name.endswith("-elder"))
    ui.session.setLanguage(language)
    if name == "idle-warning":  # changing the mode restarted the countdown: show it again
        ui.session.set_idle(30, 30)
        settle(20)
        ui.session.tick()
    settle(60)


def render_all(
    out: Path,
    *,
    modes: list[str],
    languages: list[str],
    only: list[str] | None = None,
    width: int = 1080,
    height: int = 1920,
    sizes: list[int] | None = None,
    schemes: list[str] | None = None,
) -> list[Path]:
    """``sizes`` (body px, of ``ui.theme.BODY_SIZES``) and ``schemes`` (standard, light, dark):
    each state also at those; the file name then ends ``_<px>px_<scheme>``."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.boot import make_app, prepare_environment
    from ui.driving import settle
    from ui.fakes import FakeBackend, still_ui
    from ui.theme import BODY_SIZES

    out.mkdir(parents=True, exist_ok=True)
    root = Path(tempfile.mkdtemp(prefix="bianmin-shots-"))
    prepare_environment(root, keyboard=False)
    make_app()
    files: list[Path] = []
    fake = FakeBackend()
    ui = still_ui(fake, root / "sessions", width=width, height=height)
    try:
        for mode in modes:
            for lang in languages:
                for name, setup in _states(ui, fake):
                    if only and name not in only and name.split("-")[0] not in only:
                        continue
                    show_state(ui, name, setup, elder=mode == "elder", language=lang)
                    stem = f"{name}_{mode}_{lang.split('_')[0]}"
                    if not sizes and not schemes:
                        looks = [("", None, None)]
                    else:
                        looks = [
                            (f"_{px}px_{sc}", px, sc)
                            for px in (sizes or [ui.theme.bodyPx])
                            for sc in (schemes or [ui.theme.scheme])
                        ]
                    for suffix, px, sc in looks:
                        if px is not None:
                            ui.theme.setSize(BODY_SIZES.index(px))
                        if sc is not None:
                            ui.theme.setScheme(sc)
                        if name == "idle-warning":
                            ui.session.set_idle(30, 30)
                            ui.session.tick()
                        settle(40)
                        path = out / f"{stem}{suffix}.png"
                        ui.window.grabWindow().save(str(path))
                        files.append(path)
                    ui.session.set_idle(600, 30)
    finally:
        ui.close()
    return files
