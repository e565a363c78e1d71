"""The provincial platform simulator: the whole contract (platform-api.md) over HTTP.

Run it with ``kiosk platform-sim`` or embed it in a test with :class:`PlatformSimulator`.
Every ``/v1/`` request is verified like the real platform would (kiosk id, signature, body
hash, timestamp window, nonce); ``/_sim/`` endpoints (unsigned, loopback only) change faults
and the clock and expose the ledger of created records.
"""

from __future__ import annotations

import base64
import email.utils
import hashlib
import json
import logging
import re
import socket
import struct
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from sync import signing
from sync.simulator import catalog_seed
from sync.simulator import delegation as sim_delegation
from sync.simulator import holder as sim_holder
from sync.simulator import licenses as lic
from sync.simulator import results as sim_results
from sync.simulator import seals as sim_seals
from sync.simulator import tongban as sim_tongban
from sync.simulator.faults import Faults, FaultSettings, SimClock
from sync.simulator.openapi import APPLICATION_REQUIRED
from sync.simulator.store import (
    TIMELINE_NORMAL,
    TIMELINE_REJECTED,
    TIMELINE_SUPPLEMENT,
    SimStore,
    Unprocessable,
    iso,
)

log = logging.getLogger("sync.simulator")

TIME_WINDOW_S = 300
POLL_S = 5.0
MAX_JSON_BODY = 2 * 1024 * 1024
MAX_BLOB_BODY = 64 * 1024 * 1024
AUTH_CODES = ("bad_signature", "clock_skew", "replay", "unknown_kiosk")
_SHA = re.compile(r"^[0-9a-f]{64}$")
_NONCE = re.compile(r"^[0-9a-f]{32}$")
_LOCAL_REF = re.compile(r"^(?P<kiosk>[A-Za-z0-9-]{1,32})-(?P<day>\d{8})-(?P<seq>\d{4})$")
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
SOURCES = ("scan", "elicense", "missing", "promise")


class HttpError(Exception):
    def __init__(self, status: int, code: str, reason: str, retry_after: int | None = None) -> None:
        super().__init__(reason)
        self.status = status
        self.code = code
        self.reason = reason
        self.retry_after = retry_after


class Answer:
    def __init__(
        self, status: int, body: Any = None, headers: dict[str, str] | None = None
    ) -> None:
        self.status = status
        self.body = body
        self.headers = headers or {}


def _is_loopback(host: str) -> bool:
    return host.startswith("127.") or host in ("::1", "localhost")


class Platform:
    """The simulator's behaviour, independent of the HTTP plumbing."""

    def __init__(
        self,
        store: SimStore,
        faults: Faults,
        clock: SimClock,
        secrets_dirs: list[Path] | None = None,
    ) -> None:
        self.store = store
        self.faults = faults
        self.clock = clock
        self.secrets_dirs = list(secrets_dirs or [])
        self.heartbeats: dict[str, dict[str, Any]] = {}
        self.audit_anchors: dict[str, dict[str, Any]] = {}
        self.audit_regressions: list[dict[str, Any]] = []
        self.commands: dict[str, list[dict[str, Any]]] = {}
        self.command_results: dict[str, list[dict[str, Any]]] = {}
        self.command_key: Any = None
        self.rings: dict[str, str] = {}
        """The rollout ring each terminal's heartbeat answer names (``POST /_sim/ring``)."""
        self.fleet_repo: Path | None = None
        """The TUF repository served under ``/fleet/`` (``publish``'s directory), if any."""
        """The platform's command key (Ed25519), set by :class:`PlatformSimulator`."""
        self.support_uploads: list[dict[str, Any]] = []
        self.requests: dict[str, int] = {}
        self._stats_lock = threading.Lock()
        self.seals = sim_seals.SimSeals()
        self.authorisations = sim_delegation.Authorisations()
        self.holder_mode = "good"
        """``other_holder``: the holder's space answers another person's records (a fault)."""
        self._acceptance_cache: dict[tuple[str, str, str], dict[str, Any]] = {}
        from sync.simulator.verify_page import DocumentRegistry

        self.documents = DocumentRegistry()  # what GET /verify/<doc id> knows

    # ------------------------------------------------------------ clocks

    def wall_now(self) -> float:
        """The platform's own wall clock (real time plus the injected skew)."""
        return time.time() + self.faults.skew_s

    def count(self, key: str) -> None:
        with self._stats_lock:
            self.requests[key] = self.requests.get(key, 0) + 1

    # ------------------------------------------------------------ auth

    def secret_of(self, kiosk_id: str) -> bytes | None:
        secret = self.store.kiosk_secret(kiosk_id)
        if secret is None and re.fullmatch(r"[A-Za-z0-9-]{1,32}", kiosk_id):
            for d in self.secrets_dirs:  # a kiosk whose secret file appeared since start
                f = d / f"{kiosk_id}.secret"
                if f.is_file():
                    from sync.keys import SecretError, secret_bytes

                    try:
                        secret = secret_bytes(f.read_bytes(), f)
                    except SecretError as exc:
                        log.warning("%s", exc)
                        break
                    self.store.add_kiosk(kiosk_id, secret)
                    break
        return secret

    def authenticate(self, method: str, target: str, headers: Any, body: bytes) -> str:
        """The verified kiosk id, or :class:`HttpError` 401 with the contract's code."""
        kiosk_id = headers.get("X-Kiosk-Id") or ""
        secret = self.secret_of(kiosk_id) if kiosk_id else None
        if secret is None:
            raise HttpError(401, "unknown_kiosk", "this kiosk is not registered with the platform")
        ts = headers.get("X-Timestamp") or ""
        nonce = headers.get("X-Nonce") or ""
        digest = (headers.get("X-Content-SHA256") or "").lower()
        alg = headers.get("X-Signature-Alg") or "HMAC-SHA256"
        sig = headers.get("X-Signature") or ""
        if not _NONCE.match(nonce) or not _SHA.match(digest) or alg not in signing.ALGORITHMS:
            raise HttpError(401, "bad_signature", "missing or malformed signature headers")
        if digest != hashlib.sha256(body).hexdigest():
            raise HttpError(401, "bad_signature", "X-Content-SHA256 does not match the body")
        msg = signing.string_to_sign(method, target, ts, nonce, digest)
        if not signing.verify(alg, secret, msg, sig):
            raise HttpError(401, "bad_signature", "the signature does not verify")
        try:
            when = signing.parse_timestamp(ts)
        except ValueError:
            raise HttpError(
                401, "bad_signature", "X-Timestamp is not YYYY-MM-DDTHH:MM:SSZ"
            ) from None
        now = self.wall_now()
        if abs(now - when) > TIME_WINDOW_S:
            raise HttpError(
                401, "clock_skew", f"X-Timestamp is {now - when:+.0f} s from the platform's clock"
            )
        if not self.store.use_nonce(kiosk_id, nonce, now, TIME_WINDOW_S):
            raise HttpError(401, "replay", "this nonce was already used")
        return kiosk_id

    # ------------------------------------------------------------ routing

    def handle(
        self, method: str, target: str, headers: Any, body: bytes, prefix: str = ""
    ) -> Answer:
        """``target`` as on the request line (what the kiosk signed); routes see it without
        the ``prefix`` the platform is served under (a gateway's ``/zwfw``)."""
        kiosk_id = self.authenticate(method, target, headers, body)
        split = urlsplit(target[len(prefix) :])
        path, query = split.path, parse_qs(split.query)
        parts = path.strip("/").split("/")
        if parts[:2] == ["v1", "catalog"] and len(parts) == 2 and method == "GET":
            return self.get_catalog(query)
        if parts[:2] == ["v1", "blobs"] and len(parts) == 3:
            sha = parts[2]
            if not _SHA.match(sha):
                raise HttpError(400, "invalid", "blob name: expected 64 lowercase hex digits")
            if method == "HEAD":
                return Answer(200 if self.store.has_blob(sha, count_head=True) else 404)
            if method == "PUT":
                created = self.store.put_blob(sha, body, time.time())
                if created is None:
                    raise HttpError(
                        400, "hash_mismatch", "the bytes do not hash to the blob's name"
                    )
                return Answer(201 if created else 200, {"sha256": sha, "size": len(body)})
        if parts[:2] == ["v1", "applications"]:
            if len(parts) == 2 and method == "POST":
                return self.post_application(kiosk_id, headers, body)
            if len(parts) == 3 and method == "GET":
                return self.get_application(kiosk_id, parts[2])
        if parts[:1] == ["v1"] and len(parts) == 2 and method == "POST":
            if parts[1] in ("reviews", "problems", "help-requests"):
                return self.post_feedback(parts[1].replace("-", "_"), kiosk_id, headers, body)
        if parts[:2] == ["v1", "kiosks"] and len(parts) == 4:
            if parts[2] != kiosk_id:
                raise HttpError(403, "unknown_kiosk", "a kiosk may only act for itself")
            if parts[3] == "applications" and method == "GET":
                return self.status_changes(kiosk_id, query)
            if parts[3] == "heartbeat" and method == "POST":
                return self.heartbeat(kiosk_id, body)
            if parts[3] == "support" and method == "POST":
                return self.support_upload(kiosk_id, headers, body)
            if parts[3] == "results" and method == "POST":
                return self.instant_result(headers, body)
        if parts[:3] == ["v1", "identity", "verify"] and method == "POST":
            return self.verify_identity(body)
        if parts[:2] == ["v1", "licenses"] and len(parts) == 2 and method == "GET":
            return self.licenses(headers)
        if parts[:2] == ["v1", "licenses"] and len(parts) == 4 and parts[3] == "document":
            if method == "GET":
                return self.license_document(headers, parts[2])
        if parts[:2] == ["v1", "holder"]:
            if parts[2:] == ["applications"] and method == "GET":
                return self.holder_applications(headers)
            if parts[2:] == ["benefits"] and method == "GET":
                return self.holder_benefits(headers)
            if len(parts) == 5 and parts[2] == "benefits" and parts[4] == "confirm":
                if method == "POST":
                    return self.confirm_benefit(kiosk_id, headers, parts[3], body)
        if parts == ["v1", "seal-trust"] and method == "GET":
            return Answer(200, self.seals.trust())
        raise HttpError(404, "invalid", f"no such endpoint: {method} {path}")

    # ------------------------------------------------------------ catalog

    def get_catalog(self, query: dict[str, list[str]]) -> Answer:
        since = None
        if "since" in query:
            try:
                since = int(query["since"][0])
            except ValueError:
                raise HttpError(400, "invalid", "since: expected an integer version") from None
        return Answer(200, self.store.catalog_since(since))

    # ------------------------------------------------------------ records

    @staticmethod
    def _json_object(body: bytes) -> dict[str, Any]:
        try:
            value = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise HttpError(400, "invalid", "the body is not UTF-8 JSON") from None
        if not isinstance(value, dict):
            raise HttpError(422, "invalid", "the body must be a JSON object")
        return value

    @staticmethod
    def _key(headers: Any, value: dict[str, Any]) -> str:
        key = headers.get("Idempotency-Key")
        if not key:
            raise HttpError(422, "invalid", "Idempotency-Key: required")
        if value.get("id") != key:
            raise HttpError(422, "invalid", "Idempotency-Key must equal the body's id")
        if not _UUID.match(key):
            raise HttpError(422, "invalid", "id: expected a UUID")
        return key

    def post_application(self, kiosk_id: str, headers: Any, body: bytes) -> Answer:
        app = self._json_object(body)
        key = self._key(headers, app)
        for name in APPLICATION_REQUIRED:  # "id": already checked by _key
            if name not in app:
                raise HttpError(422, "invalid", f"{name}: required")
        if app["kiosk_id"] != kiosk_id:
            raise HttpError(422, "invalid", "kiosk_id: must be the signing kiosk")
        m = _LOCAL_REF.match(str(app["local_ref"]))
        if not m or m.group("kiosk") != kiosk_id:
            raise HttpError(422, "invalid", "local_ref: expected <kiosk id>-<YYYYMMDD>-<NNNN>")
        if not isinstance(app["materials"], list):
            raise HttpError(422, "invalid", "materials: expected a list")
        for i, mat in enumerate(app["materials"]):
            if not isinstance(mat, dict) or mat.get("source") not in SOURCES:
                raise HttpError(422, "invalid", f"materials[{i}].source: expected one of {SOURCES}")
            if not mat.get("material_id"):
                raise HttpError(422, "invalid", f"materials[{i}].material_id: required")
            if mat["source"] == "scan":
                if not _SHA.match(str(mat.get("sha256"))) or not isinstance(mat.get("size"), int):
                    raise HttpError(
                        422, "invalid", f"materials[{i}]: sha256 and size required for a scan"
                    )
                if not mat.get("mime"):
                    raise HttpError(422, "invalid", f"materials[{i}].mime: required for a scan")
            if mat["source"] == "elicense" and not mat.get("license_no"):
                raise HttpError(
                    422, "invalid", f"materials[{i}].license_no: required for an e-license"
                )

        def make(application_no: str) -> dict[str, Any]:
            state = self.store.item_state(app["item_code"])
            if state == "unknown":
                raise Unprocessable("item_unknown", "no such item in the catalog")
            if state == "withdrawn":
                raise Unprocessable("item_withdrawn", "this item has been withdrawn")
            try:  # 通办: mode, regions and delivery against the item
                sim_tongban.check(app, self.store.item(app["item_code"]) or {})
            except sim_tongban.Refused as exc:
                raise Unprocessable("invalid", str(exc)) from None
            try:  # 委托代办: the agent against the item (in person, ways, authorisation)
                self.authorisations.check(app, self.store.item(app["item_code"]) or {})
            except sim_delegation.Refused as exc:
                raise Unprocessable("invalid", str(exc)) from None
            for mat in app["materials"]:
                if mat["source"] == "scan" and not self.store.has_blob(mat["sha256"]):
                    raise Unprocessable(
                        "blob_missing", f"material {mat['material_id']}: blob not uploaded"
                    )
            if not app.get("test"):  # a technician's self-test cites made-up licenses
                self._check_licenses(app)
            if self.store.local_ref_taken(app["local_ref"]):
                raise Unprocessable("invalid", "local_ref: already used by another application")
            self.store.insert_application(application_no, app, key, self.clock.now())
            self.authorisations.record(application_no, app)
            return {
                "application_no": application_no,
                "local_ref": app["local_ref"],
                "status": "received",
            }

        return self._record("applications", key, kiosk_id, app, make)

    def post_feedback(self, kind: str, kiosk_id: str, headers: Any, body: bytes) -> Answer:
        value = self._json_object(body)
        key = self._key(headers, value)
        if value.get("kiosk_id") != kiosk_id:
            raise HttpError(422, "invalid", "kiosk_id: must be the signing kiosk")
        if "created_at" not in value:
            raise HttpError(422, "invalid", "created_at: required")
        if kind == "reviews":
            rating = value.get("rating")
            if not isinstance(rating, int) or isinstance(rating, bool) or not 1 <= rating <= 5:
                raise HttpError(422, "invalid", "rating: expected an integer 1..5")
            reasons = value.get("reasons") or []
            if not isinstance(reasons, list):
                raise HttpError(422, "invalid", "reasons: expected a list")
            if rating <= 2 and not reasons:
                raise HttpError(
                    422, "invalid", "reasons: a rating of 1 or 2 needs at least one reason"
                )
        elif kind == "problems":
            for name in ("category", "description"):
                if not value.get(name):
                    raise HttpError(422, "invalid", f"{name}: required")
        elif not value.get("reason"):
            raise HttpError(422, "invalid", "reason: required")

        def make(record_no: str) -> dict[str, Any]:
            if kind == "reviews":
                return {"review_no": record_no}
            if kind == "problems":
                return {"problem_no": record_no}
            return {"request_no": record_no, "expected_wait_s": 600}

        return self._record(kind, key, kiosk_id, value, make)

    def _record(
        self, kind: str, key: str, kiosk_id: str, value: dict[str, Any], make: Any
    ) -> Answer:
        try:
            status, answer = self.store.record(kind, key, kiosk_id, value, make, time.time())
        except Unprocessable as exc:
            raise HttpError(422, exc.code, exc.reason) from None
        return Answer(status, answer)

    # ------------------------------------------------------------ statuses

    @staticmethod
    def _timeline(application_no: str) -> list[tuple[str, int, str]]:
        h = int(hashlib.sha256(application_no.encode()).hexdigest()[:2], 16) % 8
        if h == 0:
            return TIMELINE_SUPPLEMENT
        if h == 1:
            return TIMELINE_REJECTED
        return TIMELINE_NORMAL

    def status_of(self, app: dict[str, Any], at: float) -> tuple[dict[str, Any], float]:
        """The application's status as of simulated time ``at``, and when it last changed."""
        created = app["created_sim"]
        timeline = self._timeline(app["application_no"])
        if app.get("routing"):  # the handling body's statuses in the handling region
            timeline = sim_tongban.notes(
                app["routing"], self.store.item(app["item_code"]), timeline
            )
        steps = [s for s in timeline if created + s[1] <= at]
        steps = steps or [timeline[0]]
        updated = created + steps[-1][1]
        status = steps[-1][0]
        accepted = [created + off for st, off, *_ in steps if st == "accepted"]
        supplement = None
        if status == "supplement_required":
            deadline = datetime.fromtimestamp(updated, UTC) + timedelta(days=14)
            supplement = {
                "materials": [
                    {"material_id": "supplement", "name": "补正材料 supplementary material"}
                ],
                "deadline": deadline.date().isoformat(),
            }
        return (
            {
                "application_no": app["application_no"],
                "local_ref": app["local_ref"],
                "item_code": app["item_code"],
                "status": status,
                "updated_at": iso(updated),
                "history": [
                    {"status": s, "at": iso(created + off), "note": note, "note_en": note_en}
                    for s, off, note, note_en in steps
                ],
                "supplement": supplement,
                "acceptance_seal": self._acceptance_seal(app, accepted[0]) if accepted else None,
            },
            updated,
        )

    def _acceptance_seal(self, app: dict[str, Any], accepted: float) -> dict[str, Any]:
        """The sealed acceptance record (``sync/simulator/acceptance.py``), made once per
        application and seal mode (an SM2 signature is not free)."""
        from sync.simulator import acceptance

        mode = (self.seals.documents, self.seals.acceptance)
        key = (app["application_no"], *mode)
        with self._stats_lock:
            cached = self._acceptance_cache.get(key)
        if cached is not None:
            return cached
        with self.store.lock:
            item = self.store.item(app["item_code"]) or {}
        issuer = (item.get("implementing_body") or {}).get("name") or acceptance.PLATFORM_BODY
        doc = acceptance.acceptance_record(
            app,
            iso(accepted),
            issuer,
            self.store.holder_hash(app["application_no"]),
            self.seals.acceptance,
        )
        doc, sig = self.seals.sealed(doc, issuer, self.wall_now())
        value = acceptance.bundle(app["application_no"], doc, sig)
        self._register(app["application_no"], "acceptance-record", issuer, accepted, doc)
        with self._stats_lock:
            self._acceptance_cache[key] = value
        return value

    def get_application(self, kiosk_id: str, ref: str) -> Answer:
        app = self.store.application(ref)
        if app is None or app["kiosk_id"] != kiosk_id:
            raise HttpError(404, "invalid", "no such application for this kiosk")
        return Answer(200, self.status_of(app, self.clock.now())[0])

    def status_changes(self, kiosk_id: str, query: dict[str, list[str]]) -> Answer:
        until = float(int(self.clock.now()))
        # The contract's query is ?since=UTC timestamp: a strict platform refuses it missing.
        try:
            since = signing.parse_timestamp(query["since"][0])
        except (KeyError, ValueError):
            raise HttpError(400, "invalid", "since: expected YYYY-MM-DDTHH:MM:SSZ") from None
        changes = []
        for app in self.store.applications_of(kiosk_id):
            status, updated = self.status_of(app, until)
            if updated <= until and (since is None or updated > since):
                changes.append(status)
        return Answer(200, {"changes": changes, "until": iso(until)})

    # ------------------------------------------------------------ support uploads

    def support_upload(self, kiosk_id: str, headers: Any, body: bytes) -> Answer:
        """A technician's support archive: kept with its signature once the Ed25519 signature
        (its public key named in the signature file) verifies over the exact bytes."""
        import base64
        from urllib.parse import unquote

        from kiosk.maintenance.support import verify_archive

        name = unquote(headers.get("X-Archive-Name") or "")
        if not re.fullmatch(r"[A-Za-z0-9._-]{1,200}\.tar\.gz", name):
            raise HttpError(400, "invalid", "X-Archive-Name: expected NAME.tar.gz")
        try:
            sig = base64.b64decode(headers.get("X-Archive-Signature") or "", validate=True)
        except ValueError:
            raise HttpError(400, "invalid", "X-Archive-Signature: expected base64") from None
        v = verify_archive(body, sig)
        if not v.ok:
            raise HttpError(422, "invalid", f"X-Archive-Signature: {v.reason}")
        upload_id = f"SUP-{uuid.uuid4().hex[:16]}"
        folder = self.store.data_dir / "support"
        folder.mkdir(exist_ok=True)
        path = folder / f"{upload_id}-{name}"
        path.write_bytes(body)
        path.with_name(path.name + ".sig").write_bytes(sig)
        entry = {
            "upload_id": upload_id,
            "kiosk_id": kiosk_id,
            "name": name,
            "sha256": hashlib.sha256(body).hexdigest(),
            "size": len(body),
            "public_key": v.public_key,
            "path": str(path),
        }
        self.support_uploads.append(entry)
        return Answer(201, {k: entry[k] for k in ("upload_id", "sha256", "size")})

    # ------------------------------------------------------------ heartbeat, identity

    def heartbeat(self, kiosk_id: str, body: bytes) -> Answer:
        value = self._json_object(body)
        if "at" not in value:
            raise HttpError(422, "invalid", "at: required")
        for name in ("versions", "devices", "queue"):
            if name in value and not isinstance(value[name], dict):
                raise HttpError(422, "invalid", f"{name}: expected an object")
        value["received_at"] = iso(time.time())
        self._record_command_results(kiosk_id, value)
        self._audit_anchor(kiosk_id, value)
        self.heartbeats[kiosk_id] = value
        commands = self.commands.pop(kiosk_id, [])
        answer: dict[str, Any] = {"server_time": iso(self.wall_now()), "commands": commands}
        if kiosk_id in self.rings:
            answer["ring"] = self.rings[kiosk_id]
        return Answer(200, answer)

    def _record_command_results(self, kiosk_id: str, value: dict[str, Any]) -> None:
        from sync.simulator.fleet import check_results

        try:
            results = check_results(value.get("command_results"))
        except ValueError as exc:
            raise HttpError(422, "invalid", str(exc)) from None
        for r in results:
            self.command_results.setdefault(kiosk_id, []).append(
                dict(r, received_at=value["received_at"])
            )

    def _audit_anchor(self, kiosk_id: str, value: dict[str, Any]) -> None:
        """Keep the terminal's signed audit head (``"audit"``: count, hash, anchor, mac) as an
        anchor; a head that counts fewer entries, or names another hash for the same count, or
        is gone after one was sent, is a regression (``GET /_sim/audit``)."""
        head = value.get("audit")
        if head is not None:
            ok = (
                isinstance(head, dict)
                and all(isinstance(head.get(k), int) for k in ("count", "anchor"))
                and all(isinstance(head.get(k), str) for k in ("hash", "mac"))
            )
            if not ok:
                raise HttpError(422, "invalid", "audit: expected {count, hash, anchor, mac}")
        before = self.audit_anchors.get(kiosk_id)
        reason = None
        if before is not None and head is None:
            reason = "the terminal no longer sends an audit head"
        elif before is not None and head["count"] < before["count"]:
            reason = f"the audit head went back from {before['count']} to {head['count']} entries"
        elif (
            before is not None
            and head["count"] == before["count"]
            and head["hash"] != before["hash"]
        ):
            reason = f"entry {head['count']} of the audit log changed"
        if reason:
            self.audit_regressions.append(
                {
                    "kiosk_id": kiosk_id,
                    "at": value["received_at"],
                    "reason": reason,
                    "anchor": before,
                    "received": head,
                }
            )
        if head is not None:
            self.audit_anchors[kiosk_id] = dict(head, received_at=value["received_at"])

    def _check_licenses(self, app: dict[str, Any]) -> None:
        """Every cited e-license was issued by this platform and is of the material's type."""
        item = self.store.item(app["item_code"]) or {}
        wanted = {
            m.get("material_id"): (m.get("elicense") or {}).get("type_code")
            for m in item.get("materials") or []
            if isinstance(m, dict)
        }
        for i, mat in enumerate(app["materials"]):
            if mat["source"] != "elicense":
                continue
            issued = self.store.license_type(str(mat["license_no"]))
            if issued is None:
                raise Unprocessable(
                    "invalid", f"materials[{i}].license_no: not an e-license this platform issued"
                )
            if wanted.get(mat["material_id"]) != issued:
                raise Unprocessable(
                    "invalid",
                    f"materials[{i}].license_no: this material does not accept that license type",
                )

    def verify_identity(self, body: bytes) -> Answer:
        from kiosk.domain.checks import is_valid_citizen_id
        from kiosk.masking import mask_name

        value = self._json_object(body)
        channel = value.get("channel")
        if channel not in ("id_card", "ssc", "qr"):
            raise HttpError(422, "invalid", "channel: expected id_card, ssc or qr")
        holder: dict[str, Any] = {}
        if channel == "qr":
            # The platform decodes its own code; the kiosk knows nothing but the payload.
            try:
                decoded = lic.decode_qr_payload(str(value.get("qr_payload") or ""))
            except lic.QrInvalid as e:
                raise HttpError(422, "invalid", f"qr_payload: {e}") from None
            id_number, name = decoded["id_number"], decoded["name"]
            holder = {"name": name, "id_number": id_number, "card_type": decoded["card_type"]}
        else:
            id_number = str(value.get("id_number") or "")
            name = str(value.get("name") or "")
        if not name or not is_valid_citizen_id(id_number):
            raise HttpError(422, "invalid", "id_number or name: not a valid identity")
        token = uuid.uuid4().hex
        expires = time.time() + 600
        self.store.add_token(
            token, hashlib.sha256(id_number.encode()).hexdigest(), mask_name(name), expires
        )
        return Answer(
            200,
            {
                "token": token,
                "expires_at": iso(expires),
                "holder": {"name_masked": mask_name(name), **holder},
            },
        )

    def licenses(self, headers: Any) -> Answer:
        tok = self.store.token(headers.get("X-Holder-Token") or "", time.time())
        if tok is None:
            raise HttpError(403, "invalid", "X-Holder-Token: missing, unknown or expired")
        id_hash = tok[0]
        types = lic.catalog_license_types(self.store.active_items())
        issued = lic.licenses_for(id_hash, types)
        self.store.issued_licenses(id_hash, issued)
        return Answer(200, {"licenses": issued})

    def license_document(self, headers: Any, license_no: str) -> Answer:
        """One of the holder's e-licenses as a sealed document (bytes and SES_Signature)."""
        tok = self.store.token(headers.get("X-Holder-Token") or "", time.time())
        if tok is None:
            raise HttpError(403, "invalid", "X-Holder-Token: missing, unknown or expired")
        id_hash, name_masked = tok
        types = lic.catalog_license_types(self.store.active_items())
        found = [x for x in lic.licenses_for(id_hash, types) if x["license_no"] == license_no]
        if not found:
            raise HttpError(404, "invalid", "license_no: not a license of this holder")
        doc, sig = self.seals.sealed(
            sim_seals.license_document(found[0], name_masked), found[0]["issuer"], self.wall_now()
        )
        self._register(license_no, "e-license", found[0]["issuer"], None, doc)
        return Answer(200, sim_seals.document_answer(license_no, doc, sig, found[0]["issuer"]))

    def instant_result(self, headers: Any, body: bytes) -> Answer:
        """The sealed result document of an instant item for the holder of the token."""
        tok = self.store.token(headers.get("X-Holder-Token") or "", time.time())
        if tok is None:
            raise HttpError(403, "invalid", "X-Holder-Token: missing, unknown or expired")
        value = self._json_object(body)
        code = value.get("item_code")
        if not isinstance(code, str) or not code:
            raise HttpError(422, "invalid", "item_code: required")
        if not isinstance(value.get("request_id"), str) or not _UUID.match(value["request_id"]):
            raise HttpError(422, "invalid", "request_id: expected a UUID")
        item = next((i for i in self.store.active_items() if i.get("item_code") == code), None)
        if item is None:
            raise HttpError(422, "item_unknown", "item_code: not in the catalog")
        if item.get("instant") is not True or not item.get("result_document"):
            raise HttpError(422, "invalid", "item_code: this item is not issued at once")
        id_hash, name_masked = tok
        mode = self.seals.results
        _, doc, fields = sim_results.make_result(
            item, id_hash, name_masked, self.wall_now(), mode=mode
        )
        expired = None
        if mode == "expired_seal":  # a seal whose validity ended before this signing
            expired = (datetime(2020, 1, 1, tzinfo=UTC), datetime(2022, 1, 1, tzinfo=UTC))
        doc, sig = self.seals.sealed(doc, fields["issuer"], self.wall_now(), seal_valid=expired)
        self._register(fields["result_id"], "instant-result", fields["issuer"], None, doc)
        return Answer(200, sim_results.answer(fields, doc, sig))

    # ------------------------------------------------------------ the holder's space

    def _holder(self, headers: Any) -> tuple[str, str]:
        """``(token, id_hash whose records to answer)`` — another person's under the fault."""
        token = headers.get("X-Holder-Token") or ""
        tok = self.store.token(token, time.time())
        if tok is None:
            raise HttpError(403, "invalid", "X-Holder-Token: missing, unknown or expired")
        return token, sim_holder.OTHER_HOLDER if self.holder_mode == "other_holder" else tok[0]

    def holder_applications(self, headers: Any) -> Answer:
        """The holder's applications on every channel (kiosk, web, window), newest first."""
        token, id_hash = self._holder(headers)
        names = {i.get("item_code"): i.get("name") for i in self.store.active_items()}
        at = self.clock.now()
        apps = [
            sim_holder.kiosk_application(
                self.status_of(a, at)[0], str(names.get(a["item_code"]) or a["item_code"])
            )
            for a in self.store.applications_of_holder(id_hash)
        ]
        apps += sim_holder.other_channel_applications(id_hash)
        apps.sort(key=lambda a: a["updated_at"], reverse=True)
        return Answer(
            200,
            {"holder": {"id_digest": sim_holder.id_digest(token, id_hash)}, "applications": apps},
        )

    def holder_benefits(self, headers: Any) -> Answer:
        """The 免申即享 benefits the holder qualifies for."""
        token, id_hash = self._holder(headers)
        benefits = sim_holder.benefits_for(id_hash, self.store.confirmed_benefits(id_hash))
        return Answer(
            200,
            {"holder": {"id_digest": sim_holder.id_digest(token, id_hash)}, "benefits": benefits},
        )

    def confirm_benefit(self, kiosk_id: str, headers: Any, benefit_id: str, body: bytes) -> Answer:
        """The holder confirms a benefit that needs it: once (idempotent like the records)."""
        token, id_hash = self._holder(headers)
        value = self._json_object(body)
        key = self._key(headers, value)
        if value.get("benefit_id") != benefit_id:
            raise HttpError(422, "invalid", "benefit_id: must be the one in the path")
        if value.get("kiosk_id") != kiosk_id:
            raise HttpError(422, "invalid", "kiosk_id: must be the signing kiosk")
        offered = {b["benefit_id"]: b for b in sim_holder.benefits_for(id_hash, {})}
        if benefit_id not in offered:
            raise HttpError(404, "invalid", "benefit_id: not a benefit of this holder")
        if not offered[benefit_id]["needs_confirmation"]:
            raise HttpError(422, "invalid", "benefit_id: this benefit needs no confirmation")
        digest = sim_holder.id_digest(token, id_hash)

        def make(record_no: str) -> dict[str, Any]:
            if not self.store.insert_confirmation(id_hash, benefit_id, record_no):
                raise Unprocessable("invalid", "benefit_id: already confirmed")
            return {"confirmation_no": record_no, "benefit_id": benefit_id, "status": "confirmed"}

        answer = self._record("benefit_confirmations", key, kiosk_id, value, make)
        if answer.status in (200, 201) and isinstance(answer.body, dict):
            answer.body["holder"] = {"id_digest": digest}
        return answer

    def _register(self, doc_id: str, kind: str, issuer: str, at: float | None, doc: bytes) -> None:
        """Remember a sealed document handed out, for the public ``/verify/<doc id>`` page."""
        from kiosk.seals.gm import sm3

        when = iso(self.wall_now() if at is None else at)
        self.documents.add(doc_id, kind, issuer, when, sm3(doc).hex())

    # ------------------------------------------------------------ /_sim/

    def control(self, method: str, path: str, body: bytes) -> Answer:
        value: dict[str, Any] = {}
        if method == "POST" and body:
            try:
                value = json.loads(body)
            except ValueError:
                raise HttpError(400, "invalid", "expected a JSON object") from None
            if not isinstance(value, dict):
                raise HttpError(400, "invalid", "expected a JSON object")
        try:
            if path == "/_sim/faults":
                return Answer(
                    200, self.faults.update(value) if method == "POST" else self.faults.snapshot()
                )
            if path == "/_sim/clock":
                if method == "POST":
                    if "speed" in value:
                        self.clock.set_speed(float(value["speed"]))
                    if "advance_s" in value:
                        self.clock.advance(float(value["advance_s"]))
                return Answer(
                    200,
                    {
                        "sim_now": iso(self.clock.now()),
                        "speed": self.clock.speed,
                        "wall_now": iso(self.wall_now()),
                        "clock_skew_s": self.faults.skew_s,
                    },
                )
            if path == "/_sim/ledger":
                return Answer(200, self.store.ledger())
            if path == "/_sim/stats":
                with self._stats_lock:
                    return Answer(
                        200, {"requests": dict(self.requests), "faults": self.faults.snapshot()}
                    )
            if path == "/_sim/heartbeats":
                return Answer(200, self.heartbeats)
            if path == "/_sim/support":
                return Answer(200, {"uploads": self.support_uploads})
            if path == "/_sim/audit":
                return Answer(
                    200, {"anchors": self.audit_anchors, "regressions": self.audit_regressions}
                )
            if path == "/_sim/commands" and method == "POST":
                from sync.simulator.fleet import make_command

                command = make_command(self.command_key, value, self.wall_now())
                self.commands.setdefault(str(value["kiosk_id"]), []).append(command)
                return Answer(200, {"command": command, "queued": self.commands})
            if path == "/_sim/ring" and method == "POST":
                ring = value.get("ring")
                if ring not in ("canary", "early", "all"):
                    raise HttpError(422, "invalid", "ring: canary, early or all")
                self.rings[str(value["kiosk_id"])] = ring
                return Answer(200, {"rings": self.rings})
            if path.startswith("/_sim/blobs/"):  # a blob's bytes (a screenshot, a scan)
                sha = path.rsplit("/", 1)[1]
                if not _SHA.match(sha) or not self.store.has_blob(sha):
                    raise HttpError(404, "invalid", "no such blob")
                data = self.store.blob_path(sha).read_bytes()
                return Answer(
                    200,
                    {"sha256": sha, "size": len(data), "base64": base64.b64encode(data).decode()},
                )
            if path == "/_sim/command-results":
                return Answer(200, {"results": self.command_results})
            if path == "/_sim/command-key":
                from sync.commands import public_key_pem

                pub = self.command_key.public_key()
                return Answer(
                    200,
                    {
                        "alg": "Ed25519",
                        "public_key_pem": public_key_pem(pub).decode("ascii"),
                        "public_key_hex": pub.public_bytes_raw().hex(),
                    },
                )
            if path == "/_sim/kiosks":
                if method == "POST":
                    self.store.add_kiosk(str(value["kiosk_id"]), str(value["secret"]).encode())
                return Answer(200, {"kiosks": self.store.kiosk_ids()})
            if path == "/_sim/catalog" and method == "POST":
                version = self.store.publish(
                    list(value.get("items") or []),
                    list(value.get("withdrawn") or []),
                    full=bool(value.get("full")),
                )
                return Answer(200, {"version": version})
            if path == "/_sim/holder":
                if method == "POST":
                    mode = str(value.get("records", "good"))
                    if mode not in sim_holder.HOLDER_MODES:
                        raise ValueError(f"records: expected one of {sim_holder.HOLDER_MODES}")
                    self.holder_mode = mode
                return Answer(200, {"records": self.holder_mode})
            if path == "/_sim/seals":
                return Answer(
                    200, self.seals.control(value) if method == "POST" else self.seals.snapshot()
                )
            if path == "/_sim/authorisations" and method == "POST":
                item = self.store.item(str(value["item_code"]))
                return Answer(200, self.authorisations.mint(value, self.seals, item))
            if path == "/_sim/agents":
                return Answer(200, {"applications": self.authorisations.records()})
            if path == "/_sim/catalog/malformed" and method == "POST":
                return Answer(200, {"version": catalog_seed.publish_malformed(self.store)})
            if path == "/_sim/catalog":
                return Answer(200, self.store.catalog_since(None))
        except (KeyError, TypeError, ValueError) as exc:
            raise HttpError(400, "invalid", str(exc)) from None
        raise HttpError(404, "invalid", f"no such control endpoint: {method} {path}")


# ---------------------------------------------------------------- HTTP plumbing


class SimHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    platform: Platform
    request_queue_size = 64
    tls: Any = None
    """An ``ssl.SSLContext`` (server side) when serving HTTPS."""
    prefix: str = ""
    """The path the platform is served under (``/zwfw``), or "" for the root."""

    def finish_request(self, request: Any, client_address: Any) -> None:
        # The TLS handshake happens here, in the connection's own thread, so that a slow or
        # failing client never blocks the accept loop.
        if self.tls is not None:
            import ssl

            try:
                request = self.tls.wrap_socket(request, server_side=True)
            except (ssl.SSLError, OSError) as exc:
                log.info("TLS handshake with %s failed: %s", client_address[0], exc)
                request.close()
                return
        super().finish_request(request, client_address)

    def handle_error(self, request: Any, client_address: Any) -> None:
        import sys

        exc = sys.exc_info()[1]
        if isinstance(exc, ConnectionError | TimeoutError):  # a client gave up: normal
            log.debug("connection from %s ended: %s", client_address, exc)
            return
        log.exception("simulator error serving %s", client_address)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # small answers must not wait for the client's delayed ACK
    server: SimHTTPServer
    server_version = "BianminPlatformSim/1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        log.debug("%s %s", self.address_string(), format % args)

    def date_time_string(self, timestamp: float | None = None) -> str:
        return email.utils.formatdate(self.server.platform.wall_now(), usegmt=True)

    def do_GET(self) -> None:  # noqa: N802
        self._dispatch("GET")

    def do_HEAD(self) -> None:  # noqa: N802
        self._dispatch("HEAD")

    def do_POST(self) -> None:  # noqa: N802
        self._dispatch("POST")

    def do_PUT(self) -> None:  # noqa: N802
        self._dispatch("PUT")

    def _read_body(self, limit: int) -> bytes | None:
        length = self.headers.get("Content-Length")
        if length is None:
            return b""
        try:
            n = int(length)
        except ValueError:
            n = -1
        if n < 0 or n > limit:
            self._send(
                Answer(413, {"error": "invalid", "reason": f"body larger than {limit} bytes"})
            )
            self.close_connection = True
            return None
        data = b""
        while len(data) < n:
            chunk = self.rfile.read(n - len(data))
            if not chunk:
                self.close_connection = True
                return None
            data += chunk
        return data

    def _dispatch(self, method: str) -> None:
        platform = self.server.platform
        target = self.path
        path = urlsplit(target).path
        prefix = self.server.prefix
        if prefix:  # served under a path, as behind a provincial gateway
            if path.startswith(prefix + "/"):
                path = path[len(prefix) :]
            elif not path.startswith("/_sim/"):
                if self._read_body(MAX_JSON_BODY) is None:
                    return
                self._send(Answer(404, {"error": "invalid", "reason": f"not under {prefix}/"}))
                return
        limit = (
            MAX_BLOB_BODY
            if path.startswith("/v1/blobs/") or path.endswith("/support")
            else MAX_JSON_BODY
        )
        body = self._read_body(limit)
        if body is None:
            return
        if path.startswith("/verify/") and method in ("GET", "HEAD"):
            self._verify_page(path, head=method == "HEAD")
            return
        if path.startswith("/_sim/") or path == "/openapi.json":
            if not _is_loopback(self.client_address[0]):
                self._send(
                    Answer(
                        403, {"error": "invalid", "reason": "control endpoints are loopback only"}
                    )
                )
                return
            try:
                if path == "/openapi.json":
                    from sync.simulator.openapi import openapi_document

                    answer = Answer(200, openapi_document())
                else:
                    answer = platform.control(method, path, body)
            except HttpError as exc:
                answer = Answer(exc.status, {"error": exc.code, "reason": exc.reason})
            self._send(answer, head=method == "HEAD")
            return
        if path.startswith("/fleet/"):
            self._fleet(method, path)
            return
        fault = platform.faults.pick(method, path) if path.startswith("/v1/") else None
        if platform.faults.latency_s:
            time.sleep(platform.faults.latency_s)
        if fault and fault.get("when", "before") == "before" and self._apply_fault(fault, None):
            platform.count(f"{method} {path.split('/')[2] if path.count('/') > 1 else path} fault")
            return
        try:
            answer = platform.handle(method, target, self.headers, body, prefix)
        except HttpError as exc:
            headers = {"Retry-After": str(exc.retry_after)} if exc.retry_after else {}
            answer = Answer(exc.status, {"error": exc.code, "reason": exc.reason}, headers)
        except Exception:  # the simulator must answer, never hang a client
            log.exception("simulator error on %s %s", method, path)
            answer = Answer(500, {"error": "unavailable", "reason": "simulator internal error"})
        platform.count(
            f"{method} {path.split('/')[2] if path.count('/') > 1 else path} {answer.status}"
        )
        if fault and fault.get("when") == "after" and self._apply_fault(fault, answer):
            return
        self._send(answer, head=method == "HEAD")

    def _fleet(self, method: str, path: str) -> None:
        """A file of the TUF repository (``/fleet/metadata/…``, ``/fleet/targets/…``): plain
        static files, as any web server or CDN serves them. One-shot faults whose ``path``
        starts with ``/fleet/`` apply: ``status``, ``stall`` and ``drip`` (the file's real
        length announced, then one byte every ``interval`` seconds: an endless download)."""
        platform = self.server.platform
        root = platform.fleet_repo
        fault = platform.faults.pick(method, path, once_only=True)
        if fault and fault["kind"] == "status":
            self._send(Answer(int(fault.get("status", 500)), {"error": "unavailable"}))
            return
        rel = path[len("/fleet/") :]
        top = rel.split("/")[0]
        file = None
        if root is not None and method in ("GET", "HEAD") and top in ("metadata", "targets"):
            candidate = (root / rel).resolve()
            if (root / top).resolve() in candidate.parents and candidate.is_file():
                file = candidate
        if file is None:
            self._send(Answer(404, {"error": "not_found", "reason": "no such file"}))
            return
        data = file.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if method == "HEAD":
            return
        if fault and fault["kind"] in ("stall", "drip"):
            self.close_connection = True
            try:
                self.wfile.write(data[: len(data) // 2])
                self.wfile.flush()
                if fault["kind"] == "stall":
                    time.sleep(float(fault.get("seconds", 30)))
                    return
                for i in range(len(data) // 2, len(data)):
                    time.sleep(float(fault.get("interval", 0.2)))
                    self.wfile.write(data[i : i + 1])
                    self.wfile.flush()
            except OSError:  # the client gave up
                pass
            return
        self.wfile.write(data)

    def _verify_page(self, path: str, head: bool) -> None:
        """The public page a printed document's QR points at (``verify_page.py``): no
        signature, no loopback rule — a phone anywhere opens it."""
        from urllib.parse import unquote

        from sync.simulator.verify_page import render

        doc_id = unquote(path[len("/verify/") :])
        status, page = render(doc_id, self.server.platform.documents.get(doc_id))
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(page)))
        self.end_headers()
        if not head:
            self.wfile.write(page)

    def _payload(self, answer: Answer) -> bytes:
        if answer.body is None:
            return b""
        return json.dumps(answer.body, ensure_ascii=False).encode("utf-8")

    def _send(
        self, answer: Answer, head: bool = False, content_type: str = "application/json"
    ) -> None:
        payload = self._payload(answer)
        self.send_response(answer.status)
        for k, v in answer.headers.items():
            self.send_header(k, v)
        if payload or not head:
            self.send_header("Content-Type", content_type + "; charset=utf-8")
        self.send_header("Content-Length", "0" if head else str(len(payload)))
        # headers and body in one write: one segment for a small answer
        self._headers_buffer.append(b"\r\n" + (b"" if head else payload))
        self.flush_headers()

    def _reset(self) -> None:
        """Abort the connection with a TCP reset (SO_LINGER 0)."""
        try:
            self.wfile.flush()
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        except OSError:
            pass
        self.close_connection = True
        try:
            self.connection.close()
        except OSError:
            pass

    def _apply_fault(self, fault: dict[str, Any], answer: Answer | None) -> bool:
        """Send the faulty answer; False when the fault does not change the answer."""
        kind = fault["kind"]
        if self.command == "HEAD" and kind in (
            "reset",
            "truncated",
            "garbage",
            "wrong_type",
            "oversized",
        ):
            self._reset()  # a HEAD answer has no body to break: the connection dies instead
            return True
        real = answer or Answer(201 if self.command in ("POST", "PUT") else 200, {"ok": True})
        if kind == "status":
            status = int(fault.get("status", 500))
            headers = {}
            if fault.get("retry_after") is not None:
                headers["Retry-After"] = str(fault["retry_after"])
            code = fault.get("error") or ("rate_limited" if status == 429 else "unavailable")
            self._send(
                Answer(
                    status,
                    {"error": code, "reason": str(fault.get("reason") or "injected fault")},
                    headers,
                )
            )
            return True
        if kind == "delay":
            time.sleep(float(fault.get("seconds", 5)))
            return False
        if kind in ("reset", "truncated"):
            payload = self._payload(real) or b'{"padding": "' + b"x" * 64 + b'"}'
            self.send_response(real.status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(payload) + (0 if kind == "reset" else 100)))
            self.end_headers()
            self.wfile.write(payload if kind == "truncated" else payload[: len(payload) // 2])
            if kind == "reset":
                self._reset()
            else:
                self.wfile.flush()
                self.close_connection = True
                try:
                    self.connection.shutdown(socket.SHUT_WR)
                except OSError:
                    pass
            return True
        if kind == "garbage":
            self._raw(real.status, b"<html>502 Bad Gateway</html>\x00\xff", "application/json")
            return True
        if kind == "wrong_type":
            self._raw(real.status, self._payload(real) or b"{}", "text/html")
            return True
        if kind == "body":  # a hostile answer, exactly these bytes, labelled JSON
            self._raw(
                int(fault.get("status", real.status)),
                str(fault.get("body", "")).encode("utf-8", "surrogatepass"),
                "application/json",
            )
            return True
        if kind in ("stall", "drip"):  # half the answer, then silence or a trickle
            payload = self._payload(real) or b'{"padding": "' + b"x" * 64 + b'"}'
            self.send_response(real.status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            half = len(payload) // 2
            self.wfile.write(payload[:half])
            self.wfile.flush()
            self.close_connection = True
            if kind == "stall":
                time.sleep(float(fault.get("seconds", 30)))
                return True
            try:
                for i in range(half, len(payload)):
                    time.sleep(float(fault.get("interval", 0.2)))
                    self.wfile.write(payload[i : i + 1])
                    self.wfile.flush()
            except OSError:  # the client gave up
                pass
            return True
        if kind == "oversized":
            size = int(fault.get("size", 9 * 1024 * 1024))
            self._raw(real.status, b'{"padding": "' + b"x" * size + b'"}', "application/json")
            return True
        return False

    def _raw(self, status: int, payload: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


class PlatformSimulator:
    """The simulator as an object: ``start()`` in a thread (tests) or ``serve_forever()``."""

    def __init__(
        self,
        data_dir: str | Path,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        kiosks: dict[str, bytes] | None = None,
        secrets_dirs: list[Path] | None = None,
        faults: FaultSettings | None = None,
        clock_speed: float = 1.0,
        seed_catalog: bool = True,
        malformed_catalog: bool = False,
        tls_cert: str | Path | None = None,
        tls_key: str | Path | None = None,
        tls_client_ca: str | Path | None = None,
        prefix: str = "",
        fleet_repo: str | Path | None = None,
    ) -> None:
        self.data_dir = Path(data_dir)
        self.store = SimStore(self.data_dir)
        dirs = [self.data_dir / "kiosks", *(secrets_dirs or [])]
        self.platform = Platform(self.store, Faults(faults), SimClock(clock_speed), dirs)
        from sync.simulator.fleet import command_key

        self.platform.command_key = command_key(self.data_dir)
        if fleet_repo:
            self.platform.fleet_repo = Path(fleet_repo)
        for kiosk_id, secret in (kiosks or {}).items():
            self.store.add_kiosk(kiosk_id, secret)
        if seed_catalog and self.store.catalog_version()[0] == 0:
            catalog_seed.seed(self.store)
        if malformed_catalog:
            catalog_seed.publish_malformed(self.store)
        self.httpd = SimHTTPServer((host, port), Handler)
        self.httpd.platform = self.platform
        self.httpd.prefix = "/" + prefix.strip("/") if prefix.strip("/") else ""
        if tls_cert:
            import ssl

            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.minimum_version = ssl.TLSVersion.TLSv1_2
            ctx.load_cert_chain(str(tls_cert), str(tls_key) if tls_key else None)
            if tls_client_ca:  # mutual TLS: only kiosks with a certificate from this CA
                ctx.verify_mode = ssl.CERT_REQUIRED
                ctx.load_verify_locations(str(tls_client_ca))
            self.httpd.tls = ctx
        self._thread: threading.Thread | None = None

    @property
    def command_public_key(self) -> bytes:
        """The platform's command key's public half (PEM): what a terminal pins."""
        from sync.commands import public_key_pem

        return public_key_pem(self.platform.command_key.public_key())

    @property
    def host(self) -> str:
        return str(self.httpd.server_address[0])

    @property
    def port(self) -> int:
        return int(self.httpd.server_address[1])

    @property
    def url(self) -> str:
        scheme = "https" if self.httpd.tls is not None else "http"
        return f"{scheme}://{self.host}:{self.port}{self.httpd.prefix}"

    def start(self) -> PlatformSimulator:
        # The accept loop wakes every POLL_S to look for a stop request: rarely, so that an
        # idle kiosk with its embedded simulator costs no CPU; stop() wakes it at once.
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, args=(POLL_S,), name="platform-sim", daemon=True
        )
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        self.httpd.serve_forever()

    def stop(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            stopper = threading.Thread(target=self.httpd.shutdown, daemon=True)
            stopper.start()
            while stopper.is_alive():  # wake the accept loop so that it sees the request
                try:
                    socket.create_connection((self.host, self.port), timeout=1).close()
                except OSError:
                    pass
                stopper.join(0.05)
        self.httpd.server_close()
        if self._thread:
            self._thread.join(timeout=5)
        self.store.close()

    def __enter__(self) -> PlatformSimulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
