"""Request signing of the platform contract (platform-api.md, "Transport, identity and signing").

The string to sign is::

    METHOD "\\n" PATH ["?" QUERY] "\\n" TIMESTAMP "\\n" NONCE "\\n" CONTENT_SHA256

keyed with the UTF-8 bytes of the kiosk's secret, HMAC-SHA256 by default or HMAC-SM3 (GM/T
0004) where a province requires national algorithms. Both the adapter and the simulator use
this module, so the two can never disagree about the canonical form.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import UTC, datetime

ALGORITHMS = ("HMAC-SHA256", "HMAC-SM3")
EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()
TIMESTAMP_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


def content_sha256(body: bytes | None) -> str:
    return hashlib.sha256(body or b"").hexdigest()


def format_timestamp(when: datetime | float) -> str:
    if not isinstance(when, datetime):
        when = datetime.fromtimestamp(when, UTC)
    return when.astimezone(UTC).strftime(TIMESTAMP_FORMAT)


def parse_timestamp(text: str) -> float:
    """Seconds since the epoch of an ``X-Timestamp``; ``ValueError`` when malformed."""
    return datetime.strptime(text, TIMESTAMP_FORMAT).replace(tzinfo=UTC).timestamp()


def new_nonce() -> str:
    return secrets.token_hex(16)


def string_to_sign(
    method: str, path_and_query: str, timestamp: str, nonce: str, body_sha256: str
) -> bytes:
    """The canonical bytes; ``path_and_query`` exactly as on the request line."""
    return "\n".join([method.upper(), path_and_query, timestamp, nonce, body_sha256]).encode(
        "utf-8"
    )


def hmac_hex(alg: str, secret: bytes, message: bytes) -> str:
    if alg == "HMAC-SHA256":
        return hmac.new(secret, message, hashlib.sha256).hexdigest()
    if alg == "HMAC-SM3":
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives import hmac as chmac

        mac = chmac.HMAC(secret, hashes.SM3())
        mac.update(message)
        return mac.finalize().hex()
    raise ValueError(f"unsupported signature algorithm {alg!r} (expected one of {ALGORITHMS})")


def sign(
    alg: str,
    secret: bytes,
    method: str,
    path_and_query: str,
    timestamp: str,
    nonce: str,
    body_sha256: str,
) -> str:
    return hmac_hex(
        alg, secret, string_to_sign(method, path_and_query, timestamp, nonce, body_sha256)
    )


def signed_headers(
    *,
    kiosk_id: str,
    secret: bytes,
    method: str,
    path_and_query: str,
    body: bytes | None,
    alg: str = "HMAC-SHA256",
    now: float | None = None,
    nonce: str | None = None,
) -> dict[str, str]:
    """Every header the contract requires on a request (``now`` already offset-corrected)."""
    import time

    ts = format_timestamp(time.time() if now is None else now)
    nonce = nonce or new_nonce()
    digest = content_sha256(body)
    return {
        "X-Kiosk-Id": kiosk_id,
        "X-Timestamp": ts,
        "X-Nonce": nonce,
        "X-Content-SHA256": digest,
        "X-Signature-Alg": alg,
        "X-Signature": sign(alg, secret, method, path_and_query, ts, nonce, digest),
    }


def verify(alg: str, secret: bytes, message: bytes, signature: str) -> bool:
    if alg not in ALGORITHMS or not signature.isascii():
        return False  # compare_digest raises TypeError on a non-ASCII str: a refusal, not a crash
    return hmac.compare_digest(hmac_hex(alg, secret, message), signature.lower())
