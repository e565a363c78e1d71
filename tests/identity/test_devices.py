"""Device infrastructure: worker thread, status stream, reconnect while idle, stable paths."""

from __future__ import annotations

import dataclasses
import os
import queue
import threading
import time
from pathlib import Path

import pytest

from drivers.idcard.reader import GaT467Reader, IdReaderDelays
from drivers.idcard.simulator import IdReaderSimulator
from kiosk.devices.backoff import Backoff
from kiosk.devices.health import Disconnected, Ready, Unavailable
from kiosk.devices.manager import DeviceManager, DeviceUnavailableError, ManagedDevice
from kiosk.devices.paths import resolve_port, stable_path
from kiosk.devices.status import StatusStream
from kiosk.devices.worker import DeviceWorker, WorkerStopped
from kiosk.ports.identity import CardError, CardPresent

from .conftest import CARDS


def as_card_error(st: object) -> CardError:
    from drivers.idcard.managed import as_card_error as f

    return f(st)


def test_worker_runs_jobs_in_order_on_one_thread() -> None:
    w = DeviceWorker("t", idle_interval_s=0.05)
    seen: list[tuple[int, str]] = []
    futs = [
        w.submit(lambda i=i: seen.append((i, threading.current_thread().name))) for i in range(20)
    ]
    for f in futs:
        f.result(5)
    assert [i for i, _ in seen] == list(range(20))
    assert {name for _, name in seen} == {"device-t"}
    w.stop()
    with pytest.raises(WorkerStopped):
        w.submit(lambda: None)


def test_worker_delivers_exceptions_and_keeps_going() -> None:
    w = DeviceWorker("t")
    f = w.submit(lambda: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        f.result(5)
    assert w.submit(lambda: 42).result(5) == 42
    w.stop()


def test_worker_calls_idle_only_between_jobs() -> None:
    ticks = threading.Event()
    w = DeviceWorker("t", idle_interval_s=0.02, on_idle=ticks.set)
    w.start()
    assert ticks.wait(2)
    w.stop()


def test_status_stream_publishes_changes_only() -> None:
    s: StatusStream[object] = StatusStream("x", Unavailable("init"))
    got: list[object] = []
    unsub = s.subscribe(got.append)
    q = s.queue()
    assert s.publish(Ready()) is True
    assert s.publish(Ready()) is False
    s.publish(Disconnected("gone"))
    assert got == [Unavailable("init"), Ready(), Disconnected("gone")]
    assert [q.get_nowait() for _ in range(3)] == got
    unsub()
    s.publish(Ready())
    assert len(got) == 3


def test_backoff_is_capped() -> None:
    b = Backoff(0.1, 1.0, jitter=0)
    assert [round(b.next_delay(), 3) for _ in range(6)] == [0.1, 0.2, 0.4, 0.8, 1.0, 1.0]
    b.reset()
    assert b.next_delay() == 0.1


def test_delays_scale_for_tests() -> None:
    d = IdReaderDelays().scaled(0.1)
    assert d.response_timeout_s == pytest.approx(0.3)
    assert d.reconnect_max_s == pytest.approx(3.0)
    assert dataclasses.is_dataclass(d)


def test_stable_path_prefers_by_id(tmp_path: Path) -> None:
    dev = tmp_path / "ttyUSB0"
    dev.touch()
    by_id = tmp_path / "by-id"
    by_id.mkdir()
    link = by_id / "usb-Synjones_SS628_0001-if00-port0"
    link.symlink_to(dev)
    assert stable_path(str(dev), by_id) == str(link)
    assert stable_path(str(tmp_path / "ttyUSB9"), by_id) == str(tmp_path / "ttyUSB9")
    assert stable_path(str(dev), tmp_path / "absent") == str(dev)
    assert resolve_port(str(link)) == os.path.realpath(dev)
    with pytest.raises(FileNotFoundError, match="no such device"):
        resolve_port(str(tmp_path / "ttyUSB9"))


def _managed_reader(link: Path) -> ManagedDevice[GaT467Reader]:
    from drivers.idcard.managed import managed_id_reader

    delays = IdReaderDelays(
        response_timeout_s=0.3, reconnect_base_s=0.05, reconnect_max_s=0.2, health_interval_s=0.1
    )
    return managed_id_reader(str(link), delays=delays)


def _wait_status(q: queue.Queue, kind: type, timeout: float = 5) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            st = q.get(timeout=0.1)
        except queue.Empty:
            continue
        if isinstance(st, kind):
            return st
    raise AssertionError(f"no {kind.__name__} status within {timeout}s")


def test_manager_unavailable_then_ready_then_disconnected_then_back(tmp_path: Path) -> None:
    link = tmp_path / "idr"
    dev = _managed_reader(link)
    q = dev.status.queue()
    manager = DeviceManager()
    manager.add("id_reader", dev)
    manager.start()
    try:
        _wait_status(q, Unavailable)
        # a job on an absent device gets the caller's result, nothing raises
        res = dev.call(
            lambda r: r.read_card(), unavailable=lambda st: CardError("unavailable", None, str(st))
        )
        assert isinstance(res, CardError) and res.kind == "unavailable"
        with pytest.raises(DeviceUnavailableError):
            dev.call(lambda r: r.read_card())
        # the device appears: the idle worker connects with backoff
        sim = IdReaderSimulator(link, card=str(CARDS / "resident.json"), pace=False).start()
        _wait_status(q, Ready)
        assert isinstance(dev.call(lambda r: r.read_card(), timeout=5), CardPresent)
        # it goes away: the health probe notices, then it comes back
        sim.stop()
        _wait_status(q, Disconnected)
        sim = IdReaderSimulator(link, card=str(CARDS / "resident.json"), pace=False).start()
        _wait_status(q, Ready)
        assert isinstance(dev.call(lambda r: r.read_card(), timeout=5), CardPresent)
        assert isinstance(manager.statuses()["id_reader"], Ready)
        sim.stop()
    finally:
        manager.stop()


def test_managed_qr_reader_reconnects_after_replug(tmp_path: Path) -> None:
    from drivers.qr.managed import managed_qr_reader
    from drivers.qr.simulator import QrSimulator
    from kiosk.devices.delays import Delays
    from kiosk.ports.identity import CodeScanned

    link = tmp_path / "qr"
    dev = managed_qr_reader(
        str(link), delays=Delays(reconnect_base_s=0.05, reconnect_max_s=0.2, health_interval_s=0.1)
    )
    q = dev.status.queue()
    dev.start()
    try:
        _wait_status(q, Unavailable)
        for _ in range(2):  # plugged in, unplugged, plugged in again
            sim = QrSimulator(link, pace=False).start()
            _wait_status(q, Ready)
            fut = dev.submit(lambda r: r.wait_for_code(5))
            sim.scan("REPLUG-OK")
            assert fut.result(10) == CodeScanned("REPLUG-OK", "serial")
            sim.stop()
            _wait_status(q, Disconnected)
    finally:
        dev.stop()


def test_reader_follows_its_by_id_link_across_a_replug(tmp_path: Path) -> None:
    """Configured as ttyUSB0; after a replug the reader is ttyUSB1 — found via by-id."""
    by_id = tmp_path / "by-id"
    by_id.mkdir()
    link = by_id / "usb-Synjones_SS628_100-if00-port0"
    sim = IdReaderSimulator(tmp_path / "ttyUSB0", card=str(CARDS / "resident.json"), pace=False)
    sim.start()
    link.symlink_to(tmp_path / "ttyUSB0")
    reader = GaT467Reader(
        str(tmp_path / "ttyUSB0"), delays=IdReaderDelays(response_timeout_s=0.3), by_id_dir=by_id
    )
    try:
        assert isinstance(reader.read_card(), CardPresent)
        sim.stop()  # unplugged ...
        assert isinstance(reader.read_card(), CardError)
        sim = IdReaderSimulator(tmp_path / "ttyUSB1", card=str(CARDS / "resident.json"), pace=False)
        sim.start()  # ... and back on another port; udev moves the by-id link
        link.unlink()
        link.symlink_to(tmp_path / "ttyUSB1")
        assert isinstance(reader.read_card(), CardPresent)
    finally:
        reader.close()
        sim.stop()
