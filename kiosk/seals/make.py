"""Making seals and sealed documents: the platform simulator's seal authority (and tests').

A :class:`SealAuthority` holds a simulated province seal-issuer CA (self-signed, the
certificate the terminals trust), a seal maker (制章人) whose certificate the CA issued, and one
signer per issuing body (签章人, e.g. 北京市人力资源和社会保障局), each with a certificate from the
CA and an electronic seal (``SESeal``) the maker made for it. Keys derive from a seed, and
certificates and seals are signed with deterministic nonces, so the same seed gives the same
trust store on every start. Never for real use: a real platform keeps its keys in a
cryptographic module.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime

from kiosk.seals import asn1, gm
from kiosk.seals.certs import build_cert

DEFAULT_VALID = (datetime(2024, 1, 1, tzinfo=UTC), datetime(2036, 1, 1, tzinfo=UTC))


def seal_png(size: int = 48) -> bytes:
    """A small red ring, the seal's picture (PNG written by hand: no imaging library)."""
    rows = []
    c = (size - 1) / 2
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            r = ((x - c) ** 2 + (y - c) ** 2) ** 0.5
            ink = c - 4 <= r <= c or r <= c / 4
            row += bytes((200, 16, 32, 255) if ink else (0, 0, 0, 0))
        rows.append(bytes(row))

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    ihdr = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"".join(rows)))
        + chunk(b"IEND", b"")
    )


def _issuer_name(province: str, seed: str) -> dict[str, str]:
    return {
        "country_name": "CN",
        "organization_name": f"{province}电子印章签发中心",
        "common_name": f"{province}电子印章根证书 ({seed})",
    }


@dataclass
class Signer:
    org: str
    key: gm.KeyPair
    cert: bytes
    seal: asn1.SESeal
    es_id: str


@dataclass
class SealAuthority:
    seed: str
    province: str
    issuer_key: gm.KeyPair
    issuer_cert: bytes
    maker_key: gm.KeyPair
    maker_cert: bytes
    valid: tuple[datetime, datetime]
    signers: dict[str, Signer] = field(default_factory=dict)

    @classmethod
    def create(
        cls,
        seed: str = "bianmin-sim-seals-0001",
        province: str = "北京市",
        valid: tuple[datetime, datetime] = DEFAULT_VALID,
        issuer_valid: tuple[datetime, datetime] | None = None,
    ) -> SealAuthority:
        issuer_key = gm.KeyPair.derive(f"{seed}|issuer")
        issuer_name = _issuer_name(province, seed)
        iv = issuer_valid or valid
        issuer_cert = build_cert(
            subject=issuer_name,
            public_key=issuer_key.public,
            issuer=issuer_name,
            issuer_key=issuer_key,
            serial=1,
            not_before=iv[0],
            not_after=iv[1],
            ca=True,
            deterministic=True,
        )
        maker_key = gm.KeyPair.derive(f"{seed}|maker")
        maker_cert = build_cert(
            subject={"country_name": "CN", "organization_name": f"{province}电子印章制作中心"},
            public_key=maker_key.public,
            issuer=issuer_name,
            issuer_key=issuer_key,
            serial=2,
            not_before=valid[0],
            not_after=valid[1],
            deterministic=True,
        )
        return cls(seed, province, issuer_key, issuer_cert, maker_key, maker_cert, valid)

    @property
    def issuer_name(self) -> dict[str, str]:
        return _issuer_name(self.province, self.seed)

    def signer(
        self,
        org: str,
        *,
        seal_valid: tuple[datetime, datetime] | None = None,
        by_digest: bool = False,
    ) -> Signer:
        """The signer and seal of issuing body ``org`` (made once, then kept)."""
        key = (org, seal_valid, by_digest)
        cached = self.signers.get(repr(key))
        if cached is not None:
            return cached
        n = int.from_bytes(gm.sm3(f"{self.seed}|{org}".encode())[:6], "big")
        skey = gm.KeyPair.derive(f"{self.seed}|signer|{org}")
        cert = build_cert(
            subject={"country_name": "CN", "organization_name": org, "common_name": f"{org}签章人"},
            public_key=skey.public,
            issuer=self.issuer_name,
            issuer_key=self.issuer_key,
            serial=1000 + n % 10**9,
            not_before=self.valid[0],
            not_after=self.valid[1],
            deterministic=True,
        )
        sv = seal_valid or self.valid
        es_id = f"11000000{n % 10**8:08d}"
        info = asn1.build_seal_info(
            es_id=es_id,
            name=f"{org}电子证照专用章",
            seal_type=1,
            signer_certs=[cert],
            created=sv[0],
            valid_start=sv[0],
            valid_end=sv[1],
            picture=seal_png(),
            by_digest=by_digest,
        )
        seal = asn1.build_seal(
            info, self.maker_cert, self.maker_key.sign(info.dump(), deterministic=True)
        )
        s = Signer(org, skey, cert, seal, es_id)
        self.signers[repr(key)] = s
        return s

    def sign(
        self,
        doc: bytes,
        org: str,
        signed_at: datetime,
        *,
        property_info: str = "",
        seal_valid: tuple[datetime, datetime] | None = None,
        by_digest: bool = False,
    ) -> bytes:
        """The DER of an ``SES_Signature`` of ``doc`` by ``org``'s seal at ``signed_at``."""
        s = self.signer(org, seal_valid=seal_valid, by_digest=by_digest)
        tbs = asn1.build_tbs(s.seal, signed_at.replace(microsecond=0), gm.sm3(doc), property_info)
        return asn1.build_signature(tbs, s.cert, s.key.sign(tbs.dump())).dump()
