"""UI test fixtures.

``kiosk`` builds the real kiosk (``terminal.root``): the store in a temporary data directory, the
simulated devices on their real OS paths (ptys for the ID and QR readers, a loopback TCP
printer, the SANE ``test`` backend), the platform simulator over loopback HTTP and the sync
agent. ``ui`` puts the real QML interface on top of it (offscreen). ``fake_ui`` is the same
interface on the in-process fake backend, for view-model and rendering checks only.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Before any QGuiApplication exists: the virtual keyboard's config dir and input module.
_RUNTIME = Path(tempfile.mkdtemp(prefix="bianmin-ui-tests-"))
from ui.boot import prepare_environment  # noqa: E402

prepare_environment(_RUNTIME)

import gui_thread_guard  # noqa: E402

gui_thread_guard.install()


def _guarded(phase: str) -> Any:
    gui_thread_guard.active = True
    try:
        result = yield
    finally:
        gui_thread_guard.active = False
    found = gui_thread_guard.take()
    if found:
        pytest.fail(
            f"{len(found)} blocking call(s) on the GUI thread ({phase}):\n\n"
            + "\n".join(found[:5]),
            pytrace=False,
        )
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Any:
    """The interface built by the fixtures is checked too (see pytest_runtest_call)."""
    gui_thread_guard.take()
    return (yield from _guarded("while the fixtures built the interface"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Any:
    """Fail a UI test whose interface did device, speech, HTTP, subprocess or store-write
    work on the GUI thread (see gui_thread_guard.py)."""
    return (yield from _guarded("in the test"))


TEST_CONFIG: dict[str, Any] = {
    "terminal": {"kiosk_id": "KIOSK-TEST-0001", "hotline": "12345"},
    # the social security card needs the session's pcscd: only ``ssc_kiosk`` turns it on
    # a wedged SANE test backend costs timeout_s + 2 s, then a retake; 10 s leaves room for a
    # page of the test backend on a loaded 2-CPU machine (5 s timed out a jam test once)
    "devices": {"ssc_reader": {"kind": "none"}, "scanner": {"timeout_s": 10.0}},
    "sync": {
        "interval_s": 0.5,
        "backoff_base_s": 0.2,
        "backoff_max_s": 1.0,
        "heartbeat_s": 30.0,
        "status_poll_s": 30.0,
        "catalog_poll_s": 3600.0,
    },
    "ui": {
        "developer_panel": True,
        "voice": False,
        "idle_timeout_s": 600,
        "idle_warning_s": 30,
        "fullscreen": False,
    },
}


def make_config(*, ssc: bool = False, **ui: Any) -> Any:
    """The test kiosk's configuration; ``ssc=True`` adds the simulated social security card
    reader (the emulator on vpcd, read through pcscd: needs the ``pcscd`` fixture)."""
    from kiosk.config import parse_config

    data = {k: dict(v) for k, v in TEST_CONFIG.items()}
    data["ui"].update(ui)
    if ssc:
        data["devices"] = {**data["devices"], "ssc_reader": {"kind": "simulated"}}
    return parse_config(data)


@pytest.fixture(scope="session")
def pcscd() -> Iterator[None]:
    """One pcscd with vpcd's readers for the whole session (shared with tests/identity)."""
    from pcsc_session import pcscd_running

    yield from pcscd_running()


def _real_kiosk(data_dir: Path, *, ssc: bool = False) -> Iterator[Any]:
    """The real kiosk (``terminal.root.build`` on the test configuration), closed after use."""
    from terminal.root import build

    k = build(make_config(ssc=ssc), data_dir)
    try:
        yield k
    finally:
        k.close()


def _real_ui(kiosk: Any, tmp: Path) -> Iterator[Any]:
    u = _make_ui(kiosk.backend, tmp, dev_control=kiosk.control)
    try:
        yield u
    finally:
        u.close()


@pytest.fixture
def kiosk(tmp_path: Path, qapp: Any) -> Iterator[Any]:
    yield from _real_kiosk(tmp_path / "data")


@pytest.fixture
def ssc_kiosk(pcscd: None, tmp_path: Path, qapp: Any) -> Iterator[Any]:
    """The real kiosk with the social security card reader on pcscd + vpcd."""
    yield from _real_kiosk(tmp_path / "data", ssc=True)


def _make_ui(
    backend: Any,
    tmp: Path,
    *,
    dev_control: Any = None,
    keyboard: bool = True,
    idle_timeout_s: int = 600,
    idle_warning_s: int = 30,
    elder: bool = False,
    **extra: Any,
) -> Any:
    from ui.shell import KioskUi

    return KioskUi(
        backend,
        voice=False,
        still=True,
        keyboard=keyboard,
        developer_panel=True,
        dev_control=dev_control,
        runtime_root=tmp / "sessions",
        idle_timeout_s=idle_timeout_s,
        idle_warning_s=idle_warning_s,
        elder_default=elder,
        health_poll_ms=200,
        identify_timeout_s=20.0,
        **extra,
    )


@pytest.fixture
def a4_kiosk(cupsd: None, tmp_path: Path, qapp: Any) -> Iterator[Any]:
    """The real kiosk with its simulated A4 printer: a cups-pdf queue of its own in a running
    CUPS. ``cupsd`` is the using module's own (module-scoped) fixture, so that the other UI
    tests' kiosks keep finding no CUPS, hence no usable A4 printer, as they expect."""
    yield from _real_kiosk(tmp_path / "data")


@pytest.fixture
def a4_ui(a4_kiosk: Any, tmp_path: Path) -> Iterator[Any]:
    yield from _real_ui(a4_kiosk, tmp_path)


@pytest.fixture
def ui(kiosk: Any, tmp_path: Path) -> Iterator[Any]:
    yield from _real_ui(kiosk, tmp_path)


@pytest.fixture(autouse=True)
def _collect_between_tests() -> Iterator[None]:
    """Cyclic garbage of a closed interface (view-models, their workers, QML wrappers) is
    collected here, after the test's teardown, instead of at whatever allocation the next
    test makes while its own window is being built."""
    import gc

    yield
    from ui.qtprops import process_events

    process_events()
    gc.collect()


@pytest.fixture
def fake() -> Any:
    from ui.fakes import FakeBackend

    return FakeBackend()


@pytest.fixture
def fake_ui(fake: Any, tmp_path: Path, qapp: Any) -> Iterator[Any]:
    u = _make_ui(fake, tmp_path)
    try:
        yield u
    finally:
        u.close()


@pytest.fixture
def make_ui(tmp_path: Path, qapp: Any) -> Iterator[Any]:
    made: list[Any] = []

    def factory(backend: Any, **kw: Any) -> Any:
        u = _make_ui(backend, tmp_path / f"u{len(made)}", **kw)
        made.append(u)
        return u

    yield factory
    for u in made:
        u.close()
