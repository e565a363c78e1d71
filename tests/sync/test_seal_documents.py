"""Sealed e-license documents and the seal trust store over real HTTP against the platform
simulator: the terminal pulls the province's seal-issuer certificates with the catalog (a
malformed update leaves the old ones), and accepts an e-license only when the seal on its
document verifies offline — a tampered document, a seal by an unknown issuer or a revoked
signer is refused with the reason."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from sync_helpers import Kiosk, Sim

from kiosk.domain.records import Applicant
from kiosk.ports.platform import IdentityClaim, Ok
from kiosk.seals import load_trust, verify_document
from kiosk.usecases.identify import ProvedIdentity
from kiosk.usecases.licenses import check_licenses, holder_licenses

ID_NUMBER = "11010519491231002X"
NAME = "王秀英"
IDENTITY = ProvedIdentity(Applicant(NAME, ID_NUMBER))


def _trust_file(k: Kiosk) -> Path:
    return k.data_dir / "seals" / "trust.json"


def test_the_agent_pulls_the_trust_store_and_keeps_it_through_a_malformed_one(
    kiosk: Kiosk, sim: Sim
) -> None:
    agent = kiosk.agent()
    assert load_trust(kiosk.data_dir).version == 0
    assert agent.pull_seal_trust()[0] == "applied"
    trust = load_trust(kiosk.data_dir)
    first = trust.version
    assert first == sim.get("/_sim/seals")["version"] and trust.names == ["北京市电子印章签发中心"]
    stored = _trust_file(kiosk).read_bytes()
    assert agent.pull_seal_trust()[0] == "current"

    sim.post("/_sim/seals", {"trust": "malformed"})
    status, reason = agent.pull_seal_trust()
    assert status == "refused" and "issuers[0]" in reason
    assert _trust_file(kiosk).read_bytes() == stored
    assert load_trust(kiosk.data_dir).version == first
    assert agent.health.bad_answers["seal_trust"] == 1

    sim.post("/_sim/seals", {"trust": "good", "revoke": ["北京市公安局西城分局"]})
    assert agent.pull_seal_trust()[0] == "applied"
    assert load_trust(kiosk.data_dir).version == first + 1
    assert len(load_trust(kiosk.data_dir).revoked_certs) == 1


def test_one_sync_pass_brings_the_trust_store_with_the_catalog(kiosk: Kiosk, sim: Sim) -> None:
    rep = kiosk.agent().run_once()
    assert rep.catalog == "applied" and rep.seal_trust == "applied", rep
    stored = json.loads(_trust_file(kiosk).read_text("utf-8"))
    assert stored["version"] == sim.get("/_sim/seals")["version"]


def test_license_documents_verify_and_name_their_issuing_body(kiosk: Kiosk, sim: Sim) -> None:
    assert kiosk.agent().pull_seal_trust()[0] == "applied"
    trust = load_trust(kiosk.data_dir)
    platform = kiosk.platform()
    check = check_licenses(platform, IDENTITY, trust)
    assert check is not None and not check.refused
    assert {x.type_name for x in check.accepted} >= {"居民身份证", "居民户口簿"}
    for x in check.accepted:
        assert x.verified_by == x.issuer and x.verified_by.startswith("北京市")
    # the document itself: its bytes and SES_Signature as the contract returns them
    token = platform.verify_identity(
        IdentityClaim("resident", ID_NUMBER, NAME, None, "id_card")
    ).data.token
    d = platform.license_document(token, check.accepted[0].license_no)
    assert isinstance(d, Ok)
    assert json.loads(d.data.document)["license_no"] == check.accepted[0].license_no
    assert verify_document(d.data.document, d.data.signature, trust, datetime.now(UTC)).kind == (
        "verified"
    )
    # another holder cannot fetch this holder's document
    other = platform.verify_identity(
        IdentityClaim("resident", "110102198506120035", "李四", None, "id_card")
    ).data.token
    assert not isinstance(platform.license_document(other, check.accepted[0].license_no), Ok)


def test_a_license_whose_seal_fails_is_not_accepted_and_says_why(kiosk: Kiosk, sim: Sim) -> None:
    assert kiosk.agent().pull_seal_trust()[0] == "applied"
    platform = kiosk.platform()
    cases = {
        "tampered": ("broken", "已被改动"),
        "unknown_issuer": ("unknown_issuer", "不在信任列表"),
    }
    for mode, (kind, words) in cases.items():
        sim.post("/_sim/seals", {"documents": mode})
        check = check_licenses(platform, IDENTITY, load_trust(kiosk.data_dir))
        assert check is not None and check.accepted == [], mode
        assert check.refused and {r.kind for r in check.refused} == {kind}, mode
        assert all(words in r.reason for r in check.refused)
        assert holder_licenses(platform, IDENTITY, load_trust(kiosk.data_dir)) == []
    sim.post("/_sim/seals", {"documents": "good", "revoke": ["北京市公安局西城分局"]})
    assert kiosk.agent().pull_seal_trust()[0] == "applied"
    check = check_licenses(platform, IDENTITY, load_trust(kiosk.data_dir))
    assert check is not None
    revoked = {r.license.issuer for r in check.refused if r.kind == "issuer_revoked"}
    assert revoked == {"北京市公安局西城分局"}
    assert all(x.issuer != "北京市公安局西城分局" for x in check.accepted) and check.accepted


def test_without_a_trust_store_no_license_is_accepted(kiosk: Kiosk, sim: Sim) -> None:
    check = check_licenses(kiosk.platform(), IDENTITY, load_trust(kiosk.data_dir))
    assert check is not None and check.accepted == []
    assert {r.kind for r in check.refused} == {"unknown_issuer"}


def test_a_new_terminal_fetches_the_trust_store_when_it_first_needs_it(
    kiosk: Kiosk, sim: Sim
) -> None:
    from kiosk.usecases.licenses import current_trust

    platform = kiosk.platform()
    trust = current_trust(platform, kiosk.data_dir)
    assert trust.issuers and _trust_file(kiosk).exists()
    assert holder_licenses(platform, IDENTITY, trust)
    sim.post("/_sim/seals", {"trust": "malformed"})  # stored one kept; nothing asked again
    assert current_trust(platform, kiosk.data_dir) == trust
