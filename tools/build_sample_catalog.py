"""Build the sample catalog kiosk/catalog/data/sample_catalog.json.

The catalog imitates a district's 实施清单 / 办事指南 (北京市东城区, fictional codes): ~100
依申请 items covering a person's life events and an enterprise's lifecycle, plus bundled
一件事 services. Codes are computed here, never typed: every implementing body gets an
18-char unified social credit code (GB 32100-2015, "11" = 机构编制/机关) with a correct check
character, every item a 12-char basic code, and its implementation code is
``<body credit code><basic code><2-digit sequence>``.

Run ``.venv/bin/python tools/build_sample_catalog.py`` after editing; the JSON is the artefact
that ships and that the tests check. ``--check`` exits 1 if the JSON on disk is out of date.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kiosk.domain.checks import uscc_check_char  # noqa: E402
from tools.sample_catalog_en import EN  # noqa: E402

OUT = ROOT / "kiosk" / "catalog" / "data" / "sample_catalog.json"
CATALOG_VERSION = 1
ITEM_VERSION = "2026.1"
EFFECTIVE_FROM = "2026-01-01"
ONLINE_BASE = "https://zwfw.bianmin.invalid/item/"
DISTRICT = "110101"  # 北京市东城区
CITY = "110000"  # 北京市


def uscc(division: str, org9: str, first2: str = "11") -> str:
    """A unified social credit code with its GB 32100 check character."""
    head = first2 + division + org9
    return head + uscc_check_char(head)


# ---------------------------------------------------------------------------------------------
# Places, hours, phones
HALL = "北京市东城区政务服务中心（东城区鼓楼外大街3号）"
HOURS = "周一至周五 9:00-12:00，13:30-17:00（法定节假日除外）"
HOURS_SAT = "周一至周五 9:00-17:00，周六 9:00-12:00（法定节假日除外）"
PLACES = {
    "hall_1f": (HALL + "一层综合受理窗口", HOURS_SAT),
    "hall_2f": (HALL + "二层人力社保专区", HOURS),
    "hall_3f": (HALL + "三层企业服务专区", HOURS),
    "police": ("户籍所在地派出所户籍窗口，或东城区政务服务中心一层公安综合窗口", HOURS_SAT),
    "exit_entry": ("北京市公安局东城分局出入境接待大厅（东城区东四北大街107号）", HOURS_SAT),
    "marriage": (
        "北京市东城区婚姻登记处（东城区交道口南大街136号）",
        "周一至周五 8:30-12:00，13:30-16:30；周六、日不办公",
    ),
    "hospital": (
        "分娩或就诊的助产机构、医疗机构出生医学证明/死亡医学证明签发窗口",
        "周一至周五 8:00-11:30，13:30-16:30",
    ),
    "vaccine": ("居住地所属社区卫生服务中心预防接种门诊", "周一至周五 8:00-11:30，13:30-16:00"),
    "school": ("东城区教育委员会义务教育入学服务窗口（东城区东四十条甲22号）", HOURS),
    "gjj": ("北京住房公积金管理中心东城管理部（东城区东直门南大街3号）", HOURS),
    "realestate": (
        "北京市规划和自然资源委员会东城分局不动产登记大厅（东城区东直门外小街16号）",
        HOURS_SAT,
    ),
    "housing": ("东城区政务服务中心二层住房保障窗口，或户籍所在地街道政务服务中心", HOURS),
    "street": ("户籍所在地（居住地）街道政务服务中心", HOURS),
    "disabled": ("东城区残疾人联合会综合服务窗口（东城区安德路甲61号），或街道残联", HOURS),
    "tax": ("国家税务总局北京市东城区税务局第一税务所办税服务厅（东城区东直门南大街甲3号）", HOURS),
    "transport": ("北京市交通委员会东城运输管理分局受理窗口（东城区和平里东街11号）", HOURS),
}
CONSULT = {
    "gaj": "010-84037000",
    "wjw": "010-64011236",
    "jw": "010-64031572",
    "rsj": "010-64041660",
    "mzj": "010-64071530",
    "gjj": "010-12329",
    "ghzr": "010-64172345",
    "zjw": "010-64081275",
    "ybj": "010-64091258",
    "cl": "010-84118700",
    "scjg": "010-84028117",
    "swj": "010-12366",
    "jtw": "010-84256800",
    "yc": "010-64036655",
}
COMPLAINT = "12345"


# ---------------------------------------------------------------------------------------------
# Implementing bodies: key -> (name, division, 9-char organisation code, exercise level)
BODIES_RAW: dict[str, tuple[str, str, str, str]] = {
    "gaj": ("北京市公安局东城分局", DISTRICT, "000013645", "县级"),
    "wjw": ("北京市东城区卫生健康委员会", DISTRICT, "MB1528703", "县级"),
    "jw": ("北京市东城区教育委员会", DISTRICT, "000015293", "县级"),
    "rsj": ("北京市东城区人力资源和社会保障局", DISTRICT, "000013813", "县级"),
    "mzj": ("北京市东城区民政局", DISTRICT, "000012930", "县级"),
    "gjj": ("北京住房公积金管理中心东城管理部", CITY, "MB1949208", "省级"),
    "ghzr": ("北京市规划和自然资源委员会东城分局", DISTRICT, "MB1D46071", "县级"),
    "zjw": ("北京市东城区住房和城市建设委员会", DISTRICT, "000014410", "县级"),
    "ybj": ("北京市东城区医疗保障局", DISTRICT, "MB1M39462", "县级"),
    "cl": ("北京市东城区残疾人联合会", DISTRICT, "000017308", "县级"),
    "scjg": ("北京市东城区市场监督管理局", DISTRICT, "MB1L05732", "县级"),
    "swj": ("国家税务总局北京市东城区税务局", DISTRICT, "MB1E26489", "县级"),
    "jtw": ("北京市交通委员会东城运输管理分局", DISTRICT, "MB1K83950", "县级"),
    "yc": ("北京市烟草专卖局东城分局", DISTRICT, "MB1H22674", "县级"),
}
BODIES = {k: {"name": n, "code": uscc(div, org)} for k, (n, div, org, _lvl) in BODIES_RAW.items()}
LEVEL = {k: lvl for k, (_n, _d, _o, lvl) in BODIES_RAW.items()}
# department digits used inside basic codes
DEPT = {k: f"{i + 1:03d}" for i, k in enumerate(BODIES_RAW)}

# E-license types (national catalogue style: issuing ministry's credit code + 3-digit sequence)
_MINISTRY = {
    "mps": uscc("100000", "000013028"),  # 公安部
    "nhc": uscc("100000", "000013611"),  # 国家卫生健康委
    "mca": uscc("100000", "000012911"),  # 民政部
    "samr": uscc("100000", "MB0143028"),  # 市场监管总局
    "mnr": uscc("100000", "MB1967865"),  # 自然资源部
    "mohrss": uscc("100000", "000014348"),  # 人力资源社会保障部
    "cdpf": uscc("100000", "000017061"),  # 中国残联
    "moe": uscc("100000", "000013253"),  # 教育部
}
ELICENSE: dict[str, tuple[str, str]] = {
    "居民身份证": ("mps", "001"),
    "居民户口簿": ("mps", "002"),
    "出生医学证明": ("nhc", "001"),
    "结婚证": ("mca", "001"),
    "离婚证": ("mca", "002"),
    "营业执照": ("samr", "001"),
    "食品经营许可证": ("samr", "014"),
    "不动产权证书": ("mnr", "001"),
    "社会保障卡": ("mohrss", "001"),
    "就业创业证": ("mohrss", "004"),
    "残疾人证": ("cdpf", "001"),
    "居住证": ("mps", "011"),
    "学历证书": ("moe", "003"),
}


def elicense(type_name: str) -> dict[str, str]:
    ministry, seq = ELICENSE[type_name]
    return {"type_code": _MINISTRY[ministry] + seq, "type_name": type_name}


# ---------------------------------------------------------------------------------------------
# Materials
def mat(
    mid: str,
    name: str,
    *,
    required: bool = True,
    form: str = "原件",
    medium: str = "paper_or_electronic",
    copies: int = 1,
    source: str = "申请人自备",
    standard: str | None = None,
    lic: str | None = None,
    omittable: bool = False,
    missing_days: int | None = None,
    basis: str | None = None,
) -> dict[str, Any]:
    m: dict[str, Any] = {
        "material_id": mid,
        "name": name,
        "required": required,
        "form": form,
        "medium": medium,
        "copies": copies,
        "source": source,
    }
    if standard:
        m["acceptance_standard"] = standard
    if basis:
        m["basis"] = basis
    m["elicense"] = elicense(lic) if lic else None
    if omittable:
        m["omittable"] = True
    if missing_days:
        # 容缺受理 applies to a required material that may be supplied after acceptance; one
        # the platform fetches itself (omittable) is never missing.
        if omittable:
            raise ValueError(f"{mid}: omittable and may_be_missing exclude each other")
        m["required"] = True
        m["may_be_missing"] = True
        m["supplement_days"] = missing_days
    return m


def m_id(holder: str = "申请人", mid: str = "id_card", **kw: Any) -> dict[str, Any]:
    kw.setdefault("standard", "在有效期内，证件信息清晰完整，与申请人本人一致")
    return mat(mid, f"{holder}居民身份证", source="公安机关", lic="居民身份证", **kw)


def m_hukou(holder: str = "申请人", mid: str = "hukou", **kw: Any) -> dict[str, Any]:
    kw.setdefault("standard", "户口簿首页及本人页信息完整，与身份证信息一致")
    return mat(mid, f"{holder}居民户口簿", source="公安机关", lic="居民户口簿", **kw)


def m_license(mid: str = "business_license", **kw: Any) -> dict[str, Any]:
    kw.setdefault("standard", "营业执照在有效期内，登记状态为存续")
    return mat(mid, "营业执照", source="市场监督管理部门", lic="营业执照", **kw)


def m_ssc(mid: str = "ssc", **kw: Any) -> dict[str, Any]:
    return mat(mid, "社会保障卡", source="人力资源社会保障部门", lic="社会保障卡", **kw)


def m_form(mid: str, name: str) -> dict[str, Any]:
    """The application form itself: filled in on the kiosk, so it is never a separate upload."""
    return mat(
        mid,
        name,
        medium="electronic",
        source="自助终端在线填写生成",
        standard="如实填写，由申请人确认签名",
        omittable=True,
    )


def m_photo(
    mid: str = "photo", name: str = "近期正面免冠彩色证件照片（白色背景，2寸）", **kw: Any
) -> dict[str, Any]:
    kw.setdefault("standard", "6个月内拍摄，不着制式服装，不佩戴饰品")
    return mat(mid, name, medium="paper_or_electronic", **kw)


def m_agent(**kw: Any) -> dict[str, Any]:
    """The signed power of attorney an agent hands in (委托代办 by 授权委托书)."""
    return mat(
        "power_of_attorney",
        "授权委托书（委托他人代办的提交）",
        required=False,
        source="委托人签署",
        standard="载明委托人、代理人、委托事项和权限、委托期限，由委托人签名或按指印",
        **kw,
    )


# ---------------------------------------------------------------------------------------------
# Form fields
def fld(
    name: str, label: str, label_en: str, ftype: str = "text", required: bool = True, **kw: Any
) -> dict[str, Any]:
    f: dict[str, Any] = {
        "name": name,
        "label": label,
        "label_en": label_en,
        "type": ftype,
        "required": required,
    }
    if ftype in ("text", "textarea") and "max_length" not in kw:
        kw["max_length"] = 50 if ftype == "text" else 500
    f.update(kw)
    return f


def opts(*triples: tuple[str, str, str]) -> list[dict[str, str]]:
    return [{"value": v, "label": zh, "label_en": en} for v, zh, en in triples]


def f_enum(
    name: str,
    label: str,
    label_en: str,
    options: list[tuple[str, str, str]],
    required: bool = True,
    **kw: Any,
) -> dict[str, Any]:
    return fld(name, label, label_en, "enum", required, options=opts(*options), **kw)


F_NAME = fld("applicant_name", "申请人姓名", "Applicant name", max_length=50, prefill="name")
F_ID = fld("id_number", "公民身份号码", "Citizen ID number", "citizen_id", prefill="id_number")
F_PHONE = fld("phone", "联系电话", "Contact phone", "phone", prefill="phone")
F_GENDER = f_enum(
    "gender", "性别", "Gender", [("1", "男", "Male"), ("2", "女", "Female")], prefill="gender"
)
F_ETHNIC = fld("ethnicity", "民族", "Ethnic group", max_length=20, prefill="ethnicity")
F_BIRTH = fld("birth_date", "出生日期", "Date of birth", "date", prefill="birth_date")
F_ADDR = fld("address", "户籍地址", "Registered address", max_length=120, prefill="address")
F_LIVING = fld("living_address", "现居住地址", "Current address", max_length=120)
F_BANK = fld(
    "bank_account",
    "本人银行账号（社会保障卡金融账户）",
    "Bank account (social security card)",
    max_length=30,
    format="bank_card",
    help="用于发放待遇，须为申请人本人账户",
)
F_CREDIT = fld("credit_code", "统一社会信用代码", "Unified social credit code", "credit_code")
F_COMPANY = fld("company_name", "单位（企业）名称", "Company name", max_length=100)
F_LEGAL = fld("legal_rep", "法定代表人（负责人）姓名", "Legal representative", max_length=50)
F_CONTACT = fld("contact_name", "经办人姓名", "Contact person", max_length=50, prefill="name")
F_CONTACT_ID = fld(
    "contact_id", "经办人身份号码", "Contact person's ID number", "citizen_id", prefill="id_number"
)
F_CONTACT_PHONE = fld(
    "contact_phone", "经办人联系电话", "Contact person's phone", "phone", prefill="phone"
)
F_DELIVERY = f_enum(
    "delivery",
    "领取方式",
    "How to receive the result",
    [
        ("window", "窗口领取", "Collect at the counter"),
        ("express", "邮政寄递（到付）", "Post (paid on delivery)"),
    ],
)
F_REMARK = fld("remark", "备注", "Remarks", "textarea", required=False, max_length=300)

F_EMPLOYER = fld("employer_name", "工作单位名称", "Employer", max_length=100)
F_EMPLOYER_CODE = fld(
    "employer_credit_code",
    "工作单位统一社会信用代码",
    "Employer's unified social credit code",
    "credit_code",
)
PERSON_BASE = [F_NAME, F_ID, F_PHONE]
ENTERPRISE_BASE = [F_COMPANY, F_CREDIT, F_LEGAL, F_CONTACT, F_CONTACT_ID, F_CONTACT_PHONE]


def tl(value: int, unit: str = "working_days", note: str | None = None) -> dict[str, Any]:
    t: dict[str, Any] = {"value": value, "unit": unit}
    if note:
        t["note"] = note
    return t


IMMEDIATE = tl(0, "immediate")


# ---------------------------------------------------------------------------------------------
# 告知承诺
def commitment(
    subject: str,
    promises: list[str],
    promises_en: list[str],
    *,
    who: str = "本人",
    material_ids: list[str] | None = None,
) -> dict[str, Any]:
    nums = "一二三四五六七八"
    body = [f"{nums[i]}、{p}" for i, p in enumerate(promises)]
    n = len(promises)
    body.append(
        f"{nums[n]}、{who}提交的申请材料和填报信息真实、准确、完整、有效，不存在隐瞒、虚假或者误导性内容"
    )
    body.append(
        f"{nums[n + 1]}、如承诺内容与事实不符，{who}自愿承担相应法律责任，同意行政机关依法撤销已作出的决定、追回已发放的款项，"
        "并将失信信息记入公共信用信息服务平台"
    )
    text = (
        f"{who}已认真阅读并完全知晓{subject}的办理条件、申请材料和办理程序，现郑重承诺："
        + "；".join(body)
        + f"。以上承诺是{who}的真实意思表示。"
    )
    who_en = "I" if who == "本人" else "We"
    en = [f"({i + 1}) {p}" for i, p in enumerate(promises_en)]
    en.append(
        f"({n + 1}) all materials and information {who_en} have provided are true, accurate, complete and valid, with nothing concealed, false or misleading"
    )
    en.append(
        f"({n + 2}) if any of this proves untrue, {who_en} accept the legal consequences, agree that the authority may revoke its "
        "decision and recover any payments made, and agree that the breach is recorded on the public credit information platform"
    )
    text_en = (
        f"{who_en} have read and fully understand the conditions, materials and procedure of {{service}} "
        f"and solemnly declare: "
        + "; ".join(en)
        + f". This declaration is {'my' if who == '本人' else 'our'} true intention."
    )
    c: dict[str, Any] = {"text": text, "text_en": text_en}
    if material_ids:
        c["material_ids"] = material_ids
    return c


# ---------------------------------------------------------------------------------------------
# Items
ITEMS: list[dict[str, Any]] = []
_KEYS: dict[str, dict[str, Any]] = {}
_MAIN: dict[tuple[str, str], int] = {}
_SUB: dict[tuple[str, str], int] = {}
_NEXT_MAIN: dict[str, int] = {}
DEFAULT_PROCESS = [
    "申请：通过自助终端、网上办事大厅或窗口提交申请及材料",
    "受理：材料齐全、符合法定形式的当场受理并出具受理凭证；不齐全的一次性告知需补正的材料",
    "审查：承办机构对申请材料进行审查，必要时进行核实",
    "决定：作出准予或不予办理的决定，不予办理的书面说明理由",
    "送达：通过窗口领取、邮政寄递或电子证照方式送达办理结果",
]
IMMEDIATE_PROCESS = [
    "申请：在自助终端或窗口刷身份证核验身份，填写申请信息",
    "受理审核：工作人员（或系统）当场核验信息与材料",
    "办结：当场办结，出具办理结果或凭证",
]


def item(
    key: str,
    name: str,
    name_en: str,
    body: str,
    *,
    itype: str = "20",
    group: str | None = None,
    person: tuple[str, ...] = (),
    enterprise: tuple[str, ...] = (),
    keywords: tuple[str, ...] = (),
    materials: list[dict[str, Any]],
    fields: list[dict[str, Any]] | None = None,
    extra_fields: list[dict[str, Any]] = (),  # type: ignore[assignment]
    basis: list[str],
    conditions: list[str],
    process: list[str] | None = None,
    legal: dict[str, Any],
    promised: dict[str, Any],
    case_type: str | None = None,
    visits: int = 0,
    fees: list[dict[str, Any]] = (),  # type: ignore[assignment]
    place: str = "hall_1f",
    objects: tuple[str, ...] = ("自然人",),
    handling: tuple[str, ...] | None = None,
    frequent: bool = False,
    promise: dict[str, Any] | None = None,
    bundle: list[str] | None = None,
    power_source: str = "法定本级行使",
    instant: dict[str, Any] | None = None,
) -> dict[str, Any]:
    # basic code: item type (2) + department (3) + main item (4) + sub item (3)
    if group is not None and (body, group) in _MAIN:
        main = _MAIN[(body, group)]
    else:
        main = _NEXT_MAIN.get(body, 1)
        _NEXT_MAIN[body] = main + 1
        if group is not None:
            _MAIN[(body, group)] = main
    if group is None:
        sub = 0
    else:
        sub = _SUB.get((body, group), 0) + 1
        _SUB[(body, group)] = sub
    basic_code = f"{itype}{DEPT[body]}{main:04d}{sub:03d}"
    item_code = BODIES[body]["code"] + basic_code + "01"
    if fields is None:
        fields = (PERSON_BASE if "自然人" in objects else ENTERPRISE_BASE) + list(extra_fields)
    place_addr, hours = PLACES[place]
    themes: dict[str, list[str]] = {}
    if person:
        themes["person"] = list(person)
    if enterprise:
        themes["enterprise"] = list(enterprise)
    if process is None:
        process = IMMEDIATE_PROCESS if promised["unit"] == "immediate" else DEFAULT_PROCESS
    if handling is None:
        # An item whose applicant must be at the window (photo and fingerprints taken, both
        # partners present and signing before the registrar) cannot be completed at a terminal
        # or online: the kiosk shows and prints its guide instead of a form.
        handling = ("window",) if needs_presence(conditions) else ("window", "online", "kiosk")
    it: dict[str, Any] = {
        "item_code": item_code,
        "basic_code": basic_code,
        "name": name,
        "name_en": name_en,
        "item_type": itype,
        "service_object": list(objects),
        "implementing_body": dict(BODIES[body]),
        "exercise_level": LEVEL[body],
        "legal_basis": basis,
        "power_source": power_source,
        "conditions": conditions,
        "process": process,
        "handling_forms": list(handling),
        "legal_time_limit": legal,
        "promised_time_limit": promised,
        "case_type": case_type or ("即办件" if promised["unit"] == "immediate" else "承诺件"),
        "visits": visits,
        "fees": list(fees),
        "place": {"address": place_addr, "hours": hours},
        "phones": {"consult": CONSULT[body], "complaint": COMPLAINT},
        "online_url": ONLINE_BASE + item_code,
        "version": ITEM_VERSION,
        "effective_from": EFFECTIVE_FROM,
        "effective_to": None,
        "themes": themes,
        "keywords": list(keywords),
        "frequent": frequent,
        "materials": materials,
        "form": {"fields": fields},
        "commitment": promise,
        "bundle": None,
    }
    if promise is not None and "{service}" in promise.get("text_en", ""):
        promise = dict(promise, text_en=promise["text_en"].replace("{service}", f"“{name_en}”"))
        it["commitment"] = promise
    if bundle:
        it["bundle"] = {"items": list(bundle)}  # keys, resolved to codes in build()
    if instant is not None:  # 即时办结 at the terminal: the platform issues the document
        it["instant"] = True
        it["result_document"] = dict(instant)
    if key in _KEYS:
        raise ValueError(f"duplicate key {key}")
    _KEYS[key] = it
    ITEMS.append(it)
    return it


def needs_presence(conditions: list[str]) -> bool:
    """The conditions require the applicant in person (``须本人到场``, ``双方…亲自…``)."""
    return any(re.search(PRESENCE, c) for c in conditions)


PRESENCE = r"须本人到场|亲自到"
"""What a condition says when the applicant must come to the window in person."""


def result_doc(doc_type: str, title: str, title_en: str, *, fits_receipt: bool) -> dict[str, Any]:
    """The result document of an instant item (``instant: true``)."""
    return {"type": doc_type, "title": title, "title_en": title_en, "fits_receipt": fits_receipt}


def fee(name: str, yuan: float, basis: str) -> dict[str, Any]:
    return {"name": name, "amount_yuan": yuan, "basis": basis}


ID_FEE_BASIS = (
    "《国家发展改革委 财政部关于居民身份证收费标准及有关问题的通知》（发改价格〔2003〕2322号）"
)
ID_LAW = "《中华人民共和国居民身份证法》"
HUKOU_REG = "《中华人民共和国户口登记条例》"
SI_LAW = "《中华人民共和国社会保险法》"
GJJ_REG = "《住房公积金管理条例》（国务院令第350号，2019年修订）"
MARKET_REG = "《中华人民共和国市场主体登记管理条例》"
PROMISE_GUIDE = "《国务院办公厅关于全面推行证明事项和涉企经营许可事项告知承诺制的指导意见》（国办发〔2020〕42号）"
ONE_THING = (
    "《国务院关于进一步优化政务服务提升行政效能推动“高效办成一件事”的指导意见》（国发〔2024〕3号）"
)


# === 户籍与身份证件（household）====================================================================
ID_KW = ("身份证", "二代证", "居民身份证", "办身份证", "sfz")
ID_COND = "具有中华人民共和国国籍、户籍在本市的公民"
IN_PERSON_BIOMETRICS = "须本人到场采集人像和指纹信息"
item(
    "id_first",
    "居民身份证首次申领",
    "First application for a resident identity card",
    "gaj",
    group="idcard",
    person=("household",),
    visits=1,
    place="police",
    keywords=ID_KW + ("第一次办身份证", "小孩办身份证", "满16岁办身份证"),
    materials=[
        m_hukou(standard="户口簿本人页已登记，公民身份号码与户籍信息一致"),
        mat(
            "photo_receipt",
            "居民身份证数字相片回执（可在受理现场免费采集）",
            required=False,
            medium="electronic",
            source="公安机关认可的照相机构或现场采集",
            standard="相片符合《居民身份证制证用数字相片技术标准》（GA 461）",
        ),
        mat(
            "guardian_id",
            "未满16周岁的，监护人居民身份证",
            required=False,
            source="公安机关",
            lic="居民身份证",
        ),
    ],
    extra_fields=[
        F_GENDER,
        F_ETHNIC,
        F_BIRTH,
        F_ADDR,
        F_DELIVERY,
        f_enum(
            "reason",
            "申领原因",
            "Reason",
            [
                ("age16", "年满16周岁", "Turned 16"),
                ("under16", "未满16周岁自愿申领", "Under 16, voluntary"),
            ],
        ),
    ],
    basis=[ID_LAW + "第二条、第八条、第九条、第十一条", "《居民身份证指纹信息采集和使用规定》"],
    conditions=[
        ID_COND + "，年满16周岁应当申领居民身份证，未满16周岁的可以申领",
        "未满16周岁的，由监护人陪同申领",
        "申领时须本人到场采集人像和指纹信息",
    ],
    process=[
        "申请：刷户口簿信息或在自助终端预约，现场采集人像、指纹",
        "受理：户籍窗口核对户籍信息并受理，出具《居民身份证领取凭证》",
        "审核：公安机关审核签发",
        "制证：省级制证中心制作证件",
        "送达：窗口领取或邮政寄递",
    ],
    legal=tl(60, "calendar_days", "《居民身份证法》第十一条：自申请之日起60日内发放"),
    promised=tl(20, "working_days", "本市户籍居民在本市申领"),
    fees=[fee("居民身份证工本费", 20, ID_FEE_BASIS)],
)
item(
    "id_renew",
    "居民身份证换领",
    "Renewal of a resident identity card (expiry or change)",
    "gaj",
    group="idcard",
    person=("household",),
    frequent=True,
    visits=1,
    place="police",
    keywords=ID_KW + ("身份证到期", "身份证过期", "换身份证", "身份证有效期满", "跨省通办身份证"),
    materials=[
        m_id(holder="原", mid="old_id_card", standard="交回原居民身份证"),
        m_hukou(required=False, omittable=True),
        mat(
            "photo_receipt",
            "居民身份证数字相片回执（可在受理现场免费采集）",
            required=False,
            medium="electronic",
            source="公安机关认可的照相机构或现场采集",
        ),
    ],
    extra_fields=[
        F_GENDER,
        F_ETHNIC,
        F_BIRTH,
        F_ADDR,
        F_DELIVERY,
        f_enum(
            "reason",
            "换领原因",
            "Reason for renewal",
            [
                ("expired", "有效期满", "Expired"),
                ("expiring", "有效期满前3个月内", "Expiring within 3 months"),
                ("changed", "登记项目变更", "Registered data changed"),
                ("damaged", "证件严重损坏不能辨认", "Damaged"),
            ],
        ),
    ],
    basis=[
        ID_LAW + "第五条、第十一条、第二十条",
        "《公安部关于建立居民身份证异地受理挂失申报和丢失招领制度的意见》（公安部公通字〔2015〕13号）",
    ],
    conditions=[
        ID_COND + "，居民身份证有效期满、登记项目变更、证件严重损坏不能辨认的，应当换领",
        "有效期满前3个月内可提前申请换领",
        "须本人到场采集人像和指纹信息",
    ],
    legal=tl(60, "calendar_days"),
    promised=tl(15, "working_days"),
    fees=[fee("居民身份证工本费", 20, ID_FEE_BASIS)],
)
item(
    "id_replace",
    "居民身份证补领",
    "Replacement of a lost resident identity card",
    "gaj",
    group="idcard",
    person=("household",),
    frequent=True,
    visits=1,
    place="police",
    keywords=ID_KW
    + ("身份证丢了", "丢了身份证", "身份证丢失", "补办身份证", "身份证被偷", "挂失身份证"),
    materials=[
        m_hukou(required=False, omittable=True),
        mat(
            "loss_statement",
            "居民身份证丢失申报（在受理现场或自助终端填写）",
            medium="electronic",
            source="申请人填写",
            omittable=True,
        ),
    ],
    extra_fields=[
        F_GENDER,
        F_ETHNIC,
        F_BIRTH,
        F_ADDR,
        F_DELIVERY,
        fld("lost_date", "丢失日期", "Date lost", "date", required=False),
        fld("lost_place", "丢失地点（大致）", "Where it was lost", required=False, max_length=100),
    ],
    basis=[
        ID_LAW + "第十一条、第二十条",
        "《居民身份证法》第十一条：居民身份证丢失的，应当申请补领",
    ],
    conditions=[
        ID_COND + "，居民身份证丢失的",
        "须本人到场采集人像和指纹信息",
        "已申报丢失的原证件自动作废，找回后不得继续使用",
    ],
    legal=tl(60, "calendar_days"),
    promised=tl(15, "working_days"),
    fees=[fee("居民身份证工本费", 20, ID_FEE_BASIS)],
)
item(
    "id_temp",
    "临时居民身份证申领",
    "Temporary resident identity card",
    "gaj",
    group="idcard",
    person=("household",),
    visits=1,
    place="police",
    keywords=ID_KW + ("临时身份证", "临时证", "急用身份证", "坐飞机身份证"),
    materials=[
        m_hukou(required=False, omittable=True),
        mat("photo_temp", "近期正面免冠彩色照片（或现场采集）", required=False, source="现场采集"),
        mat("receipt", "已申领正式居民身份证的，提交《居民身份证领取凭证》", required=False),
    ],
    extra_fields=[
        F_GENDER,
        F_ETHNIC,
        F_BIRTH,
        F_ADDR,
        f_enum(
            "reason",
            "申领原因",
            "Reason",
            [
                ("pending", "正式证件正在制作", "Permanent card being made"),
                ("lost", "证件丢失急需使用", "Card lost, urgently needed"),
            ],
        ),
    ],
    basis=[
        "《中华人民共和国临时居民身份证管理办法》（公安部令第78号）第二条、第六条",
        ID_FEE_BASIS,
    ],
    conditions=["已申请领取、换领或补领居民身份证，在证件领取前急需使用的", "须本人到场"],
    legal=tl(3, "calendar_days", "《临时居民身份证管理办法》：3日内发放"),
    promised=IMMEDIATE,
    fees=[fee("临时居民身份证工本费", 10, ID_FEE_BASIS)],
)
item(
    "birth_reg",
    "出生登记（户口登记）",
    "Birth registration (hukou entry for a newborn)",
    "gaj",
    itype="07",
    person=("birth", "household"),
    place="police",
    keywords=("上户口", "报户口", "新生儿落户", "孩子上户口", "宝宝上户口", "出生落户", "户口"),
    materials=[
        mat(
            "birth_cert",
            "新生儿《出生医学证明》",
            source="助产机构",
            lic="出生医学证明",
            standard="新生儿姓名已填写，信息与申报一致",
        ),
        m_id("父母双方"),
        m_hukou("父亲或母亲"),
        mat(
            "marriage_cert",
            "父母结婚证",
            required=False,
            source="婚姻登记机关",
            lic="结婚证",
            missing_days=10,
        ),
    ],
    extra_fields=[
        fld("child_name", "新生儿姓名", "Newborn's name", max_length=30),
        f_enum(
            "child_gender",
            "新生儿性别",
            "Newborn's gender",
            [("1", "男", "Male"), ("2", "女", "Female")],
        ),
        fld("child_birth_date", "出生日期", "Date of birth", "date"),
        fld("birth_cert_no", "出生医学证明编号", "Birth medical certificate number", max_length=12),
        f_enum(
            "follow",
            "随父或随母落户",
            "Registered with",
            [("father", "随父", "Father"), ("mother", "随母", "Mother")],
        ),
        F_REMARK,
    ],
    basis=[HUKOU_REG + "第七条", "《公安部关于进一步规范出生登记工作的通知》"],
    conditions=[
        "新生儿父亲或母亲一方为本区常住户口",
        "婴儿出生后一个月以内申报出生登记，超过期限的仍可申报",
    ],
    legal=tl(30, "calendar_days"),
    promised=tl(5, "working_days"),
)
item(
    "hukou_move_in",
    "户口迁移（迁入）",
    "Hukou transfer into the district",
    "gaj",
    itype="07",
    group="hukou_move",
    person=("household",),
    place="police",
    visits=1,
    keywords=("户口迁入", "落户", "迁户口", "投靠落户", "迁户口进来"),
    materials=[
        m_id(),
        m_hukou("迁入地"),
        mat(
            "move_cert",
            "《户口迁移证》或准予迁入证明",
            source="迁出地公安机关",
            required=False,
            missing_days=15,
        ),
        mat(
            "relation_proof",
            "投靠、随迁的，提交亲属关系证明材料",
            required=False,
            form="原件和复印件",
            copies=1,
        ),
        mat(
            "housing_proof",
            "合法稳定住所证明（不动产权证书或租赁合同）",
            lic="不动产权证书",
            source="不动产登记机构",
        ),
    ],
    extra_fields=[
        F_ADDR,
        fld("move_to", "迁入地址", "Destination address", max_length=120),
        f_enum(
            "move_type",
            "迁入类型",
            "Type of transfer",
            [
                ("spouse", "夫妻投靠", "Joining spouse"),
                ("child", "子女投靠父母", "Child joining parents"),
                ("parent", "父母投靠子女", "Parents joining child"),
                ("job", "工作调动", "Job transfer"),
                ("talent", "人才引进", "Talent introduction"),
            ],
        ),
    ],
    basis=[
        HUKOU_REG + "第十条、第十三条",
        "《国务院关于进一步推进户籍制度改革的意见》（国发〔2014〕25号）",
    ],
    conditions=["符合本市户籍准入政策规定的投靠、调动或人才引进条件", "在迁入地有合法稳定住所"],
    legal=tl(20, "working_days"),
    promised=tl(10, "working_days"),
)
item(
    "hukou_move_out",
    "户口迁移（迁出）",
    "Hukou transfer out of the district",
    "gaj",
    itype="07",
    group="hukou_move",
    person=("household",),
    place="police",
    keywords=("户口迁出", "迁户口", "迁移证", "跨省迁户口", "户口迁移一站式"),
    materials=[
        m_id(),
        m_hukou(),
        mat(
            "move_permit",
            "迁入地公安机关出具的准予迁入证明（已实行迁移“一站式”办理的免提交）",
            required=False,
            omittable=True,
        ),
    ],
    extra_fields=[F_ADDR, fld("move_to", "迁往地址", "Destination address", max_length=120)],
    basis=[HUKOU_REG + "第十条", "《公安部关于推行户口迁移“一站式”办理的通知》"],
    conditions=["已取得迁入地准予迁入手续", "户口迁移一站式办理的，由迁入地公安机关直接办理迁出"],
    legal=tl(10, "working_days"),
    promised=tl(3, "working_days"),
)
item(
    "hukou_cancel_death",
    "户口注销（死亡）",
    "Cancellation of hukou on death",
    "gaj",
    itype="07",
    person=("after_death", "household"),
    place="police",
    keywords=("死亡销户", "销户口", "注销户口", "人去世了", "老人去世", "身后事"),
    materials=[
        mat(
            "death_cert",
            "《居民死亡医学证明（推断）书》第四联或公安机关出具的死亡证明",
            source="医疗卫生机构或公安机关",
            missing_days=10,
        ),
        m_id("死者", mid="deceased_id", standard="收回死者居民身份证；遗失的由申报人说明"),
        m_hukou("死者", mid="deceased_hukou"),
        m_id("申报人"),
    ],
    extra_fields=[
        fld("deceased_name", "死者姓名", "Name of the deceased", max_length=50),
        fld("deceased_id", "死者公民身份号码", "ID number of the deceased", "citizen_id"),
        fld("death_date", "死亡日期", "Date of death", "date"),
        f_enum(
            "relation",
            "申报人与死者关系",
            "Relation to the deceased",
            [
                ("spouse", "配偶", "Spouse"),
                ("child", "子女", "Child"),
                ("parent", "父母", "Parent"),
                ("other", "其他亲属", "Other relative"),
            ],
        ),
    ],
    basis=[HUKOU_REG + "第八条", "《人口死亡信息登记管理规范（试行）》（国卫规划发〔2013〕57号）"],
    conditions=["公民死亡的，由户主、亲属、抚养人或邻居在一个月以内申报死亡登记，注销户口"],
    legal=tl(30, "calendar_days"),
    promised=IMMEDIATE,
)
item(
    "residence_permit",
    "居住证申领",
    "Residence permit application",
    "gaj",
    itype="07",
    person=("household", "housing"),
    place="street",
    visits=1,
    keywords=("居住证", "暂住证", "外地人居住证", "积分落户", "办居住证"),
    materials=[
        m_id(),
        m_photo(),
        mat(
            "living_proof",
            "居住登记满半年的证明，及合法稳定就业、合法稳定住所或连续就读证明之一",
            form="原件和复印件",
            missing_days=10,
        ),
        mat("lease", "房屋租赁合同（租住的）", required=False, form="复印件"),
    ],
    extra_fields=[
        F_GENDER,
        F_ADDR,
        F_LIVING,
        f_enum(
            "basis_type",
            "申领依据",
            "Basis",
            [
                ("job", "合法稳定就业", "Stable employment"),
                ("home", "合法稳定住所", "Stable residence"),
                ("study", "连续就读", "Continuous study"),
            ],
        ),
    ],
    basis=[
        "《居住证暂行条例》（国务院令第663号）第二条、第九条",
        "《北京市实施〈居住证暂行条例〉办法》",
    ],
    conditions=[
        "离开常住户口所在地到本市居住半年以上",
        "符合有合法稳定就业、合法稳定住所、连续就读条件之一",
    ],
    legal=tl(15, "calendar_days"),
    promised=tl(10, "working_days"),
)
item(
    "hukou_proof",
    "户籍类证明出具（告知承诺）",
    "Household-registration certificates (by written commitment)",
    "gaj",
    itype="10",
    person=("household",),
    place="police",
    keywords=("户籍证明", "户口证明", "开证明", "无户口证明", "曾用名证明", "同一人证明"),
    materials=[m_id(), m_hukou(required=False, omittable=True)],
    extra_fields=[
        f_enum(
            "proof_type",
            "证明类型",
            "Certificate type",
            [
                ("history", "户籍迁移记录证明", "Hukou transfer history"),
                ("former_name", "曾用名证明", "Former-name certificate"),
                ("same_person", "同一人证明", "Same-person certificate"),
                ("cancel", "注销户口证明", "Hukou cancellation certificate"),
            ],
        ),
        fld("purpose", "用途", "Purpose", max_length=100),
    ],
    basis=[HUKOU_REG, PROMISE_GUIDE],
    conditions=["本人或其委托代理人申请", "能够通过户籍信息系统核实的事项，以告知承诺方式出具"],
    legal=tl(5, "working_days"),
    promised=IMMEDIATE,
    promise=commitment(
        "户籍类证明出具",
        [
            "本人申请出具的证明仅用于所填报的用途，不转借他人、不用于违法用途",
            "本人填报的曾用名、迁移经历等户籍信息与实际情况一致",
        ],
        [
            "the certificate will only be used for the stated purpose, never lent to others or used unlawfully",
            "the former names, transfers and other household data I entered match the facts",
        ],
        material_ids=["hukou"],
    ),
    instant=result_doc(
        "household_record", "户籍证明", "Household registration certificate", fits_receipt=False
    ),
)
item(
    "no_crime_proof",
    "无犯罪记录证明出具",
    "Certificate of no criminal record",
    "gaj",
    itype="10",
    person=("employment",),
    frequent=True,
    place="police",
    keywords=("无犯罪记录证明", "无犯罪证明", "良民证", "政审证明", "入职证明"),
    materials=[
        m_id(),
        mat(
            "purpose_proof",
            "用途说明材料（如用人单位出具的入职通知）",
            required=False,
            omittable=True,
        ),
    ],
    extra_fields=[
        f_enum(
            "purpose",
            "证明用途",
            "Purpose",
            [
                ("job", "就业入职", "Employment"),
                ("study", "升学", "Study"),
                ("visa", "出国（境）", "Going abroad"),
                ("license", "申领从业资格", "Professional licence"),
                ("other", "其他", "Other"),
            ],
        ),
        fld(
            "org_name", "使用单位名称", "Organisation requiring it", required=False, max_length=100
        ),
        F_DELIVERY,
    ],
    basis=[
        "《公安机关办理犯罪记录查询工作规定》（公通字〔2021〕19号）第五条、第六条",
        PROMISE_GUIDE,
    ],
    conditions=[
        "中国公民（含港澳台居民）和外国人查询本人在中国境内的犯罪记录",
        "委托他人代为查询的，须提交委托书",
    ],
    legal=tl(3, "working_days"),
    promised=IMMEDIATE,
    promise=commitment(
        "无犯罪记录证明出具",
        [
            "本人所申请查询的系本人的犯罪记录，所填报用途真实",
            "本人知晓证明仅反映查询时本人在中国境内的犯罪记录情况，不伪造、变造和转借证明",
        ],
        [
            "the records requested are my own and the stated purpose is true",
            "I understand the certificate only covers records in China at the time of the query and will not forge, alter or lend it",
        ],
        material_ids=["purpose_proof"],
    ),
    instant=result_doc(
        "no_criminal_record",
        "无犯罪记录证明",
        "Certificate of no criminal record",
        fits_receipt=False,
    ),
)
item(
    "kinship_proof",
    "亲属关系证明出具（告知承诺）",
    "Certificate of kinship (by written commitment)",
    "gaj",
    itype="10",
    person=("household",),
    place="police",
    keywords=("亲属关系证明", "父子关系证明", "母女关系证明", "证明我妈是我妈"),
    materials=[
        m_id(),
        m_hukou(required=False, omittable=True),
        m_id("被证明亲属", mid="relative_id", required=False),
    ],
    extra_fields=[
        fld("relative_name", "亲属姓名", "Relative's name", max_length=50),
        fld("relative_id", "亲属公民身份号码", "Relative's ID number", "citizen_id"),
        f_enum(
            "relation",
            "关系",
            "Relation",
            [
                ("parent", "父母子女", "Parent and child"),
                ("spouse", "夫妻", "Spouses"),
                ("sibling", "兄弟姐妹", "Siblings"),
                ("grand", "祖孙", "Grandparent and grandchild"),
            ],
        ),
    ],
    basis=[HUKOU_REG, PROMISE_GUIDE],
    conditions=["申请人与被证明人的亲属关系可通过户籍信息核实；无法核实的以告知承诺方式办理"],
    legal=tl(5, "working_days"),
    promised=tl(1, "working_days"),
    promise=commitment(
        "亲属关系证明出具",
        ["本人与被证明人之间存在所申报的亲属关系", "本人已告知被证明人本次申请并取得其同意"],
        [
            "the declared family relationship between me and the person named is real",
            "I have told that person about this application and obtained their consent",
        ],
        material_ids=["relative_id"],
    ),
)
item(
    "hukou_book_replace",
    "居民户口簿补领、换领",
    "Replacement of a household register booklet",
    "gaj",
    itype="20",
    person=("household",),
    place="police",
    keywords=("户口本丢了", "补户口本", "户口本", "户口簿", "换户口本"),
    materials=[
        m_id("户主或本户成员"),
        mat("old_book", "换领的，交回原户口簿", required=False, lic="居民户口簿"),
    ],
    extra_fields=[
        F_ADDR,
        f_enum(
            "reason",
            "原因",
            "Reason",
            [
                ("lost", "丢失", "Lost"),
                ("damaged", "损坏", "Damaged"),
                ("full", "页面用完", "No pages left"),
            ],
        ),
    ],
    basis=[HUKOU_REG + "第四条", "《公安部关于启用新版居民户口簿有关事项的通知》"],
    conditions=["户口簿丢失、损坏或不能继续使用的，由户主或本户成员申请"],
    legal=tl(10, "working_days"),
    promised=IMMEDIATE,
)
item(
    "name_change",
    "户口登记项目变更（姓名变更）",
    "Change of name in the household register",
    "gaj",
    itype="07",
    person=("household",),
    place="police",
    visits=1,
    keywords=("改名", "改名字", "更名", "姓名变更", "孩子改名"),
    materials=[
        m_id(),
        m_hukou(),
        mat(
            "reason_proof",
            "变更理由的证明材料（如父母离婚协议、法院判决等）",
            required=False,
            form="原件和复印件",
        ),
    ],
    extra_fields=[
        fld("new_name", "拟变更姓名", "New name", max_length=30),
        fld("reason", "变更理由", "Reason", "textarea", max_length=300),
    ],
    basis=[HUKOU_REG + "第十八条", "《中华人民共和国民法典》第一千零一十二条、第一千零一十六条"],
    conditions=[
        "未满十八周岁的，由父母或其他监护人申请",
        "十八周岁以上的，由本人申请，须有正当理由",
    ],
    legal=tl(30, "calendar_days"),
    promised=tl(15, "working_days"),
)
item(
    "passport",
    "普通护照签发",
    "Issuance of an ordinary passport",
    "gaj",
    itype="01",
    keywords=("护照", "办护照", "出国", "护照过期", "换护照"),
    place="exit_entry",
    visits=1,
    materials=[
        m_id(),
        mat("photo_exit", "出入境证件数字相片（可现场采集）", required=False, source="现场采集"),
        mat("old_passport", "换发的，交回原护照", required=False),
    ],
    extra_fields=[
        F_GENDER,
        F_BIRTH,
        f_enum(
            "apply_type",
            "申请类别",
            "Application type",
            [
                ("first", "首次申请", "First application"),
                ("renew", "换发", "Renewal"),
                ("reissue", "补发", "Replacement"),
            ],
        ),
        F_DELIVERY,
    ],
    basis=["《中华人民共和国护照法》第四条、第五条、第六条"],
    conditions=[
        "中国公民因私出国，可向户籍所在地或居住地出入境管理机构申请",
        IN_PERSON_BIOMETRICS,
    ],
    legal=tl(15, "calendar_days"),
    promised=tl(7, "working_days"),
    fees=[
        fee(
            "护照工本费",
            120,
            "《国家发展改革委 财政部关于调整因私出入境证件收费标准的通知》（发改价格〔2019〕914号）",
        )
    ],
)
item(
    "hk_macau_permit",
    "往来港澳通行证及签注签发",
    "Exit-entry permit and endorsement for Hong Kong and Macao",
    "gaj",
    itype="01",
    keywords=("港澳通行证", "去香港", "去澳门", "签注", "港澳签注"),
    place="exit_entry",
    visits=1,
    materials=[
        m_id(),
        mat("photo_exit", "出入境证件数字相片（可现场采集）", required=False, source="现场采集"),
    ],
    extra_fields=[
        f_enum(
            "endorsement",
            "签注种类",
            "Endorsement type",
            [
                ("tour_1", "个人旅游一次", "Individual tour, single"),
                ("tour_2", "个人旅游二次", "Individual tour, twice"),
                ("visit", "探亲", "Family visit"),
                ("business", "商务", "Business"),
            ],
        ),
        F_DELIVERY,
    ],
    basis=["《中国公民因私事往来香港地区或者澳门地区的暂行管理办法》第三条"],
    conditions=["内地居民因私往来香港、澳门", IN_PERSON_BIOMETRICS],
    legal=tl(10, "working_days"),
    promised=tl(7, "working_days"),
    fees=[
        fee("往来港澳通行证（电子）工本费", 60, "发改价格〔2019〕914号"),
        fee("个人旅游签注（一次有效）", 15, "发改价格〔2019〕914号"),
    ],
)


# === 出生 / 婚育（birth, marriage_childbirth）==========================================================
PARENTS_FIELDS = [
    fld("mother_name", "母亲姓名", "Mother's name", max_length=50),
    fld("mother_id", "母亲公民身份号码", "Mother's ID number", "citizen_id"),
    fld("father_name", "父亲姓名", "Father's name", required=False, max_length=50),
    fld("father_id", "父亲公民身份号码", "Father's ID number", "citizen_id", required=False),
]
item(
    "birth_cert",
    "出生医学证明办理（首次签发）",
    "Birth medical certificate (first issue)",
    "wjw",
    itype="20",
    group="birth_cert",
    person=("birth",),
    place="hospital",
    keywords=("出生证", "出生证明", "出生医学证明", "生孩子", "宝宝出生证"),
    materials=[
        m_id("母亲", mid="mother_id"),
        m_id("父亲", mid="father_id", required=False),
        mat(
            "delivery_record",
            "助产机构分娩记录（机构内部调取）",
            omittable=True,
            source="助产机构",
            medium="electronic",
        ),
    ],
    fields=[
        F_NAME,
        F_ID,
        F_PHONE,
        fld("child_name", "新生儿姓名", "Newborn's name", max_length=30),
        f_enum(
            "child_gender",
            "新生儿性别",
            "Newborn's gender",
            [("1", "男", "Male"), ("2", "女", "Female")],
        ),
        fld("child_birth_date", "出生日期", "Date of birth", "date"),
    ]
    + PARENTS_FIELDS[2:],
    basis=[
        "《中华人民共和国母婴保健法》第二十三条",
        "《国家卫生健康委办公厅关于做好出生医学证明管理工作的通知》",
    ],
    conditions=["在本区助产机构内出生的新生儿", "由新生儿父母或监护人申请，须确定新生儿姓名"],
    legal=tl(30, "calendar_days"),
    promised=tl(1, "working_days"),
)
item(
    "birth_cert_reissue",
    "出生医学证明补发",
    "Reissue of a birth medical certificate",
    "wjw",
    itype="20",
    group="birth_cert",
    person=("birth",),
    place="hospital",
    keywords=("出生证丢了", "补出生证", "出生医学证明遗失"),
    materials=[
        m_id("母亲", mid="mother_id"),
        m_hukou("新生儿", mid="child_hukou", required=False),
        mat("loss_notice", "遗失声明（在自助终端填写）", medium="electronic", omittable=True),
    ],
    extra_fields=[
        fld("child_name", "子女姓名", "Child's name", max_length=30),
        fld(
            "cert_no",
            "原出生医学证明编号",
            "Original certificate number",
            required=False,
            max_length=12,
        ),
    ],
    basis=["《中华人民共和国母婴保健法实施办法》第二十四条"],
    conditions=["《出生医学证明》遗失的，由原签发机构补发"],
    legal=tl(30, "calendar_days"),
    promised=tl(10, "working_days"),
)
item(
    "vaccine_cert",
    "预防接种证办理",
    "Vaccination certificate",
    "wjw",
    itype="20",
    person=("birth",),
    place="vaccine",
    keywords=("打疫苗", "疫苗本", "接种证", "宝宝打针", "预防针"),
    materials=[
        mat("birth_cert", "新生儿《出生医学证明》", lic="出生医学证明", source="助产机构"),
        m_id("监护人", mid="guardian_id"),
    ],
    extra_fields=[
        fld("child_name", "儿童姓名", "Child's name", max_length=30),
        fld("child_birth_date", "出生日期", "Date of birth", "date"),
        F_LIVING,
    ],
    basis=["《中华人民共和国疫苗管理法》第四十七条", "《预防接种工作规范》"],
    conditions=["儿童出生后1个月内，由监护人到居住地接种单位办理"],
    legal=IMMEDIATE,
    promised=IMMEDIATE,
)
item(
    "newborn_medins",
    "新生儿参保登记（城乡居民基本医疗保险）",
    "Newborn enrolment in resident medical insurance",
    "ybj",
    itype="20",
    person=("birth", "medical_insurance"),
    frequent=False,
    place="hall_2f",
    keywords=("新生儿医保", "宝宝医保", "孩子参保", "一老一小", "医保"),
    materials=[
        mat("birth_cert", "新生儿《出生医学证明》", lic="出生医学证明", source="助产机构"),
        m_hukou("新生儿", mid="child_hukou", missing_days=30),
    ],
    extra_fields=[
        fld("child_name", "新生儿姓名", "Newborn's name", max_length=30),
        fld(
            "child_id",
            "新生儿公民身份号码",
            "Newborn's ID number",
            "citizen_id",
            required=False,
            help="已办理出生登记的填写",
        ),
    ],
    basis=[
        SI_LAW + "第二十五条",
        "《国家医保局 财政部 国家税务总局关于做好城乡居民基本医疗保障工作的通知》",
    ],
    conditions=["本区户籍或持本市居住证人员的新生儿", "出生90日内参保缴费的，自出生之日起享受待遇"],
    legal=tl(10, "working_days"),
    promised=IMMEDIATE,
)
item(
    "birth_registration_family",
    "生育登记",
    "Childbirth registration",
    "wjw",
    itype="20",
    person=("marriage_childbirth",),
    place="street",
    keywords=("生育登记", "准生证", "生育服务证", "怀孕登记", "生二胎", "生三胎"),
    materials=[
        m_id("夫妻双方"),
        mat(
            "marriage_cert",
            "结婚证",
            required=False,
            lic="结婚证",
            source="婚姻登记机关",
            omittable=True,
        ),
    ],
    extra_fields=[
        fld("spouse_name", "配偶姓名", "Spouse's name", max_length=50),
        fld("spouse_id", "配偶公民身份号码", "Spouse's ID number", "citizen_id"),
        f_enum(
            "child_order",
            "本次登记为第几孩",
            "Which child",
            [("1", "一孩", "First"), ("2", "二孩", "Second"), ("3", "三孩", "Third")],
        ),
        fld("due_date", "预产期", "Expected due date", "date", required=False),
    ],
    basis=["《中华人民共和国人口与计划生育法》第十八条", "《北京市人口与计划生育条例》"],
    conditions=["夫妻一方户籍在本区，或在本区居住"],
    legal=tl(5, "working_days"),
    promised=IMMEDIATE,
)
item(
    "maternity_allowance",
    "生育津贴申领",
    "Maternity allowance",
    "ybj",
    itype="05",
    person=("marriage_childbirth", "social_insurance"),
    place="hall_2f",
    keywords=("生育津贴", "产假工资", "生育保险", "生孩子报销", "产假"),
    materials=[
        m_id(),
        mat("birth_cert", "子女《出生医学证明》", lic="出生医学证明", source="助产机构"),
        mat(
            "discharge",
            "住院分娩的出院小结（医保结算系统可调取的免提交）",
            required=False,
            omittable=True,
            form="复印件",
        ),
    ],
    extra_fields=[
        F_EMPLOYER,
        F_EMPLOYER_CODE,
        fld("child_birth_date", "分娩日期", "Date of delivery", "date"),
        fld("leave_days", "产假天数", "Days of maternity leave", "number", min=1, max=365),
        F_BANK,
    ],
    basis=[
        SI_LAW + "第五十四条、第五十六条",
        "《女职工劳动保护特别规定》（国务院令第619号）第七条",
    ],
    conditions=["用人单位已为职工参加生育保险并按规定缴费", "职工符合国家和本市生育政策"],
    legal=tl(20, "working_days"),
    promised=tl(10, "working_days"),
)
item(
    "maternity_medical",
    "生育医疗费用报销",
    "Reimbursement of childbirth medical costs",
    "ybj",
    itype="05",
    person=("marriage_childbirth", "medical_insurance"),
    place="hall_2f",
    keywords=("生孩子报销", "产检报销", "生育医疗费", "分娩报销"),
    materials=[
        m_id(),
        mat("invoices", "医疗费用票据及费用明细", form="原件", copies=1),
        mat("diagnosis", "诊断证明或出院小结", form="复印件"),
    ],
    extra_fields=[
        fld(
            "total_amount",
            "报销金额合计（元）",
            "Total amount (yuan)",
            "number",
            min=0,
            max=1000000,
        ),
        F_BANK,
    ],
    basis=[SI_LAW + "第五十五条"],
    conditions=["参保人员因生育发生的医疗费用未能在定点医疗机构直接结算的"],
    legal=tl(30, "working_days"),
    promised=tl(20, "working_days"),
)
item(
    "marriage_reg",
    "内地居民结婚登记",
    "Marriage registration (mainland residents)",
    "mzj",
    itype="07",
    group="marriage",
    person=("marriage_childbirth",),
    frequent=True,
    place="marriage",
    visits=1,
    keywords=("结婚", "结婚证", "领证", "结婚登记", "婚姻登记", "扯证"),
    materials=[
        m_id("男女双方"),
        m_hukou("男女双方", required=False, omittable=True),
        mat("photo_couple", "双方近期半身免冠合影照片3张（2寸，红底）", copies=3, medium="paper"),
        mat(
            "single_statement",
            "本人无配偶以及与对方当事人没有直系血亲和三代以内旁系血亲关系的签字声明",
            medium="paper",
            source="现场签署",
        ),
    ],
    extra_fields=[
        fld("spouse_name", "对方姓名", "Partner's name", max_length=50),
        fld("spouse_id", "对方公民身份号码", "Partner's ID number", "citizen_id"),
        fld("appointment_date", "预约登记日期", "Appointment date", "date"),
    ],
    basis=[
        "《中华人民共和国民法典》第一千零四十七条、第一千零四十九条",
        "《婚姻登记条例》第四条、第五条、第七条",
        "《民政部关于开展婚姻登记“跨省通办”试点工作的通知》（民函〔2021〕15号）",
    ],
    conditions=[
        "男女双方均为内地居民，完全自愿",
        "男不得早于22周岁，女不得早于20周岁",
        "双方均无配偶",
        "无直系血亲和三代以内旁系血亲关系",
        "双方须共同亲自到婚姻登记机关办理",
    ],
    process=[
        "预约：在自助终端或网上预约登记日期",
        "申请：双方共同到场，提交证件和照片，签署声明",
        "审查：婚姻登记员询问并审查",
        "登记：符合条件的当场登记，颁发结婚证",
    ],
    legal=IMMEDIATE,
    promised=IMMEDIATE,
    fees=[],
)
item(
    "divorce_reg",
    "内地居民离婚登记",
    "Divorce registration (mainland residents)",
    "mzj",
    itype="07",
    group="marriage",
    person=("marriage_childbirth",),
    place="marriage",
    visits=2,
    keywords=("离婚", "离婚证", "协议离婚", "离婚冷静期"),
    materials=[
        m_id("男女双方"),
        mat("marriage_cert", "结婚证", lic="结婚证", source="婚姻登记机关"),
        mat("agreement", "双方共同签署的离婚协议书（一式三份）", copies=3, medium="paper"),
    ],
    extra_fields=[
        fld("spouse_name", "对方姓名", "Partner's name", max_length=50),
        fld("spouse_id", "对方公民身份号码", "Partner's ID number", "citizen_id"),
    ],
    basis=[
        "《中华人民共和国民法典》第一千零七十六条、第一千零七十七条",
        "《婚姻登记条例》第十条、第十一条",
    ],
    conditions=[
        "双方自愿离婚，对子女抚养、财产及债务处理等事项协商一致",
        "提交申请后30日离婚冷静期届满后30日内，双方亲自到场申请发给离婚证",
    ],
    process=[
        "申请：双方亲自到场提交离婚登记申请",
        "冷静期：自婚姻登记机关收到申请之日起30日内，任何一方可撤回申请",
        "审查登记：冷静期届满后30日内双方共同到场，符合条件的予以登记，发给离婚证",
    ],
    legal=tl(30, "calendar_days", "离婚冷静期30日"),
    promised=tl(30, "calendar_days", "冷静期届满当日可办结"),
)
item(
    "marriage_cert_reissue",
    "补领婚姻登记证",
    "Reissue of a marriage or divorce certificate",
    "mzj",
    itype="07",
    group="marriage",
    person=("marriage_childbirth",),
    place="marriage",
    keywords=("结婚证丢了", "补结婚证", "补领结婚证", "离婚证丢了"),
    materials=[
        m_id(),
        m_hukou(required=False, omittable=True),
        m_photo(name="近期2寸单人或双人免冠照片（红底）"),
    ],
    extra_fields=[
        f_enum(
            "cert_type",
            "补领证件",
            "Certificate",
            [
                ("marriage", "结婚证", "Marriage certificate"),
                ("divorce", "离婚证", "Divorce certificate"),
            ],
        ),
        fld("reg_year", "原登记年份", "Year of registration", "number", min=1950, max=2100),
    ],
    basis=["《婚姻登记条例》第十七条"],
    conditions=[
        "结婚证、离婚证遗失或者损毁的，当事人可以向原办理婚姻登记的机关或者一方常住户口所在地的婚姻登记机关申请补领"
    ],
    legal=tl(30, "calendar_days"),
    promised=IMMEDIATE,
)
item(
    "marital_status_promise",
    "婚姻状况证明（告知承诺）",
    "Marital status certificate (by written commitment)",
    "mzj",
    itype="10",
    person=("marriage_childbirth",),
    place="marriage",
    keywords=("单身证明", "未婚证明", "婚姻状况证明", "婚姻登记记录证明"),
    materials=[m_id()],
    extra_fields=[
        f_enum(
            "status",
            "婚姻状况",
            "Marital status",
            [
                ("single", "未婚", "Never married"),
                ("married", "已婚", "Married"),
                ("divorced", "离婚", "Divorced"),
                ("widowed", "丧偶", "Widowed"),
            ],
        ),
        fld("purpose", "用途", "Purpose", max_length=100),
    ],
    basis=["《婚姻登记条例》", PROMISE_GUIDE],
    conditions=["当事人查询本人的婚姻登记记录；单身、未婚情况以告知承诺方式确认"],
    legal=tl(5, "working_days"),
    promised=IMMEDIATE,
    promise=commitment(
        "婚姻状况证明",
        [
            "本人所填报的婚姻状况真实，不存在重婚或隐瞒婚姻登记记录的情形",
            "本人知晓虚假承诺可能影响他人合法权益",
        ],
        [
            "the marital status I declared is true and I have not concealed any marriage record or committed bigamy",
            "I understand that a false declaration may harm the lawful rights of others",
        ],
    ),
    instant=result_doc(
        "marital_status",
        "婚姻登记记录证明",
        "Certificate of marriage registration records",
        fits_receipt=False,
    ),
)


# === 上学（schooling）==============================================================================
item(
    "school_enrol",
    "义务教育入学登记（小学）",
    "Primary school enrolment (compulsory education)",
    "jw",
    itype="20",
    person=("schooling",),
    place="school",
    keywords=("上小学", "小学入学", "幼升小", "入学登记", "学区", "上学"),
    materials=[
        m_hukou("儿童及监护人"),
        mat(
            "housing_proof",
            "居住证明（不动产权证书或租赁合同）",
            lic="不动产权证书",
            source="不动产登记机构",
            missing_days=15,
        ),
        mat(
            "vaccine_check", "预防接种证查验证明", source="接种单位", required=False, omittable=True
        ),
    ],
    extra_fields=[
        fld("child_name", "儿童姓名", "Child's name", max_length=30),
        fld("child_id", "儿童公民身份号码", "Child's ID number", "citizen_id"),
        F_LIVING,
        f_enum(
            "hukou_type",
            "户籍类型",
            "Hukou type",
            [
                ("local", "本区户籍", "Registered in the district"),
                ("nonlocal", "非本市户籍（随迁子女）", "Migrant child"),
            ],
        ),
    ],
    basis=[
        "《中华人民共和国义务教育法》第十二条",
        "《北京市实施〈中华人民共和国义务教育法〉办法》",
    ],
    conditions=[
        "当年8月31日前年满6周岁的适龄儿童",
        "非本市户籍适龄儿童须父母持有本市有效居住证并符合随迁子女入学条件",
    ],
    legal=tl(30, "calendar_days"),
    promised=tl(20, "working_days", "以当年入学工作时间安排为准"),
)
item(
    "school_status_proof",
    "学籍证明出具",
    "Student status certificate",
    "jw",
    itype="20",
    person=("schooling",),
    place="school",
    keywords=("学籍证明", "在读证明", "学生证明", "转学证明"),
    materials=[
        m_id("学生或监护人"),
        mat("student_card", "学生证或学校出具的在读证明", required=False, omittable=True),
    ],
    extra_fields=[
        fld("student_name", "学生姓名", "Student's name", max_length=30),
        fld("school", "就读学校", "School", max_length=100),
        fld("purpose", "用途", "Purpose", max_length=100),
    ],
    basis=["《中小学生学籍管理办法》（教基一〔2013〕7号）第五条"],
    conditions=["在本区中小学就读或曾就读的学生"],
    legal=tl(5, "working_days"),
    promised=tl(1, "working_days"),
)
item(
    "school_transfer",
    "转学申请（义务教育阶段）",
    "School transfer (compulsory education)",
    "jw",
    itype="20",
    person=("schooling",),
    place="school",
    keywords=("转学", "转学籍", "换学校"),
    materials=[m_hukou("学生"), mat("receiving_letter", "转入学校同意接收证明", missing_days=10)],
    extra_fields=[
        fld("student_name", "学生姓名", "Student's name", max_length=30),
        fld("from_school", "原就读学校", "Current school", max_length=100),
        fld("to_school", "拟转入学校", "New school", max_length=100),
        fld("reason", "转学原因", "Reason", "textarea", max_length=300),
    ],
    basis=["《中小学生学籍管理办法》第十二条"],
    conditions=["因户籍迁移、家庭住址变化等原因需要转学的义务教育阶段学生"],
    legal=tl(15, "working_days"),
    promised=tl(10, "working_days"),
)
item(
    "student_aid",
    "家庭经济困难学生资助申请",
    "Financial aid for students from low-income families",
    "jw",
    itype="05",
    person=("schooling",),
    place="school",
    keywords=("助学金", "学生资助", "困难学生补助", "贫困生"),
    materials=[
        m_id("学生或监护人"),
        mat(
            "hardship_proof",
            "低保证、特困证等家庭经济困难证明（可通过民政系统核验的免提交）",
            required=False,
            omittable=True,
        ),
    ],
    extra_fields=[
        fld("student_name", "学生姓名", "Student's name", max_length=30),
        fld("school", "就读学校", "School", max_length=100),
        fld(
            "household_income",
            "家庭年收入（元）",
            "Annual household income (yuan)",
            "number",
            min=0,
            max=10000000,
        ),
    ],
    basis=[
        "《财政部 教育部 人力资源社会保障部 退役军人部 中央军委国防动员部关于印发〈学生资助资金管理办法〉的通知》（财教〔2021〕310号）"
    ],
    conditions=["在本区就读、家庭经济困难的学生"],
    legal=tl(30, "working_days"),
    promised=tl(20, "working_days"),
)
item(
    "teacher_cert",
    "教师资格认定",
    "Teacher qualification certification",
    "jw",
    itype="01",
    person=("employment", "schooling"),
    place="school",
    keywords=("教师资格证", "教资", "当老师"),
    materials=[
        m_id(),
        mat(
            "diploma",
            "学历证书",
            lic="学历证书",
            source="教育部门（学信网可核验的免提交）",
            omittable=True,
        ),
        mat("health_check", "指定医院出具的体检合格证明", form="原件"),
        m_photo(name="近期免冠正面1寸彩色照片"),
    ],
    extra_fields=[
        f_enum(
            "level",
            "认定类别",
            "Level",
            [
                ("kindergarten", "幼儿园", "Kindergarten"),
                ("primary", "小学", "Primary school"),
                ("junior", "初级中学", "Junior high school"),
            ],
        ),
        fld("subject", "任教学科", "Subject", max_length=30),
        fld("exam_no", "中小学教师资格考试合格证明编号", "Exam certificate number", max_length=30),
    ],
    basis=[
        "《中华人民共和国教师法》第十条、第十一条",
        "《教师资格条例》（国务院令第188号）第十三条",
    ],
    conditions=[
        "具有中华人民共和国国籍，遵守宪法和法律，热爱教育事业",
        "具备规定的学历，通过国家教师资格考试",
        "普通话水平达到二级乙等及以上",
    ],
    legal=tl(30, "calendar_days"),
    promised=tl(20, "working_days"),
)


# === 就业（employment）=============================================================================
EMP_REG = "《就业服务与就业管理规定》（劳动和社会保障部令第28号，2022年修订）"
item(
    "employment_reg",
    "就业登记",
    "Employment registration",
    "rsj",
    itype="20",
    person=("employment",),
    place="hall_2f",
    keywords=("就业登记", "上班登记", "入职登记", "找到工作"),
    materials=[
        m_id(),
        mat(
            "labor_contract",
            "劳动合同或用工证明（单位已办理用工备案的免提交）",
            required=False,
            omittable=True,
            form="复印件",
        ),
    ],
    extra_fields=[
        fld(
            "employer_name",
            "工作单位名称（单位就业的）",
            "Employer (if employed)",
            required=False,
            max_length=100,
        ),
        fld(
            "employer_credit_code",
            "工作单位统一社会信用代码（单位就业的）",
            "Employer's credit code",
            "credit_code",
            required=False,
        ),
        fld("start_date", "入职日期", "Start date", "date"),
        f_enum(
            "emp_type",
            "就业形式",
            "Type of employment",
            [
                ("unit", "单位就业", "Employed by a unit"),
                ("self", "个体经营", "Self-employed"),
                ("flex", "灵活就业", "Flexible employment"),
            ],
        ),
    ],
    basis=["《中华人民共和国就业促进法》", EMP_REG + "第六十二条"],
    conditions=["在法定劳动年龄内、与用人单位建立劳动关系或从事个体经营、灵活就业的劳动者"],
    legal=tl(5, "working_days"),
    promised=IMMEDIATE,
)
item(
    "unemployment_reg",
    "失业登记",
    "Unemployment registration",
    "rsj",
    itype="20",
    person=("employment",),
    place="street",
    keywords=("失业登记", "没工作了", "被辞退", "辞职登记", "失业"),
    materials=[
        m_id(),
        mat("termination", "解除或终止劳动关系证明", required=False, omittable=True),
    ],
    extra_fields=[
        F_LIVING,
        fld("last_employer", "原工作单位", "Last employer", required=False, max_length=100),
        fld("leave_date", "离职日期", "Date of leaving", "date", required=False),
    ],
    basis=["《中华人民共和国就业促进法》第四十二条", EMP_REG + "第六十三条"],
    conditions=[
        "在法定劳动年龄内、有劳动能力、有就业要求、处于无业状态的人员，可在常住地进行失业登记"
    ],
    legal=tl(5, "working_days"),
    promised=IMMEDIATE,
)
item(
    "unemployment_benefit",
    "失业保险金申领",
    "Unemployment insurance benefit",
    "rsj",
    itype="05",
    person=("employment", "social_insurance"),
    place="hall_2f",
    keywords=("失业金", "失业保险金", "领失业金", "失业补助", "失业保险"),
    materials=[
        m_id(),
        m_ssc(required=False, omittable=True),
        mat(
            "termination",
            "解除或终止劳动关系证明（用人单位已网上办理离职备案的可后补）",
            missing_days=15,
            source="原用人单位",
        ),
    ],
    extra_fields=[
        fld("last_employer", "原工作单位", "Last employer", max_length=100),
        fld("leave_date", "离职日期", "Date of leaving", "date"),
        f_enum(
            "leave_reason",
            "离职原因",
            "Reason for leaving",
            [
                ("contract_end", "劳动合同期满终止", "Contract ended"),
                ("dismissed", "用人单位解除", "Dismissed by employer"),
                ("bankrupt", "用人单位破产、关闭", "Employer closed"),
            ],
        ),
        F_BANK,
    ],
    basis=[
        SI_LAW + "第四十五条、第五十条",
        "《失业保险条例》（国务院令第258号）第十四条、第十六条",
        "《失业保险金申领发放办法》（人社部令第23号）",
    ],
    conditions=[
        "失业前用人单位和本人已缴纳失业保险费满一年",
        "非因本人意愿中断就业",
        "已进行失业登记并有求职要求",
    ],
    legal=tl(10, "working_days"),
    promised=tl(3, "working_days"),
    promise=commitment(
        "失业保险金申领",
        [
            "本人目前处于失业状态，领取失业保险金期间重新就业、应征服兵役、移居境外或享受基本养老保险待遇的，将及时告知经办机构并停止领取",
            "本人非因本人意愿中断就业",
        ],
        [
            "I am unemployed and will inform the agency and stop drawing the benefit if I find work, join the army, emigrate or draw a pension",
            "my employment ended against my will",
        ],
        material_ids=["termination"],
    ),
)
item(
    "cert_reissue",
    "职业资格证书补发",
    "Reissue of a vocational qualification certificate",
    "rsj",
    itype="20",
    person=("employment",),
    place="hall_2f",
    keywords=("职业资格证书丢了", "补证书", "技能证书补发", "上岗证"),
    materials=[m_id(), m_photo(name="近期免冠正面2寸彩色照片", required=False)],
    extra_fields=[
        fld("cert_name", "证书名称（职业/工种）", "Certificate (occupation)", max_length=60),
        fld("cert_no", "证书编号", "Certificate number", required=False, max_length=30),
        f_enum(
            "reason",
            "补发原因",
            "Reason",
            [("lost", "遗失", "Lost"), ("damaged", "损毁", "Damaged")],
        ),
    ],
    basis=[
        "《中华人民共和国劳动法》第六十九条",
        "《人力资源社会保障部关于改革完善技能人才评价制度的意见》（人社部发〔2019〕90号）",
    ],
    conditions=["原证书由本区人力资源社会保障部门核发，证书信息可在全国联网查询系统中核验"],
    legal=tl(20, "working_days"),
    promised=tl(10, "working_days"),
)
item(
    "flexible_enrol",
    "灵活就业人员参保登记",
    "Social insurance enrolment for flexible workers",
    "rsj",
    itype="20",
    person=("employment", "social_insurance"),
    place="hall_2f",
    keywords=("灵活就业", "个人交社保", "自由职业交社保", "自己交社保", "外卖骑手社保", "社保"),
    materials=[m_id(), m_ssc(required=False, omittable=True)],
    extra_fields=[
        F_LIVING,
        f_enum(
            "insurance",
            "参保险种",
            "Insurance",
            [
                ("pension", "养老保险", "Pension"),
                ("both", "养老保险和医疗保险", "Pension and medical"),
                ("all", "养老、医疗和失业保险", "Pension, medical and unemployment"),
            ],
        ),
        f_enum(
            "base_level",
            "缴费基数档次",
            "Contribution base",
            [("60", "60%", "60%"), ("100", "100%", "100%"), ("300", "300%", "300%")],
        ),
    ],
    basis=[
        SI_LAW + "第十条、第二十三条",
        "《人力资源社会保障部办公厅关于灵活就业人员在就业地参加基本养老保险有关问题的通知》",
    ],
    conditions=[
        "无雇工的个体工商户、未在用人单位参加社会保险的非全日制从业人员以及其他灵活就业人员",
        "在法定劳动年龄内",
    ],
    legal=tl(5, "working_days"),
    promised=IMMEDIATE,
)
item(
    "employment_card",
    "就业创业证申领",
    "Employment and entrepreneurship certificate",
    "rsj",
    itype="20",
    person=("employment",),
    place="street",
    keywords=("就业创业证", "失业证", "就业失业登记证", "创业证"),
    materials=[m_id(), m_photo(name="近期免冠1寸照片", required=False)],
    extra_fields=[F_LIVING, F_DELIVERY],
    basis=[
        "《人力资源社会保障部关于进一步完善就业失业登记管理办法的通知》（人社部发〔2014〕97号）"
    ],
    conditions=["已进行就业登记或失业登记的劳动者"],
    legal=tl(5, "working_days"),
    promised=IMMEDIATE,
)
item(
    "training_subsidy",
    "职业培训补贴申领",
    "Vocational training subsidy",
    "rsj",
    itype="05",
    person=("employment",),
    place="hall_2f",
    keywords=("培训补贴", "技能培训", "学技术补贴", "职业培训"),
    materials=[
        m_id(),
        mat("training_cert", "培训合格证书或职业技能等级证书", form="复印件"),
        mat("invoice", "培训费发票", form="复印件"),
    ],
    extra_fields=[
        fld("course", "培训项目（职业/工种）", "Training course", max_length=60),
        fld("amount", "培训费金额（元）", "Fee paid (yuan)", "number", min=0, max=100000),
        F_BANK,
    ],
    basis=[
        "《财政部 人力资源社会保障部关于印发〈就业补助资金管理办法〉的通知》（财社〔2017〕164号）"
    ],
    conditions=["参加培训并取得证书的登记失业人员、农村转移就业劳动者、毕业年度高校毕业生等"],
    legal=tl(30, "working_days"),
    promised=tl(20, "working_days"),
)
item(
    "startup_loan",
    "创业担保贷款申请",
    "Guaranteed business start-up loan",
    "rsj",
    itype="20",
    person=("employment",),
    place="hall_2f",
    keywords=("创业贷款", "创业担保贷款", "贴息贷款", "小额贷款"),
    materials=[
        m_id(),
        m_license(required=False),
        mat("business_plan", "创业项目计划书", medium="paper_or_electronic"),
    ],
    extra_fields=[
        fld(
            "loan_amount",
            "申请贷款金额（万元）",
            "Loan amount (10,000 yuan)",
            "number",
            min=0,
            max=30,
        ),
        fld("project", "创业项目简述", "Business plan summary", "textarea"),
    ],
    basis=[
        "《财政部 人力资源社会保障部 中国人民银行关于进一步做好创业担保贷款财政贴息工作的通知》（财金〔2020〕21号）"
    ],
    conditions=[
        "城镇登记失业人员、就业困难人员、返乡创业农民工、毕业5年内高校毕业生等自主创业的",
        "个人贷款额度最高30万元",
    ],
    legal=tl(20, "working_days"),
    promised=tl(15, "working_days"),
)
item(
    "labor_arbitration",
    "劳动人事争议仲裁申请",
    "Labour dispute arbitration",
    "rsj",
    itype="09",
    person=("employment",),
    place="hall_2f",
    keywords=("劳动仲裁", "拖欠工资", "讨薪", "劳动纠纷", "被开除赔偿"),
    materials=[
        m_id(),
        mat("claim", "仲裁申请书（可在自助终端填写生成）", medium="electronic", omittable=True),
        mat("evidence", "劳动关系及争议事项的证据材料", form="复印件", copies=1),
    ],
    extra_fields=[
        fld("respondent", "被申请人（用人单位）名称", "Respondent (employer)", max_length=100),
        fld("respondent_address", "被申请人地址", "Respondent's address", max_length=120),
        fld("claims", "仲裁请求", "Claims", "textarea", max_length=1000),
        fld("facts", "事实和理由", "Facts and reasons", "textarea", max_length=2000),
    ],
    basis=["《中华人民共和国劳动争议调解仲裁法》第二条、第二十八条、第二十九条"],
    conditions=["与用人单位发生劳动争议，自知道或应当知道权利被侵害之日起一年内申请"],
    legal=tl(5, "working_days", "收到仲裁申请之日起5日内决定是否受理"),
    promised=tl(5, "working_days"),
)


# === 住房（housing）===============================================================================
item(
    "gjj_rent",
    "住房公积金提取（租房）",
    "Housing provident fund withdrawal for rent",
    "gjj",
    itype="20",
    group="gjj_withdraw",
    person=("housing",),
    frequent=True,
    place="gjj",
    keywords=("公积金", "提公积金", "租房提取", "公积金提取", "取公积金", "房租"),
    materials=[
        m_id(),
        mat(
            "lease",
            "房屋租赁合同（在本市住房租赁监管平台备案的免提交）",
            required=False,
            omittable=True,
            form="复印件",
        ),
    ],
    extra_fields=[
        fld(
            "gjj_account",
            "个人公积金账号",
            "Provident fund account",
            max_length=20,
            required=False,
            format="digits",
        ),
        fld("rent_monthly", "月租金（元）", "Monthly rent (yuan)", "number", min=0, max=100000),
        F_BANK,
    ],
    basis=[
        GJJ_REG + "第二十四条",
        "《北京住房公积金管理中心关于租房提取住房公积金有关问题的通知》",
    ],
    conditions=["职工连续足额缴存住房公积金满3个月", "本人及配偶在本市无自有住房且租房自住"],
    legal=tl(
        3, "working_days", "《住房公积金管理条例》第二十五条：3日内作出准予提取或者不准提取的决定"
    ),
    promised=IMMEDIATE,
)
item(
    "gjj_purchase",
    "住房公积金提取（购房）",
    "Housing provident fund withdrawal for a home purchase",
    "gjj",
    itype="20",
    group="gjj_withdraw",
    person=("housing",),
    place="gjj",
    keywords=("公积金", "买房提公积金", "购房提取", "公积金提取", "首付"),
    materials=[
        m_id(),
        mat("property_cert", "不动产权证书或购房合同", lic="不动产权证书", source="不动产登记机构"),
        mat("purchase_invoice", "购房发票", required=False, omittable=True, form="复印件"),
    ],
    extra_fields=[
        fld("property_address", "房屋坐落", "Property address", max_length=120),
        fld("amount", "提取金额（元）", "Amount (yuan)", "number", min=0, max=10000000),
        F_BANK,
    ],
    basis=[GJJ_REG + "第二十四条"],
    conditions=["购买、建造、翻建、大修自住住房的缴存职工"],
    legal=tl(3, "working_days"),
    promised=tl(1, "working_days"),
)
item(
    "gjj_retire",
    "住房公积金提取（离休、退休）",
    "Housing provident fund withdrawal on retirement",
    "gjj",
    itype="20",
    group="gjj_withdraw",
    person=("housing", "pension"),
    place="gjj",
    keywords=("退休提公积金", "公积金销户", "退休", "公积金"),
    materials=[
        m_id(),
        mat(
            "retire_proof",
            "离休、退休证明（可通过人社系统核验的免提交）",
            required=False,
            omittable=True,
        ),
    ],
    extra_fields=[fld("retire_date", "退休日期", "Retirement date", "date"), F_BANK],
    basis=[GJJ_REG + "第二十四条"],
    conditions=["职工离休、退休的，可提取本人住房公积金账户余额并销户"],
    legal=tl(3, "working_days"),
    promised=IMMEDIATE,
)
item(
    "gjj_loan",
    "住房公积金个人住房贷款",
    "Housing provident fund mortgage loan",
    "gjj",
    itype="20",
    person=("housing",),
    place="gjj",
    visits=1,
    keywords=("公积金贷款", "买房贷款", "房贷", "组合贷"),
    materials=[
        m_id("借款人及配偶"),
        mat(
            "marriage_cert", "结婚证（已婚的）", required=False, lic="结婚证", source="婚姻登记机关"
        ),
        mat("purchase_contract", "购房合同", form="原件和复印件"),
        mat("income_proof", "收入证明", required=False, missing_days=10),
        mat("down_payment", "首付款证明", form="复印件"),
    ],
    extra_fields=[
        fld("property_address", "房屋坐落", "Property address", max_length=120),
        fld(
            "loan_amount",
            "申请贷款金额（万元）",
            "Loan amount (10,000 yuan)",
            "number",
            min=1,
            max=120,
        ),
        fld("loan_years", "贷款年限（年）", "Term (years)", "number", min=1, max=30),
    ],
    basis=[GJJ_REG + "第二十六条"],
    conditions=[
        "连续足额缴存住房公积金满6个月",
        "购买自住住房",
        "具有较稳定的经济收入和偿还贷款能力",
    ],
    legal=tl(
        15, "working_days", "《住房公积金管理条例》第二十六条：15日内作出准予贷款或者不准贷款的决定"
    ),
    promised=tl(10, "working_days"),
)
item(
    "realestate_query",
    "不动产登记资料查询",
    "Search of real estate registration records",
    "ghzr",
    itype="20",
    person=("housing",),
    place="realestate",
    keywords=("房产查询", "查房产", "不动产查询", "名下有几套房", "无房证明", "房产证明"),
    materials=[
        m_id(),
        mat(
            "interest_proof",
            "利害关系人查询的，提交存在利害关系的证明材料",
            required=False,
            form="复印件",
        ),
    ],
    extra_fields=[
        f_enum(
            "query_type",
            "查询类型",
            "Search type",
            [
                ("own", "查询本人名下不动产", "Property in my name"),
                ("address", "按坐落查询（权利人）", "By address (holder)"),
                ("none", "无房证明", "No-property certificate"),
            ],
        ),
        fld(
            "property_address",
            "不动产坐落（按坐落查询时填写）",
            "Property address",
            required=False,
            max_length=120,
        ),
    ],
    basis=[
        "《不动产登记暂行条例》（国务院令第656号）第二十七条",
        "《不动产登记资料查询暂行办法》（国土资源部令第80号）",
    ],
    conditions=[
        "权利人可以查询、复制其不动产登记资料",
        "利害关系人可以查询不动产自然状况、权利人及其不动产查封、抵押等状况",
    ],
    legal=tl(5, "working_days"),
    promised=IMMEDIATE,
)
item(
    "realestate_transfer",
    "不动产转移登记（存量房买卖）",
    "Real estate transfer registration (resale)",
    "ghzr",
    itype="07",
    person=("housing",),
    place="realestate",
    visits=1,
    keywords=("过户", "二手房过户", "房产证", "买房", "卖房", "房本"),
    materials=[
        m_id("买卖双方"),
        mat("property_cert", "不动产权证书", lic="不动产权证书", source="不动产登记机构"),
        mat("sale_contract", "存量房买卖合同（网签）", omittable=True, medium="electronic"),
        mat("tax_proof", "完税凭证（税务部门推送的免提交）", omittable=True, source="税务部门"),
        mat(
            "marriage_cert", "结婚证（共有的）", required=False, lic="结婚证", source="婚姻登记机关"
        ),
    ],
    extra_fields=[
        fld("buyer_name", "买受人姓名", "Buyer", max_length=50),
        fld("buyer_id", "买受人公民身份号码", "Buyer's ID number", "citizen_id"),
        fld("property_address", "不动产坐落", "Property address", max_length=120),
        fld("price", "成交价格（万元）", "Price (10,000 yuan)", "number", min=0, max=100000),
    ],
    basis=[
        "《中华人民共和国民法典》第二百零九条",
        "《不动产登记暂行条例》第十四条、第二十条",
        "《不动产登记暂行条例实施细则》第三十八条",
    ],
    conditions=["买卖双方共同申请", "不动产未被查封，抵押已解除或经抵押权人同意"],
    legal=tl(30, "working_days"),
    promised=tl(5, "working_days"),
    fees=[
        fee(
            "不动产登记费（住宅）",
            80,
            "《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）",
        )
    ],
)
item(
    "public_rental",
    "公共租赁住房申请",
    "Public rental housing application",
    "zjw",
    itype="05",
    person=("housing",),
    place="housing",
    keywords=("公租房", "申请公租房", "廉租房", "保障房", "租房补贴"),
    materials=[
        m_id("申请人及家庭成员"),
        m_hukou(),
        mat(
            "income_statement",
            "家庭收入、财产情况申报（告知承诺）",
            medium="electronic",
            omittable=True,
        ),
        mat(
            "housing_status",
            "现住房情况证明（可通过不动产系统核验的免提交）",
            omittable=True,
            required=False,
        ),
    ],
    extra_fields=[
        fld("family_size", "家庭人口数", "Household size", "number", min=1, max=20),
        fld(
            "annual_income",
            "家庭上年人均收入（元）",
            "Per-capita income last year (yuan)",
            "number",
            min=0,
            max=10000000,
        ),
        F_LIVING,
    ],
    basis=[
        "《公共租赁住房管理办法》（住房和城乡建设部令第11号）第七条",
        "《北京市公共租赁住房申请、审核及配租管理办法》",
    ],
    conditions=[
        "本区户籍或符合条件的非本市户籍家庭",
        "家庭收入、住房、财产符合本市公共租赁住房保障标准",
    ],
    legal=tl(45, "working_days", "含街道初审、区住房保障部门复核及公示"),
    promised=tl(30, "working_days"),
    promise=commitment(
        "公共租赁住房申请",
        [
            "本人家庭人口、收入、住房和财产情况申报真实，在本市无自有住房或人均住房面积低于规定标准",
            "本人同意住房保障部门依法核查本人及家庭成员的收入、财产和住房情况，情况变化时在30日内主动申报",
        ],
        [
            "my household's size, income, housing and assets are declared truthfully and we own no home in the city or less than the standard area",
            "I consent to the authority verifying our income, assets and housing and will report any change within 30 days",
        ],
        material_ids=["income_statement", "housing_status"],
    ),
)
item(
    "rent_subsidy",
    "住房租赁补贴申请",
    "Rental housing subsidy",
    "zjw",
    itype="05",
    person=("housing",),
    place="housing",
    keywords=("租房补贴", "租金补贴", "市场租房补贴", "住房补贴"),
    materials=[
        m_id(),
        mat(
            "lease", "房屋租赁合同（已备案的免提交）", omittable=True, required=False, form="复印件"
        ),
    ],
    extra_fields=[
        fld("rent_monthly", "月租金（元）", "Monthly rent (yuan)", "number", min=0, max=100000),
        fld("family_size", "家庭人口数", "Household size", "number", min=1, max=20),
        F_BANK,
    ],
    basis=["《北京市市场租房补贴申请、审核及发放管理办法》"],
    conditions=["已取得公共租赁住房备案资格、在市场租赁住房的家庭"],
    legal=tl(30, "working_days"),
    promised=tl(20, "working_days"),
    promise=commitment(
        "住房租赁补贴申请",
        [
            "本人家庭在本市无自有住房，所申报的租赁关系真实存在",
            "享受补贴期间不将租赁住房转租、转借",
        ],
        [
            "my household owns no home in the city and the declared tenancy is real",
            "while receiving the subsidy we will not sublet or lend the rented home",
        ],
        material_ids=["lease"],
    ),
)
item(
    "lease_filing",
    "房屋租赁登记备案",
    "Registration of a residential lease",
    "zjw",
    itype="21",
    person=("housing",),
    place="housing",
    keywords=("租房备案", "租赁合同备案", "房屋出租登记"),
    materials=[
        m_id("出租人和承租人"),
        mat("lease", "房屋租赁合同", form="原件"),
        mat("property_cert", "不动产权证书", lic="不动产权证书", source="不动产登记机构"),
    ],
    extra_fields=[
        fld("property_address", "房屋坐落", "Property address", max_length=120),
        fld("lease_start", "租赁起始日", "Lease start", "date"),
        fld("lease_end", "租赁终止日", "Lease end", "date"),
        fld("rent_monthly", "月租金（元）", "Monthly rent (yuan)", "number", min=0, max=1000000),
    ],
    basis=["《商品房屋租赁管理办法》（住房和城乡建设部令第6号）第十四条"],
    conditions=["房屋租赁合同订立后30日内办理"],
    legal=tl(3, "working_days"),
    promised=IMMEDIATE,
)


# === 社保（social_insurance）======================================================================
SSC_REG = "《社会保障卡管理办法》（人社部发〔2023〕31号）"
SSC_KW = ("社保卡", "社会保障卡", "医保卡", "电子社保卡", "办社保卡")
item(
    "ssc_apply",
    "社会保障卡申领",
    "Social security card application",
    "rsj",
    itype="20",
    group="ssc",
    person=("social_insurance",),
    frequent=True,
    place="hall_2f",
    keywords=SSC_KW + ("第三代社保卡", "新生儿社保卡", "首次办社保卡"),
    materials=[
        m_id(),
        mat(
            "photo_ssc",
            "社会保障卡数字相片（可在自助终端现场拍摄）",
            required=False,
            source="现场采集",
            medium="electronic",
        ),
    ],
    extra_fields=[
        F_GENDER,
        F_ETHNIC,
        F_LIVING,
        f_enum(
            "bank",
            "金融账户开户银行",
            "Issuing bank",
            [
                ("icbc", "中国工商银行", "ICBC"),
                ("ccb", "中国建设银行", "CCB"),
                ("boc", "中国银行", "Bank of China"),
                ("abc", "中国农业银行", "ABC"),
                ("bob", "北京银行", "Bank of Beijing"),
            ],
        ),
        F_DELIVERY,
    ],
    basis=[SI_LAW + "第五十八条", SSC_REG],
    conditions=["已参加本市社会保险或已登记的人员", "未满16周岁的由监护人代为申领"],
    legal=tl(20, "working_days"),
    promised=tl(10, "working_days", "即时制卡网点可当场领取"),
)
item(
    "ssc_replace",
    "社会保障卡补换",
    "Replacement of a social security card",
    "rsj",
    itype="20",
    group="ssc",
    person=("social_insurance",),
    frequent=True,
    place="hall_2f",
    keywords=SSC_KW + ("社保卡丢了", "补社保卡", "换社保卡", "社保卡坏了", "社保卡消磁"),
    materials=[
        m_id(),
        mat(
            "old_card",
            "换卡的，交回原社会保障卡",
            required=False,
            lic="社会保障卡",
            source="人力资源社会保障部门",
        ),
    ],
    extra_fields=[
        f_enum(
            "reason",
            "补换原因",
            "Reason",
            [
                ("lost", "丢失（补卡）", "Lost"),
                ("damaged", "损坏（换卡）", "Damaged"),
                ("info", "信息变更", "Data changed"),
            ],
        ),
        F_DELIVERY,
    ],
    basis=[SSC_REG + "第二十一条"],
    conditions=["社会保障卡丢失的须先办理正式挂失", "损坏、信息变更的换领新卡"],
    legal=tl(20, "working_days"),
    promised=IMMEDIATE,
    case_type="即办件",
    fees=[],
)
item(
    "ssc_report_loss",
    "社会保障卡挂失与解挂",
    "Reporting a social security card lost / cancelling the report",
    "rsj",
    itype="20",
    group="ssc",
    person=("social_insurance",),
    place="hall_2f",
    keywords=SSC_KW + ("社保卡挂失", "医保卡丢了", "挂失"),
    materials=[m_id()],
    extra_fields=[
        f_enum(
            "action",
            "办理类型",
            "Action",
            [
                ("temp", "临时挂失", "Temporary report"),
                ("formal", "正式挂失", "Formal report"),
                ("cancel", "解除挂失", "Cancel report"),
            ],
        )
    ],
    basis=[SSC_REG],
    conditions=["社会保障卡持卡人本人"],
    legal=IMMEDIATE,
    promised=IMMEDIATE,
    handling=("window", "online", "kiosk"),
)
item(
    "pension_transfer",
    "养老保险关系转移接续",
    "Transfer of pension insurance records between places",
    "rsj",
    itype="20",
    person=("pension", "social_insurance"),
    place="hall_2f",
    keywords=("社保转移", "养老保险转移", "社保转回老家", "换城市社保", "转社保"),
    materials=[
        m_id(),
        mat(
            "transfer_form",
            "基本养老保险参保缴费凭证（转出地出具，系统间传递的免提交）",
            required=False,
            omittable=True,
        ),
    ],
    extra_fields=[
        fld("from_place", "转出地（省市）", "Transferring from", max_length=40),
        fld("to_place", "转入地（省市）", "Transferring to", max_length=40),
        f_enum(
            "scheme",
            "转移类型",
            "Type",
            [
                ("employee", "企业职工养老保险跨省转移", "Employee pension, inter-provincial"),
                (
                    "urban_rural",
                    "城乡居民养老保险转入职工养老保险",
                    "Resident scheme into employee scheme",
                ),
            ],
        ),
    ],
    basis=[
        SI_LAW + "第十九条",
        "《城镇企业职工基本养老保险关系转移接续暂行办法》（国办发〔2009〕66号）",
        "《城乡养老保险制度衔接暂行办法》（人社部发〔2014〕17号）",
    ],
    conditions=["参保人员跨统筹地区就业，已在新就业地参保"],
    legal=tl(45, "working_days", "转入地受理后15个工作日内发联系函，转出地15个工作日内办理转出"),
    promised=tl(30, "working_days"),
)
item(
    "si_record_print",
    "社会保险个人权益记录查询打印（参保证明）",
    "Printout of personal social insurance records",
    "rsj",
    itype="20",
    person=("social_insurance",),
    frequent=True,
    place="hall_2f",
    keywords=("社保证明", "社保缴费证明", "参保证明", "打印社保记录", "社保缴费记录", "社保查询"),
    materials=[m_id()],
    extra_fields=[
        f_enum(
            "record",
            "打印内容",
            "Record",
            [
                ("proof", "参保缴费证明", "Contribution certificate"),
                ("detail", "缴费明细", "Contribution details"),
                ("pension_acc", "养老保险个人账户对账单", "Pension account statement"),
            ],
        ),
        fld("from_month", "起始年月", "From (month)", "date", required=False),
        fld("to_month", "截止年月", "To (month)", "date", required=False),
    ],
    basis=[SI_LAW + "第七十四条", "《社会保险个人权益记录管理办法》（人社部令第14号）第十五条"],
    conditions=["参保人员本人查询打印本人社会保险个人权益记录"],
    legal=IMMEDIATE,
    promised=IMMEDIATE,
    instant=result_doc(
        "social_insurance_record",
        "社会保险参保证明",
        "Social insurance enrolment certificate",
        fits_receipt=True,
    ),
)
item(
    "injury_recognition",
    "工伤认定申请",
    "Work injury recognition",
    "rsj",
    itype="07",
    person=("social_insurance", "employment"),
    place="hall_2f",
    keywords=("工伤", "工伤认定", "上班受伤", "工伤赔偿"),
    materials=[
        m_id("受伤职工"),
        mat("labor_relation", "劳动关系证明（劳动合同等）", form="复印件"),
        mat("diagnosis", "医疗机构出具的受伤后诊断证明书", form="原件"),
        mat("injury_report", "工伤认定申请表", medium="electronic", omittable=True),
    ],
    extra_fields=[
        F_EMPLOYER,
        F_EMPLOYER_CODE,
        fld("injury_date", "受伤日期", "Date of injury", "date"),
        fld("injury_desc", "事故经过", "What happened", "textarea", max_length=1000),
    ],
    basis=["《工伤保险条例》（国务院令第586号）第十四条、第十七条、第十八条、第二十条"],
    conditions=[
        "职工发生事故伤害或被诊断为职业病的，用人单位应在30日内提出；用人单位未提出的，职工或其近亲属可在1年内提出"
    ],
    legal=tl(60, "calendar_days"),
    promised=tl(40, "working_days"),
)
item(
    "unit_si_reg",
    "单位社会保险登记",
    "Employer social insurance registration",
    "rsj",
    itype="20",
    group="unit_si",
    enterprise=("opening",),
    place="hall_2f",
    objects=("企业法人", "非法人企业", "事业法人", "社会组织法人"),
    keywords=("单位参保", "企业社保开户", "社保登记", "公司交社保"),
    materials=[
        m_license(omittable=True),
        mat("bank_account", "单位银行基本存款账户信息", medium="electronic"),
    ],
    extra_fields=[
        fld("bank_name", "开户银行", "Bank", max_length=60),
        fld("bank_account_no", "银行账号", "Bank account number", max_length=30, format="digits"),
        fld("staff_count", "参保职工人数", "Number of employees", "number", min=0, max=100000),
    ],
    basis=[SI_LAW + "第五十七条", "《社会保险费申报缴纳管理规定》（人社部令第20号）"],
    conditions=[
        "用人单位自成立之日起30日内办理社会保险登记；市场监管部门已推送设立信息的，随企业开办同步办理"
    ],
    legal=tl(15, "calendar_days"),
    promised=IMMEDIATE,
)
item(
    "unit_si_cancel",
    "单位社会保险登记注销",
    "Cancellation of employer social insurance registration",
    "rsj",
    itype="20",
    group="unit_si",
    enterprise=("closing",),
    place="hall_2f",
    objects=("企业法人", "非法人企业"),
    keywords=("社保注销", "单位社保销户", "公司注销社保", "社保登记注销"),
    materials=[
        mat(
            "cancel_reason",
            "注销原因相关证明（已在市场监管部门办理注销的免提交）",
            omittable=True,
            required=False,
        )
    ],
    extra_fields=[
        f_enum(
            "reason",
            "注销原因",
            "Reason",
            [
                ("dissolved", "企业解散", "Dissolved"),
                ("revoked", "被吊销营业执照", "Licence revoked"),
                ("merged", "合并、分立", "Merged or split"),
            ],
        )
    ],
    basis=[SI_LAW + "第五十七条"],
    conditions=["用人单位终止，且已结清应缴社会保险费、滞纳金、罚款"],
    legal=tl(15, "calendar_days"),
    promised=IMMEDIATE,
)


# === 医保（medical_insurance）=====================================================================
MED_NOTE = (
    "《国家医疗保障局关于印发〈全国医疗保障经办政务服务事项清单〉的通知》（医保发〔2020〕18号）"
)
item(
    "medins_enrol",
    "城乡居民基本医疗保险参保登记",
    "Enrolment in resident basic medical insurance",
    "ybj",
    itype="20",
    person=("medical_insurance",),
    place="street",
    keywords=("医保", "城乡居民医保", "一老一小医保", "参加医保", "居民医保", "交医保"),
    materials=[
        m_id(),
        m_hukou(required=False, omittable=True),
        mat(
            "residence_permit",
            "非本市户籍的，提交居住证",
            required=False,
            lic="居住证",
            source="公安机关",
        ),
    ],
    extra_fields=[
        f_enum(
            "category",
            "参保人员类别",
            "Category",
            [
                ("child", "学生儿童", "Student or child"),
                ("elder", "老年人", "Senior"),
                ("adult", "劳动年龄内居民", "Working-age resident"),
            ],
        ),
        F_LIVING,
    ],
    basis=[SI_LAW + "第二十五条", MED_NOTE],
    conditions=["未参加职工基本医疗保险的本市户籍居民或符合条件的非本市户籍人员"],
    legal=tl(10, "working_days"),
    promised=IMMEDIATE,
)
item(
    "medins_remote",
    "医保异地就医备案",
    "Registration for medical treatment in another province",
    "ybj",
    itype="20",
    person=("medical_insurance",),
    frequent=True,
    place="hall_2f",
    keywords=("异地就医", "异地备案", "外地看病", "跨省就医", "医保报销", "异地医保"),
    materials=[
        m_id(),
        mat(
            "remote_proof",
            "异地长期居住或工作的，提交告知承诺书（在自助终端签署）",
            required=False,
            medium="electronic",
            omittable=True,
        ),
    ],
    extra_fields=[
        f_enum(
            "remote_type",
            "备案类型",
            "Type",
            [
                ("resident", "异地长期居住", "Long-term residence elsewhere"),
                ("worker", "常驻异地工作", "Working elsewhere"),
                ("referral", "转诊就医", "Referral"),
                ("temp", "临时外出就医", "Temporary treatment"),
            ],
        ),
        fld("province", "就医地（省、市）", "Place of treatment", max_length=40),
        fld("start_date", "备案开始日期", "Start date", "date"),
    ],
    basis=[
        "《国家医疗保障局 财政部关于进一步做好基本医疗保险跨省异地就医直接结算工作的通知》（医保发〔2022〕22号）"
    ],
    conditions=["参加本市基本医疗保险的人员需跨省异地就医直接结算的"],
    legal=tl(5, "working_days"),
    promised=IMMEDIATE,
    promise=commitment(
        "医保异地就医备案",
        [
            "本人确在所填报的就医地长期居住或工作，备案信息真实",
            "本人知晓备案有效期内在参保地就医的报销规定",
        ],
        [
            "I really live or work long-term at the place declared and the registration data are true",
            "I understand the reimbursement rules for treatment at home while the registration is valid",
        ],
        material_ids=["remote_proof"],
    ),
)
item(
    "chronic_disease",
    "门诊慢特病待遇认定",
    "Recognition of outpatient chronic and special diseases",
    "ybj",
    itype="07",
    person=("medical_insurance",),
    place="hall_2f",
    keywords=("慢病", "慢特病", "门特", "特殊病", "慢性病报销", "透析", "糖尿病报销"),
    materials=[
        m_id(),
        mat(
            "diagnosis",
            "二级及以上定点医疗机构出具的诊断证明及相关检查报告",
            form="复印件",
            missing_days=10,
        ),
    ],
    extra_fields=[
        f_enum(
            "disease",
            "病种",
            "Disease",
            [
                ("diabetes", "糖尿病", "Diabetes"),
                ("hypertension", "高血压", "Hypertension"),
                ("uremia", "尿毒症透析", "Dialysis"),
                ("cancer", "恶性肿瘤门诊治疗", "Cancer outpatient"),
                ("transplant", "器官移植抗排异治疗", "Anti-rejection therapy"),
            ],
        ),
        fld("hospital", "定点医疗机构", "Designated hospital", max_length=100),
    ],
    basis=[
        "《国务院办公厅关于建立健全职工基本医疗保险门诊共济保障机制的指导意见》（国办发〔2021〕14号）",
        MED_NOTE,
    ],
    conditions=["参保人员患有本市规定的门诊慢特病病种，经定点医疗机构确诊"],
    legal=tl(20, "working_days"),
    promised=tl(10, "working_days"),
)
item(
    "medins_transfer",
    "基本医疗保险关系转移接续",
    "Transfer of basic medical insurance records",
    "ybj",
    itype="20",
    person=("medical_insurance",),
    place="hall_2f",
    keywords=("医保转移", "医保转出", "医保转入", "换工作医保"),
    materials=[
        m_id(),
        mat("medins_proof", "参保凭证（系统间传递的免提交）", required=False, omittable=True),
    ],
    extra_fields=[
        fld("from_place", "转出地", "Transferring from", max_length=40),
        fld("to_place", "转入地", "Transferring to", max_length=40),
    ],
    basis=["《流动就业人员基本医疗保障关系转移接续暂行办法》（人社部发〔2009〕191号）"],
    conditions=["参保人员跨统筹地区流动就业"],
    legal=tl(45, "working_days"),
    promised=tl(15, "working_days"),
)
item(
    "medical_reimburse",
    "医疗费用手工（零星）报销",
    "Manual reimbursement of medical expenses",
    "ybj",
    itype="05",
    person=("medical_insurance",),
    place="hall_2f",
    keywords=("医疗报销", "看病报销", "医药费报销", "零星报销", "医保报销"),
    materials=[
        m_id(),
        mat("invoices", "医疗收费票据（电子票据免提交）", form="原件"),
        mat("details", "费用明细清单", form="原件"),
        mat("diagnosis", "诊断证明或出院小结", form="复印件"),
    ],
    extra_fields=[
        fld("hospital", "就诊医疗机构", "Hospital", max_length=100),
        fld("total_amount", "票据金额合计（元）", "Total (yuan)", "number", min=0, max=10000000),
        F_BANK,
    ],
    basis=[SI_LAW + "第二十八条、第二十九条", MED_NOTE],
    conditions=["参保人员因急诊、未备案异地就医等原因未能直接结算的合规医疗费用"],
    legal=tl(30, "working_days"),
    promised=tl(20, "working_days"),
)
item(
    "medins_proof_print",
    "医保个人参保凭证打印",
    "Printout of medical insurance enrolment certificate",
    "ybj",
    itype="20",
    person=("medical_insurance",),
    place="hall_2f",
    keywords=("医保证明", "医保参保证明", "医保凭证", "医保缴费记录"),
    materials=[m_id()],
    extra_fields=[fld("purpose", "用途", "Purpose", required=False, max_length=100)],
    basis=[MED_NOTE],
    conditions=["参保人员本人"],
    legal=IMMEDIATE,
    promised=IMMEDIATE,
    instant=result_doc(
        "medical_insurance_record",
        "医疗保险参保凭证",
        "Medical insurance enrolment certificate",
        fits_receipt=True,
    ),
)


# === 养老（pension）===============================================================================
item(
    "resident_pension_enrol",
    "城乡居民基本养老保险参保登记",
    "Enrolment in the urban-rural resident pension scheme",
    "rsj",
    itype="20",
    group="resident_pension",
    person=("pension",),
    place="street",
    keywords=("城乡居民养老保险", "居民养老", "农村养老保险", "交养老保险", "新农保"),
    materials=[m_id(), m_hukou(required=False, omittable=True)],
    extra_fields=[
        F_ADDR,
        f_enum(
            "grade",
            "缴费档次（元/年）",
            "Contribution grade (yuan/year)",
            [
                ("1000", "1000", "1000"),
                ("2000", "2000", "2000"),
                ("4000", "4000", "4000"),
                ("6000", "6000", "6000"),
                ("9000", "9000", "9000"),
            ],
        ),
        F_BANK,
    ],
    basis=[
        SI_LAW + "第二十条、第二十一条",
        "《国务院关于建立统一的城乡居民基本养老保险制度的意见》（国发〔2014〕8号）",
    ],
    conditions=[
        "年满16周岁（不含在校学生）、非国家机关和事业单位工作人员、不属于职工基本养老保险覆盖范围的本市户籍居民"
    ],
    legal=tl(10, "working_days"),
    promised=IMMEDIATE,
)
item(
    "resident_pension_claim",
    "城乡居民基本养老保险待遇领取",
    "Claiming the urban-rural resident pension",
    "rsj",
    itype="05",
    group="resident_pension",
    person=("pension",),
    place="street",
    keywords=("领养老金", "居民养老金", "60岁领养老金", "农村养老金", "养老金"),
    materials=[m_id(), m_ssc(required=False, omittable=True)],
    extra_fields=[F_BANK],
    basis=[
        "《国务院关于建立统一的城乡居民基本养老保险制度的意见》（国发〔2014〕8号）",
        "《城乡居民基本养老保险经办规程》（人社部发〔2019〕84号）",
    ],
    conditions=["年满60周岁、累计缴费满15年，且未领取国家规定的基本养老保障待遇的参保人"],
    legal=tl(20, "working_days"),
    promised=tl(10, "working_days"),
    promise=commitment(
        "城乡居民基本养老保险待遇领取",
        [
            "本人未领取其他国家规定的基本养老保险待遇，不存在重复领取的情形",
            "本人死亡或服刑时，家属将及时告知经办机构，停发待遇并退还多领取的金额",
        ],
        [
            "I do not draw any other statutory basic pension and will not draw benefits twice",
            "if I die or am imprisoned my family will inform the agency promptly and repay any overpayment",
        ],
    ),
)
item(
    "employee_pension",
    "职工基本养老金申领（退休申请）",
    "Claiming the employee basic pension (retirement)",
    "rsj",
    itype="05",
    person=("pension", "social_insurance"),
    frequent=True,
    place="hall_2f",
    keywords=("退休", "办退休", "退休手续", "领退休金", "养老金", "退休工资"),
    materials=[
        m_id(),
        mat("archive", "本人人事档案（存档机构调取，免提交）", omittable=True, source="存档机构"),
        m_ssc(required=False, omittable=True),
    ],
    extra_fields=[
        F_EMPLOYER,
        F_EMPLOYER_CODE,
        fld("retire_date", "退休日期", "Retirement date", "date"),
        f_enum(
            "retire_type",
            "退休类型",
            "Type",
            [
                ("normal", "达到法定退休年龄", "Statutory retirement age"),
                ("flexible", "弹性提前退休", "Flexible early retirement"),
                ("special", "特殊工种提前退休", "Special occupation"),
            ],
        ),
        F_BANK,
    ],
    basis=[
        SI_LAW + "第十六条",
        "《全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定》（2024年）",
    ],
    conditions=["达到法定退休年龄（或符合弹性退休条件）", "累计缴费满最低缴费年限"],
    legal=tl(30, "working_days"),
    promised=tl(15, "working_days"),
)
item(
    "elder_allowance",
    "高龄津贴申领",
    "Old-age allowance for people aged 80 and over",
    "mzj",
    itype="05",
    person=("pension",),
    place="street",
    keywords=("高龄补贴", "高龄津贴", "老人补贴", "80岁补贴", "养老补助", "老年人津贴"),
    materials=[m_id(), m_ssc(required=False, omittable=True)],
    extra_fields=[F_BIRTH, F_ADDR, F_BANK],
    basis=[
        "《中华人民共和国老年人权益保障法》第三十三条",
        "《北京市老年人养老服务补贴津贴管理实施办法》（京民养老发〔2019〕172号）",
    ],
    conditions=["具有本市户籍、年满80周岁的老年人"],
    legal=tl(20, "working_days"),
    promised=tl(10, "working_days"),
    promise=commitment(
        "高龄津贴申领",
        [
            "本人户籍在本市，未因服刑等原因暂停享受老年人津贴",
            "本人死亡、户籍迁出本市时，家属将在30日内告知街道（乡镇）停发津贴",
        ],
        [
            "my household registration is in the city and my allowance is not suspended, e.g. for imprisonment",
            "if I die or move my registration away, my family will inform the sub-district office within 30 days",
        ],
    ),
)
item(
    "elder_service_subsidy",
    "经济困难老年人养老服务补贴申领",
    "Elderly care subsidy for low-income seniors",
    "mzj",
    itype="05",
    person=("pension",),
    place="street",
    keywords=("养老服务补贴", "困难老人补贴", "失能老人补贴", "护理补贴"),
    materials=[
        m_id(),
        mat(
            "hardship_proof",
            "低保、特困等困难证明（民政系统可核验的免提交）",
            omittable=True,
            required=False,
        ),
        mat("ability_assess", "老年人能力综合评估结果", required=False, omittable=True),
    ],
    extra_fields=[F_ADDR, F_BANK],
    basis=["《北京市老年人养老服务补贴津贴管理实施办法》"],
    conditions=["本市户籍，属于低保、低收入或特困供养的老年人，或经评估为失能、重度失能的老年人"],
    legal=tl(20, "working_days"),
    promised=tl(15, "working_days"),
)
item(
    "elder_card",
    "老年人优待卡（北京通-养老助残卡）办理",
    "Senior citizen concession card",
    "mzj",
    itype="20",
    person=("pension",),
    place="street",
    keywords=("老年卡", "养老助残卡", "老年优待证", "坐公交免费", "敬老卡"),
    materials=[m_id(), m_photo(name="近期免冠彩色照片（可现场拍摄）", required=False)],
    extra_fields=[F_BIRTH, F_ADDR, F_DELIVERY],
    basis=["《中华人民共和国老年人权益保障法》第五十七条", "《北京市老年人优待办法》"],
    conditions=["年满60周岁的本市户籍老年人，或持本市居住证的外埠老年人"],
    legal=tl(30, "working_days"),
    promised=tl(20, "working_days"),
)


# === 残疾人（disability）==========================================================================
DISAB_LAW = "《中华人民共和国残疾人保障法》"
TWO_SUBSIDY = (
    "《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》（国发〔2015〕52号）"
)
item(
    "disability_card",
    "残疾人证新办",
    "First issue of a disability certificate",
    "cl",
    itype="07",
    group="disab_card",
    person=("disability",),
    frequent=False,
    place="disabled",
    visits=1,
    keywords=("残疾证", "残疾人证", "办残疾证", "评残", "残疾评定"),
    materials=[
        m_id(),
        m_hukou(required=False, omittable=True),
        m_photo(name="近期免冠2寸彩色照片3张", copies=3),
        mat(
            "assessment", "指定医疗机构出具的《残疾评定表》", source="残疾评定机构", missing_days=15
        ),
    ],
    extra_fields=[
        f_enum(
            "category",
            "残疾类别",
            "Category",
            [
                ("vision", "视力残疾", "Visual"),
                ("hearing", "听力残疾", "Hearing"),
                ("speech", "言语残疾", "Speech"),
                ("physical", "肢体残疾", "Physical"),
                ("intellectual", "智力残疾", "Intellectual"),
                ("mental", "精神残疾", "Mental"),
                ("multiple", "多重残疾", "Multiple"),
            ],
        ),
        fld(
            "guardian_name", "监护人姓名（如有）", "Guardian's name", required=False, max_length=50
        ),
        F_ADDR,
        F_DELIVERY,
    ],
    basis=[
        DISAB_LAW + "第二条、第二十三条",
        "《中华人民共和国残疾人证管理办法》（残联发〔2017〕29号）",
    ],
    conditions=[
        "符合《残疾人残疾分类和分级》（GB/T 26341）标准的本区户籍残疾人",
        "经指定医疗机构评定",
    ],
    legal=tl(30, "working_days"),
    promised=tl(15, "working_days"),
)
item(
    "disability_card_renew",
    "残疾人证换领、补领",
    "Renewal or replacement of a disability certificate",
    "cl",
    itype="07",
    group="disab_card",
    person=("disability",),
    place="disabled",
    keywords=("残疾证到期", "残疾证丢了", "换残疾证", "补残疾证", "智能化残疾人证"),
    materials=[
        m_id(),
        mat(
            "old_card",
            "原残疾人证（换领的）",
            required=False,
            lic="残疾人证",
            source="残疾人联合会",
        ),
        m_photo(name="近期免冠2寸彩色照片"),
    ],
    extra_fields=[
        f_enum(
            "reason",
            "原因",
            "Reason",
            [
                ("expired", "有效期满", "Expired"),
                ("lost", "遗失", "Lost"),
                ("damaged", "损毁", "Damaged"),
            ],
        ),
        F_DELIVERY,
    ],
    basis=["《中华人民共和国残疾人证管理办法》"],
    conditions=["残疾人证有效期满、遗失或损毁"],
    legal=tl(30, "working_days"),
    promised=tl(10, "working_days"),
)
item(
    "disability_subsidy",
    "困难残疾人生活补贴和重度残疾人护理补贴申领",
    "Living and care subsidies for people with disabilities",
    "mzj",
    itype="05",
    person=("disability",),
    place="street",
    keywords=("两项补贴", "残疾人补贴", "护理补贴", "生活补贴", "残疾补助"),
    materials=[
        m_id(),
        mat("disability_card", "残疾人证", lic="残疾人证", source="残疾人联合会"),
        mat(
            "hardship_proof",
            "低保、低收入证明（民政系统可核验的免提交）",
            omittable=True,
            required=False,
        ),
    ],
    extra_fields=[
        f_enum(
            "subsidy",
            "申请补贴",
            "Subsidy",
            [
                ("living", "困难残疾人生活补贴", "Living subsidy"),
                ("care", "重度残疾人护理补贴", "Care subsidy"),
                ("both", "两项补贴", "Both"),
            ],
        ),
        F_BANK,
    ],
    basis=[TWO_SUBSIDY, DISAB_LAW + "第四十八条"],
    conditions=[
        "生活补贴：低保家庭中的残疾人",
        "护理补贴：残疾等级为一级、二级且需要长期照护的重度残疾人",
    ],
    legal=tl(30, "working_days"),
    promised=tl(20, "working_days"),
    promise=commitment(
        "残疾人两项补贴申领",
        [
            "本人（或被监护人）未享受与两项补贴性质相同的其他补贴，不重复领取",
            "补贴对象死亡、户籍迁出或不再符合条件时，将在30日内告知民政部门停发",
        ],
        [
            "I (or my ward) receive no other subsidy of the same kind and will not claim twice",
            "I will tell the civil affairs office within 30 days if the recipient dies, moves away or no longer qualifies",
        ],
    ),
)
item(
    "assistive_device",
    "残疾人辅助器具适配补贴申请",
    "Subsidy for assistive devices for people with disabilities",
    "cl",
    itype="05",
    person=("disability",),
    place="disabled",
    keywords=("轮椅补贴", "助听器补贴", "辅具", "假肢补贴", "辅助器具"),
    materials=[
        m_id(),
        mat("disability_card", "残疾人证", lic="残疾人证", source="残疾人联合会"),
        mat("invoice", "辅助器具购买发票", required=False, form="复印件"),
    ],
    extra_fields=[
        fld("device", "辅助器具名称", "Device", max_length=60),
        fld("price", "价格（元）", "Price (yuan)", "number", min=0, max=1000000),
        F_BANK,
    ],
    basis=[DISAB_LAW + "第五十四条", "《残疾预防和残疾人康复条例》"],
    conditions=["持有本市残疾人证的残疾人，经评估需要适配辅助器具"],
    legal=tl(20, "working_days"),
    promised=tl(15, "working_days"),
)
item(
    "disability_employment",
    "残疾人就业创业扶持申请",
    "Employment and start-up support for people with disabilities",
    "cl",
    itype="05",
    person=("disability", "employment"),
    place="disabled",
    keywords=("残疾人就业", "残疾人创业", "残疾人找工作"),
    materials=[m_id(), mat("disability_card", "残疾人证", lic="残疾人证", source="残疾人联合会")],
    extra_fields=[
        f_enum(
            "support",
            "扶持类型",
            "Support",
            [
                ("job", "职业介绍", "Job placement"),
                ("training", "职业培训", "Training"),
                ("startup", "自主创业补贴", "Start-up subsidy"),
            ],
        ),
        fld("remark", "需求说明", "Your needs", "textarea", required=False, max_length=300),
    ],
    basis=[DISAB_LAW + "第三十条至第四十条", "《残疾人就业条例》（国务院令第488号）"],
    conditions=["有劳动能力和就业意愿的持证残疾人"],
    legal=tl(20, "working_days"),
    promised=tl(10, "working_days"),
)


# === 身后事（after_death）=========================================================================
DECEASED_FIELDS = [
    fld("deceased_name", "逝者姓名", "Name of the deceased", max_length=50),
    fld("deceased_id", "逝者公民身份号码", "ID number of the deceased", "citizen_id"),
    fld("death_date", "死亡日期", "Date of death", "date"),
]
RELATION = f_enum(
    "relation",
    "申请人与逝者关系",
    "Relation to the deceased",
    [
        ("spouse", "配偶", "Spouse"),
        ("child", "子女", "Child"),
        ("parent", "父母", "Parent"),
        ("other", "其他近亲属", "Other close relative"),
    ],
)
item(
    "death_cert",
    "居民死亡医学证明（推断）书出具",
    "Medical certificate of death",
    "wjw",
    itype="20",
    person=("after_death",),
    place="hospital",
    keywords=("死亡证明", "死亡医学证明", "开死亡证明", "老人去世", "身后事"),
    materials=[m_id("逝者", mid="deceased_id", required=False), m_id("申报人")],
    fields=PERSON_BASE
    + DECEASED_FIELDS
    + [
        RELATION,
        f_enum(
            "place_of_death",
            "死亡地点",
            "Place of death",
            [
                ("hospital", "医疗卫生机构", "Hospital"),
                ("home", "家中", "Home"),
                ("other", "其他场所", "Elsewhere"),
            ],
        ),
    ],
    basis=[
        "《人口死亡信息登记管理规范（试行）》（国卫规划发〔2013〕57号）",
        "《国家卫生健康委 公安部 民政部关于进一步规范人口死亡医学证明和信息登记管理工作的通知》（国卫规划发〔2021〕25号）",
    ],
    conditions=[
        "在医疗卫生机构内死亡的由该机构出具；在家中正常死亡的由负责救治或正常死亡调查的医疗卫生机构出具"
    ],
    legal=tl(3, "working_days"),
    promised=IMMEDIATE,
)
item(
    "funeral_grant",
    "丧葬补助金和抚恤金申领",
    "Funeral grant and survivors' pension",
    "rsj",
    itype="05",
    person=("after_death", "social_insurance"),
    place="hall_2f",
    keywords=("丧葬费", "丧葬补助金", "抚恤金", "老人去世领钱", "死亡待遇"),
    materials=[
        m_id("申领人"),
        mat(
            "death_proof",
            "死亡证明（公安、卫健系统可核验的免提交）",
            omittable=True,
            required=False,
        ),
        mat(
            "relation_proof",
            "申领人与逝者的亲属关系证明（户籍系统可核验的免提交）",
            omittable=True,
            required=False,
        ),
    ],
    fields=PERSON_BASE + DECEASED_FIELDS + [RELATION, F_BANK],
    basis=[
        SI_LAW + "第十七条、第四十九条",
        "《人力资源社会保障部 财政部关于调整企业职工基本养老保险遗属待遇和病残津贴政策的通知》（人社部发〔2021〕18号）",
    ],
    conditions=["参加基本养老保险的个人因病或者非因工死亡的，其遗属可以领取丧葬补助金和抚恤金"],
    legal=tl(20, "working_days"),
    promised=tl(10, "working_days"),
    promise=commitment(
        "丧葬补助金和抚恤金申领",
        [
            "本人为逝者的合法继承人或遗属，已与其他遗属协商一致由本人代为申领",
            "如有其他遗属提出异议，本人负责协调并承担相应责任",
        ],
        [
            "I am a lawful heir or survivor of the deceased and the other survivors have agreed that I claim",
            "if another survivor objects I will settle it and bear the responsibility",
        ],
        material_ids=["relation_proof"],
    ),
)
item(
    "pension_account_inherit",
    "养老保险个人账户一次性支付（继承）",
    "Lump-sum payment of the pension personal account to heirs",
    "rsj",
    itype="05",
    person=("after_death", "pension"),
    place="hall_2f",
    keywords=("个人账户继承", "养老金继承", "社保余额继承", "个人账户余额", "身后事"),
    materials=[
        m_id("继承人"),
        mat(
            "heir_proof",
            "继承权公证书或法院判决书（法定继承人之间无争议的可告知承诺）",
            required=False,
            form="原件和复印件",
            missing_days=30,
        ),
    ],
    fields=PERSON_BASE + DECEASED_FIELDS + [RELATION, F_BANK],
    basis=[SI_LAW + "第十四条", "《中华人民共和国民法典》第一千一百二十七条"],
    conditions=["参保人员死亡的，其个人账户余额可以依法继承"],
    legal=tl(20, "working_days"),
    promised=tl(10, "working_days"),
)
item(
    "resident_pension_cancel",
    "城乡居民基本养老保险注销登记（死亡）",
    "Closing the resident pension account on death",
    "rsj",
    itype="20",
    group="resident_pension",
    person=("after_death", "pension"),
    place="street",
    keywords=("养老保险注销", "居民养老注销", "停发养老金", "身后事"),
    materials=[
        m_id("申报人"),
        mat("death_proof", "死亡证明（系统可核验的免提交）", omittable=True, required=False),
    ],
    fields=PERSON_BASE + DECEASED_FIELDS + [RELATION, F_BANK],
    basis=["《城乡居民基本养老保险经办规程》（人社部发〔2019〕84号）第三十四条"],
    conditions=["参保人死亡的，其亲属应在次月内办理注销登记，个人账户余额依法继承"],
    legal=tl(20, "working_days"),
    promised=tl(5, "working_days"),
)
item(
    "funeral_relief",
    "基本殡葬服务费用减免",
    "Waiver of basic funeral service fees",
    "mzj",
    itype="05",
    person=("after_death",),
    place="street",
    keywords=("殡葬补贴", "火化费减免", "惠民殡葬", "丧葬补贴", "身后事"),
    materials=[
        m_id("申报人"),
        mat("cremation_cert", "火化证明", source="殡仪馆", form="复印件", missing_days=30),
    ],
    fields=PERSON_BASE + DECEASED_FIELDS + [RELATION, F_BANK],
    basis=[
        "《殡葬管理条例》（国务院令第225号）",
        "《民政部等16部门关于推行节地生态安葬的指导意见》",
    ],
    conditions=["本市户籍居民死亡后在本市殡仪馆火化的"],
    legal=tl(20, "working_days"),
    promised=tl(10, "working_days"),
)
item(
    "medins_cancel_death",
    "基本医疗保险参保人员死亡注销",
    "Closing medical insurance on death",
    "ybj",
    itype="20",
    person=("after_death", "medical_insurance"),
    place="hall_2f",
    keywords=("医保注销", "医保停保", "医保个人账户继承", "身后事"),
    materials=[
        m_id("申报人"),
        mat("death_proof", "死亡证明（系统可核验的免提交）", omittable=True, required=False),
    ],
    fields=PERSON_BASE + DECEASED_FIELDS + [RELATION, F_BANK],
    basis=[MED_NOTE],
    conditions=["参保人员死亡，由其亲属办理参保关系注销和个人账户余额继承"],
    legal=tl(10, "working_days"),
    promised=tl(5, "working_days"),
)


# === 企业开办（opening）==========================================================================
ENT = ("企业法人", "非法人企业")
item(
    "name_declare",
    "企业名称自主申报",
    "Self-declaration of a company name",
    "scjg",
    itype="20",
    enterprise=("opening",),
    objects=("自然人", "企业法人", "非法人企业"),
    place="hall_3f",
    keywords=("起名字", "公司名称", "企业名称", "核名", "开公司"),
    materials=[m_id("投资人或经办人")],
    fields=PERSON_BASE
    + [
        fld("proposed_name", "拟申报企业名称", "Proposed company name", max_length=100),
        fld("trade_name", "字号", "Trade name", max_length=20),
        f_enum(
            "org_form",
            "组织形式",
            "Legal form",
            [
                ("llc", "有限责任公司", "Limited liability company"),
                ("jsc", "股份有限公司", "Joint stock company"),
                ("partnership", "合伙企业", "Partnership"),
                ("sole", "个人独资企业", "Sole proprietorship"),
            ],
        ),
        fld("industry", "行业表述", "Industry", max_length=40),
    ],
    basis=[
        "《企业名称登记管理规定》（国务院令第734号）第十七条",
        "《企业名称登记管理规定实施办法》（国家市场监督管理总局令第82号）",
    ],
    conditions=[
        "拟设立企业的投资人或经办人",
        "名称符合法律法规规定，不与同一登记机关已登记的同行业企业名称相同",
    ],
    legal=IMMEDIATE,
    promised=IMMEDIATE,
    handling=("online", "kiosk", "window"),
)
item(
    "company_setup",
    "企业设立登记（有限责任公司）",
    "Company incorporation (limited liability company)",
    "scjg",
    itype="07",
    enterprise=("opening",),
    objects=("自然人", "企业法人"),
    place="hall_3f",
    keywords=("开公司", "注册公司", "营业执照", "办执照", "公司注册", "企业设立", "创业"),
    materials=[
        mat(
            "articles",
            "公司章程（可使用标准模板在线生成）",
            medium="electronic",
            standard="全体股东签署",
        ),
        m_id("股东、法定代表人、董事、监事、经理", mid="officer_ids"),
        mat(
            "premises",
            "住所（经营场所）使用证明或住所申报承诺",
            lic="不动产权证书",
            source="不动产登记机构",
            missing_days=10,
        ),
        mat(
            "appointment",
            "法定代表人、董事、监事和经理的任职文件",
            medium="electronic",
            omittable=True,
        ),
    ],
    fields=PERSON_BASE
    + [
        fld("company_name", "企业名称（已自主申报）", "Company name (declared)", max_length=100),
        fld(
            "registered_capital",
            "注册资本（万元）",
            "Registered capital (10,000 yuan)",
            "number",
            min=0,
            max=10000000,
        ),
        fld("address", "住所", "Registered address", max_length=120),
        fld("business_scope", "经营范围", "Business scope", "textarea", max_length=2000),
        fld("legal_rep", "法定代表人姓名", "Legal representative", max_length=50),
        fld(
            "legal_rep_id",
            "法定代表人公民身份号码",
            "Legal representative's ID number",
            "citizen_id",
        ),
        fld(
            "shareholders",
            "股东及出资情况",
            "Shareholders and contributions",
            "textarea",
            max_length=1000,
        ),
    ],
    basis=[
        MARKET_REG + "第三条、第十九条、第二十一条",
        "《中华人民共和国公司法》第二十九条、第四十七条",
        "《中华人民共和国市场主体登记管理条例实施细则》（国家市场监督管理总局令第52号）",
    ],
    conditions=[
        "股东符合法定人数",
        "有符合公司章程规定的全体股东认缴的出资额（自公司成立之日起5年内缴足）",
        "有公司名称、住所和符合要求的组织机构",
    ],
    legal=tl(
        3,
        "working_days",
        "《市场主体登记管理条例》第十九条：申请材料齐全、符合法定形式的予以确认并当场登记；不能当场登记的3个工作日内予以登记",
    ),
    promised=tl(1, "working_days"),
)
item(
    "individual_business",
    "个体工商户设立登记",
    "Registration of an individual business",
    "scjg",
    itype="07",
    enterprise=("opening",),
    objects=("自然人",),
    place="hall_3f",
    keywords=("个体户", "开店", "营业执照", "开小店", "摆摊执照", "个体执照"),
    materials=[
        m_id("经营者"),
        mat(
            "premises",
            "经营场所使用证明或住所申报承诺",
            lic="不动产权证书",
            source="不动产登记机构",
            missing_days=10,
        ),
    ],
    extra_fields=[
        fld(
            "shop_name",
            "个体工商户名称（可不起字号）",
            "Business name",
            required=False,
            max_length=60,
        ),
        fld("premises_address", "经营场所", "Business premises", max_length=120),
        fld("business_scope", "经营范围", "Business scope", "textarea", max_length=1000),
        f_enum(
            "form",
            "组成形式",
            "Form",
            [
                ("personal", "个人经营", "Run by one person"),
                ("family", "家庭经营", "Family business"),
            ],
        ),
    ],
    basis=["《促进个体工商户发展条例》（国务院令第755号）", MARKET_REG + "第三条"],
    conditions=["有经营能力的自然人"],
    legal=tl(3, "working_days"),
    promised=IMMEDIATE,
)
item(
    "seal_filing",
    "印章刻制备案",
    "Filing of company seals",
    "gaj",
    itype="21",
    enterprise=("opening",),
    objects=ENT,
    place="hall_3f",
    keywords=("刻章", "公章", "刻公章", "印章备案", "财务章", "发票专用章"),
    materials=[m_license(omittable=True), m_id("法定代表人", mid="rep_id")],
    extra_fields=[
        f_enum(
            "seals",
            "刻制印章",
            "Seals",
            [
                ("set", "公章、财务专用章、发票专用章、法定代表人名章（套餐）", "Full set"),
                ("official", "公章", "Official seal"),
                ("finance", "财务专用章", "Finance seal"),
                ("invoice", "发票专用章", "Invoice seal"),
            ],
        ),
        fld("seal_maker", "刻章企业", "Seal maker", required=False, max_length=60),
    ],
    basis=[
        "《国务院关于国家行政机关和企业事业单位社会团体印章管理的规定》（国发〔1999〕25号）",
        "《国务院关于取消一批行政许可等事项的决定》（国发〔2018〕28号）",
    ],
    conditions=["已领取营业执照的企业；新办企业首套印章由政府购买服务免费刻制"],
    legal=tl(1, "working_days"),
    promised=IMMEDIATE,
)
item(
    "new_taxpayer",
    "新办纳税人涉税事项（税务信息确认、发票申领）",
    "New taxpayer set-up: tax registration confirmation and invoices",
    "swj",
    itype="20",
    enterprise=("opening",),
    objects=ENT,
    place="tax",
    keywords=("税务登记", "领发票", "发票申领", "税控", "数电发票", "报税", "开发票"),
    materials=[m_license(omittable=True), m_id("法定代表人或办税人员", mid="rep_id")],
    extra_fields=[
        f_enum(
            "taxpayer_type",
            "纳税人类型",
            "Taxpayer type",
            [
                ("small", "小规模纳税人", "Small-scale taxpayer"),
                ("general", "一般纳税人", "General taxpayer"),
            ],
        ),
        fld(
            "invoice_limit",
            "申请发票开具额度（万元/月）",
            "Monthly invoicing limit (10,000 yuan)",
            "number",
            min=0,
            max=10000,
        ),
        fld("tax_officer", "办税人员姓名", "Tax officer", max_length=50),
    ],
    basis=[
        "《中华人民共和国税收征收管理法》第十五条、第二十一条",
        "《中华人民共和国发票管理办法》第十五条",
        "《国家税务总局关于推广应用全面数字化电子发票的公告》",
    ],
    conditions=["已领取营业执照的企业、个体工商户"],
    legal=tl(5, "working_days"),
    promised=IMMEDIATE,
)
item(
    "unit_gjj_reg",
    "单位住房公积金缴存登记",
    "Employer housing provident fund registration",
    "gjj",
    itype="20",
    enterprise=("opening",),
    objects=ENT + ("事业法人", "社会组织法人"),
    place="gjj",
    keywords=("单位公积金开户", "公司公积金", "公积金缴存登记", "公积金"),
    materials=[m_license(omittable=True), m_id("经办人", mid="agent_id")],
    extra_fields=[
        fld("staff_count", "缴存职工人数", "Number of employees", "number", min=0, max=100000),
        f_enum(
            "rate",
            "缴存比例",
            "Contribution rate",
            [("5", "5%", "5%"), ("8", "8%", "8%"), ("10", "10%", "10%"), ("12", "12%", "12%")],
        ),
    ],
    basis=[GJJ_REG + "第十四条、第十五条"],
    conditions=["新设立的单位自设立之日起30日内办理住房公积金缴存登记"],
    legal=tl(5, "working_days"),
    promised=IMMEDIATE,
)


# === 企业变更（change）============================================================================
CHANGE_BASIS = [
    MARKET_REG + "第二十四条、第二十五条",
    "《中华人民共和国市场主体登记管理条例实施细则》第三十一条",
]
item(
    "change_legal_rep",
    "企业变更登记（法定代表人）",
    "Change of legal representative",
    "scjg",
    itype="07",
    group="company_change",
    enterprise=("change",),
    objects=ENT,
    place="hall_3f",
    keywords=("换法人", "法人变更", "变更法定代表人", "营业执照变更"),
    materials=[
        m_license(),
        mat("resolution", "股东会决议或董事会决议", medium="paper_or_electronic"),
        m_id("新任法定代表人", mid="new_rep_id"),
        mat("appointment", "任免文件", medium="electronic", omittable=True),
    ],
    extra_fields=[
        fld("new_rep", "新任法定代表人姓名", "New legal representative", max_length=50),
        fld(
            "new_rep_id",
            "新任法定代表人公民身份号码",
            "New representative's ID number",
            "citizen_id",
        ),
        fld("resolution_date", "决议日期", "Date of resolution", "date"),
    ],
    basis=CHANGE_BASIS,
    conditions=["企业法定代表人变更的，自作出变更决议、决定之日起30日内申请"],
    legal=tl(3, "working_days"),
    promised=tl(1, "working_days"),
)
item(
    "change_address",
    "企业变更登记（住所）",
    "Change of registered address",
    "scjg",
    itype="07",
    group="company_change",
    enterprise=("change",),
    objects=ENT,
    place="hall_3f",
    keywords=("公司搬家", "地址变更", "住所变更", "变更注册地址", "营业执照变更"),
    materials=[
        m_license(),
        mat("resolution", "股东会决议或变更决定"),
        mat(
            "premises",
            "新住所使用证明或住所申报承诺",
            lic="不动产权证书",
            source="不动产登记机构",
            missing_days=10,
        ),
    ],
    extra_fields=[fld("new_address", "变更后住所", "New address", max_length=120)],
    basis=CHANGE_BASIS,
    conditions=["企业住所变更的，应在迁入新住所前申请"],
    legal=tl(3, "working_days"),
    promised=tl(1, "working_days"),
    promise=commitment(
        "企业住所（经营场所）变更登记",
        [
            "本单位对申报的住所（经营场所）享有合法使用权，并以该住所作为通信联络地址",
            "住所（经营场所）符合规划、消防、环保等要求，不属于违法建筑或法律法规禁止的场所",
        ],
        [
            "we have lawful use of the declared premises and use them as our contact address",
            "the premises meet planning, fire-safety and environmental rules and are not an illegal building",
        ],
        who="本单位",
        material_ids=["premises"],
    ),
)
item(
    "change_scope",
    "企业变更登记（经营范围）",
    "Change of business scope",
    "scjg",
    itype="07",
    group="company_change",
    enterprise=("change",),
    objects=ENT,
    place="hall_3f",
    keywords=("增加经营范围", "经营范围变更", "营业执照变更"),
    materials=[
        m_license(),
        mat("resolution", "股东会决议或变更决定"),
        mat("articles_amend", "章程修正案", medium="electronic"),
    ],
    extra_fields=[
        fld("new_scope", "变更后经营范围", "New business scope", "textarea", max_length=2000)
    ],
    basis=CHANGE_BASIS + ["《经营范围登记管理规定》（国家市场监督管理总局令第76号）"],
    conditions=["经营范围变更涉及许可项目的，应取得许可后开展经营"],
    legal=tl(3, "working_days"),
    promised=tl(1, "working_days"),
)
item(
    "change_capital",
    "企业变更登记（注册资本）",
    "Change of registered capital",
    "scjg",
    itype="07",
    group="company_change",
    enterprise=("change",),
    objects=ENT,
    place="hall_3f",
    keywords=("增资", "减资", "注册资本变更"),
    materials=[
        m_license(),
        mat("resolution", "股东会决议"),
        mat("articles_amend", "章程修正案", medium="electronic"),
        mat("reduction_notice", "减资的，提交公告情况说明", required=False),
    ],
    extra_fields=[
        fld(
            "new_capital",
            "变更后注册资本（万元）",
            "New registered capital (10,000 yuan)",
            "number",
            min=0,
            max=10000000,
        ),
        f_enum(
            "direction",
            "变更方向",
            "Direction",
            [("increase", "增资", "Increase"), ("decrease", "减资", "Decrease")],
        ),
    ],
    basis=CHANGE_BASIS + ["《中华人民共和国公司法》第二百二十四条"],
    conditions=["减少注册资本的，应当自公告之日起45日后申请变更登记"],
    legal=tl(3, "working_days"),
    promised=tl(1, "working_days"),
)
item(
    "license_reissue",
    "营业执照遗失补领、换发",
    "Reissue of a lost or damaged business licence",
    "scjg",
    itype="20",
    group="company_change",
    enterprise=("change",),
    objects=ENT,
    place="hall_3f",
    keywords=("营业执照丢了", "补营业执照", "执照遗失", "换执照", "营业执照"),
    materials=[
        mat(
            "loss_statement",
            "遗失声明（在国家企业信用信息公示系统公示）",
            medium="electronic",
            omittable=True,
        )
    ],
    extra_fields=[
        f_enum(
            "reason", "原因", "Reason", [("lost", "遗失", "Lost"), ("damaged", "损坏", "Damaged")]
        ),
        f_enum(
            "copy",
            "补领类型",
            "Type",
            [("original", "正本", "Original"), ("duplicate", "副本", "Duplicate")],
        ),
        F_DELIVERY,
    ],
    basis=[MARKET_REG + "第二十二条"],
    conditions=[
        "营业执照遗失或者毁坏的，市场主体应当通过国家企业信用信息公示系统声明作废后申请补领"
    ],
    legal=tl(3, "working_days"),
    promised=IMMEDIATE,
)
item(
    "tax_info_change",
    "税务登记信息变更",
    "Change of tax registration information",
    "swj",
    itype="20",
    enterprise=("change",),
    objects=ENT,
    place="tax",
    keywords=("税务变更", "税务信息变更", "财务负责人变更", "办税人员变更"),
    materials=[
        mat(
            "change_proof",
            "变更信息的相关证明（市场监管部门已推送的免提交）",
            omittable=True,
            required=False,
        )
    ],
    extra_fields=[
        f_enum(
            "item",
            "变更项目",
            "Item",
            [
                ("finance", "财务负责人", "Finance officer"),
                ("tax_officer", "办税人员", "Tax officer"),
                ("accounting", "会计制度", "Accounting system"),
                ("other", "其他", "Other"),
            ],
        ),
        fld("new_value", "变更后内容", "New value", max_length=200),
    ],
    basis=[
        "《中华人民共和国税收征收管理法》第十六条",
        "《税务登记管理办法》（国家税务总局令第36号）第二十条",
    ],
    conditions=["纳税人税务登记内容发生变化的，自发生变化之日起30日内办理"],
    legal=tl(5, "working_days"),
    promised=IMMEDIATE,
)


# === 经营许可（operating_permit）==================================================================
item(
    "food_license",
    "食品经营许可",
    "Food business licence",
    "scjg",
    itype="01",
    enterprise=("operating_permit",),
    objects=ENT + ("自然人",),
    place="hall_3f",
    keywords=("食品经营许可证", "餐饮许可证", "开饭店", "开餐馆", "卖食品", "食品许可"),
    materials=[
        m_license(),
        mat("layout", "与食品经营相适应的主要设备设施布局、操作流程等文件"),
        mat(
            "safety_rules",
            "食品安全自查、从业人员健康管理、进货查验记录等保证食品安全的规章制度",
            omittable=True,
        ),
    ],
    extra_fields=[
        fld("premises_address", "经营场所", "Business premises", max_length=120),
        f_enum(
            "main_type",
            "主体业态",
            "Business type",
            [
                ("retail", "食品销售经营者", "Food retailer"),
                ("catering", "餐饮服务经营者", "Catering"),
                ("canteen", "单位食堂", "Canteen"),
            ],
        ),
        fld("items", "经营项目", "Business items", "textarea", max_length=500),
        fld("food_safety_officer", "食品安全管理人员", "Food safety manager", max_length=50),
    ],
    basis=[
        "《中华人民共和国食品安全法》第三十五条",
        "《食品经营许可和备案管理办法》（国家市场监督管理总局令第78号）",
        PROMISE_GUIDE,
    ],
    conditions=[
        "具有与经营的食品品种、数量相适应的场所、设备设施",
        "有专职或兼职的食品安全管理人员和保证食品安全的规章制度",
    ],
    legal=tl(10, "working_days"),
    promised=tl(1, "working_days", "选择告知承诺方式的当场发证"),
    promise=commitment(
        "食品经营许可（告知承诺）",
        [
            "本单位已具备与经营的食品品种、数量相适应的经营场所和设备设施，布局合理，防止交叉污染",
            "本单位已配备食品安全管理人员，建立并执行进货查验、从业人员健康管理等制度，许可后3个月内接受现场核查",
        ],
        [
            "our premises and equipment suit the kinds and quantities of food we sell and are laid out to avoid cross-contamination",
            "we have a food safety manager and rules for incoming inspection and staff health, and accept an on-site check within 3 months",
        ],
        who="本单位",
        material_ids=["safety_rules"],
    ),
)
item(
    "drug_license",
    "药品经营许可（零售）",
    "Pharmaceutical retail licence",
    "scjg",
    itype="01",
    enterprise=("operating_permit",),
    objects=ENT,
    place="hall_3f",
    keywords=("药店", "开药店", "药品经营许可证", "卖药"),
    materials=[
        m_license(),
        mat("pharmacist", "执业药师注册证及身份证明", form="复印件"),
        mat("premises_plan", "经营场所、仓库平面布局图及面积说明"),
        mat("quality_system", "质量管理文件及主要设施设备目录"),
    ],
    extra_fields=[
        fld("premises_address", "经营场所", "Business premises", max_length=120),
        fld("pharmacist_name", "执业药师姓名", "Licensed pharmacist", max_length=50),
        f_enum(
            "scope",
            "经营范围",
            "Scope",
            [
                ("otc", "乙类非处方药", "Class B OTC"),
                ("rx", "处方药、甲类非处方药", "Prescription and class A OTC"),
                ("chinese", "中药饮片", "Chinese herbal pieces"),
            ],
        ),
    ],
    basis=[
        "《中华人民共和国药品管理法》第五十一条、第五十二条",
        "《药品经营和使用质量监督管理办法》（国家市场监督管理总局令第84号）",
    ],
    conditions=[
        "依法经过资格认定的药师或者其他药学技术人员",
        "与所经营药品相适应的营业场所、设备、仓储设施和卫生环境",
        "质量管理制度",
    ],
    legal=tl(20, "working_days"),
    promised=tl(10, "working_days"),
)
item(
    "public_place_hygiene",
    "公共场所卫生许可",
    "Public place hygiene licence",
    "wjw",
    itype="01",
    enterprise=("operating_permit",),
    objects=ENT,
    place="hall_3f",
    keywords=("卫生许可证", "开理发店", "开美容院", "宾馆卫生许可", "游泳馆卫生许可"),
    materials=[
        m_license(),
        mat("hygiene_rules", "卫生管理制度、卫生设施设备说明", omittable=True),
        mat("hygiene_test", "室内空气、水质等卫生检测报告", required=False, missing_days=20),
    ],
    extra_fields=[
        fld("premises_address", "经营场所", "Business premises", max_length=120),
        f_enum(
            "place_type",
            "场所类别",
            "Type of place",
            [
                ("hotel", "住宿场所", "Hotel"),
                ("bath", "沐浴场所", "Bath house"),
                ("beauty", "美容美发场所", "Beauty salon"),
                ("swim", "游泳场所", "Swimming pool"),
            ],
        ),
        fld("area", "经营面积（平方米）", "Floor area (m²)", "number", min=1, max=1000000),
    ],
    basis=[
        "《公共场所卫生管理条例》第八条",
        "《公共场所卫生管理条例实施细则》（卫生部令第80号）第二十二条",
        PROMISE_GUIDE,
    ],
    conditions=["公共场所经营者取得营业执照后、开业前申请"],
    legal=tl(20, "working_days"),
    promised=IMMEDIATE,
    promise=commitment(
        "公共场所卫生许可（告知承诺）",
        [
            "本单位经营场所的卫生设施设备、布局和流程符合公共场所卫生标准和规范要求",
            "本单位从业人员已取得健康合格证明，开业后按规定开展卫生检测并公示结果",
        ],
        [
            "our premises, facilities, layout and procedures meet public-place hygiene standards",
            "our staff hold valid health certificates and we will test and publish hygiene results after opening",
        ],
        who="本单位",
        material_ids=["hygiene_rules", "hygiene_test"],
    ),
)
item(
    "road_transport",
    "道路运输经营许可（道路货物运输）",
    "Road freight transport operating licence",
    "jtw",
    itype="01",
    enterprise=("operating_permit",),
    objects=ENT,
    place="transport",
    keywords=("道路运输许可证", "运输许可", "货运许可", "跑运输", "物流公司"),
    materials=[
        m_license(),
        mat("vehicles", "车辆行驶证、车辆技术等级评定结论", form="复印件"),
        mat("drivers", "驾驶人员从业资格证", form="复印件"),
        mat("safety_system", "安全生产管理制度文本"),
    ],
    extra_fields=[
        fld("vehicle_count", "车辆数量", "Number of vehicles", "number", min=1, max=10000),
        f_enum(
            "category",
            "经营范围",
            "Scope",
            [
                ("general", "道路普通货物运输", "General freight"),
                ("container", "货物专用运输（集装箱）", "Container freight"),
                ("large", "大型物件运输", "Oversized cargo"),
            ],
        ),
    ],
    basis=[
        "《中华人民共和国道路运输条例》第二十一条、第二十四条",
        "《道路货物运输及站场管理规定》（交通运输部令2023年第12号）",
    ],
    conditions=[
        "有与其经营业务相适应并经检测合格的车辆",
        "有符合规定条件的驾驶人员",
        "有健全的安全生产管理制度",
    ],
    legal=tl(20, "calendar_days"),
    promised=tl(10, "working_days"),
)
item(
    "medical_device_filing",
    "第二类医疗器械经营备案",
    "Filing for class II medical device business",
    "scjg",
    itype="21",
    enterprise=("operating_permit",),
    objects=ENT,
    place="hall_3f",
    keywords=("医疗器械备案", "二类医疗器械", "卖医疗器械"),
    materials=[
        m_license(),
        mat("quality_officer", "质量负责人身份证明、学历或职称证明", form="复印件"),
        mat("premises_plan", "经营场所、库房地址和面积说明"),
    ],
    extra_fields=[
        fld("premises_address", "经营场所", "Business premises", max_length=120),
        fld("scope", "经营范围", "Scope", "textarea", max_length=500),
    ],
    basis=["《医疗器械监督管理条例》（国务院令第739号）第四十一条"],
    conditions=["从事第二类医疗器械经营的企业"],
    legal=IMMEDIATE,
    promised=IMMEDIATE,
)
item(
    "tobacco_license",
    "烟草专卖零售许可",
    "Tobacco retail licence",
    "yc",
    itype="01",
    enterprise=("operating_permit",),
    objects=ENT,
    place="hall_3f",
    keywords=("烟草证", "烟草许可证", "卖烟", "小卖部卖烟"),
    materials=[
        m_license(),
        m_id("经营者", mid="operator_id"),
        mat("premises", "经营场所使用证明", lic="不动产权证书", source="不动产登记机构"),
    ],
    extra_fields=[fld("premises_address", "经营场所", "Business premises", max_length=120)],
    basis=["《中华人民共和国烟草专卖法》第十六条", "《中华人民共和国烟草专卖法实施条例》第十二条"],
    conditions=[
        "有与经营烟草制品零售业务相适应的资金和固定的经营场所",
        "符合烟草专卖零售网点合理布局要求",
    ],
    legal=tl(20, "working_days"),
    promised=tl(10, "working_days"),
)


# === 企业注销（closing）===========================================================================
item(
    "simple_deregistration",
    "企业简易注销登记",
    "Simplified company deregistration",
    "scjg",
    itype="07",
    group="dereg",
    enterprise=("closing",),
    objects=ENT,
    place="hall_3f",
    keywords=("注销公司", "简易注销", "公司注销", "关公司", "营业执照注销"),
    materials=[
        mat(
            "undertaking", "全体投资人承诺书（在自助终端签署）", medium="electronic", omittable=True
        ),
        m_license(standard="交回营业执照正、副本"),
    ],
    extra_fields=[fld("notice_date", "简易注销公示起始日期", "Start of public notice", "date")],
    basis=[
        MARKET_REG + "第三十三条",
        "《国家市场监督管理总局 国家税务总局关于进一步完善简易注销登记便捷中小微企业市场退出的通知》",
    ],
    conditions=[
        "未发生债权债务或已将债权债务清偿完结",
        "未发生或已结清清偿费用、职工工资、社会保险费用、法定补偿金、应缴纳税款",
        "经国家企业信用信息公示系统公示20日无异议",
    ],
    legal=tl(3, "working_days"),
    promised=tl(1, "working_days"),
    promise=commitment(
        "企业简易注销",
        [
            "本企业申请注销登记前未发生债权债务或已将债权债务清偿完结，不存在未结清的清偿费用、职工工资、社会保险费用、法定补偿金和应缴纳税款",
            "本企业不存在正在被立案调查、股权被冻结或出质等不适用简易注销的情形",
        ],
        [
            "the company has no outstanding debts, wages, social insurance, statutory compensation or taxes",
            "the company is not under investigation and has no frozen or pledged equity that would exclude simplified deregistration",
        ],
        who="全体投资人",
        material_ids=["undertaking"],
    ),
)
item(
    "general_deregistration",
    "企业一般注销登记",
    "Ordinary company deregistration",
    "scjg",
    itype="07",
    group="dereg",
    enterprise=("closing",),
    objects=ENT,
    place="hall_3f",
    keywords=("注销公司", "清算注销", "公司注销", "清算组备案"),
    materials=[
        m_license(standard="交回营业执照正、副本"),
        mat("resolution", "股东会解散决议"),
        mat("liquidation_report", "经确认的清算报告"),
        mat("tax_clearance", "清税证明（税务部门推送的免提交）", omittable=True, required=False),
    ],
    extra_fields=[
        fld("liquidation_leader", "清算组负责人", "Head of liquidation committee", max_length=50),
        fld("announce_date", "债权人公告日期", "Date of creditor notice", "date"),
    ],
    basis=[
        MARKET_REG + "第三十一条、第三十二条",
        "《中华人民共和国公司法》第二百三十二条至第二百三十九条",
    ],
    conditions=[
        "已依法组成清算组，自清算结束之日起30日内申请注销登记",
        "已在国家企业信用信息公示系统公告45日",
    ],
    legal=tl(3, "working_days"),
    promised=tl(1, "working_days"),
)
item(
    "tax_deregistration",
    "税务注销",
    "Tax deregistration",
    "swj",
    itype="20",
    enterprise=("closing",),
    objects=ENT,
    place="tax",
    keywords=("税务注销", "清税", "注销税务登记", "清税证明"),
    materials=[
        mat(
            "tax_settlement",
            "已结清税款、滞纳金、罚款，缴销发票的说明",
            medium="electronic",
            omittable=True,
        )
    ],
    extra_fields=[
        f_enum(
            "mode",
            "办理方式",
            "Mode",
            [
                ("instant", "即办（未领用发票、无欠税）", "Immediate"),
                ("promise", "承诺制容缺办理", "By commitment"),
            ],
        )
    ],
    basis=[
        "《中华人民共和国税收征收管理法》第十六条",
        "《国家税务总局关于深化“放管服”改革更大力度推进优化税务注销办理程序工作的通知》（税总发〔2019〕64号）",
    ],
    conditions=["纳税人已结清应纳税款、滞纳金、罚款，已缴销发票"],
    legal=tl(20, "working_days"),
    promised=IMMEDIATE,
)
item(
    "individual_deregistration",
    "个体工商户注销登记",
    "Deregistration of an individual business",
    "scjg",
    itype="07",
    group="dereg",
    enterprise=("closing",),
    objects=("自然人",),
    place="hall_3f",
    keywords=("个体户注销", "注销执照", "关店"),
    materials=[m_id("经营者"), m_license(standard="交回营业执照正、副本")],
    extra_fields=[fld("shop_name", "个体工商户名称", "Business name", max_length=60)],
    basis=["《促进个体工商户发展条例》", MARKET_REG + "第三十一条"],
    conditions=["个体工商户已结清税款等相关事项"],
    legal=tl(3, "working_days"),
    promised=IMMEDIATE,
)


# === 一件事（bundles）=============================================================================
def _days(t: dict[str, Any]) -> float:
    return (
        0 if t["unit"] == "immediate" else t["value"] * (1.4 if t["unit"] == "working_days" else 1)
    )


def one_thing(
    key: str,
    name: str,
    name_en: str,
    body: str,
    parts: list[str],
    *,
    keywords: tuple[str, ...],
    conditions: list[str],
    place: str = "hall_1f",
    objects: tuple[str, ...] = ("自然人",),
    frequent: bool = False,
    promised: dict[str, Any] | None = None,
    drop_fields: tuple[str, ...] = (),
) -> dict[str, Any]:
    """A bundled 一件事 item: one form that is the union of its parts' forms and materials.

    ``drop_fields`` removes part fields that make no sense in the combined case (the credit
    code of a company that does not exist yet, the applicant's gender on the baby's card).
    """
    comps = [_KEYS[p] for p in parts]
    fields: list[dict[str, Any]] = []
    seen_f: set[str] = set()
    materials: list[dict[str, Any]] = []
    seen_m: set[str] = set()
    basis: list[str] = [ONE_THING]
    person: list[str] = []
    enterprise: list[str] = []
    fees: list[dict[str, Any]] = []
    for c in comps:
        for f in c["form"]["fields"]:
            if f["name"] not in seen_f and f["name"] not in drop_fields:
                seen_f.add(f["name"])
                fields.append(f)
        for m in c["materials"]:
            if m["material_id"] not in seen_m:
                seen_m.add(m["material_id"])
                materials.append(m)
        for b in c["legal_basis"]:
            if b not in basis:
                basis.append(b)
        for t in c["themes"].get("person", []):
            if t not in person:
                person.append(t)
        for t in c["themes"].get("enterprise", []):
            if t not in enterprise:
                enterprise.append(t)
        fees.extend(c["fees"])
    legal = max((c["legal_time_limit"] for c in comps), key=_days)
    auto_promised = max((c["promised_time_limit"] for c in comps), key=_days)
    names = "、".join(c["name"] for c in comps)
    process = [
        "申请：在自助终端或网上“一件事”专区填写一张综合表单，一次提交全部材料",
        f"分办：综合窗口将申请信息和材料分送各承办部门（{names}）",
        "并联审批：各部门同步审核，材料共享、结果互认",
        "办结：各项结果统一送达，或通过邮政寄递、电子证照送达",
    ]
    return item(
        key,
        name,
        name_en,
        body,
        itype="20",
        person=tuple(person),
        enterprise=tuple(enterprise),
        keywords=keywords,
        materials=materials[:40],
        fields=fields[:60],
        basis=basis[:50],
        conditions=conditions + [f"本事项整合：{names}"],
        process=process,
        legal=legal,
        promised=promised or auto_promised,
        visits=max(c["visits"] for c in comps),
        fees=fees,
        place=place,
        objects=objects,
        frequent=frequent,
        bundle=parts,
    )


one_thing(
    "newborn_bundle",
    "新生儿出生一件事",
    "Newborn: one-stop birth services",
    "wjw",
    ["birth_cert", "vaccine_cert", "birth_reg", "newborn_medins", "ssc_apply"],
    keywords=("生孩子", "宝宝出生", "新生儿", "上户口", "出生一件事", "出生证", "医保", "社保卡"),
    frequent=True,
    drop_fields=("gender", "ethnicity"),
    conditions=[
        "新生儿在本区助产机构出生，父母一方为本区户籍或持有本市居住证",
        "由新生儿父母一方申请",
    ],
)
one_thing(
    "company_open_bundle",
    "企业开办一件事",
    "Opening a business: one-stop service",
    "scjg",
    ["name_declare", "company_setup", "seal_filing", "new_taxpayer", "unit_si_reg", "unit_gjj_reg"],
    keywords=("开公司", "注册公司", "企业开办", "营业执照", "刻章", "领发票", "一网通办", "创业"),
    conditions=[
        "在本区设立有限责任公司的投资人",
        "企业开办全流程1个工作日内办结，首套印章免费刻制",
    ],
    place="hall_3f",
    objects=("自然人", "企业法人"),
    frequent=True,
    promised=tl(1, "working_days", "企业开办全流程1个工作日内办结"),
    drop_fields=("credit_code", "contact_name", "contact_id", "contact_phone"),
)
one_thing(
    "after_death_bundle",
    "身后一件事",
    "After a death: one-stop services for the family",
    "mzj",
    [
        "death_cert",
        "hukou_cancel_death",
        "funeral_grant",
        "pension_account_inherit",
        "funeral_relief",
        "medins_cancel_death",
    ],
    keywords=("老人去世", "人去世了", "身后事", "丧葬费", "销户口", "死亡证明", "抚恤金"),
    place="street",
    conditions=["本区户籍居民死亡，由其近亲属申请"],
)
one_thing(
    "retire_bundle",
    "退休一件事",
    "Retirement: one-stop service",
    "rsj",
    ["employee_pension", "gjj_retire", "elder_card"],
    keywords=("退休", "办退休", "退休手续", "养老金", "公积金提取", "老年卡"),
    place="hall_2f",
    conditions=["达到法定退休年龄并参加本市企业职工基本养老保险的人员"],
)
one_thing(
    "disability_bundle",
    "残疾人服务一件事",
    "Services for people with disabilities: one-stop",
    "cl",
    ["disability_card", "disability_subsidy", "assistive_device"],
    keywords=("残疾证", "残疾人", "两项补贴", "辅具", "残疾人一件事"),
    place="disabled",
    conditions=["本区户籍残疾人或其监护人申请"],
)
one_thing(
    "company_close_bundle",
    "企业注销一件事",
    "Closing a business: one-stop service",
    "scjg",
    ["simple_deregistration", "tax_deregistration", "unit_si_cancel"],
    keywords=("注销公司", "关公司", "企业注销", "简易注销", "清税"),
    place="hall_3f",
    objects=("企业法人", "非法人企业"),
    conditions=["符合简易注销条件的企业，由全体投资人申请"],
)


# ---------------------------------------------------------------------------------------------
# 通办 (国办发〔2020〕35号 跨省通办 list; 京津冀 and pilot provinces) and 办理结果
JJJ = ["110000", "120000", "130000"]  # 京津冀
MARRIAGE_PILOT = ["110000", "120000", "130000", "210000", "370000", "440000", "500000", "510000"]
RECEIVING = "本市政务服务中心“跨省通办”专窗（含自助终端）"


def tongban(
    scope: str,
    *modes: str,
    registered: bool = False,
    regions: list[str] | None = None,
    handling: str | None = None,
) -> dict[str, Any]:
    tb: dict[str, Any] = {
        "scope": scope,
        "modes": list(modes),
        "needs_registered_region": registered,
    }
    if regions:
        tb["regions"] = list(regions)
    if "异地代收代办" in modes:
        assert handling, "异地代收代办 names the handling body"
        tb["proxy"] = {"receiving_body": {"name": RECEIVING}, "handling_body": {"name": handling}}
    return tb


def result(kind: str, name: str, *delivery: str) -> dict[str, Any]:
    return {"kind": kind, "name": name, "delivery": list(delivery)}


TONGBAN: dict[str, dict[str, Any]] = {
    "id_renew": tongban(
        "跨省通办", "异地代收代办", registered=True, handling="户籍所在地县级公安机关"
    ),
    "id_replace": tongban(
        "跨省通办", "异地代收代办", registered=True, handling="户籍所在地县级公安机关"
    ),
    "hukou_move_in": tongban("跨省通办", "多地联办", registered=True),
    "hukou_book_replace": tongban(
        "省内通办",
        "异地代收代办",
        registered=True,
        regions=["110000"],
        handling="户籍所在地派出所",
    ),
    "birth_cert_reissue": tongban("省内通办", "全程网办", regions=["110000"]),
    "marriage_cert_reissue": tongban(
        "跨省通办",
        "异地代收代办",
        registered=True,
        regions=MARRIAGE_PILOT,
        handling="原婚姻登记机关",
    ),
    "unemployment_reg": tongban("跨省通办", "全程网办"),
    "employment_card": tongban("跨省通办", "全程网办"),
    "cert_reissue": tongban(
        "跨省通办",
        "全程网办",
        "异地代收代办",
        registered=True,
        handling="户籍所在地人力资源社会保障部门职业技能鉴定指导中心",
    ),
    "gjj_retire": tongban("跨省通办", "全程网办", regions=JJJ),
    "ssc_apply": tongban(
        "跨省通办", "全程网办", "异地代收代办", handling="北京市社会保险基金管理中心"
    ),
    "pension_transfer": tongban("跨省通办", "全程网办"),
    "medins_remote": tongban("跨省通办", "全程网办"),
    "medins_transfer": tongban("跨省通办", "全程网办"),
    "disability_card_renew": tongban(
        "跨省通办",
        "异地代收代办",
        registered=True,
        handling="户籍所在地县级残疾人联合会",
    ),
    "individual_business": tongban("跨省通办", "全程网办", regions=JJJ),
}
RESULT: dict[str, dict[str, Any]] = {
    "id_first": result("card", "居民身份证", "window", "post"),
    "id_renew": result("card", "居民身份证", "window", "post"),
    "id_replace": result("card", "居民身份证", "window", "post"),
    "hukou_move_in": result("registration", "居民户口簿（迁入登记）", "window"),
    "hukou_book_replace": result("card", "居民户口簿", "window", "post"),
    "birth_cert_reissue": result("certificate", "出生医学证明", "window", "post"),
    "marriage_cert_reissue": result("certificate", "结婚证或离婚证", "window", "post"),
    "teacher_cert": result("certificate", "教师资格证书", "window", "post", "elicense"),
    "unemployment_reg": result("registration", "失业登记（记入就业创业证）", "elicense"),
    "employment_card": result("card", "就业创业证", "window", "post", "elicense"),
    "cert_reissue": result("certificate", "职业资格证书", "window", "post"),
    "ssc_apply": result("card", "社会保障卡", "window", "post"),
    "pension_transfer": result("decision", "养老保险关系转移接续联系函", "elicense"),
    "medins_transfer": result("decision", "基本医疗保险参保凭证", "elicense"),
    "medins_remote": result("registration", "异地就医备案登记", "elicense"),
    "injury_recognition": result("decision", "工伤认定决定书", "window", "post"),
    "disability_card_renew": result("card", "中华人民共和国残疾人证", "window", "post"),
    "individual_business": result("licence", "营业执照", "window", "post", "elicense"),
    "food_license": result("licence", "食品经营许可证", "window", "post", "elicense"),
}


def apply_tongban(it: dict[str, Any], key: str) -> None:
    """Write the item's 通办 and 办理结果; a result that can be posted replaces the form's own
    领取方式 field (the terminal asks how, and for the address, itself)."""
    if key in TONGBAN:
        it["tongban"] = json.loads(json.dumps(TONGBAN[key]))
    if key in RESULT:
        it["result"] = dict(RESULT[key])
        if "post" in RESULT[key]["delivery"]:
            it["form"]["fields"] = [f for f in it["form"]["fields"] if f["name"] != "delivery"]


# ---------------------------------------------------------------------------------------------
# 委托代办: who may apply for someone else, and how consent is shown
CARD_QR = ("card", "qr_authorisation")
CARD_QR_POA = ("card", "qr_authorisation", "power_of_attorney")
PHOTO_PRINTS = "须本人到场采集人像和指纹"
AGENT: dict[str, dict[str, Any]] = {
    # in person: biometrics taken, a declaration before the registrar, a contract signed
    **{
        k: {"allowed": False, "reason_in_person": PHOTO_PRINTS}
        for k in ("id_first", "id_renew", "id_replace", "id_temp", "passport", "hk_macau_permit")
    },
    "marriage_reg": {"allowed": False, "reason_in_person": "须男女双方本人亲自到婚姻登记机关"},
    "divorce_reg": {"allowed": False, "reason_in_person": "须男女双方本人亲自到婚姻登记机关"},
    "disability_card": {
        "allowed": False,
        "reason_in_person": "须本人到指定医疗机构进行残疾评定",
    },
    "teacher_cert": {"allowed": False, "reason_in_person": "须本人现场确认并采集照片"},
    "startup_loan": {"allowed": False, "reason_in_person": "须借款人本人面签借款合同"},
    "name_change": {"allowed": False, "reason_in_person": "须本人到场确认并签字"},
    # an agent with the principal's card or QR authorisation
    **{
        k: {"allowed": True, "ways": list(CARD_QR)}
        for k in (
            "elder_allowance",
            "elder_service_subsidy",
            "elder_card",
            "resident_pension_claim",
            "medins_remote",
            "chronic_disease",
            "medical_reimburse",
            "ssc_replace",
            "ssc_report_loss",
            "disability_card_renew",
            "disability_subsidy",
            "assistive_device",
            "medins_enrol",
            "hukou_book_replace",
            "residence_permit",
        )
    },
    # ... or a signed power of attorney as well
    **{
        k: {"allowed": True, "ways": list(CARD_QR_POA)}
        for k in ("gjj_rent", "gjj_purchase", "gjj_retire", "employee_pension", "pension_transfer")
    },
    "realestate_transfer": {"allowed": True, "ways": ["card", "power_of_attorney"]},
    "labor_arbitration": {"allowed": True, "ways": ["power_of_attorney"]},
}


def apply_agent(it: dict[str, Any], key: str) -> None:
    """Write the item's 委托代办 rule; a power of attorney comes with its material."""
    if key not in AGENT:
        return
    it["agent"] = json.loads(json.dumps(AGENT[key]))
    if "power_of_attorney" in AGENT[key].get("ways", ()):
        it["materials"] = [
            *[m for m in it["materials"] if m["material_id"] != "power_of_attorney"],
            m_agent(),
        ]


ZH_ONLY = ["legal_basis"]
"""Official names that stay Chinese on English screens: the titles of laws and regulations."""


def english(it: dict[str, Any], missing: set[str]) -> None:
    """Write the English of every resident-facing string of ``it`` beside it (``<key>_en``),
    from the term table ``tools/sample_catalog_en.py``; a string without an entry goes to
    ``missing``."""

    def en(zh: str) -> str:
        if zh not in EN:
            missing.add(zh)
            return zh
        return EN[zh]

    it["conditions_en"] = [en(c) for c in it["conditions"]]
    it["process_en"] = [en(c) for c in it["process"]]
    it["implementing_body"]["name_en"] = en(it["implementing_body"]["name"])
    it["place"]["address_en"] = en(it["place"]["address"])
    it["place"]["hours_en"] = en(it["place"]["hours"])
    for key in ("legal_time_limit", "promised_time_limit"):
        if it[key].get("note"):
            it[key]["note_en"] = en(it[key]["note"])
    for f in it["fees"]:
        f["name_en"] = en(f["name"])
    for m in it["materials"]:
        m["name_en"] = en(m["name"])
        if m.get("source"):
            m["source_en"] = en(m["source"])
        if m.get("acceptance_standard"):
            m["acceptance_standard_en"] = en(m["acceptance_standard"])
        if m.get("elicense"):
            m["elicense"]["type_name_en"] = en(m["elicense"]["type_name"])
    for f in it["form"]["fields"]:
        if f.get("help"):
            f["help_en"] = en(f["help"])
    if it.get("result"):
        it["result"]["name_en"] = en(it["result"]["name"])
    agent = it.get("agent")
    if agent and agent.get("reason_in_person"):
        agent["reason_in_person_en"] = en(agent["reason_in_person"])
    proxy = (it.get("tongban") or {}).get("proxy")
    if proxy:
        for body in proxy.values():
            body["name_en"] = en(body["name"])
    it["zh_only"] = list(ZH_ONLY)


def build() -> dict[str, Any]:
    items = []
    missing: set[str] = set()
    keys = {id(it): k for k, it in _KEYS.items()}
    for it in ITEMS:
        key = keys.get(id(it), "")
        it = json.loads(json.dumps(it))  # detach shared field/material dicts
        apply_tongban(it, key)
        apply_agent(it, key)
        if it["bundle"]:
            it["bundle"]["items"] = [_KEYS[k]["item_code"] for k in it["bundle"]["items"]]
        english(it, missing)
        items.append(it)
    if missing:
        raise SystemExit(
            "no English in tools/sample_catalog_en.py for:\n" + "\n".join(sorted(missing))
        )
    codes = [i["item_code"] for i in items]
    if len(set(codes)) != len(codes):
        raise SystemExit("duplicate item codes")
    return {"version": CATALOG_VERSION, "items": items}


def render() -> str:
    return json.dumps(build(), ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--check",
        action="store_true",
        help="exit 1 if the JSON on disk differs from what would be built",
    )
    args = ap.parse_args(argv)
    text = render()
    if args.check:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            print(
                f"{OUT.relative_to(ROOT)} is out of date; run tools/build_sample_catalog.py",
                file=sys.stderr,
            )
            return 1
        return 0
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {len(build()['items'])} items to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
