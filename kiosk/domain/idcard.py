"""Which material is the applicant's own resident identity card (居民身份证)."""

from __future__ import annotations

import re

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


ID_NUMBER_LABELS: dict[str, tuple[str, str]] = {
    "resident": ("公民身份号码", "Citizen ID number"),
    "foreign_permanent_2017": ("外国人永久居留身份证号码", "Foreign permanent resident ID number"),
    "foreign_permanent_2023": ("外国人永久居留身份证号码", "Foreign permanent resident ID number"),
    "hmt_residence": ("港澳台居民居住证号码", "Residence permit number"),
}
"""What the number on each card type is called: the form's ID-number field says it."""


def id_number_label(card_type: str) -> tuple[str, str] | None:
    """(Chinese, English) label of the holder's ID number on a ``card_type`` card, or ``None``
    for a resident ID card (the catalog's own field label stays)."""
    if card_type == "resident":
        return None
    return ID_NUMBER_LABELS.get(card_type)


CARD_NUMBER_RE: dict[str, re.Pattern[str]] = {
    "hmt_residence": re.compile(r"[0-9]{17}[0-9X]"),
    "foreign_permanent_2023": re.compile(r"[0-9]{17}[0-9X]"),
    "foreign_permanent_2017": re.compile(r"[A-Z]{3}[0-9]{12}"),
}
"""The card number of each card type but the resident card's (checked to its check digit)."""
