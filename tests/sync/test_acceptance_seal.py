"""The sealed acceptance receipt (issue 14 item 4) over real HTTP against the platform simulator:
once the platform accepts an application, its status answer carries the platform's seal on the
acceptance record; the terminal's status refresh checks it offline against the province's
seal-issuer certificates and keeps it only when it verifies (encrypted at rest, audited). A
forged record — tampered, by an unknown issuer, naming another applicant — is kept out and the
status says it could not be verified. A reprint of the receipt after confirmation carries the
seal: "已由平台确认 / 电子印章已验证" with the issuing body and a QR that checks the record."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from sync_helpers import Kiosk, Sim, capture_printer, signed_request

from kiosk.receipts.receipt import ReceiptData, build_receipt
from kiosk.seals import load_trust
from kiosk.usecases.acceptance import holder_digest
from kiosk.usecases.printing import with_confirmation
from kiosk.usecases.status import lookup_status
from sync.selftest import TEST_ID

ACCEPTED = {"accepted", "in_review", "approved", "completed", "rejected"}


def _accepted_apps(kiosk: Kiosk, count: int = 4) -> tuple[list[object], list[object]]:
    """Queue ``count`` applications, send them, and let three simulated days pass; the
    applications the platform accepted and those it never accepted (a supplement)."""
    refs = kiosk.queue(count, materials=0)
    agent = kiosk.agent()
    assert agent.drain().sent == count
    return refs, agent  # type: ignore[return-value]


def _advance(sim: Sim, days: float = 3) -> None:
    sim.post("/_sim/clock", {"advance_s": days * 86400})


def _apps(kiosk: Kiosk, refs: list[str]) -> tuple[list[object], list[object]]:
    apps = [kiosk.store.applications.get_by_ref(r) for r in refs]
    accepted = [a for a in apps if a.status in ACCEPTED]
    other = [a for a in apps if a.status not in ACCEPTED]
    assert accepted, [a.status for a in apps]
    return accepted, other


def _audit(kiosk: Kiosk, event: str) -> list[dict[str, object]]:
    return [e for e in kiosk.store.audit.entries() if e["event"] == event]


def _receipt(kiosk: Kiosk, app: object) -> ReceiptData:
    from datetime import datetime

    return ReceiptData(
        item_name=app.item_name,  # type: ignore[attr-defined]
        item_code=app.item_code,  # type: ignore[attr-defined]
        local_ref=app.local_ref,  # type: ignore[attr-defined]
        applicant_name="测试",
        applicant_id_number=TEST_ID,
        submitted_at=datetime(2026, 12, 4, 9, 30),
        terminal_id=kiosk.kiosk_id,
        hotline="12345",
        printed_at=datetime(2026, 12, 4, 9, 45),
    )


def test_before_acceptance_the_status_carries_no_seal(kiosk: Kiosk, sim: Sim) -> None:
    refs, agent = _accepted_apps(kiosk, 2)
    assert agent.pull_statuses()[0] == "ok"
    for r in refs:
        app = kiosk.store.applications.get_by_ref(r)
        assert app.status == "received"
        assert kiosk.store.applications.acceptance_seal(app.id) is None
    out = lookup_status(kiosk.store, kiosk.platform(), refs[0], trust=load_trust(kiosk.data_dir))
    assert out.kind == "found" and out.acceptance == ""


def test_the_status_refresh_keeps_the_verified_acceptance_seal(kiosk: Kiosk, sim: Sim) -> None:
    refs, agent = _accepted_apps(kiosk)
    _advance(sim)
    assert not load_trust(kiosk.data_dir).issuers  # the refresh pulls the trust store itself
    assert agent.pull_statuses()[0] == "ok"
    accepted, other = _apps(kiosk, refs)
    for app in accepted:
        seal = kiosk.store.applications.acceptance_seal(app.id)
        assert seal is not None and seal.verified, seal
        assert seal.issuer.startswith("北京") and seal.doc_id == app.application_no
        bundle = json.loads(kiosk.store.applications.acceptance_bundle(app.id))
        record = json.loads(__import__("base64").b64decode(bundle["document"]))
        assert record["document_type"] == "acceptance-record"
        assert record["local_ref"] == app.local_ref and record["item_code"] == app.item_code
        assert record["holder"]["id_digest"] == holder_digest(app.application_no, TEST_ID)
    for app in other:  # a supplement was asked for: never accepted, no seal
        assert kiosk.store.applications.acceptance_seal(app.id) is None
    # at rest the record is encrypted like the applicant
    raw = sqlite3.connect(kiosk.data_dir / "kiosk.db").execute(
        "SELECT bundle_enc FROM acceptance_seals WHERE state = 'verified'"
    )
    for (blob,) in raw:
        assert b"acceptance-record" not in blob and b"bianmin-sealed" not in blob
    events = _audit(kiosk, "acceptance.verified")
    assert len(events) == len(accepted)
    assert TEST_ID not in json.dumps(events, ensure_ascii=False)
    # the status a resident looks up says so, and the stored record is what kiosk verify checks
    out = lookup_status(kiosk.store, kiosk.platform(), accepted[0].local_ref)
    assert out.acceptance == "verified" and out.acceptance_issuer == seal.issuer
    assert "已由平台确认" in out.acceptance_zh and "verified" in out.acceptance_en


def test_the_sealed_record_is_one_kiosk_verify_accepts(
    kiosk: Kiosk, sim: Sim, tmp_path: Path
) -> None:
    refs, agent = _accepted_apps(kiosk, 3)
    _advance(sim)
    assert agent.pull_statuses()[0] == "ok"
    (app, *_), _ = _apps(kiosk, refs)
    path = tmp_path / "acceptance.sealed.json"
    path.write_bytes(kiosk.store.applications.acceptance_bundle(app.id))
    ok = kiosk.kiosk("verify", str(path))
    assert ok.returncode == 0, ok.stderr
    assert "已验证" in ok.stdout


@pytest.mark.parametrize(
    ("control", "verdict"),
    [
        ({"documents": "tampered"}, "broken"),
        ({"documents": "unknown_issuer"}, "unknown_issuer"),
        ({"acceptance": "other_holder"}, "wrong_holder"),
    ],
)
def test_a_forged_acceptance_seal_is_kept_out_and_the_status_says_so(
    kiosk: Kiosk, sim: Sim, control: dict[str, str], verdict: str
) -> None:
    refs, agent = _accepted_apps(kiosk, 3)
    _advance(sim)
    sim.post("/_sim/seals", control)
    assert agent.pull_statuses()[0] == "ok"
    accepted, _ = _apps(kiosk, refs)
    app = accepted[0]
    seal = kiosk.store.applications.acceptance_seal(app.id)
    assert seal is not None and seal.state == "refused" and seal.verdict == verdict
    assert kiosk.store.applications.acceptance_bundle(app.id) is None
    (blob,) = (
        sqlite3.connect(kiosk.data_dir / "kiosk.db")
        .execute("SELECT bundle_enc FROM acceptance_seals WHERE application_id = ?", (app.id,))
        .fetchone()
    )
    assert blob is None, "nothing of a refused record is kept"
    assert [e["details"]["verdict"] for e in _audit(kiosk, "acceptance.refused")].count(
        verdict
    ) == len(accepted)
    trust = load_trust(kiosk.data_dir)
    out = lookup_status(kiosk.store, kiosk.platform(), app.local_ref, trust=trust)
    assert out.status in ACCEPTED and out.acceptance == "refused"
    assert "未能验证" in out.acceptance_zh and "could not be verified" in out.acceptance_en
    # a reprint carries no seal lines
    data = with_confirmation(kiosk.store, app.id, _receipt(kiosk, app), kiosk.cfg)
    assert data.acceptance is None
    text = "".join(build_receipt(data, width_mm=80, status_url_template="https://x/{local_ref}")
                   .text_lines())  # fmt: skip
    assert "已由平台确认" not in text and "电子印章已验证" not in text
    # the platform sends a good record again: looking the status up replaces the refusal
    sim.post("/_sim/seals", {"documents": "good", "acceptance": "good"})
    out = lookup_status(kiosk.store, kiosk.platform(), app.local_ref, trust=trust)
    assert out.acceptance == "verified"
    assert kiosk.store.applications.acceptance_seal(app.id).verified


def test_a_reprint_after_confirmation_carries_the_seal(
    kiosk: Kiosk, sim: Sim, tmp_path: Path
) -> None:
    """Printed through the real ESC/POS driver to the capture printer."""
    import base64

    from drivers.printer.simulator import PrinterSimulator
    from kiosk.seals.container import parse_qr
    from kiosk.seals.gm import sm3
    from kiosk.usecases.printing import print_receipt

    refs, agent = _accepted_apps(kiosk, 3)
    first = kiosk.store.applications.get_by_ref(refs[0])
    before = with_confirmation(kiosk.store, first.id, _receipt(kiosk, first), kiosk.cfg)
    assert before.acceptance is None  # not confirmed yet: the receipt as it was
    _advance(sim)
    assert agent.pull_statuses()[0] == "ok"
    (app, *_), _ = _apps(kiosk, refs)
    seal = kiosk.store.applications.acceptance_seal(app.id)
    data = with_confirmation(kiosk.store, app.id, _receipt(kiosk, app), kiosk.cfg)
    assert data.acceptance is not None and data.application_no == app.application_no
    with PrinterSimulator(tmp_path / "printer", port=0) as printer_sim:
        printer = capture_printer(printer_sim.port)
        try:
            from datetime import UTC, datetime

            assert print_receipt(printer, data, kiosk.cfg, datetime.now(UTC)).kind == "ok"
        finally:
            printer.close()
        (job,) = printer_sim.wait_for_jobs(1)
    text = job.text.replace(" ", "")
    assert job.printed and "已由平台确认/电子印章已验证" in text
    assert seal.issuer in text and app.application_no in text
    assert TEST_ID not in job.text
    status_qr, seal_qr = [q["payload"] for q in job.qr]
    assert app.local_ref in status_qr
    qr = parse_qr(seal_qr)
    assert qr is not None and qr.doc_id == app.application_no
    bundle = json.loads(kiosk.store.applications.acceptance_bundle(app.id))
    assert qr.digest == sm3(base64.b64decode(bundle["document"]))
    assert qr.url.endswith("/verify/" + app.application_no)
    png = Path(job.files["png"])
    assert png.stat().st_size > 0
    out = Path("/tmp/bianmin-seal-shots")
    out.mkdir(exist_ok=True)
    shutil.copy(png, out / "receipt-sealed.png")


def test_the_openapi_document_describes_the_acceptance_seal(kiosk: Kiosk, sim: Sim) -> None:
    refs, agent = _accepted_apps(kiosk, 3)
    _advance(sim)
    doc = sim.get("/openapi.json")
    op = doc["paths"]["/v1/applications/{ref}"]["get"]
    schema = op["responses"]["200"]["content"]["application/json"]["schema"]
    if "$ref" in schema:
        schema = doc["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    seal_schema = schema["properties"]["acceptance_seal"]["oneOf"][1]
    seen = 0
    for r in refs:
        answer, _ = signed_request(
            sim.url, kiosk.kiosk_id, kiosk.secret, "GET", f"/v1/applications/{r}"
        )
        assert answer.status_code == 200
        value = answer.json()
        assert set(schema["required"]) <= set(value) <= set(schema["properties"])
        if value["acceptance_seal"] is not None:
            seen += 1
            got = value["acceptance_seal"]
            assert set(seal_schema["required"]) == set(got)
            assert got["format"] == seal_schema["properties"]["format"]["const"]
    assert seen
