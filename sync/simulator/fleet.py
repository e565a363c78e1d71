"""The simulator's side of remote commands (platform-api.md "Terminal heartbeat").

The platform's **command key** is an Ed25519 key kept in the simulator's data directory
(``command.key``, owner-only PEM; its public half in ``command.pub``). A command queued through
``POST /_sim/commands`` is signed with it and handed to the terminal in its next heartbeat
answer; the ``command_results`` each heartbeat carries are kept for ``GET /_sim/command-results``.

``POST /_sim/commands`` takes ``{"kiosk_id", "name", "args"}`` and, for tests of refusals,
``id`` (to send one again), ``expires_in_s`` (default 3600; negative: already expired),
``expires_at``, ``for_kiosk_id`` (the terminal the signed command names, default ``kiosk_id``),
``signature`` (sent instead of the real one: a forgery) or ``raw`` (a command object queued
exactly as given). It answers ``{"command": ...}``.
"""

from __future__ import annotations

import contextlib
import uuid
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.store.crypto import write_private_file
from sync.commands import public_key_pem, sign_command
from sync.simulator.store import iso

KEY_FILE = "command.key"
PUB_FILE = "command.pub"


def command_key(data_dir: Path) -> Ed25519PrivateKey:
    """The simulator's command key, created (0600) on first use."""
    path = Path(data_dir) / KEY_FILE
    if not path.exists():
        pem = Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        with contextlib.suppress(FileExistsError):  # another process made it meanwhile
            write_private_file(path, pem.decode("ascii"), exclusive=True)
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"{path}: not an Ed25519 private key")
    pub = Path(data_dir) / PUB_FILE
    pem = public_key_pem(key.public_key())
    if not pub.exists() or pub.read_bytes() != pem:
        pub.write_bytes(pem)
    return key


def make_command(key: Ed25519PrivateKey, value: dict[str, Any], now: float) -> dict[str, Any]:
    """The command ``POST /_sim/commands`` asks for, signed (or forged as asked)."""
    if "raw" in value:
        if not isinstance(value["raw"], dict):
            raise ValueError("raw: expected an object")
        return dict(value["raw"])
    kiosk_id = str(value["kiosk_id"])
    args = value.get("args") or {}
    if not isinstance(args, dict):
        raise ValueError("args: expected an object")
    expires_at = value.get("expires_at") or iso(now + float(value.get("expires_in_s", 3600)))
    command = {
        "id": str(value.get("id") or uuid.uuid4()),
        "kiosk_id": str(value.get("for_kiosk_id") or kiosk_id),
        "name": str(value["name"]),
        "args": args,
        "expires_at": str(expires_at),
    }
    signed = sign_command(key, command)
    if "signature" in value:
        signed["signature"] = value["signature"]
    return signed


def check_results(value: Any) -> list[dict[str, Any]]:
    """The heartbeat's ``command_results`` (optional): ``[{"id", "ok", "detail"}]``."""
    if value is None:
        return []
    ok = isinstance(value, list) and all(
        isinstance(r, dict)
        and isinstance(r.get("id"), str)
        and isinstance(r.get("ok"), bool)
        and isinstance(r.get("detail"), str)
        for r in value
    )
    if not ok:
        raise ValueError("command_results: expected [{id, ok, detail}]")
    return [{"id": r["id"], "ok": r["ok"], "detail": r["detail"]} for r in value]
