"""The application API: the one facade every front end talks to.

The touch UI today, the maintenance screen and fleet commands next. It runs the use cases in
:mod:`kiosk.usecases` over the store and the ports (devices, platform) that the shell hands it,
and it **owns the session's personal data**: the proved identity and the receipt data live here
and nowhere else, and :meth:`KioskService.end_session` drops them.

Lifecycle, driven by the shell (``terminal/``):

1. ``KioskService(cfg, data_dir)`` — at once, before anything is open: the start screen can
   show (terminal name, hotline, cached start-screen tiles, devices "unknown: starting").
2. :meth:`open` with the store — the catalog is read and searchable.
3. :meth:`attach` with the devices and the platform once they are started.

Every method that can wait on the world (a device, the platform, the disk) blocks: a front end
calls it from a worker thread. A call made before step 2 waits for it, with a deadline.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, NoReturn

from kiosk.devices.health import (
    DeviceHealth,
    Ready,
    Unavailable,
    Unknown,
    health_of,
    is_usable,
)
from kiosk.domain.dates import local_time, terminal_zone
from kiosk.domain.records import (
    ApplicationDraft,
    HelpRequest,
    MaterialInput,
    ProblemReport,
    Review,
)
from kiosk.masking import mask_id_number, mask_name
from kiosk.service.outcomes import (
    DEVICE_NAMES,
    DelegationOutcome,
    FeedbackOutcome,
    IdentityOutcome,
    License,
    OneTimePin,
    PersonView,
    PrintOutcome,
    ScanOutcome,
    StatusOutcome,
    SubmitOutcome,
    TechnicianOutcome,
)
from kiosk.service.terminal_info import TerminalFacts, terminal_facts
from kiosk.usecases.results import Channel

if TYPE_CHECKING:
    from kiosk.maintenance.service import Maintenance
    from kiosk.receipts.receipt import ReceiptData
    from kiosk.service.catalog_view import CatalogView
    from kiosk.usecases.identify import ProvedIdentity

log = logging.getLogger("kiosk.service")

OPEN_DEADLINE_S = 60.0
"""How long a call made while the kiosk is still starting waits for the store."""
PLATFORM_PROBE_S = 8.0
"""How often the online indicator asks the platform at most (a signed request each time)."""


@functools.cache
def _uc() -> SimpleNamespace:
    """The use cases, the catalog view and the platform port's types, imported on first need
    (the store, the search index and the receipts weigh ~170 ms): :meth:`KioskService.open`
    runs on the shell's start-up thread, so the window never waits for them."""
    from kiosk.ports import platform
    from kiosk.receipts.receipt import status_url
    from kiosk.service.catalog_view import CatalogView
    from kiosk.usecases import (
        delegation,
        feedback,
        identify,
        instant,
        licenses,
        myspace,
        printing,
        scan,
        status,
        submit,
    )

    return SimpleNamespace(
        pp=platform,
        status_url=status_url,
        CatalogView=CatalogView,
        delegation=delegation,
        feedback=feedback,
        identify=identify,
        instant=instant,
        licenses=licenses,
        myspace=myspace,
        printing=printing,
        scan=scan,
        status=status,
        submit_application=submit.submit_application,
    )


class NotIdentified(RuntimeError):
    """A call that needs the resident's identity came before one was proved (or after the
    session ended)."""


@dataclass
class _Cached:
    value: DeviceHealth | None = None
    at: float = -1e9


class _Session:
    """One resident's personal data, held for the session only."""

    def __init__(self) -> None:
        self.identity: ProvedIdentity | None = None
        self.receipts: dict[str, ReceiptData] = {}
        self.results: dict[str, Any] = {}
        """Verified instant-result documents (``kiosk.usecases.instant.VerifiedResult``) by
        result id: the resident's certificates, to show and print in this session only."""
        self.space: Any = None
        """The resident's own space as last fetched (``kiosk.usecases.myspace.PersonalSpace``)."""
        self.confirmations: dict[str, tuple[str, bytes]] = {}
        """The one confirmation request per benefit of this session (sent again on a retry)."""
        self.agent: ProvedIdentity | None = None
        """委托代办: the agent (their own card) while ``identity`` is the principal."""
        self.delegation: tuple[str, str | None, str] | None = None
        """委托代办: (way, authorisation id, the authorisation's item code or "")."""


def person_view(identity: ProvedIdentity) -> PersonView:
    from kiosk.identity.codes import gender_text  # (the identity package loads the card codecs)

    a = identity.applicant
    gender = gender_text(a.gender) or (a.gender if a.gender in ("男", "女") else "")
    prefill = {
        "name": a.name or identity.english_name or "",
        "id_number": a.id_number,
        "gender": gender,
        "birth_date": a.birth_date or "",
        "address": a.address or "",
        "ethnicity": identity.ethnicity or "",
        "english_name": identity.english_name or "",
        "registered_region": _registered_region(identity),
    }
    return PersonView(
        channel=a.id_channel if a.id_channel != "manual" else "id_card",
        holder=f"{mask_name(a.name)}  {mask_id_number(a.id_number)}".strip(),
        prefill={k: v for k, v in prefill.items() if v},
        card_type=a.card_type,
    )


def _registered_region(identity: ProvedIdentity) -> str:
    """The registered region as the form shows it (河北省保定市莲池区), from the card's
    address — never from the ID number, whose first six digits are the place of first
    registration. '' when the address names no city the region table knows."""
    from kiosk.catalog.regions import region_from_address

    region = region_from_address(identity.registered_address or identity.applicant.address)
    return region.full_name if region is not None and region.level != "province" else ""


class KioskService:
    def __init__(
        self,
        cfg: Any,
        data_dir: str | Path,
        *,
        on_queued: Callable[[], None] | None = None,
        health_cache_s: float = 2.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.cfg = cfg
        self.data_dir = Path(data_dir)
        self.on_queued = on_queued
        self.store: Any = None
        self._opened = threading.Event()
        self._catalog: CatalogView | None = None
        self._catalog_stamp: tuple[int, str | None] = (0, None)
        self._ports: dict[str, Any] = {}
        self._attached = False
        self._reported: dict[str, DeviceHealth] = {}
        self._clock = clock
        self._cache_s = health_cache_s
        self._printer_health = _Cached()
        self._document_printer_health = _Cached()
        self._platform_health = _Cached()
        self._scanner_health: DeviceHealth = Unknown("starting")
        self._scan_timeouts: Any = None  # kiosk.usecases.scan.ScanTimeouts, on first scan
        self._card_gate: Any = None  # kiosk.maintenance.techcard.CardGate, on first use
        self._lock = threading.Lock()
        self._session = _Session()

    # ------------------------------------------------------------------ lifecycle (shell)
    def open(self, store: Any) -> None:
        """The store is open: read the catalog; calls waiting for it go on."""
        self.store = store
        self.reload_catalog()  # imports the use cases too, here on the start-up thread
        self._opened.set()

    def attach(self, **ports: Any) -> None:
        """The devices and the platform are started: ``id_reader``, ``ssc_reader``,
        ``qr_reader`` (managed devices), ``printer``, ``scanner``, ``platform``; an absent one
        is ``None`` (its health says unavailable and the journeys route around it)."""
        self._ports = {name: ports.get(name) for name in DEVICE_NAMES}
        self._scanner_health = Ready() if self._ports["scanner"] else Unavailable("absent")
        self.forget_health()
        self._attached = True

    @property
    def is_open(self) -> bool:
        return self._opened.is_set()

    def _store(self) -> Any:
        if not self._opened.wait(OPEN_DEADLINE_S):
            raise RuntimeError("the kiosk did not finish starting")
        return self.store

    def _port(self, name: str) -> Any:
        return self._ports.get(name)

    def _queued(self) -> None:
        if self.on_queued is not None:
            try:
                self.on_queued()
            except Exception:  # noqa: BLE001 - the row is durable; the timer sends it
                log.warning("could not wake the sync agent", exc_info=True)

    # ------------------------------------------------------------------ catalog
    def reload_catalog(self) -> None:
        store = self.store
        stamp = (store.catalog.version(), store.catalog.source())
        items = [it.to_dict() if hasattr(it, "to_dict") else it for it in store.catalog.items()]
        self._catalog = _uc().CatalogView(items, stamp[0])
        self._catalog_stamp = stamp

    def catalog_items(self) -> list[dict[str, Any]]:
        return self._catalog.items if self._catalog else []

    def catalog_version(self) -> int:
        """The version of the catalog :meth:`catalog_items` returns (0 before it is read)."""
        return self._catalog.version if self._catalog else 0

    def refresh_catalog(self, known_version: int) -> list[dict[str, Any]] | None:
        """The items when the store holds another catalog than the caller's ``known_version``
        (an update arrived; the platform's first catalog may carry the bundled sample's
        number, so its source counts too), else None."""
        cat = self._loaded_catalog()
        store = self._store()
        if (store.catalog.version(), store.catalog.source()) != self._catalog_stamp:
            self.reload_catalog()
            return self._loaded_catalog().items
        return None if known_version == cat.version else cat.items

    def _loaded_catalog(self) -> CatalogView:
        """The catalog once the store is open (a call before that waits, with a deadline)."""
        self._store()
        assert self._catalog is not None
        return self._catalog

    def cached_home(self) -> dict[str, Any] | None:
        """The start screen's catalog content saved at the last start (fast)."""
        from kiosk.catalog.home_cache import read_home

        return read_home(self.data_dir)

    def save_home(self, home: dict[str, Any]) -> None:
        from kiosk.catalog.home_cache import write_home

        write_home(self.data_dir, home)

    def search(self, query: str, limit: int = 20) -> list[str]:
        return self._catalog.search(query, limit) if self._catalog else []

    # Form checks run on the GUI thread as the resident types: in memory, never waiting for
    # the store. Before it is open no item can be on screen; submit checks everything again.
    def _card_type(self) -> str:
        """The card the session's resident proved their identity with."""
        ident = self._session.identity
        return ident.applicant.card_type if ident is not None else "resident"

    def validate_field(self, item_code: str, name: str, value: str) -> tuple[str, str] | None:
        cat = self._catalog
        return cat.validate_field(item_code, name, value, self._card_type()) if cat else None

    def validate_form(self, item_code: str, values: dict[str, str]) -> dict[str, tuple[str, str]]:
        cat = self._catalog
        return cat.validate_form(item_code, values, self._card_type()) if cat else {}

    # ------------------------------------------------------------------ health
    def health(self) -> dict[str, DeviceHealth]:
        """Every device's health, and the platform's (``unknown`` while starting)."""
        if not self._attached:
            return {**{n: Unknown("starting") for n in DEVICE_NAMES}, **self._reported}
        return {
            "id_reader": self._managed_health("id_reader"),
            "ssc_reader": self._managed_health("ssc_reader"),
            "qr_reader": self._managed_health("qr_reader"),
            "printer": self._printer_status(),
            "document_printer": self._cached_status("document_printer"),
            "scanner": self._scanner_status(),
            "platform": self._platform_status(),
            "store": self._store_status(),
            **self._reported,
        }

    def _store_status(self) -> DeviceHealth:
        """Unavailable("low_space") below the reserve: no new applications are taken (the
        sync agent is freeing space meanwhile); queued ones are kept and sent."""
        from kiosk.store.space import low_on_space

        return Unavailable("low_space") if low_on_space(self.data_dir) else Ready()

    def report_health(self, name: str, health: DeviceHealth) -> None:
        """A part the front end runs itself (the voice guidance's speech engine) tells its
        health; :meth:`health` — and so ``kiosk status`` and the heartbeat — carries it with
        the devices'. Never waits."""
        self._reported = {**self._reported, name: health}

    def _managed_health(self, name: str) -> DeviceHealth:
        dev = self._port(name)
        if dev is None:
            return Unavailable("absent")
        return health_of(dev.status.current)

    def _printer_status(self) -> DeviceHealth:
        return self._cached_status("printer")

    def _cached_status(self, name: str) -> DeviceHealth:
        """A printer's health from its ``status()`` (a round trip), cached for a while."""
        printer = self._port(name)
        if printer is None:
            return Unavailable("absent")
        c, now = getattr(self, f"_{name}_health"), self._clock()
        if c.value is None or now - c.at >= self._cache_s:
            c.value, c.at = health_of(printer.status()), now
        return c.value

    def _platform_status(self) -> DeviceHealth:
        platform = self._port("platform")
        if platform is None:
            return Unavailable("offline")
        c, now = self._platform_health, self._clock()
        # a signed request each time: every PLATFORM_PROBE_S at most (the sync agent's own
        # requests find an outage as well; an idle kiosk must not wake the network for it)
        if c.value is None or now - c.at >= max(self._cache_s * 2, PLATFORM_PROBE_S):
            r = platform.server_time()
            c.value, c.at = (Ready() if isinstance(r, _uc().pp.Ok) else Unavailable("offline")), now
        return c.value

    def online(self) -> bool:
        return self._attached and is_usable(self._platform_status())

    def forget_health(self) -> None:
        """Drop cached health (after a technician or the developer panel changed a device)."""
        self._printer_health = _Cached()
        self._document_printer_health = _Cached()
        self._platform_health = _Cached()

    # ------------------------------------------------------------------ identity
    def read_identity(
        self,
        channel: Channel,
        cancel: threading.Event,
        timeout_s: float,
        pin: OneTimePin | None = None,
    ) -> IdentityOutcome:
        """Wait for a card (or a code) on ``channel``; on success the identity is this
        session's until :meth:`end_session`. ``pin`` (social security card only) is sent at
        most once, to a card that asks for it, and wiped whatever happens."""
        if pin is not None and channel != "ssc":
            pin.wipe()
            pin = None
        if channel == "id_card":
            read = _uc().identify.read_id_card(self._port("id_reader"), cancel, timeout_s)
        elif channel == "ssc":
            read = _uc().identify.read_ssc(self._port("ssc_reader"), cancel, timeout_s, pin)
        elif channel == "qr":
            read = _uc().identify.read_qr_identity(
                self._port("qr_reader"), self._port("platform"), cancel, timeout_s
            )
        else:
            return IdentityOutcome("unavailable", reason="unknown channel")
        if read.kind != "ok" or read.identity is None:
            # an expired card proves nobody: nothing of it is kept
            return IdentityOutcome(read.kind, reason=read.reason, tries_left=read.tries_left)
        with self._lock:
            self._session.identity = read.identity
            # whoever identifies now applies for themselves: an earlier delegation ends
            self._session.agent = self._session.delegation = None
        return IdentityOutcome("ok", person_view(read.identity))

    def _identity(self) -> ProvedIdentity:
        with self._lock:
            ident = self._session.identity
        if ident is None:
            raise NotIdentified("no resident is identified in this session")
        return ident

    # ------------------------------------------------------------------ 委托代办
    def _acting_agent(self) -> ProvedIdentity | None:
        """The agent of this session: the one kept beside a principal, else whoever read their
        card (who is about to name a principal)."""
        with self._lock:
            s = self._session
            return s.agent if s.agent is not None else s.identity

    def read_principal_card(self, cancel: threading.Event, timeout_s: float) -> DelegationOutcome:
        """委托代办 by card: the agent has read their own card; now the principal's ID card. The
        agent's own card again is refused (``self``); an expired card proves nobody."""
        agent = self._acting_agent()
        if agent is None:
            return _delegation_refused("not_identified")
        read = _uc().identify.read_id_card(self._port("id_reader"), cancel, timeout_s)
        if read.kind != "ok" or read.identity is None:
            return DelegationOutcome(read.kind, reason=read.reason)
        if _uc().delegation.is_self(agent, read.identity):
            return _delegation_refused("self")
        return self._act_for(agent, read.identity, "card", None, "")

    def principal_by_authorisation(
        self,
        id_number: str,
        cancel: threading.Event,
        timeout_s: float,
        item_code: str | None = None,
    ) -> DelegationOutcome:
        """委托代办 by QR authorisation: the principal's ID number (typed by the agent), then the
        principal's authorisation code held to the code reader, verified offline (see
        ``kiosk.usecases.delegation``). ``item_code``: the item already chosen, else the
        authorisation's item becomes the session's (``item_code`` of the outcome)."""
        from kiosk.domain.checks import is_valid_citizen_id
        from kiosk.domain.delegation import same_person

        agent = self._acting_agent()
        if agent is None:
            return _delegation_refused("not_identified")
        pid = (id_number or "").strip().upper()
        if not is_valid_citizen_id(pid):  # before anyone waits at the reader
            return _delegation_refused("bad_id")
        if same_person(pid, agent.applicant.id_number):
            return _delegation_refused("self")
        payload = _uc().identify.read_code(self._port("qr_reader"), cancel, timeout_s)
        if cancel.is_set():
            return DelegationOutcome("cancelled")
        if payload is None:
            return DelegationOutcome("no_card")
        return self.principal_by_authorisation_code(pid, payload, item_code)

    def principal_by_authorisation_code(
        self, id_number: str, code: str, item_code: str | None = None
    ) -> DelegationOutcome:
        """As :meth:`principal_by_authorisation` with the code's text already read (a code
        typed or handed over by a keyboard-wedge scanner)."""
        from kiosk.domain.delegation import AgentRefused, check_item

        uc, agent = _uc(), self._acting_agent()
        if agent is None:
            return _delegation_refused("not_identified")
        trust = uc.licenses.current_trust(self._port("platform"), self.data_dir)
        chk = uc.delegation.check_authorisation(
            code,
            principal_id=id_number,
            agent_id=agent.applicant.id_number,
            item_code=item_code,
            trust=trust,
            now=dt.datetime.now(dt.UTC),
        )
        if chk.auth is None:
            self._audit_delegation("refused", chk.refusal)
            return _delegation_refused(chk.refusal)
        item = self._loaded_catalog().domain(chk.auth.item_code)
        if item is None:
            return _delegation_refused("other_item")
        try:
            check_item(item.raw, "qr_authorisation")
        except AgentRefused as exc:
            return DelegationOutcome("refused", exc.code, exc.message_zh, exc.message_en)
        principal = uc.delegation.principal_from_authorisation(chk.auth, id_number)
        return self._act_for(
            agent, principal, "qr_authorisation", chk.auth.auth_id, chk.auth.item_code
        )

    def principal_by_power_of_attorney(self, name: str, id_number: str) -> DelegationOutcome:
        """委托代办 by a signed power of attorney: the principal's name and ID number as the
        document gives them; its scan is handed in with the application (the item's material
        ``power_of_attorney``) and the office checks it. Only items that list this way take
        it (:meth:`delegation_refusal`, and submit)."""
        agent = self._acting_agent()
        if agent is None:
            return _delegation_refused("not_identified")
        principal = _uc().delegation.principal_by_power_of_attorney(name or "", id_number or "")
        if isinstance(principal, str):
            return _delegation_refused(principal)
        if _uc().delegation.is_self(agent, principal):
            return _delegation_refused("self")
        return self._act_for(agent, principal, "power_of_attorney", None, "")

    def _act_for(
        self,
        agent: ProvedIdentity,
        principal: ProvedIdentity,
        way: str,
        auth_id: str | None,
        item_code: str,
    ) -> DelegationOutcome:
        with self._lock:
            s = self._session
            if s.agent is not agent and s.identity is not agent:
                return _delegation_refused("not_identified")  # the session ended meanwhile
            s.agent, s.identity, s.delegation = agent, principal, (way, auth_id, item_code)
        self._audit_delegation("ok", way)
        return DelegationOutcome(
            "ok",
            way=way,
            item_code=item_code,
            principal=_masked(principal),
            agent=_masked(agent),
            person=person_view(principal),
        )

    def _audit_delegation(self, result: str, detail: str) -> None:
        """Audited without personal data (the way, or why it was refused)."""
        try:
            self._store().audit.append("delegation.principal", result=result, detail=detail)
        except Exception:  # noqa: BLE001 - the audit must not stop the resident
            log.warning("could not audit the delegation", exc_info=True)

    def acting_for(self) -> DelegationOutcome | None:
        """The delegation of this session (principal and agent masked), or None."""
        with self._lock:
            s = self._session
            agent, principal, d = s.agent, s.identity, s.delegation
        if agent is None or principal is None or d is None:
            return None
        return DelegationOutcome(
            "ok", way=d[0], item_code=d[2], principal=_masked(principal), agent=_masked(agent)
        )

    def delegation_refusal(self, item_code: str) -> tuple[str, str, str] | None:
        """``(code, zh, en)``: why an agent cannot apply for ``item_code`` — in this
        session's way when someone acts for someone (an authorisation for another item too),
        else in any way (an in-person item says why); None when they can. Fast."""
        with self._lock:
            d = self._session.delegation if self._session.agent is not None else None
        item = self._catalog.domain(item_code) if self._catalog else None
        if item is None:
            return None
        if d is None:
            return agent_refusal(item.raw)
        return agent_refusal(item.raw, d[0], d[2])

    def agent_ways(self, item_code: str) -> tuple[str, ...]:
        """The ways an agent may show the principal's consent for ``item_code`` (fast)."""
        from kiosk.domain.delegation import policy

        item = self._catalog.domain(item_code) if self._catalog else None
        return policy(item.raw).ways if item is not None else ()

    def stop_acting_for(self) -> None:
        """The agent goes on for themselves: the principal is dropped, the agent is the
        session's resident again."""
        with self._lock:
            s = self._session
            if s.agent is not None:
                s.identity, s.agent, s.delegation = s.agent, None, None

    # ------------------------------------------------------------------ scanner
    def scan(self, material_id: str) -> ScanOutcome:
        """One page; a timeout is counted, and three in a row make the scanner unavailable
        (its health says ``timeouts``) until it answers again or is retried later."""
        uc = _uc().scan
        if self._scan_timeouts is None:
            self._scan_timeouts = uc.ScanTimeouts()
        outcome, health = uc.scan_page(self._port("scanner"), self._scan_timeouts)
        if health is None and not self._scan_timeouts.consecutive:
            if self._scanner_health == Unavailable("timeouts"):
                health = Ready()  # it answered (an empty feeder is an answer)
        if health is not None:
            self._scanner_health = health
        return outcome

    def _scanner_status(self) -> DeviceHealth:
        h, t = self._scanner_health, self._scan_timeouts
        if h == Unavailable("timeouts") and t is not None and not t.unavailable():
            return Ready("retry after timeouts")  # offered again: one more timeout ends it
        return h

    def scan_timeouts(self) -> int:
        """Scan timeouts since start (for the technician's counters)."""
        return self._scan_timeouts.total if self._scan_timeouts is not None else 0

    # ------------------------------------------------------------------ receipts and codes
    def scan_receipt_code(self, cancel: threading.Event, timeout_s: float) -> str | None:
        """The reference on a receipt QR held to the code reader (or a bare reference);
        ``None`` when nothing was shown or the code is not one of this province's receipts."""
        payload = _uc().identify.read_code(self._port("qr_reader"), cancel, timeout_s)
        if payload is None:
            return None
        return _uc().status.ref_from_code(self.cfg.platform.status_url_template, payload)

    def code_key(self, text: str, t: float) -> bool:
        """A physical key press (its text, a monotonic time): True when it belongs to a
        keyboard-wedge scanner's code, and the front end must swallow it. Fast (GUI thread)."""
        feed = getattr(self._port("qr_reader"), "feed", None)
        return bool(feed(text, t)) if feed is not None else False

    def print_receipt(self, application_id: str) -> PrintOutcome:
        with self._lock:
            data = self._session.receipts.get(application_id)
        if data is None:
            return PrintOutcome("error", "receipt data gone")
        data = _uc().printing.with_confirmation(self._store(), application_id, data, self.cfg)
        out = _uc().printing.print_receipt(
            self._port("printer"), data, self.cfg, dt.datetime.now(dt.UTC)
        )
        self._printer_health = _Cached()
        return out

    def print_guide(self, item_code: str) -> PrintOutcome:
        item = self._loaded_catalog().item(item_code)
        if item is None:
            return PrintOutcome("error", "unknown item")
        out = _uc().printing.print_guide(self._port("printer"), item, self.cfg)
        self._printer_health = _Cached()
        return out

    # ------------------------------------------------------------------ platform
    def today(self) -> dt.date:
        """Today's date in the terminal's time zone (``terminal.time_zone``): the day 容缺
        deadlines are counted from, as on the paper."""
        return dt.datetime.now(terminal_zone(self.cfg)).date()

    def local_stamp(self, stamp: str | None) -> str:
        """An ISO 8601 instant from the platform as residents read it, in the terminal's time
        zone (``2026-11-27 16:31``). Fast: no I/O (the GUI thread may call it)."""
        return local_time(stamp, terminal_zone(self.cfg))

    def licenses(self) -> list[License] | None:
        """The identified resident's e-licenses; ``None`` when the platform cannot say."""
        uc, platform = _uc().licenses, self._port("platform")
        trust = uc.current_trust(platform, self.data_dir)
        return uc.holder_licenses(platform, self._identity(), trust)

    def instant_result(self, item_code: str) -> Any:
        """The result document of an instant item (即时办结) for the identified resident,
        verified (seal, issuer, holder) before it is returned: an
        ``kiosk.usecases.instant.InstantOutcome``. A verified result is kept for this session
        (to print) and dropped with it. Offline (``can_queue``) the resident may apply instead
        through :meth:`submit`. Raises :class:`NotIdentified` before a card is read."""
        uc, platform = _uc(), self._port("platform")
        ident = self._identity()
        item = self._loaded_catalog().domain(item_code)
        if item is None:
            return uc.instant.unknown_item()
        trust = uc.licenses.current_trust(platform, self.data_dir)
        out = uc.instant.fetch_instant_result(platform, item, ident, trust)
        if out.result is not None:
            with self._lock:
                if self._session.identity is ident:  # not if the session ended meanwhile
                    self._session.results[out.result.result_id] = out.result
        return out

    def my_space(self) -> Any:
        """The identified resident's own space (applications on every channel, 免申即享
        benefits, e-licenses): a ``kiosk.usecases.myspace.SpaceOutcome``; offline its kind is
        ``offline`` ("需要联网"), an answer about another person ``wrong_holder`` (refused and
        audited). Kept for this session only. Raises :class:`NotIdentified` before a card."""
        uc, platform = _uc(), self._port("platform")
        ident = self._identity()
        trust = uc.licenses.current_trust(platform, self.data_dir) if platform else None
        out = uc.myspace.open_space(platform, ident, trust, audit=self._store().audit.append)
        with self._lock:
            if self._session.identity is ident:  # not if the session ended meanwhile
                self._session.space = out.space
        return out

    def confirm_benefit(self, benefit_id: str) -> Any:
        """Confirm a 免申即享 benefit for the identified resident: once — a second tap or a
        retry after a lost answer sends the same request again (``first_time`` False)."""
        uc, platform = _uc(), self._port("platform")
        ident = self._identity()
        with self._lock:
            if self._session.identity is not ident:
                raise NotIdentified("the session ended")
            request = self._session.confirmations.get(benefit_id)
            if request is None:
                request = uc.myspace.confirmation_request(benefit_id, self.cfg.terminal.kiosk_id)
                self._session.confirmations[benefit_id] = request
        return uc.myspace.confirm_benefit(
            platform, ident, benefit_id, request, audit=self._store().audit.append
        )

    def instant_document(self, result_id: str) -> Any:
        """A verified result document of this session (to print), or None."""
        with self._lock:
            return self._session.results.get(result_id)

    def print_instant_result(self, result_id: str) -> PrintOutcome:
        """Print a verified result of this session on the receipt printer (when its item says
        it fits; else ``error``: A4 only)."""
        result = self.instant_document(result_id)
        if result is None:
            return PrintOutcome("error", "result gone")
        return _uc().instant.print_result_receipt(self._port("printer"), result, self.cfg)

    def print_instant_result_a4(self, result_id: str) -> PrintOutcome:
        """Print a verified result of this session on the A4 printer (the kiosk's own PDF,
        with the sealed document inside); ``unavailable`` where the terminal has none."""
        result = self.instant_document(result_id)
        if result is None:
            return PrintOutcome("error", "result gone")
        return _uc().instant.print_result_a4(self._port("document_printer"), result, self.cfg)

    def lookup_status(self, ref: str) -> StatusOutcome:
        platform = self._port("platform")
        trust = _uc().licenses.current_trust(platform, self.data_dir)
        return _uc().status.lookup_status(
            self._store(), platform, ref, terminal_zone(self.cfg), trust
        )

    # ------------------------------------------------------------------ durable writes
    def submit(
        self,
        item_code: str,
        form: dict[str, str],
        materials: Sequence[MaterialInput],
        *,
        commitment_accepted: bool = False,
    ) -> SubmitOutcome:
        """Store the application durably and queue it; returns only once it is on disk.

        The applicant is the session's proved identity with the phone the form asked for.
        Raises :class:`NotIdentified`, ``SubmissionRefused`` or a store error.
        """
        store = self._store()
        ident = self._identity()
        applicant = ident.applicant
        catalog = self._loaded_catalog()
        known = catalog.domain(item_code)
        if known is not None and not known.kiosk_can_complete:
            # handling_forms without "kiosk": the person must be at the window (photo,
            # fingerprints, both partners before the registrar); the guide says where
            _refuse(
                "item",
                "此事项须本人到窗口办理，本机不能提交",
                "This service must be done in person at a service window",
            )
        from kiosk.store.space import low_on_space

        if low_on_space(self.data_dir):  # stop before the disk is full, not when it is
            _refuse(
                "store",
                "本机存储空间不足，暂停受理新申请，请到窗口办理或稍后再来",
                "This terminal is low on storage and takes no new applications now; "
                "please go to a service window or come back later",
            )
        phone = catalog.phone_of(item_code, form)
        if phone:
            applicant = replace(applicant, phone=phone)
        agent_input = self._agent_input(ident, item_code)
        draft = ApplicationDraft(
            item_code=item_code,
            applicant=applicant,
            form=dict(form),
            materials=tuple(materials),
            commitment_accepted=commitment_accepted,
            agent=agent_input,
        )
        sub = _uc().submit_application(store, draft)
        item = catalog.domain(item_code) or store.catalog.get(item_code)
        with self._lock:
            self._session.receipts = {
                sub.id: _uc().printing.receipt_data(sub, draft, item, self.cfg)
            }
        self._queued()
        return SubmitOutcome(
            sub.id,
            sub.local_ref,
            local_time(sub.created_at, terminal_zone(self.cfg)),
            _uc().status_url(self.cfg.platform.status_url_template, sub.local_ref),
            online=self.online(),
            **_next_steps(sub, item),
            **(
                {"agent": _masked_applicant(agent_input), "principal": _masked(ident)}
                if agent_input is not None
                else {}
            ),
        )

    def _agent_input(self, principal: ProvedIdentity, item_code: str) -> Any:
        """The agent an application of this session names (None: the resident applies for
        themselves); refuses the submit when the agent cannot apply for this item."""
        from kiosk.domain.records import AgentInput

        with self._lock:
            s = self._session
            agent, d = s.agent, s.delegation
            if agent is not None and s.identity is not principal:
                raise NotIdentified("the session ended")
        if agent is None or d is None:
            return None
        refusal = self.delegation_refusal(item_code)
        if refusal is not None:
            _refuse("agent", refusal[1], refusal[2])
        a = agent.applicant
        return AgentInput(
            name=a.name,
            id_number=a.id_number,
            way=d[0],
            card_type=a.card_type,
            id_channel=a.id_channel,
            authorisation_id=d[1],
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
        """好差评: ``dimensions`` (overall, efficiency, service, attitude; 1-5, only those
        given) and ``contact`` are optional."""
        review = Review(
            rating=rating,
            reasons=tuple(reasons),
            comment=comment,
            local_ref=local_ref,
            item_code=item_code,
            dimensions=dimensions,
            contact=contact,
        )
        ref = _uc().feedback.submit_review(self._store(), review)
        self._queued()
        return FeedbackOutcome(ref)

    def report_problem(
        self,
        *,
        category: str,
        description: str,
        contact: str | None = None,
        item_code: str | None = None,
    ) -> FeedbackOutcome:
        """办不成事."""
        report = ProblemReport(
            category=category, description=description, item_code=item_code, contact=contact
        )
        ref = _uc().feedback.report_problem(self._store(), report)
        self._queued()
        return FeedbackOutcome(ref)

    def request_help(self, *, reason: str) -> FeedbackOutcome:
        """帮办代办: ask for a person to come and help."""
        ref = _uc().feedback.request_help(self._store(), HelpRequest(reason=reason))
        self._queued()
        return FeedbackOutcome(ref)

    # ------------------------------------------------------------------ maintenance
    def card_presented(
        self, cancel: threading.Event, timeout_s: float, was_in: Any = None
    ) -> tuple[bool, Any]:
        """``(presented, state)``: whether a card came to the social security card slot or the
        ID card reader within ``timeout_s`` (the sleeping screen wakes on it); ``state`` is
        what each held at the end, the next wait's ``was_in``. A presence event only: nothing
        is read from the card."""
        from kiosk.usecases.presence import wait_any_card_presented

        return wait_any_card_presented(
            self._port("ssc_reader"), self._port("id_reader"), cancel, timeout_s, was_in
        )

    def maintenance_enter_card(
        self, cancel: threading.Event, timeout_s: float
    ) -> TechnicianOutcome:
        """Wait for a technician card (in the PC/SC slot) and verify it against the configured
        technician CA with a fresh challenge. A resident's card (social security card in the
        slot, ID card on the ID reader) is ``not_technician``. Every attempt that saw a card,
        or failed, is written to the audit log; a wait that saw nothing (``no_card``) is not. A card
        left in after its answer is not read again until it was taken away."""
        from kiosk.maintenance import techcard

        if self._card_gate is None:
            self._card_gate = techcard.CardGate()
        out = techcard.enter_by_card(
            self._port("ssc_reader"),
            self._port("id_reader"),
            self.cfg.maintenance.technician_ca,
            cancel,
            timeout_s,
            lambda: dt.datetime.now(dt.UTC),
            self._card_gate,
        )
        if out.kind != "no_card":
            details: dict[str, str] = {"result": out.kind}
            if out.card_id:
                details["card_id"] = out.card_id
            if out.name:
                details["technician"] = out.name
            if out.reason:
                details["reason"] = out.reason
            self._store().audit.append("maintenance.card", **details)
        log.info("maintenance card: %s %s", out.kind, out.reason)
        return out

    # ------------------------------------------------------------------ session
    def end_session(self) -> None:
        """The resident left (or the idle timer wiped the screen): drop their identity, the
        receipt data (name, ID number), the result documents and their own space held for
        them — and ask the platform adapter to forget what it cached of their requests."""
        with self._lock:
            self._session = _Session()
        forget = getattr(self._port("platform"), "forget_holder", None)
        if forget is not None:
            forget()

    @property
    def in_session(self) -> bool:
        """Whether a resident's personal data is held now (a fleet command waits for this)."""
        with self._lock:
            s = self._session
            return (
                s.identity is not None
                or s.agent is not None
                or bool(s.receipts)
                or bool(s.results)
                or s.space is not None
            )

    # ------------------------------------------------------------------ maintenance
    @functools.cached_property
    def maintenance(self) -> Maintenance:
        """The technician's API (:class:`kiosk.service.maintenance_api.MaintenanceApi`)."""
        from kiosk.maintenance.service import Maintenance

        return Maintenance(self)

    # ------------------------------------------------------------------ terminal facts
    def hotline(self) -> str:
        return self.cfg.terminal.hotline

    def terminal_name(self) -> str:
        return self.cfg.terminal.name

    def terminal_facts(self) -> TerminalFacts:
        return terminal_facts(self.cfg)


def agent_refusal(
    raw: dict[str, Any], way: str | None = None, authorised_item: str = ""
) -> tuple[str, str, str] | None:
    """``(code, zh, en)``: why an agent cannot apply for the item ``raw`` — in ``way`` (any
    when None), with an authorisation for ``authorised_item`` ("" : none) — or None."""
    from kiosk.domain.delegation import AUTH_REFUSALS, AgentRefused, check_item, policy

    try:
        if way is None:
            p = policy(raw)
            check_item(raw, p.ways[0] if p.ways else "card")
        else:
            check_item(raw, way)
    except AgentRefused as exc:
        return exc.code, exc.message_zh, exc.message_en
    if way == "qr_authorisation" and authorised_item and authorised_item != raw.get("item_code"):
        return ("other_item", *AUTH_REFUSALS["other_item"])
    return None


def _masked(identity: ProvedIdentity) -> str:
    return _masked_applicant(identity.applicant)


def _masked_applicant(a: Any) -> str:
    return f"{mask_name(a.name)}  {mask_id_number(a.id_number)}".strip()


def _delegation_refused(code: str) -> DelegationOutcome:
    from kiosk.domain.delegation import AUTH_REFUSALS

    zh, en = AUTH_REFUSALS.get(code, AUTH_REFUSALS["unreadable"])
    return DelegationOutcome("refused", code, zh, en)


def _refuse(field: str, zh: str, en: str) -> NoReturn:
    """Refuse a submit as a whole (nothing is stored), with the reason in both languages."""
    from kiosk.domain.forms import FieldProblem
    from kiosk.usecases.submit import SubmissionRefused

    raise SubmissionRefused({field: FieldProblem(field, zh, en)})


def _next_steps(sub: Any, item: Any) -> dict[str, Any]:
    """What the receipt screen repeats from the paper: the 容缺 deadlines and what comes next."""
    names_en = {}
    for m in getattr(item, "materials", ()) or ():
        names_en[m.material_id] = getattr(m, "name_en", "") or ""
    limit = getattr(item, "promised_time_limit", None) if item is not None else None
    body = ((getattr(item, "raw", None) or {}).get("implementing_body") or {}) if item else {}
    return {
        "missing": tuple(
            (name, names_en.get(mid, ""), d.isoformat()) for mid, name, d in sub.missing if d
        ),
        "time_limit_zh": limit.text_zh() if limit else "",
        "time_limit_en": limit.text_en() if limit else "",
        "office": body.get("name") or "",
        "office_en": body.get("name_en") or "",
        **_routing_lines(sub, item),
    }


def _routing_lines(sub: Any, item: Any) -> dict[str, str]:
    """Who handles a 通办 application and how its result is delivered (empty otherwise)."""
    from kiosk.domain.tongban import routing_lines

    raw = getattr(item, "raw", None) or {}
    return routing_lines(raw, getattr(sub, "routing", None) or {})
