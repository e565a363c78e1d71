"""Encryption of personal data at rest with a per-terminal key kept outside the database.

The key file holds 32 random bytes (hex), mode 0600, in a 0700 directory. Sub-keys are
derived with HKDF-SHA256 per cipher, so switching the configured cipher keeps old data
readable: every sealed value says which cipher sealed it.

Sealed format: ``b"BM1" | alg (1 byte) | nonce (12) | ciphertext+tag``. ``aad`` binds a value
to its place (for example the application id), so a sealed field cannot be swapped into
another row unnoticed.

- alg 1: AES-256-GCM (default)
- alg 2: SM4-GCM (GB/T 39786 expects SM4 for data at rest; ``cryptography`` provides it)
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from kiosk.store.errors import StoreUnusable

MAGIC = b"BM1"
ALG_AES = 1
ALG_SM4 = 2
ALGS = {"AES-256-GCM": ALG_AES, "SM4-GCM": ALG_SM4}


class KeyFileError(StoreUnusable):
    """The terminal key file is unreadable, malformed or too widely readable."""

    reason = "key_file"


class SealError(ValueError):
    """A sealed value is malformed, was made with another key, or was tampered with."""


def create_key(path: Path) -> bytes:
    """Make a new random terminal key at ``path`` (owner-only, in a 0700 directory).

    Only :func:`kiosk.store.keys.resolve_key` calls this, and only for a store that holds no
    data sealed with another key."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        os.chmod(path.parent, 0o700)
        key = secrets.token_bytes(32)
        write_key_file(path, key, exclusive=True)
    except OSError as exc:
        raise KeyFileError(f"{path}: cannot create the key file ({exc.strerror})") from None
    return key


def write_key_file(path: Path, key: bytes, *, exclusive: bool = False) -> None:
    """Write ``key`` to ``path`` atomically (temp file, fsync, rename), mode 0600."""
    write_private_file(path, key.hex() + "\n", exclusive=exclusive)


def write_private_file(
    path: Path, text: str, *, exclusive: bool = False, sync_dir: bool = True, mode: int = 0o600
) -> None:
    """Write ``text`` to ``path`` atomically (temp file, fsync, rename, fsync of the folder
    unless ``sync_dir`` is false), mode 0600 unless ``mode`` says otherwise (a file another
    user must read); ``exclusive``: never replace a file another process created meanwhile."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        if exclusive:
            os.link(tmp, path)  # never replace a key another process created meanwhile
        else:
            os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    if not sync_dir:
        return
    dfd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dfd)
    finally:
        os.close(dfd)


def read_key(path: Path) -> bytes:
    """Read the terminal key; KeyFileError when unreadable, malformed or not owner-only."""
    path = Path(path)
    try:
        mode = path.stat().st_mode & 0o777
        if mode & 0o077:
            raise KeyFileError(
                f"{path}: key file must be readable by the kiosk's user only (mode {mode:o}; "
                "run: chmod 600 " + str(path) + ")"
            )
        text = path.read_text().strip()
    except OSError as exc:
        raise KeyFileError(f"{path}: cannot read the key file ({exc.strerror})") from None
    try:
        key = bytes.fromhex(text)
    except ValueError:
        raise KeyFileError(f"{path}: key file is not 64 hex digits") from None
    if len(key) != 32:
        raise KeyFileError(f"{path}: key file must hold 32 bytes (64 hex digits)")
    return key


class Sealer:
    def __init__(self, master_key: bytes, cipher: str = "AES-256-GCM") -> None:
        self._alg = ALGS[cipher]
        self._keys = {
            ALG_AES: self._derive(master_key, b"bianmin aes-256-gcm", 32),
            ALG_SM4: self._derive(master_key, b"bianmin sm4-gcm", 16),
        }

    @staticmethod
    def _derive(master: bytes, info: bytes, length: int) -> bytes:
        return HKDF(algorithm=hashes.SHA256(), length=length, salt=None, info=info).derive(master)

    def seal(self, plaintext: bytes, aad: bytes = b"") -> bytes:
        nonce = secrets.token_bytes(12)
        if self._alg == ALG_AES:
            ct = AESGCM(self._keys[ALG_AES]).encrypt(nonce, plaintext, aad)
        else:
            enc = Cipher(algorithms.SM4(self._keys[ALG_SM4]), modes.GCM(nonce)).encryptor()
            enc.authenticate_additional_data(aad)
            ct = enc.update(plaintext) + enc.finalize() + enc.tag
        return MAGIC + bytes([self._alg]) + nonce + ct

    def open(self, sealed: bytes, aad: bytes = b"") -> bytes:
        if len(sealed) < 4 + 12 + 16 or sealed[:3] != MAGIC:
            raise SealError("not a sealed value")
        alg, nonce, ct = sealed[3], sealed[4:16], sealed[16:]
        try:
            if alg == ALG_AES:
                return AESGCM(self._keys[ALG_AES]).decrypt(nonce, ct, aad)
            if alg == ALG_SM4:
                dec = Cipher(
                    algorithms.SM4(self._keys[ALG_SM4]), modes.GCM(nonce, ct[-16:])
                ).decryptor()
                dec.authenticate_additional_data(aad)
                return dec.update(ct[:-16]) + dec.finalize()
        except InvalidTag:
            raise SealError("sealed value fails authentication (wrong key or tampered)") from None
        raise SealError(f"unknown cipher id {alg}")
