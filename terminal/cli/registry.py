"""How command modules add themselves to the ``kiosk`` command line.

Every module in :mod:`terminal.cli.commands` defines ``register(cli: CliRegistry)``. A module
adds top-level commands with :meth:`CliRegistry.command` or joins a shared group such as
``device`` or ``sim`` with :meth:`CliRegistry.group`, so that features owned by different
parts of the tree never edit the same file.

A command's handler takes ``(args, ctx)`` and returns an exit code (:class:`kiosk.exitcodes.Exit`).
``ctx`` is a :class:`terminal.cli.context.CliContext` that loads the configuration lazily.

Building every command's parser costs tens of milliseconds (argparse compiles patterns and
looks up translations per parser), which ``kiosk run`` would pay before the window shows.
So a registry can be told the one top-level command the user typed (``only``): every module
still calls ``register``, but parsers of other commands are not built — their calls land on
an inert stand-in. :func:`terminal.cli.main.build_parser` falls back to the full tree for help,
no command or a name no module registered.
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


class _NotBuilt:
    """Stands in for the parser of a command the user did not ask for: every call is a no-op."""

    def __getattr__(self, name: str) -> Callable[..., _NotBuilt]:
        return lambda *args, **kw: self


_NOT_BUILT: Any = _NotBuilt()


class CliRegistry:
    def __init__(self, parser: argparse.ArgumentParser, only: str | None = None) -> None:
        self._parser = parser
        self._only = only
        self._top = parser.add_subparsers(dest="command", metavar="COMMAND")
        self._groups: dict[str, argparse._SubParsersAction] = {}
        self._group_parsers: dict[str, argparse.ArgumentParser] = {}
        self.names: set[str] = set()
        """Top-level commands and groups that were built."""

    def _skipped(self, name: str) -> bool:
        return self._only is not None and name != self._only

    def command(self, name: str, handler: Handler, help: str, **kw: Any) -> argparse.ArgumentParser:
        if self._skipped(name):
            return _NOT_BUILT
        self.names.add(name)
        p = self._top.add_parser(name, help=help, description=help, **kw)
        p.set_defaults(handler=handler, _parser=p)
        return p

    def group_parser(self, name: str, help: str | None = None) -> argparse.ArgumentParser:
        """The parser of group ``name`` itself (to give it its own options or a default handler)."""
        if self._skipped(name):
            return _NOT_BUILT
        self.group(name, help)
        return self._group_parsers[name]

    def group(self, name: str, help: str | None = None) -> argparse._SubParsersAction:
        """Subparsers of the shared group ``name`` (created on first use)."""
        if self._skipped(name):
            return _NOT_BUILT
        if name not in self._groups:
            self.names.add(name)
            text = help or GROUP_HELP.get(name, name)
            gp = self._top.add_parser(name, help=text, description=text)
            gp.set_defaults(handler=None, _parser=gp)
            self._group_parsers[name] = gp
            self._groups[name] = gp.add_subparsers(dest=f"{name}_command", metavar="SUBCOMMAND")
        return self._groups[name]

    def subcommand(
        self, group: str, name: str, handler: Handler, help: str, **kw: Any
    ) -> argparse.ArgumentParser:
        if self._skipped(group):
            return _NOT_BUILT
        p = self.group(group).add_parser(name, help=help, description=help, **kw)
        p.set_defaults(handler=handler, _parser=p)
        return p
