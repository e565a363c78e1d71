"""The simulator's 通办: an application's ``receiving_region``, ``handling_region``,
``tongban_mode`` and ``delivery`` checked against its item, and the handling body's statuses in
the handling region.

A mode the item does not allow, a region code that does not exist (GB/T 2260; a historical
code is taken as its successor), a handling region outside the item's ``regions`` or, for a
省内通办 item, outside the receiving province, a delivery the item's result does not offer and
a posted result without an address are each 422 ``invalid`` with the reason.
"""

from __future__ import annotations

from typing import Any

from kiosk.catalog.regions import RegionUnknown, lookup_region
from kiosk.domain.tongban import DELIVERY, POSTAL_ADDRESS_LIMIT, body_region, within

FIELDS = ("receiving_region", "handling_region", "tongban_mode", "delivery")


class Refused(ValueError):
    pass


def routing_of(app: dict[str, Any]) -> dict[str, Any]:
    return {k: app[k] for k in FIELDS if app.get(k) is not None}


def check(app: dict[str, Any], item: dict[str, Any]) -> None:
    """Raise :class:`Refused` (the reason names the field) when ``app``'s routing does not fit
    ``item``."""
    tb = item.get("tongban") or {}
    mode = app.get("tongban_mode")
    if mode is not None:
        if not tb:
            raise Refused(
                "tongban_mode: this item is not offered away from the place of registration"
            )
        if mode not in tb["modes"]:
            raise Refused(
                f"tongban_mode: {mode!r} is not allowed for this item "
                f"(allowed: {', '.join(tb['modes'])})"
            )
        for name in ("receiving_region", "handling_region"):
            if not app.get(name):
                raise Refused(f"{name}: required with tongban_mode")
    regions = {}
    for name in ("receiving_region", "handling_region"):
        if app.get(name) is None:
            continue
        try:
            regions[name] = lookup_region(app[name])
        except RegionUnknown as exc:
            raise Refused(f"{name}: {exc.message_en}") from None
    handling = regions.get("handling_region")
    if handling is not None and tb:
        allowed = tb.get("regions") or []
        if allowed and not any(within(handling.code, a) for a in allowed):
            raise Refused(
                f"handling_region: {handling.code} is not among the item's regions "
                f"({', '.join(allowed)})"
            )
        receiving = regions.get("receiving_region")
        if tb["scope"] == "省内通办" and receiving and receiving.code[:2] != handling.code[:2]:
            raise Refused(
                "handling_region: a 省内通办 item is handled in the province that receives it"
            )
    delivery = app.get("delivery")
    if delivery is not None:
        offered = (item.get("result") or {}).get("delivery") or []
        if not isinstance(delivery, dict) or delivery.get("method") not in offered:
            raise Refused(f"delivery.method: expected one of {offered}")
        if delivery["method"] == "post":
            address = delivery.get("address")
            if not isinstance(address, str) or not address.strip():
                raise Refused("delivery.address: required when the result is posted")
            if len(address) > POSTAL_ADDRESS_LIMIT:
                raise Refused(f"delivery.address: at most {POSTAL_ADDRESS_LIMIT} characters")


def notes(
    routing: dict[str, Any], item: dict[str, Any] | None, timeline: list[tuple[str, int, str, str]]
) -> list[tuple[str, int, str, str]]:
    """``timeline`` with notes that name who holds the application at each step: received in
    the receiving region, then the handling body in the handling region."""
    if not routing.get("tongban_mode") or item is None:
        return timeline
    tb = item.get("tongban") or {}
    recv = lookup_region(routing["receiving_region"])
    hand = lookup_region(routing.get("handling_region") or body_region(item))
    proxy = tb.get("proxy") or {}
    body = (proxy.get("handling_body") or {}).get("name") or item["implementing_body"]["name"]
    body_en = (proxy.get("handling_body") or {}).get("name_en") or body
    where = f"{body}（{hand.full_name}）"
    method = (routing.get("delivery") or {}).get("method")
    how = DELIVERY.get(method or "", ("", ""))
    out = []
    for status, off, zh, en in timeline:
        if status == "received":
            zh = f"{recv.full_name}终端已代收（{routing['tongban_mode']}），转{hand.full_name}办理"
            en = f"Received in {recv.code} ({routing['tongban_mode']}); sent to {hand.code}"
        elif status in ("accepted", "in_review", "supplement_required", "rejected", "approved"):
            zh = f"{where}：{zh}"
            en = f"{body_en} ({hand.code}): {en}"
        elif status == "completed":
            zh = f"{where}：已办结" + (f"，结果{how[0]}" if how[0] else "")
            en = f"{body_en} ({hand.code}): completed" + (f"; result: {how[1]}" if how[1] else "")
        out.append((status, off, zh, en))
    return out
