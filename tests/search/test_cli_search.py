"""``kiosk catalog search`` as a resident's technician would run it (real subprocess)."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

from kiosk.catalog.sample import load_sample_items

Kiosk = Callable[..., subprocess.CompletedProcess]


def test_sfz_json_returns_resident_id_items_first(
    tmp_path: Path, kiosk: Kiosk, resident_id_items: set[str]
) -> None:
    r = kiosk("catalog", "search", "sfz", "--json", data_dir=tmp_path)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["catalog"] == "store" and out["query"] == "sfz"
    names = [h["name"] for h in out["hits"]]
    assert set(names[:4]) == resident_id_items
    assert out["count"] == len(out["hits"])
    first = out["hits"][0]
    assert first["item_code"] and first["matched_by"] == "initials" and first["name_en"]


def test_fresh_data_dir_every_command_serves_the_same_catalog(tmp_path: Path, kiosk: Kiosk) -> None:
    """One serving catalog: on a fresh data directory search, export and status all see the
    bundled sample (as ``kiosk run`` does), whichever command runs first."""
    first = tmp_path / "export-first"
    r = kiosk("catalog", "export", data_dir=first)
    assert r.returncode == 0, r.stderr
    exported = json.loads(r.stdout)
    codes = {i["item_code"] for i in exported["items"]}
    assert len(codes) == len(load_sample_items()) == 109
    assert exported["version"] >= 1
    r = kiosk("catalog", "search", "sfz", "--json", data_dir=first)
    hits = json.loads(r.stdout)["hits"]
    assert hits and {h["item_code"] for h in hits} <= codes

    second = tmp_path / "search-first"
    r = kiosk("catalog", "search", "开公司", "--json", data_dir=second)
    assert r.returncode == 0, r.stderr
    hit = json.loads(r.stdout)["hits"][0]["item_code"]
    r = kiosk("catalog", "export", data_dir=second)
    assert hit in {i["item_code"] for i in json.loads(r.stdout)["items"]}
    r = kiosk("status", "--json", data_dir=second)
    assert json.loads(r.stdout)["catalog"] == {"version": exported["version"], "items": 109}


def test_plain_output_and_limit(tmp_path: Path, kiosk: Kiosk) -> None:
    r = kiosk("catalog", "search", "开公司", "--limit", "2", data_dir=tmp_path)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.strip().splitlines()
    assert len(lines) == 2
    assert "企业开办一件事" in lines[0] and "[一件事]" in lines[0]


def test_no_match_exits_3(tmp_path: Path, kiosk: Kiosk) -> None:
    r = kiosk("catalog", "search", "qqqqxxxxzzzz", "--json", data_dir=tmp_path)
    assert r.returncode == 3
    assert json.loads(r.stdout)["hits"] == []
    assert "没有找到" in r.stderr
    r = kiosk("catalog", "search", "\x01.*[", data_dir=tmp_path)
    assert r.returncode == 3 and "Traceback" not in r.stderr


def test_usage_errors_exit_2(tmp_path: Path, kiosk: Kiosk) -> None:
    assert kiosk("catalog", "search", data_dir=tmp_path).returncode == 2
    r = kiosk("catalog", "search", "sfz", "--theme", "nope", data_dir=tmp_path)
    assert r.returncode == 2 and "birth" in r.stderr
    assert kiosk("catalog", "search", "sfz", "--limit", "0", data_dir=tmp_path).returncode == 2


def test_theme(tmp_path: Path, kiosk: Kiosk) -> None:
    r = kiosk("catalog", "search", "--theme", "出生", "--json", data_dir=tmp_path)
    assert r.returncode == 0, r.stderr
    hits = json.loads(r.stdout)["hits"]
    assert hits[0]["name"] == "新生儿出生一件事"
    assert all("birth" in h["themes"]["person"] for h in hits)
    r = kiosk("catalog", "search", "sfz", "--theme", "opening", data_dir=tmp_path)
    assert r.returncode == 3


def test_searches_the_stored_catalog_when_there_is_one(tmp_path: Path, kiosk: Kiosk) -> None:
    items = [i for i in load_sample_items() if i["name"] in ("居民身份证换领", "社会保障卡申领")]
    catalog = tmp_path / "catalog.json"
    catalog.write_text(json.dumps({"version": 7, "items": items}, ensure_ascii=False), "utf-8")
    data = tmp_path / "data"
    r = kiosk("catalog", "import", str(catalog), data_dir=data)
    assert r.returncode == 0, r.stderr
    r = kiosk("catalog", "search", "sfz", "--json", data_dir=data)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["catalog"] == "store"
    assert [h["name"] for h in out["hits"]] == ["居民身份证换领"]
    # 临时居民身份证申领 is in the sample but not in this kiosk's catalog
    assert kiosk("catalog", "search", "临时", data_dir=data).returncode == 3


def test_invalid_configuration_exits_5(tmp_path: Path, kiosk: Kiosk) -> None:
    bad = tmp_path / "kiosk.toml"
    bad.write_text("[terminal]\nbogus = 1\n", "utf-8")
    r = kiosk("--config", str(bad), "catalog", "search", "sfz", data_dir=tmp_path / "d")
    assert r.returncode == 5 and "terminal.bogus" in r.stderr
