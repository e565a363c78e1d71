"""The 256-byte text block of an identity card (GA/T 490-2019), decoded and encoded.

UTF-16LE, fields right-padded with spaces; the character at byte offset 248 says which card
this is (space: resident ID card, ``J``: Hong Kong/Macau/Taiwan residence permit, ``I``: 2017
foreign permanent resident card, ``Y``: 2023 one). Layouts: ``domain-reference.md`` §1.

:func:`decode_text_block` raises only :class:`TextBlockError` (a ``ValueError``); a field that
decodes but is not what it should be (a date that is no date) lands in ``card.problems``
instead, so that a technician sees everything the card says. :func:`encode_text_block` is
what the simulator uses to build the same bytes a real card gives.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from kiosk.domain.checks import is_valid_citizen_id
from kiosk.domain.text import bad_characters, is_ascii_digits
from kiosk.identity.card import IdentityCard
from kiosk.identity.dates import format_card_date, parse_card_date

TEXT_BLOCK_SIZE = 256
TYPE_FLAG_OFFSET = 248

TYPE_FLAGS: dict[str, str] = {
    " ": "resident",
    "J": "hmt_residence",
    "I": "foreign_permanent_2017",
    "Y": "foreign_permanent_2023",
}
FLAG_OF_TYPE = {v: k for k, v in TYPE_FLAGS.items()}

# (field, byte offset, byte length, kind). kind: s = text, d = date, t = valid-to (or 长期),
# i = integer count. "english_name_2" is the 2023 card's second part of the English name.
_Field = tuple[str, int, int, str]
_RESIDENT: tuple[_Field, ...] = (
    ("name", 0, 30, "s"),
    ("gender", 30, 2, "s"),
    ("ethnicity", 32, 4, "s"),
    ("birth_date", 36, 16, "d"),
    ("address", 52, 70, "s"),
    ("id_number", 122, 36, "s"),
    ("issuer", 158, 30, "s"),
    ("valid_from", 188, 16, "d"),
    ("valid_to", 204, 16, "t"),
)
LAYOUTS: dict[str, tuple[_Field, ...]] = {
    "resident": _RESIDENT,
    # The residence permit is the resident card's layout with the ethnicity left blank, and
    # the pass number and issue count in what the resident card keeps reserved.
    "hmt_residence": (
        *(f for f in _RESIDENT if f[0] != "ethnicity"),
        ("pass_number", 220, 18, "s"),
        ("issue_count", 238, 4, "i"),
    ),
    "foreign_permanent_2017": (
        ("english_name", 0, 120, "s"),
        ("gender", 120, 2, "s"),
        ("id_number", 122, 30, "s"),
        ("nationality", 152, 6, "s"),
        ("name", 158, 30, "s"),
        ("valid_from", 188, 16, "d"),
        ("valid_to", 204, 16, "t"),
        ("birth_date", 220, 16, "d"),
        ("card_version", 236, 4, "s"),
        ("authority_code", 240, 8, "s"),
    ),
    "foreign_permanent_2023": (
        ("name", 0, 30, "s"),
        ("gender", 30, 2, "s"),
        ("renewal_count", 32, 4, "i"),
        ("birth_date", 36, 16, "d"),
        ("english_name", 52, 70, "s"),
        ("id_number", 122, 36, "s"),
        ("valid_from", 188, 16, "d"),
        ("valid_to", 204, 16, "t"),
        ("english_name_2", 220, 22, "s"),
        ("nationality", 242, 6, "s"),
        ("previous_card", 250, 6, "s"),
    ),
}
_PAD = " \x00"


class TextBlockError(ValueError):
    """The text block cannot be read as any card (wrong size, not UTF-16, unknown type)."""


def _decode_utf16(raw: bytes) -> str:
    try:
        return raw.decode("utf-16-le")
    except UnicodeDecodeError:
        raise TextBlockError("text block is not UTF-16LE") from None


def decode_text_block(
    block: bytes, *, photo: bytes = b"", appended_address: str | None = None
) -> IdentityCard:
    """The card in ``block``; :class:`TextBlockError` and nothing else when it is no card."""
    try:
        return _decode(block, photo, appended_address)
    except TextBlockError:
        raise
    except (ValueError, TypeError, IndexError) as exc:  # a last net: garbage is a typed refusal
        raise TextBlockError(f"text block cannot be decoded ({exc})") from None


def _decode(block: bytes, photo: bytes, appended_address: str | None) -> IdentityCard:
    if len(block) != TEXT_BLOCK_SIZE:
        raise TextBlockError(f"text block is {len(block)} bytes, expected {TEXT_BLOCK_SIZE}")
    flag = _decode_utf16(block[TYPE_FLAG_OFFSET : TYPE_FLAG_OFFSET + 2])
    card_type = TYPE_FLAGS.get(flag)
    if card_type is None:
        raise TextBlockError(f"unknown card type flag {flag!r}")
    values: dict[str, Any] = {}
    problems: list[str] = []
    for name, off, size, kind in LAYOUTS[card_type]:
        text = _decode_utf16(block[off : off + size]).rstrip(_PAD)
        if kind == "s":
            values[name] = text
            if bad_characters(text):
                problems.append(f"{name}: contains control or bidi-override characters")
        elif kind == "i":
            if text == "":
                values[name] = None
            elif is_ascii_digits(text):
                values[name] = int(text)
            else:
                values[name] = None
                problems.append(f"{name}: expected digits, got {text!r}")
        else:
            if text == "":
                values[name] = None
                problems.append(f"{name}: missing")
                continue
            try:
                values[name] = parse_card_date(text, allow_long_term=(kind == "t"))
            except ValueError as exc:
                values[name] = None
                problems.append(f"{name}: {exc}")
    if card_type == "foreign_permanent_2023":
        # The two parts concatenated as stored, then the padding trimmed.
        raw1 = _decode_utf16(block[52:122])
        values["english_name"] = (raw1 + values.pop("english_name_2")).rstrip(_PAD)
    if card_type == "resident" and values.get("ethnicity") == "":
        values["ethnicity"] = None
    for key in ("issuer", "address", "english_name", "nationality", "card_version",
                "authority_code", "pass_number", "previous_card"):  # fmt: skip
        if key in values and values[key] == "":
            values[key] = None
    card = IdentityCard(
        card_type=card_type,  # type: ignore[arg-type]
        photo=photo,
        appended_address=appended_address,
        **values,
    )
    problems.extend(_consistency_problems(card))
    if problems:
        card = IdentityCard(**{**_fields(card), "problems": tuple(problems)})
    return card


def _fields(card: IdentityCard) -> dict[str, Any]:
    return {k: getattr(card, k) for k in card.__dataclass_fields__}


def _consistency_problems(card: IdentityCard) -> list[str]:
    out: list[str] = []
    num = card.id_number
    if card.card_type == "foreign_permanent_2017":
        if not (
            len(num) == 15 and num[:3].isalpha() and num[:3].isupper() and is_ascii_digits(num[3:])
        ):
            out.append("id_number: expected 3 letters and 12 digits")
    elif is_valid_citizen_id(num) and isinstance(card.birth_date, dt.date):
        if num[6:14] != card.birth_date.strftime("%Y%m%d"):
            out.append("birth_date: does not match the ID number")
    if card.card_type == "hmt_residence" and not num.startswith(("810000", "820000", "830000")):
        out.append("id_number: a residence permit number begins 810000, 820000 or 830000")
    if card.card_type == "foreign_permanent_2023" and not num.startswith("9"):
        out.append("id_number: a 2023 permanent resident card number begins with 9")
    if (
        isinstance(card.valid_from, dt.date)
        and isinstance(card.valid_to, dt.date)
        and card.valid_to < card.valid_from
    ):
        out.append("valid_to: before valid_from")
    return out


# ---------------------------------------------------------------------------- encode
def _put(buf: bytearray, off: int, size: int, text: str, name: str) -> None:
    raw = text.encode("utf-16-le")
    if len(raw) > size:
        raise ValueError(f"{name}: {text!r} does not fit in {size // 2} characters")
    buf[off : off + size] = raw + " ".encode("utf-16-le") * ((size - len(raw)) // 2)


def encode_text_block(card: IdentityCard) -> bytes:
    """The 256 bytes a reader sends for ``card``; ``ValueError`` if a field does not fit."""
    buf = bytearray(" ".encode("utf-16-le") * (TEXT_BLOCK_SIZE // 2))
    values = _fields(card)
    if card.card_type == "foreign_permanent_2023":
        en = card.english_name or ""
        values["english_name"], values["english_name_2"] = en[:35], en[35:]
    for name, off, size, kind in LAYOUTS[card.card_type]:
        v = values.get(name)
        if v is None:
            text = ""
        elif kind in ("d", "t"):
            text = format_card_date(v)
        elif kind == "i":
            text = f"{v:0{size // 2}d}"
        else:
            text = str(v)
        _put(buf, off, size, text, name)
    _put(buf, TYPE_FLAG_OFFSET, 2, FLAG_OF_TYPE[card.card_type], "card_type")
    return bytes(buf)


def encode_address(address: str) -> bytes:
    """The 70-byte appended-address block (GA/T 467 command 30 03)."""
    buf = bytearray(70)
    _put(buf, 0, 70, address, "appended_address")
    return bytes(buf)


def decode_address(raw: bytes) -> str:
    return _decode_utf16(raw[: len(raw) - len(raw) % 2]).rstrip(_PAD)
