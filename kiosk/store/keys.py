"""The terminal's data key: never silently replaced, checked against the data, backed up.

A key is created only for a store that holds no sealed data. Beside the data the store keeps a
*key check value* (``store_meta.key_check``, migration 0004): an HMAC of a constant under a
sub-key derived from the key — never the key. Opening the store with the key file missing
while sealed data exists raises :class:`KeyMissing`; with a key that does not match the check
value (or, for a store older than the check value, cannot open its sealed rows),
:class:`KeyMismatch`. Both are :class:`StoreUnusable` (exit 7; ``kiosk run`` shows its
out-of-service screen) and name the way out: ``kiosk store key restore FILE``.

Backups (``kiosk store key backup --to FILE``) hold the key encrypted with AES-256-GCM under a
key derived from a passphrase with scrypt, and the key check value, so that a restore can
refuse a key for another store before it installs anything.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import hmac
import json
import logging
import os
import secrets
import sqlite3
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from kiosk.store.crypto import KeyFileError, Sealer, SealError, create_key, read_key, write_key_file
from kiosk.store.errors import RESTORE_HINT, KeyBackupError, KeyMismatch, KeyMissing
from kiosk.store.outbox import WAITING_REFS_SQL, refs_report

CHECK_NAME = "key_check"
BACKUP_FORMAT = "bianmin-key-backup"
_CHECK_INFO = b"bianmin key check"
_CHECK_MSG = b"bianmin key check v1"
_BACKUP_AAD = b"bianmin key backup v1"
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
BACKUP_EVENT = "store.key_backup"
BACKUP_HINT = (
    "make a passphrase backup of it now and keep it off the terminal: "
    "kiosk store key backup --to FILE (a lost key file cannot be replaced)"
)
log = logging.getLogger(__name__)


def key_path(data_dir: Path, key_file: str | None) -> Path:
    """Where the terminal key lives: ``[storage] key_file``, else ``<data_dir>/keys/kiosk.key``."""
    return Path(key_file) if key_file else Path(data_dir) / "keys" / "kiosk.key"


def key_check_value(key: bytes) -> str:
    """HMAC-SHA256 of a constant under a sub-key of ``key``: says which key, reveals nothing."""
    sub = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_CHECK_INFO).derive(key)
    return hmac.new(sub, _CHECK_MSG, hashlib.sha256).hexdigest()


def _read_only(db_path: Path) -> sqlite3.Connection | None:
    if not db_path.is_file() or db_path.stat().st_size == 0:
        return None
    try:
        return sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5)
    except sqlite3.DatabaseError:
        return None


def _query(db_path: Path, sql: str, params: tuple = ()) -> list[tuple]:  # type: ignore[type-arg]
    """Rows of ``sql`` on the database read-only; none when the file or the table is not there."""
    conn = _read_only(db_path)
    if conn is None:
        return []
    try:
        return conn.execute(sql, params).fetchall()
    except sqlite3.DatabaseError:
        return []
    finally:
        conn.close()


def stored_check(db_path: Path) -> str | None:
    rows = _query(db_path, "SELECT value FROM store_meta WHERE name = ?", (CHECK_NAME,))
    return rows[0][0] if rows else None


def _sample_sealed(db_path: Path) -> tuple[bytes, bytes] | None:
    """One sealed value of the store and its aad (an outbox body), or None when there is none."""
    rows = _query(
        db_path,
        "SELECT body_enc, idempotency_key FROM outbox WHERE body_enc IS NOT NULL LIMIT 1",
    )
    if rows:
        return rows[0][0], rows[0][1].encode()
    rows = _query(
        db_path,
        "SELECT applicant_enc, id FROM applications WHERE applicant_enc IS NOT NULL LIMIT 1",
    )
    return (rows[0][0], f"applicant:{rows[0][1]}".encode()) if rows else None


def waiting_refs(db_path: Path) -> dict[str, Any]:
    """Counts and local references of the waiting outbox rows, read without the key (for
    ``kiosk status`` while the store is unusable: none of them can be opened)."""
    return refs_report(_query(db_path, WAITING_REFS_SQL))


def holds_sealed_data(db_path: Path, materials: Path) -> bool:
    """True when the store holds anything sealed with a key: rows or material files."""
    if _sample_sealed(db_path) is not None:
        return True
    with contextlib.suppress(OSError):
        return any(p.is_file() for p in materials.rglob("*"))
    return False


def check_key(key: bytes, db_path: Path, key_path: Path) -> None:
    """KeyMismatch unless ``key`` is the key of the data in ``db_path``."""
    stored = stored_check(db_path)
    if stored is not None:
        if not hmac.compare_digest(stored, key_check_value(key)):
            raise KeyMismatch(
                f"the data key {key_path} does not match this terminal's data; {RESTORE_HINT}"
            )
        return
    sample = _sample_sealed(db_path)  # a store from before the check value: try the key
    if sample is not None:
        try:
            Sealer(key).open(sample[0], aad=sample[1])
        except SealError:
            raise KeyMismatch(
                f"the data key {key_path} cannot open this terminal's data; {RESTORE_HINT}"
            ) from None


def resolve_key(key_path: Path, db_path: Path, materials: Path) -> bytes:
    """The store's key: read and checked against the data, or created for a store that holds
    no sealed data (its check value is then rewritten by :meth:`Store.open`)."""
    if key_path.parent.exists() and not key_path.parent.is_dir():
        raise KeyFileError(f"{key_path.parent}: the key folder is not a directory")
    sealed = holds_sealed_data(db_path, materials)
    if not key_path.exists():
        if sealed:
            raise KeyMissing(
                f"the data key {key_path} is missing and this terminal holds data sealed "
                f"with it; {RESTORE_HINT}"
            )
        key = create_key(key_path)
        log.warning("a new data key was made at %s; %s", key_path, BACKUP_HINT)
        return key
    key = read_key(key_path)
    if sealed:
        check_key(key, db_path, key_path)
    return key


# ---------------------------------------------------------------- backup and restore


def last_backup(conn: sqlite3.Connection) -> str | None:
    """When the data key was last backed up (the audit log's time), or None: never."""
    (at,) = conn.execute(
        "SELECT max(at) FROM audit_log WHERE event = ?", (BACKUP_EVENT,)
    ).fetchone()
    return str(at) if at else None


def _kdf(salt: bytes) -> Scrypt:
    return Scrypt(salt=salt, length=32, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P)


def backup_key(key: bytes, passphrase: str, out: Path) -> None:
    """Write ``key`` encrypted under ``passphrase`` (scrypt + AES-256-GCM) to ``out`` (0600)."""
    if not passphrase:
        raise KeyBackupError("a key backup needs a passphrase that is not empty")
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    ct = AESGCM(_kdf(salt).derive(passphrase.encode())).encrypt(nonce, key, _BACKUP_AAD)
    doc = {
        "format": BACKUP_FORMAT,
        "version": 1,
        "kdf": {"name": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P, "salt": salt.hex()},
        "cipher": "AES-256-GCM",
        "nonce": nonce.hex(),
        "ciphertext": ct.hex(),
        "key_check": key_check_value(key),
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, out)


def open_backup(path: Path, passphrase: str) -> bytes:
    """The key in a backup file; KeyBackupError for a wrong passphrase or a damaged file."""
    try:
        doc = json.loads(Path(path).read_text("utf-8"))
        if doc.get("format") != BACKUP_FORMAT:
            raise ValueError("not a key backup")
        k = doc["kdf"]
        kdf = Scrypt(
            salt=bytes.fromhex(k["salt"]), length=32, n=int(k["n"]), r=int(k["r"]), p=int(k["p"])
        )
        nonce, ct = bytes.fromhex(doc["nonce"]), bytes.fromhex(doc["ciphertext"])
    except OSError as exc:
        raise KeyBackupError(f"{path}: cannot read the key backup ({exc.strerror})") from None
    except (ValueError, KeyError, TypeError, AttributeError):
        raise KeyBackupError(f"{path}: not a kiosk key backup (or damaged)") from None
    try:
        key = AESGCM(kdf.derive(passphrase.encode())).decrypt(nonce, ct, _BACKUP_AAD)
    except InvalidTag:
        raise KeyBackupError(
            f"{path}: wrong passphrase (or the backup is damaged); nothing was restored"
        ) from None
    if len(key) != 32:
        raise KeyBackupError(f"{path}: the backup does not hold a 32-byte key")
    return key


def restore_key(backup: Path, passphrase: str, key_path: Path, db_path: Path) -> Path | None:
    """Install the key in ``backup`` at ``key_path`` once it is shown to match the store.

    A key file already there that does not match is kept aside (``kiosk.key.replaced-<time>``),
    never overwritten. Returns where the old file went, if anywhere."""
    key = open_backup(backup, passphrase)
    try:
        check_key(key, db_path, key_path)
    except KeyMismatch:
        raise KeyMismatch(
            f"{backup}: the backup holds the key of another store; nothing was restored"
        ) from None
    key_path.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(key_path.parent, 0o700)
    aside = None
    if key_path.exists():
        with contextlib.suppress(KeyFileError):
            if hmac.compare_digest(read_key(key_path), key):
                return None  # the same key is there already
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        aside = key_path.with_name(f"{key_path.name}.replaced-{stamp}")
        os.replace(key_path, aside)
    write_key_file(key_path, key)
    return aside
