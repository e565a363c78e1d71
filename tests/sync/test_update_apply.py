"""Software updates through TUF, the installing half (issue 15): ``kiosk update
apply|rollback|status`` against a local repository served over real HTTP.

The release installed is the stand-in ``bianmin-kiosk`` of update_helpers (a tiny wheel: the
full kiosk wheel set is too large to install per test), built into its own venv on the system
Python, offline, from the verified wheels only.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sync_helpers import KIOSK_BIN, Kiosk, Sim, cli_env
from update_helpers import (
    Fleet,
    current,
    install_fleet,
    installed,
    releases,
    status,
    window_around_now,
)

from sync.update.release import STEPS, Layout, check_boot
from sync.update.state import UpdateState


def run_release(kiosk: Kiosk, *args: str) -> subprocess.CompletedProcess[str]:
    """The installed release's own ``kiosk`` (what the services start)."""
    exe = releases(kiosk) / "current" / "bin" / "kiosk"
    return subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=60)


def fake_running_release(kiosk: Kiosk, version: str) -> str:
    """A complete release already running (what an earlier apply left): its files' digest."""
    root = releases(kiosk) / version
    (root / "bin").mkdir(parents=True)
    (root / "bin" / "kiosk").write_text(f"#!/bin/sh\necho {version}\n")
    (root / "bin" / "kiosk").chmod(0o755)
    (root / "release.json").write_text(json.dumps({"version": version}))
    (root / "boot-ok").touch()
    os.symlink(version, releases(kiosk) / "current")
    (kiosk.data_dir / "update").mkdir(exist_ok=True)
    (kiosk.data_dir / "update" / "state.json").write_text(
        json.dumps({"state": "current", "running": version})
    )
    return tree_digest(root)


def tree_digest(root: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        h.update(str(p.relative_to(root)).encode())
        if p.is_file() and not p.is_symlink():
            h.update(p.read_bytes())
    return h.hexdigest()


def test_apply_installs_offline_switches_and_a_technician_rolls_back(
    kiosk: Kiosk, sim: Sim, fleet: Fleet
) -> None:
    fleet.release("1.0.0")
    install_fleet(kiosk, sim, fleet)
    r = kiosk.kiosk("update", "apply", "--now")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "switched to 1.0.0 (previous 0.1.0)" in r.stdout
    assert current(kiosk) == "1.0.0"
    assert run_release(kiosk, "--version").stdout.strip() == "1.0.0"
    assert status(kiosk)["state"] == "pending_boot"
    assert run_release(kiosk, "boot").returncode == 0  # the release started and passed
    s = status(kiosk)  # the watchdog's check sees boot-ok
    assert s["state"] == "current" and s["running"] == "1.0.0"

    fleet.release("1.1.0")
    r = kiosk.kiosk("update", "apply", "--now")
    assert r.returncode == 0, r.stdout + r.stderr
    assert current(kiosk) == "1.1.0" and os.readlink(releases(kiosk) / "previous") == "1.0.0"
    assert run_release(kiosk, "--version").stdout.strip() == "1.1.0"
    # installed from the verified wheels only: the release keeps them beside its venv
    wheels = sorted(p.name for p in (releases(kiosk) / "1.1.0" / "wheels").iterdir())
    assert wheels == ["bianmin_kiosk-1.1.0-py3-none-any.whl"]

    r = kiosk.kiosk("update", "rollback")
    assert r.returncode == 0 and "rolled back to 1.0.0" in r.stdout, r.stdout + r.stderr
    assert current(kiosk) == "1.0.0"
    assert run_release(kiosk, "--version").stdout.strip() == "1.0.0"
    s = status(kiosk)
    assert s["state"] == "rolled_back" and s["bad_versions"] == ["1.1.0"]
    assert "requested by a technician" in s["refusal"]["reason"]
    # a version rolled back is never taken again by itself
    r = kiosk.kiosk("update", "check")
    assert "1.1.0: rolled back on this terminal before" in r.stdout, r.stdout + r.stderr
    assert kiosk.kiosk("update", "rollback").returncode == 3  # nothing older to go to


def test_a_release_that_crashes_at_start_is_rolled_back_by_the_watchdog(
    kiosk: Kiosk, sim: Sim, fleet: Fleet
) -> None:
    fleet.release("1.0.0")
    install_fleet(kiosk, sim, fleet)
    assert kiosk.kiosk("update", "apply", "--now").returncode == 0
    assert run_release(kiosk, "boot").returncode == 0
    assert status(kiosk)["state"] == "current"

    fleet.release("1.1.0", crash=True)
    assert kiosk.kiosk("update", "apply", "--now").returncode == 0
    assert current(kiosk) == "1.1.0"
    assert run_release(kiosk, "boot").returncode == 70  # it cannot start: no boot-ok
    layout = Layout(releases(kiosk))
    state = UpdateState(kiosk.data_dir / "update")
    switched = state.get("pending")["switched_at"]
    # the clock is injected: 60 s after the switch it still may confirm
    assert check_boot(layout, state, switched + 60, 120.0) is None
    assert current(kiosk) == "1.1.0"
    assert check_boot(layout, state, switched + 121, 120.0) == "rolled back to 1.0.0"
    assert current(kiosk) == "1.0.0"
    assert run_release(kiosk, "--version").stdout.strip() == "1.0.0"
    s = status(kiosk)
    assert s["state"] == "rolled_back" and s["bad_versions"] == ["1.1.0"]
    assert "no boot-ok within 120 s" in s["refusal"]["reason"]
    assert "last refusal:" in kiosk.kiosk("update", "status").stdout
    agent = kiosk.agent()
    agent.heartbeat()  # and the platform hears of it
    hb = sim.get("/_sim/heartbeats")[kiosk.kiosk_id]
    assert hb["update"]["state"] == "rolled_back"
    assert "1.1.0" in hb["update"]["refusal"] and hb["update"]["running"] == "1.0.0"
    # as does the fleet team's Prometheus
    from test_fleet_metrics import _cfg, scrape

    from sync.metrics import start_metrics

    server = start_metrics(agent, _cfg(kiosk, metrics_port=0))
    assert server is not None
    try:
        m = scrape(server.url)
    finally:
        server.stop()
    assert m[("bianmin_update_state", (("state", "rolled_back"),))] == 1
    assert m[("bianmin_update_state", (("state", "pending_boot"),))] == 0


@pytest.mark.parametrize("step", STEPS)
def test_a_power_cut_at_any_step_of_apply_leaves_the_running_release_and_a_rerun_completes(
    kiosk: Kiosk, sim: Sim, fleet: Fleet, step: str
) -> None:
    digest = fake_running_release(kiosk, "1.0.0")
    fleet.release("1.1.0")
    install_fleet(kiosk, sim, fleet)
    env = cli_env() | {"BIANMIN_UPDATE_KILL_AT": step}
    base = [KIOSK_BIN, "--config", str(kiosk.config_path), "--data-dir", str(kiosk.data_dir)]
    r = subprocess.run(
        [*base, "update", "apply", "--now"], env=env, capture_output=True, text=True, timeout=300
    )
    assert r.returncode == -9, r.stdout + r.stderr
    assert tree_digest(releases(kiosk) / "1.0.0") == digest  # the running release untouched
    switched = STEPS.index(step) >= STEPS.index("switched")
    assert current(kiosk) == ("1.1.0" if switched else "1.0.0")
    if switched:  # the intent was recorded first: the watchdog can still roll back
        assert UpdateState(kiosk.data_dir / "update").get("pending")["previous"] == "1.0.0"
    r = kiosk.kiosk("update", "apply", "--now", timeout=300)
    if step == "recorded":  # nothing left to do: the new release must confirm its boot
        assert r.returncode == 3 and "1.1.0 has not confirmed its boot" in r.stderr, r.stderr
    else:
        assert r.returncode == 0, r.stdout + r.stderr
        if STEPS.index(step) >= STEPS.index("intent"):
            assert "completing a switch cut short" in r.stdout, r.stdout
    assert current(kiosk) == "1.1.0"
    assert os.readlink(releases(kiosk) / "previous") == "1.0.0"
    assert run_release(kiosk, "--version").stdout.strip() == "1.1.0"
    assert status(kiosk)["state"] == "pending_boot"
    assert tree_digest(releases(kiosk) / "1.0.0") == digest
    assert not list(releases(kiosk).glob(".*tmp"))


@contextlib.contextmanager
def tiny_filesystem(path: Path, size: str) -> Iterator[None]:
    """A tmpfs of ``size`` at ``path`` (the suite runs as root, as the other full-disk tests
    of tests/core do)."""
    path.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], check=True, timeout=30
    )
    try:
        yield
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True, timeout=30)


def test_a_full_disk_during_install_is_refused_and_the_running_release_stays(
    kiosk: Kiosk, sim: Sim, fleet: Fleet
) -> None:
    fleet.release("1.1.0")
    # room for the bundle's checks, not for the release's venv: it fills up during install
    with tiny_filesystem(releases(kiosk), "6m"):
        digest = fake_running_release(kiosk, "1.0.0")
        install_fleet(kiosk, sim, fleet)
        r = kiosk.kiosk("update", "apply", "--now", timeout=300)
        assert r.returncode == 4, r.stdout + r.stderr
        assert "still running 1.0.0" in r.stderr
        assert current(kiosk) == "1.0.0"
        assert tree_digest(releases(kiosk) / "1.0.0") == digest
        assert installed(kiosk) == ["1.0.0"] and not (releases(kiosk) / "1.1.0").exists()
        s = status(kiosk)
        reason = s["refusal"]["reason"]
        assert s["state"] == "failed" and reason.startswith("disk full: venv"), reason


def test_apply_waits_for_the_maintenance_window_and_for_no_resident_in_session(
    kiosk: Kiosk, sim: Sim, fleet: Fleet
) -> None:
    import time

    fleet.release("1.0.0")
    restarted = kiosk.data_dir / "restarted"
    install_fleet(
        kiosk,
        sim,
        fleet,
        window=window_around_now(inside=False),
        restart_command=f"touch {restarted}",
    )
    r = kiosk.kiosk("update", "apply")
    assert r.returncode == 3 and "outside the maintenance window" in r.stderr, r.stderr
    assert installed(kiosk) == []
    # a technician may apply outside the window, but never while a resident is in session
    health = {"at": time.time(), "devices": {}, "in_session": True}
    (kiosk.data_dir / "devices.json").write_text(json.dumps(health))
    r = kiosk.kiosk("update", "apply", "--now")
    assert r.returncode == 3 and "resident in session" in r.stderr, r.stderr
    assert installed(kiosk) == [] and current(kiosk) is None
    health["in_session"] = False
    (kiosk.data_dir / "devices.json").write_text(json.dumps(health))
    assert not restarted.exists()
    r = kiosk.kiosk("update", "apply", "--now")
    assert r.returncode == 0, r.stdout + r.stderr
    assert current(kiosk) == "1.0.0"
    assert restarted.exists()  # the services were restarted into the new release


def test_the_fleets_update_now_lets_the_next_apply_run_outside_the_window_but_not_over_a_resident(
    kiosk: Kiosk, sim: Sim, fleet: Fleet
) -> None:
    import time

    from sync.update.gate import request_now, requested_now

    fleet.release("1.0.0")
    install_fleet(kiosk, sim, fleet, window=window_around_now(inside=False))
    request_now(kiosk.data_dir, "cmd-update-1", time.time())  # what the agent's update_now writes
    health = {"at": time.time(), "devices": {}, "in_session": True}
    (kiosk.data_dir / "devices.json").write_text(json.dumps(health))
    r = kiosk.kiosk("update", "apply")
    assert r.returncode == 3 and "resident in session" in r.stderr, r.stderr
    assert installed(kiosk) == [] and requested_now(kiosk.data_dir) == "cmd-update-1"
    health["in_session"] = False
    (kiosk.data_dir / "devices.json").write_text(json.dumps(health))
    r = kiosk.kiosk("update", "apply")  # outside the window, without --now
    assert r.returncode == 0, r.stdout + r.stderr
    assert current(kiosk) == "1.0.0"
    assert requested_now(kiosk.data_dir) is None  # carried out once


def test_a_release_that_fails_its_unattended_self_test_is_rolled_back_at_once(
    kiosk: Kiosk, sim: Sim, fleet: Fleet
) -> None:
    install_fleet(kiosk, sim, fleet)
    _all_devices_off(kiosk)
    _, _, _, digest = _switched_to_new_release(kiosk)
    new = releases(kiosk) / "1.1.0"
    assert current(kiosk) == "1.1.0"
    r = kiosk.kiosk("update", "confirm", timeout=300)
    assert r.returncode == 4, r.stdout + r.stderr
    assert "1.1.0 failed its self-test; rolled back to 1.0.0" in r.stderr
    assert current(kiosk) == "1.0.0" and tree_digest(releases(kiosk) / "1.0.0") == digest
    assert not (new / "boot-ok").exists()
    s = status(kiosk)
    assert s["state"] == "rolled_back"
    assert s["refusal"]["reason"].endswith(
        "unattended self-test: kiosk: self-test failed: id_reader, "
        "ssc_reader, qr_reader, printer, document_printer"
    ), s["refusal"]["reason"]


def test_confirm_after_a_restart_of_a_confirmed_release_runs_no_self_test(
    kiosk: Kiosk, sim: Sim, fleet: Fleet
) -> None:
    """The appliance pulls ``kiosk update confirm`` in at every start of the interface: for a
    release that confirmed its boot already it must not test the devices the kiosk is using
    (here a self-test could only fail: every device is off)."""
    install_fleet(kiosk, sim, fleet)
    _all_devices_off(kiosk)
    digest = fake_running_release(kiosk, "1.0.0")
    r = kiosk.kiosk("update", "confirm", timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "1.0.0: boot already confirmed" in r.stdout
    assert current(kiosk) == "1.0.0" and tree_digest(releases(kiosk) / "1.0.0") == digest
    assert status(kiosk)["state"] == "current"


def test_the_maintenance_window_is_checked_in_the_terminal_time_zone_and_may_span_midnight() -> (
    None
):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from kiosk.config import ConfigError, parse_config
    from sync.update.gate import in_window

    def at(hhmm: str) -> float:
        h, m = map(int, hhmm.split(":"))
        return datetime(2026, 12, 5, h, m, tzinfo=ZoneInfo("Asia/Shanghai")).timestamp()

    assert in_window("02:00-05:00", at("02:00"), "Asia/Shanghai")
    assert in_window("02:00-05:00", at("04:59"), "Asia/Shanghai")
    assert not in_window("02:00-05:00", at("05:00"), "Asia/Shanghai")
    # 03:00 in Shanghai is 19:00 UTC the day before: the terminal's zone decides
    assert not in_window("02:00-05:00", at("03:00"), "UTC")
    assert in_window("23:00-01:00", at("00:30"), "Asia/Shanghai")
    assert not in_window("23:00-01:00", at("12:00"), "Asia/Shanghai")
    for bad in ("2:00-05:00", "24:00-01:00", "02:00", "02:00-05:60"):
        with pytest.raises(ConfigError, match="update.window"):
            parse_config({"update": {"window": bad}})


def _switched_to_new_release(
    kiosk: Kiosk, version: str = "1.1.0"
) -> tuple[Layout, UpdateState, dict, str]:
    """1.0.0 running and confirmed, then a switch to ``version`` (complete, not yet
    confirmed); also the running release's digest."""
    import time

    from sync.update.release import switch_to

    digest = fake_running_release(kiosk, "1.0.0")
    new = releases(kiosk) / version
    (new / "bin").mkdir(parents=True)
    (new / "release.json").write_text(json.dumps({"version": version}))
    layout, state = Layout(releases(kiosk)), UpdateState(kiosk.data_dir / "update")
    switch_to(layout, state, version, time.time())
    return layout, state, state.get("pending"), digest


def _all_devices_off(kiosk: Kiosk) -> None:
    """No device at all: the unattended self-test cannot pass (and touches no pcscd or CUPS)."""
    with open(kiosk.config_path, "a", encoding="utf-8") as f:
        for device in ("id_reader", "ssc_reader", "qr_reader", "printer", "document_printer"):
            f.write(f'\n[devices.{device}]\nkind = "none"\n')


def test_the_boot_deadline_counts_from_the_new_releases_ready_and_its_self_test_decides(
    kiosk: Kiosk,
) -> None:
    """What the new release's ``kiosk run`` leaves in its boot mark (sync/update/boot.py)
    decides: READY=1 late after the switch still has its full time; a passed self-test is
    ``boot-ok``; a failed one rolls back at once; a mark of an earlier switch counts for
    nothing."""
    from sync.update.boot import mark_path, mark_ready

    layout, state, pending, _ = _switched_to_new_release(kiosk)
    switched = pending["switched_at"]
    # READY=1 only 100 s after the switch (a slow first start): 120 s from then, not the switch
    mark_ready(kiosk.data_dir, pending, switched + 100)
    assert check_boot(layout, state, switched + 150, 120.0) is None
    assert current(kiosk) == "1.1.0"
    assert check_boot(layout, state, switched + 221, 120.0) == "rolled back to 1.0.0"
    reason = state.get("refusal")["reason"]
    assert reason.startswith("rolled back 1.1.0 to 1.0.0: no boot-ok within 120 s of READY=1")
    assert not mark_path(kiosk.data_dir, "1.1.0").exists()


def test_a_passed_self_test_in_the_mark_confirms_the_boot_and_a_failed_one_rolls_back(
    kiosk: Kiosk,
) -> None:
    from sync.update.boot import mark_ready, mark_selftest

    layout, state, pending, _ = _switched_to_new_release(kiosk)
    now = pending["switched_at"] + 5
    stale = dict(pending, switched_at=pending["switched_at"] - 3600)  # an earlier attempt
    mark_selftest(kiosk.data_dir, stale, True, "self-test passed: everything", now)
    assert check_boot(layout, state, now, 120.0) is None  # not this switch's word
    mark_ready(kiosk.data_dir, pending, now)
    mark_selftest(kiosk.data_dir, pending, True, "self-test passed: id_reader, printer", now)
    assert check_boot(layout, state, now + 1, 120.0) == "1.1.0 confirmed"
    assert (releases(kiosk) / "1.1.0" / "boot-ok").exists()
    assert state.state == "current" and current(kiosk) == "1.1.0"
    assert not list(kiosk.data_dir.glob("update-boot-*.json"))

    # the next one fails its self-test in kiosk run: back at once, without waiting 120 s
    new = releases(kiosk) / "1.2.0"
    (new / "bin").mkdir(parents=True)
    (new / "release.json").write_text(json.dumps({"version": "1.2.0"}))
    from sync.update.release import switch_to

    switch_to(layout, state, "1.2.0", now + 10)
    pending = state.get("pending")
    mark_ready(kiosk.data_dir, pending, now + 20)
    mark_selftest(kiosk.data_dir, pending, False, "self-test failed: printer (offline)", now + 25)
    assert check_boot(layout, state, now + 26, 120.0) == "rolled back to 1.1.0"
    assert current(kiosk) == "1.1.0" and state.get("bad_versions") == ["1.2.0"]
    assert state.get("refusal")["reason"] == (
        "rolled back 1.2.0 to 1.1.0: unattended self-test: self-test failed: printer (offline)"
    )


def test_kiosk_run_of_a_new_release_tests_itself_after_ready_and_confirm_rolls_back_on_its_word(
    kiosk: Kiosk, sim: Sim, fleet: Fleet
) -> None:
    """The shape of the appliance's boot confirmation: the new release's own ``kiosk run``
    (here the checkout's, switched to as release 0.1.0) runs the unattended self-test on the
    devices it holds after READY=1 and writes its boot mark; ``kiosk update confirm``, started
    beside it, sees the interface running, runs no self-test of its own, waits for the mark and
    rolls back at once on its failed self-test (every device is off here)."""
    import time

    from sync.update.boot import mark_path
    from tests.appliance.appliance_helpers import stop

    install_fleet(kiosk, sim, fleet)
    _all_devices_off(kiosk)
    _, _, _, digest = _switched_to_new_release(kiosk, "0.1.0")  # the checkout's version
    base = [KIOSK_BIN, "--config", str(kiosk.config_path), "--data-dir", str(kiosk.data_dir)]
    ui = subprocess.Popen(
        [*base, "run", "--offscreen", "--no-sync-agent"],
        env=cli_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        mark = mark_path(kiosk.data_dir, "0.1.0")
        end = time.monotonic() + 120
        while not mark.exists():  # READY=1: the interface is up (the confirm unit's After=)
            assert ui.poll() is None and time.monotonic() < end, "kiosk run wrote no boot mark"
            time.sleep(0.2)
        r = kiosk.kiosk("update", "confirm", timeout=300)
    finally:
        stop(ui)
    assert r.returncode == 4, r.stdout + r.stderr
    assert "0.1.0 did not confirm its boot; rolled back to 1.0.0" in r.stderr, r.stderr
    assert current(kiosk) == "1.0.0" and tree_digest(releases(kiosk) / "1.0.0") == digest
    s = status(kiosk)
    assert s["state"] == "rolled_back" and s["bad_versions"] == ["0.1.0"]
    reason = s["refusal"]["reason"]
    assert reason.startswith("rolled back 0.1.0 to 1.0.0: unattended self-test: self-test failed:")
    for device in ("id_reader", "ssc_reader", "qr_reader", "printer", "document_printer"):
        assert device in reason, reason
    assert not mark.exists()  # read and cleared by the root-owned side
