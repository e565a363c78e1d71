"""The public page a printed document's QR points at (``GET /verify/<doc id>`` on the platform
simulator), over real HTTP: for a document the platform handed out — an instant result, a
sealed acceptance record, an e-license — it names the issuing body and the SM3 digest the QR
carries; an unknown id is a 404 page that says not to rely on the paper; nothing is echoed
unescaped, and no personal data is on it."""

from __future__ import annotations

import base64
import json
from urllib.parse import urlsplit

import requests
from sync_helpers import Kiosk, Sim

from kiosk.catalog.sample import load_sample_items
from kiosk.domain.items import ServiceItem
from kiosk.domain.records import Applicant
from kiosk.seals import load_trust
from kiosk.seals.container import make_qr, parse_qr
from kiosk.seals.gm import sm3
from kiosk.usecases.identify import ProvedIdentity
from kiosk.usecases.instant import fetch_instant_result, verify_url
from kiosk.usecases.printing import with_confirmation

ID_NUMBER = "11010519491231002X"
NAME = "王秀英"


def _item(title: str) -> ServiceItem:
    return ServiceItem.from_dict(
        next(
            d for d in load_sample_items() if (d.get("result_document") or {}).get("title") == title
        )
    )


def _page(sim: Sim, url: str) -> requests.Response:
    """The page for the URL printed in a QR (its host is the province's: asked of the
    simulator by its path)."""
    return requests.get(sim.url + urlsplit(url).path, timeout=10)


def test_an_instant_result_s_qr_opens_a_page_naming_its_issuer_and_digest(
    kiosk: Kiosk, sim: Sim
) -> None:
    assert kiosk.agent().pull_seal_trust()[0] == "applied"
    out = fetch_instant_result(
        kiosk.platform(),
        _item("社会保险参保证明"),
        ProvedIdentity(Applicant(NAME, ID_NUMBER)),
        load_trust(kiosk.data_dir),
    )
    r = out.result
    assert r is not None
    qr = parse_qr(
        make_qr(
            r.result_id,
            sm3(r.document),
            verify_url(kiosk.cfg.platform.status_url_template, r.result_id),
        )
    )
    page = _page(sim, qr.url)
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    assert 'data-known="true"' in page.text and "文件已登记" in page.text
    assert r.issuer in page.text and qr.digest.hex() in page.text
    assert r.holder_name_masked not in page.text and "110105" not in page.text  # no holder


def test_the_sealed_receipt_s_qr_opens_the_acceptance_record_s_page(kiosk: Kiosk, sim: Sim) -> None:
    from datetime import datetime

    from kiosk.receipts.receipt import ReceiptData

    refs = kiosk.queue(3, materials=0)
    agent = kiosk.agent()
    agent.drain()
    sim.post("/_sim/clock", {"advance_s": 3 * 86400})
    assert agent.pull_statuses()[0] == "ok"
    app = next(
        a
        for a in (kiosk.store.applications.get_by_ref(x) for x in refs)
        if kiosk.store.applications.acceptance_seal(a.id) is not None
    )
    data = ReceiptData(
        app.item_name, app.item_code, app.local_ref, "测试", "110105199003070011",
        datetime(2026, 12, 4, 9, 30), kiosk.kiosk_id, "12345",
    )  # fmt: skip
    seal = with_confirmation(kiosk.store, app.id, data, kiosk.cfg).acceptance
    assert seal is not None and seal.qr
    qr = parse_qr(seal.qr)
    page = _page(sim, qr.url)
    assert page.status_code == 200 and app.application_no in page.text
    assert "受理记录" in page.text and seal.issuer in page.text
    bundle = json.loads(kiosk.store.applications.acceptance_bundle(app.id))
    digest = sm3(base64.b64decode(bundle["document"])).hex()
    assert qr.digest.hex() == digest and f'<code id="sm3">{digest}</code>' in page.text


def test_an_unknown_id_is_a_404_page_that_says_not_to_rely_on_the_paper(sim: Sim) -> None:
    page = requests.get(sim.url + "/verify/RS-NO-SUCH-DOCUMENT", timeout=10)
    assert page.status_code == 404 and 'data-known="false"' in page.text
    assert "未找到该文件" in page.text and "Do not rely on it" in page.text
    evil = requests.get(sim.url + "/verify/%3Cscript%3Ealert(1)%3C%2Fscript%3E", timeout=10)
    assert evil.status_code == 404 and "<script>" not in evil.text
    assert "&lt;script&gt;" in evil.text
    head = requests.head(sim.url + "/verify/RS-NO-SUCH-DOCUMENT", timeout=10)
    assert head.status_code == 404 and head.content == b""
