"""The identity devices' factories build what ``kiosk run`` ships: with ``kind = "simulated"``
the simulator on its real OS path (a pty, vpcd through pcscd) and the managed real driver on
it, which answers; a kind a factory does not build is refused, and nothing stays running."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from drivers.common.factory import DeviceUnavailable
from kiosk.config import parse_config
from kiosk.ports.identity import CardPresent, CodeScanned, NoCard, Ready, SscPresent

from .conftest import CARDS, wait_for_reader_state


def _cfg(**devices: Any) -> Any:
    """The embedded defaults (every device simulated) with ``devices`` sections changed."""
    return parse_config({"devices": devices})


def test_id_reader_factory_simulated(tmp_path: Path) -> None:
    from drivers.idcard import factory

    cfg = _cfg()
    built = factory.build(cfg.devices.id_reader, cfg, tmp_path)
    try:
        assert Path(built.simulator.link).exists()  # a real pty
        assert built.device.call(lambda r: r.read_card(), timeout=10) == NoCard()
        built.control.update(card=str(CARDS / "resident.json"))  # the developer panel's way
        result = built.device.call(lambda r: r.read_card(), timeout=10)
        assert isinstance(result, CardPresent)
    finally:
        built.close()
    assert not built.simulator._thread.is_alive()


def test_qr_reader_factory_simulated_has_a_health_probe(tmp_path: Path) -> None:
    from drivers.qr import factory

    cfg = _cfg()
    built = factory.build(cfg.devices.qr_reader, cfg, tmp_path)
    try:
        assert built.device._probe is not None
        fut = built.device.submit(lambda r: r.wait_for_code(10))
        built.simulator.scan("FACTORY-OK")
        assert fut.result(15) == CodeScanned("FACTORY-OK", "serial")
    finally:
        built.close()


def test_factories_refuse_kinds_they_do_not_build(tmp_path: Path) -> None:
    from drivers.idcard import factory as idf
    from drivers.qr import factory as qrf

    cfg = _cfg(id_reader={"kind": "none"}, qr_reader={"kind": "none"})
    with pytest.raises(DeviceUnavailable, match="none"):
        idf.build(cfg.devices.id_reader, cfg, tmp_path)
    with pytest.raises(DeviceUnavailable, match="none"):
        qrf.build(cfg.devices.qr_reader, cfg, tmp_path)
    assert not any(tmp_path.iterdir())  # no simulator was started


def test_a_keyboard_wedge_qr_reader_needs_no_port_or_simulator(tmp_path: Path) -> None:
    from drivers.qr import factory as qrf
    from kiosk.devices.wedge import WedgeCodeReader

    cfg = _cfg(qr_reader={"kind": "keyboard"})
    built = qrf.build(cfg.devices.qr_reader, cfg, tmp_path)
    try:
        assert isinstance(built.device, WedgeCodeReader) and built.simulator is None
        assert not any(tmp_path.iterdir())
    finally:
        built.close()


def test_ssc_factory_without_pcscd_is_unavailable(tmp_path: Path) -> None:
    from drivers.ssc import factory

    cfg = _cfg()
    with pytest.raises(DeviceUnavailable, match="pcscd is not running"):
        factory.build(cfg.devices.ssc_reader, cfg, tmp_path, pcscd_socket=tmp_path / "absent")


def test_ssc_factory_simulated(pcscd: None, tmp_path: Path) -> None:
    from drivers.ssc import factory
    from drivers.ssc.managed import probe

    cfg = _cfg()
    built = factory.build(cfg.devices.ssc_reader, cfg, tmp_path)
    try:
        reader = built.device.call(lambda r: r, timeout=10)
        assert isinstance(probe(reader), Ready)  # no card: a healthy reader
        built.control.update(card=str(CARDS / "ssc.json"))
        wait_for_reader_state(True)
        result = built.device.call(lambda r: r.read_card(), timeout=10)
        assert isinstance(result, SscPresent)
    finally:
        built.close()
        wait_for_reader_state(False)
