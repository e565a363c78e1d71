"""The backend tells the shell when it queued a row for the platform (``on_queued``): the
root passes the sync agent's kick, so a new row is drained now, not at the next tick."""

from __future__ import annotations

from pathlib import Path

from kiosk.catalog.seed import open_serving_store
from kiosk.config import parse_config
from terminal.root import open_core


def test_each_durable_write_calls_on_queued(tmp_path: Path) -> None:
    from ui.core_backend import CoreBackend

    cfg = parse_config({})
    store = open_serving_store(tmp_path, cfg)
    calls: list[int] = []
    try:
        backend = CoreBackend(store, cfg, on_queued=lambda: calls.append(1))
        backend.report_problem(
            category="device", description="打印机没纸", contact=None, item_code=None
        )
        backend.request_help(reason="看不懂")
        backend.submit_review(rating=5, reasons=[], comment="", local_ref=None, item_code=None)
        assert len(calls) == 3 and store.outbox.counts().pending == 3
    finally:
        store.close()


def test_the_root_wires_on_queued_to_the_agent(tmp_path: Path) -> None:
    k = open_core(parse_config({}), tmp_path / "data")
    kicks: list[int] = []
    try:
        k.agent = type("Agent", (), {"kick": lambda self: kicks.append(1)})()
        k.backend.request_help(reason="看不懂")
        assert kicks == [1]
    finally:
        k.close()
