"""委托代办: acting for someone else.

An item's ``agent`` (catalog schema version 3) says whether another person (the agent, 代理人)
may apply for the applicant (the principal, 委托人) and how the agent proves the principal's
consent:

- ``card``: the principal's own ID card, read after the agent's;
- ``qr_authorisation``: the principal's ID number, typed by the agent, and the principal's QR
  authorisation, issued by the platform for this item and this agent (checked offline:
  :mod:`kiosk.usecases.delegation`);
- ``power_of_attorney``: a scanned, signed 授权委托书, handed in as the item's material
  ``power_of_attorney`` with the principal's name and ID number typed by the agent.

An item without ``agent`` (catalog schema versions 1 and 2) is not offered to an agent: the
terminal cannot know whether the law lets someone else apply. Nothing here waits on the world.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any, Literal

Way = Literal["card", "qr_authorisation", "power_of_attorney"]
WAYS: tuple[Way, ...] = ("card", "qr_authorisation", "power_of_attorney")
WAY_NAMES = {
    "card": ("读取委托人身份证", "the principal's ID card"),
    "qr_authorisation": ("委托人的授权码", "the principal's QR authorisation"),
    "power_of_attorney": ("授权委托书", "a signed power of attorney"),
}
RECEIPT_WAYS = {
    "card": "委托人身份证",
    "qr_authorisation": "委托人授权码（已验证）",
    "power_of_attorney": "授权委托书",
}
"""How the receipt says the agent showed the applicant's consent."""
POA_MATERIAL = "power_of_attorney"
"""The material a power of attorney is handed in as (its scan)."""
TOKEN_PREFIX = "BMAUTH1."
"""A QR authorisation as the platform issues it: ``BMAUTH1.<claims>.<signature>.<certificate>``
(each base64url without padding): the claims are canonical JSON, the signature SM2-with-SM3 by
the issuing body's seal signer over the claims' bytes, the certificate that signer's (issued by
a province seal issuer in the terminal's trust store)."""
MAX_TOKEN_CHARS = 4000


@dataclass(frozen=True)
class AgentPolicy:
    """What an item allows an agent (the catalog's ``agent``, read)."""

    offered: bool
    """The item says anything at all (schema version 3): else agents are not offered."""
    allowed: bool
    ways: tuple[Way, ...] = ()
    reason_zh: str = ""
    reason_en: str = ""


def policy(raw: dict[str, Any]) -> AgentPolicy:
    a = raw.get("agent")
    if not isinstance(a, dict):
        return AgentPolicy(False, False)
    if a.get("allowed"):
        return AgentPolicy(True, True, tuple(w for w in WAYS if w in (a.get("ways") or ())))
    return AgentPolicy(
        True,
        False,
        reason_zh=a.get("reason_in_person") or "",
        reason_en=a.get("reason_in_person_en") or "",
    )


class AgentRefused(ValueError):
    """An agent cannot apply for this item this way; the message is for the resident."""

    def __init__(self, code: str, zh: str, en: str) -> None:
        self.code, self.message_zh, self.message_en = code, zh, en
        super().__init__(f"{code}: {en}")


def check_item(raw: dict[str, Any], way: str) -> None:
    """Raise :class:`AgentRefused` unless an agent may apply for ``raw`` proving consent
    ``way``: an in-person item says why (its ``reason_in_person``)."""
    p = policy(raw)
    name = raw.get("name", "")
    if not p.offered:
        raise AgentRefused(
            "agent_not_offered",
            f"“{name}”暂不支持在本机替他人办理，请委托人本人办理或到窗口咨询",
            "This service cannot be applied for on someone else's behalf at this terminal; "
            "the person concerned should apply, or ask at a service window",
        )
    if not p.allowed:
        zh = p.reason_zh or "须本人办理"
        en = p.reason_en or "the person concerned must apply in person"
        raise AgentRefused(
            "in_person",
            f"“{name}”须本人办理，不能由他人代办：{zh}",
            f"This service cannot be applied for by someone else: {en[:1].lower() + en[1:]}",
        )
    if way not in p.ways:
        allowed = "、".join(WAY_NAMES[w][0] for w in p.ways)
        allowed_en = ", ".join(WAY_NAMES[w][1] for w in p.ways)
        raise AgentRefused(
            "way_not_allowed",
            f"此事项代办须提供：{allowed}",
            f"For this service the agent must show: {allowed_en}",
        )


def catalog_problems(d: dict[str, Any]) -> list[tuple[str, str]]:
    """``[(where, message)]``: the ``agent`` rules beyond the schema — ways exactly when
    allowed, a reason exactly when not, a power of attorney only with its material, and agents
    only for items a natural person applies for."""
    a = d.get("agent")
    if not isinstance(a, dict):
        return []
    out: list[tuple[str, str]] = []
    if a.get("allowed"):
        if not a.get("ways"):
            out.append(("agent.ways", "required when allowed is true"))
        if a.get("reason_in_person"):
            out.append(("agent.reason_in_person", "only an item agents may not use has a reason"))
        if "自然人" not in (d.get("service_object") or []):
            out.append(
                ("agent.allowed", "only an item a natural person applies for takes an agent")
            )
        if "power_of_attorney" in (a.get("ways") or []):
            mids = {m.get("material_id") for m in d.get("materials") or []}
            if POA_MATERIAL not in mids:
                out.append(
                    (
                        "agent.ways",
                        f"power_of_attorney needs the material {POA_MATERIAL!r} (its scan)",
                    )
                )
    else:
        if a.get("ways"):
            out.append(("agent.ways", "only an item agents may use lists ways"))
        if not a.get("reason_in_person"):
            out.append(("agent.reason_in_person", "required when allowed is false"))
    return out


# ------------------------------------------------------------------ the QR authorisation


def id_digest(auth_id: str, id_number: str) -> str:
    """How an authorisation names a person without their ID number: SHA-256 hex of
    ``"<auth id>|<SHA-256 hex of the ID number>"`` (as the sealed acceptance record does)."""
    inner = hashlib.sha256(id_number.strip().upper().encode()).hexdigest()
    return hashlib.sha256(f"{auth_id}|{inner}".encode()).hexdigest()


@dataclass(frozen=True)
class Authorisation:
    """The claims of a QR authorisation, read (not yet verified)."""

    auth_id: str
    item_code: str
    item_name: str
    principal_name: str
    principal_digest: str
    agent_digest: str
    issued_at: dt.datetime
    not_after: dt.datetime
    claims: bytes
    signature: bytes
    certificate: bytes

    def __repr__(self) -> str:  # personal data: the name stays out of reprs and logs
        return f"Authorisation(auth_id={self.auth_id!r}, item_code={self.item_code!r}, …)"


def _b64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _time(value: Any) -> dt.datetime:
    if not isinstance(value, str):
        raise ValueError("time missing")
    return dt.datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)


def parse_token(text: str) -> Authorisation | None:
    """The authorisation a scanned QR carries, or None when it is not one (or unreadable)."""
    if not isinstance(text, str) or len(text) > MAX_TOKEN_CHARS:
        return None
    text = text.strip()
    if not text.startswith(TOKEN_PREFIX):
        return None
    parts = text[len(TOKEN_PREFIX) :].split(".")
    if len(parts) != 3:
        return None
    try:
        claims, sig, cert = (_b64(p) for p in parts)
        v = json.loads(claims.decode("utf-8"))
        if not isinstance(v, dict) or v.get("v") != 1 or v.get("type") != "agent-authorisation":
            return None
        principal = v["principal"]
        fields = (
            v["auth_id"],
            v["item_code"],
            v.get("item_name", ""),
            principal["name"],
            principal["id_digest"],
            v["agent"]["id_digest"],
        )
        if not all(isinstance(f, str) for f in fields):
            return None
        return Authorisation(
            *fields,  # type: ignore[arg-type]
            issued_at=_time(v["issued_at"]),
            not_after=_time(v["not_after"]),
            claims=claims,
            signature=sig,
            certificate=cert,
        )
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, RecursionError):
        return None


def claims_bytes(
    *,
    auth_id: str,
    item_code: str,
    item_name: str,
    principal_name: str,
    principal_id: str,
    agent_id: str,
    issued_at: dt.datetime,
    not_after: dt.datetime,
) -> bytes:
    """The canonical claims of an authorisation (what the platform signs)."""
    stamp = "%Y-%m-%dT%H:%M:%SZ"
    value = {
        "v": 1,
        "type": "agent-authorisation",
        "auth_id": auth_id,
        "item_code": item_code,
        "item_name": item_name,
        "principal": {"name": principal_name, "id_digest": id_digest(auth_id, principal_id)},
        "agent": {"id_digest": id_digest(auth_id, agent_id)},
        "issued_at": issued_at.astimezone(dt.UTC).strftime(stamp),
        "not_after": not_after.astimezone(dt.UTC).strftime(stamp),
    }
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def make_token(claims: bytes, signature: bytes, certificate: bytes) -> str:
    return TOKEN_PREFIX + ".".join(b64(p) for p in (claims, signature, certificate))


AUTH_REFUSALS = {
    "unreadable": (
        "这不是委托人的授权码，请出示平台签发的代办授权二维码",
        "This is not a QR authorisation; please show the one the platform issued",
    ),
    "forged": (
        "授权码验证未通过（签名无效或签发机构不可信），不能代办",
        "The authorisation could not be verified (its signature is not valid); it cannot be used",
    ),
    "expired": (
        "授权码已过期，请委托人重新申请授权",
        "The authorisation has expired; the person concerned must issue a new one",
    ),
    "not_yet": (
        "授权码尚未生效",
        "The authorisation is not valid yet",
    ),
    "other_principal": (
        "授权码与输入的委托人身份证号码不一致",
        "The authorisation does not match the ID number entered for the person concerned",
    ),
    "other_agent": (
        "授权码未授权给您（代办人与授权不一致）",
        "The authorisation was not issued to you as the agent",
    ),
    "other_item": (
        "授权码不是办理本事项的授权，不能用于本事项",
        "The authorisation is for another service; it cannot be used for this one",
    ),
    "self": (
        "代办人与委托人是同一人：本人办理请直接办理，无需代办",
        "The agent and the person concerned are the same person: "
        "apply for yourself directly instead",
    ),
    "bad_id": (
        "委托人身份证号码不正确",
        "The ID number of the person concerned is not valid",
    ),
    "bad_name": (
        "请填写委托人的姓名（与授权委托书一致）",
        "Please enter the name of the person concerned (as on the power of attorney)",
    ),
    "not_identified": (
        "请先读取代办人本人的身份证",
        "Please read the agent's own ID card first",
    ),
    "unavailable": (
        "暂时无法核验授权码（信任列表未就绪），请稍后再试或到窗口办理",
        "The authorisation cannot be checked now; please try later or go to a service window",
    ),
}


def check_claims(
    auth: Authorisation,
    *,
    principal_id: str,
    agent_id: str,
    item_code: str | None,
    now: dt.datetime,
) -> str | None:
    """The refusal code (a key of :data:`AUTH_REFUSALS`) of a verified authorisation's claims
    for this principal, this agent and this item (None: the item is not known yet), or None."""
    if not hmac.compare_digest(auth.principal_digest, id_digest(auth.auth_id, principal_id)):
        return "other_principal"
    if not hmac.compare_digest(auth.agent_digest, id_digest(auth.auth_id, agent_id)):
        return "other_agent"
    if now > auth.not_after:
        return "expired"
    if now + dt.timedelta(minutes=5) < auth.issued_at:
        return "not_yet"
    if item_code is not None and item_code != auth.item_code:
        return "other_item"
    return None


def same_person(a_id: str, b_id: str) -> bool:
    return a_id.strip().upper() == b_id.strip().upper()
