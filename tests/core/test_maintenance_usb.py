"""The support export to a USB drive, on a real ext4 file system in an image file.

Through udisks2 (:mod:`tests.core.udisks_rig` starts udev, a private system bus, polkitd with
the terminal's rule and udisksd): the image is attached through udisks2 as a removable drive,
the kiosk's mounter (:class:`terminal.maintenance_ports.UdisksMounter`) mounts it as the
service user ``kiosk`` — polkit allows that user, not another — the export writes, and the
drive is unmounted after; the archive verifies. (The test's kiosk process runs as root — the
interpreter lives under /root — and only its ``udisksctl`` calls, what polkit decides on, run
as ``kiosk``; the drive's root directory belongs to ``kiosk``, as the export needs.) A drive pulled mid-export (the file system
stops answering while the archive is half written: ``EXT4_IOC_SHUTDOWN``, what a pulled stick
looks like to the kernel) leaves, once plugged in again, no complete-looking archive.

Directly (``mount -o loop``, the drive's directory given to ``--usb``): a complete export
leaves the archive and its signature and nothing else; a drive that fills up mid-write leaves
no complete-looking archive — not even its ``.part``."""

from __future__ import annotations

import base64
import dataclasses
import fcntl
import os
import shutil
import struct
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.config import KioskConfig
from kiosk.maintenance import support
from kiosk.service import KioskService
from kiosk.service.maintenance_api import ExportDone, ExportFailed
from kiosk.store.db import Store
from terminal.maintenance_ports import UdisksMounter
from tests.core import udisks_rig

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


# ------------------------------------------------------------------ through udisks2

EXT4_IOC_SHUTDOWN = 0x8004587D  # _IOR('X', 125, __u32)
EXT4_GOING_FLAGS_NOLOGFLUSH = 2  # drop what is not yet on the device, as a pulled stick does


@pytest.fixture(scope="module")
def udisks() -> Iterator[udisks_rig.Udisks]:
    why = udisks_rig.missing()
    if why:
        pytest.skip(why)
    with udisks_rig.running_udisks() as rig:
        yield rig


def _big_log(tmp_path: Path, cfg: KioskConfig, mb: int) -> KioskConfig:
    log = tmp_path / "logs" / "kiosk.log"
    log.parent.mkdir(exist_ok=True)
    with log.open("w") as f:  # log lines that do not compress: an archive of about ``mb`` MB
        for _ in range(mb * 1024):
            f.write(base64.b64encode(os.urandom(760)).decode() + "\n")
    return dataclasses.replace(cfg, logging=dataclasses.replace(cfg.logging, file=str(log)))


def test_export_through_udisks_as_the_service_user_verifies(
    udisks: udisks_rig.Udisks, tmp_path: Path, store: Store, cfg: KioskConfig
) -> None:
    device = udisks.plug(udisks.new_image(16))
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[terminal]\nkiosk_id = "{cfg.terminal.kiosk_id}"\n', encoding="utf-8")
    args = [KIOSK, "--config", str(config), "--data-dir", str(store.data_dir)]
    r = subprocess.run([*args, "support", "export", "--usb", device], capture_output=True,
                       text=True, env=udisks.env, timeout=180)  # fmt: skip
    assert r.returncode == 0, r.stdout + r.stderr
    archive = Path(r.stdout.split()[2])
    assert archive.parent.parent == Path("/media/kiosk"), r.stdout  # mounted for the user
    assert udisks_rig.mounts_of(device) == []  # writable only for the export

    out = udisks.ctl("mount", "-b", device, as_kiosk=True)  # the technician's laptop, later
    mnt = Path(out.strip().split(" at ", 1)[1].rstrip("."))
    files = on_drive(mnt)
    assert files == [archive.name, archive.name + ".sig"]
    r = subprocess.run([*args, "support", "verify", str(mnt / archive.name)],
                       capture_output=True, text=True, env=udisks.env, timeout=120)  # fmt: skip
    assert r.returncode == 0 and "this terminal's key" in r.stdout, r.stdout + r.stderr
    udisks.ctl("unmount", "-b", device, as_kiosk=True)
    udisks.unplug(device)


def _service(cfg: KioskConfig, store: Store) -> KioskService:
    svc = KioskService(cfg, store.data_dir)
    svc.open(store)
    svc.attach()
    return svc


def test_udisks_mounts_only_for_the_service_user(
    udisks: udisks_rig.Udisks, tmp_path: Path, store: Store, cfg: KioskConfig, monkeypatch: Any
) -> None:
    device = udisks.plug(udisks.new_image(8))
    other = tmp_path / "bin" / "udisksctl"  # the kiosk run as a user the rule does not name
    other.parent.mkdir()
    other.write_text(f'#!/bin/sh\nexec runuser -u nobody -- {udisks.udisksctl} "$@"\n')
    other.chmod(0o755)
    monkeypatch.setenv("PATH", f"{other.parent}:{os.environ['PATH']}")
    monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", udisks.env["DBUS_SYSTEM_BUS_ADDRESS"])
    svc = _service(cfg, store)
    svc.maintenance.mounter = UdisksMounter(device)
    out = svc.maintenance.export_support("usb")
    assert isinstance(out, ExportFailed) and out.reason == "mount_failed", out
    assert "Not authorized" in out.detail and out.detail.startswith("Error mounting"), out.detail
    assert udisks_rig.mounts_of(device) == []
    udisks.unplug(device)


def test_a_drive_pulled_mid_export_leaves_nothing_complete(
    udisks: udisks_rig.Udisks,
    tmp_path: Path,
    store: Store,
    cfg: KioskConfig,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    image = udisks.new_image(16)
    device = udisks.plug(image)
    for key in ("PATH", "DBUS_SYSTEM_BUS_ADDRESS"):
        monkeypatch.setenv(key, udisks.env[key])
    svc = _service(_big_log(tmp_path, cfg, 2), store)
    svc.maintenance.mounter = UdisksMounter(device)

    real_write, pulled = os.write, []

    def write_then_pull(fd: int, data: bytes) -> int:  # the stick leaves after one chunk
        n = real_write(fd, data)
        target = os.readlink(f"/proc/self/fd/{fd}")
        if not pulled and target.endswith(".tar.gz" + support.PART_SUFFIX):
            os.fsync(fd)  # what the kernel had written back when the stick left
            dfd = os.open(os.path.dirname(target), os.O_RDONLY)
            try:
                fcntl.ioctl(dfd, EXT4_IOC_SHUTDOWN, struct.pack("I", EXT4_GOING_FLAGS_NOLOGFLUSH))
            finally:
                os.close(dfd)
            pulled.append(target)
        return n

    monkeypatch.setattr(os, "write", write_then_pull)
    out = svc.maintenance.export_support("usb")
    monkeypatch.setattr(os, "write", real_write)
    assert pulled, "the export never wrote the archive"
    assert isinstance(out, ExportFailed) and out.reason == "write_failed", out
    assert udisks_rig.mounts_of(device) == []  # the dead drive was unmounted
    udisks.unplug(device)

    device = udisks.plug(image)  # plugged in again: what is on it?
    mount = udisks.ctl("mount", "-b", device, as_kiosk=True)
    mnt = Path(mount.strip().split(" at ", 1)[1].rstrip("."))
    left = on_drive(mnt)
    assert left and not [n for n in left if not n.endswith(".part")], left
    udisks.ctl("unmount", "-b", device, as_kiosk=True)

    svc.maintenance.mounter = UdisksMounter(device)
    out = svc.maintenance.export_support("usb")  # the same drive again: the export completes
    assert isinstance(out, ExportDone), out
    udisks.unplug(device)
