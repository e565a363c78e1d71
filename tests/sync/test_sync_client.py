"""The reference adapter's calls that the agent does not make (identity, licenses, status
lookups), over real HTTP against the simulator, and its small parsers."""

from __future__ import annotations

import email.utils
import time

from sync_helpers import Kiosk, Sim

from kiosk.ports.platform import (
    ApplicationStatus,
    IdentityClaim,
    IdentityToken,
    Ok,
    Platform,
    Refused,
    Retryable,
)
from sync.client import _retry_after


def test_adapter_satisfies_the_port(kiosk: Kiosk) -> None:
    assert isinstance(kiosk.platform(), Platform)


def test_identity_and_licenses_through_the_adapter(kiosk: Kiosk, sim: Sim) -> None:
    p = kiosk.platform()
    claim = IdentityClaim("resident", "11010519491231002X", "张三", "2030-01-01", "id_card")
    assert "11010519491231002X" not in repr(claim)
    tok = p.verify_identity(claim)
    assert (
        isinstance(tok, Ok)
        and isinstance(tok.data, IdentityToken)
        and tok.data.name_masked == "张*"
    )
    lic = p.licenses(tok.data.token)
    assert isinstance(lic, Ok) and {"居民身份证", "居民户口簿"} <= {x.type_name for x in lic.data}
    assert tok.data.holder is None  # a card identification answers no identity back
    bad = p.verify_identity(
        IdentityClaim("resident", "110105194912310021", "张三", None, "id_card")
    )
    assert isinstance(bad, Refused) and bad.status == 422 and bad.code == "invalid"
    expired = p.licenses("no-such-token")
    assert isinstance(expired, Refused) and expired.status == 403


def test_status_lookup_through_the_adapter(kiosk: Kiosk, sim: Sim) -> None:
    refs = kiosk.queue(1, materials=0)
    kiosk.agent().drain()
    p = kiosk.platform()
    st = p.application_status(refs[0])
    assert isinstance(st, Ok) and isinstance(st.data, ApplicationStatus)
    assert st.data.local_ref == refs[0] and st.data.status == "received"
    by_no = p.application_status(st.data.application_no)
    assert isinstance(by_no, Ok) and by_no.data.local_ref == refs[0]
    missing = p.application_status(f"{kiosk.kiosk_id}-20200101-0001")
    assert isinstance(missing, Refused) and missing.status == 404


def test_malformed_answers_to_lookups_are_retryable(kiosk: Kiosk, sim: Sim) -> None:
    p = kiosk.platform()
    for kind in ("garbage", "wrong_type", "truncated", "oversized"):
        sim.once({"kind": kind, "path": "/v1/kiosks/"})
        assert isinstance(p.status_changes(None), Retryable), kind
    sim.once({"kind": "status", "status": 503, "retry_after": 12, "path": "/v1/catalog"})
    r = p.catalog(None)
    assert isinstance(r, Retryable) and r.retry_after == 12 and r.status == 503
    assert isinstance(p.status_changes(None), Ok)


def test_retry_after_parsing() -> None:
    assert _retry_after("7") == 7.0
    assert _retry_after(None) is None and _retry_after("soon") is None
    assert _retry_after("-3") == 0.0
    later = email.utils.formatdate(time.time() + 30, usegmt=True)
    assert 25 <= _retry_after(later) <= 31
