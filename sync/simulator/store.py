"""The simulator's own SQLite store: kiosks, nonces, catalog versions, blobs, records, ledger.

One connection guarded by one lock: the simulator is a test and demo tool, and a single writer
keeps the ledger's "created exactly once" answers trivially correct under concurrent requests.
Blob bytes live in files named by their hash under ``<data>/blobs/`` (written to a temp name,
then renamed), the rest in ``<data>/platform.sqlite3``.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import time
import uuid
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS kiosks (kiosk_id TEXT PRIMARY KEY, secret BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS nonces (
  kiosk_id TEXT NOT NULL, nonce TEXT NOT NULL, seen_at REAL NOT NULL,
  PRIMARY KEY (kiosk_id, nonce));
CREATE INDEX IF NOT EXISTS nonces_seen ON nonces(seen_at);
CREATE TABLE IF NOT EXISTS catalog (
  item_code TEXT PRIMARY KEY, version INTEGER NOT NULL, withdrawn INTEGER NOT NULL DEFAULT 0,
  item TEXT);
CREATE TABLE IF NOT EXISTS catalog_meta (
  id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL, base_version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS blobs (
  sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, created_at REAL NOT NULL,
  put_count INTEGER NOT NULL DEFAULT 1, head_count INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS records (
  kind TEXT NOT NULL, key TEXT NOT NULL, kiosk_id TEXT NOT NULL, record_no TEXT NOT NULL,
  body TEXT NOT NULL, answer TEXT NOT NULL, created_at REAL NOT NULL,
  key_seen INTEGER NOT NULL DEFAULT 1, conflicts INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (kind, key));
CREATE TABLE IF NOT EXISTS applications (
  application_no TEXT PRIMARY KEY, local_ref TEXT NOT NULL UNIQUE, kiosk_id TEXT NOT NULL,
  item_code TEXT NOT NULL, key TEXT NOT NULL, created_sim REAL NOT NULL, test INTEGER NOT NULL,
  materials TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS applications_kiosk ON applications(kiosk_id);
CREATE TABLE IF NOT EXISTS application_routes (
  application_no TEXT PRIMARY KEY, routing TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS application_holders (
  application_no TEXT PRIMARY KEY, id_hash TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tokens (
  token TEXT PRIMARY KEY, id_hash TEXT NOT NULL, name_masked TEXT NOT NULL, expires_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS licenses (
  license_no TEXT PRIMARY KEY, id_hash TEXT NOT NULL, type_code TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS benefit_confirmations (
  id_hash TEXT NOT NULL, benefit_id TEXT NOT NULL, confirmation_no TEXT NOT NULL,
  PRIMARY KEY (id_hash, benefit_id));
"""

# Applications move through statuses at these simulated offsets (seconds after receipt).
# A deterministic eighth of them needs a supplement, another eighth is rejected.
ROUTING_FIELDS = ("receiving_region", "handling_region", "tongban_mode", "delivery")
TIMELINE_NORMAL = [
    ("received", 0, "终端已收件", "Received at the kiosk"),
    ("accepted", 600, "材料齐全，已受理", "All materials in order; accepted"),
    ("in_review", 3600, "审查中", "In review"),
    ("approved", 86400, "已批准", "Approved"),
    ("completed", 172800, "已办结，结果已送达", "Completed; the result has been delivered"),
]
TIMELINE_SUPPLEMENT = [
    ("received", 0, "终端已收件", "Received at the kiosk"),
    ("supplement_required", 3600, "需补正材料", "Supplementary materials required"),
]
TIMELINE_REJECTED = [
    ("received", 0, "终端已收件", "Received at the kiosk"),
    ("accepted", 600, "材料齐全，已受理", "All materials in order; accepted"),
    ("in_review", 3600, "审查中", "In review"),
    ("rejected", 86400, "不予批准", "Not approved"),
]
"""(status, seconds after submission, note, note in English): the platform's notes."""


def canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def iso(ts: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts))


class SimStore:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.blob_dir = self.data_dir / "blobs"
        self.blob_dir.mkdir(exist_ok=True)
        self.lock = threading.RLock()
        self.conn = sqlite3.connect(
            self.data_dir / "platform.sqlite3", check_same_thread=False, isolation_level=None
        )
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.executescript(SCHEMA)

    def close(self) -> None:
        with self.lock:
            self.conn.close()

    # ------------------------------------------------------------ kiosks, nonces

    def add_kiosk(self, kiosk_id: str, secret: bytes) -> None:
        with self.lock:
            self.conn.execute(
                "INSERT INTO kiosks VALUES (?, ?) ON CONFLICT(kiosk_id) DO UPDATE SET secret=excluded.secret",
                (kiosk_id, secret),
            )

    def kiosk_secret(self, kiosk_id: str) -> bytes | None:
        with self.lock:
            row = self.conn.execute(
                "SELECT secret FROM kiosks WHERE kiosk_id=?", (kiosk_id,)
            ).fetchone()
        return bytes(row[0]) if row else None

    def kiosk_ids(self) -> list[str]:
        with self.lock:
            return [
                r[0] for r in self.conn.execute("SELECT kiosk_id FROM kiosks ORDER BY kiosk_id")
            ]

    def use_nonce(self, kiosk_id: str, nonce: str, now: float, window_s: float) -> bool:
        """Record a nonce; False when it was already seen within the window (a replay)."""
        with self.lock:
            self.conn.execute("DELETE FROM nonces WHERE seen_at < ?", (now - 2 * window_s,))
            try:
                self.conn.execute("INSERT INTO nonces VALUES (?, ?, ?)", (kiosk_id, nonce, now))
            except sqlite3.IntegrityError:
                return False
            return True

    # ------------------------------------------------------------ catalog

    def catalog_version(self) -> tuple[int, int]:
        with self.lock:
            row = self.conn.execute("SELECT version, base_version FROM catalog_meta").fetchone()
        return (row[0], row[1]) if row else (0, 0)

    def publish(
        self, items: list[dict[str, Any]], withdrawn: list[str], *, full: bool = False
    ) -> int:
        """A new catalog version with these items changed (or, ``full``, as the whole catalog)."""
        with self.lock:
            version, base = self.catalog_version()
            new = version + 1
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                if full:
                    self.conn.execute("DELETE FROM catalog")
                    base = new
                for item in items:
                    code = item.get("item_code") if isinstance(item, dict) else None
                    code = (
                        code if isinstance(code, str) else f"MALFORMED-{new}-{uuid.uuid4().hex[:8]}"
                    )
                    self.conn.execute(
                        "INSERT INTO catalog VALUES (?, ?, 0, ?) ON CONFLICT(item_code) DO UPDATE "
                        "SET version=excluded.version, withdrawn=0, item=excluded.item",
                        (code, new, json.dumps(item, ensure_ascii=False)),
                    )
                for code in withdrawn:
                    self.conn.execute(
                        "INSERT INTO catalog VALUES (?, ?, 1, NULL) ON CONFLICT(item_code) DO UPDATE "
                        "SET version=excluded.version, withdrawn=1, item=NULL",
                        (code, new),
                    )
                self.conn.execute(
                    "INSERT INTO catalog_meta VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE "
                    "SET version=excluded.version, base_version=excluded.base_version",
                    (new, base or new),
                )
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
        return new

    def catalog_since(self, since: int | None) -> dict[str, Any]:
        with self.lock:
            version, base = self.catalog_version()
            full = since is None or since < base or since > version
            if full:
                rows = self.conn.execute(
                    "SELECT item FROM catalog WHERE withdrawn=0 ORDER BY item_code"
                ).fetchall()
                withdrawn: list[str] = []
            else:
                rows = self.conn.execute(
                    "SELECT item FROM catalog WHERE withdrawn=0 AND version>? ORDER BY item_code",
                    (since,),
                ).fetchall()
                withdrawn = [
                    r[0]
                    for r in self.conn.execute(
                        "SELECT item_code FROM catalog WHERE withdrawn=1 AND version>? ORDER BY item_code",
                        (since,),
                    )
                ]
        return {
            "version": version,
            "full": full,
            "items": [json.loads(r[0]) for r in rows],
            "withdrawn": withdrawn,
        }

    def item_state(self, item_code: str) -> str:
        """``active``, ``withdrawn`` or ``unknown``."""
        with self.lock:
            row = self.conn.execute(
                "SELECT withdrawn FROM catalog WHERE item_code=?", (item_code,)
            ).fetchone()
        if row is None:
            return "unknown"
        return "withdrawn" if row[0] else "active"

    # ------------------------------------------------------------ blobs

    def blob_path(self, sha256: str) -> Path:
        return self.blob_dir / sha256[:2] / sha256

    def has_blob(self, sha256: str, *, count_head: bool = False) -> bool:
        with self.lock:
            row = self.conn.execute("SELECT 1 FROM blobs WHERE sha256=?", (sha256,)).fetchone()
            if row and count_head:
                self.conn.execute(
                    "UPDATE blobs SET head_count=head_count+1 WHERE sha256=?", (sha256,)
                )
        return row is not None

    def put_blob(self, sha256: str, data: bytes, now: float) -> bool | None:
        """True when created, False when already there, None when the bytes do not match."""
        if hashlib.sha256(data).hexdigest() != sha256:
            return None
        if self.has_blob(sha256):
            with self.lock:
                self.conn.execute(
                    "UPDATE blobs SET put_count=put_count+1 WHERE sha256=?", (sha256,)
                )
            return False
        path = self.blob_path(sha256)
        path.parent.mkdir(exist_ok=True)
        tmp = path.with_name(f".{sha256}.{uuid.uuid4().hex}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
        with self.lock:
            cur = self.conn.execute(
                "INSERT INTO blobs (sha256, size, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                (sha256, len(data), now),
            )
            if cur.rowcount == 0:
                self.conn.execute(
                    "UPDATE blobs SET put_count=put_count+1 WHERE sha256=?", (sha256,)
                )
                return False
        return True

    # ------------------------------------------------------------ idempotent records

    def record(
        self,
        kind: str,
        key: str,
        kiosk_id: str,
        body: dict[str, Any],
        make: Any,
        now: float,
    ) -> tuple[int, dict[str, Any]]:
        """Create a record once per key: (201, answer), (200, same answer) or (409, error).

        ``make(record_no)`` returns the answer and performs the kind-specific inserts inside the
        same transaction; it may raise :class:`Unprocessable` to refuse the record for good.
        """
        text = canonical(body)
        with self.lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                row = self.conn.execute(
                    "SELECT body, answer FROM records WHERE kind=? AND key=?", (kind, key)
                ).fetchone()
                if row is not None:
                    if json.loads(row[0]) == body:
                        self.conn.execute(
                            "UPDATE records SET key_seen=key_seen+1 WHERE kind=? AND key=?",
                            (kind, key),
                        )
                        self.conn.execute("COMMIT")
                        return 200, json.loads(row[1])
                    self.conn.execute(
                        "UPDATE records SET key_seen=key_seen+1, conflicts=conflicts+1 WHERE kind=? AND key=?",
                        (kind, key),
                    )
                    self.conn.execute("COMMIT")
                    return 409, {
                        "error": "idempotency_conflict",
                        "reason": "this Idempotency-Key was used with a different body",
                    }
                seq = self.conn.execute(
                    "SELECT COUNT(*) FROM records WHERE kind=?", (kind,)
                ).fetchone()[0]
                record_no = (
                    f"{PREFIX[kind]}{time.strftime('%Y%m%d', time.gmtime(now))}{seq + 1:08d}"
                )
                answer = make(record_no)
                self.conn.execute(
                    "INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?, 1, 0)",
                    (kind, key, kiosk_id, record_no, text, canonical(answer), now),
                )
                self.conn.execute("COMMIT")
                return 201, answer
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise

    def insert_application(
        self, application_no: str, body: dict[str, Any], key: str, created_sim: float
    ) -> None:
        """Called from ``make`` inside :meth:`record`'s transaction."""
        self.conn.execute(
            "INSERT INTO applications VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                application_no,
                body["local_ref"],
                body["kiosk_id"],
                body["item_code"],
                key,
                created_sim,
                1 if body.get("test") else 0,
                json.dumps(
                    [m.get("sha256") for m in body.get("materials") or [] if m.get("sha256")]
                ),
            ),
        )
        routing = {k: body[k] for k in ROUTING_FIELDS if body.get(k) is not None}
        if routing:  # 通办: where it was received, where and how it is handled
            self.conn.execute(
                "INSERT INTO application_routes VALUES (?, ?)",
                (application_no, json.dumps(routing, ensure_ascii=False)),
            )

        id_number = (body.get("applicant") or {}).get("id_number")
        if isinstance(id_number, str) and id_number:  # only its hash is kept
            self.conn.execute(
                "INSERT OR REPLACE INTO application_holders VALUES (?, ?)",
                (application_no, hashlib.sha256(id_number.encode()).hexdigest()),
            )

    def holder_hash(self, application_no: str) -> str | None:
        """The SHA-256 hex of the applicant's ID number (for the sealed acceptance record)."""
        with self.lock:
            row = self.conn.execute(
                "SELECT id_hash FROM application_holders WHERE application_no=?",
                (application_no,),
            ).fetchone()
        return row[0] if row else None

    def local_ref_taken(self, local_ref: str) -> bool:
        row = self.conn.execute(
            "SELECT 1 FROM applications WHERE local_ref=?", (local_ref,)
        ).fetchone()
        return row is not None

    # ------------------------------------------------------------ statuses

    def application(self, ref: str) -> dict[str, Any] | None:
        with self.lock:
            row = self.conn.execute(
                "SELECT application_no, local_ref, kiosk_id, item_code, created_sim FROM applications "
                "WHERE application_no=? OR local_ref=?",
                (ref, ref),
            ).fetchone()
        if not row:
            return None
        app = dict(
            zip(
                ("application_no", "local_ref", "kiosk_id", "item_code", "created_sim"),
                row,
                strict=True,
            )
        )
        with self.lock:
            route = self.conn.execute(
                "SELECT routing FROM application_routes WHERE application_no=?", (row[0],)
            ).fetchone()
        app["routing"] = json.loads(route[0]) if route else {}
        return app

    def applications_of(self, kiosk_id: str) -> list[dict[str, Any]]:
        with self.lock:
            rows = self.conn.execute(
                "SELECT a.application_no, local_ref, kiosk_id, item_code, created_sim, r.routing"
                " FROM applications a LEFT JOIN application_routes r"
                " ON r.application_no = a.application_no"
                " WHERE kiosk_id=? ORDER BY a.application_no",
                (kiosk_id,),
            ).fetchall()
        keys = ("application_no", "local_ref", "kiosk_id", "item_code", "created_sim")
        return [
            {**dict(zip(keys, r[:5], strict=True)), "routing": json.loads(r[5]) if r[5] else {}}
            for r in rows
        ]

    # ------------------------------------------------------------ identity

    def add_token(self, token: str, id_hash: str, name_masked: str, expires_at: float) -> None:
        with self.lock:
            self.conn.execute(
                "INSERT INTO tokens VALUES (?, ?, ?, ?)", (token, id_hash, name_masked, expires_at)
            )

    def token(self, token: str, now: float) -> tuple[str, str] | None:
        with self.lock:
            row = self.conn.execute(
                "SELECT id_hash, name_masked FROM tokens WHERE token=? AND expires_at>?",
                (token, now),
            ).fetchone()
        return (row[0], row[1]) if row else None

    def issued_licenses(self, id_hash: str, licenses: list[dict[str, Any]]) -> None:
        """Remember what was issued, so that an application can only cite a real license."""
        with self.lock:
            self.conn.executemany(
                "INSERT OR IGNORE INTO licenses VALUES (?, ?, ?)",
                [(x["license_no"], id_hash, x["type_code"]) for x in licenses],
            )

    def license_type(self, license_no: str) -> str | None:
        """The type code of an issued license (call inside :meth:`record`'s transaction)."""
        row = self.conn.execute(
            "SELECT type_code FROM licenses WHERE license_no=?", (license_no,)
        ).fetchone()
        return row[0] if row else None

    def active_items(self) -> list[dict[str, Any]]:
        with self.lock:
            rows = self.conn.execute("SELECT item FROM catalog WHERE withdrawn=0").fetchall()
        out = []
        for r in rows:
            try:
                v = json.loads(r[0])
            except ValueError:
                continue
            if isinstance(v, dict):
                out.append(v)
        return out

    def item(self, item_code: str) -> dict[str, Any] | None:
        row = self.conn.execute(
            "SELECT item FROM catalog WHERE item_code=? AND withdrawn=0", (item_code,)
        ).fetchone()
        try:
            v = json.loads(row[0]) if row else None
        except ValueError:
            return None
        return v if isinstance(v, dict) else None

    # ------------------------------------------------------------ ledger

    # ------------------------------------------------------------ the holder's space

    def applications_of_holder(self, id_hash: str) -> list[dict[str, Any]]:
        """The non-test applications whose applicant's ID number hashes to ``id_hash``."""
        with self.lock:
            rows = self.conn.execute(
                "SELECT a.application_no, a.local_ref, a.kiosk_id, a.item_code, a.created_sim, "
                "r.body FROM applications a JOIN records r "
                "ON r.kind='applications' AND r.record_no=a.application_no "
                "WHERE a.test=0 ORDER BY a.application_no"
            ).fetchall()
        keys = ("application_no", "local_ref", "kiosk_id", "item_code", "created_sim")
        out = []
        for r in rows:
            applicant = json.loads(r[5]).get("applicant") or {}
            number = str(applicant.get("id_number") or "") if isinstance(applicant, dict) else ""
            if hashlib.sha256(number.encode()).hexdigest() == id_hash:
                out.append(dict(zip(keys, r[:5], strict=True)))
        return out

    def confirmed_benefits(self, id_hash: str) -> dict[str, str]:
        with self.lock:
            rows = self.conn.execute(
                "SELECT benefit_id, confirmation_no FROM benefit_confirmations WHERE id_hash=?",
                (id_hash,),
            ).fetchall()
        return {r[0]: r[1] for r in rows}

    def insert_confirmation(self, id_hash: str, benefit_id: str, confirmation_no: str) -> bool:
        """Called from ``make`` inside :meth:`record`'s transaction; False: confirmed before."""
        try:
            self.conn.execute(
                "INSERT INTO benefit_confirmations VALUES (?, ?, ?)",
                (id_hash, benefit_id, confirmation_no),
            )
        except sqlite3.IntegrityError:
            return False
        return True

    def ledger(self) -> dict[str, Any]:
        with self.lock:
            out: dict[str, Any] = {}
            for kind in PREFIX:
                rows = self.conn.execute(
                    "SELECT key, kiosk_id, record_no, key_seen, conflicts, created_at FROM records "
                    "WHERE kind=? ORDER BY record_no",
                    (kind,),
                ).fetchall()
                out[kind] = [
                    {
                        "key": r[0],
                        "kiosk_id": r[1],
                        "record_no": r[2],
                        "key_seen": r[3],
                        "conflicts": r[4],
                        "created_at": iso(r[5]),
                    }
                    for r in rows
                ]
            apps = {
                r[0]: (r[1], r[2], json.loads(r[3]))
                for r in self.conn.execute(
                    "SELECT application_no, local_ref, test, materials FROM applications"
                )
            }
            cited = {
                r[0]: [
                    {"material_id": m.get("material_id"), "license_no": m.get("license_no")}
                    for m in json.loads(r[1]).get("materials") or []
                    if isinstance(m, dict) and m.get("source") == "elicense"
                ]
                for r in self.conn.execute(
                    "SELECT record_no, body FROM records WHERE kind='applications'"
                )
            }
            blobs = {
                r[0]: {"sha256": r[0], "size": r[1], "put_count": r[2], "head_count": r[3]}
                for r in self.conn.execute("SELECT sha256, size, put_count, head_count FROM blobs")
            }
        for entry in out["applications"]:
            local_ref, test, materials = apps[entry["record_no"]]
            entry["application_no"] = entry["record_no"]
            entry["local_ref"] = local_ref
            entry["test"] = bool(test)
            entry["materials"] = materials
            entry["elicenses"] = cited.get(entry["record_no"], [])
            entry["materials_present"] = all(m in blobs for m in materials)
        out["blobs"] = sorted(blobs.values(), key=lambda b: b["sha256"])
        return out


PREFIX = {
    "applications": "SQ",
    "reviews": "PJ",
    "problems": "BC",
    "help_requests": "BB",
    "benefit_confirmations": "MS",
}


class Unprocessable(Exception):
    """A record refused for good (422)."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason
