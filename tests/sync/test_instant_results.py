"""Instant items (即时办结, issue 14) over real HTTP against the platform simulator: after the
card is read, the terminal fetches the result document, verifies its seal offline and checks it
is the resident's before anything can be shown or printed. Every bad answer — a broken seal, an
unknown, revoked or expired issuer, a document for another person, a stall mid-download, an
oversized or malformed answer, no network — gives its own clear outcome with nothing
printable, and the next request in the same session still works."""

from __future__ import annotations

import logging
import socket
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sync_helpers import Kiosk, Sim, capture_printer

from kiosk.catalog.sample import load_sample_items
from kiosk.domain.items import ServiceItem
from kiosk.domain.records import Applicant, ApplicationDraft, MaterialInput
from kiosk.seals import load_trust, verify_document
from kiosk.usecases.identify import ProvedIdentity
from kiosk.usecases.instant import InstantOutcome, fetch_instant_result
from kiosk.usecases.submit import submit_application
from sync.selftest import field_value

ID_NUMBER = "11010519491231002X"
NAME = "王秀英"
IDENTITY = ProvedIdentity(Applicant(NAME, ID_NUMBER))


def _item(title: str) -> ServiceItem:
    for d in load_sample_items():
        if (d.get("result_document") or {}).get("title") == title:
            return ServiceItem.from_dict(d)
    raise AssertionError(title)


SI = _item("社会保险参保证明")


def _fetch(kiosk: Kiosk, item: ServiceItem = SI, **kw: object) -> InstantOutcome:
    return fetch_instant_result(
        kw.pop("platform", None) or kiosk.platform(),
        item,
        kw.pop("identity", IDENTITY),  # type: ignore[arg-type]
        load_trust(kiosk.data_dir),
        **kw,  # type: ignore[arg-type]
    )


@pytest.fixture
def trusted(kiosk: Kiosk) -> Kiosk:
    assert kiosk.agent().pull_seal_trust()[0] == "applied"
    return kiosk


def _assert_nothing_printable(out: InstantOutcome) -> None:
    assert out.result is None and not out.printable
    assert out.message_zh and out.message_en


def test_a_resident_gets_the_verified_document_of_an_instant_item(
    trusted: Kiosk, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    out = _fetch(trusted)
    assert out.kind == "verified" and out.printable, out
    r = out.result
    assert r is not None
    body = SI.raw["implementing_body"]["name"]
    assert r.issuer == body and r.verified_zh == f"已验证 · {body}"
    assert "已验证" in out.message_zh and body in out.message_zh
    assert r.title == "社会保险参保证明" and r.fits_receipt
    assert dict(r.facts)["参保状态"] == "正常参保"
    assert r.holder_id_masked == "110105********002X" and r.holder_name_masked.startswith("王")
    # the bytes and seal handed on are exactly what verified
    verdict = verify_document(
        r.document, r.signature, load_trust(trusted.data_dir), datetime.now(UTC)
    )
    assert verdict.kind == "verified"
    # the resident's document stays out of the logs and out of reprs
    text = caplog.text + repr(out) + repr(r)
    for secret in (ID_NUMBER, NAME, r.holder_name_masked, "正常参保", "累计缴费月数"):
        assert secret not in text
    assert "instant result for item" in caplog.text

    # five instant items, each issued by its own body's seal
    for title in ("医疗保险参保凭证", "无犯罪记录证明", "户籍证明", "婚姻登记记录证明"):
        item = _item(title)
        o = _fetch(trusted, item)
        assert o.kind == "verified", (title, o)
        assert o.result and o.result.issuer == item.raw["implementing_body"]["name"]


@pytest.mark.parametrize(
    ("control", "kind", "verdict", "words"),
    [
        ({"documents": "tampered"}, "seal_refused", "broken", "已被改动"),
        ({"documents": "unknown_issuer"}, "seal_refused", "unknown_issuer", "不在信任列表"),
        ({"results": "expired_seal"}, "seal_refused", "issuer_expired", "有效期"),
        ({"results": "other_holder"}, "wrong_holder", "", "持有人与所读证件不一致"),
        ({"results": "unreadable"}, "malformed", "", "无法读取"),
    ],
)
def test_a_bad_document_is_refused_with_the_reason_and_the_window(
    trusted: Kiosk, sim: Sim, control: dict, kind: str, verdict: str, words: str
) -> None:
    sim.post("/_sim/seals", control)
    out = _fetch(trusted)
    assert (out.kind, out.seal_verdict) == (kind, verdict), out
    _assert_nothing_printable(out)
    assert words in out.message_zh and "窗口" in out.message_zh and out.go_to_window
    assert not out.can_queue
    # the English is a sentence for residents: no verdict code such as "(broken)"
    assert "window" in out.message_en and f"({verdict})" not in out.message_en
    assert "_" not in out.message_en and out.message_en[0].isupper()
    # the session goes on: the next document (the platform fixed) verifies
    sim.post("/_sim/seals", {"documents": "good", "results": "good"})
    assert _fetch(trusted).kind == "verified"


def test_a_revoked_issuer_is_refused(trusted: Kiosk, sim: Sim) -> None:
    body = SI.raw["implementing_body"]["name"]
    sim.post("/_sim/seals", {"revoke": [body]})
    assert trusted.agent().pull_seal_trust()[0] == "applied"
    out = _fetch(trusted)
    assert (out.kind, out.seal_verdict) == ("seal_refused", "issuer_revoked")
    _assert_nothing_printable(out)
    assert "吊销" in out.message_zh
    assert _fetch(trusted, _item("无犯罪记录证明")).kind == "verified"  # another body's seal


def test_without_a_trust_store_nothing_is_verified(kiosk: Kiosk) -> None:
    out = _fetch(kiosk)
    assert (out.kind, out.seal_verdict) == ("seal_refused", "unknown_issuer")
    _assert_nothing_printable(out)


def test_a_download_that_stalls_times_out_at_the_deadline(trusted: Kiosk, sim: Sim) -> None:
    sim.once({"kind": "stall", "path": "/v1/kiosks/", "seconds": 4})
    out = _fetch(trusted, deadline_s=1.0)
    assert out.kind == "timeout" and out.can_queue, out
    _assert_nothing_printable(out)
    assert "超时" in out.message_zh
    assert sim.get("/_sim/faults")["injected"].get("stall") == 1
    assert _fetch(trusted).kind == "verified"


def test_an_answer_that_trickles_in_is_cut_at_the_deadline(trusted: Kiosk, sim: Sim) -> None:
    # one byte every 0.2 s: each read is quick, the whole would take minutes
    sim.once({"kind": "drip", "path": "/v1/kiosks/", "interval": 0.2})
    out = _fetch(trusted, deadline_s=1.5)
    assert out.kind == "timeout" and out.can_queue, out
    _assert_nothing_printable(out)
    assert sim.get("/_sim/faults")["injected"].get("drip") == 1
    assert _fetch(trusted).kind == "verified"


@pytest.mark.parametrize(
    ("fault", "kind"),
    [
        ({"kind": "oversized", "size": 9 * 1024 * 1024}, "malformed"),
        ({"kind": "body", "status": 200, "body": '{"result_id": 5'}, "malformed"),
        ({"kind": "body", "status": 200, "body": '{"result_id": "R1"}'}, "malformed"),
        ({"kind": "garbage"}, "malformed"),
        ({"kind": "truncated"}, "malformed"),
        ({"kind": "status", "status": 503, "retry_after": 1}, "offline"),
        ({"kind": "status", "status": 422, "error": "invalid"}, "refused"),
    ],
)
def test_a_broken_answer_gives_its_outcome_and_the_session_recovers(
    trusted: Kiosk, sim: Sim, fault: dict, kind: str
) -> None:
    sim.once({**fault, "path": "/v1/kiosks/", "when": "after"})
    out = _fetch(trusted)
    assert out.kind == kind, (fault, out)
    _assert_nothing_printable(out)
    assert _fetch(trusted).kind == "verified"


def test_offline_the_item_says_so_and_an_application_can_be_queued(
    trusted: Kiosk, tmp_path: Path
) -> None:
    with socket.socket() as s:  # a port nobody listens on: the network is down
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    from sync.client import HttpPlatform

    down = HttpPlatform(f"http://127.0.0.1:{port}", trusted.kiosk_id, trusted.secret, timeout_s=2)
    out = _fetch(trusted, platform=down)
    assert out.kind == "offline" and out.can_queue and not out.go_to_window
    _assert_nothing_printable(out)
    assert "联网" in out.message_zh and "提交申请" in out.message_zh
    assert fetch_instant_result(None, SI, IDENTITY, load_trust(trusted.data_dir)).kind == (
        "offline"
    )
    # the resident accepts: the ordinary application goes into the outbox
    if trusted.store.catalog.count() == 0:
        assert trusted.agent().pull_catalog()[0] == "applied"
    form = {f.name: field_value(f) for f in SI.fields}
    form.update({k: v for k, v in {"name": NAME, "id_number": ID_NUMBER}.items() if k in form})
    scans = tuple(
        MaterialInput(m.material_id, m.name, "scan", b"\xff\xd8scan", "image/jpeg")
        for m in SI.materials
        if m.required
    )
    sub = submit_application(
        trusted.store,
        ApplicationDraft(
            SI.item_code, Applicant(NAME, ID_NUMBER, phone="13800138000"), form, scans
        ),
    )
    assert sub.item_code == SI.item_code
    assert trusted.store.outbox.counts().pending >= 1


def test_an_item_that_is_not_instant_is_not_fetched(trusted: Kiosk, sim: Sim) -> None:
    plain = ServiceItem.from_dict(next(d for d in load_sample_items() if not d.get("instant")))
    out = _fetch(trusted, plain)
    assert out.kind == "not_instant" and not out.printable
    # and the platform itself refuses to issue one
    platform = trusted.platform()
    from kiosk.ports.platform import IdentityClaim, Refused

    token = platform.verify_identity(
        IdentityClaim("resident", ID_NUMBER, NAME, None, "id_card")
    ).data.token
    r = platform.instant_result(token, plain.item_code, "6f1c2b9e-2d7a-4c1e-9b1a-0a5f3e8d7c21", 5)
    assert isinstance(r, Refused) and "not issued at once" in r.reason


class _CardReader:
    """The id reader as the facade sees a managed device, answering with a fixed card."""

    def __init__(self, card: object) -> None:
        from kiosk.devices.health import Ready
        from kiosk.ports import identity as idp

        self.answer = idp.CardPresent(card)
        self.status = type("S", (), {"current": Ready()})()

    def call(self, job: object, unavailable: object = None) -> object:
        reader = type("R", (), {"wait_for_card": lambda _s, *a, **k: self.answer})()
        return job(reader)  # type: ignore[operator]


def test_the_application_api_keeps_a_verified_result_for_the_session_only(
    trusted: Kiosk,
) -> None:
    import json
    import threading

    from kiosk.identity.card import IdentityCard
    from kiosk.service import KioskService, NotIdentified

    repo = Path(__file__).resolve().parents[2]
    card = IdentityCard.from_json(
        json.loads((repo / "assets/cards/resident.json").read_text(encoding="utf-8"))
    )
    assert trusted.agent().pull_catalog()[0] == "applied"
    svc = KioskService(trusted.cfg, trusted.data_dir)
    svc.open(trusted.store)
    svc.attach(id_reader=_CardReader(card), platform=trusted.platform())
    with pytest.raises(NotIdentified):
        svc.instant_result(SI.item_code)
    assert svc.read_identity("id_card", threading.Event(), 1.0).kind == "ok"
    out = svc.instant_result(SI.item_code)
    assert out.kind == "verified" and out.result is not None
    assert out.result.holder_id_masked.endswith(card.id_number[-4:])
    assert svc.instant_document(out.result.result_id) is out.result
    assert svc.instant_result("NO-SUCH-ITEM").kind == "not_instant"
    svc.end_session()  # the resident leaves: their certificate goes with them
    assert not svc.in_session
    assert svc.instant_document(out.result.result_id) is None
    with pytest.raises(NotIdentified):
        svc.instant_result(SI.item_code)


def test_a_verified_result_prints_receipt_sized_with_a_qr_that_checks_the_document(
    trusted: Kiosk,
) -> None:
    from kiosk.receipts.blocks import to_text
    from kiosk.receipts.result import build_result_receipt
    from kiosk.seals.container import parse_qr
    from kiosk.seals.gm import sm3
    from kiosk.usecases.instant import print_result_receipt

    out = _fetch(trusted)
    r = out.result
    assert r is not None
    doc = build_result_receipt(r, width_mm=80, verify_url="https://zwfw.example/verify/x")
    assert to_text(doc).count("\n") > 10
    text = "".join(line.strip() for line in doc.text_lines())  # wrapped lines joined
    assert "社会保险参保证明" in doc.text_lines()[0] and f"已验证 · {r.issuer}" in text
    assert "正常参保" in text and "110105********002X" in text and ID_NUMBER not in text
    qr = parse_qr(doc.qr_payloads()[0])
    assert qr is not None and qr.digest == sm3(r.document) and r.result_id in doc.qr_payloads()[0]
    # nothing unverified is printed, nor a document that does not fit the receipt
    from kiosk.ports.platform import IdentityClaim, Issued

    raw = trusted.platform()
    token = raw.verify_identity(
        IdentityClaim("resident", ID_NUMBER, NAME, None, "id_card")
    ).data.token
    unverified = raw.instant_result(token, SI.item_code, "6f1c2b9e-2d7a-4c1e-9b1a-0a5f3e8d7c21", 5)
    assert isinstance(unverified, Issued)
    assert print_result_receipt(None, unverified.result, trusted.cfg).reason == (
        "not a verified result"
    )
    a4 = _fetch(trusted, _item("无犯罪记录证明")).result
    assert a4 is not None and not a4.fits_receipt
    assert print_result_receipt(None, a4, trusted.cfg).reason == "does not fit the receipt printer"
    assert print_result_receipt(None, r, trusted.cfg).kind == "unavailable"  # no printer here


def test_the_printed_result_carries_a_qr_that_kiosk_verify_checks_against_the_file(
    trusted: Kiosk, tmp_path: Path
) -> None:
    """Printed through the real ESC/POS driver to the capture printer: the paper says
    已验证 with the issuing body, and the QR read back from the print lets ``kiosk verify``
    check the sealed file a clerk is given — and refuse a changed one."""
    import base64
    import json

    from drivers.printer.simulator import PrinterSimulator
    from kiosk.usecases.instant import print_result_receipt

    out = _fetch(trusted)
    r = out.result
    assert r is not None
    with PrinterSimulator(tmp_path / "printer", port=0) as printer_sim:
        printer = capture_printer(printer_sim.port)
        try:
            assert print_result_receipt(printer, r, trusted.cfg).kind == "ok"
        finally:
            printer.close()
        (job,) = printer_sim.wait_for_jobs(1)
    assert job.printed and "社会保险参保证明" in job.text.replace(" ", "")
    assert "已验证" in job.text and ID_NUMBER not in job.text
    (qr,) = [q["payload"] for q in job.qr]
    assert qr.startswith("BMKDOC1|" + r.result_id + "|")

    bundle = tmp_path / "result.sealed.json"
    bundle.write_bytes(r.sealed_bundle())
    ok = trusted.kiosk("verify", qr, "--document", str(bundle))
    assert ok.returncode == 0, ok.stderr
    assert r.issuer in ok.stdout and "已验证" in ok.stdout
    # a changed document: the seal no longer holds
    v = json.loads(bundle.read_bytes())
    v["document"] = base64.b64encode(
        base64.b64decode(v["document"]).replace("正常参保".encode(), "暂停参保".encode())
    ).decode()
    bundle.write_text(json.dumps(v), "utf-8")
    bad = trusted.kiosk("verify", qr, "--document", str(bundle))
    assert bad.returncode == 4 and "已被改动" in bad.stderr


def test_the_openapi_document_describes_the_answer_the_simulator_gives(
    trusted: Kiosk, sim: Sim
) -> None:
    import json

    from sync_helpers import signed_request

    doc = sim.get("/openapi.json")
    op = doc["paths"]["/v1/kiosks/{kiosk_id}/results"]["post"]
    schema = op["responses"]["200"]["content"]["application/json"]["schema"]
    platform = trusted.platform()
    from kiosk.ports.platform import IdentityClaim

    token = platform.verify_identity(
        IdentityClaim("resident", ID_NUMBER, NAME, None, "id_card")
    ).data.token
    body = json.dumps(
        {"item_code": SI.item_code, "request_id": "6f1c2b9e-2d7a-4c1e-9b1a-0a5f3e8d7c21"}
    ).encode()
    answer, _ = signed_request(
        sim.url,
        trusted.kiosk_id,
        trusted.secret,
        "POST",
        f"/v1/kiosks/{trusted.kiosk_id}/results",
        body,
        {"X-Holder-Token": token, "Content-Type": "application/json"},
    )
    assert answer.status_code == 200
    value = answer.json()
    assert set(schema["required"]) <= set(value) <= set(schema["properties"])
    assert value["type"] == SI.result_document.type


def _pdf_text(path: Path) -> str:
    import subprocess

    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _pdf_qr(path: Path, tmp_path: Path) -> list[str]:
    """The QR codes on the PDF's first page, rendered by poppler and read by zxing."""
    import subprocess

    import zxingcpp
    from PIL import Image

    prefix = tmp_path / "page"
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", str(path), str(prefix)], check=True)  # fmt: skip
    (png,) = tmp_path.glob("page*.png")
    return [r.text for r in zxingcpp.read_barcodes(Image.open(png))]


def test_the_a4_pdf_says_what_the_sealed_document_says_and_kiosk_verify_checks_it(
    trusted: Kiosk, tmp_path: Path
) -> None:
    """The kiosk's own A4 PDF of a verified result (the file it hands to CUPS): the page shows
    the document with 已验证 and the issuing body and no full ID number, its QR (read from the
    rendered page) ties it to the document, and ``kiosk verify`` on the PDF passes — and
    refuses a PDF whose page was changed, whose embedded document was changed, or that carries
    no sealed document at all."""
    import dataclasses

    from kiosk.receipts.result_pdf import render_result_pdf
    from kiosk.usecases.instant import verify_url

    item = _item("无犯罪记录证明")
    r = _fetch(trusted, item).result
    assert r is not None and not r.fits_receipt
    url = verify_url(trusted.cfg.platform.status_url_template, r.result_id)
    pdf = tmp_path / "result.pdf"
    pdf.write_bytes(render_result_pdf(r, verify_url=url))

    text = "".join(_pdf_text(pdf).split())
    assert "无犯罪记录证明" in text and "已验证" in text and r.issuer in text
    for label, value in r.facts:
        assert "".join(f"{label}{value}".split()) in text
    assert ID_NUMBER not in text and r.holder_id_masked in text
    (qr,) = _pdf_qr(pdf, tmp_path)
    assert qr.startswith(f"BMKDOC1|{r.result_id}|") and qr.endswith(url)

    ok = trusted.kiosk("verify", str(pdf))
    assert ok.returncode == 0, ok.stderr
    assert r.issuer in ok.stdout

    label, value = r.facts[0]
    forged_page = dataclasses.replace(r, facts=((label, value + "（已改）"), *r.facts[1:]))
    changed = tmp_path / "page-changed.pdf"
    changed.write_bytes(render_result_pdf(forged_page, verify_url=url))  # the true bundle inside
    bad = trusted.kiosk("verify", str(changed))
    assert bad.returncode == 4 and "页面内容与盖章文件不符" in bad.stderr, bad.stderr

    doc = r.document.replace(value.encode(), (value + "X").encode(), 1)
    forged_doc = dataclasses.replace(r, document=doc)
    changed_doc = tmp_path / "document-changed.pdf"
    changed_doc.write_bytes(render_result_pdf(forged_doc, verify_url=url))
    bad = trusted.kiosk("verify", str(changed_doc))
    assert bad.returncode == 4 and "已被改动" in bad.stderr, bad.stderr

    from fpdf import FPDF

    plain = FPDF()
    plain.add_page()
    bare = tmp_path / "no-seal.pdf"
    bare.write_bytes(bytes(plain.output()))
    bad = trusted.kiosk("verify", str(bare))
    assert bad.returncode == 4 and "no seal" in bad.stderr, bad.stderr
