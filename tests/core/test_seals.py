"""Electronic seals (GB/T 38540-2020 v4): vectors, DER round trips, and what a document's
verification answers for each way it can go wrong."""

from __future__ import annotations

import random
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.seals import asn1, gm
from kiosk.seals.certs import parse_cert
from kiosk.seals.make import SealAuthority
from kiosk.seals.trust import load_trust, parse_trust, trust_document, update_trust
from kiosk.seals.verify import (
    MAX_DOCUMENT_BYTES,
    MAX_SIGNATURE_BYTES,
    describe,
    verify_document,
)

ORG = "北京市人力资源和社会保障局"
NOW = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)
DOC = "社会保险参保缴费证明\n姓名：张*\n参保状态：正常参保\n".encode() * 50


@pytest.fixture(scope="module")
def authority() -> SealAuthority:
    return SealAuthority.create(seed="test-seals")


@pytest.fixture(scope="module")
def trust(authority: SealAuthority):
    return parse_trust(trust_document(1, [authority.issuer_cert]))


@pytest.fixture(scope="module")
def signature(authority: SealAuthority) -> bytes:
    return authority.sign(DOC, ORG, NOW - timedelta(hours=1))


# ---------------------------------------------------------------- primitives


def test_sm3_test_vector() -> None:
    assert (
        gm.sm3(b"abc").hex() == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
    )


def test_sm2_sign_verify_round_trip() -> None:
    k = gm.KeyPair.generate()
    sig = k.sign(b"message")
    assert gm.verify(k.public, b"message", sig)
    assert not gm.verify(k.public, b"messagf", sig)
    assert not gm.verify(gm.KeyPair.generate().public, b"message", sig)
    assert not gm.verify(k.public, b"message", b"\x30\x00")  # unreadable: False, no exception


def test_sm2_signature_agrees_with_gmssl_reference() -> None:
    """Our Z/e computation (SM3 from cryptography) matches gmssl's own sign_with_sm3."""
    from gmssl import sm2

    k = gm.KeyPair.derive("agree")
    ref = sm2.CryptSM2(private_key=f"{k.private:064x}", public_key="00")
    ref.public_key = k.public[1:].hex()
    rs = ref.sign_with_sm3(b"abc", "11" * 32)
    assert gm.verify(k.public, b"abc", gm.encode_signature(int(rs[:64], 16), int(rs[64:], 16)))
    r, s = gm.decode_signature(k.sign(b"abc"))
    assert ref.verify_with_sm3(f"{r:064x}{s:064x}", b"abc")


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl not installed")
def test_openssl_accepts_the_issuer_certificate(authority: SealAuthority, tmp_path: Path) -> None:
    """Interoperability: OpenSSL reads our SM2 X.509 and verifies its SM2-with-SM3 signature."""
    der = tmp_path / "ca.der"
    der.write_bytes(authority.issuer_cert)
    pem = tmp_path / "ca.pem"
    subprocess.run(
        ["openssl", "x509", "-inform", "der", "-in", der, "-out", pem], check=True, timeout=30
    )
    r = subprocess.run(
        ["openssl", "verify", "-CAfile", pem, pem], capture_output=True, text=True, timeout=30
    )
    assert r.returncode == 0, r.stdout + r.stderr


def test_certificates_are_read_back(authority: SealAuthority) -> None:
    ca = parse_cert(authority.issuer_cert)
    maker = parse_cert(authority.maker_cert)
    assert ca.is_ca and ca.signed_by(ca)
    assert not maker.is_ca and maker.signed_by(ca)
    assert maker.subject == "北京市电子印章制作中心"


# ---------------------------------------------------------------- DER round trips


def test_der_round_trip_of_every_structure(signature: bytes) -> None:
    sig = asn1.SESSignature.load(signature)
    tbs = sig["to_sign"]
    seal = tbs["eseal"]
    info = seal["e_seal_info"]
    parts = {
        asn1.SESSignature: sig,
        asn1.TBSSign: tbs,
        asn1.SESeal: seal,
        asn1.SESSealInfo: info,
        asn1.SESHeader: info["header"],
        asn1.ESPropertyInfo: info["property"],
        asn1.ESPictureInfo: info["picture"],
    }
    for cls, value in parts.items():
        der = value.dump()
        again = cls.load(der, strict=True)
        assert again.dump(force=True) == der, cls.__name__
        assert again.native == value.native
    assert info["header"].native == {"id": "ES", "version": 4, "vid": "BMK"}
    assert tbs["data_hash"].native == gm.sm3(DOC)
    assert asn1.cert_list(info["property"])[0] == "certs"
    assert info["picture"]["data"].native.startswith(b"\x89PNG")


def test_der_round_trip_of_digest_cert_list_and_extensions(authority: SealAuthority) -> None:
    s = authority.signer("北京市公安局", by_digest=True)
    kind, entries = asn1.cert_list(s.seal["e_seal_info"]["property"])
    assert kind == "digests" and entries == [("sm3", gm.sm3(s.cert))]
    ext = asn1.ExtensionDatas([{"extn_id": "1.2.3.4", "extn_value": b"x"}])
    tbs = asn1.build_tbs(s.seal, NOW, b"\x00" * 32, "p")
    tbs["ext_datas"] = ext
    again = asn1.TBSSign.load(tbs.dump(force=True), strict=True)
    assert again["ext_datas"].native == [
        {"extn_id": "1.2.3.4", "critical": False, "extn_value": b"x"}
    ]
    assert again.dump()[-len(ext.dump()) - 2 : -len(ext.dump())] == bytes([0xA0, len(ext.dump())])


# ---------------------------------------------------------------- verification


def test_a_good_seal_is_verified_with_its_issuing_body(trust, signature: bytes) -> None:
    v = verify_document(DOC, signature, trust, NOW)
    assert v.kind == "verified"
    assert v.issuer_name == ORG
    assert v.seal_name == f"{ORG}电子证照专用章"
    assert v.signed_at == NOW - timedelta(hours=1)
    assert describe(v).startswith("已验证 · 北京市人力资源和社会保障局")
    # again (from the caches): the same answer
    assert verify_document(DOC, signature, trust, NOW) == v


def test_a_seal_naming_its_signer_by_digest_is_verified(authority, trust) -> None:
    sig = authority.sign(DOC, "北京市公安局", NOW, by_digest=True)
    assert verify_document(DOC, sig, trust, NOW).kind == "verified"


def test_one_changed_byte_of_the_document_breaks_it(trust, signature: bytes) -> None:
    for i in (0, len(DOC) // 2, len(DOC) - 1):
        tampered = DOC[:i] + bytes([DOC[i] ^ 1]) + DOC[i + 1 :]
        v = verify_document(tampered, signature, trust, NOW)
        assert v.kind == "broken" and "digest" in v.reason
    assert verify_document(DOC + b" ", signature, trust, NOW).kind == "broken"


def test_a_changed_signature_or_seal_breaks_it(authority, trust, signature: bytes) -> None:
    sig = asn1.SESSignature.load(signature)
    # the signer's signature of another document, pasted on this one
    other = asn1.SESSignature.load(authority.sign(b"other", ORG, NOW - timedelta(hours=1)))
    sig2 = asn1.SESSignature.load(signature)
    sig2["signature"] = other["signature"].native
    assert verify_document(DOC, sig2.dump(force=True), trust, NOW).kind == "broken"
    # the seal's name changed after the maker signed it
    seal = asn1.SESeal.load(sig["to_sign"]["eseal"].dump())
    seal["e_seal_info"]["property"]["name"] = "伪造专用章"
    tbs = asn1.build_tbs(seal, NOW - timedelta(hours=1), gm.sm3(DOC))
    signer = authority.signer(ORG)
    forged = asn1.build_signature(tbs, signer.cert, signer.key.sign(tbs.dump())).dump()
    v = verify_document(DOC, forged, trust, NOW)
    assert v.kind == "broken" and "maker" in v.reason


def test_a_signer_the_seal_does_not_name_is_refused(authority, trust) -> None:
    seal_of_a = authority.signer(ORG).seal
    b = authority.signer("北京市民政局")  # a real signer of the same CA, but not of this seal
    tbs = asn1.build_tbs(seal_of_a, NOW, gm.sm3(DOC))
    sig = asn1.build_signature(tbs, b.cert, b.key.sign(tbs.dump())).dump()
    v = verify_document(DOC, sig, trust, NOW)
    assert v.kind == "broken" and "names" in v.reason


def test_a_seal_by_an_unknown_issuer_is_refused(trust) -> None:
    stranger = SealAuthority.create(seed="somebody-else")
    sig = stranger.sign(DOC, ORG, NOW)
    assert verify_document(DOC, sig, trust, NOW).kind == "unknown_issuer"
    # nothing trusted at all
    from kiosk.seals.trust import EMPTY

    assert verify_document(DOC, sig, EMPTY, NOW).kind == "unknown_issuer"


def test_expired_issuer_and_expired_seal_are_refused() -> None:
    old = SealAuthority.create(
        seed="old-issuer",
        valid=(datetime(2015, 1, 1, tzinfo=UTC), datetime(2025, 1, 1, tzinfo=UTC)),
    )
    t = parse_trust(trust_document(1, [old.issuer_cert]))
    signed_then = old.sign(DOC, ORG, datetime(2024, 6, 1, tzinfo=UTC))
    v = verify_document(DOC, signed_then, t, NOW)
    assert v.kind == "issuer_expired" and "expired" in v.reason
    # still inside the issuer's time but the seal's own window has closed
    a = SealAuthority.create(seed="seal-window")
    t2 = parse_trust(trust_document(1, [a.issuer_cert]))
    sig = a.sign(
        DOC,
        ORG,
        NOW,
        seal_valid=(datetime(2024, 1, 1, tzinfo=UTC), datetime(2025, 1, 1, tzinfo=UTC)),
    )
    v2 = verify_document(DOC, sig, t2, NOW)
    assert v2.kind == "issuer_expired" and "seal valid" in v2.reason


def test_revoked_certificates_and_seals_are_refused(authority, signature: bytes) -> None:
    signer = authority.signer(ORG)
    for revoked in (
        {"revoked_certs": [signer.cert]},
        {"revoked_certs": [authority.maker_cert]},
        {"revoked_certs": [authority.issuer_cert]},
        {"revoked_seals": [signer.es_id]},
    ):
        t = parse_trust(trust_document(2, [authority.issuer_cert], **revoked))
        v = verify_document(DOC, signature, t, NOW)
        assert v.kind == "issuer_revoked", revoked


def test_malformed_signatures_are_refused_never_raised(trust, signature: bytes) -> None:
    rng = random.Random(14)
    for n in (0, 1, 2, 10, 100, 3000):
        blob = rng.randbytes(n)
        assert verify_document(DOC, blob, trust, NOW).kind == "malformed"
    for cut in range(0, len(signature), 97):
        assert verify_document(DOC, signature[:cut], trust, NOW).kind == "malformed"
    assert verify_document(DOC, signature + b"\x00", trust, NOW).kind == "malformed"
    for _ in range(200):  # random bytes flipped anywhere: refused, never an exception
        i = rng.randrange(len(signature))
        bad = signature[:i] + bytes([signature[i] ^ (1 << rng.randrange(8))]) + signature[i + 1 :]
        assert verify_document(DOC, bad, trust, NOW).kind != "verified"


def test_another_version_or_algorithm_is_malformed(authority, trust) -> None:
    s = authority.signer(ORG)
    for change in ("header", "tbs", "alg"):
        seal = asn1.SESeal.load(s.seal.dump())
        if change == "header":
            seal["e_seal_info"]["header"]["version"] = 3
        tbs = asn1.build_tbs(seal, NOW, gm.sm3(DOC))
        if change == "tbs":
            tbs["version"] = 2
        sig = asn1.build_signature(tbs, s.cert, s.key.sign(tbs.dump()))
        if change == "alg":
            sig["signature_alg_id"] = "1.2.840.10045.4.3.2"  # ECDSA-with-SHA256
        v = verify_document(DOC, sig.dump(force=True), trust, NOW)
        assert v.kind == "malformed", change


def test_oversized_input_is_refused_before_parsing(trust, signature: bytes) -> None:
    huge = bytes(MAX_DOCUMENT_BYTES + 1)
    assert verify_document(huge, signature, trust, NOW).kind == "too_large"
    assert verify_document(DOC, bytes(MAX_SIGNATURE_BYTES + 1), trust, NOW).kind == "too_large"


def test_a_document_signed_in_the_future_is_refused(authority, trust) -> None:
    sig = authority.sign(DOC, ORG, NOW + timedelta(days=1))
    assert verify_document(DOC, sig, trust, NOW).kind == "malformed"


# ---------------------------------------------------------------- the trust store


def test_trust_update_is_checked_whole_and_never_goes_back(authority, tmp_path: Path) -> None:
    assert load_trust(tmp_path).version == 0
    good = trust_document(3, [authority.issuer_cert])
    assert update_trust(tmp_path, good).changed
    stored = (tmp_path / "seals" / "trust.json").read_bytes()
    for bad in (
        "not an object",
        {"version": 4, "issuers": []},
        {"version": 4, "issuers": ["!!!"]},
        {"version": 4, "issuers": [trust_document(1, [authority.maker_cert])["issuers"][0]]},
        {**good, "version": 4, "revoked": {"certs": ["abc"]}},
        trust_document(2, [authority.issuer_cert]),  # older
    ):
        u = update_trust(tmp_path, bad)
        assert not u.changed and u.refused, bad
        assert (tmp_path / "seals" / "trust.json").read_bytes() == stored
    assert load_trust(tmp_path).version == 3
    assert not update_trust(tmp_path, good).changed  # the same again: nothing to do
    other = SealAuthority.create(seed="second-issuer")
    u = update_trust(tmp_path, trust_document(4, [authority.issuer_cert, other.issuer_cert]))
    assert u.changed and load_trust(tmp_path).version == 4
    assert len(load_trust(tmp_path).issuers) == 2


def test_cached_seal_still_sees_a_later_revocation(authority, signature: bytes) -> None:
    t1 = parse_trust(trust_document(1, [authority.issuer_cert]))
    assert verify_document(DOC, signature, t1, NOW).kind == "verified"
    t2 = parse_trust(
        trust_document(2, [authority.issuer_cert], revoked_seals=[authority.signer(ORG).es_id])
    )
    assert verify_document(DOC, signature, t2, NOW).kind == "issuer_revoked"
    assert verify_document(DOC, signature, t1, NOW).kind == "verified"


def test_local_times_without_zone_are_malformed(authority, trust) -> None:
    """GeneralizedTime without "Z" reads as a naive time; refused, never a TypeError."""
    s = authority.signer(ORG)
    der = asn1.build_tbs(s.seal, NOW, gm.sm3(DOC)).dump()
    zulu = b"\x18\x0f" + NOW.strftime("%Y%m%d%H%M%SZ").encode()
    assert der[1] == 0x82 and der.count(zulu) == 1  # SEQUENCE, two length bytes
    body = der[4:].replace(zulu, b"\x18\x0e" + zulu[2:-1])
    local = der[:2] + len(body).to_bytes(2, "big") + body
    from asn1crypto import core

    content = (
        local
        + core.OctetString(s.cert).dump()
        + core.ObjectIdentifier(gm.OID_SM2_SM3).dump()
        + core.OctetBitString(s.key.sign(local)).dump()
    )
    sig = b"\x30\x82" + len(content).to_bytes(2, "big") + content
    assert asn1.SESSignature.load(sig, strict=True)["to_sign"]["time_info"].native.tzinfo is None
    assert verify_document(DOC, sig, trust, NOW).kind == "malformed"


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    at=st.integers(min_value=0, max_value=10_000),
    cut=st.integers(min_value=0, max_value=8),
    insert=st.binary(max_size=8),
)
def test_any_splice_of_the_der_is_refused_never_raised(
    authority, trust, signature: bytes, at: int, cut: int, insert: bytes
) -> None:
    at %= len(signature)
    bad = signature[:at] + insert + signature[at + cut :]
    v = verify_document(DOC, bad, trust, NOW)
    assert v.kind != "verified" or bad == signature


def test_the_same_seed_gives_the_same_trust_store_and_seals() -> None:
    """The simulator's authority is stable across restarts: terminals keep trusting it."""
    a, b = SealAuthority.create(seed="stable"), SealAuthority.create(seed="stable")
    assert a.issuer_cert == b.issuer_cert and a.maker_cert == b.maker_cert
    assert a.signer(ORG).seal.dump() == b.signer(ORG).seal.dump()
    assert trust_document(1, [a.issuer_cert]) == trust_document(1, [b.issuer_cert])
    assert SealAuthority.create(seed="other").issuer_cert != a.issuer_cert
