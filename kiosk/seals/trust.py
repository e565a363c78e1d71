"""The province's seal-issuer certificates and revocation list (the terminal's trust store).

The platform serves them as JSON (the contract's seal-trust endpoint, pulled with the catalog)::

    {"version": N, "issued_at": "YYYY-MM-DDTHH:MM:SSZ",
     "issuers": ["<base64 DER of a self-signed SM2 CA certificate>", ...],
     "revoked": {"certs": ["<SM3 hex of a certificate's DER>", ...],
                 "seals": ["<esID>", ...]}}

The terminal keeps the last good answer as ``<data dir>/seals/trust.json``. An update is
checked whole before it replaces anything (every issuer a readable, self-signed CA certificate
whose signature holds; the version not older than ours): a malformed one leaves the old file
intact. Revocation is by certificate digest (an issuer, a seal maker or a signer) or by seal id.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.seals import gm
from kiosk.seals.certs import Cert, CertInvalid, parse_cert

MAX_TRUST_BYTES = 1024 * 1024
MAX_ISSUERS = 64
MAX_REVOKED = 100_000
TRUST_FILE = Path("seals") / "trust.json"


class TrustInvalid(ValueError):
    """A trust answer or file that cannot be used (the reason says why, in one line)."""


@dataclass(frozen=True)
class IssuerTrust:
    version: int
    issuers: tuple[Cert, ...]
    revoked_certs: frozenset[bytes] = frozenset()
    revoked_seals: frozenset[str] = frozenset()
    fingerprint: bytes = b""
    """SM3 of the canonical JSON: verification caches are per trust store."""
    _by_subject: dict[bytes, list[Cert]] = field(default_factory=dict, compare=False, repr=False)

    def issuers_of(self, subject_der: bytes) -> list[Cert]:
        return self._by_subject.get(subject_der, [])

    @property
    def names(self) -> list[str]:
        return [c.subject for c in self.issuers]


EMPTY = IssuerTrust(version=0, issuers=())


def _canonical(value: dict[str, Any]) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def parse_trust(value: Any) -> IssuerTrust:
    """An :class:`IssuerTrust` from the platform's JSON value; :class:`TrustInvalid` otherwise."""
    if not isinstance(value, dict):
        raise TrustInvalid("trust answer: expected a JSON object")
    version = value.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise TrustInvalid("version: expected a positive integer")
    issuers_raw = value.get("issuers")
    if not isinstance(issuers_raw, list) or not issuers_raw or len(issuers_raw) > MAX_ISSUERS:
        raise TrustInvalid(f"issuers: expected 1 to {MAX_ISSUERS} certificates")
    revoked = value.get("revoked", {})
    if not isinstance(revoked, dict):
        raise TrustInvalid("revoked: expected an object")
    certs_raw, seals_raw = revoked.get("certs", []), revoked.get("seals", [])
    if not isinstance(certs_raw, list) or not isinstance(seals_raw, list):
        raise TrustInvalid("revoked.certs and revoked.seals: expected lists")
    if len(certs_raw) + len(seals_raw) > MAX_REVOKED:
        raise TrustInvalid("revoked: too many entries")
    issuers: list[Cert] = []
    for i, b64 in enumerate(issuers_raw):
        if not isinstance(b64, str):
            raise TrustInvalid(f"issuers[{i}]: expected base64 text")
        try:
            cert = parse_cert(base64.b64decode(b64, validate=True))
        except (binascii.Error, ValueError) as e:
            reason = str(e) if isinstance(e, CertInvalid) else "not base64"
            raise TrustInvalid(f"issuers[{i}]: {reason}") from None
        if not cert.is_ca or not cert.signed_by(cert):
            raise TrustInvalid(f"issuers[{i}]: not a self-signed CA certificate")
        issuers.append(cert)
    revoked_certs = set()
    for i, h in enumerate(certs_raw):
        try:
            d = bytes.fromhex(h) if isinstance(h, str) else b""
        except ValueError:
            d = b""
        if len(d) != 32:
            raise TrustInvalid(f"revoked.certs[{i}]: expected 64 hex digits (SM3)")
        revoked_certs.add(d)
    if not all(isinstance(s, str) and s for s in seals_raw):
        raise TrustInvalid("revoked.seals: expected seal ids")
    by_subject: dict[bytes, list[Cert]] = {}
    for c in issuers:
        by_subject.setdefault(c.subject_der, []).append(c)
    return IssuerTrust(
        version=version,
        issuers=tuple(issuers),
        revoked_certs=frozenset(revoked_certs),
        revoked_seals=frozenset(seals_raw),
        fingerprint=gm.sm3(_canonical(value)),
        _by_subject=by_subject,
    )


_loaded: dict[Path, tuple[tuple[int, int], IssuerTrust]] = {}


def load_trust(data_dir: Path | str) -> IssuerTrust:
    """The stored trust store; :data:`EMPTY` (every seal ``unknown_issuer``) when there is none
    or it cannot be read. Read again only when the file changed (size and mtime)."""
    path = Path(data_dir) / TRUST_FILE
    try:
        st = path.stat()
        stamp = (st.st_mtime_ns, st.st_size)
        hit = _loaded.get(path)
        if hit is not None and hit[0] == stamp:
            return hit[1]
        if st.st_size > MAX_TRUST_BYTES:
            return EMPTY
        trust = parse_trust(json.loads(path.read_bytes()))
    except (OSError, ValueError):
        return EMPTY
    _loaded[path] = (stamp, trust)
    return trust


@dataclass(frozen=True)
class TrustUpdate:
    changed: bool
    version: int
    refused: str | None = None


def update_trust(data_dir: Path | str, value: Any) -> TrustUpdate:
    """Check ``value`` whole and, when good and not older, replace the stored trust atomically.
    A refused update leaves the stored file exactly as it was."""
    current = load_trust(data_dir)
    try:
        new = parse_trust(value)
    except TrustInvalid as e:
        return TrustUpdate(False, current.version, refused=str(e))
    if new.version < current.version:
        return TrustUpdate(False, current.version, refused=f"version {new.version} is older")
    if new.fingerprint == current.fingerprint:
        return TrustUpdate(False, current.version)
    path = Path(data_dir) / TRUST_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with open(tmp, "wb") as f:
        f.write(_canonical(value))
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    return TrustUpdate(True, new.version)


def trust_document(
    version: int,
    issuers: list[bytes],
    revoked_certs: list[bytes] = (),  # type: ignore[assignment]
    revoked_seals: list[str] = (),  # type: ignore[assignment]
    issued_at: str | None = None,
) -> dict[str, Any]:
    """The JSON value of a trust store (what the platform serves)."""
    out: dict[str, Any] = {
        "version": version,
        "issuers": [base64.b64encode(c).decode() for c in issuers],
        "revoked": {
            "certs": [gm.sm3(c).hex() for c in revoked_certs],
            "seals": list(revoked_seals),
        },
    }
    if issued_at:
        out["issued_at"] = issued_at
    return out
