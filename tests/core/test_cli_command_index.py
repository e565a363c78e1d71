"""The ``kiosk`` command line builds one command's parser from the command index
(``terminal.cli.commands.PROVIDERS``) without importing every command module; the index must
name every module that registers into each command, or that command would lose options."""

from __future__ import annotations

import argparse
import importlib
import subprocess
import sys

import pytest

from terminal.cli import commands
from terminal.cli.main import _command_modules, build_parser
from terminal.cli.registry import CliRegistry


def _registered() -> dict[str, tuple[str, ...]]:
    names: dict[str, list[str]] = {}
    for module in _command_modules():
        registry = CliRegistry(argparse.ArgumentParser(), None)
        importlib.import_module(f"{commands.__name__}.{module}").register(registry)
        for name in registry.names:
            names.setdefault(name, []).append(module)
    return {name: tuple(sorted(mods)) for name, mods in names.items()}


def test_the_index_names_exactly_the_modules_that_register_each_command() -> None:
    index = {name: tuple(sorted(mods)) for name, mods in commands.PROVIDERS.items()}
    assert index == _registered()


def _help(
    parser: argparse.ArgumentParser, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> str:
    with pytest.raises(SystemExit):
        parser.parse_args([*argv, "--help"])
    return capsys.readouterr().out


@pytest.mark.parametrize("name", sorted(commands.PROVIDERS))
def test_a_command_built_from_the_index_offers_what_the_full_tree_offers(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """``kiosk NAME --help`` reads the same whether the index or every module built it."""
    assert _help(build_parser([name]), [name], capsys) == _help(build_parser(None), [name], capsys)


def test_kiosk_run_imports_only_its_own_command_module() -> None:
    code = (
        "import sys\n"
        "from terminal.cli.main import build_parser\n"
        "build_parser(['run', '--offscreen'])\n"
        "print(sorted(m for m in sys.modules if m.startswith('terminal.cli.commands.')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['terminal.cli.commands.ui_commands']"
