"""The resident's own space (一人一档 / 专属空间) as the simulator answers it: a holder's
applications on every channel, and the 免申即享 benefits the holder qualifies for.

``GET /v1/holder/applications`` and ``GET /v1/holder/benefits`` (header ``X-Holder-Token``)
answer for the holder of the token only. The kiosk's own applications are found by identity (the
applicant's ID number in the stored record); the ones from the web portal (网上办事大厅) and
the service-hall windows are made up deterministically from a hash of the holder's ID number, as
the licenses are — the same holder sees the same records every time, another holder others.

Every answer names its holder by ``holder.id_digest`` = SHA-256 of
``"<holder token>|<SHA-256 hex of the ID number>"``, so that the kiosk can refuse an answer
about someone else. The ``/_sim/holder`` control ``{"records": "other_holder"}`` makes the
simulator answer another person's records (with that person's digest) until set back to
``"good"``.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from typing import Any

HOLDER_MODES = ("good", "other_holder")
OTHER_HOLDER = hashlib.sha256(b"110101196001010016").hexdigest()
"""The ID hash of the stranger whose records the ``other_holder`` fault answers."""

# channel, item name, status, next step (zh, en)
_OTHER_CHANNEL_APPS: list[tuple[str, str, str, str, str]] = [
    (
        "web",
        "城乡居民基本医疗保险参保登记",
        "completed",
        "已办结，无需操作",
        "Completed; nothing to do",
    ),
    (
        "window",
        "不动产登记资料查询",
        "supplement_required",
        "请于期限前到西城区政务服务中心补交材料",
        "Bring the missing material to the Xicheng service centre before the deadline",
    ),
    (
        "web",
        "住房公积金提取（租房）",
        "in_review",
        "审查中，结果将以短信通知",
        "In review; the result comes by text message",
    ),
    (
        "window",
        "居民身份证换领",
        "approved",
        "证件已制好，请携带受理回执到原窗口领取",
        "The card is ready: collect it at the window with your receipt",
    ),
    (
        "web",
        "灵活就业人员社会保险登记",
        "accepted",
        "已受理，等待审核",
        "Accepted; waiting for review",
    ),
]

_KIOSK_NEXT = {
    "received": ("终端已收件，等待受理", "Received at the kiosk; waiting to be accepted"),
    "accepted": ("已受理，等待审核", "Accepted; waiting for review"),
    "supplement_required": ("请按通知补正材料", "Supply the missing material as notified"),
    "in_review": ("审查中", "In review"),
    "approved": ("已批准，等待出具结果", "Approved; the result is being issued"),
    "rejected": ("未予批准，可到窗口咨询", "Not approved; ask at a window"),
    "completed": ("已办结，无需操作", "Completed; nothing to do"),
}

# benefit id, name, policy, what, needs confirmation
_BENEFITS: list[tuple[str, str, str, str, bool]] = [
    (
        "BEN-GLJT",
        "高龄老年人津贴",
        "《北京市老年人津贴发放办法》（京民养老发〔2024〕12号）",
        "每月100元，发放至社会保障卡",
        True,
    ),
    (
        "BEN-CXYL",
        "城乡居民基本养老保险待遇",
        "《城乡居民基本养老保险条例》",
        "每月基础养老金924元",
        False,
    ),
    (
        "BEN-GNBT",
        "采暖季供暖补贴",
        "《北京市城市低收入家庭供暖补助办法》",
        "每个采暖季2400元，一次发放",
        True,
    ),
    (
        "BEN-DSZN",
        "独生子女父母奖励费",
        "《北京市人口与计划生育条例》第二十七条",
        "一次性1000元",
        True,
    ),
    (
        "BEN-CJBT",
        "困难残疾人生活补贴",
        "《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》",
        "每月200元",
        False,
    ),
]


def _num(seed: str, *parts: str) -> int:
    return int(hashlib.sha256("|".join((seed, *parts)).encode()).hexdigest(), 16)


def id_hash_of(id_number: str) -> str:
    return hashlib.sha256(id_number.encode()).hexdigest()


def id_digest(token: str, id_hash: str) -> str:
    """How an answer names its holder (see the module doc)."""
    return hashlib.sha256(f"{token}|{id_hash}".encode()).hexdigest()


def _iso(t: datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def other_channel_applications(id_hash: str, now: datetime | None = None) -> list[dict]:
    """Two to four applications of the holder made on the web portal or at a window."""
    now = now or datetime.now(UTC)
    n = _num(id_hash, "apps")
    count = 2 + n % 3
    out = []
    for i in range(count):
        ch, name, status, zh, en = _OTHER_CHANNEL_APPS[(n >> (4 + i)) % len(_OTHER_CHANNEL_APPS)]
        if any(x["item_name"] == name for x in out):
            continue
        m = _num(id_hash, "app", str(i))
        updated = now - timedelta(days=1 + m % 40, minutes=m % 600)
        prefix = "WS" if ch == "web" else "CK"
        deadline = None
        if status == "supplement_required":
            deadline = (updated + timedelta(days=14)).date().isoformat()
        out.append(
            {
                "application_no": f"{prefix}{updated:%Y%m%d}{(m >> 16) % 10**8:08d}",
                "item_code": None,
                "item_name": name,
                "channel": ch,
                "status": status,
                "updated_at": _iso(updated),
                "next_step": zh,
                "next_step_en": en,
                "deadline": deadline,
            }
        )
    return out


def kiosk_application(status: dict[str, Any], item_name: str) -> dict[str, Any]:
    """One of the holder's kiosk applications, from its status answer."""
    zh, en = _KIOSK_NEXT.get(status["status"], ("", ""))
    supplement = status.get("supplement") or {}
    return {
        "application_no": status["application_no"],
        "item_code": status["item_code"],
        "item_name": item_name,
        "channel": "kiosk",
        "status": status["status"],
        "updated_at": status["updated_at"],
        "next_step": zh,
        "next_step_en": en,
        "deadline": supplement.get("deadline"),
    }


def benefits_for(id_hash: str, confirmed: dict[str, str], now: datetime | None = None) -> list:
    """The benefits the holder qualifies for: two or three, always one needing confirmation.
    ``confirmed``: ``{benefit_id: confirmation_no}`` of this holder's confirmations."""
    now = now or datetime.now(UTC)
    n = _num(id_hash, "benefits")
    first = n % 2  # the first pick is one that needs confirmation (高龄津贴 or 供暖补贴)
    picks = [(0, 2)[first]]
    for i in range(1 + (n >> 3) % 2):
        j = (n >> (5 + 3 * i)) % len(_BENEFITS)
        if j not in picks:
            picks.append(j)
    out = []
    for j in sorted(picks):
        bid, name, policy, what, needs = _BENEFITS[j]
        if not needs:
            status = "granted"
        elif bid in confirmed:
            status = "confirmed"
        else:
            status = "awaiting_confirmation"
        out.append(
            {
                "benefit_id": bid,
                "name": name,
                "policy": policy,
                "amount": what,
                "needs_confirmation": needs,
                "status": status,
                "confirm_by": (now + timedelta(days=30)).date().isoformat() if needs else None,
                "confirmation_no": confirmed.get(bid),
            }
        )
    return out
