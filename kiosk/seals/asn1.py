"""GB/T 38540-2020 (version 4) electronic seal and signature structures, DER via asn1crypto.

Checked against ofdrw's ``org.ofdrw.gm.ses.v4`` (the public reading of the standard): field
order and types as domain-reference.md §6a, with two details that reading settles:

- ``SES_CertList`` is an untagged CHOICE of two ``SEQUENCE OF``: which one it is follows
  ``certListType`` (1 certificates, 2 digests), so it is read here as ``Any`` and decoded by
  :func:`cert_list`.
- ``TBS_Sign.extDatas`` and ``SES_Signature.timeStamp`` are ``[0] EXPLICIT`` (ofdrw writes
  and reads them tagged); ``SES_SealInfo.extDatas`` is untagged.
"""

from __future__ import annotations

from datetime import datetime

from asn1crypto import core

from kiosk.seals.gm import OID_SM2_SM3

SEAL_VERSION = 4


class SESHeader(core.Sequence):
    _fields = [
        ("id", core.IA5String),
        ("version", core.Integer),
        ("vid", core.IA5String),
    ]


class CertDigestObj(core.Sequence):
    _fields = [("type", core.PrintableString), ("value", core.OctetString)]


class CertDigestList(core.SequenceOf):
    _child_spec = CertDigestObj


class CertInfoList(core.SequenceOf):
    _child_spec = core.OctetString


class ESPropertyInfo(core.Sequence):
    _fields = [
        ("type", core.Integer),
        ("name", core.UTF8String),
        ("cert_list_type", core.Integer),
        ("cert_list", core.Any),
        ("create_date", core.GeneralizedTime),
        ("valid_start", core.GeneralizedTime),
        ("valid_end", core.GeneralizedTime),
    ]


class ESPictureInfo(core.Sequence):
    _fields = [
        ("type", core.IA5String),
        ("data", core.OctetString),
        ("width", core.Integer),
        ("height", core.Integer),
    ]


class ExtData(core.Sequence):
    _fields = [
        ("extn_id", core.ObjectIdentifier),
        ("critical", core.Boolean, {"default": False}),
        ("extn_value", core.OctetString),
    ]


class ExtensionDatas(core.SequenceOf):
    _child_spec = ExtData


class SESSealInfo(core.Sequence):
    _fields = [
        ("header", SESHeader),
        ("es_id", core.IA5String),
        ("property", ESPropertyInfo),
        ("picture", ESPictureInfo),
        ("ext_datas", ExtensionDatas, {"optional": True}),
    ]


class SESeal(core.Sequence):
    _fields = [
        ("e_seal_info", SESSealInfo),
        ("cert", core.OctetString),
        ("sign_alg_id", core.ObjectIdentifier),
        ("signed_value", core.OctetBitString),
    ]


class TBSSign(core.Sequence):
    _fields = [
        ("version", core.Integer),
        ("eseal", SESeal),
        ("time_info", core.GeneralizedTime),
        ("data_hash", core.OctetBitString),
        ("property_info", core.IA5String),
        ("ext_datas", ExtensionDatas, {"explicit": 0, "optional": True}),
    ]


class SESSignature(core.Sequence):
    _fields = [
        ("to_sign", TBSSign),
        ("cert", core.OctetString),
        ("signature_alg_id", core.ObjectIdentifier),
        ("signature", core.OctetBitString),
        ("time_stamp", core.OctetBitString, {"explicit": 0, "optional": True}),
    ]


def cert_list(prop: ESPropertyInfo) -> tuple[str, list[bytes]]:
    """``("certs", [DER...])`` or ``("digests", [(type, value)...])`` per ``certListType``."""
    kind = prop["cert_list_type"].native
    raw = prop["cert_list"].dump()
    if kind == 1:
        return "certs", [c.native for c in CertInfoList.load(raw, strict=True)]
    if kind == 2:
        return "digests", [
            (d["type"].native, d["value"].native) for d in CertDigestList.load(raw, strict=True)
        ]
    raise ValueError(f"certListType {kind}: expected 1 or 2")


def build_seal_info(
    *,
    es_id: str,
    name: str,
    seal_type: int,
    signer_certs: list[bytes],
    created: datetime,
    valid_start: datetime,
    valid_end: datetime,
    picture: bytes,
    picture_type: str = "PNG",
    size_mm: tuple[int, int] = (40, 40),
    vid: str = "BMK",
    by_digest: bool = False,
) -> SESSealInfo:
    """An ``SES_SealInfo`` naming ``signer_certs`` (as certificates, or their SM3 digests)."""
    from kiosk.seals.gm import sm3

    if by_digest:
        certs = CertDigestList([{"type": "sm3", "value": sm3(c)} for c in signer_certs])
    else:
        certs = CertInfoList(signer_certs)
    return SESSealInfo(
        {
            "header": {"id": "ES", "version": SEAL_VERSION, "vid": vid},
            "es_id": es_id,
            "property": {
                "type": seal_type,
                "name": name,
                "cert_list_type": 2 if by_digest else 1,
                "cert_list": core.Any.load(certs.dump()),
                "create_date": created,
                "valid_start": valid_start,
                "valid_end": valid_end,
            },
            "picture": {
                "type": picture_type,
                "data": picture,
                "width": size_mm[0],
                "height": size_mm[1],
            },
        }
    )


def build_seal(info: SESSealInfo, maker_cert: bytes, maker_signature: bytes) -> SESeal:
    return SESeal(
        {
            "e_seal_info": info,
            "cert": maker_cert,
            "sign_alg_id": OID_SM2_SM3,
            "signed_value": maker_signature,
        }
    )


def build_tbs(
    seal: SESeal, signed_at: datetime, data_hash: bytes, property_info: str = ""
) -> TBSSign:
    return TBSSign(
        {
            "version": SEAL_VERSION,
            "eseal": seal,
            "time_info": signed_at,
            "data_hash": data_hash,
            "property_info": property_info,
        }
    )


def build_signature(tbs: TBSSign, signer_cert: bytes, signature: bytes) -> SESSignature:
    return SESSignature(
        {
            "to_sign": tbs,
            "cert": signer_cert,
            "signature_alg_id": OID_SM2_SM3,
            "signature": signature,
        }
    )
