r"""Check digits and format checks of the codes residents and enterprises use.

- Citizen ID number, GB 11643-1999 (ISO 7064 MOD 11-2).
- Unified social credit code, GB 32100-2015.
- Mainland mobile and fixed-line phone numbers.

Digits are ASCII ``0-9`` only (not ``\d``, which also takes full-width and Arabic-Indic
digits), and a whole value must match (``fullmatch``: ``$`` would let a trailing newline pass).
"""

from __future__ import annotations

import datetime as dt
import re

from kiosk.domain.text import is_ascii_digits

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ID_RE = re.compile(r"[0-9]{17}[0-9X]")

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_RE = re.compile(r"[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}")

_MOBILE_RE = re.compile(r"1[3-9][0-9]{9}")
_FIXED_RE = re.compile(r"0[0-9]{2,3}-?[0-9]{7,8}")


def citizen_id_check_char(first17: str) -> str:
    """The check character for the first 17 digits of a citizen ID number."""
    if len(first17) != 17 or not is_ascii_digits(first17):
        raise ValueError("expected 17 digits")
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def is_valid_citizen_id(value: str, *, check_birth_date: bool = True) -> bool:
    """True if ``value`` is an 18-character citizen ID with a correct check digit.

    With ``check_birth_date`` the embedded birth date (positions 7-14) must be a real date
    not in the future. Lowercase ``x`` is not accepted: the standard uses ``X``.
    """
    if not isinstance(value, str) or not _ID_RE.fullmatch(value):
        return False
    if citizen_id_check_char(value[:17]) != value[17]:
        return False
    if check_birth_date:
        try:
            born = dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
        except ValueError:
            return False
        if born > dt.date.today() or born.year < 1850:
            return False
    return True


def citizen_id_gender(value: str) -> str:
    """``"1"`` (male) or ``"2"`` (female) from the sequence digit (odd = male)."""
    return "1" if int(value[16]) % 2 == 1 else "2"


def uscc_check_char(first17: str) -> str:
    if len(first17) != 17 or any(c not in USCC_CHARSET for c in first17):
        raise ValueError("expected 17 characters of the credit-code charset")
    total = sum(USCC_CHARSET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return USCC_CHARSET[(31 - total % 31) % 31]


def is_valid_uscc(value: str) -> bool:
    """True if ``value`` is a unified social credit code with a correct check character."""
    if not isinstance(value, str) or not _USCC_RE.fullmatch(value):
        return False
    return uscc_check_char(value[:17]) == value[17]


def is_valid_phone(value: str) -> bool:
    """A mainland mobile number (11 digits from 13x-19x) or a fixed line with area code."""
    if not isinstance(value, str):
        return False
    v = value.replace(" ", "")
    return bool(_MOBILE_RE.fullmatch(v) or _FIXED_RE.fullmatch(v))


def luhn_ok(digits: str) -> bool:
    """True if the string of ASCII digits ends in a correct Luhn (ISO/IEC 7812) check digit."""
    if not digits or not digits.isascii() or not digits.isdigit():
        return False
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0
