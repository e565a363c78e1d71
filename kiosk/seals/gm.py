"""SM3 digests and SM2 signatures (GB/T 32905, GB/T 32918) for the seal checks.

SM3 comes from ``cryptography`` (OpenSSL, fast); the SM2 point arithmetic from ``gmssl``
(pure Python, ≈ 17 ms a verify). gmssl's own SM3 is slow, so the message digest
``e = SM3(Z || M)`` (with ``Z`` over the default user id ``1234567812345678``) is computed here
and only ``e`` is handed to gmssl. Signatures travel as GM/T 0009 ``SM2Signature`` DER
(``SEQUENCE { r INTEGER, s INTEGER }``); public keys as 65 bytes ``04 || x || y``.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from asn1crypto import algos
from cryptography.hazmat.primitives import hashes
from gmssl import sm2

DEFAULT_USER_ID = b"1234567812345678"
OID_SM2_SM3 = "1.2.156.10197.1.501"
OID_SM3 = "1.2.156.10197.1.401"
OID_SM2_CURVE = "1.2.156.10197.1.301"

_T = sm2.default_ecc_table
P = int(_T["p"], 16)
A = int(_T["a"], 16)
B = int(_T["b"], 16)
N = int(_T["n"], 16)
_ZPREFIX = (
    (len(DEFAULT_USER_ID) * 8).to_bytes(2, "big")
    + DEFAULT_USER_ID
    + bytes.fromhex(_T["a"] + _T["b"] + _T["g"])
)


class BadKey(ValueError):
    """A public key that is not a point of the SM2 curve."""


def sm3(data: bytes) -> bytes:
    h = hashes.Hash(hashes.SM3())
    h.update(data)
    return h.finalize()


def check_public_key(pub: bytes) -> bytes:
    """``pub`` (``04 || x || y``) when it is a point of the curve; :class:`BadKey` otherwise."""
    if len(pub) != 65 or pub[0] != 4:
        raise BadKey("an SM2 public key is 65 bytes starting with 04")
    x, y = int.from_bytes(pub[1:33], "big"), int.from_bytes(pub[33:], "big")
    if not (0 <= x < P and 0 <= y < P) or (y * y - (x * x * x + A * x + B)) % P:
        raise BadKey("not a point of the SM2 curve")
    return pub


def digest_e(pub: bytes, message: bytes) -> bytes:
    """``SM3(Z_A || M)`` with the default user id, the value SM2 signs."""
    z = sm3(_ZPREFIX + pub[1:])
    return sm3(z + message)


def _crypt(private_hex: str, pub: bytes) -> sm2.CryptSM2:
    c = sm2.CryptSM2(private_key=private_hex, public_key="00")
    c.public_key = pub[1:].hex()  # set directly: gmssl's own "04" stripping eats leading 0s and 4s
    return c


def encode_signature(r: int, s: int) -> bytes:
    return algos.DSASignature({"r": r, "s": s}).dump()


def decode_signature(der: bytes) -> tuple[int, int]:
    """``(r, s)`` from SM2Signature DER; ``ValueError`` for anything else."""
    sig = algos.DSASignature.load(der, strict=True)
    r, s = int(sig["r"].native), int(sig["s"].native)
    if not (0 < r < N and 0 < s < N):
        raise ValueError("signature values out of range")
    return r, s


def verify(pub: bytes, message: bytes, signature_der: bytes) -> bool:
    """Whether ``signature_der`` is the SM2 signature of ``message`` by ``pub``. Never raises
    for bad input: a signature that cannot be read is simply not valid."""
    try:
        r, s = decode_signature(signature_der)
        check_public_key(pub)
    except (ValueError, TypeError):
        return False
    return bool(_crypt("00", pub).verify(f"{r:064x}{s:064x}", digest_e(pub, message)))


@dataclass(frozen=True)
class KeyPair:
    private: int
    public: bytes  # 04 || x || y

    def __repr__(self) -> str:  # never print a private key
        return f"KeyPair(public={self.public.hex()[:16]}…)"

    @classmethod
    def generate(cls) -> KeyPair:
        d = 1 + secrets.randbelow(N - 2)
        return cls.from_private(d)

    @classmethod
    def derive(cls, seed: str) -> KeyPair:
        """A key derived from ``seed`` (the simulator's stable keys; never for real use)."""
        return cls.from_private(1 + int.from_bytes(sm3(seed.encode()), "big") % (N - 2))

    @classmethod
    def from_private(cls, d: int) -> KeyPair:
        c = sm2.CryptSM2(private_key=f"{d:064x}", public_key="00")
        xy = c._kg(d, _T["g"])
        return cls(d, b"\x04" + bytes.fromhex(xy))

    def sign(self, message: bytes, *, deterministic: bool = False) -> bytes:
        """SM2Signature DER of ``message`` (Z with the default user id). ``deterministic``
        derives the nonce from the key and the message (the same certificate bytes on every
        start of the simulator); otherwise it is random."""
        e = digest_e(self.public, message)
        c = _crypt(f"{self.private:064x}", self.public)
        counter = 0
        while True:
            if deterministic:
                seed = self.private.to_bytes(32, "big") + e + counter.to_bytes(4, "big")
                k = 1 + int.from_bytes(sm3(seed), "big") % (N - 1)
                counter += 1
            else:
                k = 1 + secrets.randbelow(N - 1)
            rs = c.sign(e, f"{k:064x}")
            if rs:
                return encode_signature(int(rs[:64], 16), int(rs[64:], 16))
