"""The technician's commands (the CLI side of maintenance mode):

- ``kiosk selftest [--device NAME] [--unattended] [--json]`` — one line per device; exit 0
  when all passed, 4 when a device failed, 6 when only the platform failed;
- ``kiosk maintenance pin set`` — the technician PIN, read twice (tty or stdin lines);
- ``kiosk support export --usb PATH | --platform`` — the signed support archive;
- ``kiosk support verify ARCHIVE [--public-key HEX]`` — check its detached signature.

``kiosk selftest`` builds the devices from the configuration exactly as ``kiosk run`` does
(simulators included with ``kind = "simulated"``); real devices are exclusive, so on a
terminal run it while ``kiosk run`` is stopped (``--unattended`` is the updater's check).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path
from typing import Any

from kiosk.exitcodes import Exit
from terminal.cli.registry import CliRegistry

GROUP_HELP = {
    "maintenance": "the technician's maintenance mode: PIN",
    "support": "export and verify the signed support archive",
}


def _err(msg: str) -> None:
    print(f"kiosk: {msg}", file=sys.stderr)


def selftest_exit(results: list[Any]) -> int:
    failed = {r.name for r in results if not r.passed}
    if not failed:
        return int(Exit.OK)
    return int(Exit.PLATFORM) if failed == {"platform"} else int(Exit.DEVICE)


def _selftest(args: argparse.Namespace, ctx: Any) -> int:
    from kiosk.service.maintenance_api import SELFTEST_DEVICES
    from terminal import root

    if args.device and args.device not in SELFTEST_DEVICES:
        _err(f"unknown device {args.device!r} (one of: {', '.join(SELFTEST_DEVICES)})")
        return int(Exit.USAGE)
    ctx.setup_logging()
    k = root.open_core(ctx.config, ctx.data_dir)
    try:
        root.start_devices(k, start_agent=False)
        m = k.backend.maintenance
        m.actor = "cli"
        results = m.selftest(args.device, unattended=args.unattended)
    finally:
        k.close()
    for r in results:
        if args.json:
            print(json.dumps(dataclasses.asdict(r), ensure_ascii=False))
        else:
            mark = "SKIP" if r.skipped else ("PASS" if r.passed else "FAIL")
            extra = " [needs a person]" if r.needs_person and not r.skipped else ""
            print(f"{r.name:<11} {mark}  {r.detail}{extra}")
    code = selftest_exit(results)
    if code:
        failed = ", ".join(r.name for r in results if not r.passed)
        _err(f"self-test failed: {failed}")
    return code


def _read_pin_twice() -> tuple[str, str] | None:
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass("new technician PIN: "), getpass.getpass("again: ")
    lines = sys.stdin.read().splitlines()
    if len(lines) < 2:
        return None
    return lines[0].strip(), lines[1].strip()


def _service(ctx: Any) -> Any:
    from kiosk.service import KioskService

    svc = KioskService(ctx.config, ctx.data_dir)
    svc.open(ctx.serving_store())
    svc.maintenance.actor = "cli"
    return svc


def _pin_set(args: argparse.Namespace, ctx: Any) -> int:
    pins = _read_pin_twice()
    if pins is None:
        _err("give the new PIN twice (two lines on standard input, or at the prompt)")
        return int(Exit.USAGE)
    if pins[0] != pins[1]:
        _err("the two PINs differ; nothing changed")
        return int(Exit.USAGE)
    try:
        _service(ctx).maintenance.pin_set(pins[0])
    except ValueError as exc:
        _err(f"{exc}; nothing changed")
        return int(Exit.USAGE)
    print("technician PIN set")
    return int(Exit.OK)


def _published(svc: Any, data_dir: Path) -> None:
    """Outside ``kiosk run`` the devices are not built here: the archive carries the health
    ``kiosk run`` last published instead."""
    from kiosk.devices.published import read_published_health

    health, _age = read_published_health(data_dir)
    for name, h in health.items():
        svc.report_health(name, h)


def _support_export(args: argparse.Namespace, ctx: Any) -> int:
    from kiosk.service.maintenance_api import ExportDone

    ctx.setup_logging()
    svc = _service(ctx)
    closers = []
    try:
        if args.platform:
            from sync import embedded

            platform = embedded.make_platform(ctx.config, ctx.data_dir)
            closers.append(platform.close)
            svc.attach(platform=platform)
        else:
            svc.attach()
        _published(svc, ctx.data_dir)
        usb = Path(args.usb) if args.usb else None
        if usb is not None and not usb.is_dir():
            from terminal.maintenance_ports import UdisksMounter

            svc.maintenance.mounter = UdisksMounter(str(usb))  # a block device: udisks2
            out = svc.maintenance.export_support("usb")
        elif usb is not None:
            out = svc.maintenance.export_support("usb", usb_mount=str(usb))
        else:
            out = svc.maintenance.export_support("platform")
    finally:
        for c in closers:
            c()
    if isinstance(out, ExportDone):
        print(f"support archive {out.location} ({out.size} bytes, sha256 {out.sha256})")
        return int(Exit.OK)
    _err(f"support export failed: {out.reason}" + (f": {out.detail}" if out.detail else ""))
    if out.target == "platform" and out.reason in ("offline", "refused"):
        return int(Exit.PLATFORM)
    return int(Exit.NOTHING) if out.reason == "no_drive" else int(Exit.DEVICE)


def _terminal_public_key(ctx: Any) -> str | None:
    """This terminal's support-signing public key, when its data key is here."""
    from kiosk.maintenance.support import public_key_hex, signing_key
    from kiosk.store.crypto import read_key
    from kiosk.store.keys import key_path

    path = key_path(ctx.data_dir, ctx.config.storage.key_file)
    try:
        return public_key_hex(signing_key(read_key(path)))
    except Exception:  # noqa: BLE001 - not on the terminal, or no key yet
        return None


def _support_verify(args: argparse.Namespace, ctx: Any) -> int:
    from kiosk.maintenance.support import SIG_SUFFIX, verify_archive

    archive = Path(args.archive)
    sig_path = (
        Path(args.signature) if args.signature else archive.with_name(archive.name + SIG_SUFFIX)
    )
    try:
        data, sig = archive.read_bytes(), sig_path.read_bytes()
    except OSError as exc:
        _err(f"{exc.filename}: {exc.strerror}")
        return int(Exit.NOTHING)
    expected = args.public_key or _terminal_public_key(ctx)
    v = verify_archive(data, sig, expected)
    if not v.ok:
        _err(f"{archive.name}: signature NOT valid ({v.reason})")
        return int(Exit.DEVICE)
    whose = "this terminal's key" if not args.public_key and expected else "the given key"
    if expected is None:
        whose = "the key named in the signature file (not compared: give --public-key)"
    print(f"{archive.name}: signature valid (kiosk {v.kiosk_id}, key {v.public_key}, {whose})")
    return int(Exit.OK)


def _support_key(args: argparse.Namespace, ctx: Any) -> int:
    key = _terminal_public_key(ctx)
    if key is None:
        _err("no data key here: run this on the terminal")
        return int(Exit.STORE)
    print(key)
    return int(Exit.OK)


def register(cli: CliRegistry) -> None:
    p = cli.command(
        "selftest",
        _selftest,
        help="test every device (or one): one line each; exit 4 a device failed, 6 only the platform",
    )
    if isinstance(p, argparse.ArgumentParser):  # built (see registry): not for `kiosk run`
        from kiosk.service.maintenance_api import SELFTEST_DEVICES

        p.add_argument("--device", metavar="NAME", help=f"one of: {', '.join(SELFTEST_DEVICES)}")
    p.add_argument(
        "--unattended",
        action="store_true",
        help="skip what needs a person (card, code, listening) and print no test page",
    )
    p.add_argument("--json", action="store_true", help="one JSON object per device")

    pin = cli.group("maintenance", GROUP_HELP["maintenance"]).add_parser(
        "pin", help="the technician PIN", description="the technician PIN"
    )
    pin.set_defaults(handler=None, _parser=pin)
    sub = pin.add_subparsers(dest="pin_command", metavar="SUBCOMMAND")
    ps = sub.add_parser(
        "set",
        help="set the technician PIN (at least 6 digits), read twice from the tty or stdin",
        description="set the technician PIN (at least 6 digits), read twice from the tty or stdin",
    )
    ps.set_defaults(handler=_pin_set, _parser=ps)

    cli.group("support", GROUP_HELP["support"])
    p = cli.subcommand(
        "support", "export", _support_export, help="write the signed support archive"
    )
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument(
        "--usb",
        metavar="PATH",
        help="a mounted drive's directory, or its block device (mounted through udisks2)",
    )
    where.add_argument(
        "--platform", action="store_true", help="upload to the platform's support endpoint"
    )
    p = cli.subcommand(
        "support", "verify", _support_verify, help="check a support archive's detached signature"
    )
    p.add_argument("archive")
    p.add_argument("--signature", help="the .sig file (default: ARCHIVE.sig)")
    p.add_argument("--public-key", metavar="HEX", help="the terminal's key to expect")
    cli.subcommand(
        "support", "key", _support_key, help="print this terminal's support-signing public key"
    )
