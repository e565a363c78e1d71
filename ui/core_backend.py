"""The interface's backend over the real kiosk: the core's store and use cases, the device
ports and the platform port.

The composition root (``kiosk/app.py``) builds the adapters (real drivers or simulators) and
hands them here as *ports* — this module imports no driver and no HTTP client. A port that is
``None`` is an absent device: its health says "unavailable" and the flows route around it.

Threading: the UI calls every method from a worker thread. Identity readers are
``kiosk.devices.manager.ManagedDevice`` objects (one device worker each, so a health probe
and a card read never share the serial line); the printer and scanner drivers have their own
workers; the store is thread-safe.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from kiosk.devices.health import Busy, Disconnected, Ready, Unavailable
from kiosk.domain.forms import validate_form, validate_value
from kiosk.domain.items import ServiceItem
from kiosk.domain.records import (
    Applicant,
    ApplicationDraft,
    HelpRequest,
    MaterialInput,
    ProblemReport,
    Review,
)
from kiosk.ports import identity as idp
from kiosk.ports import platform as pp
from kiosk.ports import printer as prp
from kiosk.ports import scanner as scp
from kiosk.receipts.receipt import (
    MissingMaterial,
    ReceiptData,
    ReceivedMaterial,
    build_receipt,
    status_url,
)
from kiosk.search import CatalogSearch
from kiosk.usecases.feedback import report_problem, request_help, submit_review
from kiosk.usecases.submit import submit_application
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

log = logging.getLogger("kiosk.ui.backend")
T = TypeVar("T")

HOW = {"scan": "扫描", "elicense": "电子证照", "promise": "告知承诺"}
GENDER = {"1": "男", "2": "女", "0": "未知", "9": "未说明"}


@dataclass
class _Cached:
    value: Any = None
    at: float = -1e9


class CoreBackend:
    def __init__(
        self,
        store: Any,
        cfg: Any,
        *,
        id_reader: Any = None,
        ssc_reader: Any = None,
        qr_reader: Any = None,
        printer: prp.ReceiptPrinter | None = None,
        scanner: scp.DocumentScanner | None = None,
        platform: pp.Platform | None = None,
        health_cache_s: float = 2.0,
        clock: Any = time.monotonic,
        starting: bool = False,
        on_queued: Callable[[], None] | None = None,
    ) -> None:
        """``on_queued``: called after each durable write the platform must get (a submitted
        application, a review, a problem report, a call for help) — the shell drains the
        outbox then instead of at the sync agent's next tick."""
        self.store = store
        self.on_queued = on_queued
        self.cfg = cfg
        self.id_reader = id_reader
        self.ssc_reader = ssc_reader
        self.qr_reader = qr_reader
        self.printer = printer
        self.scanner = scanner
        self.platform = platform
        self._clock = clock
        self._cache_s = health_cache_s
        self._printer_health = _Cached()
        self._platform_health = _Cached()
        self._scanner_state = DeviceHealth(
            scanner is not None, "ready" if scanner else "unavailable"
        )
        self._lock = threading.Lock()
        self._receipt: dict[str, ReceiptData] = {}
        self._last_print_job: dict[str, str] = {}
        self.reload_catalog()

    def attach(self, **ports: Any) -> None:
        """Hand over the devices and the platform once they are started (``kiosk.app``)."""
        for name, port in ports.items():
            setattr(self, name, port)
        self._scanner_state = DeviceHealth(
            self.scanner is not None, "ready" if self.scanner else "unavailable"
        )
        self.forget_health()
        self.starting = False

    # ------------------------------------------------------------------ catalog
    def reload_catalog(self) -> None:
        version = self.store.catalog.version()
        items = [
            it.to_dict() if hasattr(it, "to_dict") else it for it in self.store.catalog.items()
        ]
        domain = {it["item_code"]: ServiceItem.from_dict(it) for it in items}
        search = CatalogSearch(items)
        # swapped together once built: a search running meanwhile uses the old catalog whole
        self._items, self._domain, self._search = items, domain, search
        self._catalog_version = version

    def catalog_items(self) -> list[dict[str, Any]]:
        return self._items

    def catalog_version(self) -> int:
        return self._catalog_version

    def refresh_catalog(self, known_version: int) -> list[dict[str, Any]] | None:
        if self.store.catalog.version() != self._catalog_version:
            self.reload_catalog()
        return None if known_version == self._catalog_version else self._items

    def cached_home(self) -> dict[str, Any] | None:
        from kiosk.catalog.home_cache import read_home

        return read_home(self.store.data_dir)

    def save_home(self, home: dict[str, Any]) -> None:
        from kiosk.catalog.home_cache import write_home

        write_home(self.store.data_dir, home)

    def search(self, query: str, limit: int = 20) -> list[str]:
        return [h.item_code for h in self._search.search(query, limit)]

    def validate_field(self, item_code: str, name: str, value: str) -> tuple[str, str] | None:
        item = self._domain.get(item_code)
        f = item.form_field(name) if item else None
        if f is None:
            return None
        p = validate_value(f, value)
        return (p.message_zh, p.message_en) if p else None

    def validate_form(self, item_code: str, values: dict[str, str]) -> dict[str, tuple[str, str]]:
        item = self._domain.get(item_code)
        if item is None:
            return {}
        return {k: (p.message_zh, p.message_en) for k, p in validate_form(item, values).items()}

    # ------------------------------------------------------------------ health
    def health(self) -> dict[str, DeviceHealth]:
        if self.starting:
            names = ("id_reader", "ssc_reader", "qr_reader", "printer", "scanner", "platform")
            return {n: DeviceHealth(True, "starting") for n in names}
        out = {
            "id_reader": _reader_health(self.id_reader),
            "ssc_reader": _reader_health(self.ssc_reader),
            "qr_reader": _reader_health(self.qr_reader),
            "printer": self._printer_status(),
            "scanner": self._scanner_state,
            "platform": self._platform_status(),
        }
        return out

    def _printer_status(self) -> DeviceHealth:
        if self.printer is None:
            return DeviceHealth(False, "unavailable")
        c = self._printer_health
        now = self._clock()
        if now - c.at < self._cache_s and c.value is not None:
            return c.value
        st = self.printer.status()
        match st:
            case prp.PrinterReady():
                h = DeviceHealth(True, "ready")
            case prp.PaperOut():
                h = DeviceHealth(False, "paper_out")
            case prp.CoverOpen():
                h = DeviceHealth(False, "cover_open")
            case prp.Offline():
                h = DeviceHealth(False, "unavailable", st.reason)
            case _:
                h = DeviceHealth(True, "unknown")  # unknown is never "out of paper"
        c.value, c.at = h, now
        return h

    def _platform_status(self) -> DeviceHealth:
        if self.platform is None:
            return DeviceHealth(False, "offline")
        c = self._platform_health
        now = self._clock()
        if now - c.at < self._cache_s * 2 and c.value is not None:
            return c.value
        r = self.platform.server_time()
        h = DeviceHealth(True, "ready") if isinstance(r, pp.Ok) else DeviceHealth(False, "offline")
        c.value, c.at = h, now
        return h

    def online(self) -> bool:
        return self._platform_status().ok

    def forget_health(self) -> None:
        """Drop cached health (after the developer panel flipped something)."""
        self._printer_health = _Cached()
        self._platform_health = _Cached()

    # ------------------------------------------------------------------ identity
    def read_identity(
        self, channel: str, cancel: threading.Event, timeout_s: float
    ) -> IdentityOutcome:
        if channel == "id_card":
            return self._read_id_card(cancel, timeout_s)
        if channel == "ssc":
            return self._read_ssc(cancel, timeout_s)
        if channel == "qr":
            return self._read_qr_identity(cancel, timeout_s)
        return IdentityOutcome("unavailable", reason="unknown channel")

    def _read_id_card(self, cancel: threading.Event, timeout_s: float) -> IdentityOutcome:
        dev = self.id_reader
        if dev is None:
            return IdentityOutcome("unavailable")
        res = dev.call(
            lambda r: r.wait_for_card(timeout_s, cancel=cancel),
            unavailable=lambda st: idp.CardError("unavailable", meaning=str(st)),
        )
        if cancel.is_set():
            return IdentityOutcome("cancelled")
        match res:
            case idp.CardPresent(card):
                return IdentityOutcome("ok", _identity_from_card(card, "id_card"))
            case idp.NoCard():
                return IdentityOutcome("no_card")
            case idp.CardRemoved():
                return IdentityOutcome("card_error", reason="pulled")
            case idp.CardError(kind="unavailable" | "disconnected"):
                return IdentityOutcome("unavailable", reason=res.kind)
            case idp.CardError():
                return IdentityOutcome("card_error", reason=res.kind)
        return IdentityOutcome("card_error", reason="unexpected")

    def _read_ssc(self, cancel: threading.Event, timeout_s: float) -> IdentityOutcome:
        dev = self.ssc_reader
        if dev is None:
            return IdentityOutcome("unavailable")
        deadline = time.monotonic() + timeout_s

        def job(r: Any) -> Any:
            while not cancel.is_set():
                st = r.status()
                if isinstance(st, Ready):
                    return r.read_card()
                if isinstance(st, Unavailable | Disconnected):
                    return idp.CardError("unavailable", meaning=str(st))
                left = deadline - time.monotonic()
                if left <= 0:
                    return idp.NoCard()
                r.wait_for_change(min(1.0, left))
            return idp.NoCard()

        res = dev.call(job, unavailable=lambda st: idp.CardError("unavailable", meaning=str(st)))
        if cancel.is_set():
            return IdentityOutcome("cancelled")
        match res:
            case idp.SscPresent(card):
                return IdentityOutcome("ok", _identity_from_ssc(card))
            case idp.NoCard():
                return IdentityOutcome("no_card")
            case idp.CardRemoved():
                return IdentityOutcome("card_error", reason="pulled")
            case idp.PinRequired():
                return IdentityOutcome("card_error", reason="pin_required")
            case idp.CardError(kind="unavailable" | "disconnected"):
                return IdentityOutcome("unavailable", reason=res.kind)
            case idp.CardError():
                return IdentityOutcome("card_error", reason=res.kind)
        return IdentityOutcome("card_error", reason="unexpected")

    def _read_qr_identity(self, cancel: threading.Event, timeout_s: float) -> IdentityOutcome:
        payload = self.read_code(cancel, timeout_s)
        if cancel.is_set():
            return IdentityOutcome("cancelled")
        if payload is None:
            return IdentityOutcome("no_card")
        if self.platform is None:
            return IdentityOutcome("unavailable", reason="offline")
        claim = pp.IdentityClaim(
            card_type="resident",
            id_number="",
            name="",
            valid_to=None,
            channel="qr",
            qr_payload=payload,
        )
        r = self.platform.verify_identity(claim)
        if not isinstance(r, pp.Ok):
            return IdentityOutcome(
                "unavailable" if isinstance(r, pp.Unreachable) else "card_error",
                reason="qr_refused",
            )
        tok: pp.IdentityToken = r.data
        return IdentityOutcome("ok", _identity_from_qr(tok))

    def read_code(self, cancel: threading.Event, timeout_s: float) -> str | None:
        dev = self.qr_reader
        if dev is None:
            return None
        deadline = time.monotonic() + timeout_s

        def job(r: Any) -> Any:
            while not cancel.is_set():
                left = deadline - time.monotonic()
                if left <= 0:
                    return idp.NoCode()
                res = r.wait_for_code(min(0.5, left))
                if not isinstance(res, idp.NoCode):
                    return res
            return idp.NoCode()

        res = dev.call(job, unavailable=lambda st: idp.CodeError("unavailable", str(st)))
        return res.text if isinstance(res, idp.CodeScanned) else None

    # ------------------------------------------------------------------ scanner
    def scan(self, material_id: str) -> ScanOutcome:
        if self.scanner is None:
            return ScanOutcome("unavailable")
        res = self.scanner.scan()
        match res:
            case scp.Page():
                self._scanner_state = DeviceHealth(True, "ready")
                return ScanOutcome("ok", res.image, res.mime)
            case scp.Jammed():
                self._scanner_state = DeviceHealth(False, "jammed")
                return ScanOutcome("jammed")
            case scp.NoPaper() | scp.Blank():
                return ScanOutcome("no_document")
            case scp.CoverOpen():
                return ScanOutcome("cover_open")
            case scp.Disconnected():
                self._scanner_state = DeviceHealth(False, "unavailable", res.reason)
                return ScanOutcome("unavailable")
        return ScanOutcome("error", reason=type(res).__name__)

    # ------------------------------------------------------------------ printer
    def _print(self, doc: Any, key: str | None) -> PrintOutcome:
        if self.printer is None:
            return PrintOutcome("unavailable")
        job = self._last_print_job.get(key) if key else None
        res = self.printer.reprint(job) if job else self.printer.print_document(doc)
        self._printer_health = _Cached()
        job_id = getattr(res, "job_id", None)
        if key and job_id:
            self._last_print_job[key] = job_id
        match res:
            case prp.Printed():
                return PrintOutcome("ok")
            case prp.PaperOut():
                return PrintOutcome("paper_out")
            case prp.Offline():
                return PrintOutcome("unavailable", res.reason)
        return PrintOutcome("error", type(res).__name__)

    def print_receipt(self, submitted: SubmitOutcome, item_name: str) -> PrintOutcome:
        data = self._receipt.get(submitted.application_id)
        if data is None:
            return PrintOutcome("error", "receipt data gone")
        data = ReceiptData(**{**data.__dict__, "printed_at": dt.datetime.now()})
        doc = build_receipt(
            data,
            width_mm=self.cfg.printer_profile().paper_width_mm,
            status_url_template=self.cfg.platform.status_url_template,
        )
        return self._print(doc, None)

    def print_guide(self, item_code: str) -> PrintOutcome:
        from kiosk.receipts.guide import build_guide

        item = next((it for it in self._items if it["item_code"] == item_code), None)
        if item is None:
            return PrintOutcome("error", "unknown item")
        doc = build_guide(
            item,
            width_mm=self.cfg.printer_profile().paper_width_mm,
            terminal_id=self.cfg.terminal.kiosk_id,
            hotline=self.cfg.terminal.hotline,
        )
        return self._print(doc, None)

    # ------------------------------------------------------------------ platform
    def licenses(self, identity: Identity) -> list[License] | None:
        if self.platform is None:
            return None
        if identity.channel == "qr" and isinstance(identity.record, pp.IdentityToken):
            token = identity.record.token
        else:
            claim = pp.IdentityClaim(
                card_type=identity.card_type,
                id_number=identity.id_number,
                name=identity.name,
                valid_to=identity.valid_to,
                channel=identity.channel,
            )
            r = self.platform.verify_identity(claim)
            if not isinstance(r, pp.Ok):
                return None
            token = r.data.token
        r2 = self.platform.licenses(token)
        if not isinstance(r2, pp.Ok):
            return None
        return [
            License(x.license_no, x.type_code, x.type_name, x.issuer or "", x.valid_to or "")
            for x in r2.data
        ]

    def lookup_status(self, ref: str) -> StatusOutcome:
        ref = ref.strip()
        local = self.store.applications.get_by_ref(ref)
        if self.platform is not None and (local is None or local.application_no or True):
            r = self.platform.application_status(
                local.application_no if local and local.application_no else ref
            )
            if isinstance(r, pp.Ok):
                s: pp.ApplicationStatus = r.data
                return StatusOutcome(
                    "found",
                    ref=s.local_ref or ref,
                    application_no=s.application_no,
                    status=s.status,
                    updated_at=s.updated_at,
                    history=[
                        {"status": h.status, "at": h.at, "note": h.note or ""} for h in s.history
                    ],
                    source="platform",
                )
            reachable = not isinstance(r, pp.Unreachable | pp.Retryable)
        else:
            reachable = False
        if local is None:
            return StatusOutcome("not_found" if reachable else "offline", ref=ref)
        return StatusOutcome(
            "found",
            ref=local.local_ref,
            application_no=local.application_no,
            status=local.status,
            updated_at=local.status_updated_at or local.created_at,
            history=list(local.history),
            source="local",
        )

    # ------------------------------------------------------------------ durable writes
    def submit(self, draft: DraftApplication) -> SubmitOutcome:
        ident = draft.identity
        form = draft.form
        phone = next((v for k, v in form.items() if "phone" in k and v), None)
        applicant = Applicant(
            name=ident.name,
            id_number=ident.id_number,
            card_type=ident.card_type,
            id_channel=ident.channel,
            phone=phone,
            gender=ident.gender,
            birth_date=ident.birth_date,
            address=ident.address,
        )
        item = self._domain[draft.item_code]
        materials = []
        for m in draft.materials:
            supply = dt.date.fromisoformat(m.supply_by) if m.supply_by else None
            materials.append(
                MaterialInput(
                    m.material_id,
                    m.name,
                    m.source,
                    content=m.content,
                    mime=m.mime,
                    license_no=m.license_no,
                    supply_by=supply,
                )
            )
        core_draft = ApplicationDraft(
            item_code=draft.item_code,
            applicant=applicant,
            form=dict(form),
            materials=tuple(materials),
            commitment_accepted=draft.commitment_confirmed,
        )
        sub = submit_application(self.store, core_draft)
        created = dt.datetime.strptime(sub.created_at, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
        self._receipt = {
            sub.id: ReceiptData(
                item_name=sub.item_name,
                item_code=sub.item_code,
                local_ref=sub.local_ref,
                applicant_name=ident.name,
                applicant_id_number=ident.id_number,
                submitted_at=created.astimezone(dt.timezone(dt.timedelta(hours=8))).replace(
                    tzinfo=None
                ),
                terminal_id=self.cfg.terminal.kiosk_id,
                hotline=self.cfg.terminal.hotline,
                received=tuple(
                    ReceivedMaterial(m.name, HOW.get(m.source, ""))
                    for m in materials
                    if m.source != "missing"
                ),
                missing=tuple(MissingMaterial(name, d) for _, name, d in sub.missing if d),
                promised_text=item.promised_time_limit.text_zh()
                if item.promised_time_limit
                else None,
                office=(item.raw.get("implementing_body") or {}).get("name"),
            )
        }
        return self._queued(
            SubmitOutcome(
                sub.id,
                sub.local_ref,
                sub.created_at,
                status_url(self.cfg.platform.status_url_template, sub.local_ref),
            )
        )

    def _queued(self, outcome: T) -> T:
        if self.on_queued is not None:
            self.on_queued()
        return outcome

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
        return self._queued(
            FeedbackOutcome(
                submit_review(
                    self.store,
                    Review(
                        rating=rating,
                        reasons=tuple(reasons),
                        comment=comment,
                        local_ref=local_ref,
                        item_code=item_code,
                        dimensions=dimensions,
                        contact=contact,
                    ),
                )
            )
        )

    def report_problem(
        self, *, category: str, description: str, contact: str | None, item_code: str | None
    ) -> FeedbackOutcome:
        return self._queued(
            FeedbackOutcome(
                report_problem(
                    self.store,
                    ProblemReport(
                        category=category,
                        description=description,
                        item_code=item_code,
                        contact=contact,
                    ),
                )
            )
        )

    def request_help(self, *, reason: str) -> FeedbackOutcome:
        return self._queued(FeedbackOutcome(request_help(self.store, HelpRequest(reason=reason))))

    def end_session(self) -> None:
        """The session was wiped: drop the receipt data (name, ID number) we held for it."""
        self._receipt = {}
        self._last_print_job = {}

    def hotline(self) -> str:
        return self.cfg.terminal.hotline

    def terminal_name(self) -> str:
        return self.cfg.terminal.name


def _reader_health(dev: Any) -> DeviceHealth:
    if dev is None:
        return DeviceHealth(False, "unavailable")
    st = dev.status.current
    if isinstance(st, Ready | Busy | idp.NoCard):
        return DeviceHealth(True, "ready")
    if isinstance(st, Unavailable | Disconnected):
        return DeviceHealth(False, "unavailable", st.reason)
    return DeviceHealth(True, type(st).__name__.lower())


def _date(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _identity_from_card(card: Any, channel: str) -> Identity:
    from kiosk.identity.codes import ETHNICITY

    eth = getattr(card, "ethnicity", None)
    return Identity(
        channel=channel,  # type: ignore[arg-type]
        card_type=card.card_type,
        name=card.name,
        id_number=card.id_number,
        gender=card.gender,
        birth_date=_date(card.birth_date),
        address=card.address,
        ethnicity=ETHNICITY.get(eth, eth) if eth else None,
        valid_to=_date(card.valid_to),
        expired=bool(card.expired()),
        record=card,
    )


def _identity_from_qr(tok: pp.IdentityToken) -> Identity:
    """The applicant from the identity the platform decoded from the QR code.

    An older platform answers only the masked name: then the form asks for the rest.
    """
    from kiosk.domain.checks import citizen_id_gender, is_valid_citizen_id

    h = tok.holder
    if h is None:
        return Identity(
            channel="qr", card_type="resident", name=tok.name_masked, id_number="", record=tok
        )
    valid = is_valid_citizen_id(h.id_number)
    return Identity(
        channel="qr",
        card_type=h.card_type or "resident",
        name=h.name,
        id_number=h.id_number,
        gender=citizen_id_gender(h.id_number) if valid else None,
        birth_date=(
            f"{h.id_number[6:10]}-{h.id_number[10:12]}-{h.id_number[12:14]}" if valid else None
        ),
        record=tok,
    )


def _identity_from_ssc(card: Any) -> Identity:
    return Identity(
        channel="ssc",
        card_type="resident",
        name=card.name,
        id_number=card.id_number,
        gender=getattr(card, "gender", None),
        birth_date=_date(getattr(card, "birth_date", None)),
        valid_to=_date(getattr(card, "expiry_date", None)),
        expired=bool(card.expired()) if hasattr(card, "expired") else False,
        record=card,
    )
