"""scripts/install-appliance.sh (issue 15): valid bash; a dry run changes nothing and says the
same twice; into a staging root (``--root``, as an image is built) it lays out the release
link, the configuration, PAM and the enabled units, and a second run finds nothing to do."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.appliance.appliance_helpers import REPO, UNIT_DIR

SCRIPT = REPO / "scripts" / "install-appliance.sh"


def install(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(SCRIPT), *args], capture_output=True, text=True, timeout=120, cwd=REPO,
        stdin=subprocess.DEVNULL,
    )  # fmt: skip


def wheelhouse(tmp_path: Path) -> Path:
    w = tmp_path / "wheels"
    w.mkdir()
    (w / "bianmin_kiosk-0.3.0-py3-none-any.whl").write_bytes(b"")  # named, never opened here
    return w


def tree(root: Path) -> dict[str, str]:
    out = {}
    for p in sorted(root.rglob("*")):
        rel = str(p.relative_to(root))
        if p.is_symlink():
            out[rel] = "-> " + os.readlink(p)
        elif p.is_file():
            out[rel] = p.read_text(encoding="utf-8", errors="replace")
        else:
            out[rel] = f"dir {oct(p.stat().st_mode & 0o777)}"
    return out


def test_the_script_is_valid_bash() -> None:
    assert subprocess.run(["bash", "-n", str(SCRIPT)]).returncode == 0


def test_a_dry_run_changes_nothing_and_says_the_same_twice(tmp_path: Path) -> None:
    w = wheelhouse(tmp_path)
    first, second = (
        install("--wheels", str(w), "--dry-run"),
        install("--wheels", str(w), "--dry-run"),
    )
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    lines = first.stdout.splitlines()
    assert not any(line.startswith("+ ") for line in lines)  # nothing was run
    assert lines[-1].startswith("done: release 0.3.0")
    # it would build the release from the wheels only, and ask for the key backup
    assert any("install --no-index --find-links" in line for line in lines if "would" in line)
    assert any("key" in line and "backup" in line for line in lines)
    assert not Path("/opt/bianmin/releases/0.3.0").exists()


def test_into_a_staging_root_and_again_with_nothing_to_do(tmp_path: Path) -> None:
    w, root = wheelhouse(tmp_path), tmp_path / "root"
    # the release itself is built by pip from real wheels; here it stands ready, so the run
    # exercises everything around it
    release = root / "opt/bianmin/releases/0.3.0"
    (release / "bin").mkdir(parents=True)
    (release / "bin/kiosk").write_text("#!/bin/sh\n")
    (release / "bin/kiosk").chmod(0o755)
    (release / "release.json").write_text('{"version": "0.3.0"}')
    first = install("--wheels", str(w), "--root", str(root))
    assert first.returncode == 0, first.stdout + first.stderr
    assert any(line.startswith("+ ") for line in first.stdout.splitlines())
    after_first = tree(root)
    second = install("--wheels", str(w), "--root", str(root))
    assert second.returncode == 0, second.stdout + second.stderr
    assert [x for x in second.stdout.splitlines() if x.startswith(("+ ", "would"))] == []
    assert tree(root) == after_first  # idempotent: the same files, links and modes

    assert os.readlink(root / "opt/bianmin/releases/current") == "0.3.0"
    assert os.readlink(root / "opt/bianmin/bin/kiosk") == "/opt/bianmin/releases/current/bin/kiosk"
    units = root / "etc/systemd/system"
    for unit in UNIT_DIR.iterdir():
        assert (units / unit.name).read_text() == unit.read_text()
    assert (units / "graphical.target.wants/bianmin-kiosk-ui.service").is_symlink()
    assert (units / "multi-user.target.wants/bianmin-kiosk-sync.service").is_symlink()
    assert (units / "timers.target.wants/bianmin-kiosk-update.timer").is_symlink()
    assert not (units / "timers.target.wants/bianmin-kiosk-update.service").exists()
    # the updater's releases are root's, and it restarts the appliance's services
    toml = (root / "etc/bianmin/kiosk.toml").read_text()
    assert 'releases_dir = "/opt/bianmin/releases"' in toml.splitlines()
    assert any(
        ln.startswith('restart_command = "systemctl restart bianmin-kiosk-sync')
        for ln in toml.splitlines()
    )
    assert "pam_systemd.so" in (root / "etc/pam.d/bianmin-kiosk").read_text()
    rule = root / "etc/polkit-1/rules.d/50-bianmin-udisks.rules"
    assert rule.read_text() == (REPO / "config/50-bianmin-udisks.rules").read_text()
    # the configuration the technician edits is under the data directory, owner-only
    data = root / "var/lib/bianmin"
    assert (data / "kiosk.toml").read_text() == (root / "etc/bianmin/kiosk.toml").read_text()
    assert (data / "kiosk.toml").stat().st_mode & 0o777 == 0o600
    assert data.stat().st_mode & 0o777 == 0o700
