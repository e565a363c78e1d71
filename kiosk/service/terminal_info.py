"""The terminal's own facts a front end shows in every screen's header and beside its
instructions: name and place in both languages, the time zone of its clock, and the drawings
of where each device is on this cabinet (``[terminal]``, ``[terminal.pictures]``)."""

from __future__ import annotations

from dataclasses import field
from typing import Any

from kiosk.frozen import frozen_record


@frozen_record
class TerminalFacts:
    name: str
    name_en: str
    location: str
    location_en: str
    time_zone: str
    """IANA zone of the terminal (``terminal.time_zone``): the header's clock shows its time."""
    pictures: dict[str, str] = field(default_factory=dict)
    """``id_card``, ``ssc``, ``qr``, ``scanner`` → an absolute path of a PNG or SVG file."""


def terminal_facts(cfg: Any) -> TerminalFacts:
    """The facts of the configured terminal (``cfg`` a :class:`kiosk.config.KioskConfig`; its
    picture paths were checked and made absolute when it was loaded)."""
    from kiosk.config import PICTURE_DEFAULTS

    t = cfg.terminal
    return TerminalFacts(
        name=t.name,
        name_en=t.name_en,
        location=t.location,
        location_en=t.location_en,
        time_zone=t.time_zone,
        pictures={k: str(t.pictures.path(k)) for k in PICTURE_DEFAULTS},
    )


def default_terminal_facts() -> TerminalFacts:
    """The facts of a terminal on the embedded defaults (the shipped drawings)."""
    from kiosk.config import KioskConfig

    return terminal_facts(KioskConfig())
