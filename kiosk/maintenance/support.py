"""The support archive: one ``tar.gz`` a technician hands to support, signed by the terminal.

Contents (nothing personal, no secret):

- ``manifest.json`` — kiosk id, when, the files with their SHA-256;
- ``health.json`` — every device's health, the queue's counts, catalog version, storage;
- ``config.json`` — the effective configuration, secrets hidden (``******``);
- ``audit.json`` — the audit log's signed head and the verification result;
- ``logs/…`` — the kiosk's log files (already masked when written: every log line passes
  the masking filter), the newest :data:`MAX_LOG_BYTES` of each.

**Signature.** A detached Ed25519 signature over the archive's exact bytes, in
``<archive>.sig`` (JSON: ``alg``, ``kiosk_id``, ``sha256``, ``public_key``, ``signature``).
The signing key is derived from the terminal's data key (HKDF-SHA256, label
``bianmin support signing v1``): it needs no file of its own, is the same every time, and its
public key (``kiosk support verify --show-key`` prints it) identifies the terminal.
``kiosk support verify ARCHIVE`` checks the signature (the ``.sig`` beside the archive) and,
on the terminal, that it is this terminal's key; elsewhere ``--public-key HEX`` names the key
to expect.

**USB.** Written as ``NAME.part`` (and ``NAME.sig.part``), fsynced, then renamed — the
signature first, the archive last — and the directory fsynced: a drive pulled (or full)
mid-write leaves at most a ``.part`` file, never a complete-looking archive.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import io
import json
import os
import tarfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

SIGNING_INFO = b"bianmin support signing v1"
MAX_LOG_BYTES = 8 * 1024 * 1024
SIG_SUFFIX = ".sig"
PART_SUFFIX = ".part"
CHUNK = 256 * 1024


def signing_key(terminal_key: bytes) -> Ed25519PrivateKey:
    seed = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=SIGNING_INFO).derive(
        terminal_key
    )
    return Ed25519PrivateKey.from_private_bytes(seed)


def public_key_hex(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    pub = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return pub.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()


def sign_archive(data: bytes, key: Ed25519PrivateKey, kiosk_id: str) -> bytes:
    """The detached signature file's bytes."""
    return (
        json.dumps(
            {
                "alg": "Ed25519",
                "kiosk_id": kiosk_id,
                "sha256": hashlib.sha256(data).hexdigest(),
                "size": len(data),
                "public_key": public_key_hex(key),
                "signature": key.sign(data).hex(),
            },
            sort_keys=True,
        ).encode()
        + b"\n"
    )


@dataclass(frozen=True)
class Verification:
    ok: bool
    reason: str
    """``valid``, ``bad_signature``, ``hash_mismatch``, ``unreadable_signature``,
    ``other_key`` (valid, but not the key expected)."""
    public_key: str = ""
    kiosk_id: str = ""


def verify_archive(data: bytes, sig: bytes, expected_public_key: str | None = None) -> Verification:
    try:
        meta = json.loads(sig)
        pub_hex, sig_hex = str(meta["public_key"]), str(meta["signature"])
        pub = Ed25519PublicKey.from_public_bytes(bytes.fromhex(pub_hex))
        signature = bytes.fromhex(sig_hex)
    except (ValueError, KeyError, TypeError):
        return Verification(False, "unreadable_signature")
    kiosk_id = str(meta.get("kiosk_id", ""))
    if meta.get("sha256") != hashlib.sha256(data).hexdigest():
        return Verification(False, "hash_mismatch", pub_hex, kiosk_id)
    try:
        pub.verify(signature, data)
    except Exception:  # noqa: BLE001 - cryptography's InvalidSignature
        return Verification(False, "bad_signature", pub_hex, kiosk_id)
    if expected_public_key is not None and expected_public_key.lower() != pub_hex:
        return Verification(False, "other_key", pub_hex, kiosk_id)
    return Verification(True, "valid", pub_hex, kiosk_id)


# ------------------------------------------------------------------ building


def redacted_config(cfg: Any) -> dict[str, Any]:
    from kiosk.maintenance.config_edit import HIDDEN, is_secret

    def walk(node: Any, prefix: str) -> Any:
        if isinstance(node, dict):
            return {k: walk(v, f"{prefix}{k}.") for k, v in node.items()}
        key = prefix.rstrip(".")
        return HIDDEN if node and is_secret(key) else node

    return walk(dataclasses.asdict(cfg), "")


def _log_files(cfg: Any) -> list[Path]:
    if not cfg.logging.file:
        return []
    base = Path(cfg.logging.file)
    if not base.parent.is_dir():
        return []
    return sorted(p for p in base.parent.glob(base.name + "*") if p.is_file())


def _tail(path: Path, limit: int) -> bytes:
    with path.open("rb") as f:
        f.seek(0, os.SEEK_END)
        size = f.tell()
        f.seek(max(0, size - limit))
        data = f.read(limit)
    if size > limit:  # start at a whole line
        cut = data.find(b"\n")
        data = data[cut + 1 :] if cut >= 0 else data
    return data


def build_archive(parts: dict[str, Any], cfg: Any, now: float | None = None) -> tuple[str, bytes]:
    """``(file name, tar.gz bytes)`` from ``parts`` (``health``, ``audit``: JSON values) and
    the configuration (redacted) and log files."""
    now = time.time() if now is None else now
    stamp = dt.datetime.fromtimestamp(now, dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    kiosk_id = cfg.terminal.kiosk_id
    name = f"bianmin-support-{kiosk_id}-{stamp}.tar.gz"
    root = name.removesuffix(".tar.gz")
    files: dict[str, bytes] = {
        "health.json": _json(parts.get("health")),
        "config.json": _json(redacted_config(cfg)),
        "audit.json": _json(parts.get("audit")),
    }
    for p in _log_files(cfg):
        with contextlib.suppress(OSError):
            files[f"logs/{p.name}"] = _tail(p, MAX_LOG_BYTES)
    manifest = {
        "kiosk_id": kiosk_id,
        "created_at": dt.datetime.fromtimestamp(now, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "files": {
            n: {"sha256": hashlib.sha256(b).hexdigest(), "size": len(b)} for n, b in files.items()
        },
    }
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz", compresslevel=6) as tar:
        for n, b in {"manifest.json": _json(manifest), **files}.items():
            info = tarfile.TarInfo(f"{root}/{n}")
            info.size, info.mtime, info.mode = len(b), int(now), 0o644
            tar.addfile(info, io.BytesIO(b))
    return name, buf.getvalue()


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=1, default=str).encode("utf-8")


def archive_members(data: bytes) -> list[str]:
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        return tar.getnames()


# ------------------------------------------------------------------ writing to a drive


class WriteFailed(OSError):
    pass


def _write_part(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        view = memoryview(data)
        while view:
            n = os.write(fd, view[:CHUNK])
            view = view[n:]
        os.fsync(fd)
    finally:
        os.close(fd)


def write_to_drive(directory: Path, name: str, data: bytes, sig: bytes) -> Path:
    """Write ``name`` and ``name.sig`` into ``directory`` so that only a complete, fsynced
    archive ever carries its final name; on any failure remove what it can and raise
    :class:`WriteFailed` (one line: what failed, the errno's words)."""
    final, sig_final = directory / name, directory / (name + SIG_SUFFIX)
    part, sig_part = (
        final.with_name(final.name + PART_SUFFIX),
        sig_final.with_name(sig_final.name + PART_SUFFIX),
    )
    try:
        _write_part(part, data)
        _write_part(sig_part, sig)
        os.replace(sig_part, sig_final)
        os.replace(part, final)
        dfd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError as exc:
        for p in (part, sig_part):
            with contextlib.suppress(OSError):
                p.unlink()
        if not final.exists():
            with contextlib.suppress(OSError):
                sig_final.unlink()
        raise WriteFailed(exc.errno or 0, exc.strerror or type(exc).__name__) from None
    return final
