"""The printed service guide (办事指南) of any service item (schema
``kiosk/schemas/service_item.schema.json``), for a resident to take home before applying."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from kiosk.domain.items import ITEM_TYPES, TIME_UNITS
from kiosk.domain.tongban import guide_lines
from kiosk.receipts.blocks import Builder, Document

_MEDIUM = {"paper": "纸质", "electronic": "电子", "paper_or_electronic": "纸质或电子"}


def time_limit_text(tl: dict[str, Any] | None) -> str:
    if not tl:
        return "—"
    if tl.get("unit") == "immediate" or tl.get("value") == 0:
        text = "即时办结"
    else:
        unit = TIME_UNITS.get(tl.get("unit", ""), ("日", ""))[0]
        text = f"{tl.get('value')}{unit}"
    if tl.get("note"):
        text += f"（{tl['note']}）"
    return text


def _material_line(m: dict[str, Any]) -> str:
    parts = [m.get("form", ""), f"{m.get('copies', 1)}份" if m.get("copies") else ""]
    parts.append(_MEDIUM.get(m.get("medium", ""), ""))
    flags = []
    if not m.get("required", True):
        flags.append("非必需")
    if m.get("elicense"):
        flags.append("可用电子证照")
    if m.get("omittable"):
        flags.append("免提交")
    if m.get("may_be_missing"):
        days = m.get("supplement_days")
        flags.append(f"可容缺，{days}个工作日内补齐" if days else "可容缺")
    detail = "，".join(p for p in parts + flags if p)
    return f"{m['name']}（{detail}）" if detail else m["name"]


def build_guide(
    item: dict[str, Any],
    *,
    width_mm: int,
    terminal_id: str = "",
    hotline: str = "",
    printed_at: datetime | None = None,
) -> Document:
    b = Builder("guide", width_mm)
    b.text("办事指南", align="center", size=2, bold=True)
    b.text("Service Guide", align="center")
    b.rule("=")
    b.text(item["name"], bold=True)
    b.field("事项编码", item["item_code"])
    b.field("事项类型", ITEM_TYPES.get(item.get("item_type", ""), item.get("item_type", "")))
    body = item.get("implementing_body") or {}
    if body.get("name"):
        b.field("实施主体", body["name"])
    if item.get("service_object"):
        b.field("服务对象", "、".join(item["service_object"]))
    b.rule()
    if item.get("conditions"):
        b.text("受理条件：", bold=True)
        b.numbered(list(item["conditions"]))
    b.text("申请材料：", bold=True)
    materials = item.get("materials") or []
    if materials:
        b.numbered([_material_line(m) for m in materials])
    else:
        b.text("  无需提交材料")
    if item.get("commitment"):
        b.field("告知承诺", "本事项实行告知承诺制，申请时须阅读并确认承诺书。")
    bundle = (item.get("bundle") or {}).get("items") or []
    if bundle:
        b.field("一件事", f"本事项合并办理{len(bundle)}个事项，一次提交。")
    if item.get("process"):
        b.text("办理流程：", bold=True)
        b.numbered(list(item["process"]))
    b.rule()
    b.field("法定时限", time_limit_text(item.get("legal_time_limit")))
    b.field("承诺时限", time_limit_text(item.get("promised_time_limit")))
    lines = guide_lines(item, en=False)  # 办理结果 and 通办
    if lines["result"]:
        b.field("办理结果", lines["result"].removeprefix("办理结果："))
    if lines["tongban"]:
        b.field("通办方式", lines["tongban"])
    if item.get("case_type"):
        b.field("办件类型", item["case_type"])
    if "visits" in item:
        b.field("到现场次数", f"{item['visits']}次")
    fees = item.get("fees") or []
    if fees:
        b.field("收费标准", "；".join(f"{f['name']} {f['amount_yuan']:g}元" for f in fees))
    else:
        b.field("收费标准", "不收费")
    place = item.get("place") or {}
    if place.get("address"):
        b.field("办理地点", place["address"])
    if place.get("hours"):
        b.field("办理时间", place["hours"])
    phones = item.get("phones") or {}
    if phones.get("consult"):
        b.field("咨询电话", phones["consult"])
    if phones.get("complaint"):
        b.field("投诉电话", phones["complaint"])
    if item.get("online_url"):
        b.text("网上办理：扫描二维码", align="center")
        b.qr(item["online_url"])
    b.rule()
    b.field("指南版本", f"{item.get('version', '')}（{item.get('effective_from', '')}起施行）")
    if hotline:
        b.field("服务热线", hotline)
    if terminal_id:
        b.field("终端编号", terminal_id)
    b.field("打印时间", (printed_at or datetime.now()).strftime("%Y-%m-%d %H:%M"))
    b.feed(2)
    b.cut()
    return b.build()
