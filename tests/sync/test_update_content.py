"""Catalog-snapshot and configuration targets (issue 15 item 1), against a local TUF
repository served by the platform simulator over real HTTP: ``kiosk update apply`` stages a
verified catalog snapshot that the real sync agent (``kiosk sync --once``) applies through
the store's catalog, and installs a verified configuration file checked by the kiosk's own
loader; bad input is refused with the reason in ``kiosk update status`` and the heartbeat,
and what the terminal serves stays as it was."""

from __future__ import annotations

import json
import os
import stat
import time
from pathlib import Path
from typing import Any

import pytest
from sync_helpers import Kiosk, Sim
from update_helpers import Fleet, flip_byte, install_fleet, status, window_around_now

from kiosk.devices.published import write_published_health
from sync.update.content import CATALOG_DROP, CATALOG_RESULT, take_staged_catalog

NEW_NAME = "新版目录测试事项"


def served(kiosk: Kiosk) -> dict[str, Any]:
    """What ``kiosk status --json`` says of the catalog the kiosk serves."""
    r = kiosk.kiosk("status", "--json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)["catalog"]


def exported(kiosk: Kiosk) -> list[dict[str, Any]]:
    r = kiosk.kiosk("catalog", "export")
    assert r.returncode == 0, r.stderr
    value = json.loads(r.stdout)
    return value["items"] if isinstance(value, dict) else value


def platform_catalog(kiosk: Kiosk) -> tuple[int, list[dict[str, Any]]]:
    """The platform's catalog, applied by the agent (the kiosk's starting point)."""
    assert kiosk.agent().pull_catalog()[0] in ("applied", "current")
    delta = kiosk.platform().catalog(None).data
    return delta.version, delta.items


def snapshot_file(base: Path, version: int, items: list[dict[str, Any]]) -> Path:
    base.mkdir(parents=True, exist_ok=True)
    path = base / f"catalog-{version}-{len(list(base.iterdir()))}.json"
    doc = {"version": version, "full": True, "items": items, "withdrawn": []}
    path.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    return path


def renamed(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = [dict(d) for d in items]
    out[0]["name"] = NEW_NAME
    return out


def publish(fleet: Fleet, file: Path, kind: str, version: str, ring: str = "all") -> str:
    path = fleet.repo.add(file, kind, version, ring)
    fleet.sign_and_publish()
    return path


def content(kiosk: Kiosk) -> dict[str, Any]:
    return status(kiosk)["content"]["summary"]


def heartbeat_update(kiosk: Kiosk, sim: Sim) -> dict[str, Any]:
    assert kiosk.agent().heartbeat()[0] == "ok"
    return sim.get("/_sim/heartbeats")[kiosk.kiosk_id]["update"]


# ------------------------------------------------------------------ catalog snapshots


def test_a_catalog_target_is_applied_by_the_sync_agent_and_served_outside_the_window(
    kiosk: Kiosk, sim: Sim, fleet: Fleet
) -> None:
    version, items = platform_catalog(kiosk)
    new = version + 5
    publish(fleet, snapshot_file(fleet.base / "c", new, renamed(items)), "catalog", str(new))
    # a catalog needs no maintenance window: the interface shows it between residents
    install_fleet(kiosk, sim, fleet, window=window_around_now(inside=False))
    r = kiosk.kiosk("update", "check")
    assert r.returncode == 0 and f"catalog available: {new}" in r.stdout, r.stdout + r.stderr
    r = kiosk.kiosk("update", "apply")
    assert f"catalog {new} staged for the sync agent" in r.stdout, r.stdout + r.stderr
    assert r.returncode == 3  # the release part waits for the window; the catalog did not
    assert served(kiosk)["version"] == version  # the updater never opens the store
    assert (kiosk.data_dir / CATALOG_DROP).is_file()
    # the kiosk user's sync agent takes it through the catalog's own path
    r = kiosk.kiosk("sync", "--once")
    assert r.returncode == 0, r.stdout + r.stderr
    assert served(kiosk)["version"] == new
    assert NEW_NAME in {d.get("name") for d in exported(kiosk)}
    assert not (kiosk.data_dir / CATALOG_DROP).exists()
    s = content(kiosk)["catalog"]
    assert s["state"] == "current" and s["served"] == new, s
    assert (
        f"catalog target: current (served: version {new})" in kiosk.kiosk("update", "status").stdout
    )
    update = heartbeat_update(kiosk, sim)
    assert update["catalog"]["served"] == new and update["catalog"]["state"] == "current"
    # nothing newer: the next run stages nothing
    r = kiosk.kiosk("update", "apply")
    assert "staged" not in r.stdout and not (kiosk.data_dir / CATALOG_DROP).exists()


@pytest.mark.parametrize("bad", ["not json", "schema", "version"])
def test_a_malformed_catalog_target_is_refused_and_the_catalog_kept(
    kiosk: Kiosk, sim: Sim, fleet: Fleet, bad: str
) -> None:
    version, items = platform_catalog(kiosk)
    new = version + 1
    if bad == "not json":
        file = fleet.base / "broken.json"
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(b'{"version": ' + str(new).encode() + b', "full": true, "items": [')
        expected = "not JSON"
    elif bad == "schema":
        broken = renamed(items)
        broken[0]["item_code"] = 42  # a number where the schema wants a string
        file = snapshot_file(fleet.base / "c", new, broken)
        expected = "item_code"
    else:  # the snapshot says another version than the signed target
        file = snapshot_file(fleet.base / "c", new + 7, renamed(items))
        expected = f"its version {new + 7} is not the target's version {new}"
    publish(fleet, file, "catalog", str(new))
    install_fleet(kiosk, sim, fleet)
    r = kiosk.kiosk("update", "apply")
    assert r.returncode == 0, r.stdout + r.stderr
    assert f"catalog {new} refused" in r.stdout and "served catalog is kept" in r.stdout
    s = content(kiosk)["catalog"]
    assert s["state"] == "refused" and s["refusal"].startswith(f"invalid: catalog {new}: ")
    assert expected in s["refusal"], s["refusal"]
    assert not (kiosk.data_dir / CATALOG_DROP).exists()
    assert kiosk.kiosk("sync", "--once").returncode == 0
    assert served(kiosk)["version"] == version
    assert NEW_NAME not in {d.get("name") for d in exported(kiosk)}
    text = kiosk.kiosk("update", "status").stdout
    assert f"catalog refusal: invalid: catalog {new}" in text, text
    assert heartbeat_update(kiosk, sim)["catalog"]["refusal"].startswith("invalid: catalog")
    # the app release's state is not the catalog's business
    assert status(kiosk)["state"] == "current"


def test_a_tampered_catalog_target_is_refused_by_tuf(kiosk: Kiosk, sim: Sim, fleet: Fleet) -> None:
    version, items = platform_catalog(kiosk)
    new = version + 1
    path = publish(fleet, snapshot_file(fleet.base / "c", new, renamed(items)), "catalog", str(new))
    flip_byte(fleet.target_file(path))  # a mirror serving other bytes than the signed ones
    install_fleet(kiosk, sim, fleet)
    r = kiosk.kiosk("update", "apply")
    assert f"catalog {new} refused: tampered:" in r.stdout, r.stdout + r.stderr
    s = content(kiosk)["catalog"]
    assert s["state"] == "refused" and s["refusal"].startswith("tampered:"), s
    assert not (kiosk.data_dir / CATALOG_DROP).exists()
    assert kiosk.kiosk("sync", "--once").returncode == 0
    assert served(kiosk)["version"] == version
    assert heartbeat_update(kiosk, sim)["catalog"]["refusal"].startswith("tampered:")


def test_a_staged_snapshot_the_store_refuses_leaves_the_catalog_and_is_reported(
    kiosk: Kiosk, sim: Sim, fleet: Fleet
) -> None:
    """The agent's own check (the store's validation): a staged file damaged after the
    updater checked it is refused whole, the served catalog stays, and the reason reaches
    ``kiosk update status`` and the heartbeat."""
    version, items = platform_catalog(kiosk)
    new = version + 3
    publish(fleet, snapshot_file(fleet.base / "c", new, renamed(items)), "catalog", str(new))
    install_fleet(kiosk, sim, fleet)
    assert "staged" in kiosk.kiosk("update", "apply").stdout
    drop = kiosk.data_dir / CATALOG_DROP
    doc = json.loads(drop.read_text("utf-8"))
    doc["snapshot"]["items"][0]["item_code"] = "has a space"
    drop.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    outcome, reason = take_staged_catalog(kiosk.store)
    assert outcome == "refused" and reason.startswith(f"invalid: catalog {new}: ")
    assert kiosk.store.catalog.version() == version
    result = json.loads((kiosk.data_dir / CATALOG_RESULT).read_text("utf-8"))
    assert result["catalog_version"] == version and result["outcome"] == "refused"
    s = content(kiosk)["catalog"]
    assert s["state"] == "refused" and "item_code" in s["refusal"], s
    assert heartbeat_update(kiosk, sim)["catalog"]["state"] == "refused"
    # the updater never stages the refused target again
    r = kiosk.kiosk("update", "apply")
    assert "staged" not in r.stdout and not drop.exists(), r.stdout


# ------------------------------------------------------------------ configuration files


def config_bundle(kiosk: Kiosk, base: Path, extra: dict[str, str], name: str) -> Path:
    """The terminal's own file, as the province would publish it, with ``extra`` lines
    added at the top of their tables."""
    text = kiosk.config_path.read_text("utf-8")
    for table, lines in extra.items():
        assert f"[{table}]\n" in text, table
        text = text.replace(f"[{table}]\n", f"[{table}]\n{lines}\n", 1)
    base.mkdir(parents=True, exist_ok=True)
    path = base / name
    path.write_text(text, "utf-8")
    return path


def test_a_config_target_is_installed_keeping_the_terminal_id_and_its_secrets(
    kiosk: Kiosk, sim: Sim, fleet: Fleet, tmp_path: Path
) -> None:
    marker = tmp_path / "restarted"
    install_fleet(kiosk, sim, fleet, restart_command=f"touch {marker}")
    before = kiosk.config_path.read_bytes()
    # the kiosk user's file, though the update unit runs as root
    kiosk.config_path.chmod(0o640)
    owner = (1000, 1000) if os.geteuid() == 0 else (os.getuid(), os.getgid())
    os.chown(kiosk.config_path, *owner)
    bundle = config_bundle(
        kiosk,
        fleet.base / "conf",
        {
            "terminal": 'name = "便民终端（新配置）"',
            "platform": 'secret_file = "/tmp/province-wide.secret"',
        },
        "kiosk.toml",
    )
    text = bundle.read_text("utf-8").replace(kiosk.kiosk_id, "GD-SZ-9999")
    bundle.write_text(text, "utf-8")
    publish(fleet, bundle, "config", "2")
    r = kiosk.kiosk("update", "apply")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "configuration 2 installed" in r.stdout, r.stdout
    assert "kept from this terminal: terminal.kiosk_id, platform.secret_file" in r.stdout
    assert marker.exists()  # the services were restarted through [update] restart_command
    from kiosk.config import load_config_file

    cfg = load_config_file(kiosk.config_path)
    assert cfg.terminal.name == "便民终端（新配置）"
    assert cfg.terminal.kiosk_id == kiosk.kiosk_id  # never the province's
    assert cfg.platform.secret_file is None  # the terminal's own secret stays where it is
    backup = kiosk.config_path.with_name(kiosk.config_path.name + ".fleet-prev")
    assert backup.read_bytes() == before
    for path in (kiosk.config_path, backup):
        st = path.stat()
        assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (*owner, 0o640)
    s = content(kiosk)["config"]
    assert s["state"] == "pending_boot" and s["pending"] == "2", s
    # the interface starts with it (as `kiosk run` does: its lock, then its device health)
    from terminal.instance_lock import acquire

    lock = acquire(kiosk.data_dir)
    try:
        write_published_health(kiosk.data_dir, {}, in_session=False)
        r = kiosk.kiosk("update", "check")
        assert "configuration 2 confirmed" in r.stdout, r.stdout + r.stderr
    finally:
        lock.release()
    s = content(kiosk)["config"]
    assert s["state"] == "current" and s["installed"] == "2", s
    assert heartbeat_update(kiosk, sim)["config"]["installed"] == "2"
    # installed: not taken again
    assert "configuration" not in kiosk.kiosk("update", "apply").stdout


@pytest.mark.parametrize("bad", ["loader", "toml"])
def test_a_bad_config_target_is_refused_and_the_file_untouched(
    kiosk: Kiosk, sim: Sim, fleet: Fleet, bad: str
) -> None:
    install_fleet(kiosk, sim, fleet)
    before = kiosk.config_path.read_bytes()
    if bad == "loader":
        bundle = config_bundle(
            kiosk, fleet.base / "conf", {"sync": "metrics_port = 70000"}, "k.toml"
        )
        expected = "sync.metrics_port: expected 0 to 65535"
    else:
        bundle = fleet.base / "conf" / "k.toml"
        bundle.parent.mkdir(parents=True, exist_ok=True)
        bundle.write_text('[terminal]\nname = "unterminated\n', "utf-8")
        expected = "not valid TOML"
    publish(fleet, bundle, "config", "2")
    r = kiosk.kiosk("update", "apply")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "configuration 2 refused" in r.stdout and "untouched" in r.stdout, r.stdout
    assert kiosk.config_path.read_bytes() == before
    assert not kiosk.config_path.with_name(kiosk.config_path.name + ".fleet-prev").exists()
    assert [p.name for p in kiosk.config_path.parent.glob(".*fleet-new*")] == []
    s = content(kiosk)["config"]
    assert s["state"] == "refused" and s["refusal"].startswith("invalid: configuration 2: ")
    assert expected in s["refusal"], s["refusal"]
    assert (
        "configuration refusal: invalid: configuration 2" in kiosk.kiosk("update", "status").stdout
    )
    assert expected in heartbeat_update(kiosk, sim)["config"]["refusal"]


def test_a_config_target_waits_for_the_window_and_never_lands_under_a_resident(
    kiosk: Kiosk, sim: Sim, fleet: Fleet
) -> None:
    install_fleet(kiosk, sim, fleet, window=window_around_now(inside=False))
    before = kiosk.config_path.read_bytes()
    bundle = config_bundle(kiosk, fleet.base / "conf", {"terminal": 'name = "新"'}, "k.toml")
    publish(fleet, bundle, "config", "2")
    r = kiosk.kiosk("update", "apply")
    assert "configuration 2 waits: outside the maintenance window" in r.stdout, r.stdout
    assert kiosk.config_path.read_bytes() == before
    assert content(kiosk)["config"] == {"state": "available", "available": "2"}
    # a technician's --now: outside the window, but never over a resident
    write_published_health(kiosk.data_dir, {}, in_session=True)
    r = kiosk.kiosk("update", "apply", "--now")
    assert "configuration 2 waits: resident in session" in r.stdout, r.stdout
    assert kiosk.config_path.read_bytes() == before
    write_published_health(kiosk.data_dir, {}, in_session=False)
    r = kiosk.kiosk("update", "apply", "--now")
    assert "configuration 2 installed" in r.stdout, r.stdout
    assert kiosk.config_path.read_bytes() != before


def test_a_config_under_which_no_interface_starts_is_put_back(
    kiosk: Kiosk, sim: Sim, fleet: Fleet
) -> None:
    install_fleet(kiosk, sim, fleet, boot_confirm_s=10.0)
    before = kiosk.config_path.read_bytes()
    bundle = config_bundle(kiosk, fleet.base / "conf", {"terminal": 'name = "新"'}, "k.toml")
    publish(fleet, bundle, "config", "2")
    assert "configuration 2 installed" in kiosk.kiosk("update", "apply").stdout
    assert kiosk.config_path.read_bytes() != before
    time.sleep(10.5)  # boot_confirm_s passes and no interface started with it
    r = kiosk.kiosk("update", "apply")
    assert "rolled back configuration 2" in r.stdout, r.stdout + r.stderr
    assert kiosk.config_path.read_bytes() == before
    s = content(kiosk)["config"]
    assert s["state"] == "rolled_back" and "no interface started with it" in s["refusal"]
    # never taken again by itself
    r = kiosk.kiosk("update", "apply")
    assert "configuration 2" not in r.stdout and kiosk.config_path.read_bytes() == before


def test_the_repository_tool_wants_a_catalog_s_version_number(fleet: Fleet) -> None:
    from tools.kiosk_repo import RepoError

    file = snapshot_file(fleet.base / "c", 7, [{"item_code": "X"}])
    with pytest.raises(RepoError, match="version number"):
        fleet.repo.add(file, "catalog", "7.0", "all")
    assert fleet.repo.add(file, "catalog", "7", "all") == f"catalog/7/{file.name}"


def test_a_catalog_target_for_another_ring_is_not_staged(
    kiosk: Kiosk, sim: Sim, fleet: Fleet
) -> None:
    version, items = platform_catalog(kiosk)
    new = version + 2
    publish(
        fleet, snapshot_file(fleet.base / "c", new, renamed(items)), "catalog", str(new), "canary"
    )
    install_fleet(kiosk, sim, fleet)
    r = kiosk.kiosk("update", "apply")
    assert r.returncode == 0 and "catalog" not in r.stdout, r.stdout + r.stderr
    assert not (kiosk.data_dir / CATALOG_DROP).exists()
    # the platform moves the terminal to canary: now it is taken
    sim.post("/_sim/ring", {"kiosk_id": kiosk.kiosk_id, "ring": "canary"})
    assert kiosk.agent().heartbeat()[0] == "ok"
    assert f"catalog {new} staged" in kiosk.kiosk("update", "apply").stdout


def test_the_running_sync_agent_takes_a_staged_catalog_before_its_next_poll(
    kiosk: Kiosk, sim: Sim, fleet: Fleet
) -> None:
    import dataclasses
    import threading

    from sync.agent import SyncAgent

    version, items = platform_catalog(kiosk)
    new = version + 4
    publish(fleet, snapshot_file(fleet.base / "c", new, renamed(items)), "catalog", str(new))
    install_fleet(kiosk, sim, fleet)
    # the catalog poll is hourly: only the staged file can bring the pull forward
    cfg = dataclasses.replace(
        kiosk.cfg, sync=dataclasses.replace(kiosk.cfg.sync, catalog_poll_s=3600.0)
    )
    agent = SyncAgent.from_config(kiosk.store, kiosk.platform(), cfg)
    stop = threading.Event()
    t = threading.Thread(target=agent.run, args=(stop,), daemon=True)
    t.start()
    try:
        end = time.monotonic() + 20  # its first turn: the catalog pulled once, a heartbeat
        while kiosk.kiosk_id not in sim.get("/_sim/heartbeats") and time.monotonic() < end:
            time.sleep(0.1)
        assert kiosk.kiosk_id in sim.get("/_sim/heartbeats")
        assert f"catalog {new} staged" in kiosk.kiosk("update", "apply").stdout
        end = time.monotonic() + 30
        while kiosk.store.catalog.version() != new and time.monotonic() < end:
            time.sleep(0.1)
    finally:
        stop.set()
        t.join(10)
    assert not t.is_alive()
    assert kiosk.store.catalog.version() == new
    assert not (kiosk.data_dir / CATALOG_DROP).exists()


@pytest.mark.parametrize("step", ["config-backup", "config-intent", "config-installed"])
def test_a_power_cut_during_a_config_install_leaves_a_file_the_next_run_completes(
    kiosk: Kiosk, sim: Sim, fleet: Fleet, tmp_path: Path, step: str
) -> None:
    import subprocess

    from sync_helpers import KIOSK_BIN, cli_env

    marker = tmp_path / "restarted"
    install_fleet(kiosk, sim, fleet, restart_command=f"touch {marker}")
    before = kiosk.config_path.read_bytes()
    bundle = config_bundle(kiosk, fleet.base / "conf", {"terminal": 'name = "新"'}, "k.toml")
    publish(fleet, bundle, "config", "2")
    argv = [KIOSK_BIN, "--config", str(kiosk.config_path), "--data-dir", str(kiosk.data_dir)]
    r = subprocess.run(
        [*argv, "update", "apply"],
        env=cli_env() | {"BIANMIN_UPDATE_KILL_AT": step},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == -9, r.stdout + r.stderr  # SIGKILL: a power cut at that step
    installed = step == "config-installed"
    assert (kiosk.config_path.read_bytes() == bundle.read_bytes()) is installed
    assert not marker.exists()
    r = kiosk.kiosk("update", "apply")
    assert r.returncode == 0, r.stdout + r.stderr
    if installed:
        assert "the services restarted (an install cut short)" in r.stdout, r.stdout
    else:
        assert "configuration 2 installed" in r.stdout, r.stdout
    assert marker.exists()
    assert kiosk.config_path.read_bytes() == bundle.read_bytes()
    backup = kiosk.config_path.with_name(kiosk.config_path.name + ".fleet-prev")
    assert backup.read_bytes() == before
    assert content(kiosk)["config"]["state"] == "pending_boot"
    assert [p.name for p in kiosk.config_path.parent.glob(".*fleet-new*")] == []
