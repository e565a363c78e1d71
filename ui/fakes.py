"""An in-process fake of the application API (:class:`kiosk.service.KioskApi`) for view-model
unit tests and for rendering screenshots without hardware. Journeys in ``tests/ui`` run
through the real service and simulators instead; this fake is for pure UI logic only.
"""

from __future__ import annotations

import datetime as dt
import io
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kiosk.service import (
    CatalogView,
    DelegationOutcome,
    DeviceHealth,
    FeedbackOutcome,
    IdentityOutcome,
    License,
    MaterialInput,
    PersonView,
    PrintOutcome,
    Ready,
    ScanOutcome,
    StatusOutcome,
    SubmitOutcome,
    TechnicianOutcome,
    TerminalFacts,
    default_terminal_facts,
    local_time,
)

DEMO_PRINCIPAL = PersonView(
    channel="id_card",
    holder="李**  110105********002X",
    prefill={
        "name": "李秀英",
        "id_number": "11010519491231002X",
        "gender": "女",
        "birth_date": "1949-12-31",
        "address": "北京市东城区交道口南大街1号",
    },
)
DEMO_AGENT_HOLDER = "王**  110105********0016"

DEMO_PERSON = PersonView(
    channel="id_card",
    holder="张*  110105********002X",
    prefill={
        "name": "张三",
        "id_number": "11010519491231002X",
        "gender": "男",
        "birth_date": "1949-12-31",
        "address": "北京市朝阳区建国路1号",
        "ethnicity": "汉",
    },
)

TONGBAN_PERSON = PersonView(
    channel="id_card",
    holder="李*  130602********0014",
    prefill={
        "name": "李四",
        "id_number": "130602198001010018",
        "gender": "男",
        "birth_date": "1980-01-01",
        "address": "河北省保定市莲池区东关大街12号",
        "ethnicity": "汉",
        "registered_region": "河北省保定市莲池区",
    },
)
"""A resident registered in 保定 applying at a Beijing terminal (跨省通办, 异地代收代办)."""

FOREIGN_PERSON = PersonView(
    channel="id_card",
    holder="史*  USA1********201",
    prefill={
        "name": "史密斯",
        "english_name": "SMITH, JOHN ROBERT",
        "id_number": "USA110078091201",
        "gender": "男",
        "birth_date": "1978-09-12",
    },
    card_type="foreign_permanent_2017",
)
"""A foreign permanent resident (2017 card): the form's number label and English name."""


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
        self._catalog = CatalogView.sample() if items is None else CatalogView(items, 1)
        self.items = self._catalog.items
        self.version = 1
        self.home: dict[str, Any] | None = None
        self.health_map: dict[str, DeviceHealth] = {
            n: Ready()
            for n in ("id_reader", "ssc_reader", "qr_reader", "printer", "scanner", "platform")
        }
        self.identity_outcome = IdentityOutcome("ok", DEMO_PERSON)
        self.principal_outcome: DelegationOutcome | None = None
        """What the principal's card or authorisation gives (None: an ok for DEMO_PRINCIPAL,
        by the way asked, naming the authorised item ``authorised_item``)."""
        self.authorised_item = ""
        self.acting: DelegationOutcome | None = None
        self.technician_outcome = TechnicianOutcome.no_card()
        self.identity_delay_s = 0.0
        self.scan_outcome: ScanOutcome | None = None
        self.print_outcome = PrintOutcome("ok")
        self.instant_outcome: Any = None
        """What ``instant_result`` answers (an ``InstantOutcome``); None: a verified document."""
        self.instant_printed: list[str] = []
        self.instant_printed_a4: list[str] = []
        self.licenses_list: list[License] | None = []
        self.space_outcome: Any = None
        """What ``my_space`` answers (a ``SpaceOutcome``); None: :func:`demo_space`."""
        self.confirm_outcome: Any = None
        """What ``confirm_benefit`` answers (a ``ConfirmOutcome``); None: confirmed."""
        self.confirmed: list[str] = []
        self.submitted: list[dict[str, Any]] = []
        self.reviews: list[dict[str, Any]] = []
        self.problems: list[dict[str, Any]] = []
        self.helps: list[str] = []
        self.code: str | None = None
        self.fail_submit = False
        self.statuses: dict[str, StatusOutcome] = {}
        self.sessions_ended = 0
        self.facts: TerminalFacts = default_terminal_facts()
        from ui.fakes_maintenance import FakeMaintenance

        self.maintenance = FakeMaintenance()

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
        return self._catalog.search(query, limit)

    def _card_type(self) -> str:
        person = self.identity_outcome.person
        return person.card_type if person is not None else "resident"

    def validate_field(self, item_code: str, name: str, value: str) -> tuple[str, str] | None:
        return self._catalog.validate_field(item_code, name, value, self._card_type())

    def validate_form(self, item_code: str, values: dict[str, str]) -> dict[str, tuple[str, str]]:
        return self._catalog.validate_form(item_code, values, self._card_type())

    # devices
    def health(self) -> dict[str, DeviceHealth]:
        return dict(self.health_map)

    def report_health(self, name: str, health: DeviceHealth) -> None:
        self.health_map[name] = health

    def read_identity(
        self, channel: str, cancel: threading.Event, timeout_s: float, pin: Any = None
    ) -> IdentityOutcome:
        end = time.monotonic() + self.identity_delay_s
        while time.monotonic() < end:
            if cancel.wait(0.02):
                return IdentityOutcome("cancelled")
        return self.identity_outcome

    # 委托代办
    def _principal(self, way: str, item_code: str) -> DelegationOutcome:
        out = self.principal_outcome or DelegationOutcome(
            "ok",
            way=way,
            item_code=item_code,
            principal=DEMO_PRINCIPAL.holder,
            agent=DEMO_AGENT_HOLDER,
            person=DEMO_PRINCIPAL,
        )
        if out.kind == "ok":
            self.acting = out
        return out

    def read_principal_card(self, cancel: threading.Event, timeout_s: float) -> Any:
        return self._principal("card", "")

    def principal_by_authorisation(
        self,
        id_number: str,
        cancel: threading.Event,
        timeout_s: float,
        item_code: str | None = None,
    ) -> Any:
        return self._principal("qr_authorisation", item_code or self.authorised_item)

    def principal_by_power_of_attorney(self, name: str, id_number: str) -> Any:
        return self._principal("power_of_attorney", "")

    def delegation_refusal(self, item_code: str) -> tuple[str, str, str] | None:
        from kiosk.service import agent_refusal

        item = next((i for i in self.items if i["item_code"] == item_code), None)
        if item is None:
            return None
        a = self.acting
        return agent_refusal(item, a.way if a else None, a.item_code if a else "")

    def agent_ways(self, item_code: str) -> tuple[str, ...]:
        item = next((i for i in self.items if i["item_code"] == item_code), None)
        agent = (item or {}).get("agent") or {}
        return tuple(agent.get("ways") or ()) if agent.get("allowed") else ()

    def acting_for(self) -> Any:
        return self.acting

    def stop_acting_for(self) -> None:
        self.acting = None

    def scan(self, material_id: str) -> ScanOutcome:
        return self.scan_outcome or ScanOutcome("ok", demo_scan_png(material_id), "image/png")

    def scan_receipt_code(self, cancel: threading.Event, timeout_s: float) -> str | None:
        return self.code

    def code_key(self, text: str, t: float) -> bool:
        return False

    def print_receipt(self, application_id: str) -> PrintOutcome:
        return self.print_outcome

    def print_guide(self, item_code: str) -> PrintOutcome:
        return self.print_outcome

    # platform
    def online(self) -> bool:
        return isinstance(self.health_map["platform"], Ready)

    def licenses(self) -> list[License] | None:
        return self.licenses_list if self.online() else None

    def today(self) -> dt.date:
        return dt.date.today()

    def local_stamp(self, stamp: str | None) -> str:
        return local_time(stamp)

    def my_space(self) -> Any:
        if self.space_outcome is not None:
            return self.space_outcome
        if not self.online():
            from kiosk.service import SpaceOutcome

            return SpaceOutcome("offline", "需要联网：暂时连不上政务服务平台", "Needs the network")
        return demo_space(self.licenses_list)

    def confirm_benefit(self, benefit_id: str) -> Any:
        from kiosk.service import ConfirmOutcome

        if self.confirm_outcome is not None:
            return self.confirm_outcome
        first = benefit_id not in self.confirmed
        self.confirmed.append(benefit_id)
        return ConfirmOutcome(
            "confirmed",
            "已确认，待遇将按政策发放",
            "Confirmed; the benefit will be paid as the policy says",
            confirmation_no="QR20261127000042",
            first_time=first,
        )

    def instant_result(self, item_code: str) -> Any:
        if self.instant_outcome is not None:
            return self.instant_outcome
        item = next((it for it in self.items if it["item_code"] == item_code), None)
        if item is None or not item.get("instant"):
            from kiosk.service import InstantOutcome

            return InstantOutcome("not_instant", "该事项不能即时出具结果", "Not issued at once")
        return demo_instant_outcome(item)

    def instant_document(self, result_id: str) -> Any:
        return None

    def print_instant_result(self, result_id: str) -> PrintOutcome:
        self.instant_printed.append(result_id)
        return self.print_outcome

    def print_instant_result_a4(self, result_id: str) -> PrintOutcome:
        self.instant_printed_a4.append(result_id)
        return self.print_outcome

    def lookup_status(self, ref: str) -> StatusOutcome:
        return self.statuses.get(ref, StatusOutcome("not_found", ref=ref))

    # writes
    def submit(
        self,
        item_code: str,
        form: dict[str, str],
        materials: Sequence[MaterialInput],
        *,
        commitment_accepted: bool = False,
    ) -> SubmitOutcome:
        if self.fail_submit:
            raise RuntimeError("disk full")
        self.submitted.append(
            {
                "item_code": item_code,
                "form": dict(form),
                "materials": list(materials),
                "commitment_accepted": commitment_accepted,
            }
        )
        ref = f"KIOSK-DEMO-0001-20261127-{len(self.submitted):04d}"
        return SubmitOutcome(
            f"app-{len(self.submitted)}",
            ref,
            "2026-11-27 16:30",
            f"https://zwfw.example.gov.cn/status?ref={ref}",
            online=self.online(),
            **self._catalog.routing_lines(item_code, form, "110105"),
            **(
                {"agent": self.acting.agent, "principal": self.acting.principal}
                if self.acting
                else {}
            ),
        )

    def submit_review(
        self,
        *,
        rating: int,
        reasons: Sequence[str],
        comment: str = "",
        local_ref: str | None = None,
        item_code: str | None = None,
        dimensions: dict[str, int] | None = None,
        contact: str | None = None,
    ) -> FeedbackOutcome:
        self.reviews.append(
            {
                "rating": rating,
                "reasons": list(reasons),
                "local_ref": local_ref,
                "comment": comment,
                "dimensions": dimensions,
                "contact": contact,
            }
        )
        return FeedbackOutcome(f"review-{len(self.reviews)}")

    def report_problem(
        self,
        *,
        category: str,
        description: str,
        contact: str | None = None,
        item_code: str | None = None,
    ) -> FeedbackOutcome:
        self.problems.append({"category": category, "description": description})
        return FeedbackOutcome(f"problem-{len(self.problems)}")

    def request_help(self, *, reason: str) -> FeedbackOutcome:
        self.helps.append(reason)
        return FeedbackOutcome(f"help-{len(self.helps)}")

    def maintenance_enter_card(
        self, cancel: threading.Event, timeout_s: float
    ) -> TechnicianOutcome:
        cancel.wait(min(timeout_s, self.identity_delay_s))
        return TechnicianOutcome.no_card() if cancel.is_set() else self.technician_outcome

    def end_session(self) -> None:
        self.acting = None
        self.sessions_ended += 1

    def hotline(self) -> str:
        return "12345"

    def terminal_name(self) -> str:
        return "便民自助终端（演示）"

    def terminal_facts(self) -> TerminalFacts:
        return self.facts


def demo_instant_outcome(item: dict[str, Any]) -> Any:
    """A verified result document of instant ``item`` for the demo resident (as the core's
    ``instant_result`` hands it over after the seal and holder checks)."""
    from kiosk.service import InstantOutcome, VerifiedResult

    doc = item["result_document"]
    body = item["implementing_body"]["name"]
    result = VerifiedResult(
        result_id="R-20261127-000042",
        item_code=item["item_code"],
        doc_type=doc["type"],
        title=doc["title"],
        issuer=body,
        seal_name=f"{body}电子印章",
        signed_at=dt.datetime(2026, 11, 27, 8, 30, tzinfo=dt.UTC),
        issued_at="2026-11-27T08:30:00Z",
        holder_name_masked="张*",
        holder_id_masked="110105********002X",
        facts=(("参保状态", "正常参保"), ("参保险种", "养老、医疗、失业"), ("累计缴费月数", "126")),
        fits_receipt=bool(doc.get("fits_receipt")),
        mime="application/json",
        document=b"{}",
        signature=b"",
    )
    return InstantOutcome(
        "verified", f"{doc['title']}已出具 · 已验证 · {body}", "issued", result=result
    )


def demo_space(licenses: list[License] | None) -> Any:
    """The demo resident's own space as the core hands it over (holder checked): applications
    on three channels, two benefits (one to confirm), the e-licenses."""
    from kiosk.service import HolderApplication, HolderBenefit, PersonalSpace, SpaceOutcome

    apps = (
        HolderApplication(
            "KIOSK-DEMO-0001-20261127-0001",
            None,
            "失业保险金申领",
            "kiosk",
            "in_review",
            "2026-11-27T10:00:00Z",
            "审查中",
            "In review",
        ),
        HolderApplication(
            "CK2026111400038121",
            None,
            "不动产登记资料查询",
            "window",
            "supplement_required",
            "2026-11-14T02:31:00Z",
            "请于期限前到西城区政务服务中心补交材料",
            "Bring the missing material to the Xicheng service centre before the deadline",
            "2026-11-28",
        ),
        HolderApplication(
            "WS2026102100417733",
            None,
            "城乡居民基本医疗保险参保登记",
            "web",
            "completed",
            "2026-10-21T06:12:00Z",
            "已办结，无需操作",
            None,
        ),
    )
    benefits = (
        HolderBenefit(
            "BEN-GLJT",
            "高龄老年人津贴",
            "《北京市老年人津贴发放办法》（京民养老发〔2024〕12号）",
            "每月100元，发放至社会保障卡",
            True,
            "awaiting_confirmation",
            "2026-12-27",
        ),
        HolderBenefit(
            "BEN-CXYL",
            "城乡居民基本养老保险待遇",
            "《城乡居民基本养老保险条例》",
            "每月基础养老金924元",
            False,
            "granted",
        ),
    )
    space = PersonalSpace(
        apps, benefits, tuple(licenses) if licenses is not None else None, "2026-11-27T10:05:00Z"
    )
    return SpaceOutcome("ok", "我的办事空间", "My space", space)


def still_ui(backend: FakeBackend, runtime_root: Path, **options: Any) -> Any:
    """The interface over the fake backend, silent and without animations or keyboard: what
    ``kiosk screenshots`` and the UI benchmarks drive (``options`` go to ``KioskUi``)."""
    from ui.shell import KioskUi

    kw: dict[str, Any] = {"idle_timeout_s": 600, "idle_warning_s": 30, **options}
    return KioskUi(
        backend, voice=False, still=True, keyboard=False, runtime_root=runtime_root, **kw
    )
