"""The technician card, through the real PC/SC path: the applet emulator on vpcd (in the
terminal's PC/SC slot), pcscd, the kiosk's driver, the verification against the configured
technician CA, and the application API's ``maintenance_enter_card`` with its audit entries.

What a technician (or someone who is not one) notices: a good card enters; a card of another
CA, or a copy of a good card's certificate without its key, does not; a resident's social
security card or ID card is "not a technician card"; every attempt is in the audit log.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import CARDS, wait_for_reader_state

CA = CARDS / "technician_test_ca.pem"
CA_KEY = CARDS / "technician_test_ca.key.pem"


@pytest.fixture(scope="module")
def tech_kiosk(pcscd: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The real kiosk: the SSC slot emulator on vpcd, the ID reader simulator on a pty, the
    technician CA configured."""
    from kiosk.config import parse_config
    from terminal.root import build

    cfg = parse_config(
        {
            "terminal": {"kiosk_id": "KIOSK-TECH-0001"},
            "devices": {
                "ssc_reader": {"kind": "simulated"},
                "qr_reader": {"kind": "none"},
                "printer": {"kind": "none"},
                "scanner": {"kind": "none"},
            },
            "maintenance": {"technician_ca": str(CA)},
        }
    )
    k = build(cfg, tmp_path_factory.mktemp("tech") / "data", start_agent=False)
    try:
        yield k
    finally:
        k.close()
        wait_for_reader_state(False)


@pytest.fixture
def slot(tech_kiosk: Any) -> Iterator[Any]:
    """Put a card file in the PC/SC slot: ``slot("technician.json")``; empty again after."""
    ctl = tech_kiosk.sim_control("ssc_reader")

    def insert(name: str | Path | dict) -> None:
        value = name if isinstance(name, dict) else str(CARDS / name)
        ctl.update(card=value)
        wait_for_reader_state(True)

    yield insert
    ctl.update(card=None)
    wait_for_reader_state(False)


def enter(k: Any, timeout_s: float = 10.0) -> Any:
    return k.backend.maintenance_enter_card(threading.Event(), timeout_s)


def last_audit(k: Any) -> dict[str, Any]:
    e = k.store.audit.entries()[-1]
    details = e["details"]
    return {"event": e["event"], **(json.loads(details) if isinstance(details, str) else details)}


def card_serial(name: str) -> str:
    from cryptography import x509

    pem = json.loads((CARDS / name).read_text(encoding="utf-8"))["certificate_pem"]
    return f"{x509.load_pem_x509_certificate(pem.encode()).serial_number:X}"


def test_a_good_technician_card_enters_and_is_audited(tech_kiosk: Any, slot: Any) -> None:
    slot("technician.json")
    out = enter(tech_kiosk)
    assert (out.kind, out.name) == ("ok", "张工")
    assert out.card_id == card_serial("technician.json")
    audit = last_audit(tech_kiosk)
    assert audit["event"] == "maintenance.card"
    assert (audit["result"], audit["card_id"]) == ("ok", out.card_id)
    # each entry is a new challenge: the card, taken out and put back, signs again
    tech_kiosk.sim_control("ssc_reader").update(card=None)
    wait_for_reader_state(False)
    slot("technician.json")
    emu = tech_kiosk.sims["ssc_reader"]
    assert enter(tech_kiosk).kind == "ok"
    assert emu._card.signatures == 1  # (a fresh applet: one signature, for this entry)


def test_a_card_of_another_ca_is_untrusted(tech_kiosk: Any, slot: Any) -> None:
    slot("technician_other_ca.json")
    out = enter(tech_kiosk)
    assert out.kind == "untrusted"
    assert "not issued by the technician CA" in out.reason
    audit = last_audit(tech_kiosk)
    assert (audit["result"], audit["reason"]) == ("untrusted", out.reason)


def test_a_copied_certificate_without_the_key_does_not_enter(tech_kiosk: Any, slot: Any) -> None:
    slot("technician_copy.json")  # 张工's certificate, another key
    out = enter(tech_kiosk)
    assert out.kind == "untrusted"
    assert "key" in out.reason
    assert out.card_id == card_serial("technician.json")  # it shows the real card's id...
    assert last_audit(tech_kiosk)["result"] == "untrusted"  # ...and is audited as a failure


def test_a_social_security_card_is_not_a_technician_card(tech_kiosk: Any, slot: Any) -> None:
    slot("ssc_pin.json")
    out = enter(tech_kiosk)
    assert (out.kind, out.reason) == ("not_technician", "ssc")
    assert tech_kiosk.sims["ssc_reader"]._card.tries == 3  # no PIN was ever sent
    assert last_audit(tech_kiosk)["result"] == "not_technician"


def test_a_resident_id_card_is_not_a_technician_card(tech_kiosk: Any) -> None:
    ctl = tech_kiosk.sim_control("id_reader")
    ctl.update(card=str(CARDS / "resident.json"))
    try:
        out = enter(tech_kiosk)
    finally:
        ctl.update(card=None)
    assert (out.kind, out.reason) == ("not_technician", "id_card")
    audit = last_audit(tech_kiosk)
    assert audit["result"] == "not_technician"
    assert "王秀英" not in json.dumps(audit, ensure_ascii=False)  # nothing of the card is kept


def test_no_card_before_the_deadline_is_no_card_and_not_audited(tech_kiosk: Any) -> None:
    n = len(tech_kiosk.store.audit.entries())
    assert enter(tech_kiosk, timeout_s=0.5).kind == "no_card"
    cancel = threading.Event()
    cancel.set()
    assert tech_kiosk.backend.maintenance_enter_card(cancel, 30).kind == "no_card"
    assert len(tech_kiosk.store.audit.entries()) == n


def test_a_card_left_in_is_answered_once_until_it_is_taken_out(tech_kiosk: Any, slot: Any) -> None:
    slot("ssc.json")  # a resident's card left in the slot while the terminal waits
    assert enter(tech_kiosk).kind == "not_technician"
    n = len(tech_kiosk.store.audit.entries())
    assert enter(tech_kiosk, timeout_s=1.0).kind == "no_card"  # not read (nor audited) again
    assert len(tech_kiosk.store.audit.entries()) == n
    slot("technician.json")  # swapped for the technician's card: that one is read
    assert enter(tech_kiosk).kind == "ok"
    # the technician's card still in after leaving maintenance does not re-enter by itself...
    assert enter(tech_kiosk, timeout_s=1.0).kind == "no_card"
    # ...taken out and put back, it does
    tech_kiosk.sim_control("ssc_reader").update(card=None)
    wait_for_reader_state(False)
    slot("technician.json")
    assert enter(tech_kiosk).kind == "ok"


# ------------------------------------------------------------------ the verification itself
def _answer_for(card: dict[str, Any], challenge: bytes) -> Any:
    from drivers.techcard.emulator import TechnicianApplet
    from kiosk.maintenance.techcard import TechCardAnswer, signed_message

    applet = TechnicianApplet.from_json(card)
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    sig = applet.key.sign(signed_message(challenge), ec.ECDSA(hashes.SHA256()))
    return TechCardAnswer(applet.certificate, sig)


def test_a_recorded_answer_does_not_verify_for_a_new_challenge() -> None:
    from kiosk.maintenance.techcard import (
        Technician,
        Untrusted,
        load_ca,
        new_challenge,
        verify_card,
    )

    card = json.loads((CARDS / "technician.json").read_text(encoding="utf-8"))
    ca, now = load_ca(CA), dt.datetime.now(dt.UTC)
    first = new_challenge()
    recorded = _answer_for(card, first)
    assert isinstance(verify_card(recorded, first, ca, now), Technician)
    replay = verify_card(recorded, new_challenge(), ca, now)
    assert isinstance(replay, Untrusted) and "key" in replay.reason


def test_an_expired_or_not_yet_valid_card_is_untrusted() -> None:
    from drivers.techcard import issue
    from kiosk.maintenance.techcard import Untrusted, load_ca, new_challenge, verify_card

    ca_key, ca_cert = issue.load_ca(CA_KEY, CA)
    start = dt.datetime.now(dt.UTC) - dt.timedelta(days=30)
    card = issue.issue_card(ca_key, ca_cert, "王工", days=10, not_before=start)
    ch = new_challenge()
    ca = load_ca(CA)
    late = verify_card(_answer_for(card, ch), ch, ca, dt.datetime.now(dt.UTC))
    assert isinstance(late, Untrusted) and "expired" in late.reason
    early = verify_card(_answer_for(card, ch), ch, ca, start - dt.timedelta(days=1))
    assert isinstance(early, Untrusted) and "not yet valid" in early.reason


def test_without_a_usable_ca_no_card_enters(tmp_path: Path) -> None:
    from kiosk.config import ConfigError, parse_config
    from kiosk.maintenance.techcard import enter_by_card

    cancel = threading.Event()
    now = lambda: dt.datetime.now(dt.UTC)  # noqa: E731
    assert enter_by_card(object(), None, None, cancel, 1, now).kind == "reader_error"
    leaf = tmp_path / "leaf.pem"
    card = json.loads((CARDS / "technician.json").read_text(encoding="utf-8"))
    leaf.write_text(card["certificate_pem"], encoding="ascii")  # a card's own certificate
    out = enter_by_card(object(), None, str(leaf), cancel, 1, now)
    assert out.kind == "reader_error" and "not a CA" in out.reason
    with pytest.raises(ConfigError, match="maintenance.technician_ca"):
        parse_config({"maintenance": {"technician_ca": "relative/ca.pem"}})
