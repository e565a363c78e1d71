"""Service items (政务服务事项): the implementation list (实施清单) and guide (办事指南).

An item's key is ``item_code`` (实施编码, ≤ 36 chars, beginning with the implementing body's
18-char unified social credit code); ``basic_code`` is the 12-char basic code (基本编码).
The wire and file form is the JSON of ``kiosk/schemas/service_item.schema.json``;
:meth:`ServiceItem.from_dict` expects a dict already validated against it
(:func:`kiosk.catalog.validate.validate_items`) and :meth:`ServiceItem.to_dict` gives back the
exact dict, so import → export round-trips.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kiosk.domain.tongban import extra_fields

ITEM_TYPES = {
    "01": "行政许可",
    "05": "行政给付",
    "07": "行政确认",
    "08": "行政奖励",
    "09": "行政裁决",
    "10": "其他行政权力",
    "20": "公共服务",
    "21": "行政备案",
}

PERSON_THEMES = {
    "birth": ("出生", "Birth"),
    "schooling": ("上学", "Schooling"),
    "employment": ("就业", "Employment"),
    "marriage_childbirth": ("婚育", "Marriage and childbirth"),
    "housing": ("住房", "Housing"),
    "household": ("户籍", "Household registration"),
    "social_insurance": ("社保", "Social insurance"),
    "medical_insurance": ("医保", "Medical insurance"),
    "pension": ("养老", "Pension"),
    "disability": ("残疾人", "Disability"),
    "after_death": ("身后事", "After a death"),
}
ENTERPRISE_THEMES = {
    "opening": ("开办", "Opening a business"),
    "change": ("变更", "Changes"),
    "operating_permit": ("经营许可", "Operating permits"),
    "closing": ("注销", "Closing a business"),
}

TIME_UNITS = {
    "working_days": ("个工作日", "working days"),
    # 个自然日, not 天: the unit decides when the deadline falls, so every screen and
    # printout names it exactly (the guide, the screen's guide and the receipt agree)
    "calendar_days": ("个自然日", "calendar days"),
    "immediate": ("即时办结", "on the spot"),
}


@dataclass(frozen=True)
class TimeLimit:
    value: int
    unit: str
    note: str = ""
    note_en: str = ""

    def text_zh(self) -> str:
        if self.unit == "immediate" or self.value == 0:
            return "即时办结"
        return f"{self.value}{TIME_UNITS[self.unit][0]}"

    def text_en(self) -> str:
        if self.unit == "immediate" or self.value == 0:
            return "on the spot"
        unit = TIME_UNITS[self.unit][1]
        return f"1 {unit.removesuffix('s')}" if self.value == 1 else f"{self.value} {unit}"


@dataclass(frozen=True)
class ELicenseRef:
    type_code: str
    type_name: str
    type_name_en: str = ""


@dataclass(frozen=True)
class Material:
    material_id: str
    name: str
    required: bool
    form: str
    medium: str
    copies: int
    source: str = ""
    acceptance_standard: str = ""
    basis: str = ""
    blank_form: str | None = None
    sample: str | None = None
    elicense: ELicenseRef | None = None
    omittable: bool = False
    may_be_missing: bool = False
    supplement_days: int | None = None
    name_en: str = ""
    source_en: str = ""
    acceptance_standard_en: str = ""
    zh_only: bool = False
    """The name is an official title that stays Chinese on English screens."""

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Material:
        el = d.get("elicense")
        return cls(
            material_id=d["material_id"],
            name=d["name"],
            required=bool(d["required"]),
            form=d["form"],
            medium=d["medium"],
            copies=int(d["copies"]),
            source=d.get("source", ""),
            acceptance_standard=d.get("acceptance_standard", ""),
            basis=d.get("basis", ""),
            blank_form=d.get("blank_form"),
            sample=d.get("sample"),
            elicense=ELicenseRef(el["type_code"], el["type_name"], el.get("type_name_en", ""))
            if el
            else None,
            omittable=bool(d.get("omittable", False)),
            may_be_missing=bool(d.get("may_be_missing", False)),
            supplement_days=d.get("supplement_days"),
            name_en=d.get("name_en", ""),
            source_en=d.get("source_en", ""),
            acceptance_standard_en=d.get("acceptance_standard_en", ""),
            zh_only=bool(d.get("zh_only", False)),
        )


@dataclass(frozen=True)
class FieldOption:
    value: str
    label: str
    label_en: str = ""


@dataclass(frozen=True)
class FormField:
    name: str
    label: str
    type: str
    required: bool
    label_en: str = ""
    max_length: int | None = None
    min: float | None = None
    max: float | None = None
    options: tuple[FieldOption, ...] = ()
    prefill: str | None = None
    help: str = ""
    help_en: str = ""
    format: str = ""
    """``digits`` or ``bank_card`` (a text field that takes digits only); empty otherwise."""

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> FormField:
        return cls(
            name=d["name"],
            label=d["label"],
            type=d["type"],
            required=bool(d["required"]),
            label_en=d.get("label_en", ""),
            max_length=d.get("max_length"),
            min=d.get("min"),
            max=d.get("max"),
            options=tuple(
                FieldOption(o["value"], o["label"], o.get("label_en", ""))
                for o in d.get("options", [])
            ),
            prefill=d.get("prefill"),
            help=d.get("help", ""),
            help_en=d.get("help_en", ""),
            format=d.get("format", ""),
        )


@dataclass(frozen=True)
class Commitment:
    """告知承诺: the text the applicant confirms instead of supplying some proof."""

    text: str
    text_en: str = ""
    material_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class ResultDocumentType:
    """The document an instant item issues on the spot (e.g. 社会保险参保证明)."""

    type: str
    title: str
    title_en: str = ""
    fits_receipt: bool = False


@dataclass(frozen=True)
class ServiceItem:
    item_code: str
    basic_code: str
    name: str
    item_type: str
    case_type: str
    legal_time_limit: TimeLimit
    promised_time_limit: TimeLimit
    materials: tuple[Material, ...]
    fields: tuple[FormField, ...]
    commitment: Commitment | None
    bundle_items: tuple[str, ...]
    person_themes: tuple[str, ...]
    enterprise_themes: tuple[str, ...]
    keywords: tuple[str, ...]
    frequent: bool
    raw: dict[str, Any] = field(repr=False, compare=False, hash=False)

    @property
    def name_en(self) -> str:
        return self.raw.get("name_en", "")

    @property
    def conditions(self) -> tuple[str, ...]:
        return tuple(self.raw.get("conditions", []))

    @property
    def conditions_en(self) -> tuple[str, ...]:
        """English of :attr:`conditions`, entry for entry ("" where the catalog has none)."""
        en = self.raw.get("conditions_en", [])
        return tuple(en[i] if i < len(en) else "" for i in range(len(self.conditions)))

    @property
    def zh_only(self) -> frozenset[str]:
        """Paths of official names that stay Chinese on English screens (``"name"``,
        ``"implementing_body.name"``, ``"place.address"``, ``"legal_basis"``, ``"fees.name"``)."""
        return frozenset(self.raw.get("zh_only", []))

    @property
    def kiosk_can_complete(self) -> bool:
        """Whether a terminal may take the application: ``handling_forms`` lists ``kiosk``
        (an item without ``handling_forms`` is not restricted)."""
        forms = self.raw.get("handling_forms")
        return forms is None or "kiosk" in forms

    @property
    def item_type_name(self) -> str:
        return ITEM_TYPES.get(self.item_type, self.item_type)

    @property
    def instant(self) -> bool:
        """即时办结 at the terminal: the platform issues the result document on the spot."""
        return self.raw.get("instant") is True and bool(self.raw.get("result_document"))

    @property
    def result_document(self) -> ResultDocumentType | None:
        d = self.raw.get("result_document") if self.raw.get("instant") is True else None
        if not d:
            return None
        return ResultDocumentType(
            d["type"], d["title"], d.get("title_en", ""), bool(d.get("fits_receipt"))
        )

    @property
    def is_bundle(self) -> bool:
        return bool(self.bundle_items)

    @property
    def total_fee_yuan(self) -> float:
        return float(sum(f["amount_yuan"] for f in self.raw.get("fees", [])))

    def material(self, material_id: str) -> Material | None:
        return next((m for m in self.materials if m.material_id == material_id), None)

    def form_field(self, name: str) -> FormField | None:
        return next((f for f in self.fields if f.name == name), None)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ServiceItem:
        c = d.get("commitment")
        themes = d.get("themes", {})
        return cls(
            item_code=d["item_code"],
            basic_code=d["basic_code"],
            name=d["name"],
            item_type=d["item_type"],
            case_type=d["case_type"],
            legal_time_limit=TimeLimit(**d["legal_time_limit"]),
            promised_time_limit=TimeLimit(**d["promised_time_limit"]),
            materials=tuple(Material.from_dict(m) for m in d.get("materials", [])),
            fields=tuple(FormField.from_dict(f) for f in d["form"]["fields"])
            + tuple(FormField.from_dict(f) for f in extra_fields(d)),
            commitment=Commitment(c["text"], c.get("text_en", ""), tuple(c.get("material_ids", [])))
            if c
            else None,
            bundle_items=tuple((d.get("bundle") or {}).get("items", [])),
            person_themes=tuple(themes.get("person", [])),
            enterprise_themes=tuple(themes.get("enterprise", [])),
            keywords=tuple(d.get("keywords", [])),
            frequent=bool(d.get("frequent", False)),
            raw=d,
        )

    def to_dict(self) -> dict[str, Any]:
        return self.raw
