"""An A4-only instant result (无犯罪记录证明) printed through a real CUPS (the cups-pdf
simulator queue): the kiosk's own PDF goes to the printer only after the seal verified, the
printed output carries the QR that ties it to the sealed document, and a jam mid-job is an
outcome with nothing coming out later."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cups_session import cupsd_running, qr_codes_of, simulated_a4
from sync_helpers import Kiosk

from kiosk.catalog.sample import load_sample_items
from kiosk.domain.items import ServiceItem
from kiosk.domain.records import Applicant
from kiosk.seals import load_trust
from kiosk.usecases.identify import ProvedIdentity
from kiosk.usecases.instant import fetch_instant_result, print_result_a4, verify_url

IDENTITY = ProvedIdentity(Applicant("王秀英", "11010519491231002X"))


def _item(title: str) -> ServiceItem:
    for d in load_sample_items():
        if (d.get("result_document") or {}).get("title") == title:
            return ServiceItem.from_dict(d)
    raise AssertionError(title)


@pytest.fixture(scope="module")
def cupsd() -> Iterator[None]:
    yield from cupsd_running()


@pytest.fixture
def a4(tmp_path: Path, cupsd: None) -> Iterator[Any]:
    """The simulated A4 printer as ``kiosk run`` builds it."""
    yield from simulated_a4(tmp_path / "a4sim")


def _result(kiosk: Kiosk) -> Any:
    assert kiosk.agent().pull_seal_trust()[0] == "applied"
    out = fetch_instant_result(
        kiosk.platform(), _item("无犯罪记录证明"), IDENTITY, load_trust(kiosk.data_dir)
    )
    assert out.kind == "verified" and out.result is not None, out
    return out.result


def test_an_a4_only_result_prints_through_cups_with_its_qr(
    kiosk: Kiosk, a4: Any, tmp_path: Path
) -> None:
    r = _result(kiosk)
    assert print_result_a4(a4.device, r, kiosk.cfg).kind == "ok"
    (out,) = a4.simulator.printed()
    (qr,) = qr_codes_of(out, tmp_path)
    url = verify_url(kiosk.cfg.platform.status_url_template, r.result_id)
    assert qr.startswith(f"BMKDOC1|{r.result_id}|") and qr.endswith(url)
    # the QR from the paper and the sealed document the clerk is given: kiosk verify agrees
    bundle = tmp_path / "result.sealed.json"
    bundle.write_bytes(r.sealed_bundle())
    ok = kiosk.kiosk("verify", qr, "--document", str(bundle))
    assert ok.returncode == 0 and r.issuer in ok.stdout, ok.stderr


def test_a_jam_mid_job_is_an_outcome_and_nothing_comes_out_later(kiosk: Kiosk, a4: Any) -> None:
    r = _result(kiosk)
    a4.control.add_fault("jam:once")
    out = print_result_a4(a4.device, r, kiosk.cfg)
    assert (out.kind, out.reason) == ("unavailable", "jammed")
    assert a4.simulator.printed() == []
    assert print_result_a4(a4.device, r, kiosk.cfg).kind == "ok"  # cleared: the next prints
    assert len(a4.simulator.printed()) == 1


def test_nothing_unverified_goes_to_the_a4_printer(kiosk: Kiosk, a4: Any) -> None:
    r = _result(kiosk)
    import dataclasses

    class Lookalike:  # every field of a verified result, but not one
        def __init__(self) -> None:
            self.__dict__.update(dataclasses.asdict(r))

    assert print_result_a4(a4.device, Lookalike(), kiosk.cfg).kind == "error"
    assert print_result_a4(None, r, kiosk.cfg).kind == "unavailable"
    assert a4.simulator.printed() == []
