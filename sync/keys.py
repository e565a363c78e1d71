"""The kiosk's platform secret: one owner-only file shared with the platform.

For the embedded default (``platform.kind = "simulated"``) the kiosk and the local simulator
must agree on it: :func:`ensure_platform_secret` creates the file on first use, and the
simulator is started with ``--kiosk KIOSK_ID=<that file>`` (see docs/sync.md).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from kiosk.config import KioskConfig


def platform_secret_path(cfg: KioskConfig, data_dir: str | os.PathLike[str]) -> Path:
    if cfg.platform.secret_file:
        return Path(cfg.platform.secret_file)
    return Path(data_dir) / "keys" / "platform.secret"


class SecretError(RuntimeError):
    pass


def secret_bytes(data: bytes, where: object = "platform secret") -> bytes:
    """The HMAC key a secret file holds: its bytes, less exactly one trailing newline.

    The contract keys the HMAC with the secret's bytes, so any other whitespace (a second
    newline, a CR of a file saved on Windows, spaces) would make a key the platform does not
    have: it is a configuration error (exit 5), never silently trimmed."""
    key = data[:-1] if data.endswith(b"\n") else data
    if any(b in b" \t\r\n\v\f" for b in key):
        raise SecretError(
            f"{where}: contains whitespace (only one trailing newline is allowed; the "
            "platform keys its signatures with the file's exact bytes)"
        )
    return key


def read_secret(path: Path, *, owner_only: bool = True) -> bytes:
    """The secret's bytes (one trailing newline removed); SecretError when unusable.

    The kiosk's own secret must be readable by its user only (``owner_only``): a file that
    group or others can read is refused (a configuration error, exit 5), never used."""
    try:
        mode = path.stat().st_mode & 0o777
        if owner_only and mode & 0o077:
            raise SecretError(
                f"platform secret {path}: must be readable by the kiosk's user only "
                f"(mode {mode:o}; run: chmod 600 {path})"
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise SecretError(f"platform secret {path}: cannot read ({exc.strerror})") from None
    data = secret_bytes(raw, f"platform secret {path}")
    if len(data) < 16:
        raise SecretError(f"platform secret {path}: too short (at least 16 bytes expected)")
    return data


def ensure_platform_secret(path: Path) -> bytes:
    """Read the secret, creating a random one (0600, in a 0700 directory) when absent."""
    path = Path(path)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            path.parent.chmod(0o700)
        except OSError:
            pass
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, (secrets.token_hex(32) + "\n").encode())
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(tmp, path)  # never replace a secret another process created meanwhile
        except FileExistsError:
            pass
        finally:
            tmp.unlink(missing_ok=True)
    return read_secret(path)
