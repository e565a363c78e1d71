"""The application API (kiosk.service): what a front end gets, and what it keeps for a session.

The readers here are small in-process stand-ins for managed devices (the journeys in tests/ui
drive the same facade through the real simulators); the store is the real one.
"""

from __future__ import annotations

import json
import os
import subprocess
import threading
from pathlib import Path
from typing import Any

import pytest

from kiosk.config import KioskConfig
from kiosk.devices.health import (
    Busy,
    Degraded,
    Disconnected,
    Ready,
    Unavailable,
    Unknown,
    health_from_wire,
    health_of,
    health_to_wire,
)
from kiosk.identity.card import IdentityCard
from kiosk.ports import identity as idp
from kiosk.ports import printer as prp
from kiosk.ports import scanner as scp
from kiosk.service import KioskService, MaterialInput, NotIdentified
from kiosk.store.db import Store
from kiosk.usecases.status import ref_from_code

from .conftest import make_item

REPO = Path(__file__).resolve().parents[2]
CARD = json.loads((REPO / "assets/cards/resident.json").read_text(encoding="utf-8"))
CODE = make_item(1)["item_code"]


class StubReader:
    """A managed device whose job runs on the caller's thread against a fixed answer."""

    def __init__(self, answer: Any) -> None:
        self.answer = answer
        self.status = type("S", (), {"current": Ready()})()

    def call(self, job: Any, unavailable: Any = None) -> Any:
        reader = type("R", (), {"wait_for_card": lambda _s, *a, **k: self.answer})()
        return job(reader)


def _card(**over: Any) -> IdentityCard:
    return IdentityCard.from_json({**CARD, **over})


def _service(store: Store, cfg: KioskConfig, card: IdentityCard, **kw: Any) -> KioskService:
    svc = KioskService(cfg, store.data_dir, **kw)
    svc.open(store)
    svc.attach(id_reader=StubReader(idp.CardPresent(card)))
    return svc


def _identify(svc: KioskService) -> Any:
    return svc.read_identity("id_card", threading.Event(), 1.0)


def _form() -> dict[str, str]:
    return {
        "applicant_name": CARD["name"],
        "id_number": CARD["id_number"],
        "phone": "13812345678",
        "reason": "expired",
    }


MATERIALS = (
    MaterialInput("M1", "原居民身份证", "scan", content=b"\x89PNG page", mime="image/png"),
    MaterialInput("M2", "户口簿", "missing"),
    MaterialInput("M4", "无犯罪记录证明", "promise"),
)


def test_identity_comes_back_display_ready_and_masked(store: Store, cfg: KioskConfig) -> None:
    svc = _service(store, cfg, _card())
    out = _identify(svc)
    assert out.kind == "ok" and out.person is not None
    assert out.person.holder == "王**  110105********002X"
    # the form's prefill: gender as a word from the one code table, ethnicity as its name
    assert out.person.prefill["gender"] == "女"
    assert out.person.prefill["ethnicity"] == "汉"
    assert out.person.prefill["name"] == "王秀英"
    assert "王秀英" not in repr(out) and "11010519491231002X" not in repr(out)


def test_an_expired_card_proves_nobody(store: Store, cfg: KioskConfig) -> None:
    svc = _service(store, cfg, _card(valid_from="2000-01-01", valid_to="2020-01-01"))
    out = _identify(svc)
    assert out.kind == "expired" and out.person is None
    assert not svc.in_session
    with pytest.raises(NotIdentified):
        svc.submit(CODE, _form(), MATERIALS, commitment_accepted=True)


def test_submit_uses_the_proved_identity_and_the_forms_phone_field(
    store: Store, cfg: KioskConfig
) -> None:
    queued: list[int] = []
    svc = _service(store, cfg, _card(), on_queued=lambda: queued.append(1))
    _identify(svc)
    form = {**_form(), "phone": "13900001111"}
    sub = svc.submit(CODE, form, MATERIALS, commitment_accepted=True)
    stored = store.applications.applicant(sub.application_id)
    assert stored is not None
    assert stored["name"] == "王秀英" and stored["id_number"] == CARD["id_number"]
    assert stored["phone"] == "13900001111"  # the field typed "phone", not a key match
    assert stored["id_channel"] == "id_card"
    assert len(sub.created_at) == 16 and sub.created_at[10] == " "  # Beijing, to the minute
    assert sub.status_url.endswith(sub.local_ref)
    assert queued == [1]  # the sync agent is woken by the callback
    svc.submit_review(rating=5, reasons=[])
    svc.report_problem(category="other", description="x")
    svc.request_help(reason="elderly")
    assert queued == [1, 1, 1, 1]


def test_end_session_drops_the_residents_data(store: Store, cfg: KioskConfig) -> None:
    svc = _service(store, cfg, _card())
    _identify(svc)
    sub = svc.submit(CODE, _form(), MATERIALS, commitment_accepted=True)
    assert svc.in_session
    svc.end_session()
    assert not svc.in_session
    assert svc.print_receipt(sub.application_id).reason == "receipt data gone"
    with pytest.raises(NotIdentified):
        svc.licenses()


def test_a_call_before_the_store_is_open_waits_for_it(store: Store, cfg: KioskConfig) -> None:
    svc = KioskService(cfg, store.data_dir)
    assert svc.catalog_items() == [] and svc.catalog_version() == 0
    assert all(isinstance(h, Unknown) for h in svc.health().values())
    threading.Timer(0.2, svc.open, args=(store,)).start()
    out = svc.lookup_status("K-TEST-01-20261127-0001")  # blocks until the store is open
    assert out.kind == "offline"  # no platform attached, no such local application
    assert svc.catalog_version() == 7


def test_local_status_lookup_answers_in_beijing_time(store: Store, cfg: KioskConfig) -> None:
    svc = _service(store, cfg, _card())
    _identify(svc)
    sub = svc.submit(CODE, _form(), MATERIALS, commitment_accepted=True)
    out = svc.lookup_status(sub.local_ref)
    assert out.kind == "found" and out.source == "local" and out.status == "queued"
    assert out.updated_at == sub.created_at


def test_a_receipt_qr_of_another_host_names_no_reference() -> None:
    tpl = KioskConfig().platform.status_url_template
    url = tpl.replace("{local_ref}", "K-1-20261127-0001")
    assert ref_from_code(tpl, url) == "K-1-20261127-0001"
    assert ref_from_code(tpl, " K-1-20261127-0001 ") == "K-1-20261127-0001"
    assert ref_from_code(tpl, "https://evil.example.com/status?ref=K-1-20261127-0001") is None
    assert ref_from_code(tpl, "") is None


@pytest.mark.parametrize(
    ("status", "health"),
    [
        (idp.NoCard(), Ready()),
        (Busy("read"), Ready()),
        (Disconnected("gone"), Unavailable("gone")),
        (prp.PaperOut(), Unavailable("paper_out")),
        (prp.PrinterReady(paper_near_end=True), Degraded("paper_near_end")),
        (prp.Unknown("no answer"), Unknown("no answer")),
        (scp.Jammed(), Unavailable("jammed")),
        (scp.Disconnected("usb"), Unavailable("usb")),
    ],
)
def test_every_device_status_has_one_health(status: Any, health: Any) -> None:
    assert health_of(status) == health
    assert health_from_wire(json.loads(json.dumps(health_to_wire(health)))) == health


def test_a_scanner_jam_shows_in_health_and_a_page_clears_it(store: Store, cfg: KioskConfig) -> None:
    class Scanner:
        results = [scp.Jammed(), scp.NoPaper(), scp.Page(b"p", "image/png", 1, 1, 200, "Gray")]

        def scan(self) -> Any:
            return self.results.pop(0)

    svc = KioskService(cfg, store.data_dir)
    svc.open(store)
    svc.attach(scanner=Scanner())
    assert svc.scan("M1").kind == "jammed"
    assert svc.health()["scanner"] == Unavailable("jammed")
    assert svc.scan("M1").kind == "no_document"  # the resident's doing: health unchanged
    assert svc.health()["scanner"] == Unavailable("jammed")
    assert svc.scan("M1").kind == "ok"
    assert svc.health()["scanner"] == Ready()


def test_published_health_reads_back_and_goes_stale(tmp_path: Path) -> None:
    from kiosk.devices.published import read_published_health, write_published_health

    write_published_health(tmp_path, {"printer": Unavailable("paper_out")}, now=1000.0)
    health, age = read_published_health(tmp_path, now=1030.0)
    assert health == {"printer": Unavailable("paper_out")} and age == 30.0
    health, _ = read_published_health(tmp_path, now=1000.0 + 3600)
    assert health == {"printer": Unknown("stale")}  # the UI process stopped: not "ready"
    (tmp_path / "devices.json").write_text("{broken", encoding="utf-8")
    assert read_published_health(tmp_path) == ({}, None)


def test_the_platforms_first_catalog_reaches_the_screens_even_with_the_samples_number(
    store: Store, cfg: KioskConfig
) -> None:
    svc = KioskService(cfg, store.data_dir)
    svc.open(store)
    assert svc.refresh_catalog(svc.catalog_version()) is None  # nothing new
    store.catalog.replace_all([make_item(1), make_item(3)], version=7, source="platform")
    items = svc.refresh_catalog(7)  # same number, another catalog
    assert items is not None and {it["item_code"] for it in items} == {
        make_item(1)["item_code"],
        make_item(3)["item_code"],
    }
    assert svc.search("居民身份证换领3")[:1] == [make_item(3)["item_code"]]
    assert svc.refresh_catalog(7) is None


def test_form_checks_never_wait_for_the_store(store: Store, cfg: KioskConfig) -> None:
    """They run on the GUI thread as the resident types: before the store is open they answer
    at once (nothing is on screen to check yet), after it they check."""
    import time

    svc = KioskService(cfg, store.data_dir)
    t0 = time.monotonic()
    assert svc.validate_form(CODE, {}) == {} and svc.validate_field(CODE, "phone", "1") is None
    assert time.monotonic() - t0 < 0.5
    svc.open(store)
    assert "phone" in svc.validate_form(CODE, {})
    assert svc.validate_field(CODE, "phone", "1") is not None


def test_an_item_needing_the_person_at_a_window_cannot_be_submitted(
    store: Store, cfg: KioskConfig
) -> None:
    from kiosk.usecases.submit import SubmissionRefused

    window_only = make_item(9, handling_forms=["window"])
    store.catalog.replace_all([make_item(1), window_only], version=8, source="test")
    svc = _service(store, cfg, _card())
    _identify(svc)
    with pytest.raises(SubmissionRefused) as refused:
        svc.submit(window_only["item_code"], _form(), MATERIALS, commitment_accepted=True)
    assert "window" in str(refused.value)
    assert store.applications.list() == []  # nothing stored, nothing queued
    assert svc.submit(CODE, _form(), MATERIALS, commitment_accepted=True).local_ref


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a small tmpfs needs root (CI runs as root)")
def test_below_the_storage_reserve_no_new_application_is_taken(
    tmp_path: Path, cfg: KioskConfig, items: list[dict[str, Any]]
) -> None:
    """Before the disk is full the terminal stops taking applications and says why (the
    store's health, which the status strip and the heartbeat show); queued ones stay; freeing
    space takes applications again."""
    from kiosk.usecases.submit import SubmissionRefused

    mnt = tmp_path / "small"
    mnt.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mnt)], check=True)
    store = None
    try:
        store = Store.open(mnt / "data", cfg)
        store.catalog.replace_all(items, version=7, source="test")
        svc = _service(store, cfg, _card())
        _identify(svc)
        first = svc.submit(CODE, _form(), MATERIALS, commitment_accepted=True)
        assert svc.health()["store"] == Ready()
        filler = mnt / "filler"
        with filler.open("wb") as f:  # leave less than the reserve (a twentieth of 4 MiB)
            st = os.statvfs(mnt)
            f.write(b"\0" * (st.f_bavail * st.f_frsize - 100_000))
        assert svc.health()["store"] == Unavailable("low_space")
        with pytest.raises(SubmissionRefused) as refused:
            svc.submit(CODE, _form(), MATERIALS, commitment_accepted=True)
        assert "存储空间不足" in str(refused.value.problems["store"])
        assert [a.local_ref for a in store.applications.list()] == [first.local_ref]
        filler.unlink()
        assert svc.health()["store"] == Ready()
        assert svc.submit(CODE, _form(), MATERIALS, commitment_accepted=True).local_ref
    finally:
        if store is not None:
            store.close()
        subprocess.run(["umount", "-l", str(mnt)], check=False)
