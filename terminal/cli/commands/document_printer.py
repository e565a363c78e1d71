"""Technician commands for the A4 document printer (a CUPS queue) and its simulator
(docs/output-devices.md, "The A4 document printer"):

- ``kiosk device a4-status [--queue NAME] [--server S]``
- ``kiosk device print-pdf FILE | --test-page [--queue NAME] [--copies N] [--title T]``
- ``kiosk sim document-printer --out DIR`` — the cups-pdf simulator queue, until Ctrl-C

Exit codes: 0 ready / printed; 4 paper out, jammed, unavailable, timed out (named on stderr);
2 bad arguments (no queue, a file that is not a PDF). pycups is imported inside the handlers.
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


def _err(msg: str) -> None:
    print(f"kiosk: {msg}", file=sys.stderr)


def _printer(args: argparse.Namespace, ctx: Any) -> Any:
    from drivers.document_printer.driver import CupsDocumentPrinter

    section = ctx.config.devices.document_printer
    queue = args.queue or section.queue
    if not queue:
        _err("no A4 printer queue: give --queue NAME (lpstat -p lists them)")
        return Exit.USAGE
    return CupsDocumentPrinter(
        queue, server=args.server or section.server, timeout_s=args.timeout or section.timeout_s
    )


def _report(result: Any, args: argparse.Namespace) -> int:
    from kiosk.ports.document_printer import Printed, Ready, Refused, problem_text

    zh, en = problem_text(result)
    if args.json:
        d = {"result": type(result).__name__, **dataclasses.asdict(result), "zh": zh, "en": en}
        print(json.dumps(d, ensure_ascii=False))
    elif isinstance(result, Printed | Ready):
        extra = f" (job {result.job_id})" if isinstance(result, Printed) else ""
        print(f"A4 printer: {en}{extra}")
    if isinstance(result, Printed | Ready):
        return int(Exit.OK)
    job = getattr(result, "job_id", None)
    _err(f"A4 printer: {en} ({zh})" + (f"; job {job} cancelled" if job else ""))
    return int(Exit.USAGE if isinstance(result, Refused) else Exit.DEVICE)


def _status(args: argparse.Namespace, ctx: Any) -> int:
    printer = _printer(args, ctx)
    if isinstance(printer, Exit):
        return int(printer)
    try:
        return _report(printer.status(), args)
    finally:
        printer.close()


def _print_pdf(args: argparse.Namespace, ctx: Any) -> int:
    import datetime as dt

    from kiosk.maintenance.a4_page import selftest_pdf

    if args.test_page == bool(args.file):
        _err("give a PDF file or --test-page")
        return int(Exit.USAGE)
    if args.test_page:
        now = dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S")
        data, title = selftest_pdf(ctx.config.terminal.kiosk_id, now), "selftest"
    else:
        try:
            data = Path(args.file).read_bytes()
        except OSError as exc:
            _err(f"cannot read {args.file}: {exc.strerror or exc}")
            return int(Exit.USAGE)
        title = Path(args.file).name
    printer = _printer(args, ctx)
    if isinstance(printer, Exit):
        return int(printer)
    try:
        return _report(printer.print_pdf(data, title=args.title or title, copies=args.copies), args)
    finally:
        printer.close()


def _sim(args: argparse.Namespace, ctx: Any) -> int:
    import signal
    import threading

    from drivers.common.factory import DeviceUnavailable
    from drivers.document_printer.simulator import DocumentPrinterSimulator

    try:
        sim = DocumentPrinterSimulator(args.out, server=args.server).start()
    except DeviceUnavailable as exc:
        _err(str(exc))
        return int(Exit.DEVICE)
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    print(f"CUPS queue {sim.queue} (cups-pdf): PDFs in {sim.out}", flush=True)
    print(f"kiosk sim control {sim.dir} --set paper=out | --fault jam:once", flush=True)
    try:
        done.wait()
    except KeyboardInterrupt:
        pass
    finally:
        sim.stop()
    return int(Exit.OK)


def _add_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--queue", metavar="NAME", help="the CUPS queue (default: the configured one)")
    p.add_argument(
        "--server", metavar="S", help="cupsd's socket path or HOST[:PORT] (default: the system's)"
    )
    p.add_argument("--timeout", type=float, help="seconds for the job to complete")
    p.add_argument("--json", action="store_true", help="print the result as one JSON line")


def register(cli: CliRegistry) -> None:
    p = cli.subcommand(
        "device", "a4-status", _status, help="ask the A4 printer's CUPS queue for its state"
    )
    _add_args(p)
    p = cli.subcommand(
        "device",
        "print-pdf",
        _print_pdf,
        help="print a PDF (or the A4 test page) on the A4 printer and follow the job to its end",
    )
    p.add_argument("file", nargs="?", help="the PDF file")
    p.add_argument("--test-page", action="store_true", help="the self-test page instead")
    p.add_argument("--copies", type=int, default=1)
    p.add_argument("--title", help="the job's title in the queue (never personal data)")
    _add_args(p)
    p = cli.subcommand(
        "sim",
        "document-printer",
        _sim,
        help="a CUPS queue on the cups-pdf virtual printer that can run out of paper or jam",
    )
    p.add_argument("--out", required=True, help="directory for the PDFs and the control file")
    p.add_argument("--server", help="cupsd's socket path or HOST[:PORT] (default: the system's)")
