"""Dates as identity cards store them (``YYYYMMDD``, or ``长期`` for "long-term")."""

from __future__ import annotations

import datetime as dt

from kiosk.domain.text import is_ascii_digits

LONG_TERM = "长期"

CardDate = dt.date | str | None
"""A parsed card date: a ``date``, ``LONG_TERM`` (valid-to only), or ``None`` when missing."""


def parse_card_date(text: str, *, allow_long_term: bool = False) -> dt.date | str:
    """Parse ``YYYYMMDD`` (or ``长期`` when allowed); raise ``ValueError`` with a clear reason."""
    t = text.strip()
    if allow_long_term and t == LONG_TERM:
        return LONG_TERM
    if len(t) != 8 or not is_ascii_digits(t):
        raise ValueError(f"expected YYYYMMDD, got {t!r}")
    return dt.date(int(t[:4]), int(t[4:6]), int(t[6:]))


def format_card_date(value: CardDate) -> str:
    """The 8-character form stored on the card (``长期`` stays as is)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return value.strftime("%Y%m%d")


def parse_iso_date(value: object, *, allow_long_term: bool = False) -> CardDate:
    """Parse the JSON form (``YYYY-MM-DD``, ``长期`` or null)."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"expected an ISO date string, got {value!r}")
    if allow_long_term and value == LONG_TERM:
        return LONG_TERM
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"expected YYYY-MM-DD, got {value!r}") from None


def iso(value: CardDate) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    return value.isoformat()


def is_expired(valid_to: CardDate, today: dt.date | None = None) -> bool:
    """A card is valid through its ``valid_to`` day; ``长期`` never expires.

    A card whose expiry could not be read counts as expired: the kiosk must not accept it.
    """
    if valid_to == LONG_TERM:
        return False
    if not isinstance(valid_to, dt.date):
        return True
    return valid_to < (today or dt.date.today())
