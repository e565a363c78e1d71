"""Local time everywhere: the terminal's time zone (``terminal.time_zone``, default
Asia/Shanghai) for what residents read — the screen's 受理时间, status times, the receipt's
受理时间 and 打印时间, the guide's 打印时间 and the 容缺 deadline's date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from kiosk.config import ConfigError, KioskConfig, parse_config
from kiosk.domain.dates import terminal_zone
from kiosk.domain.records import Applicant, ApplicationDraft, MaterialInput
from kiosk.ports import printer as prp
from kiosk.store.db import Store
from kiosk.usecases.printing import print_guide, print_receipt, receipt_data
from kiosk.usecases.status import lookup_status
from kiosk.usecases.submit import submit_application

# Thursday 26 November 2026, 23:30 UTC: already Friday the 27th, 07:30, in Beijing
NOW = dt.datetime(2026, 11, 26, 23, 30, tzinfo=dt.UTC)


class PaperCatcher:
    """A receipt printer that keeps what it was given (the document, not the bytes)."""

    def __init__(self) -> None:
        self.docs: list[Any] = []

    def print_document(self, doc: Any, *, kind: str | None = None) -> prp.PrintResult:
        self.docs.append(doc)
        return prp.Printed("job-1", 1)


def _cfg(zone: str | None) -> KioskConfig:
    terminal: dict[str, str] = {"kiosk_id": "K-TEST-01"}
    if zone is not None:
        terminal["time_zone"] = zone
    return parse_config({"terminal": terminal})


def _store(tmp_path: Path, cfg: KioskConfig, items: list[dict[str, Any]]) -> Store:
    s = Store.open(tmp_path / f"data-{cfg.terminal.time_zone.replace('/', '-')}", cfg)
    s.catalog.replace_all(items, version=7, source="test")
    return s


def _draft(item: dict[str, Any]) -> ApplicationDraft:
    return ApplicationDraft(
        item_code=item["item_code"],
        applicant=Applicant("王秀英", "11010519491231002X", phone="13812345678"),
        form={
            "applicant_name": "王秀英",
            "id_number": "11010519491231002X",
            "phone": "13812345678",
            "reason": "expired",
        },
        materials=(
            MaterialInput("M1", "原居民身份证", "scan", content=b"\x89PNG page", mime="image/png"),
            MaterialInput("M2", "户口簿", "missing"),
            MaterialInput("M4", "无犯罪记录证明", "scan", content=b"\x89PNG 2", mime="image/png"),
        ),
    )


def _field(doc: Any, label: str) -> str:
    return next(line for line in doc.text_lines() if line.startswith(label))


def test_the_default_zone_is_beijing_and_an_unknown_zone_is_refused() -> None:
    assert KioskConfig().terminal.time_zone == "Asia/Shanghai"
    assert _cfg("Europe/Berlin").terminal.time_zone == "Europe/Berlin"
    for bad in ("Mars/Olympus", "", "../etc/passwd", "UTC+8"):
        with pytest.raises(ConfigError, match=r"^terminal\.time_zone: expected an IANA"):
            _cfg(bad)


@pytest.mark.parametrize(
    ("zone", "accepted", "printed", "supply_by"),
    [
        # Beijing: Friday 07:30; five working days from Friday is the next Friday
        (None, "2026-11-27 07:30", "2026-11-27 07:45", dt.date(2026, 12, 4)),
        # a terminal configured for UTC: still Thursday evening there
        ("UTC", "2026-11-26 23:30", "2026-11-26 23:45", dt.date(2026, 12, 3)),
    ],
)
def test_receipt_status_and_deadline_are_in_the_terminals_zone(
    tmp_path: Path,
    items: list[dict[str, Any]],
    zone: str | None,
    accepted: str,
    printed: str,
    supply_by: dt.date,
) -> None:
    cfg = _cfg(zone)
    store = _store(tmp_path, cfg, items)
    try:
        item = store.catalog.get(items[0]["item_code"])
        draft = _draft(items[0])
        sub = submit_application(store, draft, now=NOW)
        assert sub.missing == (("M2", "户口簿", supply_by),)
        paper = PaperCatcher()
        data = receipt_data(sub, draft, item, cfg)
        later = NOW + dt.timedelta(minutes=15)
        assert print_receipt(paper, data, cfg, later).kind == "ok"
        (doc,) = paper.docs
        # both times on the paper are the terminal's local time, not one local and one UTC
        assert accepted in _field(doc, "受理时间")
        assert printed in _field(doc, "打印时间")
        assert any(
            f"{supply_by:%Y年%-m月%-d日}" in line or supply_by.isoformat() in line
            for line in doc.text_lines()
            if "补齐" in line
        )
        assert print_guide(paper, items[0], cfg, later).kind == "ok"
        assert printed in _field(paper.docs[1], "打印时间")
        # the status screen: this terminal's record, in the same local time
        out = lookup_status(store, None, sub.local_ref, terminal_zone(cfg))
        assert out.kind == "found" and out.updated_at == accepted
        assert all(h["at"] in ("", accepted) for h in out.history)
        assert "T" not in out.updated_at and "Z" not in out.updated_at
    finally:
        store.close()
