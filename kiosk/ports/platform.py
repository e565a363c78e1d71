"""The platform port: every call of the provincial platform contract (platform-api.md).

The reference adapter (``sync.client.HttpPlatform``) speaks the contract over HTTP; a province
with another API gets another adapter that satisfies :class:`Platform`. Nothing here imports
an HTTP library.

Every call returns a tagged union instead of raising, because "the platform is down" is a
normal event for a terminal in a village:

- :class:`Ok` — the answer, parsed.
- :class:`Retryable` — try again later (5xx, timeout, reset, 429/503 with ``retry_after``, an
  answer that could not be parsed). Nothing is known to have gone wrong for good.
- :class:`Refused` — the platform said no for good (422, 409, 404, 400…): never retried as is.
- :class:`AuthFailed` — the platform does not accept our credentials (401 that a clock
  correction did not fix): stop the whole batch, a technician must look.
- :class:`Unreachable` — no connection could be made at all (offline, DNS, refused).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Generic, Literal, Protocol, TypeVar, runtime_checkable

T = TypeVar("T")

STATUSES = (
    "received",
    "accepted",
    "supplement_required",
    "in_review",
    "approved",
    "rejected",
    "completed",
)

ERROR_CODES = (
    "bad_signature",
    "clock_skew",
    "replay",
    "unknown_kiosk",
    "invalid",
    "item_unknown",
    "item_withdrawn",
    "blob_missing",
    "hash_mismatch",
    "idempotency_conflict",
    "rate_limited",
    "unavailable",
)


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class Ok(Generic[T]):
    data: T
    status: int = 200


@dataclass(frozen=True)
class Retryable:
    reason: str
    retry_after: float | None = None
    """Seconds the platform asked us to wait (``Retry-After``); ``None``: use our backoff."""
    status: int | None = None


@dataclass(frozen=True)
class Refused:
    code: str
    reason: str
    status: int | None = None


@dataclass(frozen=True)
class AuthFailed:
    code: str
    reason: str


@dataclass(frozen=True)
class Unreachable:
    reason: str


Failure = Retryable | Refused | AuthFailed | Unreachable
Result = Ok[T] | Retryable | Refused | AuthFailed | Unreachable


# ---------------------------------------------------------------- answers


@dataclass(frozen=True)
class CatalogDelta:
    version: int
    full: bool
    items: list[dict[str, Any]]
    withdrawn: list[str]


@dataclass(frozen=True)
class Created:
    """The answer to an idempotent POST: ``created`` is False for a 200 (seen before)."""

    created: bool
    body: dict[str, Any]


@dataclass(frozen=True)
class StatusEntry:
    status: str
    at: str
    note: str | None = None
    note_en: str | None = None
    """The note in English, when the platform sends one (else the screen shows the Chinese)."""


@dataclass(frozen=True)
class SealedRecord:
    """A document with its electronic seal as the platform sends it inside an answer (the
    sealed-bundle format of ``kiosk.seals.container``): not trusted until verified.
    ``problem`` is set when the answer's field could not even be read (the bytes are empty)."""

    doc_id: str
    mime: str
    document: bytes
    signature: bytes
    problem: str = ""

    def __repr__(self) -> str:
        return f"SealedRecord(doc_id={self.doc_id!r}, {len(self.document)} bytes, …)"


@dataclass(frozen=True)
class ApplicationStatus:
    application_no: str
    local_ref: str
    item_code: str
    status: str
    updated_at: str
    history: list[StatusEntry] = field(default_factory=list)
    supplement: dict[str, Any] | None = None
    acceptance_seal: SealedRecord | None = None
    """From ``accepted`` on: the platform's sealed acceptance record (issue 14 item 4)."""


@dataclass(frozen=True)
class StatusChanges:
    changes: list[ApplicationStatus]
    until: str


@dataclass(frozen=True)
class QrHolder:
    """The identity the platform decoded from a QR code (``channel: "qr"`` only).

    Personal data: never log it; its ``repr`` shows nothing of it.
    """

    name: str
    id_number: str
    card_type: str

    def __repr__(self) -> str:
        return f"QrHolder(card_type={self.card_type!r}, …)"


@dataclass(frozen=True)
class IdentityToken:
    token: str
    expires_at: str
    name_masked: str
    holder: QrHolder | None = None
    """For a QR identification: who the code belongs to, as the platform decoded it."""


@dataclass(frozen=True)
class License:
    license_no: str
    type_code: str
    type_name: str
    issuer: str
    valid_from: str | None
    valid_to: str | None
    verify_code: str | None


@dataclass(frozen=True)
class HolderApplication:
    """One of the holder's applications, on any channel (``kiosk``, ``web``, ``window``)."""

    application_no: str
    item_code: str | None
    item_name: str
    channel: str
    status: str
    updated_at: str
    next_step: str
    next_step_en: str | None = None
    deadline: str | None = None


@dataclass(frozen=True)
class HolderBenefit:
    """A 免申即享 benefit the platform says the holder qualifies for."""

    benefit_id: str
    name: str
    policy: str
    amount: str
    needs_confirmation: bool
    status: str
    """``granted`` · ``awaiting_confirmation`` · ``confirmed``."""
    confirm_by: str | None = None
    confirmation_no: str | None = None


@dataclass(frozen=True)
class HolderRecords(Generic[T]):
    """An answer about one holder: the records and whom the platform says they belong to
    (``id_digest``: SHA-256 of ``"<token>|<SHA-256 hex of the ID number>"``) — the kiosk
    checks it before anything is shown."""

    id_digest: str
    records: T

    def __repr__(self) -> str:
        return "HolderRecords(…)"


@dataclass(frozen=True)
class SealedDocument:
    """A document the platform returns with its electronic seal (GB/T 38540 ``SES_Signature``
    DER); the kiosk verifies it offline (``kiosk.seals``) before it shows or accepts it."""

    doc_id: str
    mime: str
    document: bytes
    signature: bytes
    issuer: str


@dataclass(frozen=True)
class SealedResult:
    """The result document of an instant item (即时办结) as the platform issues it, with its
    electronic seal. Unverified as it comes: only ``kiosk.usecases.instant`` turns it into
    something to show or print, after the seal and the holder check. The document is the
    resident's personal data: its ``repr`` shows none of it."""

    result_id: str
    item_code: str
    doc_type: str
    title: str
    issuer: str
    issued_at: str
    mime: str
    document: bytes
    signature: bytes

    def __repr__(self) -> str:
        return (
            f"SealedResult(result_id={self.result_id!r}, doc_type={self.doc_type!r}, "
            f"{len(self.document)} bytes, …)"
        )


@dataclass(frozen=True)
class Issued:
    """The platform issued the result document (not yet verified)."""

    result: SealedResult


@dataclass(frozen=True)
class Offline:
    """The platform cannot be reached, or says it is unavailable (5xx, 429, 503): the result
    needs the network; an application can be queued instead."""

    reason: str


@dataclass(frozen=True)
class TimedOut:
    """No complete answer before the call's deadline (also when it stalled mid-download)."""

    reason: str


@dataclass(frozen=True)
class MalformedAnswer:
    """An answer that cannot be read: not JSON, truncated, too large, fields missing."""

    reason: str


ResultFetch = Issued | Offline | Refused | TimedOut | MalformedAnswer
"""What asking for an instant result can give (``Refused``: the platform said no for good —
an item it does not issue at once, a holder token it no longer knows, our credentials)."""


@dataclass(frozen=True)
class Command:
    id: str
    name: str
    args: dict[str, Any]
    raw: dict[str, Any] = field(default_factory=dict, compare=False)
    """The command exactly as the platform sent it (``kiosk_id``, ``expires_at``,
    ``signature``…): what its signature covers (docs/fleet.md)."""


@dataclass(frozen=True)
class HeartbeatAnswer:
    server_time: str
    commands: list[Command]
    ring: str | None = None
    """The rollout ring the platform assigns this terminal (canary, early, all), if it says."""


@dataclass(frozen=True)
class IdentityClaim:
    card_type: str
    id_number: str
    name: str
    valid_to: str | None
    channel: Literal["id_card", "ssc", "qr"]
    qr_payload: str | None = None

    def __repr__(self) -> str:  # never print an ID number or a name by accident
        return f"IdentityClaim(card_type={self.card_type!r}, channel={self.channel!r}, …)"


# ---------------------------------------------------------------- the port


@runtime_checkable
class Platform(Protocol):
    """The provincial platform, as the kiosk's use cases and its sync agent see it."""

    def catalog(self, since: int | None) -> Result[CatalogDelta]:
        """A delta since version N (or a full snapshot) of the service catalog."""
        ...

    def blob_exists(self, sha256: str) -> Result[bool]:
        """Whether the platform holds the content-addressed material ``sha256``."""
        ...

    def put_blob(self, sha256: str, data: bytes) -> Result[bool]:
        """Upload a material by its hash; ``Ok(True)`` when created, ``Ok(False)`` when already there."""
        ...

    def post_record(self, kind: str, idempotency_key: str, body: bytes) -> Result[Created]:
        """Send the exact stored bytes of an outbox row of ``kind`` (``application``,
        ``review``, ``problem``, ``help``) under its idempotency key. Where it goes is the
        adapter's business; a kind the adapter has no route for is ``Refused``."""
        ...

    def application_status(self, ref: str) -> Result[ApplicationStatus]:
        """The status of one application, by application number or local reference."""
        ...

    def status_changes(self, since: str | None) -> Result[StatusChanges]:
        """Every status change of this terminal's applications since a timestamp."""
        ...

    def verify_identity(self, claim: IdentityClaim) -> Result[IdentityToken]:
        """Verify a resident's identity; a holder token for e-licenses."""
        ...

    def licenses(self, token: str) -> Result[list[License]]:
        """The e-licenses of the holder of ``token``."""
        ...

    def license_document(self, token: str, license_no: str) -> Result[SealedDocument]:
        """One e-license of the holder of ``token`` as a sealed document."""
        ...

    def holder_applications(
        self, token: str, deadline_s: float
    ) -> Result[HolderRecords[list[HolderApplication]]]:
        """The applications of the holder of ``token`` on every channel."""
        ...

    def holder_benefits(
        self, token: str, deadline_s: float
    ) -> Result[HolderRecords[list[HolderBenefit]]]:
        """The 免申即享 benefits the holder of ``token`` qualifies for."""
        ...

    def confirm_benefit(
        self, token: str, benefit_id: str, idempotency_key: str, body: bytes, deadline_s: float
    ) -> Result[HolderRecords[Created]]:
        """The holder confirms a benefit (idempotent under ``idempotency_key``)."""
        ...

    def instant_result(
        self, token: str, item_code: str, request_id: str, deadline_s: float
    ) -> ResultFetch:
        """The result document of instant item ``item_code`` for the holder of ``token``
        (the reference adapter says where it goes), the whole answer within ``deadline_s``."""
        ...

    def seal_trust(self) -> Result[dict[str, Any]]:
        """The province's seal-issuer certificates and revocation list (JSON value, checked
        whole by ``kiosk.seals.trust`` before it replaces the stored one)."""
        ...

    def heartbeat(self, payload: dict[str, Any]) -> Result[HeartbeatAnswer]:
        """This terminal's heartbeat; the platform's answer carries its commands."""
        ...

    def server_time(self) -> Result[float]:
        """The platform's clock, seconds since the epoch."""
        ...

    def upload_support(self, name: str, archive: bytes, signature: bytes) -> Result[str]:
        """A technician's support archive (tar.gz) with its detached signature file; the
        platform's upload id. (Optional: a platform client without it cannot upload.)"""
        ...

    @property
    def clock_offset_s(self) -> float:
        """Platform time minus local time, as measured from the platform's ``Date`` headers."""
        ...


def is_ok(result: object) -> bool:
    return isinstance(result, Ok)
