"""A catalog file read one item at a time (``kiosk catalog import`` of any size in little
memory): the same items as ``json.load`` whatever the chunk boundaries, the same refusals as
the whole-file reader, and a refused file leaves the last good catalog serving."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import kiosk.catalog.stream as stream_mod
from kiosk.catalog.generator import generate_items
from kiosk.catalog.sample import sample_catalog_path
from kiosk.catalog.stream import stream_catalog_file
from kiosk.catalog.validate import CatalogInvalid
from kiosk.config import KioskConfig
from kiosk.store.db import Store

from .conftest import make_item


def read_all(path: Path) -> tuple[list[Any], int | None]:
    s = stream_catalog_file(path)
    items = list(s.items())
    return items, s.version


@pytest.mark.parametrize("chunk", [7, 64, 65536])
def test_the_sample_catalog_streams_to_the_same_items_at_any_chunk_size(
    monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    # 7-byte chunks cut through three-byte Chinese characters, strings and numbers
    monkeypatch.setattr(stream_mod, "CHUNK_BYTES", chunk)
    path = sample_catalog_path()
    whole = json.loads(path.read_text("utf-8"))
    items, version = read_all(path)
    assert items == whole["items"] and version == whole["version"]


def test_version_after_the_items_other_keys_and_a_bare_list(tmp_path: Path) -> None:
    items = generate_items(30, seed=5)
    f = tmp_path / "after.json"
    f.write_text(json.dumps({"items": items, "note": {"x": [1, 2]}, "version": 9}), "utf-8")
    assert read_all(f) == (items, 9)
    f.write_text(json.dumps(items), "utf-8")
    assert read_all(f) == (items, None)
    f.write_text('{"version": 3, "items": []}', "utf-8")
    assert read_all(f) == ([], 3)


@pytest.mark.parametrize(
    "content, words",
    [
        (b'{"version": 1, "items": [{"a": 1}, {"b": "\xff"}]}', "UTF-8 (byte 42)"),
        (b'{"version": 1, "items": [{"a": 1},', "not valid JSON"),
        (b'[{"a": 1}] [2]', "extra data"),
        (b'{"items": [], "items": []}', 'two "items"'),
        (b'{"itemz": []}', "expected"),
        (b'{"version": -1, "items": []}', "version"),
        (b'{"version": "7", "items": []}', "version"),
        (b"[" + b"[" * 100_000 + b"]" * 100_000 + b"]", "nested too deeply"),
        (b'[{"fee": NaN}]', "NaN"),
        (b'[{"n": ' + b"9" * 5000 + b"}]", "digits"),
        (b"", "expected"),
    ],
)
def test_hostile_files_are_refused_with_one_line(
    tmp_path: Path, content: bytes, words: str
) -> None:
    f = tmp_path / "bad.json"
    f.write_bytes(content)
    with pytest.raises(CatalogInvalid) as exc:
        read_all(f)
    assert words in str(exc.value)
    assert len(str(exc.value).splitlines()) == 1


def test_a_refused_import_rolls_back_and_the_last_good_catalog_serves(
    tmp_path: Path, cfg: KioskConfig
) -> None:
    store = Store.open(tmp_path / "d", cfg)
    try:
        good = [make_item(1), make_item(2)]
        store.catalog.replace_all(good, version=4, source="platform")
        items = generate_items(600, seed=2)
        items[500] = {**items[500], "visits": "many"}  # refused late in the stream
        f = tmp_path / "late.json"
        f.write_text(json.dumps({"version": 5, "items": items}, ensure_ascii=False), "utf-8")
        s = stream_catalog_file(f)
        with pytest.raises(CatalogInvalid, match="visits"):
            store.catalog.import_stream(s.items(), lambda: s.version, "import:late")
        assert store.catalog.version() == 4
        assert [d["item_code"] for d in store.catalog.item_dicts()] == sorted(
            d["item_code"] for d in good
        )
        # a good file goes in whole, with its counts
        items[500] = generate_items(600, seed=2)[500]
        f.write_text(json.dumps({"version": 5, "items": items}, ensure_ascii=False), "utf-8")
        s = stream_catalog_file(f)
        change = store.catalog.import_stream(s.items(), lambda: s.version, "import:good")
        assert (change.version, change.total, change.withdrawn) == (5, 600, 2)
        assert store.catalog.count() == 600
        # an older version is refused after the items were read, and nothing changes
        f.write_text(json.dumps({"items": [make_item(9)], "version": 3}), "utf-8")
        s = stream_catalog_file(f)
        with pytest.raises(CatalogInvalid, match="older"):
            store.catalog.import_stream(s.items(), lambda: s.version, "import:old")
        assert store.catalog.count() == 600 and store.catalog.version() == 5
    finally:
        store.close()
