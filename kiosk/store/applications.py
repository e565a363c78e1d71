"""Applications as the kiosk keeps them: reference numbers, status, encrypted applicant data."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from kiosk.store.crypto import Sealer


@dataclass(frozen=True)
class StoredMaterial:
    material_id: str
    name: str
    source: str
    sha256: str | None
    size: int | None
    mime: str | None
    supply_by: str | None


@dataclass(frozen=True)
class StoredApplication:
    id: str
    local_ref: str
    item_code: str
    item_name: str
    catalog_version: int
    kiosk_id: str
    created_at: str
    test: bool
    status: str
    application_no: str | None
    status_updated_at: str | None
    history: list[dict[str, Any]]
    purged: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "local_ref": self.local_ref,
            "application_no": self.application_no,
            "item_code": self.item_code,
            "item_name": self.item_name,
            "status": self.status,
            "updated_at": self.status_updated_at or self.created_at,
            "created_at": self.created_at,
            "history": self.history,
            "test": self.test,
        }


@dataclass(frozen=True)
class StoredAcceptanceSeal:
    """The outcome of checking the platform's sealed acceptance record (no personal data;
    the sealed bundle itself is read with :meth:`Applications.acceptance_bundle`)."""

    application_id: str
    state: str
    """``verified`` or ``refused``."""
    verdict: str
    """``verified``, or why not: a seal verdict kind or ``wrong_record``/``wrong_holder``."""
    reason: str
    doc_id: str
    issuer: str
    seal_name: str
    es_id: str
    signed_at: str
    accepted_at: str
    digest: str

    @property
    def verified(self) -> bool:
        return self.state == "verified"


_SEAL_COLS = (
    "application_id, state, verdict, reason, doc_id, issuer, seal_name, es_id, signed_at,"
    " accepted_at, digest"
)


_COLS = (
    "id, local_ref, item_code, item_name, catalog_version, kiosk_id, created_at, test, status,"
    " application_no, status_updated_at, history_json, purged_at"
)


class Applications:
    def __init__(
        self,
        conn: sqlite3.Connection,
        sealer: Sealer,
        tx: Callable[[], AbstractContextManager[sqlite3.Connection]],
    ) -> None:
        self._conn = conn
        self._sealer = sealer
        self._tx = tx

    def _make(self, r: tuple[Any, ...]) -> StoredApplication:
        return StoredApplication(
            id=r[0],
            local_ref=r[1],
            item_code=r[2],
            item_name=r[3],
            catalog_version=r[4],
            kiosk_id=r[5],
            created_at=r[6],
            test=bool(r[7]),
            status=r[8],
            application_no=r[9],
            status_updated_at=r[10],
            history=json.loads(r[11]),
            purged=r[12] is not None,
        )

    def get(self, application_id: str) -> StoredApplication | None:
        r = self._conn.execute(
            f"SELECT {_COLS} FROM applications WHERE id = ?", (application_id,)
        ).fetchone()
        return self._make(r) if r else None

    def get_by_ref(self, ref: str) -> StoredApplication | None:
        """By local reference or platform application number."""
        r = self._conn.execute(
            f"SELECT {_COLS} FROM applications WHERE local_ref = ? OR application_no = ?",
            (ref, ref),
        ).fetchone()
        return self._make(r) if r else None

    def list(self, limit: int = 100) -> list[StoredApplication]:
        return [
            self._make(r)
            for r in self._conn.execute(
                f"SELECT {_COLS} FROM applications ORDER BY created_at DESC LIMIT ?", (limit,)
            )
        ]

    def applicant(self, application_id: str) -> dict[str, Any] | None:
        """The decrypted applicant (None once purged after retention)."""
        r = self._conn.execute(
            "SELECT applicant_enc FROM applications WHERE id = ?", (application_id,)
        ).fetchone()
        if not r or r[0] is None:
            return None
        return json.loads(self._sealer.open(r[0], aad=f"applicant:{application_id}".encode()))

    def agent(self, application_id: str) -> dict[str, Any] | None:
        """The decrypted agent (委托代办) of an application, None when the applicant applied
        themselves (or after retention)."""
        r = self._conn.execute(
            "SELECT agent_enc FROM applications WHERE id = ?", (application_id,)
        ).fetchone()
        if not r or r[0] is None:
            return None
        return json.loads(self._sealer.open(r[0], aad=f"agent:{application_id}".encode()))

    def form(self, application_id: str) -> dict[str, Any] | None:
        r = self._conn.execute(
            "SELECT form_enc FROM applications WHERE id = ?", (application_id,)
        ).fetchone()
        if not r or r[0] is None:
            return None
        return json.loads(self._sealer.open(r[0], aad=f"form:{application_id}".encode()))

    def materials(self, application_id: str) -> list[StoredMaterial]:
        return [
            StoredMaterial(*r)
            for r in self._conn.execute(
                "SELECT material_id, name, source, sha256, size, mime, supply_by"
                " FROM application_materials WHERE application_id = ? ORDER BY rowid",
                (application_id,),
            )
        ]

    def materials_of(self, application_id: str) -> list[tuple[str, int, str]]:
        """(sha256, size, mime) of the scanned materials to upload before the application."""
        return [
            (m.sha256, m.size or 0, m.mime or "application/octet-stream")
            for m in self.materials(application_id)
            if m.source == "scan" and m.sha256
        ]

    def record_platform_answer(
        self,
        application_id: str,
        application_no: str | None,
        status: str,
        conn: sqlite3.Connection | None = None,
    ) -> None:
        """Store the platform's answer to our POST (inside ``conn``'s transaction if given)."""

        def apply(c: sqlite3.Connection) -> None:
            c.execute(
                "UPDATE applications SET application_no = coalesce(?, application_no),"
                " status = ?, confirmed_at = coalesce(confirmed_at, ?) WHERE id = ?",
                (application_no, status, time.time(), application_id),
            )

        if conn is not None:
            apply(conn)
        else:
            with self._tx() as c:
                apply(c)

    def mark_refused(self, application_id: str, code: str, reason: str) -> None:
        with self._tx() as c:
            c.execute(
                "UPDATE applications SET status = 'refused', history_json = ? WHERE id = ?",
                (
                    json.dumps(
                        [{"status": "refused", "note": f"{code}: {reason}"}], ensure_ascii=False
                    ),
                    application_id,
                ),
            )

    def update_status(
        self, ref: str, status: str, updated_at: str, history: list[dict[str, Any]] | None = None
    ) -> bool:
        """Apply a status from the platform; returns False when no such application is here."""
        with self._tx() as c:
            cur = c.execute(
                "UPDATE applications SET status = ?, status_updated_at = ?,"
                " history_json = coalesce(?, history_json)"
                " WHERE application_no = ? OR local_ref = ?",
                (
                    status,
                    updated_at,
                    json.dumps(history, ensure_ascii=False) if history is not None else None,
                    ref,
                    ref,
                ),
            )
            return cur.rowcount > 0

    # ------------------------------------------------------------ sealed acceptance

    def acceptance_seal(self, application_id: str) -> StoredAcceptanceSeal | None:
        r = self._conn.execute(
            f"SELECT {_SEAL_COLS} FROM acceptance_seals WHERE application_id = ?",
            (application_id,),
        ).fetchone()
        return StoredAcceptanceSeal(*(x if x is not None else "" for x in r)) if r else None

    def acceptance_bundle(self, application_id: str) -> bytes | None:
        """The verified sealed bundle (``bianmin-sealed/1``), decrypted; None if none."""
        r = self._conn.execute(
            "SELECT bundle_enc FROM acceptance_seals WHERE application_id = ?"
            " AND state = 'verified'",
            (application_id,),
        ).fetchone()
        if not r or r[0] is None:
            return None
        return self._sealer.open(r[0], aad=f"acceptance:{application_id}".encode())

    def record_acceptance_seal(
        self, seal: StoredAcceptanceSeal, bundle: bytes | None, audit: Any = None
    ) -> bool:
        """Store a checked acceptance seal (``bundle`` only for a verified one). A verified
        seal is never replaced by a refused one. ``audit(conn)`` runs in the same transaction.
        Returns False when nothing changed."""
        with self._tx() as c:
            old = c.execute(
                "SELECT state, es_id, digest FROM acceptance_seals WHERE application_id = ?",
                (seal.application_id,),
            ).fetchone()
            if old is not None and old[0] == "verified":
                if not seal.verified or (old[1], old[2]) == (seal.es_id, seal.digest):
                    return False
            if old is not None and old[0] == "refused" and not seal.verified:
                return False
            enc = (
                self._sealer.seal(bundle, aad=f"acceptance:{seal.application_id}".encode())
                if bundle is not None and seal.verified
                else None
            )
            c.execute(
                "INSERT OR REPLACE INTO acceptance_seals VALUES"
                " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    seal.application_id,
                    seal.state,
                    seal.verdict,
                    seal.reason,
                    seal.doc_id,
                    seal.issuer,
                    seal.seal_name,
                    seal.es_id,
                    seal.signed_at,
                    seal.accepted_at,
                    seal.digest,
                    enc,
                    time.time(),
                ),
            )
            if audit is not None:
                audit(c)
            return True
