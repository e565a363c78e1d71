"""The core's commands as a technician runs them."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from .conftest import make_item
from .test_config import kiosk


def run(data: Path, *args: str):
    return kiosk("--data-dir", str(data), *args)


def test_import_export_round_trip(tmp_path: Path) -> None:
    f = tmp_path / "cat.json"
    items = [make_item(1), make_item(2)]
    f.write_text(json.dumps({"version": 12, "items": items}, ensure_ascii=False), encoding="utf-8")
    r = run(tmp_path / "d", "catalog", "import", str(f), "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == {
        "version": 12,
        "added": 2,
        "updated": 0,
        "withdrawn": 0,
        "total": 2,
    }
    r = run(tmp_path / "d", "catalog", "export")
    out = json.loads(r.stdout)
    assert out["version"] == 12 and out["items"] == items


def test_hostile_catalog_files_are_refused_and_the_old_one_kept(tmp_path: Path) -> None:
    good = tmp_path / "good.json"
    good.write_text(json.dumps([make_item(1)]), encoding="utf-8")
    assert run(tmp_path / "d", "catalog", "import", str(good)).returncode == 0
    cases = {
        "utf8.json": b'[{"name": "\xff\xfe"}]',
        "json.json": b"[{",
        "shape.json": b'{"itemz": []}',
        "types.json": json.dumps([make_item(3, visits="many")]).encode(),
        "missing.json": json.dumps(
            [{k: v for k, v in make_item(3).items() if k != "materials"}]
        ).encode(),
        "dup.json": json.dumps([make_item(4), make_item(4)]).encode(),
        "big.json": json.dumps([make_item(5, name="长" * 10_000_000)], ensure_ascii=False).encode(),
    }
    expected = {
        "utf8.json": "UTF-8",
        "json.json": "not valid JSON",
        "shape.json": "expected",
        "types.json": "visits",
        "missing.json": "materials",
        "dup.json": "duplicate",
        "big.json": "too long",
    }
    for name, content in cases.items():
        f = tmp_path / name
        f.write_bytes(content)
        r = run(tmp_path / "d", "catalog", "import", str(f))
        assert r.returncode == 4, name
        assert expected[name] in r.stderr, (name, r.stderr[:300])
        assert "unchanged" in r.stderr
    r = run(tmp_path / "d", "catalog", "export")
    assert [i["item_code"] for i in json.loads(r.stdout)["items"]] == [make_item(1)["item_code"]]


def test_audit_verify_names_the_broken_entry(tmp_path: Path) -> None:
    f = tmp_path / "c.json"
    for v in (1, 2, 3):
        f.write_text(json.dumps({"version": v, "items": [make_item(v)]}), encoding="utf-8")
        assert run(tmp_path / "d", "catalog", "import", str(f)).returncode == 0
    r = run(tmp_path / "d", "audit", "verify")
    assert r.returncode == 0 and "3 entries" in r.stdout
    conn = sqlite3.connect(tmp_path / "d" / "kiosk.db")
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("UPDATE audit_log SET event = 'catalog.nothing' WHERE seq = 2")
    conn.commit()
    conn.close()
    r = run(tmp_path / "d", "audit", "verify", "--json")
    assert r.returncode == 4
    assert json.loads(r.stdout)["first_break"]["seq"] == 2


def test_status_reports_a_corrupt_database_moved_aside(tmp_path: Path) -> None:
    d = tmp_path / "d"
    d.mkdir()
    (d / "kiosk.db").write_bytes(b"this is not a database" * 100)
    r = run(d, "status", "--json")
    assert r.returncode == 0
    assert "moved aside" in r.stderr
    assert json.loads(r.stdout)["recovered_from"].startswith(str(d / "kiosk.db.corrupt-"))


def test_only_the_typed_command_is_built_and_help_still_lists_every_command() -> None:
    from terminal.cli.main import build_parser, requested_command

    assert requested_command(["--data-dir", "/d", "--config=/c.toml", "run", "-h"]) == "run"
    assert requested_command(["--help"]) is None and requested_command([]) is None

    full = build_parser(None).format_help()
    for name in ("run", "screenshots", "sync", "device", "sim", "catalog", "queue"):
        assert name in full
    just_run = build_parser(["run", "--offscreen"])
    assert just_run.parse_args(["run", "--offscreen"]).offscreen is True
    assert "platform-sim" not in just_run.format_help()  # the other branches were not built
    # a typo gets argparse's message with every real choice, not a crash
    unknown = build_parser(["rnu"]).format_help()
    assert "run" in unknown and "platform-sim" in unknown


def test_a_grouped_command_typed_alone_still_parses(tmp_path: Path) -> None:
    from terminal.cli.main import build_parser

    args = build_parser(["device", "read-id", "--help"]).parse_args(
        ["device", "read-id", "--port", "/dev/null"]
    )
    assert args.handler is not None


def test_status_shows_each_devices_health_and_unknown_when_not_reported(tmp_path: Path) -> None:
    import time

    from kiosk.devices.health import Ready, Unavailable
    from kiosk.devices.published import write_published_health

    d = tmp_path / "d"
    devices = json.loads(run(d, "status", "--json").stdout)["devices"]
    assert set(devices) >= {"id_reader", "printer", "scanner", "platform"}
    assert {v["status"] for v in devices.values()} == {"unknown"}  # no kiosk run here
    write_published_health(d, {"printer": Unavailable("paper_out"), "scanner": Ready()})
    devices = json.loads(run(d, "status", "--json").stdout)["devices"]
    assert devices == {
        "printer": {"status": "unavailable", "detail": "paper_out"},
        "scanner": {"status": "ready", "detail": ""},
    }
    write_published_health(d, {"printer": Ready()}, now=time.time() - 3600)
    devices = json.loads(run(d, "status", "--json").stdout)["devices"]
    assert devices == {"printer": {"status": "unknown", "detail": "stale"}}
