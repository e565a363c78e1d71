"""Configurations that used to pass ``config check`` and then break the kiosk (issue 10,
finding 6): every one is refused through the real CLI with exit 5 and one line naming the key."""

from __future__ import annotations

import dataclasses
import math
import re
import tempfile
import typing
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.config import (
    _RANGES,
    ConfigError,
    KioskConfig,
    config_warnings,
    load_config_file,
    parse_config,
)
from tests.core.test_config import REPO, kiosk

BAD = [
    ("[sync]\ninterval_s = nan\n", "sync.interval_s"),
    ("[sync]\ninterval_s = inf\n", "sync.interval_s"),
    ("[sync]\ninterval_s = -inf\n", "sync.interval_s"),
    ("[sync]\ninterval_s = 0\n", "sync.interval_s"),
    ("[sync]\nbackoff_base_s = 0\n", "sync.backoff_base_s"),
    ("[sync]\nbackoff_base_s = 10.0\nbackoff_max_s = 5.0\n", "sync.backoff_max_s"),
    ("[sync]\nheartbeat_s = 0\n", "sync.heartbeat_s"),
    ("[sync]\nstatus_poll_s = 0\n", "sync.status_poll_s"),
    ("[sync]\ncatalog_poll_s = -1\n", "sync.catalog_poll_s"),
    ("[sync]\nlease_s = 0\n", "sync.lease_s"),
    ("[sync]\nbatch_size = 100000\n", "sync.batch_size"),
    ("[platform]\ntimeout_s = 0\n", "platform.timeout_s"),
    ("[platform]\ntimeout_s = -5\n", "platform.timeout_s"),
    ("[devices.printer]\ntimeout_s = 0\n", "devices.printer.timeout_s"),
    ("[devices.scanner]\ntimeout_s = nan\n", "devices.scanner.timeout_s"),
    ("[devices.id_reader]\nread_timeout_s = 0\n", "devices.id_reader.read_timeout_s"),
    ("[devices.id_reader]\npoll_interval_ms = 100000000\n", "devices.id_reader.poll_interval_ms"),
    ("[ui]\nidle_timeout_s = 0\nidle_warning_s = 0\n", "ui.idle_timeout_s"),
    ("[retention]\npurge_every_s = 0\n", "retention.purge_every_s"),
    ("[retention]\npurge_after_days = 0\n", "retention.purge_after_days"),
    ("[retention]\naudit_days = -1\n", "retention.audit_days"),
    ("[retention]\nprint_jobs_days = 0\n", "retention.print_jobs_days"),
    ("[storage]\nbusy_timeout_ms = 0\n", "storage.busy_timeout_ms"),
    ("[sync]\ninterval_s = 1" + "0" * 400 + "\n", "sync.interval_s"),
    ("[sync]\nbatch_size = 1" + "0" * 5000 + "\n", "sync.batch_size: number too long"),
    ('[terminal]\nkiosk_id = "KIOSK-1\\n"\n', "terminal.kiosk_id"),
    ('[terminal]\nregion_code = "110105\\n"\n', "terminal.region_code"),
    ('[platform]\nurl = "http://\\n"\n', "platform.url"),
    ('[platform]\nurl = "https://example.org:99999/"\n', "platform.url"),
    ('[platform]\nurl = "ftp://example.org/"\n', "platform.url"),
    ('[devices.qr_reader]\nterminator = ""\n', "devices.qr_reader.terminator"),
    (
        '[devices.printer]\nkind = "escpos"\nuri = "tcp://192.0.2.1:9100\\n"\n',
        "devices.printer.uri",
    ),
    ("[ui]\nlanguages = " + "[" * 3000 + "]" * 3000 + "\n", "ui.languages: nested"),
    ("[ui]\nlanguages = " + "[" * 200 + "]" * 200 + "\n", "ui.languages[0]"),
    ('"a\\nb" = 1\n', "unknown key"),
]


@pytest.mark.parametrize(("toml", "key"), BAD, ids=[f"{i}-{k}" for i, (_, k) in enumerate(BAD)])
def test_cli_refuses_with_exit_5_and_one_line(tmp_path: Path, toml: str, key: str) -> None:
    f = tmp_path / "k.toml"
    f.write_text(toml, encoding="utf-8")
    r = kiosk("--config", str(f), "config", "check")
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert r.returncode == 5, r.stderr[-500:]
    assert len(lines) == 1 and key in lines[0], lines[:3]
    assert "Traceback" not in r.stderr and len(lines[0]) < 600


def test_http_off_loopback_warns_and_https_or_loopback_do_not(tmp_path: Path) -> None:
    f = tmp_path / "k.toml"
    for url, warns in [
        ("http://203.0.113.5:8080", True),
        ("http://zwfw.example.gov.cn/api", True),
        ("https://zwfw.example.gov.cn/api", False),
        ("http://127.0.0.1:8765", False),
        ("http://127.8.0.1:8765", False),
        ("http://localhost:8765", False),
        ("http://[::1]:8765", False),
    ]:
        f.write_text(f'[platform]\nkind = "http"\nurl = "{url}"\n', encoding="utf-8")
        r = kiosk("--config", str(f), "config", "check")
        assert r.returncode == 0, r.stderr
        warned = [ln for ln in r.stderr.splitlines() if "warning" in ln]
        assert bool(warned) == warns, (url, r.stderr)
        if warns:
            assert len(warned) == 1 and "platform.url" in warned[0] and "https" in warned[0]


def test_http_off_loopback_is_logged_at_start(tmp_path: Path) -> None:
    log = tmp_path / "kiosk.log"
    f = tmp_path / "k.toml"
    f.write_text(
        f'[platform]\nkind = "http"\nurl = "http://203.0.113.5:8080"\n[logging]\nfile = "{log}"\n',
        encoding="utf-8",
    )
    from terminal.cli.context import CliContext

    ctx = CliContext(config_path=str(f), data_dir=str(tmp_path / "data"))
    import logging

    try:
        ctx.setup_logging()
        for h in logging.getLogger().handlers:
            h.flush()
        assert "platform.url: plain http://" in log.read_text(encoding="utf-8")
    finally:
        for h in list(logging.getLogger().handlers):
            if getattr(h, "_bianmin", False):
                logging.getLogger().removeHandler(h)
                h.close()
        ctx.close()
    assert config_warnings(parse_config({})) == []


def test_every_range_is_documented_in_the_example() -> None:
    """config/kiosk.toml states each number's range beside the key."""
    text = (REPO / "config" / "kiosk.toml").read_text(encoding="utf-8")
    section = ""
    comments: dict[str, str] = {}
    for line in text.splitlines():
        if m := re.match(r"\[([\w.]+)\]", line):
            section = m[1]
        elif m := re.match(r"#?\s*(\w+)\s*=.*?#\s*(.*)", line):
            comments[f"{section}.{m[1]}"] = m[2]
    for key, (low, high) in _RANGES.items():
        comment = comments.get(key, "")
        lo = f"{low:g}" if isinstance(low, float) else str(low)
        hi = f"{high:g}" if isinstance(high, float) else str(high)
        assert (lo in comment or key == "sync.backoff_max_s") and hi in comment, (key, comment)


# ----------------------------------------------------------------------------- properties

_scalars = (
    st.integers()
    | st.integers(min_value=-(10**400), max_value=10**400)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=40)
    | st.booleans()
    | st.datetimes()
    | st.dates()
    | st.times()
)
_values = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=20,
)


_BY_TYPE: dict[object, st.SearchStrategy] = {
    float: st.floats(allow_nan=True, allow_infinity=True)
    | st.integers(min_value=-(10**400), max_value=10**400),
    int: st.integers(min_value=-(10**6), max_value=10**6)
    | st.integers(min_value=-(10**400), max_value=10**400),
    str: st.text(max_size=40),
    bool: st.booleans(),
}


def _table(cls: type) -> st.SearchStrategy[dict]:
    """A table with the section's own keys (and a stray one): mostly a value of the key's
    type, at any size, sometimes any TOML-ish value."""
    hints = typing.get_type_hints(cls)
    options = {}
    for f in dataclasses.fields(cls):
        if f.name == "source":
            continue
        sub = getattr(cls(), f.name)
        if dataclasses.is_dataclass(sub):
            options[f.name] = _table(type(sub)) | _values
        else:
            typed = _BY_TYPE.get(hints[f.name])
            options[f.name] = typed | typed | _values if typed is not None else _values
    options["stray"] = _values
    return st.fixed_dictionaries({}, optional=options)


_document = _table(KioskConfig)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(_document)
def test_any_document_gives_a_config_or_a_config_error(doc: dict) -> None:
    try:
        cfg = parse_config(doc)
    except ConfigError as exc:
        assert "\n" not in str(exc)
        return
    for key in _RANGES:  # whatever passes is inside every range
        value = cfg
        for part in key.split("."):
            value = getattr(value, part)
        assert math.isfinite(value)


_toml_text = st.text(
    alphabet=st.sampled_from(list("[]{}=.,\"'#\n \t-+_:0123456789abcdefinxyzsu\\"))
    | st.characters(),
    max_size=200,
)


@settings(
    max_examples=300,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.sampled_from(["", "[sync]\n", "[ui]\nlanguages = ", "a = " + "[" * 1100]), _toml_text)
def test_any_text_gives_a_config_or_a_config_error(head: str, body: str) -> None:
    with tempfile.TemporaryDirectory() as d:
        f = Path(d) / "k.toml"
        f.write_bytes((head + body).encode("utf-8", "surrogatepass"))
        try:
            load_config_file(f)
        except ConfigError as exc:
            assert "\n" not in str(exc)
