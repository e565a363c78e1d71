"""委托代办: proving who the principal is and that they agreed.

The agent has identified with their own card (``kiosk.usecases.identify``); the principal is
then identified by one of:

- **their own ID card** (:func:`principal_from_card`): read on the ID card reader after the
  agent's; the agent's own card again (the agent is the principal) is refused;
- **their ID number and their QR authorisation** (:func:`check_authorisation`): the platform
  issues the principal an authorisation for one item and one agent, valid for a while, as a QR
  code (``kiosk.domain.delegation.TOKEN_PREFIX``). The terminal verifies it **offline**, like the
  sealed acceptance record: the signature is by a seal signer whose certificate a province seal
  issuer in the terminal's trust store issued (``kiosk.seals.verify.verify_signed``: forged,
  unknown-issuer and revoked are refused), then the claims: the principal's ID number and the
  agent's match the digests it carries (another principal, another agent), it has not expired,
  and — once the item is known — it is for this item. Offline works; nothing is asked of the
  platform.
- **a signed power of attorney** (:func:`principal_by_power_of_attorney`): the principal's name
  and ID number typed by the agent, the scan handed in as the item's material
  ``power_of_attorney`` and checked by the office; only for items that list that way.

Every refusal is a code of ``kiosk.domain.delegation.AUTH_REFUSALS`` with a message for the
resident that shows nothing of anyone else (no name or number from the authorisation).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk.domain.checks import is_valid_citizen_id
from kiosk.domain.delegation import Authorisation, check_claims, parse_token, same_person
from kiosk.domain.records import Applicant

if TYPE_CHECKING:
    from kiosk.seals import IssuerTrust
    from kiosk.usecases.identify import ProvedIdentity


@dataclass(frozen=True)
class AuthorisationCheck:
    """A verified authorisation (``auth``) or why not (``refusal``, a key of AUTH_REFUSALS)."""

    auth: Authorisation | None = None
    refusal: str = ""
    issuer: str = ""


def check_authorisation(
    text: str,
    *,
    principal_id: str,
    agent_id: str,
    item_code: str | None,
    trust: IssuerTrust,
    now: dt.datetime,
) -> AuthorisationCheck:
    """Verify the QR authorisation ``text`` for this principal, agent and item (see the module
    doc); ``item_code`` None checks everything but the item."""
    from kiosk.seals.verify import Verified, verify_signed

    pid = principal_id.strip().upper()
    if not is_valid_citizen_id(pid):
        return AuthorisationCheck(refusal="bad_id")
    if same_person(pid, agent_id):
        return AuthorisationCheck(refusal="self")
    auth = parse_token(text)
    if auth is None:
        return AuthorisationCheck(refusal="unreadable")
    if not trust.issuers:
        return AuthorisationCheck(refusal="unavailable")
    v = verify_signed(
        auth.claims, auth.signature, auth.certificate, trust, now, signed_at=auth.issued_at
    )
    if not isinstance(v, Verified):
        return AuthorisationCheck(refusal="forged")
    refusal = check_claims(auth, principal_id=pid, agent_id=agent_id, item_code=item_code, now=now)
    if refusal:
        return AuthorisationCheck(refusal=refusal)
    return AuthorisationCheck(auth=auth, issuer=v.issuer_name)


def principal_from_authorisation(auth: Authorisation, principal_id: str) -> ProvedIdentity:
    """The principal as the application names them: the ID number the agent typed (which the
    authorisation matched) and the name the authorisation carries."""
    from kiosk.domain.checks import citizen_id_gender
    from kiosk.usecases.identify import ProvedIdentity

    pid = principal_id.strip().upper()
    return ProvedIdentity(
        Applicant(
            name=auth.principal_name,
            id_number=pid,
            card_type="resident",
            id_channel="manual",
            gender=citizen_id_gender(pid),
            birth_date=f"{pid[6:10]}-{pid[10:12]}-{pid[12:14]}",
        )
    )


def principal_by_power_of_attorney(name: str, id_number: str) -> ProvedIdentity | str:
    """The principal a power of attorney names (typed by the agent), or a refusal code."""
    from kiosk.domain.text import NAME_LIMIT
    from kiosk.usecases.identify import ProvedIdentity

    pid = id_number.strip().upper()
    if not is_valid_citizen_id(pid):
        return "bad_id"
    name = name.strip()
    if not name or len(name) > NAME_LIMIT:
        return "bad_name"
    return ProvedIdentity(Applicant(name=name, id_number=pid, id_channel="manual"))


def is_self(agent: ProvedIdentity, principal: ProvedIdentity) -> bool:
    return same_person(agent.applicant.id_number, principal.applicant.id_number)
