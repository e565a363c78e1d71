"""The simulator's 委托代办: QR authorisations it issues (``POST /_sim/authorisations``, for
tests: the platform's own issuing happens in the principal's app) and the check of an
application's ``agent`` against its item.

An authorisation is the compact signed form ``kiosk.domain.delegation`` reads: canonical claims
signed (SM2-with-SM3) by the platform's authorisation signer, a seal signer of the simulated
province seal issuer (the same trust store ``GET /v1/seal-trust`` publishes), with the signer's
certificate. ``mode`` makes the ones a test needs: ``good``, ``expired`` (issued two days ago,
expired yesterday), ``forged`` (the claims changed after signing: a later expiry), ``stranger``
(signed by an issuer the province does not know).

An application naming an ``agent`` is 422 ``invalid`` with the reason when the item takes no
agent (``agent: … must be applied for in person: <reason>``), the way is not one the item
lists, the agent is the applicant, a QR authorisation's id was not issued by this platform for
this item, principal and agent, or a power of attorney is not among the scanned materials.
"""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from typing import Any

from kiosk.domain.delegation import (
    POA_MATERIAL,
    WAYS,
    claims_bytes,
    make_token,
    policy,
    same_person,
)

SIGNER = "北京市政务服务管理局"
"""The body whose seal signer signs authorisations."""
MODES = ("good", "expired", "forged", "stranger")


class Refused(ValueError):
    pass


class Authorisations:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._issued: dict[str, tuple[str, str, str]] = {}
        """auth id → (item code, principal ID number, agent ID number)."""
        self._records: dict[str, dict[str, Any]] = {}
        """application no → who applied for whom (``GET /_sim/agents``)."""

    def mint(self, value: dict[str, Any], seals: Any, item: dict[str, Any] | None) -> dict:
        principal = value["principal"]
        pid = str(principal["id_number"]).upper()
        aid = str(value["agent_id_number"]).upper()
        mode = str(value.get("mode", "good"))
        if mode not in MODES:
            raise ValueError(f"mode: expected one of {MODES}")
        if item is None:
            raise ValueError("item_code: not in the catalog")
        now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        if mode == "expired":
            issued, not_after = now - dt.timedelta(days=2), now - dt.timedelta(days=1)
        else:
            issued = now - dt.timedelta(minutes=1)
            not_after = now + dt.timedelta(minutes=int(value.get("valid_minutes", 60 * 24)))
        auth_id = str(uuid.uuid4())
        fields = {
            "auth_id": auth_id,
            "item_code": item["item_code"],
            "item_name": item["name"],
            "principal_name": str(principal["name"]),
            "principal_id": pid,
            "agent_id": aid,
            "issued_at": issued,
        }
        claims = claims_bytes(**fields, not_after=not_after)
        authority = seals.stranger if mode == "stranger" else seals.authority
        signer = authority.signer(SIGNER)
        signature = signer.key.sign(claims)
        if mode == "forged":  # signed, then the expiry stretched by a year
            claims = claims_bytes(**fields, not_after=not_after + dt.timedelta(days=365))
        with self._lock:
            self._issued[auth_id] = (item["item_code"], pid, aid)
        return {
            "code": make_token(claims, signature, signer.cert),
            "auth_id": auth_id,
            "not_after": not_after.strftime("%Y-%m-%dT%H:%M:%SZ"),
        }

    def check(self, app: dict[str, Any], item: dict[str, Any]) -> None:
        """Raise :class:`Refused` (the reason names the field) when ``app``'s agent does not
        fit ``item`` (see the module doc); nothing for an application without an agent."""
        agent = app.get("agent")
        if agent is None:
            return
        if not isinstance(agent, dict):
            raise Refused("agent: expected an object")
        for name in ("name", "id_number", "way"):
            if not isinstance(agent.get(name), str) or not agent[name]:
                raise Refused(f"agent.{name}: required")
        way = agent["way"]
        if way not in WAYS:
            raise Refused(f"agent.way: expected one of {WAYS}")
        p = policy(item)
        if not p.offered:
            raise Refused("agent: this item does not take an agent (委托代办 not offered)")
        if not p.allowed:
            raise Refused(
                f"agent: this item must be applied for in person: {p.reason_zh}"
                + (f" ({p.reason_en})" if p.reason_en else "")
            )
        if way not in p.ways:
            raise Refused(f"agent.way: {way!r} is not allowed for this item ({', '.join(p.ways)})")
        applicant = app.get("applicant") or {}
        if same_person(agent["id_number"], str(applicant.get("id_number", ""))):
            raise Refused("agent.id_number: the agent is the applicant")
        if way == "qr_authorisation":
            with self._lock:
                issued = self._issued.get(str(agent.get("authorisation_id")))
            want = (
                item["item_code"],
                str(applicant.get("id_number", "")).upper(),
                agent["id_number"].upper(),
            )
            if issued != want:
                raise Refused(
                    "agent.authorisation_id: not an authorisation this platform issued for "
                    "this item, applicant and agent"
                )
        if way == "power_of_attorney" and not any(
            m.get("material_id") == POA_MATERIAL and m.get("source") == "scan"
            for m in app.get("materials") or []
        ):
            raise Refused(f"materials: a power of attorney needs the scan {POA_MATERIAL!r}")

    def record(self, application_no: str, app: dict[str, Any]) -> None:
        """Keep who applied for whom (``GET /_sim/agents``); ID numbers only as SHA-256."""
        import hashlib

        agent = app.get("agent")
        if not isinstance(agent, dict):
            return
        applicant = app.get("applicant") or {}

        def digest(v: Any) -> str:
            return hashlib.sha256(str(v).upper().encode()).hexdigest()

        with self._lock:
            self._records[application_no] = {
                "local_ref": app.get("local_ref"),
                "item_code": app.get("item_code"),
                "applicant": {
                    "name": applicant.get("name"),
                    "id_sha256": digest(applicant.get("id_number")),
                },
                "agent": {
                    "name": agent.get("name"),
                    "id_sha256": digest(agent.get("id_number")),
                    "way": agent.get("way"),
                    "authorisation_id": agent.get("authorisation_id"),
                },
            }

    def records(self) -> dict[str, Any]:
        with self._lock:
            return dict(self._records)
