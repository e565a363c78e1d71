"""Offline verification of a sealed document (GB/T 38540-2020 v4 on SM2/SM3).

``verify_document(doc, signature_der, trust, now)`` answers a :data:`SealVerdict`, never an
exception. The checks, in order:

1. sizes, before anything is parsed (a hostile 100 MB blob costs a ``len``);
2. the DER of ``SES_Signature`` (version 4, header ``ES``, SM2-with-SM3 everywhere);
3. the seal: its maker's certificate chains to a province seal-issuer in the trust store and
   the maker's signature over DER(``eSealInfo``) holds;
4. the signer's certificate is one the seal's ``certList`` names (certificate or SM3 digest) and
   chains to a province seal-issuer too;
5. revocation (any certificate of the chain by SM3 digest, or the seal by ``esID``);
6. validity: the seal's window and every certificate cover the signing time, the issuer
   certificate is still valid now, and the signing time is not in the future;
7. ``dataHash`` == SM3(document), then the signer's SM2 signature over DER(``toSign``).

Seals (3.) and signer certificates (4.) that passed are cached per trust store, keyed by the
SM3 of their DER, so a document whose seal the terminal has seen costs one SM3 digest of the
document and one SM2 verify.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from kiosk.seals import asn1, gm
from kiosk.seals.certs import Cert, CertInvalid, parse_cert
from kiosk.seals.trust import IssuerTrust

MAX_DOCUMENT_BYTES = 32 * 1024 * 1024
MAX_SIGNATURE_BYTES = 256 * 1024
FUTURE_SKEW = timedelta(minutes=5)


# ---------------------------------------------------------------- verdicts


@dataclass(frozen=True)
class Verified:
    issuer_name: str
    seal_name: str
    signed_at: datetime
    es_id: str
    kind: Literal["verified"] = "verified"


@dataclass(frozen=True)
class _Refused:
    reason: str


@dataclass(frozen=True)
class Broken(_Refused):
    kind: Literal["broken"] = "broken"


@dataclass(frozen=True)
class UnknownIssuer(_Refused):
    reason: str = "the seal's issuer is not in the trust store"
    kind: Literal["unknown_issuer"] = "unknown_issuer"


@dataclass(frozen=True)
class IssuerExpired(_Refused):
    kind: Literal["issuer_expired"] = "issuer_expired"


@dataclass(frozen=True)
class IssuerRevoked(_Refused):
    kind: Literal["issuer_revoked"] = "issuer_revoked"


@dataclass(frozen=True)
class Malformed(_Refused):
    kind: Literal["malformed"] = "malformed"


@dataclass(frozen=True)
class TooLarge(_Refused):
    kind: Literal["too_large"] = "too_large"


SealVerdict = (
    Verified | Broken | UnknownIssuer | IssuerExpired | IssuerRevoked | Malformed | TooLarge
)

_CHINESE = {
    "broken": "印章或文件已被改动",
    "unknown_issuer": "印章签发机构不在信任列表中",
    "issuer_expired": "印章或其证书已过有效期",
    "issuer_revoked": "印章或其证书已被吊销",
    "malformed": "印章数据无法读取",
    "too_large": "文件或印章数据过大",
}


_ENGLISH = {
    "broken": "the seal or the document has been altered",
    "unknown_issuer": "the seal was issued by a body this terminal does not trust",
    "issuer_expired": "the seal or its certificate has expired",
    "issuer_revoked": "the seal or its certificate has been revoked",
    "malformed": "the seal data cannot be read",
    "too_large": "the document or its seal is too large",
}


def reason_zh(kind: str) -> str:
    """Why a seal was refused, for residents (Chinese)."""
    return _CHINESE.get(kind, "印章验证未通过")


def reason_en(kind: str) -> str:
    """Why a seal was refused, for residents (English, a clause without the verdict code)."""
    return _ENGLISH.get(kind, "the seal could not be verified")


def describe(v: SealVerdict) -> str:
    """One line for people: Chinese first, English second."""
    if isinstance(v, Verified):
        return f"已验证 · {v.issuer_name}（{v.seal_name}） / verified: {v.issuer_name}"
    return f"印章验证未通过：{_CHINESE[v.kind]} / seal refused ({v.kind}): {v.reason}"


# ---------------------------------------------------------------- parsing


@dataclass(frozen=True)
class _Parsed:
    seal_der: bytes
    seal_info_der: bytes
    maker_cert: bytes
    seal_signature: bytes
    es_id: str
    seal_name: str
    valid_start: datetime
    valid_end: datetime
    cert_list: tuple[str, list]
    tbs_der: bytes
    signed_at: datetime
    data_hash: bytes
    signer_cert: bytes
    signature: bytes


def _parse(signature_der: bytes) -> _Parsed | Malformed:
    try:
        sig = asn1.SESSignature.load(signature_der, strict=True)
        tbs = sig["to_sign"]
        seal = tbs["eseal"]
        info = seal["e_seal_info"]
        header = info["header"]
        prop = info["property"]
        if header["id"].native != "ES":
            return Malformed("seal header id is not ES")
        if header["version"].native != asn1.SEAL_VERSION or tbs["version"].native != 4:
            return Malformed(
                f"version {header['version'].native}/{tbs['version'].native}: only 4 is read"
            )
        for oid in (seal["sign_alg_id"], sig["signature_alg_id"]):
            if oid.dotted != gm.OID_SM2_SM3:
                return Malformed(f"signature algorithm {oid.dotted} is not SM2-with-SM3")
        info["picture"].native  # noqa: B018 - every part must be readable
        if info["ext_datas"].native is not None:
            info["ext_datas"].native  # noqa: B018
        tbs["ext_datas"].native  # noqa: B018
        times = (
            prop["valid_start"].native,
            prop["valid_end"].native,
            tbs["time_info"].native,
        )
        if not all(isinstance(t, datetime) and t.tzinfo is not None for t in times):
            return Malformed("times must be GeneralizedTime in UTC (…Z)")
        return _Parsed(
            seal_der=seal.dump(),
            seal_info_der=info.dump(),
            maker_cert=seal["cert"].native,
            seal_signature=seal["signed_value"].native,
            es_id=info["es_id"].native,
            seal_name=prop["name"].native,
            valid_start=times[0],
            valid_end=times[1],
            cert_list=asn1.cert_list(prop),
            tbs_der=tbs.dump(),
            signed_at=times[2],
            data_hash=tbs["data_hash"].native,
            signer_cert=sig["cert"].native,
            signature=sig["signature"].native,
        )
    except Exception as e:  # noqa: BLE001 - any failure to read hostile DER is "malformed"
        return Malformed(f"unreadable DER ({type(e).__name__})")


# ---------------------------------------------------------------- caches


class _Lru:
    def __init__(self, size: int = 256) -> None:
        self._d: OrderedDict[tuple[bytes, bytes], object] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, key: tuple[bytes, bytes]) -> object | None:
        with self._lock:
            v = self._d.get(key)
            if v is not None:
                self._d.move_to_end(key)
            return v

    def put(self, key: tuple[bytes, bytes], value: object) -> None:
        with self._lock:
            self._d[key] = value
            self._d.move_to_end(key)
            while len(self._d) > self._size:
                self._d.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._d.clear()


_seals = _Lru()
_certs = _Lru()


def clear_caches() -> None:
    _seals.clear()
    _certs.clear()


@dataclass(frozen=True)
class _Chained:
    cert: Cert
    anchor: Cert


def _chain(der: bytes, trust: IssuerTrust, what: str) -> _Chained | SealVerdict:
    """``der`` read and checked against the trust store's issuers (cached when it holds)."""
    key = (trust.fingerprint, gm.sm3(der))
    hit = _certs.get(key)
    if isinstance(hit, _Chained):
        return hit
    try:
        cert = parse_cert(der)
    except CertInvalid as e:
        return Malformed(f"{what} certificate: {e}")
    anchors = trust.issuers_of(cert.issuer_der)
    if not anchors:
        return UnknownIssuer(f"the {what} certificate's issuer is not a province seal issuer")
    for a in anchors:
        if cert.signed_by(a):
            out = _Chained(cert, a)
            _certs.put(key, out)
            return out
    return Broken(f"the {what} certificate's signature does not hold")


def _seal_checked(p: _Parsed, trust: IssuerTrust) -> _Chained | SealVerdict:
    key = (trust.fingerprint, gm.sm3(p.seal_der))
    hit = _seals.get(key)
    if isinstance(hit, _Chained):
        return hit
    maker = _chain(p.maker_cert, trust, "seal maker")
    if not isinstance(maker, _Chained):
        return maker
    if not gm.verify(maker.cert.public_key, p.seal_info_der, p.seal_signature):
        return Broken("the seal maker's signature over the seal does not hold")
    _seals.put(key, maker)
    return maker


# ---------------------------------------------------------------- the check


def verify_document(
    doc: bytes, signature_der: bytes, trust: IssuerTrust, now: datetime
) -> SealVerdict:
    """Whether ``doc`` carries a good seal by a province seal issuer (see the module doc)."""
    if len(doc) > MAX_DOCUMENT_BYTES:
        return TooLarge(f"document of {len(doc)} bytes (limit {MAX_DOCUMENT_BYTES})")
    if len(signature_der) > MAX_SIGNATURE_BYTES:
        return TooLarge(f"signature of {len(signature_der)} bytes (limit {MAX_SIGNATURE_BYTES})")
    p = _parse(signature_der)
    if isinstance(p, Malformed):
        return p
    seal = _seal_checked(p, trust)
    if not isinstance(seal, _Chained):
        return seal
    kind, entries = p.cert_list
    if kind == "certs":
        named = p.signer_cert in entries
    else:
        digest = gm.sm3(p.signer_cert)
        named = any(t.lower() == "sm3" and v == digest for t, v in entries)
    if not named:
        return Broken("the signer's certificate is not one the seal names")
    signer = _chain(p.signer_cert, trust, "signer")
    if not isinstance(signer, _Chained):
        return signer
    chain = (seal.anchor, seal.cert, signer.anchor, signer.cert)
    for c in chain:
        if c.digest in trust.revoked_certs:
            return IssuerRevoked(f"certificate of {c.subject} (serial {c.serial}) is revoked")
    if p.es_id in trust.revoked_seals:
        return IssuerRevoked(f"seal {p.es_id} is revoked")
    t = p.signed_at
    if t > now + FUTURE_SKEW:
        return Malformed(f"signed in the future ({t:%Y-%m-%d %H:%M:%S}Z)")
    if not p.valid_start <= t <= p.valid_end:
        return IssuerExpired(
            f"seal valid {p.valid_start:%Y-%m-%d} to {p.valid_end:%Y-%m-%d}, used {t:%Y-%m-%d}"
        )
    for c in chain:
        if not c.valid_at(t):
            return IssuerExpired(
                f"certificate of {c.subject} valid {c.not_before:%Y-%m-%d} to "
                f"{c.not_after:%Y-%m-%d}, used {t:%Y-%m-%d}"
            )
    for a in (seal.anchor, signer.anchor):
        if not a.valid_at(now):
            return IssuerExpired(f"the seal issuer {a.subject} expired {a.not_after:%Y-%m-%d}")
    if p.data_hash != gm.sm3(doc):
        return Broken("the document's SM3 digest does not match the signed one")
    if not gm.verify(signer.cert.public_key, p.tbs_der, p.signature):
        return Broken("the signer's signature does not hold")
    return Verified(
        issuer_name=signer.cert.subject, seal_name=p.seal_name, signed_at=t, es_id=p.es_id
    )


MAX_SIGNED_BYTES = 64 * 1024


def verify_signed(
    message: bytes, signature_der: bytes, cert_der: bytes, trust: IssuerTrust, now: datetime,
    *, signed_at: datetime,
) -> SealVerdict:  # fmt: skip
    """Whether ``message`` carries the SM2 signature of a seal signer whose certificate
    (``cert_der``) a province seal issuer in ``trust`` issued — the compact form a QR code can
    hold (no seal container): the signer's certificate chains to the trust store, neither it
    nor its issuer is revoked, it was valid at ``signed_at`` (not in the future) and the issuer
    is valid now. ``seal_name`` and ``es_id`` of the verdict are empty."""
    if len(message) > MAX_SIGNED_BYTES or len(cert_der) > MAX_SIGNATURE_BYTES:
        return TooLarge(f"{len(message)} bytes signed (limit {MAX_SIGNED_BYTES})")
    signer = _chain(cert_der, trust, "signer")
    if not isinstance(signer, _Chained):
        return signer
    for c in (signer.anchor, signer.cert):
        if c.digest in trust.revoked_certs:
            return IssuerRevoked(f"certificate of {c.subject} (serial {c.serial}) is revoked")
    if signed_at > now + FUTURE_SKEW:
        return Malformed(f"signed in the future ({signed_at:%Y-%m-%d %H:%M:%S}Z)")
    if not signer.cert.valid_at(signed_at):
        return IssuerExpired(f"certificate of {signer.cert.subject} not valid when signed")
    if not signer.anchor.valid_at(now):
        return IssuerExpired(f"the seal issuer {signer.anchor.subject} expired")
    if not gm.verify(signer.cert.public_key, message, signature_der):
        return Broken("the signer's signature does not hold")
    return Verified(issuer_name=signer.cert.subject, seal_name="", signed_at=signed_at, es_id="")
