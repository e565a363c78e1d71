"""Verifying one sealed document: SES_Signature parse, SM3 of a 200 KB document, the checks,
and the signer's SM2 verify — with the seal and certificates cached, as for every document
after the first of an issuing body (kiosk/seals/verify.py).

Baseline in the same run: the bare SM2 verify of the same toSign bytes with the same key
(``kiosk.seals.gm.verify``), interleaved round by round. Goal: median ≤ 1.2× the baseline and
≤ 50 ms. Also shown, not judged: the first document of a seal (nothing cached: two certificate
chains and the seal maker's signature, four SM2 verifies) and gmssl's own ``verify_with_sm3``
(its pure-Python SM3), which is why the digest is computed with ``cryptography``.

    .venv/bin/python bench/seal_verify.py            # 100 rounds
    .venv/bin/python bench/seal_verify.py --quick    # 15 rounds (smoke test)

Writes bench/results/seal_verify.json.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._common import print_table, stats_ms, write_results  # noqa: E402
from kiosk.seals import asn1, gm, verify  # noqa: E402
from kiosk.seals.make import SealAuthority  # noqa: E402
from kiosk.seals.trust import parse_trust, trust_document  # noqa: E402

GOAL_RATIO = 1.2
GOAL_MEDIAN_MS = 50.0
DOC_BYTES = 200 * 1024


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="15 rounds (smoke test)")
    p.add_argument("--rounds", type=int, default=None)
    a = p.parse_args(argv)
    rounds = a.rounds or (15 if a.quick else 100)

    authority = SealAuthority.create(seed="bench-seals")
    org = "北京市人力资源和社会保障局"
    doc = bytes((i * 7 + 3) % 251 for i in range(DOC_BYTES))
    now = datetime.now(UTC)
    sig = authority.sign(doc, org, now)
    trust = parse_trust(trust_document(1, [authority.issuer_cert]))
    parsed = asn1.SESSignature.load(sig)
    tbs_der = parsed["to_sign"].dump()
    signature = parsed["signature"].native
    pub = authority.signer(org).key.public

    assert verify.verify_document(doc, sig, trust, now).kind == "verified"
    assert gm.verify(pub, tbs_der, signature)

    bare, sealed, cold, gmssl_own = [], [], [], []
    from gmssl import sm2

    ref = sm2.CryptSM2(private_key="00", public_key="00")
    ref.public_key = pub[1:].hex()
    r, s = gm.decode_signature(signature)
    rs_hex = f"{r:064x}{s:064x}"
    for i in range(rounds):
        t = time.perf_counter()
        ok = gm.verify(pub, tbs_der, signature)
        bare.append(time.perf_counter() - t)
        t = time.perf_counter()
        v = verify.verify_document(doc, sig, trust, now)
        sealed.append(time.perf_counter() - t)
        assert ok and v.kind == "verified"
        if i % 5 == 0:  # informative only: fewer rounds
            verify.clear_caches()
            t = time.perf_counter()
            v = verify.verify_document(doc, sig, trust, now)
            cold.append(time.perf_counter() - t)
            t = time.perf_counter()
            assert ref.verify_with_sm3(rs_hex, tbs_der)
            gmssl_own.append(time.perf_counter() - t)

    med_bare = statistics.median(bare) * 1000
    med_sealed = statistics.median(sealed) * 1000
    ratio = med_sealed / med_bare
    rows = [
        {"case": "bare SM2 verify of toSign (baseline)", **stats_ms(bare)},
        {"case": "seal verify, 200 KB document (cached seal)", **stats_ms(sealed)},
        {"case": "seal verify, first of its seal (nothing cached)", **stats_ms(cold)},
        {"case": "gmssl verify_with_sm3 (its own SM3), toSign", **stats_ms(gmssl_own)},
    ]
    print_table(
        f"Seal verification ({rounds} rounds, document {DOC_BYTES} bytes, "
        f"SES_Signature {len(sig)} bytes)",
        rows,
        ["case", "n", "median_ms", "p95_ms", "min_ms", "max_ms"],
    )
    ok_ratio, ok_ms = ratio <= GOAL_RATIO, med_sealed <= GOAL_MEDIAN_MS
    print(
        f"\nseal / bare = {ratio:.3f} (goal ≤ {GOAL_RATIO}: {'met' if ok_ratio else 'NOT met'}); "
        f"median {med_sealed:.2f} ms (goal ≤ {GOAL_MEDIAN_MS} ms: {'met' if ok_ms else 'NOT met'})"
    )
    write_results(
        "seal_verify",
        {
            "rounds": rounds,
            "document_bytes": DOC_BYTES,
            "signature_bytes": len(sig),
            "cases": rows,
            "ratio_seal_to_bare": round(ratio, 4),
            "goal_ratio": GOAL_RATIO,
            "goal_median_ms": GOAL_MEDIAN_MS,
            "goal_met": ok_ratio and ok_ms,
        },
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
