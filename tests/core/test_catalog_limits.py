"""Hostile and nonsensical catalogs: a clear refusal (exit 4, one line), the old catalog kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.catalog.files import read_catalog_file
from kiosk.catalog.validate import CatalogInvalid, validate_items
from kiosk.store.db import Store

from .conftest import make_item
from .test_cli_core import run


def bundle(n: int, *refs: int) -> dict:
    return make_item(n, bundle={"items": [make_item(r)["item_code"] for r in refs]})


def problems_of(items: list) -> str:
    return "\n".join(str(p) for p in validate_items(items))


def with_field(**over) -> dict:
    f = {"name": "age", "label": "年龄", "type": "number", "required": True} | over
    it = make_item(1)
    it["form"]["fields"].append(f)
    return it


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ([make_item(1, effective_from="2024-13-01")], "effective_from"),
        ([make_item(1, effective_to="2023-12-31")], "ends before effective_from"),
        ([make_item(1, effective_to="2025-02-30")], "effective_to"),
        ([with_field(min=10, max=1)], "above max"),
        ([with_field(min=float("nan"))], "min"),
        ([with_field(max=10**30)], "finite"),
        ([make_item(1, fees=[{"name": "工本费", "amount_yuan": float("nan")}])], "amount_yuan"),
        ([make_item(1, fees=[{"name": "工本费", "amount_yuan": float("inf")}])], "fees"),
        ([make_item(1, item_code=make_item(1)["item_code"] + "\n")], "item_code"),
        ([make_item(1, basic_code="000111000001\n")], "basic_code"),
        ([bundle(1, 2, 3), bundle(2, 1, 3), make_item(3)], "bundles contain each other"),
        ([bundle(1, 2, 3), bundle(2, 3, 4), bundle(3, 4, 1), make_item(4)], "→"),
        ([bundle(1, 2, 9), make_item(2)], "unknown item"),
        ([], "empty"),
        ([make_item(1), 7], "expected an object"),
        ([make_item(1), "x"], "expected an object"),
        ([make_item(1, name="身份证\ud800")], "unencodable"),
        ([make_item(1, name="身份证\u202e")], "bidi"),
        ([make_item(1, name="身份证\x1b@")], "control"),
        ([{**make_item(1), "\ud800": 1}], "(item"),
    ],
)
def test_semantic_problems_are_found(items: list, expected: str) -> None:
    found = problems_of(items)
    assert expected in found
    found.encode("utf-8")  # printable, whatever the items held


def test_a_good_catalog_and_multiline_text_stay_valid() -> None:
    it = make_item(1, conditions=["第一条\n第二条\t说明", "全角　空格"])
    assert validate_items([it, bundle(2, 1, 3), make_item(3)]) == []


def test_an_empty_delta_is_fine_but_an_emptied_catalog_is_not(store: Store) -> None:
    code = make_item(1)["item_code"]
    assert validate_items([], context=[make_item(1)]) == []
    before = store.catalog.count()
    everything = [d["item_code"] for d in store.catalog.item_dicts()]
    with pytest.raises(CatalogInvalid, match="empty"):
        store.catalog.apply_delta(store.catalog.version() + 1, False, [], everything)
    with pytest.raises(CatalogInvalid, match="empty"):
        store.catalog.replace_all([], version=99)
    assert store.catalog.count() == before and store.catalog.get(code) is not None


def test_the_version_never_goes_backwards(store: Store) -> None:
    assert store.catalog.version() == 7
    with pytest.raises(CatalogInvalid, match="older"):
        store.catalog.replace_all([make_item(5)], version=6)
    assert store.catalog.version() == 7
    assert store.catalog.replace_all([make_item(5)], version=7).version == 7  # the same is fine
    assert store.catalog.replace_all([make_item(5)]).version == 8  # no number: the next one


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b'{"version": 1, "items": [{"visits": ' + b"9" * 5000 + b"}]}", "integer"),
        (b'{"version": 1, "items": [{"visits": ' + b"9" * 40 + b"}]}", "integer"),
        (b'[{"fee": NaN}]', "NaN"),
        (b'[{"fee": -Infinity}]', "Infinity"),
    ],
)
def test_hostile_json_is_refused_when_read(tmp_path: Path, content: bytes, expected: str) -> None:
    f = tmp_path / "c.json"
    f.write_bytes(content)
    with pytest.raises(CatalogInvalid, match=expected):
        read_catalog_file(f)


def test_the_cli_refuses_each_in_one_line_and_keeps_the_catalog(tmp_path: Path) -> None:
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"version": 5, "items": [make_item(1)]}), encoding="utf-8")
    assert run(tmp_path / "d", "catalog", "import", str(good)).returncode == 0
    cases = {
        "deep.json": b'{"version": 6, "items": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
        "bigint.json": b'{"version": 6, "items": [{"visits": ' + b"7" * 5000 + b"}]}",
        "notobj.json": b'{"version": 6, "items": [42]}',
        "surrogate.json": json.dumps(
            {"version": 6, "items": [make_item(2, name="证\ud800")]}
        ).encode(),
        "month13.json": json.dumps(
            {"version": 6, "items": [make_item(2, effective_from="2024-13-01")]}
        ).encode(),
        "empty.json": b'{"version": 6, "items": []}',
        "older.json": json.dumps({"version": 4, "items": [make_item(2)]}).encode(),
    }
    for name, content in cases.items():
        f = tmp_path / name
        f.write_bytes(content)
        for cmd in ("import", "validate"):
            r = run(tmp_path / "d", "catalog", cmd, str(f))
            if cmd == "validate" and name == "older.json":
                assert r.returncode == 0, r.stderr  # a file alone has no "before"
                continue
            assert r.returncode == 4, (name, cmd, r.stderr)
            assert "Traceback" not in r.stderr, (name, cmd, r.stderr[-500:])
            lines = (r.stderr + r.stdout).strip().splitlines()
            assert len(lines) == 1, (name, cmd, lines)
            if cmd == "import":
                assert "unchanged" in r.stderr
    r = run(tmp_path / "d", "catalog", "export")
    out = json.loads(r.stdout)
    assert out["version"] == 5 and [i["item_code"] for i in out["items"]] == [
        make_item(1)["item_code"]
    ]
