"""``kiosk verify FILE|QR`` as a technician or a bank clerk runs it (a real subprocess): exit 0
and the issuing body for a good seal, exit 4 and one line saying why for every way a sealed
document can fail, before anything large is read."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.seals import asn1, gm
from kiosk.seals.container import make_bundle, make_qr
from kiosk.seals.make import SealAuthority
from kiosk.seals.trust import trust_document, update_trust

from .test_config import kiosk

ORG = "北京市人力资源和社会保障局"
DOC = ("社会保险参保缴费证明\n" + "参保状态：正常参保\n" * 200).encode()


@pytest.fixture(scope="module")
def authority() -> SealAuthority:
    return SealAuthority.create(seed="cli-seals")


@pytest.fixture
def data(tmp_path: Path, authority: SealAuthority) -> Path:
    d = tmp_path / "data"
    assert update_trust(d, trust_document(1, [authority.issuer_cert])).changed
    return d


def verify(data: Path, *args: str) -> tuple[int, str, str]:
    r = kiosk("--data-dir", str(data), "verify", *args)
    return r.returncode, r.stdout, r.stderr


def sealed(tmp_path: Path, doc: bytes, sig: bytes, name: str = "result.pdf") -> Path:
    f = tmp_path / name
    f.write_bytes(doc)
    f.with_name(name + ".sig").write_bytes(sig)
    return f


def refused_line(code: int, out: str, err: str) -> str:
    assert code == 4, (code, out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and out == "", (out, err)
    return lines[0]


def test_a_good_file_and_bundle_verify_and_name_the_issuing_body(
    tmp_path: Path, data: Path, authority: SealAuthority
) -> None:
    sig = authority.sign(DOC, ORG, datetime.now(UTC) - timedelta(minutes=5))
    code, out, err = verify(data, str(sealed(tmp_path, DOC, sig)))
    assert code == 0, err
    assert out.startswith(f"已验证 · {ORG}") and out.count("\n") == 1
    bundle = tmp_path / "result.sealed.json"
    bundle.write_bytes(make_bundle("DOC-1", "application/pdf", DOC, sig))
    code, out, err = verify(data, str(bundle), "--json")
    assert code == 0, err
    v = json.loads(out)
    assert v["verdict"] == "verified" and v["issuer"] == ORG and v["doc_id"] == "DOC-1"


def test_a_tampered_byte_is_refused_as_broken(
    tmp_path: Path, data: Path, authority: SealAuthority
) -> None:
    sig = authority.sign(DOC, ORG, datetime.now(UTC))
    bad = bytearray(DOC)
    bad[len(bad) // 3] ^= 0x01
    line = refused_line(*verify(data, str(sealed(tmp_path, bytes(bad), sig))))
    assert "broken" in line and "已被改动" in line
    code, out, err = verify(data, str(tmp_path / "result.pdf"), "--json")
    assert code == 4 and err == "" and json.loads(out)["verdict"] == "broken"


def test_unknown_expired_and_revoked_issuers_are_refused(
    tmp_path: Path, data: Path, authority: SealAuthority
) -> None:
    stranger = SealAuthority.create(seed="cli-stranger")
    f = sealed(tmp_path, DOC, stranger.sign(DOC, ORG, datetime.now(UTC)), "a.pdf")
    assert "unknown_issuer" in refused_line(*verify(data, str(f)))

    old = SealAuthority.create(
        seed="cli-old", valid=(datetime(2014, 1, 1, tzinfo=UTC), datetime(2024, 1, 1, tzinfo=UTC))
    )
    old_trust = tmp_path / "old-trust.json"
    old_trust.write_text(json.dumps(trust_document(1, [old.issuer_cert])), "utf-8")
    f = sealed(tmp_path, DOC, old.sign(DOC, ORG, datetime(2023, 5, 1, tzinfo=UTC)), "b.pdf")
    assert "issuer_expired" in refused_line(*verify(data, str(f), "--trust", str(old_trust)))

    f = sealed(tmp_path, DOC, authority.sign(DOC, ORG, datetime.now(UTC)), "c.pdf")
    revoked = trust_document(2, [authority.issuer_cert], [authority.signer(ORG).cert])
    assert update_trust(data, revoked).changed
    assert "issuer_revoked" in refused_line(*verify(data, str(f)))


def test_malformed_signatures_are_refused(
    tmp_path: Path, data: Path, authority: SealAuthority
) -> None:
    good = authority.sign(DOC, ORG, datetime.now(UTC))
    s = authority.signer(ORG)
    seal = asn1.SESeal.load(s.seal.dump())
    seal["e_seal_info"]["header"]["version"] = 5
    tbs = asn1.build_tbs(seal, datetime.now(UTC).replace(microsecond=0), gm.sm3(DOC))
    wrong_version = asn1.build_signature(tbs, s.cert, s.key.sign(tbs.dump())).dump()
    for n, sig in enumerate(
        (random.Random(1).randbytes(700), good[: len(good) // 2], wrong_version, b"")
    ):
        line = refused_line(*verify(data, str(sealed(tmp_path, DOC, sig, f"m{n}.pdf"))))
        assert "malformed" in line, n


def test_oversized_files_are_refused_without_being_read(
    tmp_path: Path, data: Path, authority: SealAuthority
) -> None:
    huge = tmp_path / "huge.pdf"
    with open(huge, "wb") as f:
        f.truncate(100 * 1024 * 1024)  # sparse: 100 MB that costs no disk
    huge.with_name("huge.pdf.sig").write_bytes(authority.sign(DOC, ORG, datetime.now(UTC)))
    assert "too_large" in refused_line(*verify(data, str(huge)))
    bundle = tmp_path / "huge.sealed.json"
    with open(bundle, "wb") as f:
        f.truncate(100 * 1024 * 1024)
    assert "too_large" in refused_line(*verify(data, str(bundle)))


def test_a_printed_documents_qr_is_checked_against_its_file(
    tmp_path: Path, data: Path, authority: SealAuthority
) -> None:
    f = sealed(tmp_path, DOC, authority.sign(DOC, ORG, datetime.now(UTC)))
    qr = make_qr("SB-2026-000123", gm.sm3(DOC), "https://zwfw.example.gov.cn/v/SB-2026-000123")
    code, out, err = verify(data, qr, "--document", str(f))
    assert code == 0 and ORG in out, err
    other = sealed(tmp_path, DOC + b"!", authority.sign(DOC + b"!", ORG, datetime.now(UTC)), "o")
    assert "二维码与文件不符" in refused_line(*verify(data, qr, "--document", str(other)))
    line = refused_line(*verify(data, qr))
    assert "--document" in line and "https://zwfw.example.gov.cn/v/SB-2026-000123" in line
    code, _, err = verify(data, "BMKDOC1|only-two")
    assert code == 2 and err.strip()


def test_no_trust_store_and_no_file_say_so(tmp_path: Path, authority: SealAuthority) -> None:
    f = sealed(tmp_path, DOC, authority.sign(DOC, ORG, datetime.now(UTC)))
    line = refused_line(*verify(tmp_path / "empty-data", str(f)))
    assert "unknown_issuer" in line and "kiosk sync --once" in line
    code, out, err = verify(tmp_path / "empty-data", str(tmp_path / "nothing.pdf"))
    assert code == 2 and len(err.strip().splitlines()) == 1
    plain = tmp_path / "plain.txt"
    plain.write_text("no seal here", "utf-8")
    assert "no seal" in refused_line(*verify(tmp_path / "empty-data", str(plain)))
