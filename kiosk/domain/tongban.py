"""通办 (跨省通办 / 省内通办) and 办理结果: the questions the terminal adds to an item's form,
their checks, and what the application carries from them.

An item with ``tongban.needs_registered_region`` asks for the registered region (户籍所在地),
prefilled from the card's address and confirmed by the resident; an item whose ``result`` can
be posted asks how the result should reach the resident (窗口领取 / 邮寄, with the address).
These questions are form fields the terminal adds itself (their names are reserved in the
catalog), so the form screen, its checks and the submit path treat them like any other; at
submit they leave the form and become the application's ``receiving_region``,
``handling_region``, ``tongban_mode`` and ``delivery``.
"""

from __future__ import annotations

from typing import Any

REGION_FIELD = "registered_region"
CONFIRM_FIELD = "region_confirmed"
METHOD_FIELD = "delivery_method"
ADDRESS_FIELD = "delivery_address"
RESERVED_FIELDS = (REGION_FIELD, CONFIRM_FIELD, METHOD_FIELD, ADDRESS_FIELD)
POSTAL_ADDRESS_LIMIT = 60
"""Characters of a postal address (what a waybill's address line takes)."""

MODE_ORDER = ("异地代收代办", "全程网办", "多地联办")
"""The mode an application at a terminal uses when the item allows several: the terminal
receives paper and scans (代收), else it is an online application (网办)."""

MODES_EN = {
    "全程网办": "fully online",
    "异地代收代办": "received here, handled where you are registered",
    "多地联办": "handled jointly by the places concerned",
}
DELIVERY = {
    "window": ("窗口领取", "Collect at the counter"),
    "post": ("邮寄", "By post"),
    "elicense": ("电子证照", "E-license"),
}
RESULT_KINDS = {
    "certificate": ("证书", "certificate"),
    "licence": ("许可证", "licence"),
    "card": ("证件", "card"),
    "decision": ("决定书", "decision"),
    "proof": ("证明", "proof"),
    "registration": ("登记", "registration"),
    "payment": ("待遇发放", "payment"),
}


def extra_fields(raw: dict[str, Any]) -> list[dict[str, Any]]:
    """The form fields the terminal adds to ``raw`` (an item as the catalog holds it)."""
    out: list[dict[str, Any]] = []
    tb = raw.get("tongban") or {}
    if tb.get("needs_registered_region"):
        out.append(
            {
                "name": REGION_FIELD,
                "label": "户籍所在地",
                "label_en": "Registered place (household registration)",
                "type": "region",
                "required": True,
                "max_length": 40,
                "prefill": "registered_region",
                "help": "已从身份证住址读出，请核对；须写明省、市、区（县），由户籍地办理",
                "help_en": "Read from the address on your ID card; please check it. "
                "Write the province, city and district (county): it is handled there",
            }
        )
        out.append(
            {
                "name": CONFIRM_FIELD,
                "label": "核对户籍所在地",
                "label_en": "Check the registered place",
                "type": "enum",
                "required": True,
                "options": [
                    {
                        "value": "yes",
                        "label": "我已核对，户籍所在地无误",
                        "label_en": "I have checked it; it is correct",
                    }
                ],
            }
        )
    delivery = list((raw.get("result") or {}).get("delivery") or [])
    if "post" in delivery:
        if len(delivery) > 1:
            out.append(
                {
                    "name": METHOD_FIELD,
                    "label": "办理结果领取方式",
                    "label_en": "How to receive the result",
                    "type": "enum",
                    "required": True,
                    "options": [
                        {"value": d, "label": DELIVERY[d][0], "label_en": DELIVERY[d][1]}
                        for d in delivery
                    ],
                }
            )
        out.append(
            {
                "name": ADDRESS_FIELD,
                "label": "邮寄地址",
                "label_en": "Postal address",
                "type": "text",
                "required": delivery == ["post"],
                "max_length": POSTAL_ADDRESS_LIMIT,
                "help": "选择邮寄时填写：省、市、区（县）、街道、门牌号",
                "help_en": "When the result is posted: province, city, district, street and number",
            }
        )
    return out


def with_extra_fields(raw: dict[str, Any]) -> dict[str, Any]:
    """``raw`` with the terminal's own questions appended to its form (``raw`` itself when it
    needs none; never changed in place)."""
    extra = extra_fields(raw)
    if not extra:
        return raw
    form = dict(raw.get("form") or {})
    form["fields"] = [*form.get("fields", []), *extra]
    return {**raw, "form": form}


def delivery_method(raw: dict[str, Any], form: dict[str, Any]) -> str | None:
    """How the result reaches the resident: the chosen method, the only one the item has, or
    None for an item without a ``result``."""
    delivery = list((raw.get("result") or {}).get("delivery") or [])
    if not delivery:
        return None
    chosen = form.get(METHOD_FIELD)
    if isinstance(chosen, str) and chosen in delivery:
        return chosen
    return delivery[0]


def cross_field_problems(raw: dict[str, Any], form: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """``{field: (zh, en)}``: the checks that need more than one value (the registered region
    where the item is offered, the address when the result is posted)."""
    from kiosk.catalog.regions import RegionUnknown, resolve_region

    out: dict[str, tuple[str, str]] = {}
    tb = raw.get("tongban") or {}
    value = form.get(REGION_FIELD)
    if tb.get("needs_registered_region") and isinstance(value, str) and value.strip():
        try:
            region = resolve_region(value)
        except RegionUnknown as exc:
            out[REGION_FIELD] = (exc.message_zh, exc.message_en)
        else:
            allowed = tb.get("regions") or []
            if allowed and not any(within(region.code, a) for a in allowed):
                out[REGION_FIELD] = (
                    f"此事项暂不受理户籍在{region.full_name}的申请，请到户籍地办理",
                    "This service does not take applications from residents registered "
                    "in that place yet; please apply where you are registered",
                )
    if delivery_method(raw, form) == "post" and "post" in (
        (raw.get("result") or {}).get("delivery") or []
    ):
        address = form.get(ADDRESS_FIELD)
        if not isinstance(address, str) or not address.strip():
            out[ADDRESS_FIELD] = ("请填写邮寄地址", "Please fill in the postal address")
    return out


def within(code: str, area: str) -> bool:
    """``code`` lies in ``area`` (a province, a city or the county itself)."""
    if area.endswith("0000"):
        return code[:2] == area[:2]
    if area.endswith("00"):
        return code[:4] == area[:4]
    return code == area


def mode_for(raw: dict[str, Any]) -> str | None:
    modes = (raw.get("tongban") or {}).get("modes") or []
    return next((m for m in MODE_ORDER if m in modes), None)


def body_region(raw: dict[str, Any]) -> str:
    """The region of the item's implementing body: characters 3-8 of its credit code."""
    return str((raw.get("implementing_body") or {}).get("code", ""))[2:8]


def application_fields(
    raw: dict[str, Any], form: dict[str, Any], receiving_region: str
) -> tuple[dict[str, Any], dict[str, Any]]:
    """``(form, extra)``: the form without the terminal's questions, and what the application
    carries from them (``receiving_region``, ``handling_region``, ``tongban_mode``,
    ``delivery``); ``extra`` is empty for an item without ``tongban`` or ``result``."""
    from kiosk.catalog.regions import resolve_region

    rest = {k: v for k, v in form.items() if k not in RESERVED_FIELDS}
    extra: dict[str, Any] = {}
    tb = raw.get("tongban")
    if tb:
        value = form.get(REGION_FIELD)
        handling = (
            resolve_region(value).code
            if tb.get("needs_registered_region") and isinstance(value, str)
            else body_region(raw)
        )
        extra.update(
            receiving_region=receiving_region,
            handling_region=handling,
            tongban_mode=mode_for(raw),
        )
    method = delivery_method(raw, form)
    if method is not None:
        extra["delivery"] = {
            "method": method,
            "address": (form.get(ADDRESS_FIELD) or "").strip() or None
            if method == "post"
            else None,
        }
    return rest, extra


def mask_address(address: str) -> str:
    """A postal address as a receipt or a screen shows it: the place up to the district
    (county), the rest hidden (北京市朝阳区****)."""
    from kiosk.catalog.regions import region_from_address

    text = address.strip()
    region = region_from_address(text)
    end = text.find(region.name) + len(region.name) if region and region.name in text else 0
    if end <= 0:
        end = min(6, len(text) // 2)
    return text[:end] + "****"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text.startswith("The ") else text


def _names(values: list[str], table: dict[str, tuple[str, str]], en: bool) -> str:
    return ("、" if not en else ", ").join(table[v][1 if en else 0] for v in values if v in table)


def guide_lines(raw: dict[str, Any], en: bool) -> dict[str, str]:
    """The guide's 办理结果 and 通办 lines (empty strings for an item without them)."""
    out = {"result": "", "tongban": ""}
    res = raw.get("result")
    if res:
        name = (res.get("name_en") or res["name"]) if en else res["name"]
        how = _names(res["delivery"], DELIVERY, en)
        out["result"] = (
            f"Result: {name}; delivery: {how}" if en else f"办理结果：{name}；领取方式：{how}"
        )
    tb = raw.get("tongban")
    if tb:
        proxy = tb.get("proxy") or {}
        body = proxy.get("handling_body") or {}
        modes = "、".join(tb["modes"])
        scope_en = "across provinces" if tb["scope"] == "跨省通办" else "anywhere in the province"
        if en:
            line = f"Available {scope_en} ({'; '.join(MODES_EN[m] for m in tb['modes'])})"
            if body:
                line += f"; handled by {_lower_first(body.get('name_en') or body['name'])}"
            if tb.get("needs_registered_region"):
                line += "; you will be asked for your registered place"
        else:
            line = f"{tb['scope']}（{modes}）"
            if body:
                line += f"：本机代收，由{body['name']}办理"
            if tb.get("needs_registered_region"):
                line += "；申请时须确认户籍所在地"
        if tb.get("regions"):
            from kiosk.catalog.regions import lookup_region

            regions = [lookup_region(c) for c in tb["regions"]]
            if en:
                where = ", ".join(r.name_en or r.code for r in regions)
                line += f" (for residents registered in: {where})"
            else:
                line += f"（限户籍在{'、'.join(r.full_name for r in regions)}）"
        out["tongban"] = line
    return out


def routing_lines(raw: dict[str, Any], routing: dict[str, Any]) -> dict[str, str]:
    """What the receipt and the receipt screen say about who handles the application and how
    its result is delivered: ``handled_by``, ``delivery`` and their ``*_en`` (empty when the
    item has neither 通办 nor a result)."""
    from kiosk.catalog.regions import RegionUnknown, lookup_region

    out = {"handled_by": "", "handled_by_en": "", "delivery": "", "delivery_en": ""}
    mode = routing.get("tongban_mode")
    if mode:
        tb = raw.get("tongban") or {}
        body = (tb.get("proxy") or {}).get("handling_body") or raw.get("implementing_body") or {}
        code = str(routing.get("handling_region") or "")
        try:
            region = lookup_region(code)
            place = region.full_name
            province = lookup_region(region.province_code).name_en
            place_en = f"{province}, region {region.code}" if province else f"region {region.code}"
        except RegionUnknown:
            place = place_en = code
        out["handled_by"] = f"{body.get('name', '')}（{place}），{mode}"
        out["handled_by_en"] = (
            f"{body.get('name_en') or body.get('name', '')} ({place_en}), "
            f"{MODES_EN.get(mode, mode)}"
        )
    delivery = routing.get("delivery") or {}
    method = delivery.get("method")
    res = raw.get("result") or {}
    if method in DELIVERY:
        zh, en = DELIVERY[method]
        if method == "post" and delivery.get("address"):
            masked = mask_address(delivery["address"])
            zh, en = f"邮寄至{masked}", f"By post to {masked}"
        name = res.get("name", "")
        out["delivery"] = f"{name}，{zh}" if name else zh
        out["delivery_en"] = f"{res.get('name_en') or name}: {en}" if name else en
    return out
