"""What the application API answers: plain, display-ready values.

A card pulled out, a jam or paper running out is an outcome, not an exception. Values a screen
shows are ready to show: personal data masked where the screen must mask it, times in Beijing
time, code tables turned into words.
"""

from __future__ import annotations

from dataclasses import field
from typing import Literal

from kiosk.frozen import frozen_record
from kiosk.maintenance.techcard import TechnicianOutcome
from kiosk.usecases.results import (
    Channel,
    License,
    OneTimePin,
    PrintOutcome,
    ReadKind,
    ScanOutcome,
    StatusOutcome,
)

__all__ = [
    "Channel", "FeedbackOutcome", "IdentityOutcome", "License", "OneTimePin", "PersonView", "PrintOutcome",
    "ScanOutcome", "StatusOutcome", "SubmitOutcome", "TechnicianOutcome",
]  # fmt: skip

DeviceName = Literal[
    "id_reader", "ssc_reader", "qr_reader", "printer", "document_printer", "scanner", "platform"
]
DEVICE_NAMES: tuple[DeviceName, ...] = (
    "id_reader",
    "ssc_reader",
    "qr_reader",
    "printer",
    "document_printer",
    "scanner",
    "platform",
)


@frozen_record
class PersonView:
    """The identified resident as the screens show them (for this session only).

    ``holder`` is masked (``王*  110105********002X``) for headers and the review; ``prefill``
    has the form's card values by prefill key (``name``, ``id_number``, ``gender`` as a word,
    ``birth_date``, ``address``, ``ethnicity``), which the resident sees in full on the form.
    """

    channel: Channel
    holder: str
    prefill: dict[str, str] = field(repr=False)
    card_type: str = "resident"

    def __repr__(self) -> str:
        return f"PersonView(channel={self.channel!r}, …)"


@frozen_record
class IdentityOutcome:
    """How identifying went. ``pin_required``: the social security card wants its PIN —
    ``reason`` is ``""`` (first ask) or ``pin_wrong`` (the PIN just typed was refused), and
    ``tries_left`` says how many tries the card has (None when it does not say). A blocked card
    is ``card_error`` with reason ``pin_blocked``."""

    kind: ReadKind
    person: PersonView | None = None
    reason: str = ""
    tries_left: int | None = None


@frozen_record
class DelegationOutcome:
    """How identifying the principal went (委托代办). ``ok``: the principal is this session's
    applicant and the agent is kept beside them; ``refused``: ``reason`` is a code
    (``self``, ``forged``, ``expired``, ``other_item``, ``other_principal``, ``other_agent``,
    ``bad_id``, ``unreadable``, ``in_person``…) with the resident's message in both languages;
    otherwise a read's kind (``no_card``, ``card_error``, ``expired``, ``unavailable``,
    ``cancelled``). ``principal`` and ``agent`` are masked (``李*  110105********0021``)."""

    kind: str
    reason: str = ""
    message_zh: str = ""
    message_en: str = ""
    principal: str = ""
    agent: str = ""
    way: str = ""
    item_code: str = ""
    """The item a QR authorisation is for (the terminal goes straight to it)."""
    person: PersonView | None = None


@frozen_record
class SubmitOutcome:
    """Durable with a local reference: the application is on disk and queued."""

    application_id: str
    local_ref: str
    created_at: str
    """In the terminal's time zone, ``YYYY-MM-DD HH:MM``."""
    status_url: str = ""
    online: bool = False
    """Whether the platform answered just now (the receipt says "sent" or "will be sent")."""
    missing: tuple[tuple[str, str, str], ...] = ()
    """Materials accepted as missing (容缺): ``(name, name_en, supply_by YYYY-MM-DD)``, the
    date by which to bring them, as the paper receipt prints it."""
    time_limit_zh: str = ""
    """The item's promised time limit in words (``5个工作日``); empty when the item has none."""
    time_limit_en: str = ""
    office: str = ""
    """The implementing body that decides and delivers the result, when known."""
    office_en: str = ""
    handled_by: str = ""
    """通办: the handling body and region and the mode (户籍所在地…（河北省保定市莲池区），异地代收代办)."""
    handled_by_en: str = ""
    delivery: str = ""
    """办理结果: what the resident gets and how (…，邮寄至北京市朝阳区****); masked address."""
    delivery_en: str = ""
    agent: str = ""
    """委托代办: the agent, masked (``王*  110105********0011``); empty when the applicant applied."""
    principal: str = ""
    """委托代办: the applicant the agent applied for, masked."""


@frozen_record
class FeedbackOutcome:
    ref: str
    """The local id of the review, problem report or help request (the outbox sends it)."""
