"""Technician commands for the receipt printer and the document scanner, and the printer
simulator (docs/output-devices.md).

- ``kiosk device printer-status --printer URI``
- ``kiosk device print-test --printer URI``
- ``kiosk device print-receipt --printer URI --sample``
- ``kiosk device print-guide --printer URI --item CODE``
- ``kiosk device scan [--device NAME] --out FILE``
- ``kiosk sim printer [--host 127.0.0.1] [--port 9100|0] --out DIR``

Exit codes: 0 printed / scanned; 3 nothing fed to the scanner; 4 device problem (paper out,
cover open, offline, unknown after printing, jam…) named on stderr; 2 bad arguments.
Drivers are imported inside the handlers so ``kiosk --help`` needs neither escpos nor SANE.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from kiosk.exitcodes import Exit
from terminal.cli.registry import CliRegistry


def _err(msg: str) -> None:
    print(f"kiosk: {msg}", file=sys.stderr)


# ------------------------------------------------------------------ printer helpers


def _printer(args: argparse.Namespace, ctx: Any) -> Any:
    """The driver for ``--printer`` (or the configured printer), or an exit code."""
    from drivers.printer.driver import EscposReceiptPrinter
    from drivers.printer.journal import JobJournal
    from drivers.printer.uri import BadUri, parse_uri

    cfg = ctx.config
    uri = args.printer or cfg.devices.printer.uri
    if not uri:
        _err(
            "no printer: give --printer tcp://HOST:PORT | serial:///dev/ttyX?baudrate=N | usb://VID:PID"
        )
        return Exit.USAGE
    try:
        parsed = parse_uri(uri)
    except BadUri as exc:
        _err(f"bad printer URI {exc}")
        return Exit.USAGE
    name = args.profile or cfg.devices.printer.profile
    if name not in cfg.printer_profiles:
        _err(f"no printer profile {name!r} (have: {', '.join(sorted(cfg.printer_profiles))})")
        return Exit.USAGE
    profile = cfg.printer_profiles[name]
    if args.paper:
        dots = 384 if args.paper == 58 else 576
        profile = dataclasses.replace(profile, paper_width_mm=args.paper, dots_per_line=dots)
    journal_dir = args.journal_dir
    if journal_dir is None:
        try:
            journal_dir = ctx.data_dir / "printer"
        except Exception:
            journal_dir = None
    return EscposReceiptPrinter(
        parsed,
        profile,
        timeout_s=args.timeout or cfg.devices.printer.timeout_s,
        status_timeout_s=min(1.0, args.timeout or 1.0),
        journal=JobJournal(journal_dir, keep_days=cfg.retention.print_jobs_days),
    )


def _report_print(result: Any, args: argparse.Namespace) -> int:
    from kiosk.ports.printer import Printed, Unknown, problem_text

    zh, en = problem_text(result)
    if args.json:
        d = {"result": type(result).__name__, **dataclasses.asdict(result), "zh": zh, "en": en}
        print(json.dumps(d, ensure_ascii=False))
    if isinstance(result, Printed):
        if not args.json:
            note = "" if result.confirmed else "; this printer does not confirm the end of a job"
            print(f"printed job {result.job_id} ({result.bytes_sent} bytes{note})")
        return Exit.OK
    msg = f"printer: {en} ({zh})"
    if getattr(result, "job_id", None):
        msg += f"; job {result.job_id}"
    if isinstance(result, Unknown) and result.reprint_offered:
        msg += "; the receipt may have printed — check the paper and reprint if needed"
    elif getattr(result, "reprint_offered", False):
        msg += "; fix the printer and print again"
    _err(msg)
    return Exit.DEVICE


def _add_printer_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--printer",
        metavar="URI",
        help="tcp://HOST:PORT, serial:///dev/ttyX?baudrate=N or usb://VID:PID (default: the configured printer)",
    )
    p.add_argument(
        "--profile",
        help="printer profile name from [printer_profiles] (default: the configured one)",
    )
    p.add_argument(
        "--paper", type=int, choices=(58, 80), help="override the profile's paper width (mm)"
    )
    p.add_argument("--timeout", type=float, help="connect/write timeout in seconds")
    p.add_argument(
        "--journal-dir", help="where the print-job journal goes (default: DATA_DIR/printer)"
    )
    p.add_argument("--json", action="store_true", help="print the result as one JSON line")


def _print_doc(args: argparse.Namespace, ctx: Any, build: Any) -> int:
    printer = _printer(args, ctx)
    if isinstance(printer, Exit):
        return printer
    try:
        doc = build(printer.profile.paper_width_mm)
        return _report_print(printer.print_document(doc), args)
    finally:
        printer.close()


# ------------------------------------------------------------------ printer commands


def _printer_status(args: argparse.Namespace, ctx: Any) -> int:
    from kiosk.ports.printer import PrinterReady, problem_text

    printer = _printer(args, ctx)
    if isinstance(printer, Exit):
        return printer
    try:
        st = printer.status()
    finally:
        printer.close()
    zh, en = problem_text(st)
    if args.json:
        print(
            json.dumps(
                {"status": type(st).__name__, **dataclasses.asdict(st), "zh": zh, "en": en},
                ensure_ascii=False,
            )
        )
    if isinstance(st, PrinterReady):
        if not args.json:
            print(f"{en} ({zh})")
        return Exit.OK
    _err(f"printer: {en} ({zh})")
    return Exit.DEVICE


def _print_test(args: argparse.Namespace, ctx: Any) -> int:
    from kiosk.receipts.blocks import Builder

    cfg = ctx.config

    def build(width_mm: int) -> Any:
        b = Builder("test", width_mm)
        b.text("打印测试 Print test", align="center", size=2, bold=True)
        b.rule("=")
        b.field("终端编号", cfg.terminal.kiosk_id)
        b.field("纸宽", f"{width_mm} mm / {b.cols} 列")
        b.field("时间", datetime.now().strftime("%Y-%m-%d %H:%M:%S"))
        b.rule()
        b.text("中文：便民服务自助终端，欢迎使用！")
        b.text("全角标点：，。、；：？！“”（）《》【】")
        b.text("货币：￥12.50  ASCII: 0123456789 ABC xyz")
        b.text("繁体/生僻：廣東 鑫 龘 㐀")
        b.text("左对齐 left")
        b.text("居中 center", align="center")
        b.text("右对齐 right", align="right")
        b.text("加粗 bold", bold=True)
        b.text("倍高倍宽", size=2)
        b.rule()
        b.text("二维码 QR:", align="center")
        b.qr(f"BIANMIN-PRINT-TEST {cfg.terminal.kiosk_id}")
        b.feed(2)
        b.cut()
        return b.build()

    return _print_doc(args, ctx, build)


def _local_now(cfg: Any) -> Any:
    """Now on the terminal's clock face (``terminal.time_zone``), as the paper prints it."""
    import datetime as dt

    from kiosk.domain.dates import terminal_zone

    return dt.datetime.now(terminal_zone(cfg)).replace(microsecond=0, tzinfo=None)


def _print_receipt(args: argparse.Namespace, ctx: Any) -> int:
    from kiosk.receipts.receipt import build_receipt
    from kiosk.receipts.sample import sample_receipt_data

    if not args.sample:
        _err("print-receipt prints the documented sample application: add --sample")
        return Exit.USAGE
    cfg = ctx.config
    data = sample_receipt_data(
        terminal_id=cfg.terminal.kiosk_id, hotline=cfg.terminal.hotline, now=_local_now(cfg)
    )
    return _print_doc(
        args,
        ctx,
        lambda w: build_receipt(
            data, width_mm=w, status_url_template=cfg.platform.status_url_template
        ),
    )


def _find_item(code: str, ctx: Any) -> dict[str, Any] | None:
    try:  # the terminal's own catalog first
        item = ctx.store().catalog.get(code)
        if item is not None:
            return item.to_dict() if hasattr(item, "to_dict") else dict(item)
    except Exception:  # no store yet / not migrated: fall back to the bundled sample catalog
        pass
    try:
        from kiosk.catalog.sample import load_sample_items

        for it in load_sample_items():
            if it.get("item_code") == code:
                return it
    except (ImportError, OSError, ValueError, KeyError):
        pass
    return None


def _print_guide(args: argparse.Namespace, ctx: Any) -> int:
    from kiosk.receipts.guide import build_guide

    item = _find_item(args.item, ctx)
    if item is None:
        _err(f"no service item {args.item!r} in the catalog")
        return Exit.NOTHING
    cfg = ctx.config
    return _print_doc(
        args,
        ctx,
        lambda w: build_guide(
            item,
            width_mm=w,
            terminal_id=cfg.terminal.kiosk_id,
            hotline=cfg.terminal.hotline,
            printed_at=_local_now(cfg),
        ),
    )


def _print_jobs(args: argparse.Namespace, ctx: Any) -> int:
    from drivers.printer.journal import JobJournal

    directory = Path(args.journal_dir) if args.journal_dir else ctx.data_dir / "printer"
    records = sorted(
        JobJournal.read_file(directory / "print-jobs.jsonl"), key=lambda r: r.created_at
    )
    records = records[-args.last :] if args.last else records
    if not records:
        print(f"no print jobs recorded in {directory}", file=sys.stderr)
        return Exit.NOTHING
    for r in records:
        if args.json:
            print(json.dumps(dataclasses.asdict(r), ensure_ascii=False))
        else:
            extra = f" reprint of {r.reprint_of}" if r.reprint_of else ""
            reason = f" ({r.reason})" if r.reason else ""
            print(
                f"{r.created_at}  {r.job_id}  {r.kind:<8} {r.size:>6} B  {r.state}{reason}{extra}"
            )
    return Exit.OK


# ------------------------------------------------------------------ scanner


def _backend_options(items: list[str]) -> dict[str, Any]:
    opts: dict[str, Any] = {}
    for item in items:
        name, _, value = item.partition("=")
        v: Any = value
        if value.lower() in ("yes", "true", "no", "false"):
            v = value.lower() in ("yes", "true")
        else:
            try:
                v = int(value)
            except ValueError:
                pass
        opts[name] = v
    return opts


def _scan(args: argparse.Namespace, ctx: Any) -> int:
    from drivers.scanner.sane_driver import SaneScanner
    from kiosk.ports.scanner import NoPaper, Page, scan_problem_text

    sc = ctx.config.devices.scanner
    scanner = SaneScanner(
        device=args.device or sc.device,
        resolution=args.resolution or sc.resolution,
        mode=args.mode or sc.mode,
        timeout_s=args.timeout or sc.timeout_s,
        area_mm=(args.width_mm, args.height_mm) if args.width_mm and args.height_mm else None,
        options=_backend_options(args.option or []),
    )
    try:
        result = scanner.scan()
    finally:
        scanner.close()
    zh, en = scan_problem_text(result)
    if isinstance(result, Page):
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(out.name + ".part")
        tmp.write_bytes(result.image)
        tmp.replace(out)
        info = {
            "result": "Page",
            "file": str(out),
            "mime": result.mime,
            "bytes": result.size,
            "width_px": result.width_px,
            "height_px": result.height_px,
            "dpi": result.dpi,
            "mode": result.mode,
        }
        print(
            json.dumps(info, ensure_ascii=False)
            if args.json
            else f"scanned {result.width_px}x{result.height_px} px at {result.dpi} dpi → {out} ({result.size} bytes, {result.mime})"
        )
        return Exit.OK
    if args.json:
        print(
            json.dumps(
                {"result": type(result).__name__, **dataclasses.asdict(result), "zh": zh, "en": en},
                ensure_ascii=False,
            )
        )
    _err(f"scanner: {en} ({zh})")
    return Exit.NOTHING if isinstance(result, NoPaper) else Exit.DEVICE


# ------------------------------------------------------------------ simulator


def _announce_job(job: Any) -> None:
    qr = ", ".join(q["payload"] for q in job.qr) or "none"
    state = "printed" if job.printed else f"NOT printed ({job.reason})"
    print(
        f"job {job.number:04d}: {state}, {job.size} bytes, QR: {qr} → {job.files['png']}",
        flush=True,
    )


def _sim_printer(args: argparse.Namespace, ctx: Any) -> int:
    from drivers.printer.simulator import PrinterSimulator

    try:
        sim = PrinterSimulator(
            args.out,
            args.host,
            args.port,
            encoding=args.encoding,
            dots=384 if args.paper == 58 else 576,
            on_job=_announce_job,
        )
    except OSError as exc:
        _err(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}")
        return Exit.DEVICE
    import signal

    def _stop(_sig: int, _frame: Any) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _stop)
    print(f"listening on {sim.host}:{sim.port}", flush=True)
    print(
        f"jobs and control file in {Path(args.out).resolve()} (kiosk sim control {args.out} --set paper=out)",
        flush=True,
    )
    try:
        sim.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        sim.stop()
    return Exit.OK


def register(cli: CliRegistry) -> None:
    p = cli.subcommand(
        "device",
        "printer-status",
        _printer_status,
        help="ask a receipt printer for its status (DLE EOT)",
    )
    _add_printer_args(p)
    p = cli.subcommand(
        "device",
        "print-test",
        _print_test,
        help="print a test page (Chinese, punctuation, sizes, QR)",
    )
    _add_printer_args(p)
    p = cli.subcommand(
        "device",
        "print-receipt",
        _print_receipt,
        help="print the documented sample acceptance receipt (受理凭证)",
    )
    _add_printer_args(p)
    p.add_argument("--sample", action="store_true", help="the fixed sample application (required)")
    p = cli.subcommand(
        "device", "print-guide", _print_guide, help="print the service guide (办事指南) of an item"
    )
    _add_printer_args(p)
    p.add_argument("--item", required=True, metavar="CODE", help="the item's 实施编码 (item_code)")

    p = cli.subcommand(
        "device", "print-jobs", _print_jobs, help="list recorded print jobs and their outcomes"
    )
    p.add_argument("--journal-dir", help="the journal's directory (default: DATA_DIR/printer)")
    p.add_argument("--last", type=int, default=20, help="how many of the latest jobs (0: all)")
    p.add_argument("--json", action="store_true", help="one JSON line per job")

    p = cli.subcommand(
        "device", "scan", _scan, help="scan one page with the SANE scanner and save it compressed"
    )
    p.add_argument(
        "--device",
        help="SANE device name, e.g. 'test:0' or 'fujitsu:…' (default: configured, else the first)",
    )
    p.add_argument("--resolution", type=int, help="dpi (default: configured, 200)")
    p.add_argument(
        "--mode", choices=("Gray", "Color", "Lineart"), help="scan mode (default: configured, Gray)"
    )
    p.add_argument("--timeout", type=float, help="seconds before the scan is cancelled")
    p.add_argument("--width-mm", type=float, help="scan area width (default: the device maximum)")
    p.add_argument("--height-mm", type=float, help="scan area height (default: the device maximum)")
    p.add_argument(
        "--option",
        action="append",
        metavar="NAME=VALUE",
        help="a backend option by its SANE name, e.g. test-picture=Grid (repeatable)",
    )
    p.add_argument(
        "--out", required=True, help="output file (JPEG for Gray/Color, PNG for Lineart)"
    )
    p.add_argument("--json", action="store_true", help="print the result as one JSON line")

    p = cli.subcommand(
        "sim", "printer", _sim_printer, help="run an ESC/POS capture printer on a TCP port"
    )
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument(
        "--port", type=int, default=9100, help="TCP port (0: pick a free one and print it)"
    )
    p.add_argument("--out", required=True, help="directory for captured jobs and the control file")
    p.add_argument(
        "--paper", type=int, choices=(58, 80), default=80, help="paper width for the rendering"
    )
    p.add_argument(
        "--encoding",
        choices=("GB18030", "GBK", "Big5"),
        default="GB18030",
        help="the firmware's double-byte encoding",
    )
