"""``kiosk sim control``: change a running simulator's state through its control file."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from kiosk.exitcodes import Exit
from terminal.cli.registry import CliRegistry


def _parse_value(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return text


def _control(args: argparse.Namespace, ctx: Any) -> int:
    from drivers.simctl import SimControl, control_path_for

    path = args.file or (control_path_for(args.target) if args.target else None)
    if path is None:
        print("kiosk sim control: give the simulator's link/out dir or --file", file=sys.stderr)
        return int(Exit.USAGE)
    ctl = SimControl(path)
    if args.clear_faults:
        ctl.clear_faults()
    for fault in args.fault or []:
        ctl.add_fault(fault)
    changes = {}
    for item in args.set or []:
        if "=" not in item:
            print(f"kiosk sim control: --set expects KEY=VALUE, got {item!r}", file=sys.stderr)
            return int(Exit.USAGE)
        key, _, value = item.partition("=")
        changes[key] = _parse_value(value)
    for key in args.unset or []:
        changes[key] = None
    state = ctl.update(**changes) if changes else ctl.read()
    print(json.dumps(state, ensure_ascii=False, indent=None if args.json else 1))
    return int(Exit.OK)


def register(cli: CliRegistry) -> None:
    p = cli.subcommand(
        "sim",
        "control",
        _control,
        help="show or change a running simulator's state (card, paper, faults) via its control file",
    )
    p.add_argument("target", nargs="?", help="the simulator's pty link or output directory")
    p.add_argument("--file", help="the control file itself (default: TARGET.control.json)")
    p.add_argument(
        "--set", action="append", metavar="KEY=VALUE", help="set a state key (JSON value)"
    )
    p.add_argument("--unset", action="append", metavar="KEY", help="remove a state key")
    p.add_argument("--fault", action="append", metavar="NAME[:once]", help="add a fault")
    p.add_argument("--clear-faults", action="store_true", help="remove every fault")
    p.add_argument("--json", action="store_true", help="print the state as one JSON line")
