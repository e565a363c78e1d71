"""The output devices' factories build what ``kiosk run`` ships: with ``kind = "simulated"``
the capture printer on a loopback TCP port and SANE's ``test`` backend through libsane, each
driven by the real driver and flipped through its control handle."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from drivers.common.factory import DeviceUnavailable
from kiosk.config import parse_config
from kiosk.ports.printer import PaperOut, PrinterReady
from kiosk.ports.scanner import Jammed, Page


def _cfg(**devices: Any) -> Any:
    """The embedded defaults (every device simulated) with ``devices`` sections changed."""
    return parse_config({"devices": devices})


def test_printer_factory_simulated(tmp_path: Path) -> None:
    from drivers.printer import factory

    cfg = _cfg()
    built = factory.build(cfg.devices.printer, cfg, tmp_path)
    try:
        assert built.device.status() == PrinterReady()
        built.control.update(paper="out")
        assert built.device.status() == PaperOut()
    finally:
        built.close()


def test_scanner_factory_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from drivers.scanner import factory

    monkeypatch.delenv("SANE_CONFIG_DIR", raising=False)  # the factory sets it: restore after
    cfg = _cfg(scanner={"timeout_s": 5.0})
    built = factory.build(cfg.devices.scanner, cfg, tmp_path)
    try:
        assert isinstance(built.device.scan(), Page)
        built.control.update(faults=["jammed:once"])
        assert isinstance(built.device.scan(), Jammed)
        assert isinstance(built.device.scan(), Page)  # the fault was taken once
    finally:
        built.close()


def test_real_kinds_need_their_address(tmp_path: Path) -> None:
    from drivers.printer import factory

    cfg = _cfg()
    section = type(cfg.devices.printer)(kind="escpos", uri=None)
    with pytest.raises(DeviceUnavailable, match="devices.printer.uri"):
        factory.build(section, cfg, tmp_path)
