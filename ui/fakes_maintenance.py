"""An in-process fake of the maintenance API (:class:`kiosk.service.maintenance_api.
MaintenanceApi`), for ``kiosk screenshots`` and view-model checks: fixed answers in the API's
own types, no devices, no files but the scanned test page it draws."""

from __future__ import annotations

import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.service.maintenance_api import (
    SELFTEST_DEVICES,
    AuditVerdict,
    CatalogRefreshed,
    ConfigField,
    ConfigRefused,
    ConfigSaved,
    ExportDone,
    OutboxEntry,
    OutboxOverview,
    PinOk,
    PinWrong,
    RetryQueued,
    SelfTestResult,
    StorageOverview,
)


@dataclass(frozen=True)
class FakeCard:
    """The technician card's outcome (``kind``: ok | not_technician | untrusted | no_card |
    reader_error)."""

    kind: str
    name: str = ""
    card_id: str = ""
    reason: str = ""


class FakeMaintenance:
    def __init__(self, image_dir: Path | None = None) -> None:
        self.pin = "246810"
        self.wrong = 0
        self.entries: list[str] = []
        self.faulted: set[str] = set()
        self.card = FakeCard("no_card")
        self._image_dir = image_dir or Path(tempfile.gettempdir()) / "bianmin-fake-selftest"
        self.config: dict[str, str] = {
            "terminal.name": "朝阳区便民服务中心 1 号机",
            "terminal.hotline": "12345",
            "ui.idle_timeout_s": "120",
            "ui.default_language": "zh_CN",
            "devices.printer.kind": "simulated",
            "sync.interval_s": "5.0",
            "platform.secret_file": "******",
        }
        self.saved: list[dict[str, str]] = []
        self.retried: list[str] = []

    @property
    def active(self) -> bool:
        return bool(self.entries) and self.entries[-1] != "exit"

    def pin_enter(self, pin: str) -> Any:
        if pin == self.pin:
            self.wrong = 0
            self.entries.append("pin")
            return PinOk()
        self.wrong += 1
        return PinWrong(locked_for_s=float(2 ** (self.wrong - 1)), failures=self.wrong)

    def enter(self, via: str) -> None:
        self.entries.append(via)

    def pin_set(self, pin: str) -> None:
        self.pin = pin

    def maintenance_enter_card(self, cancel: threading.Event, timeout_s: float) -> FakeCard:
        if self.card.kind == "no_card":
            cancel.wait(min(timeout_s, 0.2))
        return self.card

    def maintenance_exit(self) -> None:
        self.entries.append("exit")

    def selftest(self, device: str | None = None, unattended: bool = False) -> list[Any]:
        out = []
        for n in SELFTEST_DEVICES if device is None else (device,):
            bad = n in self.faulted
            detail = {
                "printer": "paper_out" if bad else "test page printed, status ready",
                "scanner": "jammed" if bad else "test page scanned, 2480×3508",
                "platform": "reached in 38 ms, clock offset 0.4 s",
                "ssc_reader": "test card read (ATR ok, challenge signed)",
                "id_reader": "test card read",
            }.get(n, "fault" if bad else "ok")
            img = self._scan() if n == "scanner" and not bad else None
            out.append(SelfTestResult(n, not bad, detail, n.endswith("_reader"), False, img))
        return out

    def _scan(self) -> str:
        from PySide6.QtGui import QColor, QImage, QPainter

        self._image_dir.mkdir(parents=True, exist_ok=True)
        path = self._image_dir / "selftest-scan.png"
        img = QImage(340, 440, QImage.Format.Format_RGB32)
        img.fill(QColor("white"))
        p = QPainter(img)
        for i in range(0, 340, 20):
            p.drawLine(i, 0, i, 440)
        for j in range(0, 440, 20):
            p.drawLine(0, j, 340, j)
        p.end()
        img.save(str(path))
        return str(path)

    def config_fields(self) -> list[ConfigField]:
        kinds = {"ui.idle_timeout_s": "int", "sync.interval_s": "float"}
        return [
            ConfigField(
                k,
                v,
                "secret" if v == "******" else kinds.get(k, "str"),  # type: ignore[arg-type]
                choices=("simulated", "escpos", "none") if k.endswith(".kind") else (),
                help_zh="无人操作多少秒后清除会话" if k == "ui.idle_timeout_s" else "",
                help_en="seconds without a touch before the session is wiped"
                if k == "ui.idle_timeout_s"
                else "",
            )
            for k, v in self.config.items()
        ]

    def config_save(self, changes: dict[str, str]) -> Any:
        for k, v in changes.items():
            if k == "ui.idle_timeout_s" and not v.isdigit():
                return ConfigRefused(k, f"ui.idle_timeout_s: expected an integer, got str {v!r}")
        self.config.update(changes)
        self.saved.append(changes)
        return ConfigSaved("/var/lib/bianmin/kiosk.toml", ("ui",))

    def outbox_overview(self) -> OutboxOverview:
        return OutboxOverview(
            counts={"pending": 2, "sent": 41, "rejected": 1, "quarantined": 1},
            oldest_pending_s=754.0,
            rejected=(
                OutboxEntry("KIOSK-DEMO-0001-20261204-0003", "application", "rejected",
                            "item_withdrawn", "the platform withdrew the item", 1),
            ),
            quarantined=(
                OutboxEntry("KIOSK-DEMO-0001-20261204-0007", "application", "quarantined",
                            "unreadable", "sealed body unreadable", 8),
            ),
        )  # fmt: skip

    def outbox_retry(self, ref: str) -> RetryQueued:
        self.retried.append(ref)
        return RetryQueued(ref)

    def catalog_refresh_now(self) -> CatalogRefreshed:
        return CatalogRefreshed(1, 1, False)

    def audit_verify(self) -> AuditVerdict:
        return AuditVerdict(ok=True, entries=1284)

    def storage_overview(self) -> StorageOverview:
        return StorageOverview(
            data_dir="/var/lib/bianmin",
            used_bytes=1_288_490_188,
            free_bytes=26_843_545_600,
            reserve_bytes=2_147_483_648,
            low=False,
            last_purge={"at": "2026-12-04 03:00", "applications": 18, "scans": 56},
        )

    def export_support(self, target: str, usb_mount: str | None = None) -> ExportDone:
        where = (
            "/media/usb/bianmin-support-KIOSK-DEMO-0001-20261204.tar.gz"
            if target == "usb"
            else "SUP-20261204-0001"
        )
        return ExportDone(target, where, 184_320, "9f2c4a1be07d5c33" + "0" * 48)  # type: ignore[arg-type]
