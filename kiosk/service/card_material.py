"""The card just read counts as the applicant's ID-card material.

A resident who identified with their resident identity card has shown that card to the
terminal's reader: the item's material that is the applicant's own 居民身份证 is satisfied by
that read instead of asking for a scan. It is recorded as the platform's contract allows
(shared/design/platform-api.md): an ``elicense`` citing the holder's 居民身份证 e-license, which
the platform issued to the person the card proved (the e-licenses listed for the verified holder)
and can check. Without that list (the platform unreachable) the card cannot be cited, and the
material is offered as before (scan or another way).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from kiosk.domain.idcard import ID_CARD_LICENSE_TYPE, names_applicants_id_card
from kiosk.domain.records import MaterialInput
from kiosk.service.outcomes import License, PersonView


def is_applicants_id_card(material: Mapping[str, Any]) -> bool:
    """Whether a catalog material is the applicant's own resident identity card."""
    el = material.get("elicense") or {}
    kind = el.get("type_code") if isinstance(el, Mapping) else None
    return names_applicants_id_card(str(material.get("name") or ""), kind)


def card_read_material(
    material: Mapping[str, Any],
    person: PersonView | None,
    licenses: Sequence[License] | None,
) -> MaterialInput | None:
    """The material as satisfied by the resident ID card just read, or ``None`` when it is not
    the applicant's ID card, the resident did not identify with a resident ID card, or the
    platform's record of that card is not known."""
    if person is None or person.channel != "id_card" or person.card_type != "resident":
        return None
    if not is_applicants_id_card(material):
        return None
    for lic in licenses or ():
        if lic.type_code == ID_CARD_LICENSE_TYPE and lic.license_no:
            return MaterialInput(
                str(material["material_id"]),
                str(material["name"]),
                "elicense",
                license_no=lic.license_no,
            )
    return None
