"""The one masking rule for personal data, used everywhere a person or a log sees it.

- ID numbers keep the first 6 and last 4 characters: ``110105********002X``.
- Names keep the first character: ``张*``, ``欧***``.
- Phone numbers keep the first 3 and last 4: ``138****5678``.

:func:`scrub_text` finds ID numbers and phone numbers inside free text (log lines, error
messages) and masks them; names cannot be found in free text reliably, so code that logs a
name must pass it through :func:`mask_name` itself — or better, not log it.
"""

from __future__ import annotations

import re


def mask_id_number(value: str | None) -> str:
    if not value:
        return ""
    v = str(value)
    if len(v) <= 10:
        return v[:1] + "*" * (len(v) - 1) if len(v) > 1 else "*"
    return v[:6] + "*" * (len(v) - 10) + v[-4:]


def mask_name(value: str | None) -> str:
    if not value:
        return ""
    v = str(value).strip()
    return v[:1] + "*" * (len(v) - 1) if len(v) > 1 else v


def mask_phone(value: str | None) -> str:
    if not value:
        return ""
    v = str(value)
    if len(v) < 8:
        return v[:1] + "*" * (len(v) - 1)
    return v[:3] + "*" * (len(v) - 7) + v[-4:]


# One separator a person or a form may put between digits: a space (ASCII, no-break,
# ideographic) or a dash (ASCII, hyphen, en and em dashes). "110105 19491231 002X",
# "138-1234-5678" and "+86 138 1234 5678" are the numbers they look like.
_SEP = "[ \t\u00a0\u3000\u2010-\u2015-]?"

# 18-char citizen IDs (and 15-char old ones), written solid or with separators, found even when
# glued to Chinese text or Latin letters (身份证110105194912310021, ID11010519491231002Xabc);
# only a digit next to them makes a longer number that is not an ID. Card numbers of foreign
# permanent residents (three letters and twelve digits) keep the alphanumeric boundary. No
# region code starts 00: fifteen digits starting 0086 are a phone number, left to that rule.
_ID_IN_TEXT = re.compile(
    rf"(?<![0-9])(\d(?:{_SEP}\d){{16}}{_SEP}[\dXx]|(?!0086)\d(?:{_SEP}\d){{14}})(?![0-9])"
    r"|(?<![0-9A-Za-z])([A-Z]{3}\d{12})(?![0-9A-Za-z])"
)
# Mainland mobile numbers, solid or separated, with or without +86 / 0086 / 86 in front.
_PHONE_IN_TEXT = re.compile(
    rf"(?:(?<![0-9+])(?:\+|00)?86{_SEP}|(?<![0-9]))(1[3-9]\d(?:{_SEP}\d){{8}})(?![0-9])"
)
_DIGITS = re.compile(r"[^0-9Xx]")
# "<kiosk id>-YYYYMMDD-NNNN" (kiosk.domain.records): an application's local reference, which a
# log must keep. Its digits can look like an ID when the kiosk id ends in 3 or 6 digits.
_LOCAL_REF_TAIL = re.compile(r"\d{3}(?:\d{3})?-\d{8}-\d{4}")


def _is_local_ref(m: re.Match[str], digits: str) -> bool:
    start = m.start()
    if start < 2 or m.string[start - 1] != "-" or not m.string[start - 2].isalnum():
        return False
    if not _LOCAL_REF_TAIL.fullmatch(m.group()):
        return False
    if len(digits) == 18:  # a real ID carries its check character: mask it
        from kiosk.domain.checks import citizen_id_check_char

        return citizen_id_check_char(digits[:17]) != digits[17].upper()
    return True


# A UUID (application, command and request ids): its dash-separated hex groups can read as a
# separated 15-digit ID or a phone number (0.7 % of random UUIDs did), which mangled the ids
# that audit entries and logs must keep. No ID or phone number is shaped like one.
_UUID = re.compile(
    r"(?<![0-9A-Za-z])[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}(?![0-9A-Za-z])"
)


def _in_uuid(m: re.Match[str]) -> bool:
    lo = max(0, m.start() - 36)
    return any(
        u.start() <= m.start() and m.end() <= u.end()
        for u in _UUID.finditer(m.string, lo, min(len(m.string), m.end() + 36))
    )


def _mask_id_match(m: re.Match[str]) -> str:
    if m.group(2):
        return mask_id_number(m.group(2))
    if _in_uuid(m):
        return m.group()
    digits = _DIGITS.sub("", m.group(1))
    return m.group() if _is_local_ref(m, digits) else mask_id_number(digits)


def _mask_phone_match(m: re.Match[str]) -> str:
    if _in_uuid(m):
        return m.group()
    prefix = m.string[m.start() : m.start(1)]
    return prefix + mask_phone(_DIGITS.sub("", m.group(1)))


def scrub_text(text: str) -> str:
    """Mask every ID number and mobile number that appears in ``text``.

    Ordinary numbers stay: dates, counts, amounts, catalog item codes (a USCC's 18 characters
    hold letters; the codes' digit runs are 14 long). What cannot be told apart is masked: any
    standalone 15- or 18-digit number, and any 11-digit one starting 13-19, is taken for an ID
    or a phone number.
    """
    text = _ID_IN_TEXT.sub(_mask_id_match, text)
    return _PHONE_IN_TEXT.sub(_mask_phone_match, text)


def _scrub_key(key: object) -> object:
    if isinstance(key, str):
        return scrub_text(key)
    if isinstance(key, int | float | bool) or key is None:
        return scrub_value(key)
    return scrub_text(str(key))


def scrub_value(value: object) -> object:
    """:func:`scrub_text` applied through dicts (keys and values), lists and tuples (for
    structured details).

    Booleans and None pass through, and so do numbers unless their digits read as an ID or a
    phone number (then they become the masked string); any other object is scrubbed as its
    ``str``.
    """
    if isinstance(value, str):
        return scrub_text(value)
    if isinstance(value, dict):
        return {_scrub_key(k): scrub_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [scrub_value(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float):
        text = str(value)
        masked = scrub_text(text)
        return value if masked == text else masked
    return scrub_text(str(value))
