"""E-licenses the platform holds for the identified resident (免证办).

Every license is fetched as a sealed document and its electronic seal verified offline against
the terminal's trust store (kiosk.seals) before the terminal offers it: a license whose seal
fails — or whose document cannot be fetched — is not accepted, and the refusal says why.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.ports import platform as pp
from kiosk.usecases.identify import ProvedIdentity
from kiosk.usecases.results import License, LicenseCheck, RefusedLicense

if TYPE_CHECKING:  # kiosk.seals (asn1crypto, gmssl: ~70 ms) is imported on first use
    from kiosk.seals import IssuerTrust

UNAVAILABLE = "暂时无法取得证照文件，请到窗口办理 / the license document could not be fetched"


def current_trust(platform: pp.Platform | None, data_dir: Path) -> IssuerTrust:
    """The stored seal trust store; when there is none yet (a new terminal whose agent has not
    pulled it), fetched from the platform once and stored — checked whole like the agent's pull."""
    from kiosk.seals import load_trust, update_trust

    trust = load_trust(data_dir)
    if trust.issuers or platform is None:
        return trust
    r = platform.seal_trust()
    if isinstance(r, pp.Ok) and update_trust(data_dir, r.data).changed:
        return load_trust(data_dir)
    return trust


def holder_token(platform: pp.Platform, identity: ProvedIdentity) -> str | pp.Failure:
    """The platform's holder token for the identified resident (the QR identification's own,
    else a new identity claim), or why the platform gave none."""
    if identity.token is not None:
        return identity.token.token
    a = identity.applicant
    claim = pp.IdentityClaim(
        card_type=a.card_type,
        id_number=a.id_number,
        name=a.name,
        valid_to=identity.valid_to,
        channel=a.id_channel if a.id_channel != "manual" else "id_card",
    )
    r = platform.verify_identity(claim)
    return r.data.token if isinstance(r, pp.Ok) else r


def _token(platform: pp.Platform, identity: ProvedIdentity) -> str | None:
    token = holder_token(platform, identity)
    return token if isinstance(token, str) else None


def check_licenses(
    platform: pp.Platform | None,
    identity: ProvedIdentity,
    trust: IssuerTrust,
    now: datetime | None = None,
) -> LicenseCheck | None:
    """The holder's e-licenses, split into those whose seal verified and those refused (with
    the reason); ``None`` when the platform cannot be reached or refuses."""
    if platform is None:
        return None
    token = _token(platform, identity)
    if token is None:
        return None
    r = platform.licenses(token)
    if not isinstance(r, pp.Ok):
        return None
    from kiosk.seals import Verified, describe, verify_document

    now = now or datetime.now(UTC)
    accepted: list[License] = []
    refused: list[RefusedLicense] = []
    for x in r.data:
        lic = License(x.license_no, x.type_code, x.type_name, x.issuer or "", x.valid_to or "")
        d = platform.license_document(token, x.license_no)
        if not isinstance(d, pp.Ok):
            refused.append(RefusedLicense(lic, "unavailable", UNAVAILABLE))
            continue
        v = verify_document(d.data.document, d.data.signature, trust, now)
        if isinstance(v, Verified):
            accepted.append(
                License(
                    lic.license_no,
                    lic.type_code,
                    lic.type_name,
                    lic.issuer,
                    lic.valid_to,
                    verified_by=v.issuer_name,
                )
            )
        else:
            refused.append(RefusedLicense(lic, v.kind, describe(v)))
    return LicenseCheck(accepted, refused)


def holder_licenses(
    platform: pp.Platform | None,
    identity: ProvedIdentity,
    trust: IssuerTrust,
    now: datetime | None = None,
) -> list[License] | None:
    """The holder's e-licenses whose seals verified; ``None`` when the platform cannot be
    reached or refuses."""
    check = check_licenses(platform, identity, trust, now)
    return None if check is None else check.accepted
