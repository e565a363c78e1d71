"""The resident's own space (issue 16 item 3) over real HTTP against the platform simulator:
after identification a resident sees their applications on every channel and the 免申即享
benefits they qualify for, confirms a benefit once (a retry is not a second confirmation),
is refused another person's records (audited, nothing shown), is told "需要联网" offline — and
after the session ends nothing of them is left in memory, the data directory or the log."""

from __future__ import annotations

import contextlib
import json
import logging
import socket
import threading
import uuid
from pathlib import Path
from typing import Any

import pytest
from sync_helpers import Kiosk, Sim, app_body, dumps, make_kiosk, signed_request
from wipe_proof import SimProcess, files_holding, found_in_memory, raw_log

from kiosk.ports import platform as pp
from kiosk.usecases.myspace import holder_digest
from sync.simulator.licenses import mod11_2

REPO = Path(__file__).resolve().parents[2]
RESIDENT = json.loads((REPO / "assets/cards/resident.json").read_text(encoding="utf-8"))


class _CardReader:
    """The id reader as the facade sees a managed device; it parses the card afresh on every
    read and keeps nothing of it (as a real reader does)."""

    def __init__(self, card_json: Path) -> None:
        from kiosk.devices.health import Ready

        self.card_json = card_json
        self.status = type("S", (), {"current": Ready()})()

    def call(self, job: Any, unavailable: object = None) -> object:
        from kiosk.identity.card import IdentityCard
        from kiosk.ports import identity as idp

        card = IdentityCard.from_json(json.loads(self.card_json.read_text(encoding="utf-8")))
        answer = idp.CardPresent(card)
        reader = type("R", (), {"wait_for_card": lambda _s, *a, **k: answer})()
        return job(reader)


def _service(kiosk: Kiosk, card_json: Path, platform: Any = None) -> Any:
    from kiosk.service import KioskService

    assert kiosk.agent().pull_catalog()[0] == "applied"
    assert kiosk.agent().pull_seal_trust()[0] == "applied"
    svc = KioskService(kiosk.cfg, kiosk.data_dir)
    svc.open(kiosk.store)
    svc.attach(id_reader=_CardReader(card_json), platform=platform or kiosk.platform())
    assert svc.read_identity("id_card", threading.Event(), 5.0).kind == "ok"
    return svc


def _card(tmp_path: Path, **over: str) -> Path:
    path = tmp_path / f"card-{uuid.uuid4().hex[:6]}.json"
    path.write_text(json.dumps(RESIDENT | over, ensure_ascii=False), encoding="utf-8")
    return path


def _kiosk_application(kiosk: Kiosk, sim: Sim, id_number: str) -> str:
    """An application of this resident made at the kiosk earlier (as the outbox sends it)."""
    item = sim.get("/_sim/catalog")["items"][0]["item_code"]
    body = app_body(kiosk.kiosk_id, item, 7, test=False)
    body["applicant"] = {"name": RESIDENT["name"], "id_number": id_number}
    hdr = {"Idempotency-Key": body["id"], "Content-Type": "application/json"}
    r, _ = signed_request(
        sim.url, kiosk.kiosk_id, kiosk.secret, "POST", "/v1/applications", dumps(body), hdr
    )
    assert r.status_code == 201, r.text
    return r.json()["application_no"]


def _token(kiosk: Kiosk, id_number: str, name: str) -> str:
    claim = pp.IdentityClaim("resident", id_number, name, None, "id_card")
    r = kiosk.platform().verify_identity(claim)
    assert isinstance(r, pp.Ok)
    return r.data.token


# ---------------------------------------------------------------- the contract


def test_the_platform_answers_the_holders_own_records_bound_to_the_holder(
    kiosk: Kiosk, sim: Sim
) -> None:
    me = RESIDENT["id_number"]
    app_no = _kiosk_application(kiosk, sim, me)
    p = kiosk.platform()
    token = _token(kiosk, me, RESIDENT["name"])
    apps = p.holder_applications(token, 5)
    assert isinstance(apps, pp.Ok)
    assert apps.data.id_digest == holder_digest(token, me)
    got = apps.data.records
    assert {a.channel for a in got} >= {"kiosk", "web"} or {a.channel for a in got} >= {
        "kiosk",
        "window",
    }
    mine = next(a for a in got if a.channel == "kiosk")
    assert mine.application_no == app_no and mine.status == "received" and mine.next_step
    assert all(a.status in pp.STATUSES and a.updated_at and a.next_step for a in got)
    assert [a.updated_at for a in got] == sorted((a.updated_at for a in got), reverse=True)
    benefits = p.holder_benefits(token, 5)
    assert isinstance(benefits, pp.Ok) and benefits.data.id_digest == holder_digest(token, me)
    assert any(
        b.needs_confirmation and b.status == "awaiting_confirmation" for b in benefits.data.records
    )
    assert all(b.name and b.policy and b.amount for b in benefits.data.records)
    # another person sees none of it; the same person the same records again
    other = "110101196505050017"
    other_apps = p.holder_applications(_token(kiosk, other, "李建国"), 5)
    assert isinstance(other_apps, pp.Ok)
    assert app_no not in {a.application_no for a in other_apps.data.records}
    again = p.holder_applications(_token(kiosk, me, RESIDENT["name"]), 5)
    assert isinstance(again, pp.Ok) and again.data.records == got
    # no token, no records
    r, _ = signed_request(sim.url, kiosk.kiosk_id, kiosk.secret, "GET", "/v1/holder/benefits")
    assert r.status_code == 403
    assert "/v1/holder/benefits/{benefit_id}/confirm" in sim.get("/openapi.json")["paths"]


# ---------------------------------------------------------------- through the application API


def test_a_resident_sees_their_space_and_confirms_a_benefit_once(
    kiosk: Kiosk, sim: Sim, tmp_path: Path
) -> None:
    app_no = _kiosk_application(kiosk, sim, RESIDENT["id_number"])
    svc = _service(kiosk, _card(tmp_path))
    out = svc.my_space()
    assert out.kind == "ok", out
    space = out.space
    assert app_no in {a.application_no for a in space.applications}
    assert len({a.channel for a in space.applications}) >= 2  # this kiosk and elsewhere
    assert space.licenses and {"居民身份证", "居民户口簿"} <= {x.type_name for x in space.licenses}
    assert all(x.verified_by for x in space.licenses)  # seals verified as for 免证办
    todo = next(b for b in space.benefits if b.status == "awaiting_confirmation")
    first = svc.confirm_benefit(todo.benefit_id)
    assert first.kind == "confirmed" and first.first_time and first.confirmation_no
    # a second tap (or a retry after a lost answer) is not a second confirmation
    second = svc.confirm_benefit(todo.benefit_id)
    assert second.kind == "confirmed" and not second.first_time
    assert second.confirmation_no == first.confirmation_no
    (entry,) = sim.ledger()["benefit_confirmations"]
    assert entry["key_seen"] == 2 and entry["record_no"] == first.confirmation_no
    shown = svc.my_space().space
    assert next(b for b in shown.benefits if b.benefit_id == todo.benefit_id).status == "confirmed"
    events = [e["event"] for e in kiosk.store.audit.entries()]
    assert events.count("myspace.benefit_confirmed") == 2
    # a benefit that needs no confirmation, or is not the resident's, is refused
    assert svc.confirm_benefit("BEN-NOT-MINE").kind == "refused"
    svc.end_session()
    assert not svc.in_session


def test_another_persons_records_are_refused_audited_and_not_shown(
    kiosk: Kiosk, sim: Sim, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    svc = _service(kiosk, _card(tmp_path))
    assert svc.my_space().kind == "ok"
    sim.post("/_sim/holder", {"records": "other_holder"})
    caplog.set_level(logging.INFO)
    out = svc.my_space()
    assert out.kind == "wrong_holder" and out.space is None
    assert "不属于您" in out.message and "another person" in out.message_en
    with svc._lock:  # nothing of the earlier (own) answer either
        assert svc._session.space is None
    confirm = svc.confirm_benefit("BEN-GLJT")
    assert confirm.kind in ("wrong_holder", "refused") and confirm.confirmation_no is None
    audit = [e for e in kiosk.store.audit.entries() if e["event"] == "myspace.wrong_holder"]
    assert audit and audit[0]["details"] == {"what": "applications"}
    assert "another person" in caplog.text
    sim.post("/_sim/holder", {"records": "good"})
    assert svc.my_space().kind == "ok"


def test_offline_the_space_says_it_needs_the_network(kiosk: Kiosk, tmp_path: Path) -> None:
    from sync.client import HttpPlatform

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    svc = _service(kiosk, _card(tmp_path))
    svc.attach(platform=HttpPlatform(f"http://127.0.0.1:{port}", kiosk.kiosk_id, kiosk.secret))
    out = svc.my_space()
    assert out.kind == "offline" and out.space is None
    assert out.message.startswith("需要联网") and "network" in out.message_en
    assert svc.confirm_benefit("BEN-GLJT").kind == "offline"
    with svc._lock:
        assert svc._session.space is None


# ---------------------------------------------------------------- the wipe proof


def _valid_id(prefix17: str) -> str:
    return prefix17 + mod11_2(prefix17)


def test_after_the_session_nothing_of_the_resident_is_left(tmp_path: Path) -> None:
    """The platform runs in its own process (so that only the kiosk's memory is searched); an
    identity no other test uses, its number and name made at run time."""

    id_number = _valid_id("".join(["110108", "19720315", "047"]))
    name = "".join(["欧阳", "明轩"])
    card_json = _card(tmp_path, id_number=id_number, name=name, birth_date="1972-03-15")
    sim = SimProcess(tmp_path)
    kiosk = make_kiosk(tmp_path, sim.url)
    log_file = kiosk.data_dir / "logs" / "kiosk.log"
    # the terminal's own level (INFO)
    with raw_log(log_file, kiosk.cfg.logging.level) as handler, contextlib.ExitStack() as stop:
        stop.callback(sim.stop)
        stop.callback(kiosk.store.close)
        svc = _service(kiosk, card_json)  # type: ignore[arg-type]
        out = svc.my_space()
        assert out.kind == "ok" and out.space is not None and out.space.benefits
        todo = next(b for b in out.space.benefits if b.needs_confirmation)
        assert svc.confirm_benefit(todo.benefit_id).kind == "confirmed"
        # their records are personal data too: a license number and an application number
        other_app = next(a for a in out.space.applications if a.channel != "kiosk")
        assert out.space.licenses
        needles = [
            id_number.encode(),
            name.encode(),
            out.space.licenses[0].license_no.encode(),
            other_app.application_no.encode(),
        ]
        del other_app
        assert found_in_memory(needles)  # the walk does find them while the session lasts
        del out, todo
        svc.end_session()
        assert not svc.in_session
        assert found_in_memory(needles) == []
        handler.flush()
        assert log_file.stat().st_size > 0
        assert files_holding(kiosk.data_dir, needles) == []


def test_a_lost_answer_then_a_retry_confirms_once(kiosk: Kiosk, sim: Sim, tmp_path: Path) -> None:
    svc = _service(kiosk, _card(tmp_path))
    space = svc.my_space().space
    todo = next(b for b in space.benefits if b.status == "awaiting_confirmation")
    # the platform records the confirmation, then the answer is lost on the way back
    sim.once({"kind": "reset", "path": "/v1/holder/benefits/", "when": "after"})
    lost = svc.confirm_benefit(todo.benefit_id)
    assert lost.kind == "offline" and lost.message.startswith("需要联网")
    retry = svc.confirm_benefit(todo.benefit_id)
    assert retry.kind == "confirmed" and not retry.first_time
    (entry,) = sim.ledger()["benefit_confirmations"]
    assert entry["key_seen"] == 2 and entry["conflicts"] == 0
    assert entry["record_no"] == retry.confirmation_no


def test_a_platform_stalling_mid_answer_is_cut_at_the_deadline(kiosk: Kiosk, sim: Sim) -> None:
    from kiosk.domain.records import Applicant
    from kiosk.usecases.identify import ProvedIdentity
    from kiosk.usecases.myspace import open_space

    identity = ProvedIdentity(Applicant(RESIDENT["name"], RESIDENT["id_number"]))
    sim.once({"kind": "stall", "path": "/v1/holder/applications", "seconds": 4})
    out = open_space(kiosk.platform(), identity, None, deadline_s=1.0)
    assert out.kind == "offline" and out.space is None
    assert sim.get("/_sim/faults")["injected"].get("stall") == 1
    assert open_space(kiosk.platform(), identity, None, deadline_s=1.0).kind == "ok"
