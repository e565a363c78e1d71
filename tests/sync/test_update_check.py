"""Software updates through TUF, the checking half (issue 15): the repository tool, the
simulator serving it under ``/fleet/``, and ``kiosk update check|status`` refusing every bad
repository answer, over real HTTP, with the reason in ``kiosk update status`` and nothing
installed."""

from __future__ import annotations

import stat
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pytest
from sync_helpers import REPO, Kiosk, Sim
from update_helpers import (
    Fleet,
    flip_byte,
    install_fleet,
    installed,
    make_bundle,
    status,
    tamper,
)

from tools.kiosk_repo import Repo


def refusal(kiosk: Kiosk) -> str:
    return (status(kiosk).get("refusal") or {}).get("reason", "")


def test_repository_tool_makes_a_static_repository_with_an_offline_root_key(
    tmp_path: Path,
) -> None:
    repo, offline, pub = tmp_path / "repo", tmp_path / "usb" / "root.pem", tmp_path / "pub"
    bundle = make_bundle(tmp_path, "0.2.0")

    def tool(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "tools.kiosk_repo", "--repo", str(repo), *args],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=60,
        )

    made = tool("bundle", str(bundle.parent / "wheels-0.2.0"), "--out", str(tmp_path / "b.tar"))
    assert made.returncode == 0 and "bianmin-kiosk 0.2.0" in made.stdout, made.stderr
    with tarfile.open(tmp_path / "b.tar") as tar:
        assert tar.getnames() == ["wheels/bianmin_kiosk-0.2.0-py3-none-any.whl"]
    assert tool("bundle", str(tmp_path), "--out", str(tmp_path / "c.tar")).returncode == 2
    assert tool("init", "--root-key", str(repo / "root.pem")).returncode == 2  # not in the repo
    r = tool("init", "--root-key", str(offline))
    assert r.returncode == 0, r.stderr
    assert offline.is_file() and not (repo / "keys" / "root.pem").exists()
    for key in (offline, *(repo / "keys").glob("*.pem")):
        assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert tool("init", "--root-key", str(offline)).returncode == 2  # never overwrites keys
    r = tool("add", str(bundle), "--kind", "app", "--version", "0.2.0", "--ring", "early")
    assert r.returncode == 0, r.stderr
    assert tool("publish", str(pub)).returncode == 2  # unsigned targets are never published
    assert tool("sign").returncode == 0
    assert tool("publish", str(pub)).returncode == 0
    custom = Repo(repo).load("targets").signed.targets["app/0.2.0/kiosk-0.2.0.tar"].custom
    assert custom == {"kind": "app", "version": "0.2.0", "rings": ["canary", "early"]}
    names = sorted(p.name for p in (pub / "metadata").iterdir())
    assert names == ["1.root.json", "2.snapshot.json", "2.targets.json", "timestamp.json"]
    (published,) = (pub / "targets" / "app" / "0.2.0").iterdir()
    assert published.name.endswith(".kiosk-0.2.0.tar") and len(published.name) > 64
    # the same version with other content is refused: a new build needs a new version
    other = make_bundle(tmp_path / "other", "0.2.0", crash=True)
    assert tool("add", str(other), "--kind", "app", "--version", "0.2.0").returncode == 2
    # re-adding the same file with a wider ring promotes it
    assert tool("add", str(bundle), "--kind", "app", "--version", "0.2.0").returncode == 0
    assert tool("sign").returncode == 0 and tool("publish", str(pub)).returncode == 0
    custom = Repo(repo).load("targets").signed.targets["app/0.2.0/kiosk-0.2.0.tar"].custom
    assert custom["rings"] == ["canary", "early", "all"]


def test_check_takes_the_newest_release_of_the_ring_the_heartbeat_answer_names(
    kiosk: Kiosk, sim: Sim, fleet: Fleet
) -> None:
    fleet.release("0.2.0", "all")
    fleet.release("0.3.0", "canary")
    install_fleet(kiosk, sim, fleet)
    r = kiosk.kiosk("update", "check")
    assert r.returncode == 0, r.stderr
    assert "update available: 0.2.0" in r.stdout
    assert "0.3.0: other ring: for canary only; this terminal is in all" in r.stdout
    s = status(kiosk)
    assert s["state"] == "available" and s["available"]["version"] == "0.2.0"
    assert s["ring"] == "all"
    # the platform moves the terminal to canary through its heartbeat answer
    sim.post("/_sim/ring", {"kiosk_id": kiosk.kiosk_id, "ring": "canary"})
    assert kiosk.agent().heartbeat()[0] == "ok"
    r = kiosk.kiosk("update", "check")
    assert r.returncode == 0 and "update available: 0.3.0" in r.stdout, r.stdout + r.stderr
    assert status(kiosk)["ring"] == "canary"
    # the heartbeat carries the update's state
    kiosk.agent().heartbeat()
    hb = sim.get("/_sim/heartbeats")[kiosk.kiosk_id]
    assert hb["update"]["state"] == "available" and hb["update"]["available"] == "0.3.0"


def test_a_target_for_another_ring_is_not_installed(kiosk: Kiosk, sim: Sim, fleet: Fleet) -> None:
    fleet.release("0.2.0", "canary")
    install_fleet(kiosk, sim, fleet)
    r = kiosk.kiosk("update", "apply", "--now")
    assert r.returncode == 0 and "up to date: 0.1.0" in r.stdout, r.stdout + r.stderr
    assert installed(kiosk) == []
    held = status(kiosk)["held"]
    assert held == [
        {"version": "0.2.0", "reason": "other ring: for canary only; this terminal is in all"}
    ]
    out = kiosk.kiosk("update", "status").stdout
    assert "not taken: 0.2.0: other ring" in out


def test_a_tampered_target_is_refused_and_nothing_installed(
    kiosk: Kiosk, sim: Sim, fleet: Fleet
) -> None:
    path = fleet.release("0.2.0")
    flip_byte(fleet.target_file(path))  # same length, other bytes: a mirror serving malware
    install_fleet(kiosk, sim, fleet)
    r = kiosk.kiosk("update", "apply", "--now")
    assert r.returncode == 6, r.stdout + r.stderr
    assert refusal(kiosk).startswith("tampered:")
    assert installed(kiosk) == [] and not (kiosk.data_dir / "releases" / "current").exists()
    assert "last refusal:" in kiosk.kiosk("update", "status").stdout


@pytest.mark.parametrize("role", ["timestamp", "snapshot"])
def test_tampered_metadata_is_refused(kiosk: Kiosk, sim: Sim, fleet: Fleet, role: str) -> None:
    fleet.release("0.2.0")
    version = fleet.repo.load("snapshot").signed.version
    name = "timestamp.json" if role == "timestamp" else f"{version}.snapshot.json"
    # a later expiry than signed: what a freeze attacker would like to serve
    tamper(fleet.pub / "metadata" / name, b'"expires": "20', b'"expires": "29')
    install_fleet(kiosk, sim, fleet)
    r = kiosk.kiosk("update", "check")
    assert r.returncode == 6, r.stdout + r.stderr
    assert refusal(kiosk).startswith("bad signature:"), refusal(kiosk)
    assert status(kiosk)["state"] == "refused"


@pytest.mark.parametrize("role", ["timestamp", "snapshot"])
def test_expired_metadata_is_refused(kiosk: Kiosk, sim: Sim, fleet: Fleet, role: str) -> None:
    fleet.repo.add(make_bundle(fleet.base / "b", "0.2.0"), "app", "0.2.0", "all")
    fleet.sign_and_publish(**{role: -60})
    install_fleet(kiosk, sim, fleet)
    r = kiosk.kiosk("update", "apply", "--now")
    assert r.returncode == 6, r.stdout + r.stderr
    assert refusal(kiosk).startswith("expired:"), refusal(kiosk)
    assert role in refusal(kiosk)
    assert installed(kiosk) == []


def test_a_rolled_back_timestamp_is_refused(kiosk: Kiosk, sim: Sim, fleet: Fleet) -> None:
    fleet.release("0.2.0")
    old = (fleet.pub / "metadata" / "timestamp.json").read_bytes()
    fleet.release("0.3.0")
    install_fleet(kiosk, sim, fleet)
    assert kiosk.kiosk("update", "check").returncode == 0
    # a mirror (or an attacker) serves the older, validly signed timestamp again
    (fleet.pub / "metadata" / "timestamp.json").write_bytes(old)
    r = kiosk.kiosk("update", "check")
    assert r.returncode == 6, r.stdout + r.stderr
    assert refusal(kiosk).startswith("rollback:"), refusal(kiosk)
    assert status(kiosk)["state"] == "refused"


def test_a_frozen_repository_is_refused_once_its_timestamp_expires(
    kiosk: Kiosk, sim: Sim, fleet: Fleet
) -> None:
    fleet.repo.add(make_bundle(fleet.base / "b", "0.2.0"), "app", "0.2.0", "all")
    fleet.sign_and_publish(timestamp=3)
    install_fleet(kiosk, sim, fleet)
    assert kiosk.kiosk("update", "check").returncode == 0
    # nobody signs a new timestamp: the same metadata is served for ever
    time.sleep(4)
    r = kiosk.kiosk("update", "check")
    assert r.returncode == 6, r.stdout + r.stderr
    assert refusal(kiosk).startswith("expired:") and "timestamp" in refusal(kiosk)


@pytest.mark.parametrize("what", ["target", "timestamp"])
def test_an_endless_download_is_cut_at_its_deadline(
    kiosk: Kiosk, sim: Sim, fleet: Fleet, what: str
) -> None:
    path = fleet.release("0.2.0")
    install_fleet(kiosk, sim, fleet, download_deadline_s=5.0, fetch_timeout_s=2.0)
    url = (
        "/fleet/" + str(fleet.target_file(path).relative_to(fleet.pub))
        if what == "target"
        else "/fleet/metadata/timestamp.json"
    )
    # the file's real length is announced, then one byte every 0.5 s: it would never end
    sim.once({"kind": "drip", "path": url, "interval": 0.5})
    r = kiosk.kiosk("update", "apply", "--now", timeout=60)
    assert r.returncode == 6, r.stdout + r.stderr
    assert refusal(kiosk).startswith("timeout:"), refusal(kiosk)
    assert installed(kiosk) == []


def test_no_root_installed_refuses_to_check(kiosk: Kiosk, sim: Sim, fleet: Fleet) -> None:
    fleet.release("0.2.0")
    install_fleet(kiosk, sim, fleet)
    (kiosk.data_dir / "keys" / "fleet-root.json").unlink()
    r = kiosk.kiosk("update", "check")
    assert r.returncode == 6
    assert refusal(kiosk).startswith("no root:")


def test_platform_sim_serves_a_published_repository_under_fleet(
    tmp_path: Path, fleet: Fleet
) -> None:
    import http.client

    import requests
    from test_sync_cli import SimProcess

    fleet.release("0.2.0")
    sim = SimProcess(tmp_path, 0, "--fleet-repo", str(fleet.pub))
    try:
        r = requests.get(sim.url + "/fleet/metadata/1.root.json", timeout=10)
        assert r.status_code == 200
        assert r.content == (fleet.pub / "metadata" / "1.root.json").read_bytes()
        assert requests.head(sim.url + "/fleet/metadata/timestamp.json", timeout=10).ok
        (fleet.pub / "secret.txt").write_text("not published")
        for path in (  # sent exactly as written (no client-side clean-up of the path)
            "/fleet/metadata/../../../../etc/passwd",
            "/fleet/targets/../secret.txt",
            "/fleet/secret.txt",
            "/fleet/metadata/none.json",
        ):
            conn = http.client.HTTPConnection("127.0.0.1", sim.port, timeout=10)
            conn.request("GET", path)
            assert conn.getresponse().status == 404, path
            conn.close()
    finally:
        sim.stop()
