"""Helpers of the update tests: a real TUF repository made with ``tools/kiosk_repo.py``,
published into a directory the platform simulator serves under ``/fleet/`` over real HTTP,
and tiny wheels of a stand-in ``bianmin-kiosk`` distribution.

The stand-in is honest about what it is: the full kiosk wheel set (PySide6 and the rest) is
too large to build and install for every test, so the apply mechanics (offline venv from the
verified wheels only, the atomic switch, rollback, boot confirmation) are exercised with a
distribution named ``bianmin-kiosk`` whose ``kiosk`` script only knows ``--version`` and
``boot`` (it writes ``boot-ok`` into its release, as a started release that passed its
self-test does; the ``crash`` variant exits 70 at start, as a broken release does).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import sys
import tarfile
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:  # tools/ is not installed: it runs from the checkout
    sys.path.insert(0, str(REPO))

from tools.kiosk_repo import DEFAULT_EXPIRY, Repo  # noqa: E402

STUB = """import os, sys
VERSION = {version!r}
CRASH = {crash!r}


def main():
    args = sys.argv[1:]
    if args[:1] == ["--version"]:
        print(VERSION)
        return 0
    if CRASH:
        print("kiosk {version}: cannot start", file=sys.stderr)
        return 70
    if args[:1] == ["boot"]:
        # a started release that passed its unattended self-test confirms its boot
        open(os.path.join(sys.prefix, "boot-ok"), "w").close()
        print("boot ok", VERSION)
        return 0
    return 0
"""


def _record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"sha256={digest}"


def make_wheel(out_dir: Path, version: str, *, crash: bool = False) -> Path:
    """A wheel of the stand-in ``bianmin-kiosk`` (a ``kiosk`` console script)."""
    dist = f"bianmin_kiosk-{version}.dist-info"
    files = {
        "tiny_kiosk/__init__.py": STUB.format(version=version, crash=crash).encode(),
        f"{dist}/METADATA": f"Metadata-Version: 2.1\nName: bianmin-kiosk\nVersion: {version}\n".encode(),
        f"{dist}/WHEEL": b"Wheel-Version: 1.0\nGenerator: tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
        f"{dist}/entry_points.txt": b"[console_scripts]\nkiosk = tiny_kiosk:main\n",
    }
    record = "".join(f"{n},{_record_hash(d)},{len(d)}\n" for n, d in files.items())
    record += f"{dist}/RECORD,,\n"
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"bianmin_kiosk-{version}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
        z.writestr(f"{dist}/RECORD", record)
    return path


def make_bundle(out_dir: Path, version: str, *, crash: bool = False) -> Path:
    """An app target: a tar of the release's wheels."""
    wheel = make_wheel(out_dir / f"wheels-{version}", version, crash=crash)
    path = out_dir / f"kiosk-{version}.tar"
    with tarfile.open(path, "w") as tar:
        tar.add(wheel, arcname=f"wheels/{wheel.name}")
    return path


class Fleet:
    """The province's signing host (a working repository) and its published copy."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.repo = Repo(base / "repo")
        self.root_key = base / "offline" / "root.pem"
        self.pub = base / "pub"
        self.repo.init(self.root_key)
        self.publish()

    @property
    def root_json(self) -> Path:
        return self.repo.meta_dir / "root_history" / "1.root.json"

    def release(
        self, version: str, ring: str = "all", *, crash: bool = False, publish: bool = True
    ) -> str:
        bundle = make_bundle(self.base / "builds", version, crash=crash)
        path = self.repo.add(bundle, "app", version, ring)
        if publish:
            self.sign_and_publish()
        return path

    def sign_and_publish(self, **expires_s: float) -> None:
        expiry = dict(DEFAULT_EXPIRY)
        from datetime import timedelta

        for role, seconds in expires_s.items():
            expiry[role] = timedelta(seconds=seconds)
        self.repo.sign(expiry, resign_targets="targets" in expires_s)
        self.publish()

    def publish(self) -> None:
        self.repo.publish(self.pub)

    def target_file(self, path: str) -> Path:
        """The published file of target ``path`` (``targets/<dir>/<sha256>.<name>``)."""
        info = self.repo.load("targets").signed.targets[path]
        directory, _, name = path.rpartition("/")
        return self.pub / "targets" / directory / f"{info.hashes['sha256']}.{name}"


@pytest.fixture
def fleet(tmp_path: Path) -> Fleet:
    return Fleet(tmp_path / "fleet")


def status(kiosk: Any) -> dict[str, Any]:
    """``kiosk update status --json``."""
    r = kiosk.kiosk("update", "status", "--json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def install_fleet(kiosk: Any, sim: Any, fleet: Fleet, **update: Any) -> None:
    """Serve ``fleet`` from the simulator and set the terminal up for it: the shipped
    root.json and an ``[update]`` section (``update`` adds or overrides keys)."""
    sim.server.platform.fleet_repo = fleet.pub
    root = kiosk.data_dir / "keys" / "fleet-root.json"
    root.parent.mkdir(parents=True, exist_ok=True)
    root.write_bytes(fleet.root_json.read_bytes())
    values = {"window": window_around_now(), "fetch_timeout_s": 5.0} | update
    lines = ["\n[update]\n"]
    for k, v in values.items():
        lines.append(f"{k} = {v!r}\n".replace("'", '"') if isinstance(v, str) else f"{k} = {v}\n")
    with open(kiosk.config_path, "a", encoding="utf-8") as f:
        f.writelines(lines)


def window_around_now(time_zone: str = "Asia/Shanghai", inside: bool = True) -> str:
    """A maintenance window that holds now (or, ``inside=False``, one that does not)."""
    now = datetime.now(UTC).astimezone(ZoneInfo(time_zone))
    h = now.hour
    if inside:
        return f"{(h - 1) % 24:02d}:00-{(h + 2) % 24:02d}:00"
    return f"{(h + 2) % 24:02d}:00-{(h + 3) % 24:02d}:00"


def releases(kiosk: Any) -> Path:
    return kiosk.data_dir / "releases"


def current(kiosk: Any) -> str | None:
    try:
        return os.readlink(releases(kiosk) / "current")
    except OSError:
        return None


def installed(kiosk: Any) -> list[str]:
    root = releases(kiosk)
    if not root.is_dir():
        return []
    return sorted(
        p.name for p in root.iterdir() if not p.is_symlink() and (p / "release.json").is_file()
    )


def tamper(path: Path, old: bytes, new: bytes) -> None:
    data = path.read_bytes()
    assert old in data, (path, old)
    path.write_bytes(data.replace(old, new, 1))


def flip_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
