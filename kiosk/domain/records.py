"""What a resident hands in: applications, materials, reviews, problem reports, help requests.

These are plain values built by the UI (or a technician's self-test) and passed to the use
cases in :mod:`kiosk.usecases`, which validate them, store them durably and queue them for the
platform. Wire shapes follow ``platform-api.md``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import field
from typing import Any, Literal

from kiosk.frozen import frozen_record

MaterialSource = Literal["scan", "elicense", "missing", "promise"]

RATING_LABELS = {
    5: ("非常满意", "Very satisfied"),
    4: ("满意", "Satisfied"),
    3: ("基本满意", "Basically satisfied"),
    2: ("不满意", "Dissatisfied"),
    1: ("非常不满意", "Very dissatisfied"),
}

# Reasons for a bad review (不满意 / 非常不满意), as offered on the rating screen.
BAD_REVIEW_REASONS = {
    "device_fault": ("设备故障或无法使用", "The terminal did not work"),
    "too_complex": ("操作复杂，看不懂", "Too complicated to use"),
    "info_unclear": ("办事指南不清楚", "The guide was unclear"),
    "too_many_materials": ("材料要求过多", "Too many materials required"),
    "slow": ("办理时间太长", "It took too long"),
    "not_done": ("事情没办成", "I could not get it done"),
    "staff_attitude": ("工作人员服务态度差", "Staff were unhelpful"),
    "other": ("其他", "Other"),
}

PROBLEM_CATEGORIES = {
    "cannot_find": ("找不到要办的事项", "Cannot find the service"),
    "materials": ("材料问题", "Problems with materials"),
    "device": ("设备问题", "Problems with the terminal"),
    "policy": ("政策或条件不明确", "Unclear policy or conditions"),
    "rejected": ("申请被退回", "My application was refused"),
    "other": ("其他", "Other"),
}

_LOCAL_REF_RE = re.compile(r"(?P<kiosk>[A-Za-z0-9-]{1,32})-(?P<day>[0-9]{8})-(?P<seq>[0-9]{4})")


def format_local_ref(kiosk_id: str, day: dt.date, seq: int) -> str:
    """``<kiosk id>-<YYYYMMDD>-<4-digit daily sequence>``; unique across the province."""
    if not 1 <= seq <= 9999:
        raise ValueError("daily sequence must be 1..9999")
    return f"{kiosk_id}-{day:%Y%m%d}-{seq:04d}"


def parse_local_ref(ref: str) -> tuple[str, dt.date, int] | None:
    m = _LOCAL_REF_RE.fullmatch(ref) if isinstance(ref, str) else None
    if not m:
        return None
    try:
        day = dt.datetime.strptime(m["day"], "%Y%m%d").date()
    except ValueError:
        return None
    return m["kiosk"], day, int(m["seq"])


@frozen_record
class Applicant:
    """The person applying, as proved at the kiosk (card) and completed on the form."""

    name: str
    id_number: str
    card_type: str = "resident"
    id_channel: Literal["id_card", "ssc", "qr", "manual"] = "id_card"
    phone: str | None = None
    gender: str | None = None
    birth_date: str | None = None
    address: str | None = None
    holder_token: str | None = None

    def to_wire(self) -> dict[str, Any]:
        d = {
            "name": self.name,
            "id_number": self.id_number,
            "card_type": self.card_type,
            "id_channel": self.id_channel,
            "phone": self.phone,
            "gender": self.gender,
            "birth_date": self.birth_date,
            "address": self.address,
        }
        return d


@frozen_record
class AgentInput:
    """委托代办: the person applying for the applicant (the agent, 代理人), as proved by their own
    card, and how they showed the applicant's consent (``way``: ``card``, ``qr_authorisation``
    with the authorisation's id, ``power_of_attorney`` with its scan among the materials)."""

    name: str
    id_number: str
    way: str
    card_type: str = "resident"
    id_channel: Literal["id_card", "ssc", "qr", "manual"] = "id_card"
    authorisation_id: str | None = None

    def __repr__(self) -> str:  # personal data
        return f"AgentInput(way={self.way!r}, …)"

    def to_wire(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "id_number": self.id_number,
            "card_type": self.card_type,
            "id_channel": self.id_channel,
            "way": self.way,
            "authorisation_id": self.authorisation_id,
        }


@frozen_record
class MaterialInput:
    """One material of an application and how it is provided.

    ``scan`` carries ``content`` (the compressed page image) and its ``mime``; ``elicense``
    cites ``license_no``; ``missing`` is allowed only for materials that may be missing under
    容缺受理 and carries ``supply_by``; ``promise`` is covered by the item's 告知承诺.
    """

    material_id: str
    name: str
    source: MaterialSource
    content: bytes | None = field(default=None, repr=False)
    mime: str | None = None
    license_no: str | None = None
    supply_by: dt.date | None = None


@frozen_record
class ApplicationDraft:
    item_code: str
    applicant: Applicant
    form: dict[str, str]
    materials: tuple[MaterialInput, ...] = ()
    commitment_accepted: bool = False
    test: bool = False
    agent: AgentInput | None = None
    """委托代办: who applies for ``applicant`` (None: the applicant themselves)."""


@frozen_record
class Review:
    """好差评: voluntary; ratings 1 and 2 need at least one reason."""

    rating: int
    reasons: tuple[str, ...] = ()
    comment: str = ""
    application_no: str | None = None
    local_ref: str | None = None
    item_code: str | None = None
    dimensions: dict[str, int] | None = None
    contact: str | None = None


@frozen_record
class ProblemReport:
    """办不成事: what the resident could not get done."""

    category: str
    description: str
    item_code: str | None = None
    contact: str | None = None


@frozen_record
class HelpRequest:
    """帮办代办: ask for a person to come and help."""

    reason: str
