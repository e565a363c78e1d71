"""X.509 v3 certificates with SM2 keys, built with asn1crypto and signed with SM2-with-SM3.

``cryptography`` cannot load SM2 keys, so certificates are read here: the SM2 curve OID
(1.2.156.10197.1.301) is registered with asn1crypto, the public key is an ``id-ecPublicKey``
on that curve, and the signature algorithm is 1.2.156.10197.1.501 with a GM/T 0009
``SM2Signature`` as the signature value. One level of chain only: a province seal-issuer
(self-signed, in the trust store) issues the seal makers' and signers' certificates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from asn1crypto import keys, x509

from kiosk.seals import gm

if "sm2p256v1" not in keys.NamedCurve._map.values():
    keys.NamedCurve.register("sm2p256v1", gm.OID_SM2_CURVE, 32)


class CertInvalid(ValueError):
    """A certificate that cannot be read as an SM2 X.509 certificate."""


@dataclass(frozen=True)
class Cert:
    der: bytes
    digest: bytes  # SM3 of the DER
    subject: str  # human-readable (organization, else common name)
    subject_der: bytes
    issuer_der: bytes
    serial: int
    not_before: datetime
    not_after: datetime
    public_key: bytes
    is_ca: bool
    tbs: bytes
    signature: bytes

    def valid_at(self, t: datetime) -> bool:
        return self.not_before <= t <= self.not_after

    def signed_by(self, issuer: Cert) -> bool:
        return self.issuer_der == issuer.subject_der and gm.verify(
            issuer.public_key, self.tbs, self.signature
        )


def _name_text(name: x509.Name) -> str:
    n = name.native
    return str(n.get("organization_name") or n.get("common_name") or "")


def parse_cert(der: bytes) -> Cert:
    """The facts of an SM2 certificate; :class:`CertInvalid` for anything else."""
    try:
        c = x509.Certificate.load(der, strict=True)
        tbs = c["tbs_certificate"]
        if c["signature_algorithm"]["algorithm"].dotted != gm.OID_SM2_SM3:
            raise CertInvalid("not signed with SM2-with-SM3")
        spki = tbs["subject_public_key_info"]
        if spki["algorithm"]["algorithm"].native != "ec":
            raise CertInvalid("not an elliptic-curve key")
        if spki["algorithm"]["parameters"].chosen.native != "sm2p256v1":
            raise CertInvalid("not a key on the SM2 curve")
        pub = gm.check_public_key(bytes(spki["public_key"].native))
        validity = tbs["validity"]
        for t in (validity["not_before"].native, validity["not_after"].native):
            if not isinstance(t, datetime) or t.tzinfo is None:
                raise CertInvalid("validity times must be in UTC")
        bc = None
        for ext in tbs["extensions"]:
            if ext["extn_id"].native == "basic_constraints":
                bc = ext["extn_value"].parsed
        return Cert(
            der=der,
            digest=gm.sm3(der),
            subject=_name_text(tbs["subject"]),
            subject_der=tbs["subject"].dump(),
            issuer_der=tbs["issuer"].dump(),
            serial=int(tbs["serial_number"].native),
            not_before=validity["not_before"].native,
            not_after=validity["not_after"].native,
            public_key=pub,
            is_ca=bool(bc is not None and bc["ca"].native),
            tbs=tbs.dump(),
            signature=bytes(c["signature_value"].native),
        )
    except CertInvalid:
        raise
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError) as e:
        raise CertInvalid(f"certificate unreadable: {type(e).__name__}") from None


def build_cert(
    *,
    subject: dict[str, str],
    public_key: bytes,
    issuer: dict[str, str],
    issuer_key: gm.KeyPair,
    serial: int,
    not_before: datetime,
    not_after: datetime,
    ca: bool = False,
    deterministic: bool = False,
) -> bytes:
    """The DER of a certificate for ``public_key``, signed with ``issuer_key``."""
    alg = {"algorithm": gm.OID_SM2_SM3}
    tbs = x509.TbsCertificate(
        {
            "version": "v3",
            "serial_number": serial,
            "signature": alg,
            "issuer": x509.Name.build(issuer, use_printable=False),
            "validity": {
                "not_before": x509.Time({"general_time": not_before}),
                "not_after": x509.Time({"general_time": not_after}),
            },
            "subject": x509.Name.build(subject, use_printable=False),
            "subject_public_key_info": {
                "algorithm": {
                    "algorithm": "ec",
                    "parameters": keys.ECDomainParameters(name="named", value="sm2p256v1"),
                },
                "public_key": public_key,
            },
            "extensions": [
                {
                    "extn_id": "basic_constraints",
                    "critical": True,
                    "extn_value": {"ca": ca},
                },
                {
                    "extn_id": "key_usage",
                    "critical": True,
                    "extn_value": {"key_cert_sign", "crl_sign"}
                    if ca
                    else {"digital_signature", "non_repudiation"},
                },
            ],
        }
    )
    signature = issuer_key.sign(tbs.dump(), deterministic=deterministic)
    return x509.Certificate(
        {"tbs_certificate": tbs, "signature_algorithm": alg, "signature_value": signature}
    ).dump()
