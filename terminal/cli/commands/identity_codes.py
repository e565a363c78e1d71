"""``kiosk sim identity-code``: a QR identity code the platform simulator accepts.

Technicians use it to test the QR path end to end: feed the code to the simulated reader
(``kiosk sim qr --link … --code CODE``), or print the PNG and hold it to a real reader while
the kiosk talks to the simulator.
"""

from __future__ import annotations

import argparse
from typing import Any

from terminal.cli.registry import CliRegistry


def _identity_code(args: argparse.Namespace, ctx: Any) -> int:
    from sync.simulator.licenses import run

    return run(args)


def register(cli: CliRegistry) -> None:
    p = cli.subcommand(
        "sim",
        "identity-code",
        _identity_code,
        help="make a QR identity code (BMKQR1) the platform simulator accepts, optionally as PNG",
    )
    if isinstance(p, argparse.ArgumentParser):
        from sync.simulator.licenses import add_arguments

        add_arguments(p)
