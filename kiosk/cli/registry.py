"""How command modules add themselves to the ``kiosk`` command line.

Every module in :mod:`kiosk.cli.commands` defines ``register(cli: CliRegistry)``. A module
adds top-level commands with :meth:`CliRegistry.command` or joins a shared group such as
``device`` or ``sim`` with :meth:`CliRegistry.group`, so that features owned by different
parts of the tree never edit the same file.

A command's handler takes ``(args, ctx)`` and returns an exit code (:class:`kiosk.exitcodes.Exit`).
``ctx`` is a :class:`kiosk.cli.context.CliContext` that loads the configuration lazily.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

Handler = Callable[[argparse.Namespace, Any], int]

GROUP_HELP = {
    "device": "technician commands that talk to real (or simulated) devices",
    "sim": "run device simulators that speak the real wire protocols",
    "catalog": "import, export, validate and search the service catalog",
    "audit": "inspect and verify the tamper-evident audit log",
    "queue": "inspect the outbox and enqueue self-test applications",
    "config": "show and check the configuration",
}


class CliRegistry:
    def __init__(self, parser: argparse.ArgumentParser) -> None:
        self._parser = parser
        self._top = parser.add_subparsers(dest="command", metavar="COMMAND")
        self._groups: dict[str, argparse._SubParsersAction] = {}
        self._group_parsers: dict[str, argparse.ArgumentParser] = {}

    def command(self, name: str, handler: Handler, help: str, **kw: Any) -> argparse.ArgumentParser:
        p = self._top.add_parser(name, help=help, description=help, **kw)
        p.set_defaults(handler=handler, _parser=p)
        return p

    def group_parser(self, name: str, help: str | None = None) -> argparse.ArgumentParser:
        """The parser of group ``name`` itself (to give it its own options or a default handler)."""
        self.group(name, help)
        return self._group_parsers[name]

    def group(self, name: str, help: str | None = None) -> argparse._SubParsersAction:
        """Subparsers of the shared group ``name`` (created on first use)."""
        if name not in self._groups:
            text = help or GROUP_HELP.get(name, name)
            gp = self._top.add_parser(name, help=text, description=text)
            gp.set_defaults(handler=None, _parser=gp)
            self._group_parsers[name] = gp
            self._groups[name] = gp.add_subparsers(dest=f"{name}_command", metavar="SUBCOMMAND")
        return self._groups[name]

    def subcommand(
        self, group: str, name: str, handler: Handler, help: str, **kw: Any
    ) -> argparse.ArgumentParser:
        p = self.group(group).add_parser(name, help=help, description=help, **kw)
        p.set_defaults(handler=handler, _parser=p)
        return p
