"""What free text a resident (or a catalog) may carry: lengths and characters.

Invisible characters are refused, not stripped: C0 and C1 controls (ESC and GS are the
ESC/POS printer's command bytes), format characters (the bidi overrides and isolates
U+202A–U+202E and U+2066–U+2069 among them: they reorder what the screen and the receipt
show), private-use characters and lone surrogates (which no file or database can encode).
Newline and tab are allowed only in multi-line text.
"""

from __future__ import annotations

import unicodedata
from typing import Literal

NAME_LIMIT = 100
"""Characters in a person's name."""
FREE_TEXT_LIMIT = 2000
"""Characters in any other free text, whatever a form's schema says."""

BIDI_CONTROLS = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
_MULTILINE_OK = frozenset("\n\t\r")
_BAD_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co"})

CharProblem = Literal["surrogate", "bidi", "control"]


def bad_characters(value: str, *, multiline: bool = False) -> CharProblem | None:
    """The worst kind of character ``value`` must not carry, or ``None`` when it is clean."""
    if value.isprintable() and value.isascii():
        return None  # the common case, without a per-character look-up
    found: CharProblem | None = None
    for ch in value:
        cat = unicodedata.category(ch)
        if cat not in _BAD_CATEGORIES or (multiline and ch in _MULTILINE_OK):
            continue
        if cat == "Cs":
            return "surrogate"
        if ch in BIDI_CONTROLS:
            found = "bidi"
        elif found is None:
            found = "control"
    return found


def nfc(value: str) -> str:
    """``value`` in Unicode normal form C (one code point for é, whichever way it was typed)."""
    return value if value.isascii() else unicodedata.normalize("NFC", value)


def is_ascii_digits(value: str) -> bool:
    """True for a non-empty string of 0-9 only (``str.isdigit`` also takes ``²`` and ``١``)."""
    return value.isascii() and value.isdigit()
