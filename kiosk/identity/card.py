"""The typed record of an identity card, one dataclass for the four card types.

``IdentityCard.to_json()`` gives exactly the keys ``kiosk device read-id --json`` prints, and
``IdentityCard.from_json()`` reads them back (the simulator's card files use the same keys;
computed keys such as ``expired`` are ignored on input). A field a card type does not carry is
``None``. The photo is opaque vendor data (WLT): it is never part of ``repr`` or JSON, only its
length (``photo_bytes``).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

from kiosk.domain.checks import is_valid_citizen_id
from kiosk.identity.codes import ethnicity_text, gender_text
from kiosk.identity.dates import LONG_TERM, CardDate, is_expired, iso, parse_iso_date
from kiosk.masking import mask_id_number, mask_name

CardType = Literal["resident", "hmt_residence", "foreign_permanent_2017", "foreign_permanent_2023"]
CARD_TYPES: tuple[CardType, ...] = (
    "resident",
    "hmt_residence",
    "foreign_permanent_2017",
    "foreign_permanent_2023",
)
CARD_TYPE_TEXT: dict[str, str] = {
    "resident": "居民身份证",
    "hmt_residence": "港澳台居民居住证",
    "foreign_permanent_2017": "外国人永久居留身份证（2017版）",
    "foreign_permanent_2023": "外国人永久居留身份证（2023版）",
}

# Keys that to_json() computes; from_json() ignores them.
COMPUTED_KEYS = frozenset(
    {"gender_text", "ethnicity_text", "expired", "id_number_valid", "photo_bytes", "problems"}
)
_STR_KEYS = (
    "name", "gender", "ethnicity", "address", "appended_address", "id_number", "issuer",
    "pass_number", "english_name", "nationality", "card_version", "authority_code",
    "previous_card",
)  # fmt: skip
_INT_KEYS = ("issue_count", "renewal_count")


@dataclass(frozen=True)
class IdentityCard:
    card_type: CardType
    name: str
    """The Chinese name (on foreign permanent resident cards too; may be empty on a 2017 card)."""
    gender: str
    id_number: str
    """The citizen ID number, or the card number on foreign permanent resident cards."""
    birth_date: CardDate = None
    ethnicity: str | None = None
    address: str | None = None
    issuer: str | None = None
    valid_from: CardDate = None
    valid_to: CardDate = None
    pass_number: str | None = None
    issue_count: int | None = None
    english_name: str | None = None
    nationality: str | None = None
    card_version: str | None = None
    authority_code: str | None = None
    renewal_count: int | None = None
    previous_card: str | None = None
    appended_address: str | None = None
    photo: bytes = field(default=b"", repr=False, compare=False)
    problems: tuple[str, ...] = ()
    """What did not decode cleanly (a field that is not a date…): the card is then not usable."""

    # ------------------------------------------------------------------ derived facts
    def id_number_valid(self) -> bool | None:
        """Check-digit result for 18-character numbers; ``None`` for the 2017 card's number."""
        if self.card_type == "foreign_permanent_2017":
            return None
        return is_valid_citizen_id(self.id_number)

    def expired(self, today: dt.date | None = None) -> bool:
        return is_expired(self.valid_to, today)

    def usable(self, today: dt.date | None = None) -> bool:
        """Whether the kiosk may accept this card as proof of identity."""
        return not self.problems and not self.expired(today) and self.id_number_valid() is not False

    def masked(self) -> str:
        """A log-safe one-line description."""
        return f"{self.card_type} {mask_name(self.name)} {mask_id_number(self.id_number)}"

    def __repr__(self) -> str:  # never let a repr leak personal data into a log
        return f"IdentityCard({self.masked()})"

    __str__ = __repr__

    # ------------------------------------------------------------------ JSON
    def to_json(self, today: dt.date | None = None) -> dict[str, Any]:
        return {
            "card_type": self.card_type,
            "name": self.name,
            "english_name": self.english_name,
            "gender": self.gender,
            "gender_text": gender_text(self.gender),
            "ethnicity": self.ethnicity,
            "ethnicity_text": ethnicity_text(self.ethnicity),
            "birth_date": iso(self.birth_date),
            "address": self.address,
            "appended_address": self.appended_address,
            "id_number": self.id_number,
            "id_number_valid": self.id_number_valid(),
            "issuer": self.issuer,
            "valid_from": iso(self.valid_from),
            "valid_to": iso(self.valid_to),
            "expired": self.expired(today),
            "pass_number": self.pass_number,
            "issue_count": self.issue_count,
            "nationality": self.nationality,
            "card_version": self.card_version,
            "authority_code": self.authority_code,
            "renewal_count": self.renewal_count,
            "previous_card": self.previous_card,
            "photo_bytes": len(self.photo),
            "problems": list(self.problems),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> IdentityCard:
        """Build a card from ``read-id``'s JSON keys; raise ``ValueError`` naming the bad key.

        ``photo_base64`` (optional) carries a photo; computed keys are ignored.
        """
        if not isinstance(data, dict):
            raise ValueError("a card must be a JSON object")
        known = set(_STR_KEYS) | set(_INT_KEYS) | COMPUTED_KEYS
        known |= {"card_type", "birth_date", "valid_from", "valid_to", "photo_base64"}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(f"unknown key(s): {', '.join(unknown)}")
        ct = data.get("card_type", "resident")
        if ct not in CARD_TYPES:
            raise ValueError(f"card_type: expected one of {', '.join(CARD_TYPES)}, got {ct!r}")
        kw: dict[str, Any] = {"card_type": ct}
        for k in _STR_KEYS:
            v = data.get(k)
            if v is not None and not isinstance(v, str):
                raise ValueError(f"{k}: expected a string or null, got {v!r}")
            kw[k] = v
        for k in _INT_KEYS:
            v = data.get(k)
            if v is not None and (not isinstance(v, int) or isinstance(v, bool) or v < 0):
                raise ValueError(f"{k}: expected a non-negative integer or null, got {v!r}")
            kw[k] = v
        for k in ("name", "gender", "id_number"):
            if kw[k] is None:
                if k == "name" and ct == "foreign_permanent_2017":
                    kw[k] = ""
                    continue
                raise ValueError(f"{k}: required")
        for k in ("birth_date", "valid_from"):
            try:
                kw[k] = parse_iso_date(data.get(k))
            except ValueError as exc:
                raise ValueError(f"{k}: {exc}") from None
        try:
            kw["valid_to"] = parse_iso_date(data.get("valid_to"), allow_long_term=True)
        except ValueError as exc:
            raise ValueError(f"valid_to: {exc}") from None
        photo = data.get("photo_base64")
        if photo is not None:
            try:
                kw["photo"] = base64.b64decode(photo, validate=True)
            except (binascii.Error, TypeError, ValueError):
                raise ValueError("photo_base64: not valid base64") from None
        return cls(**kw)


__all__ = ["CARD_TYPES", "CARD_TYPE_TEXT", "CardType", "IdentityCard", "LONG_TERM"]
