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


# 18-char citizen IDs (and 15-char old ones), card numbers of foreign permanent residents,
# mainland mobile numbers. Boundaries are "not an alphanumeric", so IDs glued to Chinese text
# (身份证110105194912310021) are still found.
_ID_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15}|[A-Z]{3}\d{12})(?![0-9A-Za-z])")
_PHONE_IN_TEXT = re.compile(r"(?<!\d)(1[3-9]\d{9})(?!\d)")


def scrub_text(text: str) -> str:
    """Mask every ID number and mobile number that appears in ``text``."""
    text = _ID_IN_TEXT.sub(lambda m: mask_id_number(m.group(1)), text)
    return _PHONE_IN_TEXT.sub(lambda m: mask_phone(m.group(1)), text)


def scrub_value(value: object) -> object:
    """:func:`scrub_text` applied through dicts, lists and tuples (for structured details).

    Numbers, booleans and None pass through; any other object is scrubbed as its ``str``.
    """
    if isinstance(value, str):
        return scrub_text(value)
    if isinstance(value, dict):
        return {k: scrub_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [scrub_value(v) for v in value]
    if isinstance(value, int | float | bool) or value is None:
        return value
    return scrub_text(str(value))
