"""The developer panel's actions: one table of action → what it does to the running kiosk.

Each action flips a simulator's state through its one control mechanism (the same control
files ``kiosk sim control`` writes) or cuts and restores the simulated network. The UI calls
:func:`perform` by name (``KioskUi(dev_control=...)``); the tests do the same.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from terminal.root import Kiosk

REPO_ROOT = Path(__file__).resolve().parents[1]
CARDS_DIR = REPO_ROOT / "assets" / "cards"
DEMO_SSC = {
    "id_number": "11010519491231002X",
    "name": "王秀英",
    "card_number": "A12345678",
    "issue_date": "2020-01-01",
    "expiry_date": "2030-01-01",
    "gender": "2",
}


def demo_card(name: str) -> Any:
    """A card file from ``assets/cards`` when the repository has it, else a built-in one."""
    p = CARDS_DIR / f"{name}.json"
    if p.exists():
        return str(p)
    from drivers.idcard.simulator import DEMO_CARD

    expired = {**DEMO_CARD, "valid_from": "2000-01-01", "valid_to": "2020-01-01"}
    return {"resident": DEMO_CARD, "resident_expired": expired, "ssc": DEMO_SSC}[name]


def last_status_url(k: Kiosk) -> str | None:
    """The status link of the latest application (what a resident's phone would show)."""
    rows = k.store.applications.list(limit=1)
    if not rows:
        return None
    from kiosk.receipts.receipt import status_url

    return status_url(k.cfg.platform.status_url_template, rows[0].local_ref)


def _set(device: str, **state: Any) -> Callable[[Kiosk], None]:
    """An action that updates ``device``'s simulator state."""
    return lambda k: k.sim_control(device).update(**state)


def _insert(device: str, card: str, **state: Any) -> Callable[[Kiosk], None]:
    """An action that puts demo card ``card`` into ``device``'s simulator."""
    return lambda k: k.sim_control(device).update(card=demo_card(card), **state)


def _network(up: bool) -> Callable[[Kiosk], None]:
    def action(k: Kiosk) -> None:
        switch = k.network_switch
        if switch is None:
            raise LookupError("the platform is not simulated")
        switch.up() if up else switch.down()

    return action


ACTIONS: dict[str, Callable[[Kiosk], None]] = {
    "card_insert": _insert("id_reader", "resident", faults=[]),
    "card_insert_expired": _insert("id_reader", "resident_expired", faults=[]),
    "card_pull": _set("id_reader", card=None),
    "card_fault": lambda k: k.sim_control("id_reader").add_fault("pull-mid-read:once"),
    "ssc_insert": _insert("ssc_reader", "ssc"),
    "ssc_pull": _set("ssc_reader", card=None),
    "qr_show": lambda k: k.sim_control("qr_reader").update(
        scan=[last_status_url(k) or "ECARD-DEMO-0001"]
    ),
    "paper_out": _set("printer", paper="out"),
    "paper_in": _set("printer", paper="ok"),
    "scanner_jam": _set("scanner", faults=["jammed"]),
    "scanner_ok": _set("scanner", faults=[]),
    "network_down": _network(False),
    "network_up": _network(True),
}


def perform(k: Kiosk, action: str) -> str:
    """Run developer-panel ``action`` on kiosk ``k``; the UI re-reads device health after."""
    fn = ACTIONS.get(action)
    if fn is None:
        raise ValueError(f"unknown action {action!r}")
    fn(k)
    if hasattr(k.backend, "forget_health"):
        k.backend.forget_health()
    return "ok"
