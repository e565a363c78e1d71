"""The technician's maintenance API over a real store: the PIN and its lockout (across a
restart, with the wall clock jumping), configuration edits (refused with the field named and
nothing written; saved atomically with ``.prev``), the outbox overview and a retry, audit and
storage, and the signed support archive."""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path
from typing import Any

import pytest

from kiosk.config import KioskConfig, load_config_file
from kiosk.maintenance import support
from kiosk.maintenance.pin import PinGuard, lockout_file, pin_file
from kiosk.service import KioskService
from kiosk.service.maintenance_api import (
    ConfigRefused,
    ConfigSaved,
    ExportFailed,
    PinLocked,
    PinNotSet,
    PinOk,
    PinWrong,
    RetryQueued,
    RetryRefused,
)
from kiosk.store.db import Store

PIN = "482913"


class Clock:
    """A clock a test moves: ``wall`` (time.time) and ``mono`` (time.monotonic)."""

    def __init__(self) -> None:
        self.wall_t = 1_800_000_000.0
        self.mono_t = 5_000.0

    def wall(self) -> float:
        return self.wall_t

    def mono(self) -> float:
        return self.mono_t

    def advance(self, s: float) -> None:
        self.wall_t += s
        self.mono_t += s


def fail(m: Any, clock: Clock, times: int) -> None:
    """``times`` wrong PINs, each once the previous lockout ended."""
    for _ in range(times):
        clock.advance(m.pins.remaining_s())
        m.pin_enter("000000")


def service(cfg: KioskConfig, store: Store, clock: Clock | None = None) -> KioskService:
    svc = KioskService(cfg, store.data_dir)
    svc.open(store)
    svc.attach()
    if clock is not None:
        svc.maintenance.pins = PinGuard(store.data_dir, wall=clock.wall, mono=clock.mono)
    return svc


def audit_events(store: Store) -> list[dict[str, Any]]:
    return [e for e in store.audit.entries(limit=200) if e["event"].startswith("maintenance.")]


# ------------------------------------------------------------------ PIN


def test_no_pin_set_refuses_entry(cfg: KioskConfig, store: Store) -> None:
    m = service(cfg, store).maintenance
    assert m.pin_enter("123456") == PinNotSet()
    assert not m.active


def test_pin_is_stored_as_a_salted_slow_hash_owner_only(cfg: KioskConfig, store: Store) -> None:
    m = service(cfg, store).maintenance
    with pytest.raises(ValueError, match="at least 6 digits"):
        m.pin_set("12345")
    with pytest.raises(ValueError):
        m.pin_set("12345a")
    m.pin_set(PIN)
    path = pin_file(store.data_dir)
    assert path.stat().st_mode & 0o777 == 0o600
    rec = json.loads(path.read_text())
    assert rec["alg"] == "scrypt" and rec["n"] >= 2**14 and len(bytes.fromhex(rec["salt"])) >= 16
    assert PIN not in path.read_text()
    first_hash = rec["hash"]
    m.pin_set(PIN)  # the same PIN again: a new salt, another hash
    assert json.loads(path.read_text())["hash"] != first_hash


def test_lockout_grows_and_survives_a_restart(cfg: KioskConfig, store: Store) -> None:
    clock = Clock()
    svc = service(cfg, store, clock)
    m = svc.maintenance
    m.pin_set(PIN)
    assert m.pin_enter("000000") == PinWrong(1.0, 1)
    assert isinstance(m.pin_enter(PIN), PinLocked)  # even the right PIN waits out the lockout
    clock.advance(1.0)
    assert m.pin_enter("000001") == PinWrong(2.0, 2)
    clock.advance(2.0)
    assert m.pin_enter("000002") == PinWrong(4.0, 3)
    clock.advance(1.0)
    assert m.pin_enter(PIN) == PinLocked(3.0)

    # the kiosk restarts (a new service over the same data directory) within the lockout
    restarted = service(cfg, store, clock).maintenance
    assert restarted.pin_enter(PIN) == PinLocked(3.0)
    clock.advance(3.0)
    assert restarted.pin_enter("999999") == PinWrong(8.0, 4)  # the count went on: 8 s
    for _ in range(8):
        clock.advance(restarted.pins.remaining_s())
        out = restarted.pin_enter("999999")
    assert out == PinWrong(900.0, 12)  # capped at 15 minutes
    clock.advance(900.0)
    assert restarted.pin_enter(PIN) == PinOk() and restarted.active
    assert restarted.pins.failures() == 0

    events = audit_events(store)
    assert [e["event"] for e in events].count("maintenance.pin_wrong") == 12
    assert events[-1]["event"] == "maintenance.entered"
    text = json.dumps(store.audit.entries(limit=500))
    assert PIN not in text and "999999" not in text and "000000" not in text


def test_a_wall_clock_jump_neither_ends_nor_stretches_a_lockout(
    cfg: KioskConfig, store: Store
) -> None:
    clock = Clock()
    m = service(cfg, store, clock).maintenance
    m.pin_set(PIN)
    fail(m, clock, 5)
    assert m.pins.remaining_s() == 16.0
    clock.wall_t += 3600  # set forward an hour: the monotonic clock still says 16 s
    assert m.pin_enter(PIN) == PinLocked(16.0)
    clock.wall_t -= 7200  # set back: not longer than the lockout itself
    assert m.pin_enter(PIN) == PinLocked(16.0)


def test_after_a_reboot_the_wall_time_counts_never_longer_than_the_lockout(
    cfg: KioskConfig, store: Store
) -> None:
    clock = Clock()
    m = service(cfg, store, clock).maintenance
    m.pin_set(PIN)
    fail(m, clock, 4)
    state = json.loads(lockout_file(store.data_dir).read_text())
    state["boot"] = "another-boot"  # as if the machine rebooted: its monotonic clock restarted
    lockout_file(store.data_dir).write_text(json.dumps(state))
    clock.mono_t = 1.0
    assert m.pin_enter(PIN) == PinLocked(8.0)
    clock.wall_t -= 10_000  # a clock set back after the reboot
    assert m.pin_enter(PIN) == PinLocked(8.0)
    clock.wall_t += 10_008
    assert m.pin_enter(PIN) == PinOk()


def test_exit_is_audited_and_leaves_the_mode(cfg: KioskConfig, store: Store) -> None:
    m = service(cfg, store).maintenance
    m.pin_set(PIN)
    assert m.pin_enter(PIN) == PinOk()
    m.maintenance_exit()
    assert not m.active
    assert audit_events(store)[-1]["event"] == "maintenance.exited"


# ------------------------------------------------------------------ configuration


GOOD = """[terminal]
kiosk_id = "K-TEST-01"
name = "测试终端"

[ui]
idle_timeout_s = 120
"""


@pytest.fixture
def cfg_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    p = tmp_path / "data-config" / "kiosk.toml"
    p.parent.mkdir()
    p.write_text(GOOD, encoding="utf-8")
    monkeypatch.setenv("BIANMIN_CONFIG", str(p))
    return p


def test_config_fields_show_every_setting_with_kind_and_help(
    cfg: KioskConfig, store: Store
) -> None:
    fields = {f.key: f for f in service(cfg, store).maintenance.config_fields()}
    assert fields["ui.idle_timeout_s"].kind == "int"
    assert fields["devices.printer.kind"].kind == "choice"
    assert fields["devices.printer.kind"].choices == ("simulated", "escpos", "none")
    assert fields["ui.voice"].kind == "bool"
    assert fields["platform.url"].help_zh and fields["platform.url"].help_en


def test_a_breaking_edit_is_refused_with_the_field_and_nothing_written(
    cfg_file: Path, store: Store
) -> None:
    cfg = load_config_file(cfg_file)
    m = service(cfg, store).maintenance
    before = cfg_file.read_bytes()
    for changes, field in (
        ({"ui.idle_timeout_s": "5"}, "ui.idle_timeout_s"),  # below the range
        ({"ui.idle_timeout_s": "soon"}, "ui.idle_timeout_s"),
        ({"terminal.kiosk_id": "bad id!"}, "terminal.kiosk_id"),
        ({"devices.printer.kind": "escpos"}, "devices.printer.uri"),  # needs a URI then
        ({"ui.idle_warning_s": "200"}, "ui.idle_warning_s"),  # not below the timeout
        ({"no.such_key": "1"}, "no.such_key"),
    ):
        out = m.config_save(changes)
        assert isinstance(out, ConfigRefused), changes
        assert out.field == field and field in out.message
        assert cfg_file.read_bytes() == before
        assert not cfg_file.with_name("kiosk.toml.prev").exists()
    assert audit_events(store)[-1]["event"] == "maintenance.config_refused"


def test_a_good_edit_is_saved_atomically_keeping_the_previous_file(
    cfg_file: Path, store: Store
) -> None:
    cfg = load_config_file(cfg_file)
    svc = service(cfg, store)
    applied: list[tuple[Any, set[str]]] = []
    svc.maintenance.apply_config = lambda new, parts: applied.append((new, parts)) or ("devices",)
    before = cfg_file.read_bytes()

    out = svc.maintenance.config_save({"devices.scanner.resolution": "300"})
    assert out == ConfigSaved(str(cfg_file), ("devices",), restart_required=False)
    assert cfg_file.with_name("kiosk.toml.prev").read_bytes() == before
    saved = load_config_file(cfg_file)  # what `kiosk config check` reads
    assert saved.devices.scanner.resolution == 300 and saved.terminal.name == "测试终端"
    assert applied and applied[0][0].devices.scanner.resolution == 300
    assert not [p for p in cfg_file.parent.iterdir() if p.name.endswith(".tmp")]

    out = svc.maintenance.config_save({"ui.idle_timeout_s": "180"})
    assert (
        isinstance(out, ConfigSaved) and out.restart_required and out.restarted_parts == ("kiosk",)
    )
    assert tomllib.loads(cfg_file.read_text())["ui"]["idle_timeout_s"] == 180
    assert (
        tomllib.loads(cfg_file.with_name("kiosk.toml.prev").read_text())["devices"]["scanner"][
            "resolution"
        ]
        == 300
    )


# ------------------------------------------------------------------ outbox, audit, storage


def test_outbox_overview_and_retry_of_a_quarantined_row(cfg: KioskConfig, store: Store) -> None:
    svc = service(cfg, store)
    m = svc.maintenance
    ref = svc.report_problem(category="other", description="屏幕无响应").ref
    row = store.outbox.find(ref)
    assert row is not None
    assert m.outbox_retry(ref) == RetryRefused(ref, "not_quarantined")
    store.outbox.quarantine(row, "blob_missing", "material gone for 110105194912310021")
    ov = m.outbox_overview()
    assert ov.counts["quarantined"] == 1 and ov.counts["pending"] == 0
    (q,) = ov.quarantined
    assert q.ref == ref and q.code == "blob_missing"
    assert "110105194912310021" not in q.reason  # scrubbed
    assert m.outbox_retry(ref) == RetryQueued(ref)
    assert store.outbox.find(ref).state == "pending"
    assert m.outbox_overview().counts["pending"] == 1
    assert m.outbox_retry("NOPE-1") == RetryRefused("NOPE-1", "unknown")


def test_audit_verify_and_storage(cfg: KioskConfig, store: Store) -> None:
    m = service(cfg, store).maintenance
    v = m.audit_verify()
    assert v.ok and v.entries >= 1 and v.head is not None
    s = m.storage_overview()
    assert s.used_bytes > 0 and s.free_bytes > 0 and s.reserve_bytes > 0
    assert s.data_dir == str(store.data_dir)


# ------------------------------------------------------------------ support archive


def test_support_archive_is_signed_and_holds_no_secret(
    cfg: KioskConfig, store: Store, tmp_path: Path
) -> None:
    import dataclasses

    log = tmp_path / "logs" / "kiosk.log"
    log.parent.mkdir()
    log.write_text('{"msg": "printer paper_out"}\n')
    cfg = dataclasses.replace(cfg, logging=dataclasses.replace(cfg.logging, file=str(log)))
    m = service(cfg, store).maintenance
    name, data, sig = m.support_archive()
    assert name.endswith(".tar.gz")
    members = support.archive_members(data)
    root = name.removesuffix(".tar.gz")
    for n in ("manifest.json", "health.json", "config.json", "audit.json", "logs/kiosk.log"):
        assert f"{root}/{n}" in members
    v = support.verify_archive(data, sig, m.public_key())
    assert v.ok and v.kiosk_id == cfg.terminal.kiosk_id
    tampered = bytearray(data)
    tampered[len(data) // 2] ^= 1
    assert support.verify_archive(bytes(tampered), sig).reason == "hash_mismatch"
    other = support.signing_key(os.urandom(32))
    assert (
        support.verify_archive(data, support.sign_archive(data, other, "X"), m.public_key()).reason
        == "other_key"
    )


def test_never_entered_from_a_residents_session_and_leaving_wipes(
    cfg: KioskConfig, store: Store
) -> None:
    import threading

    from kiosk.ports import identity as idp
    from kiosk.service.maintenance_api import PinBusy
    from tests.core.test_service import StubReader, _card

    svc = KioskService(cfg, store.data_dir)
    svc.open(store)
    svc.attach(id_reader=StubReader(idp.CardPresent(_card())))
    m = svc.maintenance
    m.pin_set(PIN)
    assert svc.read_identity("id_card", threading.Event(), 1.0).kind == "ok"
    assert svc.in_session
    assert m.pin_enter(PIN) == PinBusy() and not m.active  # a resident is at the screen
    assert audit_events(store)[-1]["details"]["reason"] == "resident_session"
    svc.end_session()
    assert m.pin_enter(PIN) == PinOk()
    scan = store.data_dir / "maintenance" / "selftest-scan.png"
    scan.parent.mkdir(exist_ok=True)
    scan.write_bytes(b"\x89PNG test page")
    m.maintenance_exit()
    assert not scan.exists() and not svc.in_session


def test_cli_pin_set_reads_the_pin_twice(tmp_path: Path) -> None:
    import subprocess
    import sys

    kiosk = str(Path(sys.executable).with_name("kiosk"))
    data = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if k not in ("BIANMIN_CONFIG", "BIANMIN_DATA")}

    def pin_set(text: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [kiosk, "--data-dir", str(data), "maintenance", "pin", "set"],
            input=text, capture_output=True, text=True, env=env, timeout=120,
        )  # fmt: skip

    r = pin_set(f"{PIN}\n{PIN[:-1]}0\n")
    assert r.returncode == 2 and "differ" in r.stderr and not pin_file(data).exists()
    r = pin_set("12345\n12345\n")
    assert r.returncode == 2 and "at least 6 digits" in r.stderr and not pin_file(data).exists()
    r = pin_set(f"{PIN}\n{PIN}\n")
    assert r.returncode == 0, r.stderr
    assert PinGuard(data).enter(PIN) == PinOk()
    assert PIN not in r.stdout + r.stderr


def test_a_damaged_lockout_file_locks_for_the_longest_time_then_ends(
    cfg: KioskConfig, store: Store
) -> None:
    clock = Clock()
    m = service(cfg, store, clock).maintenance
    m.pin_set(PIN)
    lockout_file(store.data_dir).write_text("{not json")
    assert m.pin_enter(PIN) == PinLocked(900.0)
    clock.advance(600)
    assert m.pin_enter(PIN) == PinLocked(300.0)
    clock.advance(300)
    assert m.pin_enter(PIN) == PinOk()


def test_a_drive_that_takes_no_data_ends_the_export_within_its_deadline(
    cfg: KioskConfig, store: Store, tmp_path: Path
) -> None:
    """A stick that never accepts the write (here: the archive's name is a FIFO nobody reads,
    so opening it blocks in the kernel) gives ``write_timeout`` after the deadline, leaving
    nothing under the archive's final name."""
    m = service(cfg, store).maintenance
    m.usb_write_deadline_s = 1.0
    drive = tmp_path / "drive"
    drive.mkdir()
    name = "support-test.tar.gz"
    part = drive / (name + support.PART_SUFFIX)
    os.mkfifo(part)
    out = m._to_usb(name, b"archive", b"sig", "digest", str(drive))
    try:
        assert isinstance(out, ExportFailed) and out.reason == "write_timeout", out
        assert not (drive / name).exists() and not (drive / (name + support.SIG_SUFFIX)).exists()
    finally:  # let the stuck writer go: it meets a reader, then fails its fsync and cleans up
        fd = os.open(part, os.O_RDONLY | os.O_NONBLOCK)
        os.close(fd)
