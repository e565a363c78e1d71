"""Configuration: lookup order, embedded defaults, and one-line refusals that exit 5."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.config import ConfigError, KioskConfig, load_config, parse_config, resolve_data_dir

REPO = Path(__file__).resolve().parents[2]


def kiosk(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    e = dict(os.environ)
    e.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "terminal", *args], capture_output=True, text=True, env=e, timeout=60
    )


def test_embedded_defaults_are_simulated_and_local() -> None:
    cfg = load_config(None, env={})
    assert cfg.source == "embedded defaults" or Path("/etc/bianmin/kiosk.toml").exists()
    assert cfg.devices.id_reader.kind == "simulated"
    assert cfg.devices.printer.kind == "simulated"
    assert cfg.platform.kind == "simulated"
    assert cfg.platform.url.startswith("http://127.0.0.1")


def test_documented_example_is_valid_and_complete() -> None:
    cfg = load_config(str(REPO / "config" / "kiosk.toml"))
    assert cfg.source.endswith("kiosk.toml")
    # every section of the schema appears in the example, so technicians see every key
    text = (REPO / "config" / "kiosk.toml").read_text(encoding="utf-8")
    for section in [
        "[terminal]",
        "[storage]",
        "[retention]",
        "[devices.id_reader]",
        "[devices.ssc_reader]",
        "[devices.qr_reader]",
        "[devices.printer]",
        "[devices.scanner]",
        "[printer_profiles.default]",
        "[platform]",
        "[sync]",
        "[ui]",
        "[logging]",
    ]:
        assert section in text


def test_lookup_order_explicit_then_env(tmp_path: Path) -> None:
    a = tmp_path / "a.toml"
    b = tmp_path / "b.toml"
    a.write_text('[terminal]\nkiosk_id = "AAA"\n')
    b.write_text('[terminal]\nkiosk_id = "BBB"\n')
    assert load_config(str(a), env={"BIANMIN_CONFIG": str(b)}).terminal.kiosk_id == "AAA"
    assert load_config(None, env={"BIANMIN_CONFIG": str(b)}).terminal.kiosk_id == "BBB"


def test_data_dir_order(tmp_path: Path) -> None:
    cfg = parse_config({"storage": {"data_dir": str(tmp_path / "cfg")}})
    assert resolve_data_dir(cfg, str(tmp_path / "x"), env={"BIANMIN_DATA": "/e"}) == tmp_path / "x"
    assert resolve_data_dir(cfg, None, env={"BIANMIN_DATA": "/e"}) == Path("/e")
    assert resolve_data_dir(cfg, None, env={}) == tmp_path / "cfg"
    assert resolve_data_dir(KioskConfig(), None, env={"HOME": "/home/k"}) == Path(
        "/home/k/.local/share/bianmin"
    )


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        ({"terminal": {"kiosk_idd": "x"}}, "terminal.kiosk_idd: unknown key"),
        ({"sync": {"interval_s": "fast"}}, "sync.interval_s: expected a number"),
        ({"devices": {"printer": {"kind": "laser"}}}, "devices.printer.kind: expected one of"),
        ({"devices": {"id_reader": {"kind": "gat467"}}}, "devices.id_reader.port: required"),
        ({"devices": {"id_reader": {"baudrate": 12345}}}, "devices.id_reader.baudrate"),
        ({"ui": {"developer_panel": "yes"}}, "ui.developer_panel: expected true or false"),
        ({"printer_profiles": {"x": {"paper_width_mm": 70}}}, "printer_profiles.x.paper_width_mm"),
        ({"devices": {"printer": {"profile": "nope"}}}, "devices.printer.profile"),
        ({"platform": {"status_url_template": "https://x/"}}, "platform.status_url_template"),
        ({"storage": {"cipher": "DES"}}, "storage.cipher"),
        (
            {"printer_profiles": {"narrow": {"paper_width_mm": 58, "dots_per_line": 576}}},
            "narrow.dots_per_line: expected 1 to 384",
        ),
        ({"sync": {"workers": 0}}, "sync.workers"),
    ],
)
def test_bad_values_name_the_key(doc: dict, expected: str) -> None:
    with pytest.raises(ConfigError) as err:
        parse_config(doc)
    assert expected in str(err.value)
    assert "\n" not in str(err.value)


def test_cli_exits_5_with_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[ui]\nidle_timeout_s = "soon"\n', encoding="utf-8")
    r = kiosk("--config", str(bad), "config", "check")
    assert r.returncode == 5
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "ui.idle_timeout_s" in lines[0] and "integer" in lines[0]
    broken = tmp_path / "broken.toml"
    broken.write_bytes(b"[ui\n")
    r = kiosk("--config", str(broken), "config", "check")
    assert r.returncode == 5 and "not valid TOML" in r.stderr
    r = kiosk("config", "check", env={"BIANMIN_CONFIG": str(tmp_path / "missing.toml")})
    assert r.returncode == 5 and "cannot read" in r.stderr


def test_cli_help_lists_commands_and_each_has_help() -> None:
    r = kiosk("--help")
    assert r.returncode == 0
    for name in ("catalog", "audit", "config", "status"):
        assert name in r.stdout
    r = kiosk("catalog", "import", "--help")
    assert r.returncode == 0 and "FILE" in r.stdout.upper()


def test_58mm_profile_defaults_to_384_dots() -> None:
    cfg = parse_config({"printer_profiles": {"narrow": {"paper_width_mm": 58}}})
    assert cfg.printer_profile("narrow").dots_per_line == 384
    assert cfg.printer_profile("default").dots_per_line == 576
