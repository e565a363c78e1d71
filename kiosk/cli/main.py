"""Entry point of the ``kiosk`` command.

Global options (``--config``, ``--data-dir``, ``--json``, ``--log-level``) come before the
command. Commands are discovered from :mod:`kiosk.cli.commands`; see :mod:`kiosk.cli.registry`.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from kiosk.cli import commands as commands_pkg
from kiosk.cli.context import CliContext
from kiosk.cli.registry import CliRegistry
from kiosk.config import ConfigError
from kiosk.exitcodes import Exit


def build_parser() -> argparse.ArgumentParser:
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
    registry = CliRegistry(parser)
    for mod in sorted(pkgutil.iter_modules(commands_pkg.__path__), key=lambda m: m.name):
        try:
            module = importlib.import_module(f"{commands_pkg.__name__}.{mod.name}")
        except ImportError as exc:  # one broken feature must not take every command down
            print(f"kiosk: commands of {mod.name} unavailable ({exc})", file=sys.stderr)
            continue
        module.register(registry)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        (getattr(args, "_parser", None) or parser).print_help()
        return int(Exit.USAGE)
    ctx = CliContext(config_path=args.config, data_dir=args.data_dir, log_level=args.log_level)
    try:
        code = handler(args, ctx)
    except ConfigError as exc:
        print(f"kiosk: configuration invalid: {exc}", file=sys.stderr)
        return int(Exit.CONFIG)
    except KeyboardInterrupt:
        return 130
    finally:
        ctx.close()
    return int(code if code is not None else Exit.OK)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
