"""Electronic seals (GB/T 38540-2020 v4, SM2/SM3): structures, trust store, verification.

Pure core: no drivers, sync, HTTP or Qt. See docs/seals.md.
"""

from kiosk.seals.trust import IssuerTrust, load_trust, parse_trust, update_trust
from kiosk.seals.verify import (
    Broken,
    IssuerExpired,
    IssuerRevoked,
    Malformed,
    SealVerdict,
    TooLarge,
    UnknownIssuer,
    Verified,
    describe,
    verify_document,
)

__all__ = [
    "Broken",
    "IssuerExpired",
    "IssuerRevoked",
    "IssuerTrust",
    "Malformed",
    "SealVerdict",
    "TooLarge",
    "UnknownIssuer",
    "Verified",
    "describe",
    "load_trust",
    "parse_trust",
    "update_trust",
    "verify_document",
]
