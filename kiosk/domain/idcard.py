"""Which material is the applicant's own resident identity card (居民身份证)."""

from __future__ import annotations

ID_CARD_LICENSE_TYPE = "11100000000013028T001"
"""The e-license type of the resident identity card in the catalog and on the platform."""

_APPLICANT_WORDS = ("", "申请人", "申报人", "申领人", "本人")
"""What comes before 居民身份证 in a material that is the applicant's own card alone (not
``父母双方``, ``监护人``, ``原`` — a card to hand back — or anyone else's)."""


def names_applicants_id_card(name: str, license_type: str | None) -> bool:
    """Whether a material (its name and e-license type) is the applicant's own ID card."""
    if license_type != ID_CARD_LICENSE_TYPE or not name.endswith("居民身份证"):
        return False
    return name[: -len("居民身份证")] in _APPLICANT_WORDS
