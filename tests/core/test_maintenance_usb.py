"""The support export to a USB drive: a real ext4 file system on a loop device (``mkfs.ext4``
+ ``mount -o loop``; udisks2 cannot run in the CI container, so the drive is mounted here and
its directory given to ``--usb`` — the write path is the same one the udisks2 mount feeds).

A complete export leaves the archive and its signature (which verifies) and nothing else; a
drive that fills up mid-write (ENOSPC, as a pulled drive fails a write) leaves no
complete-looking archive — not even its ``.part``."""

from __future__ import annotations

import base64
import dataclasses
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.config import KioskConfig
from kiosk.maintenance import support
from kiosk.service import KioskService
from kiosk.service.maintenance_api import ExportDone, ExportFailed
from kiosk.store.db import Store

pytestmark = pytest.mark.skipif(
    os.geteuid() != 0 or not shutil.which("mkfs.ext4") or not os.path.exists("/dev/loop-control"),
    reason="needs root, mkfs.ext4 and loop devices to mount a file system image",
)
KIOSK = str(Path(sys.executable).with_name("kiosk"))


@pytest.fixture
def drive(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Path]:
    size_mb = getattr(request, "param", 16)
    image, mnt = tmp_path / "usb.img", tmp_path / "usb"
    with image.open("wb") as f:
        f.truncate(size_mb * 1024 * 1024)
    subprocess.run(["mkfs.ext4", "-q", "-F", "-m", "0", str(image)], check=True)
    mnt.mkdir()
    subprocess.run(["mount", "-o", "loop", str(image), str(mnt)], check=True)
    try:
        yield mnt
    finally:
        subprocess.run(["umount", str(mnt)], check=False)


def on_drive(mnt: Path) -> list[str]:
    return sorted(p.name for p in mnt.iterdir() if p.name != "lost+found")


def test_export_to_a_mounted_drive_verifies(
    drive: Path, tmp_path: Path, store: Store, cfg: KioskConfig
) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[terminal]\nkiosk_id = "{cfg.terminal.kiosk_id}"\n', encoding="utf-8")
    args = [KIOSK, "--config", str(config), "--data-dir", str(store.data_dir)]
    env = {k: v for k, v in os.environ.items() if k not in ("BIANMIN_CONFIG", "BIANMIN_DATA")}
    r = subprocess.run([*args, "support", "export", "--usb", str(drive)], capture_output=True,
                       text=True, env=env, timeout=120)  # fmt: skip
    assert r.returncode == 0, r.stderr
    files = on_drive(drive)
    assert len(files) == 2 and files[0].endswith(".tar.gz") and files[1] == files[0] + ".sig"
    r = subprocess.run([*args, "support", "verify", str(drive / files[0])], capture_output=True,
                       text=True, env=env, timeout=120)  # fmt: skip
    assert r.returncode == 0 and "this terminal's key" in r.stdout, r.stdout + r.stderr


@pytest.mark.parametrize("drive", [4], indirect=True)
def test_a_drive_filling_up_mid_write_leaves_nothing_complete(
    drive: Path, tmp_path: Path, store: Store, cfg: KioskConfig
) -> None:
    log = tmp_path / "logs" / "kiosk.log"
    log.parent.mkdir()
    with log.open("w") as f:  # 6 MB of log lines that do not compress: more than the drive
        for _ in range(6 * 1024):
            f.write(base64.b64encode(os.urandom(760)).decode() + "\n")
    cfg = dataclasses.replace(cfg, logging=dataclasses.replace(cfg.logging, file=str(log)))
    svc = KioskService(cfg, store.data_dir)
    svc.open(store)
    svc.attach()
    out = svc.maintenance.export_support("usb", usb_mount=str(drive))
    assert isinstance(out, ExportFailed) and out.reason == "write_failed", out
    assert "space" in out.detail.lower()
    assert on_drive(drive) == []  # no archive, no signature, no .part

    log.write_text('{"msg": "short"}\n')  # room again: the next export completes
    out = svc.maintenance.export_support("usb", usb_mount=str(drive))
    assert isinstance(out, ExportDone)
    data = Path(out.location).read_bytes()
    sig = Path(out.location + support.SIG_SUFFIX).read_bytes()
    assert support.verify_archive(data, sig, svc.maintenance.public_key()).ok


def test_no_drive_is_an_outcome(store: Store, cfg: KioskConfig, tmp_path: Path) -> None:
    svc = KioskService(cfg, store.data_dir)
    svc.open(store)
    svc.attach()
    out = svc.maintenance.export_support("usb", usb_mount=str(tmp_path / "nothing"))
    assert isinstance(out, ExportFailed) and out.reason == "no_drive"
