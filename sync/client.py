"""The reference platform adapter: the contract of platform-api.md over HTTP with requests.

Every request is signed (:mod:`sync.signing`); every answer is classified into the port's
tagged union (:mod:`kiosk.ports.platform`) — nothing raises for a network or platform problem.

Clock: each answer's ``Date`` header measures the platform's clock; when our clock is more than
2 s off, later timestamps are corrected by that offset. A 401 ``clock_skew`` is retried once,
immediately, with the corrected clock (a 401 ``replay`` once with a new nonce); any other 401
is :class:`AuthFailed`, which stops the agent's batch.

Bad answers (wrong content type, not JSON, truncated, larger than the cap) are
:class:`Retryable`: the platform may have acted on the request, and the idempotency key makes
the resend safe. Reasons are scrubbed of ID and phone numbers before they travel further.
"""

from __future__ import annotations

import base64
import email.utils
import json
import logging
import os
import threading
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import requests
from requests.adapters import HTTPAdapter

from kiosk.masking import scrub_text
from kiosk.ports.platform import (
    ApplicationStatus,
    AuthFailed,
    CatalogDelta,
    Command,
    Created,
    HeartbeatAnswer,
    HolderApplication,
    HolderBenefit,
    HolderRecords,
    IdentityClaim,
    IdentityToken,
    Issued,
    License,
    MalformedAnswer,
    Offline,
    Ok,
    QrHolder,
    Refused,
    Result,
    ResultFetch,
    Retryable,
    SealedDocument,
    SealedRecord,
    SealedResult,
    StatusChanges,
    StatusEntry,
    TimedOut,
    Unreachable,
)
from sync import signing

log = logging.getLogger("sync.client")

AUTH_CODES = ("bad_signature", "clock_skew", "replay", "unknown_kiosk")
MAX_ANSWER_BYTES = 4 * 1024 * 1024
MAX_CATALOG_BYTES = 64 * 1024 * 1024
MAX_DOCUMENT_ANSWER_BYTES = 48 * 1024 * 1024  # base64 of kiosk.seals' 32 MiB document limit
MAX_TRUST_ANSWER_BYTES = 1024 * 1024
MAX_RESULT_ANSWER_BYTES = 8 * 1024 * 1024
"""An instant item's result document (a certificate of a few pages) with its seal, base64."""
OFFSET_TOLERANCE_S = 2.0
FIRST_STATUS_SINCE = "1970-01-01T00:00:00Z"
RECORD_ROUTES = {
    "application": "/v1/applications",
    "review": "/v1/reviews",
    "problem": "/v1/problems",
    "help": "/v1/help-requests",
}
"""Where each kind of outbox row goes (platform-api.md): the one place the core's ``kind``
meets a URL path. A kind missing here is refused (never sent, never retried)."""


def catalog_delta(v: Any) -> CatalogDelta | None:
    """The ``GET /v1/catalog`` answer's envelope (version/full/items/withdrawn) as a
    :class:`CatalogDelta`, or None when malformed; also what reads a catalog snapshot published
    as a fleet target (sync/update/content.py): one shape, one reader."""
    if (
        not isinstance(v, dict)
        or not isinstance(v.get("version"), int)
        or isinstance(v.get("version"), bool)
        or not isinstance(v.get("full"), bool)
        or not isinstance(v.get("items"), list)
        or not isinstance(v.get("withdrawn", []), list)
        or not all(isinstance(c, str) for c in v.get("withdrawn", []))
    ):
        return None
    return CatalogDelta(v["version"], v["full"], v["items"], list(v.get("withdrawn", [])))


def clock_file(data_dir: str | Path) -> Path:
    """Where the measured clock offset is kept: the sync agent's state directory."""
    return Path(data_dir) / "sync" / "clock.json"


@dataclass(frozen=True)
class _Timeout(Retryable):
    """The platform did not answer (completely) in time: retryable like any timeout, and told
    apart where a caller must say "timed out" (an instant result)."""


@dataclass
class _Answer:
    status: int
    headers: Any
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body.decode("utf-8"))


def _reason(text: Any, limit: int = 300) -> str:
    return scrub_text(str(text))[:limit]


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value).timestamp()
        except (TypeError, ValueError):
            return None
        return max(0.0, when - time.time())


def _in_causes(exc: BaseException, types: tuple[type[BaseException], ...]) -> bool:
    """Whether ``exc`` or anything it wraps (args, reason, cause, context) is one of ``types``."""
    seen: set[int] = set()
    todo: list[BaseException] = [exc]
    while todo:
        e = todo.pop()
        if id(e) in seen:
            continue
        seen.add(id(e))
        if isinstance(e, types):
            return True
        for a in getattr(e, "args", ()):
            if isinstance(a, BaseException):
                todo.append(a)
        for attr in ("reason", "__cause__", "__context__"):
            v = getattr(e, attr, None)
            if isinstance(v, BaseException):
                todo.append(v)
    return False


def _is_connect_failure(exc: BaseException) -> bool:
    """True when no connection was made at all (as opposed to one that broke)."""
    import socket

    from urllib3.exceptions import NameResolutionError, NewConnectionError

    return _in_causes(
        exc, (NewConnectionError, NameResolutionError, ConnectionRefusedError, socket.gaierror)
    )


def _cut(resp: requests.Response) -> None:
    """The deadline passed while an answer was still arriving: shut its socket, so that the
    blocked read ends now (closing alone would not wake it)."""
    import socket

    sock = getattr(getattr(resp.raw, "connection", None), "sock", None)
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def _is_read_timeout(exc: BaseException) -> bool:
    """True when a broken read was a read timeout (requests wraps urllib3's mid-body one in
    a ConnectionError)."""
    from urllib3.exceptions import ReadTimeoutError

    return _in_causes(exc, (ReadTimeoutError, TimeoutError))


def _sealed_record(v: Any) -> SealedRecord | None:
    """A sealed bundle inside an answer; one that cannot be read comes back empty with the
    reason (the kiosk then reports it as not verified instead of dropping the whole status)."""
    if v is None:
        return None
    if not isinstance(v, dict):
        return SealedRecord("", "", b"", b"", "not an object")
    try:
        return SealedRecord(
            str(v.get("doc_id") or ""),
            str(v.get("mime") or ""),
            base64.b64decode(v["document"], validate=True),
            base64.b64decode(v["signature"], validate=True),
        )
    except (KeyError, TypeError, ValueError):
        return SealedRecord(str(v.get("doc_id") or ""), "", b"", b"", "unreadable bundle")


class HttpPlatform:
    """``kiosk.ports.platform.Platform`` over HTTP(S)."""

    def __init__(
        self,
        url: str,
        kiosk_id: str,
        secret: bytes,
        *,
        alg: str = "HMAC-SHA256",
        ca_file: str | None = None,
        client_cert: str | None = None,
        client_key: str | None = None,
        timeout_s: float = 10.0,
        session: requests.Session | None = None,
        clock_file: str | Path | None = None,
    ) -> None:
        """``clock_file``: where the measured clock offset is kept between runs (``kiosk sync
        --once`` passes), so that the first request of a run is already on the platform's time."""
        if alg not in signing.ALGORITHMS:
            raise ValueError(f"signature_alg: expected one of {signing.ALGORITHMS}, got {alg!r}")
        self.base = url
        self.kiosk_id = kiosk_id
        self._secret = secret
        self.alg = alg
        self.timeout_s = timeout_s
        self._offset = 0.0
        self._clock_file = Path(clock_file) if clock_file else None
        self._load_offset()
        self.session = session or requests.Session()
        self.session.trust_env = False  # never route the kiosk through an ambient proxy
        adapter = HTTPAdapter(pool_connections=2, pool_maxsize=8, max_retries=0)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        # TLS: verify against the province's CA file when given, else the system store.
        self.session.verify = ca_file if ca_file else True
        if client_cert:
            self.session.cert = (client_cert, client_key) if client_key else client_cert

    @property
    def base(self) -> str:
        return self._base

    @base.setter
    def base(self, url: str) -> None:
        # A gateway may serve the platform under a path (https://gw.example/zwfw): the request
        # line then reads /zwfw/v1/..., and the contract signs the path exactly as it appears
        # there, prefix included (platform-api.md, "Transport, identity and signing").
        self._base = url.rstrip("/")
        parts = urlsplit(self._base)
        self._origin = f"{parts.scheme}://{parts.netloc}"
        self._prefix = quote(parts.path.rstrip("/"), safe="/%!$&'()*+,;=:@-._~")

    @classmethod
    def from_config(
        cls, cfg: Any, secret: bytes, *, clock_file: str | Path | None = None
    ) -> HttpPlatform:
        p = cfg.platform
        return cls(
            p.url,
            cfg.terminal.kiosk_id,
            secret,
            alg=p.signature_alg,
            ca_file=p.ca_file,
            client_cert=p.client_cert,
            client_key=p.client_key,
            timeout_s=p.timeout_s,
            clock_file=clock_file,
        )

    def close(self) -> None:
        self.session.close()

    # ------------------------------------------------------------ clock

    @property
    def clock_offset_s(self) -> float:
        return self._offset

    def now(self) -> float:
        """Our best estimate of the platform's time."""
        return time.time() + self._offset

    def _measure(self, headers: Any, received_at: float) -> None:
        date = headers.get("Date")
        if not date:
            return
        try:
            platform_time = email.utils.parsedate_to_datetime(date).timestamp()
        except (TypeError, ValueError):
            return
        # Date has one-second resolution and is truncated: the platform's time is in
        # [date, date + 1), so compare with the middle of that interval.
        measured = platform_time + 0.5 - received_at
        if abs(measured - self._offset) > OFFSET_TOLERANCE_S:
            log.info("platform clock offset %+.1f s (was %+.1f s)", measured, self._offset)
            self._offset = measured
            self._save_offset()

    def _load_offset(self) -> None:
        if self._clock_file is None:
            return
        try:
            value = json.loads(self._clock_file.read_text(encoding="utf-8"))["clock_offset_s"]
        except (OSError, ValueError, KeyError, TypeError):
            return  # none yet, or unreadable: measured again from the first answer
        if isinstance(value, int | float) and not isinstance(value, bool) and abs(value) < 1e9:
            self._offset = float(value)

    def _save_offset(self) -> None:
        if self._clock_file is None:
            return
        try:
            self._clock_file.parent.mkdir(parents=True, exist_ok=True)
            tmp = self._clock_file.with_name(f".{self._clock_file.name}.{os.getpid()}.tmp")
            tmp.write_text(
                json.dumps({"clock_offset_s": round(self._offset, 3), "at": time.time()}),
                encoding="utf-8",
            )
            os.replace(tmp, self._clock_file)
        except OSError as exc:
            log.warning("cannot keep the clock offset in %s: %s", self._clock_file, exc.strerror)

    # ------------------------------------------------------------ transport

    def _request(
        self,
        method: str,
        path: str,
        *,
        query: dict[str, Any] | None = None,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        limit: int = MAX_ANSWER_BYTES,
        deadline: float | None = None,
    ) -> _Answer | Retryable | AuthFailed | Unreachable | Refused:
        """``deadline`` (``time.monotonic()``): the whole answer by then, or :class:`_Timeout`
        (each read waits at most the time left, and a watchdog shuts the socket of an answer
        still trickling in at the deadline: send ``Connection: close`` with a deadline)."""
        target = self._prefix + path
        if query:
            target += "?" + "&".join(
                f"{quote(k, safe='')}={quote(str(v), safe='')}" for k, v in query.items()
            )
        watchdog: threading.Timer | None = None
        for attempt in range(2):
            offset_before = self._offset
            h = signing.signed_headers(
                kiosk_id=self.kiosk_id,
                secret=self._secret,
                method=method,
                path_and_query=target,
                body=body,
                alg=self.alg,
                now=self.now(),
            )
            if headers:
                h.update(headers)
            timeout = self.timeout_s
            if deadline is not None:
                left = deadline - time.monotonic()
                if left <= 0:
                    return _Timeout("the platform did not answer before the deadline")
                timeout = min(self.timeout_s, left)
            try:
                with self.session.request(
                    method,
                    self._origin + target,
                    data=body,
                    headers=h,
                    timeout=timeout,
                    stream=True,
                    allow_redirects=False,
                ) as resp:
                    if deadline is not None:  # a body that trickles in is cut at the deadline
                        watchdog = threading.Timer(
                            max(0.0, deadline - time.monotonic()), _cut, (resp,)
                        )
                        watchdog.daemon = True
                        watchdog.start()
                    received = time.time()
                    self._measure(resp.headers, received)
                    length = resp.headers.get("Content-Length")
                    if length and length.isdigit() and int(length) > limit:
                        return Retryable(
                            f"answer too large ({length} bytes)", status=resp.status_code
                        )
                    chunks: list[bytes] = []
                    size = 0
                    # Read to the end even for HEAD (nothing to read), so that the
                    # connection goes back to the pool instead of being closed.
                    for chunk in resp.iter_content(65536):
                        size += len(chunk)
                        if size > limit:
                            return Retryable(
                                f"answer larger than {limit} bytes", status=resp.status_code
                            )
                        chunks.append(chunk)
                        if deadline is not None and time.monotonic() > deadline:
                            return _Timeout(
                                "the answer did not arrive before the deadline",
                                status=resp.status_code,
                            )
                    answer = _Answer(resp.status_code, resp.headers, b"".join(chunks))
            except requests.exceptions.RequestException as exc:
                return self._failure(exc, deadline)
            finally:
                if watchdog is not None:
                    watchdog.cancel()
                    watchdog = None
            if answer.status != 401:
                return answer
            code, reason = self._error_of(answer)
            # A HEAD refusal has no body: a jump in the measured offset says "clock skew".
            skewed = not code and abs(self._offset - offset_before) > OFFSET_TOLERANCE_S
            if attempt == 0 and (code in ("clock_skew", "replay") or skewed):
                log.warning(
                    "platform said %s; retrying once with offset %+.1f s", code, self._offset
                )
                continue
            if code in AUTH_CODES or not code:
                return AuthFailed(code or "unauthorized", reason)
            return Refused(code, reason, 401)
        raise AssertionError("unreachable")  # pragma: no cover

    def _failure(
        self, exc: requests.exceptions.RequestException, deadline: float | None
    ) -> Retryable | Unreachable:
        """A failed request as the port's failure; past ``deadline``, a :class:`_Timeout`
        (the watchdog cut a body that was still arriving)."""
        if isinstance(exc, requests.exceptions.SSLError):
            return Unreachable(_reason(f"TLS failure: {exc}"))
        if isinstance(exc, requests.exceptions.ConnectTimeout):
            return Unreachable("connection timed out")
        if isinstance(exc, requests.exceptions.ReadTimeout):
            return _Timeout("the platform did not answer in time")
        if isinstance(exc, requests.exceptions.ConnectionError) and _is_connect_failure(exc):
            return Unreachable(_reason(f"cannot connect to {self.base}"))
        if _is_read_timeout(exc):  # the answer stalled mid-body
            return _Timeout("the answer stopped arriving (read timed out)")
        if deadline is not None and time.monotonic() >= deadline:
            return _Timeout("the answer did not arrive before the deadline")
        if isinstance(
            exc,
            requests.exceptions.ChunkedEncodingError | requests.exceptions.ContentDecodingError,
        ):
            return Retryable(_reason(f"truncated answer: {type(exc).__name__}"))
        if isinstance(exc, requests.exceptions.ConnectionError):
            return Retryable("connection reset")
        return Retryable(_reason(f"request failed: {type(exc).__name__}"))

    @staticmethod
    def _error_of(answer: _Answer) -> tuple[str, str]:
        try:
            value = answer.json()
            if isinstance(value, dict):
                return str(value.get("error") or ""), _reason(value.get("reason") or "")
        except (UnicodeDecodeError, ValueError, RecursionError):
            pass
        return "", f"HTTP {answer.status}"

    def _classify(self, answer: _Answer) -> Retryable | Refused | AuthFailed:
        """A non-success answer as the port's failure."""
        code, reason = self._error_of(answer)
        s = answer.status
        if s in (429, 503):
            return Retryable(
                f"{code or s}: {reason}", _retry_after(answer.headers.get("Retry-After")), s
            )
        if s >= 500:
            return Retryable(f"{code or s}: {reason}", None, s)
        if s == 404:
            return Refused(code or "not_found", reason or "not found", s)
        if 400 <= s < 500:
            return Refused(code or f"http_{s}", reason or f"HTTP {s}", s)
        return Retryable(f"unexpected HTTP {s}", None, s)

    @staticmethod
    def _json_object(answer: _Answer) -> dict[str, Any] | Retryable:
        ctype = (answer.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if ctype != "application/json":
            return Retryable(
                _reason(f"answer has content type {ctype or 'none'}, expected JSON"),
                status=answer.status,
            )
        try:
            value = answer.json()
        except (UnicodeDecodeError, ValueError):
            return Retryable("answer is not valid JSON", status=answer.status)
        except RecursionError:  # a hostile answer: JSON nested deeper than Python recurses
            return Retryable("answer is JSON nested too deep", status=answer.status)
        if not isinstance(value, dict):
            return Retryable("answer is not a JSON object", status=answer.status)
        return value

    def _call(
        self, method: str, path: str, ok: tuple[int, ...] = (200,), **kw: Any
    ) -> tuple[int, dict[str, Any]] | Retryable | Refused | AuthFailed | Unreachable:
        answer = self._request(method, path, **kw)
        if not isinstance(answer, _Answer):
            return answer
        if answer.status not in ok:
            return self._classify(answer)
        value = self._json_object(answer)
        if isinstance(value, Retryable):
            log.warning("%s %s: %s", method, path.split("?")[0], value.reason)
            return value
        return answer.status, value

    def _post_json(
        self, path: str, payload: dict[str, Any]
    ) -> tuple[int, dict[str, Any]] | Retryable | Refused | AuthFailed | Unreachable:
        """POST ``payload`` as UTF-8 JSON (not idempotent: the outbox's records go through
        :meth:`post_record` with their stored exact bytes instead)."""
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        return self._call("POST", path, body=body, headers={"Content-Type": "application/json"})

    # ------------------------------------------------------------ the contract

    def catalog(self, since: int | None) -> Result[CatalogDelta]:
        r = self._call(
            "GET",
            "/v1/catalog",
            query={"since": since} if since is not None else None,
            limit=MAX_CATALOG_BYTES,
        )
        if not isinstance(r, tuple):
            return r
        delta = catalog_delta(r[1])
        if delta is None:
            return Retryable("malformed catalog answer (version/full/items/withdrawn)", status=r[0])
        return Ok(delta, r[0])

    def blob_exists(self, sha256: str) -> Result[bool]:
        answer = self._request("HEAD", f"/v1/blobs/{sha256}")
        if not isinstance(answer, _Answer):
            return answer
        if answer.status == 200:
            return Ok(True, 200)
        if answer.status == 404:
            return Ok(False, 404)
        return self._classify(answer)

    def put_blob(self, sha256: str, data: bytes) -> Result[bool]:
        answer = self._request(
            "PUT",
            f"/v1/blobs/{sha256}",
            body=data,
            headers={"Content-Type": "application/octet-stream"},
        )
        if not isinstance(answer, _Answer):
            return answer
        if answer.status in (200, 201):
            return Ok(answer.status == 201, answer.status)
        return self._classify(answer)

    def post_record(self, kind: str, idempotency_key: str, body: bytes) -> Result[Created]:
        path = RECORD_ROUTES.get(kind)
        if path is None:
            return Refused(
                "unknown_kind",
                f"this platform adapter has no route for outbox rows of kind {kind!r}",
            )
        r = self._call(
            "POST",
            path,
            ok=(200, 201),
            body=body,
            headers={"Idempotency-Key": idempotency_key, "Content-Type": "application/json"},
        )
        if not isinstance(r, tuple):
            return r
        return Ok(Created(r[0] == 201, r[1]), r[0])

    @staticmethod
    def _status(v: dict[str, Any]) -> ApplicationStatus:
        return ApplicationStatus(
            application_no=str(v["application_no"]),
            local_ref=str(v["local_ref"]),
            item_code=str(v.get("item_code") or ""),
            status=str(v["status"]),
            updated_at=str(v["updated_at"]),
            history=[
                StatusEntry(str(h["status"]), str(h["at"]), h.get("note"), h.get("note_en"))
                for h in v.get("history") or []
            ],
            supplement=v.get("supplement"),
            acceptance_seal=_sealed_record(v.get("acceptance_seal")),
        )

    def application_status(self, ref: str) -> Result[ApplicationStatus]:
        r = self._call("GET", f"/v1/applications/{quote(ref, safe='')}")
        if not isinstance(r, tuple):
            return r
        try:
            return Ok(self._status(r[1]), r[0])
        except (KeyError, TypeError):
            return Retryable("malformed status answer", status=r[0])

    def status_changes(self, since: str | None) -> Result[StatusChanges]:
        r = self._call(
            "GET",
            f"/v1/kiosks/{quote(self.kiosk_id, safe='')}/applications",
            # The contract's query always has a since: the first poll asks for every change.
            query={"since": since or FIRST_STATUS_SINCE},
            limit=MAX_CATALOG_BYTES,
        )
        if not isinstance(r, tuple):
            return r
        try:
            return Ok(
                StatusChanges([self._status(c) for c in r[1]["changes"]], str(r[1]["until"])), r[0]
            )
        except (KeyError, TypeError):
            return Retryable("malformed status-changes answer", status=r[0])

    def verify_identity(self, claim: IdentityClaim) -> Result[IdentityToken]:
        r = self._post_json(
            "/v1/identity/verify",
            {
                "card_type": claim.card_type,
                "id_number": claim.id_number,
                "name": claim.name,
                "valid_to": claim.valid_to,
                "channel": claim.channel,
                "qr_payload": claim.qr_payload,
            },
        )
        if not isinstance(r, tuple):
            return r
        try:
            v = r[1]
            h = v["holder"]
            holder = None
            if claim.channel == "qr" and h.get("id_number") and h.get("name"):
                holder = QrHolder(
                    str(h["name"]), str(h["id_number"]), str(h.get("card_type") or "resident")
                )
            return Ok(
                IdentityToken(str(v["token"]), str(v["expires_at"]), str(h["name_masked"]), holder),
                r[0],
            )
        except (KeyError, TypeError, AttributeError):
            return Retryable("malformed identity answer", status=r[0])

    def licenses(self, token: str) -> Result[list[License]]:
        r = self._call("GET", "/v1/licenses", headers={"X-Holder-Token": token})
        if not isinstance(r, tuple):
            return r
        try:
            return Ok(
                [
                    License(
                        str(x["license_no"]),
                        str(x["type_code"]),
                        str(x["type_name"]),
                        str(x["issuer"]),
                        x.get("valid_from"),
                        x.get("valid_to"),
                        x.get("verify_code"),
                    )
                    for x in r[1]["licenses"]
                ],
                r[0],
            )
        except (KeyError, TypeError):
            return Retryable("malformed licenses answer", status=r[0])

    def _holder_records(
        self, what: str, token: str, deadline_s: float, parse: Any
    ) -> Result[HolderRecords[list[Any]]]:
        """``GET /v1/holder/<what>``: the records under key ``what``, each through ``parse``."""
        r = self._call(
            "GET",
            f"/v1/holder/{what}",
            headers={"X-Holder-Token": token},
            deadline=time.monotonic() + deadline_s,
        )
        if not isinstance(r, tuple):
            return r
        try:
            records = [parse(x) for x in r[1][what]]
            return Ok(HolderRecords(str(r[1]["holder"]["id_digest"]), records), r[0])
        except (KeyError, TypeError):
            return Retryable(f"malformed holder {what} answer", status=r[0])

    def holder_applications(
        self, token: str, deadline_s: float
    ) -> Result[HolderRecords[list[HolderApplication]]]:
        def parse(x: dict[str, Any]) -> HolderApplication:
            return HolderApplication(
                str(x["application_no"]),
                x.get("item_code"),
                str(x.get("item_name") or ""),
                str(x["channel"]),
                str(x["status"]),
                str(x["updated_at"]),
                str(x["next_step"]),
                x.get("next_step_en"),
                x.get("deadline"),
            )

        return self._holder_records("applications", token, deadline_s, parse)

    def holder_benefits(
        self, token: str, deadline_s: float
    ) -> Result[HolderRecords[list[HolderBenefit]]]:
        def parse(x: dict[str, Any]) -> HolderBenefit:
            return HolderBenefit(
                str(x["benefit_id"]),
                str(x["name"]),
                str(x["policy"]),
                str(x["amount"]),
                x["needs_confirmation"] is True,
                str(x["status"]),
                x.get("confirm_by"),
                x.get("confirmation_no"),
            )

        return self._holder_records("benefits", token, deadline_s, parse)

    def confirm_benefit(
        self, token: str, benefit_id: str, idempotency_key: str, body: bytes, deadline_s: float
    ) -> Result[HolderRecords[Created]]:
        r = self._call(
            "POST",
            f"/v1/holder/benefits/{quote(benefit_id, safe='')}/confirm",
            ok=(200, 201),
            body=body,
            headers={
                "X-Holder-Token": token,
                "Idempotency-Key": idempotency_key,
                "Content-Type": "application/json",
            },
            deadline=time.monotonic() + deadline_s,
        )
        if not isinstance(r, tuple):
            return r
        try:
            digest = str(r[1]["holder"]["id_digest"])
        except (KeyError, TypeError):
            return Retryable("malformed benefit confirmation answer", status=r[0])
        return Ok(HolderRecords(digest, Created(r[0] == 201, r[1])), r[0])

    def forget_holder(self) -> None:
        """A resident's session ended: drop the URLs the standard library's parsing cache keeps
        (the last 128, with license numbers in their paths)."""
        urllib.parse.clear_cache()

    def license_document(self, token: str, license_no: str) -> Result[SealedDocument]:
        r = self._call(
            "GET",
            f"/v1/licenses/{quote(license_no, safe='')}/document",
            headers={"X-Holder-Token": token},
            limit=MAX_DOCUMENT_ANSWER_BYTES,
        )
        if not isinstance(r, tuple):
            return r
        try:
            v = r[1]
            return Ok(
                SealedDocument(
                    str(v["license_no"]),
                    str(v.get("mime") or "application/octet-stream"),
                    base64.b64decode(v["document"], validate=True),
                    base64.b64decode(v["signature"], validate=True),
                    str(v.get("issuer") or ""),
                ),
                r[0],
            )
        except (KeyError, TypeError, ValueError):
            return Retryable("malformed document answer", status=r[0])

    def instant_result(
        self, token: str, item_code: str, request_id: str, deadline_s: float
    ) -> ResultFetch:
        """``POST /v1/kiosks/{id}/results`` (an extension of v1, see openapi.json): the result
        document of an instant item for the holder of ``token``, whole within ``deadline_s``."""
        path = f"/v1/kiosks/{quote(self.kiosk_id, safe='')}/results"
        body = json.dumps(
            {"item_code": item_code, "request_id": request_id}, ensure_ascii=False
        ).encode("utf-8")
        answer = self._request(
            "POST",
            path,
            body=body,
            # never reused: the deadline's watchdog may shut this connection's socket
            headers={
                "Content-Type": "application/json",
                "X-Holder-Token": token,
                "Connection": "close",
            },
            limit=MAX_RESULT_ANSWER_BYTES,
            deadline=time.monotonic() + deadline_s,
        )
        if isinstance(answer, _Timeout):
            return TimedOut(answer.reason)
        if isinstance(answer, Unreachable):
            return Offline(answer.reason)
        if isinstance(answer, AuthFailed):
            return Refused(answer.code, answer.reason, 401)
        if isinstance(answer, Refused):
            return answer
        if isinstance(answer, Retryable):  # reset, truncated, larger than the cap
            return MalformedAnswer(answer.reason)
        if answer.status != 200:
            failure = self._classify(answer)
            if isinstance(failure, Retryable):  # 5xx, 429, 503: the platform is not there
                return Offline(failure.reason)
            if isinstance(failure, AuthFailed):
                return Refused(failure.code, failure.reason, answer.status)
            return failure
        v = self._json_object(answer)
        if isinstance(v, Retryable):
            return MalformedAnswer(v.reason)
        try:
            result = SealedResult(
                result_id=str(v["result_id"]),
                item_code=str(v["item_code"]),
                doc_type=str(v["type"]),
                title=str(v["title"]),
                issuer=str(v["issuer"]),
                issued_at=str(v["issued_at"]),
                mime=str(v.get("mime") or "application/octet-stream"),
                document=base64.b64decode(v["document"], validate=True),
                signature=base64.b64decode(v["signature"], validate=True),
            )
        except (KeyError, TypeError, ValueError):
            return MalformedAnswer("the result answer lacks a field or has bad base64")
        if result.item_code != item_code:
            return MalformedAnswer("the result answer is for another item")
        return Issued(result)

    def seal_trust(self) -> Result[dict[str, Any]]:
        r = self._call("GET", "/v1/seal-trust", limit=MAX_TRUST_ANSWER_BYTES)
        if not isinstance(r, tuple):
            return r
        return Ok(r[1], r[0])

    def heartbeat(self, payload: dict[str, Any]) -> Result[HeartbeatAnswer]:
        r = self._post_json(f"/v1/kiosks/{quote(self.kiosk_id, safe='')}/heartbeat", payload)
        if not isinstance(r, tuple):
            return r
        try:
            # one malformed command never hides the others: each is checked by the agent
            cmds = [
                Command(
                    str(c.get("id", "")),
                    str(c.get("name", "")),
                    c["args"] if isinstance(c.get("args"), dict) else {},
                    dict(c),
                )
                for c in r[1].get("commands") or []
                if isinstance(c, dict)
            ]
            ring = r[1].get("ring")
            return Ok(
                HeartbeatAnswer(
                    str(r[1]["server_time"]), cmds, ring if isinstance(ring, str) else None
                ),
                r[0],
            )
        except (KeyError, TypeError, ValueError):
            return Retryable("malformed heartbeat answer", status=r[0])

    def upload_support(self, name: str, archive: bytes, signature: bytes) -> Result[str]:
        """``POST /v1/kiosks/{id}/support`` (an extension of v1, see openapi.json): the
        archive's bytes as the body (signed like every request), its name and the detached
        Ed25519 signature file (base64) in headers → 201 ``{"upload_id", ...}``."""
        import base64

        r = self._call(
            "POST",
            f"/v1/kiosks/{quote(self.kiosk_id, safe='')}/support",
            ok=(201,),
            body=archive,
            headers={
                "Content-Type": "application/gzip",
                "X-Archive-Name": quote(name, safe=""),
                "X-Archive-Signature": base64.b64encode(signature).decode("ascii"),
            },
        )
        if not isinstance(r, tuple):
            return r
        upload_id = r[1].get("upload_id")
        if not isinstance(upload_id, str):
            return Retryable("malformed support answer (upload_id)", status=r[0])
        return Ok(upload_id, r[0])

    def server_time(self) -> Result[float]:
        """The platform's clock, read from the ``Date`` of a contract request.

        The contract has no time endpoint: every answer carries ``Date`` (platform-api.md), so
        the cheapest signed request — ``HEAD`` of the empty blob, 200 or 404 — measures it."""
        answer = self._request("HEAD", f"/v1/blobs/{signing.EMPTY_SHA256}")
        if not isinstance(answer, _Answer):
            return answer
        if answer.status not in (200, 404):
            return self._classify(answer)
        if not answer.headers.get("Date"):
            return Retryable("the platform's answer has no Date header", status=answer.status)
        return Ok(self.now(), answer.status)
