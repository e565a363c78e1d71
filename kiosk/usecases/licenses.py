"""E-licenses the platform holds for the identified resident (免证办)."""

from __future__ import annotations

from kiosk.ports import platform as pp
from kiosk.usecases.identify import ProvedIdentity
from kiosk.usecases.results import License


def holder_licenses(platform: pp.Platform | None, identity: ProvedIdentity) -> list[License] | None:
    """The holder's e-licenses; ``None`` when the platform cannot be reached or refuses."""
    if platform is None:
        return None
    if identity.token is not None:
        token = identity.token.token
    else:
        a = identity.applicant
        claim = pp.IdentityClaim(
            card_type=a.card_type,
            id_number=a.id_number,
            name=a.name,
            valid_to=identity.valid_to,
            channel=a.id_channel if a.id_channel != "manual" else "id_card",
        )
        r = platform.verify_identity(claim)
        if not isinstance(r, pp.Ok):
            return None
        token = r.data.token
    r2 = platform.licenses(token)
    if not isinstance(r2, pp.Ok):
        return None
    return [
        License(x.license_no, x.type_code, x.type_name, x.issuer or "", x.valid_to or "")
        for x in r2.data
    ]
