"""Remote commands from the platform (platform-api.md "Terminal heartbeat"; docs/fleet.md).

The heartbeat answer carries ``commands: [{"id", "kiosk_id", "name", "args", "expires_at",
"signature"}]``. Each is signed by the platform's **command key** (Ed25519): the signature
(lowercase hex, 128 digits) covers the canonical JSON — sorted keys, no spaces, UTF-8 — of
the command without ``signature``. The terminal holds only the public key, in the file
``platform.command_key_file`` names (default ``<data_dir>/keys/platform-command.pub``); never
the shared HMAC secret.

:meth:`CommandRunner.handle` checks, in this order, and refuses with a reason (never ignores):

1. the command is an object with a string ``id`` (else it cannot even be answered: counted as
   a bad answer);
2. ``forged``: no command key here, no signature, or the signature does not verify;
3. ``other terminal``: ``kiosk_id`` is not this terminal's;
4. ``expired``: ``expires_at`` (UTC) is behind the platform-corrected clock by more than the
   contract's 300 s timestamp window (the same tolerance the platform allows our requests);
5. ``replay``: the id was taken on before (the ledger in the store, migration 0007: it
   survives restarts);
6. ``unknown``: the name is not one this version knows.

Only then is the id claimed in the ledger (before the command runs: at most once) and the
command executed by its handler. Results and refusals go to the audit log and, once, into the
next heartbeat's ``command_results``.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from kiosk.masking import scrub_text
from kiosk.store.commands import CommandLedger

log = logging.getLogger("sync.commands")

COMMAND_NAMES = (
    "restart",
    "resync_catalog",
    "selftest",
    "upload_support",
    "screenshot",
    "set_ring",
    "update_now",
)
RINGS = ("canary", "early", "all")
CLOCK_TOLERANCE_S = 300.0
"""The contract's timestamp window (platform-api.md): how far the clocks may disagree."""
KEY_FILE_NAME = "platform-command.pub"
RING_META = "fleet_ring"
MAX_ID = 100
"""Longest command id taken (the ledger's key); a longer one cannot be answered."""
_HEX_SIG = re.compile(r"^[0-9a-f]{128}$")

Handler = Callable[[dict[str, Any]], tuple[bool, str]]
"""``handler(args) -> (ok, detail)``; an exception is a failure with its type as detail."""


class CommandKeyError(ValueError):
    pass


class CommandRefused(Exception):
    """Raised by a handler that declines to run now (the reason is reported)."""


def command_key_path(cfg: Any, data_dir: str | Path) -> Path:
    if cfg.platform.command_key_file:
        return Path(cfg.platform.command_key_file)
    return Path(data_dir) / "keys" / KEY_FILE_NAME


def canonical(command: dict[str, Any]) -> bytes:
    """The bytes the platform signs: the command without ``signature``, sorted keys, no
    spaces, UTF-8."""
    body = {k: v for k, v in command.items() if k != "signature"}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def sign_command(key: Ed25519PrivateKey, command: dict[str, Any]) -> dict[str, Any]:
    """The command with its ``signature`` (the platform's side; the simulator uses it)."""
    return dict(command, signature=key.sign(canonical(command)).hex())


def public_key_pem(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def parse_public_key(data: bytes, where: object = "command key") -> Ed25519PublicKey:
    """An Ed25519 public key from PEM (SubjectPublicKeyInfo) or 64 hex digits."""
    text = data.strip()
    try:
        if text.startswith(b"-----BEGIN"):
            key = serialization.load_pem_public_key(text)
            if not isinstance(key, Ed25519PublicKey):
                raise CommandKeyError(f"{where}: not an Ed25519 public key")
            return key
        if re.fullmatch(rb"[0-9a-fA-F]{64}", text):
            return Ed25519PublicKey.from_public_bytes(bytes.fromhex(text.decode()))
    except CommandKeyError:
        raise
    except ValueError as exc:
        raise CommandKeyError(f"{where}: unusable ({exc})") from None
    raise CommandKeyError(f"{where}: expected a PEM public key or 64 hex digits")


def load_command_key(path: Path) -> Ed25519PublicKey:
    """The pinned key; refused when group or others may write the file (whoever can replace
    the key can command the terminal)."""
    try:
        mode = Path(path).stat().st_mode & 0o777
        if mode & 0o022:
            raise CommandKeyError(
                f"command key {path}: writable by others (mode {mode:o}; run: chmod 644 {path})"
            )
        data = Path(path).read_bytes()
    except OSError as exc:
        raise CommandKeyError(f"command key {path}: cannot read ({exc.strerror})") from None
    return parse_public_key(data, f"command key {path}")


def _parse_time(text: Any) -> float | None:
    if not isinstance(text, str):
        return None
    try:
        at = dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
    except ValueError:
        return None
    return at.timestamp()


def _short(value: Any, limit: int = 80) -> str:
    return scrub_text(" ".join(str(value).split()))[:limit]


class CommandRunner:
    """Verifies and executes the platform's commands; results wait in the store's ledger."""

    def __init__(
        self,
        store: Any,
        kiosk_id: str,
        key_path: Path,
        *,
        now: Callable[[], float],
        handlers: dict[str, Handler] | None = None,
    ) -> None:
        self.store = store
        self.kiosk_id = kiosk_id
        self.key_path = Path(key_path)
        self.now = now
        """The platform-corrected clock (the agent's clock plus the measured offset)."""
        self.ledger = CommandLedger(store)
        self.handlers: dict[str, Handler] = dict(handlers or {})
        self.in_session: Callable[[], bool | None] = lambda: None
        """Whether a resident is in session now; None when this process cannot tell."""
        self.busy: Callable[[], str | None] = lambda: None
        """Why the terminal must not be disturbed now (``resident in session``, ``technician
        in maintenance mode``), or None."""
        self._key: Ed25519PublicKey | None = None
        self._key_stamp: tuple[float, int] | None = None

    # ------------------------------------------------------------ the key
    def key(self) -> Ed25519PublicKey:
        """The pinned public key (read again when the file changes); CommandKeyError."""
        try:
            st = self.key_path.stat()
        except OSError:
            raise CommandKeyError(
                f"no command key on this terminal ({self.key_path}; platform.command_key_file)"
            ) from None
        stamp = (st.st_mtime, st.st_size)
        if self._key is None or stamp != self._key_stamp:
            self._key = load_command_key(self.key_path)
            self._key_stamp = stamp
        return self._key

    # ------------------------------------------------------------ one command
    def check(self, command: dict[str, Any]) -> str | None:
        """The refusal reason for this command, or None when it may run (claim aside)."""
        try:
            key = self.key()
        except CommandKeyError as exc:
            return f"forged: cannot verify ({exc})"
        sig = command.get("signature")
        if not isinstance(sig, str) or not _HEX_SIG.match(sig):
            return "forged: no valid signature (expected 128 lowercase hex digits)"
        try:
            key.verify(bytes.fromhex(sig), canonical(command))
        except (InvalidSignature, ValueError, TypeError):
            return "forged: the signature does not verify with the platform's command key"
        if command.get("kiosk_id") != self.kiosk_id:
            return f"other terminal: the command is for {_short(command.get('kiosk_id'), 40)}"
        expires = _parse_time(command.get("expires_at"))
        if expires is None:
            return "invalid: expires_at must be a UTC time YYYY-MM-DDTHH:MM:SSZ"
        if self.now() - CLOCK_TOLERANCE_S > expires:
            return f"expired at {command['expires_at']}"
        if self.ledger.seen(str(command["id"])):
            return "replay: this command id was already received; never executed twice"
        name = command.get("name")
        if name not in COMMAND_NAMES or name not in self.handlers:
            return f"unknown command {_short(name, 40)!r}: not known to this version"
        if not isinstance(command.get("args", {}), dict):
            return "invalid: args must be an object"
        return None

    def handle(self, command: Any) -> str | None:
        """Check, claim, run and record one command; returns its outcome (``ok``, ``failed``,
        ``refused``) or None when it carried no usable id (nothing to answer)."""
        if (
            not isinstance(command, dict)
            or not isinstance(command.get("id"), str)
            or not 0 < len(command["id"]) <= MAX_ID
        ):
            name = _short(command.get("name"), 40) if isinstance(command, dict) else "?"
            log.warning("platform command without an id refused (cannot be answered)")
            self.ledger.unanswerable(
                name, f"invalid: no command id of 1 to {MAX_ID} characters; cannot be answered"
            )
            return None
        cid = command["id"]
        shown = _short(cid, MAX_ID)  # for the log only
        name = _short(command.get("name"), 40)
        reason = self.check(command)
        if reason is not None:
            log.warning("platform command %s (%s) refused: %s", shown, name, reason)
            self.ledger.refuse(cid, name, reason, self.now())
            return "refused"
        if not self.ledger.claim(cid, name, self.now()):  # another pass took it meanwhile
            self.ledger.refuse(cid, name, "replay: already received", self.now())
            return "refused"
        log.info("platform command %s (%s): running", shown, name)
        try:
            ok, detail = self.handlers[name](dict(command.get("args") or {}))
            outcome = "ok" if ok else "failed"
        except CommandRefused as exc:
            outcome, detail = "refused", str(exc)
        except Exception as exc:  # a handler's failure is the command's result, never fatal
            log.exception("platform command %s (%s) failed", shown, name)
            outcome, detail = "failed", f"failed: {type(exc).__name__}"
        self.ledger.finish(cid, name, outcome, detail, self.now())
        log.info("platform command %s (%s): %s: %s", shown, name, outcome, _short(detail, 200))
        return outcome

    # ------------------------------------------------------------ the heartbeat's side
    def pending_results(self) -> tuple[list[int], list[dict[str, Any]]]:
        results = self.ledger.unreported()
        return [r.seq for r in results], [r.to_wire() for r in results]

    def reported(self, seqs: list[int]) -> None:
        self.ledger.mark_reported(seqs, self.now())


# ---------------------------------------------------------------- handlers the agent owns


def set_ring_handler(store: Any) -> Handler:
    def set_ring(args: dict[str, Any]) -> tuple[bool, str]:
        ring = args.get("ring")
        if ring not in RINGS:
            return False, f"invalid: ring must be one of {', '.join(RINGS)}"
        store.set_meta(RING_META, ring)
        return True, f"ring set to {ring}"

    return set_ring


def current_ring(store: Any) -> str | None:
    try:
        return store.meta(RING_META)
    except Exception:  # noqa: BLE001 - the ring is a report, never a reason to fail
        return None


def update_now_handler(data_dir: Any, now: Callable[[], float]) -> Handler:
    """``update_now``: asks the next ``kiosk update apply`` (the update timer's, as root) to
    apply outside the maintenance window; a resident in session still holds it back."""

    def update_now(args: dict[str, Any]) -> tuple[bool, str]:
        from sync.update.gate import request_now

        request_now(data_dir, str(args.get("command_id") or "fleet"), now())
        return True, (
            "update requested: the next `kiosk update apply` applies it outside the "
            "maintenance window once no resident is in session"
        )

    return update_now


def not_reachable(what: str) -> Handler:
    """A command this process cannot carry out: refused with the reason, honestly."""

    def refuse(args: dict[str, Any]) -> tuple[bool, str]:
        raise CommandRefused(what)

    return refuse


def agent_runner(agent: Any, cfg: Any) -> CommandRunner:
    """The runner the sync agent owns, with the handlers the agent can carry out itself.

    ``selftest``, ``upload_support`` and ``screenshot`` need the application API of the process
    that owns the devices and the screen: the shell (``terminal/fleet.py``) replaces them; left
    as they are here, they are refused with the reason."""
    runner = CommandRunner(
        agent.store,
        cfg.terminal.kiosk_id,
        command_key_path(cfg, agent.store.data_dir),
        now=lambda: agent.clock() + agent.platform.clock_offset_s,
    )

    def restart(args: dict[str, Any]) -> tuple[bool, str]:
        why = runner.busy()
        if why:
            raise CommandRefused(why)
        agent.request_restart()
        return True, "restart requested: the process ends and its supervisor starts it again"

    def resync_catalog(args: dict[str, Any]) -> tuple[bool, str]:
        status, detail = agent.pull_catalog()
        version = agent.store.catalog.version()
        if status in ("applied", "current"):
            return True, f"catalog {status}: version {version}"
        why = detail if isinstance(detail, str) else type(detail).__name__
        return False, f"catalog {status} ({_short(why, 120)}); version {version} kept"

    runner.handlers.update(
        restart=restart,
        resync_catalog=resync_catalog,
        set_ring=set_ring_handler(agent.store),
        update_now=update_now_handler(agent.store.data_dir, time.time),
        selftest=not_reachable(
            "self-tests need the devices, which the UI process (kiosk run) owns; this sync "
            "agent runs apart from it"
        ),
        upload_support=not_reachable("the support archive cannot be built in this process"),
        screenshot=not_reachable(
            "the screen belongs to the UI process (kiosk run), which this sync agent cannot reach"
        ),
    )
    return runner
