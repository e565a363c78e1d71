"""Issue a technician card file for the card emulator (``kiosk sim ssc --card FILE``).

    .venv/bin/python tools/issue_technician_card.py --ca-key K --ca-cert C --name 张工 --out card.json
    .venv/bin/python tools/issue_technician_card.py --make-ca "测试技术员 CA" --ca-key K --ca-cert C ...
    .venv/bin/python tools/issue_technician_card.py --copy-of card.json --out copy.json
    .venv/bin/python tools/issue_technician_card.py --sample     # rewrite assets/cards/technician*

``--make-ca NAME`` first makes a test CA (EC P-256) at ``--ca-key``/``--ca-cert`` (refuses to
overwrite). ``--copy-of`` makes a copied certificate on a card with another key (it must fail
to enter). ``--sample`` regenerates the repository's sample cards and their test CA under
``assets/cards/``: a card of the test CA, one of another CA, and a copy — a test CA only, never
configure it on a terminal in service.

Exit codes: 0 written, 2 usage or unreadable input.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drivers.techcard import issue  # noqa: E402

CARDS = ROOT / "assets" / "cards"
TEST_CA_KEY = CARDS / "technician_test_ca.key.pem"
TEST_CA_CERT = CARDS / "technician_test_ca.pem"


def sample() -> list[Path]:
    """The sample cards: 张工 of the test CA, 李工 of another CA, a copy of 张工's certificate."""
    ca_key, ca_cert = issue.make_ca("便民终端测试技术员CA (TEST ONLY)")
    issue.save_ca(ca_key, ca_cert, TEST_CA_KEY, TEST_CA_CERT)
    other_key, other_cert = issue.make_ca("Another CA (TEST ONLY)")
    good = issue.issue_card(ca_key, ca_cert, "张工")
    out = {
        CARDS / "technician.json": good,
        CARDS / "technician_other_ca.json": issue.issue_card(other_key, other_cert, "李工"),
        CARDS / "technician_copy.json": issue.copied_card(good),
    }
    for path, card in out.items():
        issue.write_card(card, path)
    return [TEST_CA_CERT, TEST_CA_KEY, *out]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ca-key", type=Path)
    ap.add_argument("--ca-cert", type=Path)
    ap.add_argument("--make-ca", metavar="NAME", help="make a test CA with this name first")
    ap.add_argument("--name", help="the technician's name (the certificate's CN)")
    ap.add_argument("--days", type=int, default=3650, help="validity (default 3650)")
    ap.add_argument("--copy-of", type=Path, help="copy this card's certificate, with a new key")
    ap.add_argument("--out", type=Path)
    ap.add_argument("--sample", action="store_true", help="regenerate assets/cards/technician*")
    a = ap.parse_args(argv)
    try:
        if a.sample:
            for p in sample():
                print(f"wrote {p.relative_to(ROOT)}")
            return 0
        if a.out is None:
            ap.error("--out is required")
        if a.copy_of:
            card = issue.copied_card(json.loads(a.copy_of.read_text(encoding="utf-8")))
        else:
            if not (a.ca_key and a.ca_cert and a.name):
                ap.error("--ca-key, --ca-cert and --name are required")
            if a.make_ca:
                if a.ca_key.exists() or a.ca_cert.exists():
                    print(f"{a.ca_key} or {a.ca_cert} exists: not overwritten", file=sys.stderr)
                    return 2
                issue.save_ca(*issue.make_ca(a.make_ca), a.ca_key, a.ca_cert)
            ca_key, ca_cert = issue.load_ca(a.ca_key, a.ca_cert)
            card = issue.issue_card(ca_key, ca_cert, a.name, days=a.days)
        issue.write_card(card, a.out)
    except (OSError, ValueError) as exc:
        print(f"issue_technician_card: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
