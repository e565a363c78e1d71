"""Technician commands for the identity devices and their simulators.

``kiosk device read-id | read-ssc | scan-qr`` talk to a real (or simulated) device once and
print what they got (``--json`` for scripts). ``kiosk sim id-reader | ssc | qr`` run the
simulators; change a running one with ``kiosk sim control``. Exit codes: 0 got it, 3 nothing
there (no card, no code before the timeout), 4 device or protocol failure (reason on stderr),
2 usage (a bad card file, an unknown fault).

Drivers are imported inside the handlers so that ``kiosk --help`` never loads pyserial/pyscard.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from pathlib import Path
from typing import Any

from kiosk.exitcodes import Exit
from terminal.cli.registry import CliRegistry

ID_FAULTS = ("no-card", "pull-mid-read", "noise-before", "stray-after", "bad-checksum",
             "fragmented", "slow", "sam-error", "silent")  # fmt: skip
LABELS = {
    "card_type": "证件类型 Card type",
    "name": "姓名 Name",
    "english_name": "英文姓名 English name",
    "gender_text": "性别 Gender",
    "ethnicity_text": "民族 Ethnicity",
    "birth_date": "出生日期 Birth date",
    "address": "住址 Address",
    "appended_address": "追加住址 Appended address",
    "id_number": "证件号码 ID number",
    "issuer": "签发机关 Issuer",
    "valid_from": "有效期起 Valid from",
    "valid_to": "有效期止 Valid to",
    "pass_number": "通行证号码 Pass number",
    "issue_count": "签发次数 Issue count",
    "nationality": "国籍 Nationality",
    "card_version": "证件版本 Card version",
    "authority_code": "受理机关代码 Authority code",
    "renewal_count": "换证次数 Renewal count",
    "previous_card": "既往版证件关联 Previous card",
    "card_number": "社保卡号 Card number",
    "issue_date": "发卡日期 Issue date",
    "expiry_date": "有效期 Expiry date",
    "birthplace": "出生地 Birthplace",
    "photo_bytes": "照片 Photo (bytes)",
}


def _err(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _print_record(data: dict[str, Any], as_json: bool) -> None:
    if as_json:
        print(json.dumps(data, ensure_ascii=False), flush=True)
        return
    for key, label in LABELS.items():
        if data.get(key) is not None:
            print(f"{label}: {data[key]}")
    if "expired" in data:
        print("已过期 Expired: " + ("是 yes" if data["expired"] else "否 no"))
    if data.get("id_number_valid") is False:
        print("校验码错误 Check digit WRONG")
    for problem in data.get("problems") or []:
        print(f"问题 Problem: {problem}")
    sys.stdout.flush()


# what each reader says when there is no card / the card left mid-read
_CARD_MESSAGES = {
    "id": ("no card on the reader (无卡)", "card removed during the read (读卡过程中证件被移开)"),
    "ssc": ("no card in the reader (无卡)", "card removed during the read (读卡过程中卡被拔出)"),
}


def problems_line(data: dict[str, Any]) -> str:
    return "; ".join(str(p) for p in data.get("problems") or [])


def _report_card(result: Any, as_json: bool, reader: str) -> int:
    """Print a card read's outcome (``reader``: "id" or "ssc") and return its exit code."""
    import kiosk.ports.identity as ports

    no_card, removed = _CARD_MESSAGES[reader]
    match result:
        case ports.CardPresent(card) | ports.SscPresent(card):
            data = card.to_json()
            _print_record(data, as_json)
            if data.get("problems"):
                # The read worked but the card's data is damaged: the kiosk would refuse it.
                _err("the card was read but its data is damaged (证件信息有误): " + problems_line(data))
                return int(Exit.DEVICE)
            return int(Exit.OK)
        case ports.NoCard():
            _err(no_card)
            return int(Exit.NOTHING)
        case ports.CardRemoved():
            _err(removed)
            return int(Exit.DEVICE)
        case ports.PinRequired():
            _err("the card asks for its PIN: give it on stdin with --pin-stdin (需要密码)")
            return int(Exit.DEVICE)
        case ports.CardError():
            _err(f"read failed: {result.describe()}")
            return int(Exit.DEVICE)
    return int(Exit.UNEXPECTED)  # pragma: no cover


# --------------------------------------------------------------------------- read-id
def _read_id(args: argparse.Namespace, ctx: Any) -> int:
    from drivers.idcard.reader import GaT467Reader, IdReaderDelays

    port = args.port
    timeout = args.timeout
    if port is None:
        cfg = ctx.config.devices.id_reader
        port, timeout = cfg.port, timeout or cfg.read_timeout_s
        if not port:
            _err("kiosk device read-id: give --port (devices.id_reader.port is not set)")
            return int(Exit.USAGE)
    delays = IdReaderDelays(response_timeout_s=timeout or 3.0)
    with GaT467Reader(port, args.baudrate, delays=delays) as reader:
        if args.wait:
            result = reader.wait_for_card(args.wait, with_address=args.address)
        else:
            result = reader.read_card(with_address=args.address)
    return _report_card(result, args.json, "id")


# --------------------------------------------------------------------------- read-ssc
def _read_ssc(args: argparse.Namespace, ctx: Any) -> int:
    from drivers.ssc.reader import PcscSscReader

    reader_name = args.reader
    if reader_name is None and args.use_config:
        reader_name = ctx.config.devices.ssc_reader.reader
    pin = None
    if args.pin_stdin:
        pin = sys.stdin.readline().strip()
    reader = PcscSscReader(reader_name)
    if args.wait:
        from kiosk.ports.identity import Ready

        st = reader.status()
        if not isinstance(st, Ready):
            reader.wait_for_change(args.wait)
    result = reader.read_card(pin=pin)
    return _report_card(result, args.json, "ssc")


# --------------------------------------------------------------------------- scan-qr
def _scan_qr(args: argparse.Namespace, ctx: Any) -> int:
    from drivers.qr.reader import SerialCodeReader
    from kiosk.ports.identity import CodeError, CodeScanned, NoCode

    port, baud, term = args.port, args.baudrate, args.terminator
    if port is None:
        cfg = ctx.config.devices.qr_reader
        port, baud, term = cfg.port, baud or cfg.baudrate, term or cfg.terminator
        if not port:
            _err("kiosk device scan-qr: give --port (devices.qr_reader.port is not set)")
            return int(Exit.USAGE)
    term = (term or "\\r").encode("latin-1").decode("unicode_escape")
    reader = SerialCodeReader(port, baud or 9600, term)
    try:
        result = reader.wait_for_code(args.timeout)
    finally:
        reader.close()
    match result:
        case CodeScanned(text, source):
            if args.json:
                print(json.dumps({"text": text, "source": source}, ensure_ascii=False), flush=True)
            else:
                print(text, flush=True)
            return int(Exit.OK)
        case NoCode():
            _err(f"no code scanned within {args.timeout:g} s")
            return int(Exit.NOTHING)
        case CodeError(kind, meaning):
            _err(f"scan failed: {kind}: {meaning}")
            return int(Exit.DEVICE)
    return int(Exit.UNEXPECTED)  # pragma: no cover


# --------------------------------------------------------------------------- simulators
def _run_until_signal(serve: Any, stop: Any, first_line: str) -> int:
    done = threading.Event()

    def on_signal(signum: int, frame: Any) -> None:
        done.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    t = threading.Thread(target=serve, daemon=True)
    t.start()
    print(first_line, flush=True)
    while not done.wait(0.5):
        if not t.is_alive():
            break
    stop()
    return int(Exit.OK)


def _serve_pty_simulator(sim: Any, command: str, link: str) -> int:
    """Create ``sim``'s pty, announce it on stdout and serve until SIGTERM/SIGINT."""
    try:
        sim.open()
    except OSError as exc:
        _err(f"{command}: cannot create {link}: {exc}")
        return int(Exit.DEVICE)
    return _run_until_signal(
        sim.serve_forever,
        sim.stop,
        f"listening on {link} ({sim.slave_name}); control: {sim.control.path}",
    )


def _sim_id_reader(args: argparse.Namespace, ctx: Any) -> int:
    from drivers.idcard.simulator import FAULTS, IdReaderSimulator, load_card

    for f in args.fault or []:
        if f.removesuffix(":once") not in FAULTS:
            _err(f"kiosk sim id-reader: unknown fault {f!r}; known: {', '.join(FAULTS)}")
            return int(Exit.USAGE)
    card = None
    if args.card:
        card = str(Path(args.card).resolve())
        try:
            load_card(card)
        except ValueError as exc:
            _err(f"kiosk sim id-reader: {args.card}: {exc}")
            return int(Exit.USAGE)
    sim = IdReaderSimulator(
        args.link,
        card=card,
        faults=args.fault or [],
        baudrate=args.baudrate,
        pace=not args.no_pace,
        slow_s=args.slow_s,
    )
    return _serve_pty_simulator(sim, "kiosk sim id-reader", args.link)


def _sim_ssc(args: argparse.Namespace, ctx: Any) -> int:
    from drivers.simctl import control_path_for
    from drivers.ssc.emulator import SscEmulator, load_ssc

    card = None
    if args.card:
        card = str(Path(args.card).resolve())
        try:
            load_ssc(card)
        except ValueError as exc:
            _err(f"kiosk sim ssc: {args.card}: {exc}")
            return int(Exit.USAGE)
    control = control_path_for(args.link)
    emu = SscEmulator(
        control, card=card, vpcd_port=args.vpcd_port, host=args.host, protocol=args.protocol
    )
    return _run_until_signal(
        emu.serve_forever,
        emu.stop,
        f"connecting to vpcd at {args.host}:{args.vpcd_port}; control: {control}",
    )


def _sim_qr(args: argparse.Namespace, ctx: Any) -> int:
    from drivers.qr.simulator import QrSimulator

    term = args.terminator.encode("latin-1").decode("unicode_escape")
    sim = QrSimulator(
        args.link,
        terminator=term,
        baudrate=args.baudrate,
        pace=not args.no_pace,
        codes=args.code,
        every_s=args.every,
    )
    return _serve_pty_simulator(sim, "kiosk sim qr", args.link)


# --------------------------------------------------------------------------- register
def register(cli: CliRegistry) -> None:
    p = cli.subcommand("device", "read-id", _read_id, help="read one ID card (GA/T 467 reader)")
    p.add_argument("--port", help="serial port or pty link (default: devices.id_reader.port)")
    p.add_argument("--baudrate", type=int, default=115200)
    p.add_argument("--timeout", type=float, default=None, help="per-command timeout, s (3)")
    p.add_argument("--wait", type=float, default=0, help="poll up to S seconds for a card")
    p.add_argument("--address", action="store_true", help="also read the appended address")
    p.add_argument("--json", action="store_true", help="print the card as one JSON object")

    p = cli.subcommand(
        "device", "read-ssc", _read_ssc, help="read the social security card (PC/SC)"
    )
    p.add_argument(
        "--reader", help="substring of the PC/SC reader name (default: first with a card)"
    )
    p.add_argument("--use-config", action="store_true", help="take the reader from the config")
    p.add_argument(
        "--pin-stdin", action="store_true", help="read the PIN from stdin (sent only if asked)"
    )
    p.add_argument("--wait", type=float, default=0, help="wait up to S seconds for a card")
    p.add_argument("--json", action="store_true")

    p = cli.subcommand(
        "device", "scan-qr", _scan_qr, help="wait for one QR/barcode (serial reader)"
    )
    p.add_argument("--port", help="serial port or pty link (default: devices.qr_reader.port)")
    p.add_argument("--baudrate", type=int, default=None)
    p.add_argument("--terminator", default=None, help=r"line terminator (default \r)")
    p.add_argument("--timeout", type=float, default=10.0)
    p.add_argument("--json", action="store_true")

    p = cli.subcommand(
        "sim", "id-reader", _sim_id_reader, help="simulate a GA/T 467 ID card reader on a pty"
    )
    p.add_argument("--link", required=True, help="path of the pty symlink to create")
    p.add_argument("--card", help="card JSON (read-id's keys); none = no card on the reader")
    p.add_argument("--baudrate", type=int, default=115200)
    p.add_argument("--fault", action="append", metavar="NAME[:once]", help=", ".join(ID_FAULTS))
    p.add_argument("--no-pace", action="store_true", help="answer at pty speed, not wire speed")
    p.add_argument("--slow-s", type=float, default=1.0, help="delay of a 'slow' answer")

    p = cli.subcommand("sim", "ssc", _sim_ssc, help="simulate a social security card through vpcd")
    p.add_argument("--card", help="social security card JSON; none = no card inserted")
    p.add_argument("--vpcd-port", type=int, default=35963)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--link", default="ssc-sim", help="control file is LINK.control.json")
    p.add_argument("--protocol", choices=("T0", "T1"), default="T0", help="what the ATR offers")

    p = cli.subcommand("sim", "qr", _sim_qr, help="simulate a serial QR reader on a pty")
    p.add_argument("--link", required=True)
    p.add_argument("--terminator", default=r"\r")
    p.add_argument("--baudrate", type=int, default=9600)
    p.add_argument("--code", action="append", help="a code to scan repeatedly (repeatable)")
    p.add_argument("--every", type=float, default=None, help="seconds between --code scans (1)")
    p.add_argument("--no-pace", action="store_true")
