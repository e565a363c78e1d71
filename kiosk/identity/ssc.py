"""The social security card (社会保障卡) record: what EF05 and EF06 of the SSSE hold.

EF05 (card): 01 card id, 03 spec version, 05 issue date, 06 expiry, 07 card number.
EF06 (holder): 08 social security number (= citizen ID), 09 name, 0A gender, 0B ethnicity,
0C birthplace (region code), 0D birth date. ``to_json()`` gives ``kiosk device read-ssc``'s
keys; ``from_json()`` reads them back for the card emulator, which also accepts ``pin`` and
``pin_tries`` (a card that asks for a PIN before EF06).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from kiosk.domain.checks import is_valid_citizen_id
from kiosk.identity.codes import ethnicity_text, gender_text
from kiosk.identity.dates import is_expired, iso, parse_iso_date
from kiosk.masking import mask_id_number, mask_name

_STR = ("card_id", "spec_version", "card_number", "id_number", "name", "gender", "ethnicity",
        "birthplace")  # fmt: skip
_DATES = ("issue_date", "expiry_date", "birth_date")
_COMPUTED = frozenset({"gender_text", "ethnicity_text", "expired", "id_number_valid"})
EMULATOR_KEYS = frozenset({"pin", "pin_tries"})


@dataclass(frozen=True)
class SocialSecurityCard:
    id_number: str
    name: str
    card_number: str
    card_id: str | None = None
    spec_version: str | None = None
    issue_date: dt.date | None = None
    expiry_date: dt.date | None = None
    gender: str | None = None
    ethnicity: str | None = None
    birthplace: str | None = None
    birth_date: dt.date | None = None

    def expired(self, today: dt.date | None = None) -> bool:
        return is_expired(self.expiry_date, today)

    def __repr__(self) -> str:
        return f"SocialSecurityCard({mask_name(self.name)} {mask_id_number(self.id_number)})"

    __str__ = __repr__

    def to_json(self, today: dt.date | None = None) -> dict[str, Any]:
        return {
            "name": self.name,
            "id_number": self.id_number,
            "id_number_valid": is_valid_citizen_id(self.id_number),
            "card_number": self.card_number,
            "card_id": self.card_id,
            "spec_version": self.spec_version,
            "issue_date": iso(self.issue_date),
            "expiry_date": iso(self.expiry_date),
            "expired": self.expired(today),
            "gender": self.gender,
            "gender_text": gender_text(self.gender),
            "ethnicity": self.ethnicity,
            "ethnicity_text": ethnicity_text(self.ethnicity),
            "birthplace": self.birthplace,
            "birth_date": iso(self.birth_date),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SocialSecurityCard:
        if not isinstance(data, dict):
            raise ValueError("a card must be a JSON object")
        unknown = sorted(set(data) - set(_STR) - set(_DATES) - _COMPUTED - EMULATOR_KEYS)
        if unknown:
            raise ValueError(f"unknown key(s): {', '.join(unknown)}")
        kw: dict[str, Any] = {}
        for k in _STR:
            v = data.get(k)
            if v is not None and not isinstance(v, str):
                raise ValueError(f"{k}: expected a string or null, got {v!r}")
            kw[k] = v
        for k in ("id_number", "name", "card_number"):
            if not kw[k]:
                raise ValueError(f"{k}: required")
        for k in _DATES:
            try:
                kw[k] = parse_iso_date(data.get(k))
            except ValueError as exc:
                raise ValueError(f"{k}: {exc}") from None
        return cls(**kw)
