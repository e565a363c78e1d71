"""The application API: the one door from a front end (the touch UI, the maintenance screen,
fleet commands) into the core. A front end imports this package and nothing else of the core.

- :class:`KioskService` — the facade over the use cases; owns the session's personal data.
- :class:`KioskApi` — its Protocol, for typing and for in-process fakes.
- The outcome types it answers with, the one device-health type, the core's records a front
  end builds (:class:`MaterialInput`), and the code tables and rules screens show (rating
  labels, problem categories, themes, working-day deadlines, phone check).
"""

from __future__ import annotations

from kiosk.devices.health import (
    Degraded,
    DeviceHealth,
    Ready,
    Unavailable,
    Unknown,
    health_reason,
    health_state,
    is_usable,
)
from kiosk.domain.checks import is_valid_phone
from kiosk.domain.dates import add_working_days, local_time
from kiosk.domain.idcard import id_number_label
from kiosk.domain.records import (
    BAD_REVIEW_REASONS,
    PROBLEM_CATEGORIES,
    RATING_LABELS,
    MaterialInput,
)
from kiosk.masking import mask_id_number
from kiosk.service.card_material import card_read_material, is_applicants_id_card
from kiosk.service.outcomes import (
    DEVICE_NAMES,
    Channel,
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
from kiosk.service.prefill import form_prefill

# The facade, the catalog view and the Protocol load the store, the search index and the use
# cases: imported on first use, so a front end's start-up pays only for the value types above.
_LAZY = {
    "KioskApi": "kiosk.service.api",
    "CatalogView": "kiosk.service.catalog_view",
    "guide_view": "kiosk.service.catalog_view",
    "KioskService": "kiosk.service.facade",
    "TerminalFacts": "kiosk.service.terminal_info",
    "terminal_facts": "kiosk.service.terminal_info",
    "default_terminal_facts": "kiosk.service.terminal_info",
    "NotIdentified": "kiosk.service.facade",
    "person_view": "kiosk.service.facade",
    "agent_refusal": "kiosk.service.facade",
    "AUTH_REFUSALS": "kiosk.domain.delegation",
    "THEME_LABELS": "kiosk.search",
    "theme_label": "kiosk.search",
    "InstantOutcome": "kiosk.usecases.instant",
    "VerifiedResult": "kiosk.usecases.instant",
    "SpaceOutcome": "kiosk.usecases.myspace",
    "PersonalSpace": "kiosk.usecases.myspace",
    "ConfirmOutcome": "kiosk.usecases.myspace",
    "HolderApplication": "kiosk.ports.platform",
    "HolderBenefit": "kiosk.ports.platform",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'kiosk.service' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


__all__ = [
    "AUTH_REFUSALS", "BAD_REVIEW_REASONS", "DEVICE_NAMES", "PROBLEM_CATEGORIES", "RATING_LABELS", "THEME_LABELS",
    "CatalogView",
    "Channel", "Degraded", "DelegationOutcome", "DeviceHealth", "FeedbackOutcome", "IdentityOutcome", "KioskApi",
    "InstantOutcome", "KioskService", "License", "MaterialInput", "NotIdentified", "OneTimePin", "PersonView",
    "PrintOutcome", "Ready", "ScanOutcome", "StatusOutcome", "SubmitOutcome", "TechnicianOutcome",
    "TerminalFacts", "Unavailable", "Unknown", "VerifiedResult",
    "ConfirmOutcome", "HolderApplication", "HolderBenefit", "PersonalSpace", "SpaceOutcome",
    "add_working_days", "agent_refusal", "card_read_material", "default_terminal_facts", "form_prefill", "guide_view", "health_reason", "health_state", "id_number_label", "is_applicants_id_card", "is_usable", "is_valid_phone", "local_time", "mask_id_number",
    "person_view", "terminal_facts", "theme_label",
]  # fmt: skip
