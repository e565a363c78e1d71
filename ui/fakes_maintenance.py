"""An in-process fake of the maintenance API (``kiosk.service.maintenance_api``), for
``kiosk screenshots`` and view-model checks: fixed answers, no devices, no files but the
scanned test page it draws."""

from __future__ import annotations

import tempfile
import threading
import time
import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class FakeOutcome:
    kind: str
    locked_for_s: float = 0.0
    remaining_s: float = 0.0
    field: str = ""
    message: str = ""
    path: str = ""
    restarted_parts: list[str] = dataclasses.field(default_factory=list)
    name: str = ""
    reason: str = ""
    version: int | None = None


@dataclass
class FakeSelfTest:
    name: str
    passed: bool
    detail: str = ""
    needs_person: bool = False
    image: str | None = None


class FakeMaintenance:
    def __init__(self, image_dir: Path | None = None) -> None:
        self.pin = "246810"
        self.wrong = 0
        self.entries: list[str] = []
        self.faulted: set[str] = set()
        self.card: FakeOutcome = FakeOutcome("no_card")
        self._image_dir = image_dir or Path(tempfile.gettempdir()) / "bianmin-fake-selftest"
        self.config: dict[str, Any] = {
            "terminal.name": "朝阳区便民服务中心 1 号机",
            "terminal.hotline": "12345",
            "ui.idle_timeout_s": 120,
            "ui.default_language": "zh_CN",
            "devices.printer.kind": "simulated",
            "sync.interval_s": 5.0,
        }
        self.saved: list[dict[str, Any]] = []
        self.retried: list[str] = []

    def pin_enter(self, pin: str) -> FakeOutcome:
        if pin == self.pin:
            self.wrong = 0
            self.entries.append("pin")
            return FakeOutcome("ok")
        self.wrong += 1
        return FakeOutcome("wrong", locked_for_s=float(2 ** (self.wrong - 1)))

    def maintenance_enter_card(self, cancel: threading.Event, timeout_s: float) -> FakeOutcome:
        if self.card.kind == "no_card":
            cancel.wait(min(timeout_s, 0.2))
        return self.card

    def maintenance_exit(self) -> None:
        self.entries.append("exit")

    def selftest(self, device: str | None = None, unattended: bool = False) -> list[FakeSelfTest]:
        names = ["id_reader", "ssc_reader", "qr_reader", "printer", "scanner", "voice", "platform"]
        out = []
        for n in names if device is None else [device]:
            bad = n in self.faulted
            detail = {
                "printer": "纸将尽" if bad else "测试页已打印，状态正常",
                "scanner": "卡纸" if bad else "已扫描测试页",
                "platform": "时钟偏差 0.4 秒",
            }.get(n, "故障" if bad else "正常")
            img = self._scan() if n == "scanner" and not bad else None
            out.append(FakeSelfTest(n, not bad, detail, n in ("id_reader", "ssc_reader"), img))
        return out

    def _scan(self) -> str | None:
        if self._image_dir is None:
            return None
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

    def config_fields(self) -> list[dict[str, Any]]:
        restarts = {"devices.printer.kind": ["printer"], "sync.interval_s": ["sync"]}
        return [
            {"name": k, "value": v, "restarts": restarts.get(k, []), "help": ""}
            for k, v in self.config.items()
        ]

    def config_save(self, changes: dict[str, Any]) -> FakeOutcome:
        for k, v in changes.items():
            if k == "ui.idle_timeout_s" and not isinstance(v, int):
                return FakeOutcome("refused", field=k, message=f"expected an integer, got {v!r}")
        self.config.update(changes)
        self.saved.append(changes)
        return FakeOutcome(
            "saved", path="/var/lib/bianmin/kiosk.toml", restarted_parts=["ui"]
        )

    def outbox_overview(self) -> dict[str, Any]:
        return {
            "counts": {"pending": 2, "sent": 41, "rejected": 1, "quarantined": 1},
            "oldest_pending": "2026-12-04 09:12",
            "rows": [
                {"ref": "KIOSK-DEMO-0001-20261204-0003", "state": "rejected",
                 "reason": "platform: item 11000000000000000X01 withdrawn"},
                {"ref": "KIOSK-DEMO-0001-20261204-0007", "state": "quarantined",
                 "reason": "sealed body unreadable after 8 tries"},
            ],
        }  # fmt: skip

    def outbox_retry(self, ref: str) -> FakeOutcome:
        self.retried.append(ref)
        return FakeOutcome("ok")

    def catalog_refresh_now(self) -> FakeOutcome:
        return FakeOutcome("ok", version=1)

    def audit_verify(self) -> dict[str, Any]:
        return {"ok": True, "entries": 1284, "findings": []}

    def storage_overview(self) -> dict[str, Any]:
        return {
            "数据目录": "/var/lib/bianmin",
            "已用": "1.2 GB / 28 GB (4%)",
            "扫描件": "312 个文件",
            "上次清理": "2026-12-04 03:00（删除 18 份申请、56 个扫描件）",
        }

    def export_support(self, target: str, usb_mount: str | None = None) -> FakeOutcome:
        time.sleep(0.01)
        if target == "usb":
            return FakeOutcome("ok", path="/media/usb/bianmin-support-KIOSK-DEMO-0001.tar.gz")
        return FakeOutcome("ok", path="SUP-20261204-0001")
