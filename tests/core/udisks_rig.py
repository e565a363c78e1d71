"""A real udisks2 for the USB export tests, started as root for the test module and stopped
after: the kernel's udev (``systemd-udevd``, when none runs), a private system bus
(``dbus-daemon`` on a socket in a temporary directory, named by ``DBUS_SYSTEM_BUS_ADDRESS``),
``polkitd`` with the terminal's own rule (``config/50-bianmin-udisks.rules`` bind-mounted as
its only ``/etc/polkit-1/rules.d``, in a private mount namespace) and ``udisksd``.

A "USB drive" is an ext4 image file attached through udisks2 itself (``udisksctl
loop-setup``). A udev rule for the test's image files (in ``/run/udev/rules.d``, removed after)
sets ``UDISKS_SYSTEM=0`` on their loop devices, so udisks2 treats them as it treats a USB
stick (not a system disk): the service user ``kiosk`` may mount one only through the rule's
``filesystem-mount-other-seat`` action. The kiosk's ``udisksctl`` calls run as ``kiosk``
(``runuser``) through a wrapper first on ``PATH``; the user is created when missing, as the
unit file's ``User=kiosk`` needs on a terminal, and removed after.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pwd
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
RULE = REPO / "config" / "50-bianmin-udisks.rules"
USER = "kiosk"
UDISKSD = "/usr/libexec/udisks2/udisksd"
POLKITD = "/usr/lib/polkit-1/polkitd"
UDEVD = "/lib/systemd/systemd-udevd"
TOOLS = (UDISKSD, POLKITD, UDEVD, "dbus-daemon", "dbus-send", "udevadm", "udisksctl",
         "mkfs.ext4", "runuser", "unshare", "useradd")  # fmt: skip
IMAGE_PREFIX = "bianmin-usb-"
UDEV_RULE = Path("/run/udev/rules.d/99-bianmin-test-usb.rules")

BUS_CONF = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <deny own="*"/>
    <deny send_type="method_call"/>
    <allow send_type="signal"/>
    <allow send_requested_reply="true" send_type="method_return"/>
    <allow send_requested_reply="true" send_type="error"/>
    <allow receive_type="method_call"/>
    <allow receive_type="method_return"/>
    <allow receive_type="error"/>
    <allow receive_type="signal"/>
    <allow send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus"/>
    <allow send_destination="org.freedesktop.DBus"
           send_interface="org.freedesktop.DBus.Introspectable"/>
    <allow send_destination="org.freedesktop.DBus"
           send_interface="org.freedesktop.DBus.Properties"/>
    <allow send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus.Peer"/>
  </policy>
  <includedir>/usr/share/dbus-1/system.d</includedir>
  <includedir>/etc/dbus-1/system.d</includedir>
</busconfig>
"""


def missing() -> str | None:
    """Why this machine cannot run the rig, or None. CI (root, bootstrap's apt list) can."""
    if os.geteuid() != 0:
        return "needs root to start udisksd, polkitd and a system bus"
    absent = [t for t in TOOLS if not (os.path.exists(t) or shutil.which(t))]
    if absent:
        return "not installed: " + ", ".join(absent) + " (scripts/bootstrap.sh installs them)"
    if not os.path.exists("/dev/loop-control"):
        return "no loop devices"
    return None


@dataclass
class Udisks:
    """The running rig: ``env`` for the kiosk's processes (bus address, the wrapper on PATH)."""

    dir: Path
    env: dict[str, str]
    udisksctl: str = "/usr/bin/udisksctl"
    procs: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def ctl(self, *args: str, as_kiosk: bool = False, check: bool = True) -> str:
        """``udisksctl ARGS`` as root (or as the service user), with a deadline."""
        quiet = [] if args[0] in ("info", "status", "dump") else ["--no-user-interaction"]
        tool = str(self.dir / "bin" / "udisksctl") if as_kiosk else self.udisksctl
        cmd = [tool, *args, *quiet]
        r = subprocess.run(cmd, capture_output=True, text=True, env=self.env, timeout=60)
        if check and r.returncode != 0:
            raise RuntimeError(f"udisksctl {' '.join(args)}: {r.stderr.strip()}")
        return r.stdout

    def new_image(self, size_mb: int) -> Path:
        """An empty ext4 "stick" whose root directory the service user owns."""
        fd, name = tempfile.mkstemp(prefix=IMAGE_PREFIX, suffix=".img", dir=self.dir)
        os.close(fd)
        image = Path(name)
        os.truncate(image, size_mb * 1024 * 1024)
        image.chmod(0o644)
        u = pwd.getpwnam(USER)
        subprocess.run(["mkfs.ext4", "-q", "-F", "-m", "0", "-E",
                        f"root_owner={u.pw_uid}:{u.pw_gid}", str(image)],
                       check=True, timeout=60)  # fmt: skip
        return image

    def plug(self, image: Path) -> str:
        """Attach ``image`` through udisks2 (Manager.LoopSetup); the block device once udisks
        sees its ext4 file system."""
        out = self.ctl("loop-setup", "-f", str(image))
        m = re.search(r" as (/dev/loop\d+)", out)
        assert m, out
        device = m[1]
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            subprocess.run(["udevadm", "settle", "-t", "10"], check=False, timeout=20)
            info = self.ctl("info", "-b", device, check=False)
            if re.search(r"IdType:\s+ext4", info) and re.search(r"HintSystem:\s+false", info):
                return device
            time.sleep(0.2)
        raise RuntimeError(f"udisks2 did not see {device} as a removable ext4 drive: {info}")

    def unplug(self, device: str) -> None:
        for line in mounts_of(device):
            subprocess.run(["umount", "-l", line], check=False, timeout=30)
        self.ctl("loop-delete", "-b", device, check=False)


def mounts_of(device: str) -> list[str]:
    r = subprocess.run(["findmnt", "-n", "-o", "TARGET", "-S", device], capture_output=True,
                       text=True, timeout=10)  # fmt: skip
    return r.stdout.split()


def _wait_name(env: dict[str, str], name: str, proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{name} owner exited: {log.read_text(errors='replace')[-2000:]}")
        r = subprocess.run(["dbus-send", "--system", "--print-reply", "--dest=org.freedesktop.DBus",
                            "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner",
                            f"string:{name}"], capture_output=True, text=True, env=env,
                           timeout=10)  # fmt: skip
        if "boolean true" in r.stdout:
            return
        time.sleep(0.1)
    raise RuntimeError(f"{name} did not appear on the bus: {log.read_text(errors='replace')}")


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


LOCK = Path("/tmp/bianmin-udisks.lock")


@contextlib.contextmanager
def running_udisks() -> Iterator[Udisks]:
    """One rig on the machine at a time: it may own udev, the user and the udev rule."""
    with LOCK.open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        with _running_udisks() as rig:
            yield rig


@contextlib.contextmanager
def _running_udisks() -> Iterator[Udisks]:
    base = Path(tempfile.mkdtemp(prefix="bianmin-udisks-"))
    base.chmod(0o755)  # the service user reaches the bus socket
    created_user = False
    try:
        pwd.getpwnam(USER)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell",
                        "/usr/sbin/nologin", USER], check=True, timeout=30)  # fmt: skip
        created_user = True
    socket = base / "system_bus_socket"
    env = {**os.environ, "DBUS_SYSTEM_BUS_ADDRESS": f"unix:path={socket}"}
    (base / "bin").mkdir()
    wrapper = base / "bin" / "udisksctl"
    wrapper.write_text(
        "#!/bin/sh\n# the kiosk's udisksctl calls, as its service user\n"
        f'exec runuser -u {USER} -- env DBUS_SYSTEM_BUS_ADDRESS="$DBUS_SYSTEM_BUS_ADDRESS" '
        f'{shutil.which("udisksctl")} "$@"\n'
    )
    wrapper.chmod(0o755)
    rules = base / "polkit-rules"
    rules.mkdir(mode=0o755)
    shutil.copy(RULE, rules / RULE.name)
    (rules / RULE.name).chmod(0o644)
    (base / "bus.conf").write_text(BUS_CONF.format(socket=socket))
    real = shutil.which("udisksctl") or "udisksctl"
    rig = Udisks(base, {**env, "PATH": f"{base / 'bin'}:{os.environ.get('PATH', '')}"}, real)
    rig.env.pop("BIANMIN_CONFIG", None)
    rig.env.pop("BIANMIN_DATA", None)

    def start(name: str, cmd: list[str]) -> subprocess.Popen[bytes]:
        log = (base / f"{name}.log").open("wb")
        p = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env)
        rig.procs.append(p)
        return p

    UDEV_RULE.parent.mkdir(parents=True, exist_ok=True)
    UDEV_RULE.write_text(
        f'SUBSYSTEM=="block", KERNEL=="loop*", ATTR{{loop/backing_file}}=="*/{IMAGE_PREFIX}*", '
        'ENV{UDISKS_SYSTEM}="0", ENV{UDISKS_AUTO}="0"\n'
    )
    try:
        if not _udev_answers():  # no udev here (a container): ours, for the tests
            udevd = start("udevd", [UDEVD])
            deadline = time.monotonic() + 10
            while not _udev_answers():
                if udevd.poll() is not None or time.monotonic() > deadline:
                    log = (base / "udevd.log").read_text(errors="replace")
                    raise RuntimeError(f"systemd-udevd did not start: {log[-2000:]}")
                time.sleep(0.05)
            subprocess.run(["udevadm", "trigger", "--subsystem-match=block", "--action=add"],
                           check=False, timeout=30)  # fmt: skip
        subprocess.run(["udevadm", "control", "--reload"], check=False, timeout=30)
        subprocess.run(["udevadm", "settle", "-t", "20"], check=False, timeout=30)
        bus = start("dbus", ["dbus-daemon", f"--config-file={base / 'bus.conf'}", "--nofork"])
        _wait_name(env, "org.freedesktop.DBus", bus, base / "dbus.log")
        polkit = start("polkitd", ["unshare", "--mount", "--propagation", "private", "sh", "-c",
                                   f"mount --bind {rules} /etc/polkit-1/rules.d && "
                                   f"exec {POLKITD} --no-debug"])  # fmt: skip
        _wait_name(env, "org.freedesktop.PolicyKit1", polkit, base / "polkitd.log")
        udisks = start("udisksd", [UDISKSD])
        _wait_name(env, "org.freedesktop.UDisks2", udisks, base / "udisksd.log")
        yield rig
    finally:
        for dev in _loops(base):
            with contextlib.suppress(Exception):
                rig.unplug(dev)
        for p in reversed(rig.procs):
            _stop(p)
        UDEV_RULE.unlink(missing_ok=True)
        if created_user:
            subprocess.run(["userdel", USER], check=False, timeout=30)
        shutil.rmtree(base, ignore_errors=True)


def _udev_answers() -> bool:
    r = subprocess.run(["udevadm", "control", "--ping", "-t", "2"], capture_output=True,
                       timeout=10)  # fmt: skip
    return r.returncode == 0


def _loops(base: Path) -> list[str]:
    """Loop devices backed by this rig's image files."""
    r = subprocess.run(["losetup", "-n", "-O", "NAME,BACK-FILE", "-l"], capture_output=True,
                       text=True, timeout=10)  # fmt: skip
    return [ln.split()[0] for ln in r.stdout.splitlines() if f"{base}/{IMAGE_PREFIX}" in ln]
