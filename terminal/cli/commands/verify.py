"""``kiosk verify FILE | QR``: check a sealed document offline against the terminal's trust
store (the province's seal-issuer certificates, pulled with the catalog) — for a technician, or
a bank clerk handed a result. Forms: docs/seals.md (a file with ``FILE.sig`` beside it, a
sealed bundle, or a printed document's QR text with ``--document``).

Exit 0: verified (prints the issuing body). 4: refused (prints why, in one line). 2: usage
(no such file, not a QR payload).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from kiosk.exitcodes import Exit
from terminal.cli.registry import CliRegistry

REFUSED = Exit.DEVICE  # 4: the document's seal (or the file) failed the check


def _refuse(args: argparse.Namespace, kind: str, reason: str) -> int:
    if args.json:
        print(json.dumps({"verdict": kind, "reason": reason}, ensure_ascii=False))
    else:
        print(reason, file=sys.stderr)
    return int(REFUSED)


def _verify(args: argparse.Namespace, ctx: Any) -> int:
    from datetime import UTC, datetime

    from kiosk.seals import describe, load_trust, verify_document
    from kiosk.seals.container import Unusable, load_sealed, parse_qr
    from kiosk.seals.trust import TrustInvalid, parse_trust

    target: str = args.target
    qr = parse_qr(target) if target.startswith("BMKDOC1") else None
    if target.startswith("BMKDOC1") and qr is None:
        print("kiosk verify: not a document QR payload (BMKDOC1|id|sm3|url)", file=sys.stderr)
        return int(Exit.USAGE)
    path = Path(args.document) if qr is not None and args.document else Path(target)
    if qr is not None and not args.document:
        return _refuse(
            args,
            "no_document",
            "二维码只含文件摘要，请同时提供文件（--document）或访问核验网址 / the QR holds only "
            f"the document's digest: give the file with --document, or check online at {qr.url}",
        )
    if args.trust:
        try:
            trust = parse_trust(json.loads(Path(args.trust).read_bytes()))
        except (OSError, ValueError, TrustInvalid) as e:
            print(f"kiosk verify: --trust {args.trust}: {e}", file=sys.stderr)
            return int(Exit.CONFIG)
    else:
        trust = load_trust(ctx.data_dir)
    sealed = load_sealed(path, Path(args.sig) if args.sig else None)
    if isinstance(sealed, Unusable):
        if sealed.kind == "missing" and not path.exists():
            print(f"kiosk verify: {sealed.reason}", file=sys.stderr)
            return int(Exit.USAGE)
        words = {"too_large": "文件或印章数据过大", "malformed": "印章数据无法读取"}.get(
            sealed.kind, "找不到印章"
        )
        return _refuse(
            args,
            sealed.kind,
            f"印章验证未通过：{words} / seal refused ({sealed.kind}): {sealed.reason}",
        )
    verdict = verify_document(sealed.document, sealed.signature, trust, datetime.now(UTC))
    if verdict.kind == "verified" and qr is not None:
        from kiosk.seals.gm import sm3

        if sm3(sealed.document) != qr.digest:
            return _refuse(
                args,
                "qr_mismatch",
                "二维码与文件不符 / the QR code's digest is not this document's (another or "
                "changed document)",
            )
    if verdict.kind == "verified" and sealed.page_text is not None:
        from kiosk.receipts.result_pdf import lines_of_sealed_document, missing_lines

        lines = lines_of_sealed_document(sealed.document, verdict.issuer_name)
        missing = missing_lines(sealed.page_text, lines) if lines is not None else ["?"]
        if missing:
            return _refuse(
                args,
                "page_mismatch",
                "页面内容与盖章文件不符 / the PDF's page does not say what its sealed document "
                f"says ({len(missing)} part(s) differ or are missing)",
            )
    if verdict.kind != "verified":
        reason = describe(verdict)
        if verdict.kind == "unknown_issuer" and not trust.issuers:
            reason += " (the trust store is empty: run kiosk sync --once, or give --trust FILE)"
        return _refuse(args, verdict.kind, reason)
    if args.json:
        print(
            json.dumps(
                {
                    "verdict": "verified",
                    "issuer": verdict.issuer_name,
                    "seal": verdict.seal_name,
                    "signed_at": verdict.signed_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "es_id": verdict.es_id,
                    "doc_id": sealed.doc_id,
                },
                ensure_ascii=False,
            )
        )
    else:
        print(f"{describe(verdict)} · {verdict.signed_at:%Y-%m-%d %H:%M}Z · {verdict.es_id}")
    return int(Exit.OK)


def register(cli: CliRegistry) -> None:
    p = cli.command(
        "verify",
        _verify,
        help="check a sealed document (FILE with FILE.sig, a sealed bundle, or a QR payload "
        "with --document) offline against the trust store: 0 verified, 4 refused",
    )
    if isinstance(p, argparse.ArgumentParser):
        p.add_argument("target", metavar="FILE|QR", help="the sealed file, or a QR payload")
        p.add_argument("--sig", metavar="PATH", help="the SES_Signature DER (default FILE.sig)")
        p.add_argument(
            "--document", metavar="FILE", help="with a QR payload: the document it stands for"
        )
        p.add_argument(
            "--trust",
            metavar="PATH",
            help="a trust store JSON file (default: the terminal's, pulled with the catalog)",
        )
        p.add_argument("--json", action="store_true", help="one JSON object on stdout")
