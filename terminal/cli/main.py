"""Entry point of the ``kiosk`` command.

Global options (``--config``, ``--data-dir``, ``--json``, ``--log-level``) come before the
command. Commands are discovered from :mod:`terminal.cli.commands`; see :mod:`terminal.cli.registry`.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from kiosk.exitcodes import Exit
from terminal.cli import commands as commands_pkg
from terminal.cli.context import CliContext
from terminal.cli.registry import CliRegistry

GLOBAL_OPTIONS_WITH_VALUE = ("--config", "--data-dir", "--log-level")


def requested_command(argv: list[str]) -> str | None:
    """The top-level command in ``argv`` (after the global options), or None if there is
    none or help was asked for before it."""
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in GLOBAL_OPTIONS_WITH_VALUE:
            i += 2
            continue
        if arg.startswith("-"):
            if not arg.startswith(tuple(f"{o}=" for o in GLOBAL_OPTIONS_WITH_VALUE)):
                return None  # -h, --help or an unknown option: the full parser answers
            i += 1
            continue
        return arg
    return None


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The ``kiosk`` parser; given ``argv``, only the typed command's branch is built."""
    wanted = requested_command(argv) if argv is not None else None
    parser = _new_parser()
    if wanted is not None:
        registry = _register_all(parser, wanted)
        if wanted in registry.names:
            return parser
        parser = _new_parser()  # not a command we know: the full tree, for argparse's message
    _register_all(parser, None)
    return parser


def _new_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="Bianmin Kiosk (便民自助终端): government-service self-service terminal.",
    )
    parser.add_argument(
        "--config",
        metavar="PATH",
        help="configuration file (TOML); "
        "else $BIANMIN_CONFIG, /etc/bianmin/kiosk.toml, embedded defaults",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="data directory; else $BIANMIN_DATA, "
        "[storage] data_dir, then the user's data directory",
    )
    parser.add_argument("--log-level", default=None, help="DEBUG, INFO, WARNING, ERROR")
    return parser


def _command_modules() -> list[str]:
    folder = Path(commands_pkg.__file__).parent
    return sorted(p.stem for p in folder.glob("*.py") if not p.name.startswith("_"))


def _register_all(parser: argparse.ArgumentParser, only: str | None) -> CliRegistry:
    """Every module registers (or, for a command in ``commands.PROVIDERS``, only its own)."""
    registry = CliRegistry(parser, only)
    known = commands_pkg.PROVIDERS.get(only) if only is not None else None
    for name in known or _command_modules():
        try:
            module = importlib.import_module(f"{commands_pkg.__name__}.{name}")
        except ImportError as exc:  # one broken feature must not take every command down
            print(f"kiosk: commands of {name} unavailable ({exc})", file=sys.stderr)
            continue
        module.register(registry)
    return registry


def one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


KNOWN_ERRORS = (
    ("kiosk.config", "ConfigError", Exit.CONFIG, "configuration invalid"),
    ("sync.keys", "SecretError", Exit.CONFIG, "configuration invalid"),
    ("kiosk.store.errors", "StoreError", Exit.STORE, "store unusable"),
)
"""Errors every command maps the same way: (module, class, exit code, label)."""


def known_error(exc: BaseException) -> tuple[Exit, str] | None:
    """The exit code and label of a known error, else None. A module not loaded yet cannot
    have raised it, so nothing is imported here."""
    for module, name, code, label in KNOWN_ERRORS:
        cls = getattr(sys.modules.get(module), name, None)
        if cls is not None and isinstance(exc, cls):
            return code, label
    return None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        (getattr(args, "_parser", None) or parser).print_help()
        return int(Exit.USAGE)
    ctx = CliContext(config_path=args.config, data_dir=args.data_dir, log_level=args.log_level)
    try:
        code = handler(args, ctx)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        known = known_error(exc)
        if known is None:
            raise
        exit_code, what = known
        print(f"kiosk: {what}: {one_line(exc)}", file=sys.stderr)
        return int(exit_code)
    finally:
        ctx.close()
    return int(code if code is not None else Exit.OK)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
