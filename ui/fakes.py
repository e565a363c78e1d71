"""An in-process fake of :class:`ui.backend.KioskBackend` for view-model unit tests and for
rendering screenshots without hardware. Journeys in ``tests/ui`` run through the real
simulators instead (``kiosk.app``); this fake is for pure UI logic only.
"""

from __future__ import annotations

import io
import threading
import time
from pathlib import Path
from typing import Any

from ui.backend import (
    DeviceHealth,
    DraftApplication,
    FeedbackOutcome,
    Identity,
    IdentityOutcome,
    License,
    PrintOutcome,
    ScanOutcome,
    StatusOutcome,
    SubmitOutcome,
)

DEMO_IDENTITY = Identity(
    channel="id_card",
    card_type="resident",
    name="张三",
    id_number="11010519491231002X",
    gender="1",
    birth_date="1949-12-31",
    address="北京市朝阳区建国路1号",
    ethnicity="汉",
    valid_to="2030-01-01",
)


def demo_scan_png(text: str = "材料") -> bytes:
    from PIL import Image, ImageDraw

    img = Image.new("L", (420, 594), 255)
    d = ImageDraw.Draw(img)
    d.rectangle([10, 10, 409, 583], outline=0, width=3)
    for y in range(80, 560, 28):
        d.line([40, y, 380, y], fill=90, width=4)
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


class FakeBackend:
    def __init__(self, items: list[dict[str, Any]] | None = None) -> None:
        if items is None:
            from kiosk.catalog.sample import load_sample_items

            items = load_sample_items()
        from kiosk.domain.items import ServiceItem
        from kiosk.search import CatalogSearch

        self.items = items
        self.version = 1
        self.home: dict[str, Any] | None = None
        self._domain = {it["item_code"]: ServiceItem.from_dict(it) for it in items}
        self._search = CatalogSearch(items)
        self.health_map: dict[str, DeviceHealth] = {
            n: DeviceHealth(True)
            for n in ("id_reader", "ssc_reader", "qr_reader", "printer", "scanner", "platform")
        }
        self.identity_outcome = IdentityOutcome("ok", DEMO_IDENTITY)
        self.identity_delay_s = 0.0
        self.scan_outcome: ScanOutcome | None = None
        self.print_outcome = PrintOutcome("ok")
        self.licenses_list: list[License] | None = []
        self.submitted: list[DraftApplication] = []
        self.reviews: list[dict[str, Any]] = []
        self.problems: list[dict[str, Any]] = []
        self.helps: list[str] = []
        self.code: str | None = None
        self.fail_submit = False
        self.statuses: dict[str, StatusOutcome] = {}

    # catalog
    def catalog_items(self) -> list[dict[str, Any]]:
        return self.items

    def catalog_version(self) -> int:
        return self.version

    def refresh_catalog(self, known_version: int) -> list[dict[str, Any]] | None:
        return None if known_version == self.version else self.items

    def cached_home(self) -> dict[str, Any] | None:
        return self.home

    def save_home(self, home: dict[str, Any]) -> None:
        self.home = home

    def search(self, query: str, limit: int = 20) -> list[str]:
        return [h.item_code for h in self._search.search(query, limit)]

    def validate_field(self, item_code: str, name: str, value: str) -> tuple[str, str] | None:
        from kiosk.domain.forms import validate_value

        f = self._domain[item_code].form_field(name)
        if f is None:
            return None
        p = validate_value(f, value)
        return (p.message_zh, p.message_en) if p else None

    def validate_form(self, item_code: str, values: dict[str, str]) -> dict[str, tuple[str, str]]:
        from kiosk.domain.forms import validate_form

        return {
            k: (p.message_zh, p.message_en)
            for k, p in validate_form(self._domain[item_code], values).items()
        }

    # devices
    def health(self) -> dict[str, DeviceHealth]:
        return dict(self.health_map)

    def read_identity(
        self, channel: str, cancel: threading.Event, timeout_s: float
    ) -> IdentityOutcome:
        end = time.monotonic() + self.identity_delay_s
        while time.monotonic() < end:
            if cancel.wait(0.02):
                return IdentityOutcome("cancelled")
        return self.identity_outcome

    def scan(self, material_id: str) -> ScanOutcome:
        return self.scan_outcome or ScanOutcome("ok", demo_scan_png(material_id), "image/png")

    def read_code(self, cancel: threading.Event, timeout_s: float) -> str | None:
        return self.code

    def print_receipt(self, submitted: SubmitOutcome, item_name: str) -> PrintOutcome:
        return self.print_outcome

    def print_guide(self, item_code: str) -> PrintOutcome:
        return self.print_outcome

    # platform
    def online(self) -> bool:
        return self.health_map["platform"].ok

    def licenses(self, identity: Identity) -> list[License] | None:
        return self.licenses_list if self.online() else None

    def lookup_status(self, ref: str) -> StatusOutcome:
        return self.statuses.get(ref, StatusOutcome("not_found", ref=ref))

    # writes
    def submit(self, draft: DraftApplication) -> SubmitOutcome:
        if self.fail_submit:
            raise RuntimeError("disk full")
        self.submitted.append(draft)
        ref = f"KIOSK-DEMO-0001-20261127-{len(self.submitted):04d}"
        return SubmitOutcome(
            f"app-{len(self.submitted)}",
            ref,
            "2026-11-27T08:30:00Z",
            f"https://zwfw.example.gov.cn/status?ref={ref}",
        )

    def submit_review(
        self,
        *,
        rating: int,
        reasons: list[str],
        comment: str,
        local_ref: str | None,
        item_code: str | None,
        dimensions: dict[str, int] | None = None,
        contact: str | None = None,
    ) -> FeedbackOutcome:
        self.reviews.append(
            {
                "rating": rating,
                "reasons": reasons,
                "local_ref": local_ref,
                "comment": comment,
                "dimensions": dimensions,
                "contact": contact,
            }
        )
        return FeedbackOutcome(f"review-{len(self.reviews)}")

    def report_problem(
        self, *, category: str, description: str, contact: str | None, item_code: str | None
    ) -> FeedbackOutcome:
        self.problems.append({"category": category, "description": description})
        return FeedbackOutcome(f"problem-{len(self.problems)}")

    def request_help(self, *, reason: str) -> FeedbackOutcome:
        self.helps.append(reason)
        return FeedbackOutcome(f"help-{len(self.helps)}")

    def hotline(self) -> str:
        return "12345"

    def terminal_name(self) -> str:
        return "便民自助终端（演示）"


def still_ui(backend: FakeBackend, runtime_root: Path, **options: Any) -> Any:
    """The interface over the fake backend, silent and without animations or keyboard: what
    ``kiosk screenshots`` and the UI benchmarks drive (``options`` go to ``KioskUi``)."""
    from ui.shell import KioskUi

    kw: dict[str, Any] = {"idle_timeout_s": 600, "idle_warning_s": 30, **options}
    return KioskUi(
        backend, voice=False, still=True, keyboard=False, runtime_root=runtime_root, **kw
    )
