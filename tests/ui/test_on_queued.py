"""The application API tells the shell when it queued a row for the platform (``on_queued``): the
root passes the sync agent's kick, so a new row is drained now, not at the next tick."""

from __future__ import annotations

from pathlib import Path

from kiosk.config import parse_config
from terminal.root import open_core


def test_the_root_wires_on_queued_to_the_agent(tmp_path: Path) -> None:
    k = open_core(parse_config({}), tmp_path / "data")
    kicks: list[int] = []
    try:
        k.agent = type("Agent", (), {"kick": lambda self: kicks.append(1)})()
        k.backend.request_help(reason="看不懂")
        assert kicks == [1]
    finally:
        k.close()
