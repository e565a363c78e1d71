"""Validation of service items against the published JSON Schema and the catalog's own rules.

Problems name the item (its index and ``item_code``) and the field, so a technician can find
them in the file. Nothing is stored unless the whole set validates.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator

MAX_PROBLEMS = 50


@dataclass(frozen=True)
class ItemProblem:
    index: int | None
    item_code: str | None
    field: str
    message: str

    def __str__(self) -> str:
        where = "catalog" if self.index is None else f"item #{self.index + 1}"
        if self.item_code:
            where += f" ({self.item_code[:40]})"
        return f"{where}: {self.field}: {self.message}"


class CatalogInvalid(ValueError):
    def __init__(self, problems: list[ItemProblem]) -> None:
        self.problems = problems
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(f"{problems[0]}{more}")


@cache
def item_schema() -> dict[str, Any]:
    text = resources.files("kiosk.schemas").joinpath("service_item.schema.json").read_text("utf-8")
    return json.loads(text)


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(item_schema())


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _schema_problems(index: int, d: dict[str, Any]) -> list[ItemProblem]:
    code = d.get("item_code") if isinstance(d.get("item_code"), str) else None
    out = []
    for err in sorted(_validator().iter_errors(d), key=lambda e: list(map(str, e.path))):
        path = ".".join(str(p) for p in err.absolute_path) or "(item)"
        if err.validator == "maxLength":
            msg = f"too long ({len(err.instance)} characters; at most {err.validator_value})"
        elif err.validator == "required":
            msg = err.message.replace(" is a required property", " is required")
        elif err.validator == "additionalProperties":
            msg = err.message
        elif err.validator in ("type", "enum", "pattern", "const", "minimum", "maximum"):
            msg = f"{_short(err.instance)} is not valid ({err.validator}: {_short(err.validator_value)})"
        else:
            msg = err.message if len(err.message) < 200 else err.message[:197] + "..."
        out.append(ItemProblem(index, code, path, msg))
        if len(out) >= 10:
            break
    return out


def _rule_problems(index: int, d: dict[str, Any]) -> list[ItemProblem]:
    code = d["item_code"]
    out: list[ItemProblem] = []
    if not code.startswith(d["implementing_body"]["code"]):
        out.append(
            ItemProblem(
                index,
                code,
                "item_code",
                "must begin with implementing_body.code (the body's credit code)",
            )
        )
    seen: set[str] = set()
    for i, f in enumerate(d["form"]["fields"]):
        if f["name"] in seen:
            out.append(
                ItemProblem(index, code, f"form.fields.{i}.name", f"duplicate field {f['name']!r}")
            )
        seen.add(f["name"])
        if f["type"] == "enum" and not f.get("options"):
            out.append(
                ItemProblem(index, code, f"form.fields.{i}.options", "an enum field needs options")
            )
    mids: set[str] = set()
    for i, m in enumerate(d["materials"]):
        if m["material_id"] in mids:
            out.append(
                ItemProblem(
                    index,
                    code,
                    f"materials.{i}.material_id",
                    f"duplicate material {m['material_id']!r}",
                )
            )
        mids.add(m["material_id"])
        if m.get("may_be_missing") and not m.get("supplement_days"):
            out.append(
                ItemProblem(
                    index,
                    code,
                    f"materials.{i}.supplement_days",
                    "required when may_be_missing is true",
                )
            )
    c = d.get("commitment")
    if c:
        for mid in c.get("material_ids", []):
            if mid not in mids:
                out.append(
                    ItemProblem(
                        index,
                        code,
                        "commitment.material_ids",
                        f"refers to unknown material {mid!r}",
                    )
                )
    return out


def validate_items(items: Any, context: list[dict[str, Any]] | None = None) -> list[ItemProblem]:
    """All problems of ``items`` (empty when valid).

    ``context`` is the catalog the items will be part of (for a delta); bundle references must
    resolve within it (or within ``items`` for a full set).
    """
    if not isinstance(items, list):
        return [ItemProblem(None, None, "items", "expected a list of items")]
    problems: list[ItemProblem] = []
    codes: dict[str, int] = {}
    basic_codes_ok = True
    for i, d in enumerate(items):
        if not isinstance(d, dict):
            problems.append(
                ItemProblem(i, None, "(item)", f"expected an object, got {type(d).__name__}")
            )
            continue
        schema_problems = _schema_problems(i, d)
        problems.extend(schema_problems)
        if schema_problems:
            basic_codes_ok = False
        else:
            problems.extend(_rule_problems(i, d))
        code = d.get("item_code")
        if isinstance(code, str):
            if code in codes:
                problems.append(
                    ItemProblem(i, code, "item_code", f"duplicate: also item #{codes[code] + 1}")
                )
            else:
                codes[code] = i
        if len(problems) >= MAX_PROBLEMS:
            return problems
    if basic_codes_ok:
        known = set(codes) | {
            d["item_code"] for d in (context or []) if isinstance(d, dict) and "item_code" in d
        }
        for i, d in enumerate(items):
            for ref in (d.get("bundle") or {}).get("items", []):
                if ref not in known:
                    problems.append(
                        ItemProblem(
                            i, d["item_code"], "bundle.items", f"refers to unknown item {ref!r}"
                        )
                    )
                if ref == d["item_code"]:
                    problems.append(
                        ItemProblem(
                            i, d["item_code"], "bundle.items", "a bundle cannot contain itself"
                        )
                    )
    return problems
