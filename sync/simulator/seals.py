"""The simulator's electronic seals: a simulated province seal-issuer CA, a seal maker and one
signer per issuing body (``kiosk.seals.make.SealAuthority``), the trust store it publishes
(``GET /v1/seal-trust``) and the sealed documents it hands out
(``GET /v1/licenses/{license_no}/document``).

``/_sim/seals`` (loopback, unsigned) lets a test make things go wrong the way they do in the
world: ``{"documents": "good" | "tampered" | "unknown_issuer"}`` (a byte of the document
changed after sealing; a seal by an issuer the province does not know), ``{"revoke": [org…]}``
(the signer certificates of these bodies go on the revocation list, and the trust version
grows), ``{"trust": "good" | "malformed"}`` (the next trust answers are unusable), ``{"results":
"good" | "other_holder" | "expired_seal" | "unreadable"}`` (instant results: see
``sync/simulator/results.py``; ``documents`` applies to them too), ``{"acceptance": "good" |
"other_holder"}`` (sealed acceptance records: ``sync/simulator/acceptance.py``).
"""

from __future__ import annotations

import base64
import json
import threading
import time
from datetime import UTC, datetime
from typing import Any

from kiosk.seals.make import SealAuthority
from kiosk.seals.trust import trust_document

DOCUMENT_MODES = ("good", "tampered", "unknown_issuer")


class SimSeals:
    def __init__(self, seed: str = "bianmin-sim-seals-0001") -> None:
        self.seed = seed
        self._lock = threading.Lock()
        self._authority: SealAuthority | None = None
        self._stranger: SealAuthority | None = None
        self.documents = "good"
        self.results = "good"
        self.acceptance = "good"
        self.trust_mode = "good"
        self.revoked_orgs: list[str] = []
        # Versions only grow, also across restarts (the revocations live in memory): a
        # terminal that saw a later version never refuses a restarted simulator as "older".
        self.version = int(time.time())

    @property
    def authority(self) -> SealAuthority:
        with self._lock:
            if self._authority is None:
                self._authority = SealAuthority.create(seed=self.seed)
            return self._authority

    @property
    def stranger(self) -> SealAuthority:
        with self._lock:
            if self._stranger is None:
                self._stranger = SealAuthority.create(seed=self.seed + "|not-the-province")
            return self._stranger

    def trust(self) -> dict[str, Any]:
        if self.trust_mode == "malformed":
            return {"version": self.version + 1, "issuers": ["bm90IGEgY2VydGlmaWNhdGU="]}
        a = self.authority
        with self._lock:
            revoked = list(self.revoked_orgs)
        return trust_document(
            self.version,
            [a.issuer_cert],
            revoked_certs=[a.signer(org).cert for org in revoked],
            issued_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        )

    def control(self, value: dict[str, Any]) -> dict[str, Any]:
        if "documents" in value:
            if value["documents"] not in DOCUMENT_MODES:
                raise ValueError(f"documents: expected one of {DOCUMENT_MODES}")
            self.documents = value["documents"]
        if "results" in value:
            from sync.simulator.results import RESULT_MODES

            if value["results"] not in RESULT_MODES:
                raise ValueError(f"results: expected one of {RESULT_MODES}")
            self.results = value["results"]
        if "acceptance" in value:
            from sync.simulator.acceptance import ACCEPTANCE_MODES

            if value["acceptance"] not in ACCEPTANCE_MODES:
                raise ValueError(f"acceptance: expected one of {ACCEPTANCE_MODES}")
            self.acceptance = value["acceptance"]
        if "trust" in value:
            if value["trust"] not in ("good", "malformed"):
                raise ValueError("trust: expected good or malformed")
            self.trust_mode = value["trust"]
        if "revoke" in value:
            with self._lock:
                self.revoked_orgs = sorted(set(self.revoked_orgs) | set(map(str, value["revoke"])))
                self.version += 1
        return self.snapshot()

    def snapshot(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "results": self.results,
            "acceptance": self.acceptance,
            "trust": self.trust_mode,
            "revoked": self.revoked_orgs,
            "version": self.version,
        }

    def sealed(
        self,
        doc: bytes,
        org: str,
        now: float,
        *,
        seal_valid: tuple[datetime, datetime] | None = None,
    ) -> tuple[bytes, bytes]:
        """``(document bytes, SES_Signature DER)`` as the current mode makes them."""
        at = datetime.fromtimestamp(int(now), UTC)
        signer = self.stranger if self.documents == "unknown_issuer" else self.authority
        sig = signer.sign(doc, org, at, property_info="application/json", seal_valid=seal_valid)
        if self.documents == "tampered":
            doc = doc.replace("有效".encode(), "无效".encode(), 1) + b" "
        return doc, sig


def license_document(license: dict[str, Any], holder_masked: str) -> bytes:
    """The e-license as a document: canonical UTF-8 JSON (the simulator's stand-in for the OFD
    file a real e-license system returns)."""
    body = {
        "document_type": "e-license",
        "license_no": license["license_no"],
        "type_code": license["type_code"],
        "type_name": license["type_name"],
        "issuer": license["issuer"],
        "holder": holder_masked,
        "valid_from": license["valid_from"],
        "valid_to": license["valid_to"],
        "status": "有效",
    }
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def document_answer(license_no: str, doc: bytes, sig: bytes, issuer: str) -> dict[str, Any]:
    return {
        "license_no": license_no,
        "issuer": issuer,
        "mime": "application/json",
        "document": base64.b64encode(doc).decode(),
        "signature": base64.b64encode(sig).decode(),
    }
