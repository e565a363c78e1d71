"""The technician PIN: a salted scrypt hash in an owner-only file, and a lockout that grows.

- ``<data_dir>/keys/technician.pin`` (0600): ``{"alg": "scrypt", "n", "r", "p", "salt",
  "hash"}`` — never the PIN. scrypt (``hashlib.scrypt``, OpenSSL's) with n = 2**15: about
  0.1 s a try on the terminal, slow for anyone guessing offline.
- ``<data_dir>/maintenance/pin_lockout.json``: wrong tries in a row and when the lockout
  ends, written atomically after every wrong try, so a restart does not reset it. The end is
  kept three ways: the wall time, the system's monotonic clock (``CLOCK_MONOTONIC``, which
  runs since boot) with the boot id, and the lockout's length. Within one boot the monotonic
  clock rules (a wall clock set back or forward changes nothing); after a reboot the wall time
  is used, never for longer than the lockout's own length.
- Lockout after the n-th wrong try in a row: 1 s, 2 s, 4 s … capped at 15 minutes. A right
  PIN resets it.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.service.maintenance_api import (
    LOCKOUT_CAP_S,
    PIN_MIN_DIGITS,
    PinLocked,
    PinNotSet,
    PinOk,
    PinOutcome,
    PinWrong,
)

SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1
_MAXMEM = 64 * 1024 * 1024


def pin_file(data_dir: Path) -> Path:
    return Path(data_dir) / "keys" / "technician.pin"


def lockout_file(data_dir: Path) -> Path:
    return Path(data_dir) / "maintenance" / "pin_lockout.json"


def lockout_s(failures: int) -> float:
    """The lockout after ``failures`` wrong tries in a row: 1, 2, 4 … s, at most 15 min."""
    if failures <= 0:
        return 0.0
    return min(LOCKOUT_CAP_S, 2.0 ** min(failures - 1, 30))


def check_pin_format(pin: str) -> None:
    """``ValueError`` (one line, no digits of the PIN in it) unless ``pin`` is 6+ digits."""
    if not (pin.isascii() and pin.isdigit()) or len(pin) < PIN_MIN_DIGITS:
        raise ValueError(f"the PIN must be at least {PIN_MIN_DIGITS} digits (0-9)")
    if len(pin) > 64:
        raise ValueError("the PIN must be at most 64 digits")


def _hash(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(pin.encode("ascii"), salt=salt, n=n, r=r, p=p, maxmem=_MAXMEM, dklen=32)


def write_atomic(path: Path, data: bytes) -> None:
    """Owner-only, atomically (temp file, fsync, rename, directory fsync)."""
    from kiosk.store.crypto import write_private_file

    path.parent.mkdir(parents=True, exist_ok=True)
    write_private_file(path, data.decode("utf-8"))


def boot_id() -> str:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text().strip()
    except OSError:
        return ""


@dataclass
class _Lockout:
    failures: int = 0
    until_wall: float = 0.0
    until_mono: float = 0.0
    boot: str = ""
    length_s: float = 0.0


class PinGuard:
    """Checks the technician PIN with the persisted lockout. Thread-safe; one per data dir
    per process (two processes share the files; the last writer wins, never a lower count
    than either saw)."""

    def __init__(
        self,
        data_dir: str | os.PathLike[str],
        *,
        wall: Callable[[], float] = time.time,
        mono: Callable[[], float] = time.monotonic,
    ) -> None:
        self.data_dir = Path(data_dir)
        self._wall = wall
        self._mono = mono
        self._lock = threading.Lock()

    # -- setting
    def is_set(self) -> bool:
        return self._stored() is not None

    def set_pin(self, pin: str) -> None:
        check_pin_format(pin)
        salt = secrets.token_bytes(16)
        rec = {
            "alg": "scrypt",
            "n": SCRYPT_N,
            "r": SCRYPT_R,
            "p": SCRYPT_P,
            "salt": salt.hex(),
            "hash": _hash(pin, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P).hex(),
            "set_at": int(self._wall()),
        }
        write_atomic(pin_file(self.data_dir), json.dumps(rec).encode())
        with self._lock:
            self._save(_Lockout())

    def _stored(self) -> dict[str, Any] | None:
        try:
            rec = json.loads(pin_file(self.data_dir).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(rec, dict) or rec.get("alg") != "scrypt":
            return None
        try:
            bytes.fromhex(rec["salt"]), bytes.fromhex(rec["hash"])
            int(rec["n"]), int(rec["r"]), int(rec["p"])
        except (KeyError, TypeError, ValueError):
            return None
        return rec

    # -- lockout
    def _load(self) -> _Lockout:
        try:
            raw = json.loads(lockout_file(self.data_dir).read_text(encoding="utf-8"))
            return _Lockout(
                failures=int(raw.get("failures", 0)),
                until_wall=float(raw.get("until_wall", 0)),
                until_mono=float(raw.get("until_mono", 0)),
                boot=str(raw.get("boot", "")),
                length_s=float(raw.get("length_s", 0)),
            )
        except FileNotFoundError:
            return _Lockout()
        except (OSError, ValueError, TypeError, AttributeError):
            # unreadable: the safest reading is the longest lockout, not none — written
            # back, so that it ends (``kiosk maintenance pin set`` also clears it)
            lo = _Lockout(
                failures=12,
                until_wall=self._wall() + LOCKOUT_CAP_S,
                until_mono=self._mono() + LOCKOUT_CAP_S,
                boot=boot_id(),
                length_s=LOCKOUT_CAP_S,
            )
            with contextlib.suppress(OSError):
                self._save(lo)
            return lo

    def _save(self, lo: _Lockout) -> None:
        write_atomic(
            lockout_file(self.data_dir),
            json.dumps(
                {
                    "failures": lo.failures,
                    "until_wall": lo.until_wall,
                    "until_mono": lo.until_mono,
                    "boot": lo.boot,
                    "length_s": lo.length_s,
                }
            ).encode(),
        )

    def remaining_s(self, lo: _Lockout | None = None) -> float:
        lo = lo if lo is not None else self._load()
        if lo.length_s <= 0:
            return 0.0
        if lo.boot and lo.boot == boot_id():
            left = lo.until_mono - self._mono()
        else:
            left = lo.until_wall - self._wall()
        return max(0.0, min(lo.length_s, left))

    def failures(self) -> int:
        return self._load().failures

    # -- entering
    def enter(self, pin: str) -> PinOutcome:
        rec = self._stored()
        if rec is None:
            return PinNotSet()
        with self._lock:
            lo = self._load()
            left = self.remaining_s(lo)
            if left > 0:
                return PinLocked(round(left, 1))
            given = pin.encode("ascii", "replace")[:64].decode("ascii")
            try:
                got = _hash(given, bytes.fromhex(rec["salt"]), rec["n"], rec["r"], rec["p"])
            except (ValueError, MemoryError):
                got = b""
            if hmac.compare_digest(got, bytes.fromhex(rec["hash"])):
                if lo.failures or lo.length_s:
                    self._save(_Lockout())
                return PinOk()
            failures = lo.failures + 1
            length = lockout_s(failures)
            self._save(
                _Lockout(
                    failures=failures,
                    until_wall=self._wall() + length,
                    until_mono=self._mono() + length,
                    boot=boot_id(),
                    length_s=length,
                )
            )
            return PinWrong(length, failures)
