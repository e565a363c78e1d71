"""Validation of service items against the published JSON Schema and the catalog's own rules.

Problems name the item (its index and ``item_code``) and the field, so a technician can find
them in the file. Nothing is stored unless the whole set validates.

The schema is checked by a compiled validator first (``jsonschema-rs``: 0.06 s for 10,000
generated items where ``jsonschema`` takes 7 s and ``fastjsonschema`` 0.64 s); only an item it
refuses goes through ``jsonschema`` for the detailed, field-by-field problems. Beyond the schema: characters (no control,
bidi-override or unencodable characters in any text, English included; no whitespace in a
code; an English list entry for entry with its Chinese one), real dates with
the end not before the start, ``min`` ≤ ``max``, finite numbers, bundle references that exist
and form no cycle, and never an empty catalog.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator

from kiosk.catalog.regions import RegionUnknown, region_table
from kiosk.domain.delegation import catalog_problems as agent_problems
from kiosk.domain.text import bad_characters
from kiosk.domain.tongban import RESERVED_FIELDS

MAX_PROBLEMS = 50
MAX_NUMBER = 1e15
"""The largest magnitude of a number in an item (a form field's ``min``/``max``, a fee)."""


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
        text = f"{where}: {self.field}: {self.message}"
        # printable whatever the file held (a lone surrogate in a code, an odd file name)
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


class CatalogInvalid(ValueError):
    def __init__(self, problems: list[ItemProblem]) -> None:
        self.problems = problems
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(f"{problems[0]}{more}")


@cache
def item_schema() -> dict[str, Any]:
    text = resources.files("kiosk.schemas").joinpath("service_item.schema.json").read_text("utf-8")
    return json.loads(text)


def schema_version() -> int:
    """The published item schema's version (``x-schema-version``): 2 added ``tongban`` and
    ``result``, 3 ``agent`` (委托代办)."""
    return int(item_schema().get("x-schema-version", 1))


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(item_schema())


@cache
def _fast_check() -> Any:
    """The schema compiled by jsonschema-rs (None when it is not installed)."""
    try:
        import jsonschema_rs
    except ImportError:  # pragma: no cover - a dependency; jsonschema alone is only slower
        return None
    return jsonschema_rs.validator_for(item_schema())


def _fast_error(d: dict[str, Any]) -> str | None:
    """None when ``d`` meets the schema; else why not (``"unchecked"`` without jsonschema-rs)."""
    check = _fast_check()
    if check is None:
        return "unchecked"
    try:
        if check.is_valid(d):
            return None
        err = next(iter(check.iter_errors(d)))
        where = ".".join(map(str, err.instance_path)) or "(item)"
        return f"{where}: {err.message[:200]}"
    except Exception as exc:  # a value it cannot take (a lone surrogate in a key, deep nesting)
        return str(exc)[:200]


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _schema_problems(index: int, d: dict[str, Any]) -> list[ItemProblem]:
    fast = _fast_error(d)
    if fast is None:
        return []
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
    if not out and fast != "unchecked":  # what jsonschema lets through ($ before a newline)
        out.append(ItemProblem(index, code, "(item)", fast))
    return out


def _string_path(value: Any, path: str = "") -> str | None:
    """Where in ``value`` a key or string carries a character no text may carry."""
    if isinstance(value, str):
        return path if bad_characters(value, multiline=True) else None
    if isinstance(value, dict):
        for k, v in value.items():
            if isinstance(k, str) and bad_characters(k, multiline=True):
                return f"{path}.{ascii(k)}".lstrip(".")
            found = _string_path(v, f"{path}.{k}".lstrip("."))
            if found is not None:
                return found
    if isinstance(value, list):
        for i, v in enumerate(value):
            found = _string_path(v, f"{path}.{i}".lstrip("."))
            if found is not None:
                return found
    return None


def _character_problems(index: int, d: dict[str, Any]) -> list[ItemProblem]:
    # Dumped with ensure_ascii=False, an item is printable text unless a string holds a
    # control (written \u00XX, \b or \f), a format, private-use or unassigned character, a
    # lone surrogate, or a space other than U+0020 (U+3000 is fine: the walk clears it).
    text = json.dumps(d, ensure_ascii=False, check_circular=False)
    if text.isprintable() and "\\u00" not in text and "\\b" not in text and "\\f" not in text:
        return []
    where = _string_path(d)
    if where is None:  # a false alarm: an ideographic space, a backslash before "b"
        return []
    code = d.get("item_code") if isinstance(d.get("item_code"), str) else None
    if code is not None and bad_characters(code, multiline=True):
        code = ascii(code)
    return [
        ItemProblem(
            index, code, where, "contains a control, bidi-override or unencodable character"
        )
    ]


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _number_ok(v: Any) -> bool:
    return v is None or (isinstance(v, (int, float)) and math.isfinite(v) and abs(v) <= MAX_NUMBER)


def _semantic_problems(index: int, d: dict[str, Any]) -> list[ItemProblem]:
    """Codes without whitespace, real dates in order, finite numbers, ``min`` ≤ ``max``."""
    code = d["item_code"]
    out: list[ItemProblem] = []

    def add(where: str, msg: str) -> None:
        out.append(ItemProblem(index, code, where, msg))

    codes = [("item_code", code), ("basic_code", d["basic_code"])]
    codes += [
        (f"materials.{i}.material_id", m["material_id"]) for i, m in enumerate(d["materials"])
    ]
    codes += [(f"form.fields.{i}.name", f["name"]) for i, f in enumerate(d["form"]["fields"])]
    for where, value in codes:
        if not value.isascii() or not value.isprintable() or " " in value:
            add(where, "a code cannot contain spaces or line breaks")
    start = _date(d["effective_from"])
    if start is None:
        add("effective_from", f"{d['effective_from']!r} is not a date")
    end_text = d.get("effective_to")
    if end_text is not None:
        end = _date(end_text)
        if end is None:
            add("effective_to", f"{end_text!r} is not a date")
        elif start is not None and end < start:
            add("effective_to", "ends before effective_from")
    for i, fee in enumerate(d["fees"]):
        if not _number_ok(fee["amount_yuan"]):
            add(f"fees.{i}.amount_yuan", "must be a finite number")
    for i, f in enumerate(d["form"]["fields"]):
        lo, hi = f.get("min"), f.get("max")
        if not _number_ok(lo) or not _number_ok(hi):
            add(f"form.fields.{i}", f"min and max must be finite numbers up to {MAX_NUMBER:g}")
        elif lo is not None and hi is not None and lo > hi:
            add(f"form.fields.{i}.min", f"min {lo:g} is above max {hi:g}")
    return out


def _rule_problems(index: int, d: dict[str, Any]) -> list[ItemProblem]:
    code = d["item_code"]
    out: list[ItemProblem] = _semantic_problems(index, d)
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
    for key in ("conditions", "process"):
        en = d.get(f"{key}_en")
        if en is not None and len(en) != len(d.get(key, [])):
            out.append(
                ItemProblem(
                    index,
                    code,
                    f"{key}_en",
                    f"has {len(en)} entries; {key} has {len(d.get(key, []))}",
                )
            )
    out += _instant_problems(index, d)
    out += _tongban_problems(index, d)
    out += [ItemProblem(index, code, w, m) for w, m in agent_problems(d)]
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


def _instant_problems(index: int, d: dict[str, Any]) -> list[ItemProblem]:
    """An instant item (即时办结 at the terminal) names its result document, is a 即办件 the
    terminal may complete, and is not a bundle; a result document belongs to an instant item."""
    code = d["item_code"]
    instant = d.get("instant") is True
    doc = d.get("result_document")
    out: list[ItemProblem] = []

    def add(where: str, msg: str) -> None:
        out.append(ItemProblem(index, code, where, msg))

    if instant and not doc:
        add("result_document", "required when instant is true (the document the item issues)")
    if doc and not instant:
        add("result_document", "only an instant item issues a result document (instant: true)")
    if instant:
        if d.get("case_type") != "即办件":
            add("case_type", "an instant item must be 即办件")
        forms = d.get("handling_forms")
        if forms is not None and "kiosk" not in forms:
            add("handling_forms", "an instant item must list kiosk (the terminal completes it)")
        if d.get("bundle"):
            add("bundle", "an instant item cannot be a bundle")
    return out


def _tongban_problems(index: int, d: dict[str, Any]) -> list[ItemProblem]:
    """通办 and 办理结果: region codes that exist today (GB/T 2260; a historical one names its
    successor), the receiving and handling bodies exactly when 异地代收代办 is a mode, and no
    form field under a name the terminal adds itself for them."""
    code = d["item_code"]
    tb = d.get("tongban")
    out: list[ItemProblem] = []

    def add(where: str, msg: str) -> None:
        out.append(ItemProblem(index, code, where, msg))

    if tb:
        table = region_table()
        for i, rc in enumerate(tb.get("regions", [])):
            try:
                r = table.lookup(rc)
            except RegionUnknown as exc:
                add(f"tongban.regions.{i}", exc.message_en)
                continue
            if r.replaced:
                add(
                    f"tongban.regions.{i}",
                    f"region code {rc} is historical ({table.historical[rc]['until']}); "
                    f"use {r.code} ({r.full_name})",
                )
        proxy = "异地代收代办" in tb["modes"]
        if proxy and not tb.get("proxy"):
            add(
                "tongban.proxy", "required with the mode 异地代收代办 (receiving and handling body)"
            )
        if tb.get("proxy") and not proxy:
            add("tongban.proxy", "only an item with the mode 异地代收代办 names a proxy")
    if tb or d.get("result"):
        for i, f in enumerate(d["form"]["fields"]):
            if f["name"] in RESERVED_FIELDS:
                add(
                    f"form.fields.{i}.name",
                    f"{f['name']!r} is added by the terminal for 通办 and 办理结果; rename it",
                )
    return out


def _bundle_cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """The cycles among bundles (each as the codes along it, the first repeated at the end)."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    cycles: list[list[str]] = []
    for root in graph:
        if root in state:
            continue
        path: list[str] = []
        stack: list[tuple[str, int]] = [(root, 0)]
        while stack:
            node, i = stack.pop()
            if i == 0:
                state[node] = 1
                path.append(node)
            refs = graph.get(node, [])
            if i < len(refs):
                stack.append((node, i + 1))
                nxt = refs[i]
                if state.get(nxt) == 1 and nxt != node:
                    cycles.append([*path[path.index(nxt) :], nxt])
                elif nxt not in state and nxt in graph:
                    stack.append((nxt, 0))
            else:
                state[node] = 2
                path.pop()
    return cycles


class ItemChecker:
    """Checks items one at a time (a streamed import), then what needs them all (bundle
    references and cycles, an empty catalog) in :meth:`finish`. Keeps only codes and bundle
    references between items."""

    def __init__(self) -> None:
        self.problems: list[ItemProblem] = []
        self.codes: dict[str, int] = {}
        self.bundles: dict[str, list[str]] = {}
        self.count = 0
        self._basic_codes_ok = True

    @property
    def full(self) -> bool:
        return len(self.problems) >= MAX_PROBLEMS

    def add(self, d: Any) -> bool:
        """Check the next item; True when it is valid (so far as one item can be)."""
        i = self.count
        self.count += 1
        before = len(self.problems)
        problems = self.problems
        if not isinstance(d, dict):
            problems.append(
                ItemProblem(i, None, "(item)", f"expected an object, got {type(d).__name__}")
            )
            self._basic_codes_ok = False
            return False
        char_problems = _character_problems(i, d)
        problems.extend(char_problems)
        schema_problems = _schema_problems(i, d)
        problems.extend(schema_problems)
        if schema_problems or char_problems:
            self._basic_codes_ok = False
        else:
            problems.extend(_rule_problems(i, d))
        code = d.get("item_code")
        if isinstance(code, str) and not char_problems:
            if code in self.codes:
                problems.append(
                    ItemProblem(
                        i, code, "item_code", f"duplicate: also item #{self.codes[code] + 1}"
                    )
                )
            else:
                self.codes[code] = i
            refs = (d.get("bundle") or {}).get("items", []) if not schema_problems else []
            if refs:
                self.bundles[code] = list(refs)
        return len(self.problems) == before

    def finish(self, context: list[dict[str, Any]] | None = None) -> list[ItemProblem]:
        """All problems, with the checks across items. ``context``: the catalog a delta will
        be part of (references resolve within it); None for a full set."""
        problems = self.problems
        if self.full:
            return problems
        if context is None and not self.count:
            return [ItemProblem(None, None, "items", "the catalog would be empty; refused")]
        if not self._basic_codes_ok:
            return problems
        if context is None:
            graph = {code: self.bundles.get(code, []) for code in self.codes}
        else:
            graph = {
                d["item_code"]: list((d.get("bundle") or {}).get("items", []))
                for d in context
                if isinstance(d, dict) and isinstance(d.get("item_code"), str)
            }
        known = set(self.codes) | set(graph)
        for code, refs in self.bundles.items():
            i = self.codes[code]
            for ref in refs:
                if ref not in known:
                    problems.append(
                        ItemProblem(i, code, "bundle.items", f"refers to unknown item {ref!r}")
                    )
                if ref == code:
                    problems.append(
                        ItemProblem(i, code, "bundle.items", "a bundle cannot contain itself")
                    )
        for cycle in _bundle_cycles(graph):
            problems.append(
                ItemProblem(
                    self.codes.get(cycle[0]),
                    cycle[0],
                    "bundle.items",
                    "bundles contain each other: " + " → ".join(cycle),
                )
            )
        return problems


def validate_items(items: Any, context: list[dict[str, Any]] | None = None) -> list[ItemProblem]:
    """All problems of ``items`` (empty when valid).

    ``context`` is the catalog the items will be part of (for a delta); bundle references must
    resolve within it (or within ``items`` for a full set), and it must not be empty.
    """
    if not isinstance(items, list):
        return [ItemProblem(None, None, "items", "expected a list of items")]
    whole = items if context is None else context
    if not whole:
        return [ItemProblem(None, None, "items", "the catalog would be empty; refused")]
    checker = ItemChecker()
    for d in items:
        checker.add(d)
        if checker.full:
            break
    return checker.finish(context)
