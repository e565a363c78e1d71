"""The SANE driver through the real libsane and SANE's ``test`` backend (private
SANE_CONFIG_DIR), and page compression proven on a real-looking A4 document."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from drivers.scanner.compress import check_page, compress_page
from drivers.scanner.sane_driver import READ_MARGIN_S, SaneScanner
from kiosk.ports.scanner import (
    Blank,
    CoverOpen,
    Disconnected,
    Jammed,
    NoPaper,
    Page,
    Timeout,
    Unreadable,
)

from .scanlike import as_scanned

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).parents[2]
# The test backend keeps option values across open/close in one process: reset them always.
BASE = {
    "test-picture": "Grid",
    "read-return-value": "Default",
    "read-delay": False,
    "read-limit": False,
}


def _scanner(device: str | None = "test:0", **kw: object) -> SaneScanner:
    opts = dict(BASE)
    opts.update(kw.pop("options", {}))  # type: ignore[arg-type]
    kw.setdefault("grace_s", 3.0)
    return SaneScanner(device, options=opts, **kw)  # type: ignore[arg-type]


@pytest.fixture
def scanner(sane_config_dir: Path) -> Iterator[SaneScanner]:
    s = _scanner(resolution=200, mode="Gray", timeout_s=5)
    yield s
    s.close()


def test_scan_gives_a_compressed_page(scanner: SaneScanner) -> None:
    scanner.set_options(test_picture="Color pattern")  # full grey range: JPEG
    page = scanner.scan()
    assert isinstance(page, Page)
    assert page.mime == "image/jpeg" and page.dpi == 200 and page.mode == "Gray"
    assert round(page.width_mm) == 200 and round(page.height_mm) == 200  # the backend's maximum
    img = Image.open(io.BytesIO(page.image))
    assert img.format == "JPEG" and img.mode == "L" and img.size == (page.width_px, page.height_px)
    assert page.size < page.width_px * page.height_px // 2  # well below the raw 1 byte/pixel
    assert "bytes" not in repr(page) and len(repr(page)) < 200  # never dumps the image


def test_two_level_page_is_stored_lossless(scanner: SaneScanner) -> None:
    page = scanner.scan()  # the Grid: black and white only
    assert isinstance(page, Page) and page.mime == "image/png"
    img = Image.open(io.BytesIO(page.image))
    assert img.format == "PNG" and img.size == (1574, 1574)
    assert page.size < 50_000


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("SANE_STATUS_JAMMED", Jammed()),
        ("SANE_STATUS_NO_DOCS", NoPaper()),
        ("SANE_STATUS_COVER_OPEN", CoverOpen()),
    ],
)
def test_scanner_states_are_results_and_the_next_scan_works(
    scanner: SaneScanner, status: str, expected: object
) -> None:
    scanner.set_options(read_return_value=status)
    assert scanner.scan() == expected
    scanner.set_options(read_return_value="Default")
    assert isinstance(scanner.scan(), Page)


def test_io_error_is_disconnected(scanner: SaneScanner) -> None:
    scanner.set_options(read_return_value="SANE_STATUS_IO_ERROR")
    r = scanner.scan()
    assert isinstance(r, Disconnected) and "I/O" in r.reason


def test_blank_and_black_pages(scanner: SaneScanner) -> None:
    scanner.set_options(test_picture="Solid white")
    assert isinstance(scanner.scan(), Blank)
    scanner.set_options(test_picture="Solid black")
    assert isinstance(scanner.scan(), Unreadable)


def test_slow_scanner_times_out_cleanly(scanner: SaneScanner) -> None:
    scanner.timeout_s = 0.5
    scanner.set_options(
        read_limit=True, read_limit_size=2000, read_delay=True, read_delay_duration=100000
    )
    assert scanner.devices()  # starts the scanner process
    pid = scanner.child_pid
    started = time.monotonic()
    assert scanner.scan() == Timeout(0.5)
    # on time (not the stall margin), and libsane was not asked to cancel mid-page: the
    # scanner process ended itself and a fresh one is warming for the next resident
    assert time.monotonic() - started < 0.5 + READ_MARGIN_S
    assert scanner.devices()
    assert scanner.child_pid not in (None, pid)
    scanner.timeout_s = 5
    scanner.set_options(read_limit=False, read_delay=False)
    assert isinstance(scanner.scan(), Page)


def test_wedged_scanner_process_is_killed_and_replaced(scanner: SaneScanner) -> None:
    """A backend stuck inside libsane (simulated by stopping the scanner process) must not
    hang the kiosk: the scan times out, the process is killed, the next scan works."""
    assert isinstance(scanner.scan(), Page)
    pid = scanner.child_pid
    assert pid is not None
    os.kill(pid, signal.SIGSTOP)
    scanner.timeout_s = 1.0
    assert scanner.scan() == Timeout(1.0)
    assert scanner.child_pid is None
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # really gone (killed and reaped)
    scanner.timeout_s = 5
    assert isinstance(scanner.scan(), Page)
    assert scanner.child_pid not in (None, pid)


def test_missing_device_is_disconnected(sane_config_dir: Path) -> None:
    s = SaneScanner("nosuchbackend:0", timeout_s=2)
    try:
        assert isinstance(s.scan(), Disconnected)
    finally:
        s.close()


def test_first_device_when_none_configured(sane_config_dir: Path) -> None:
    s = _scanner(None, resolution=75)
    try:
        assert [d[0] for d in s.devices()] == ["test:0", "test:1"]
        assert isinstance(s.scan(), Page)
    finally:
        s.close()


def test_lineart_on_a_device_without_it(sane_config_dir: Path) -> None:
    s = _scanner(resolution=100, mode="Lineart")
    try:
        page = s.scan()
    finally:
        s.close()
    assert isinstance(page, Page) and page.mime == "image/png" and page.mode == "Lineart"
    assert Image.open(io.BytesIO(page.image)).mode == "1"


# ---------------------------------------------------------------- a real A4 page


def _sample() -> Image.Image:
    return Image.open(DATA / "sample_a4_200dpi.png")


def test_a4_document_compresses_well_under_500kb_and_stays_legible() -> None:
    clean = _sample()
    assert clean.size == (1654, 2339)  # A4 at 200 dpi
    scanned = as_scanned(clean, seed=7)
    raw_png = io.BytesIO()
    scanned.save(raw_png, "PNG")
    assert raw_png.tell() > 1_500_000  # noise makes a lossless scan big: the problem we solve
    assert check_page(scanned) is None
    data, mime = compress_page(scanned, "Gray", 200)
    assert mime == "image/jpeg"
    assert len(data) < 300_000, len(data)
    out = Image.open(io.BytesIO(data)).convert("L")
    assert out.size == clean.size
    # legible: the ink of the original is ink in the result and the paper is paper
    ink_src = clean.point(lambda v: 255 if v < 110 else 0)
    ink_out = out.point(lambda v: 255 if v < 128 else 0)
    both = (
        ImageChops.multiply(ink_src, ink_out)
        .point(lambda v: 255 if v > 127 else 0)
        .histogram()[255]
    )
    src_ink = ink_src.point(lambda v: 255 if v > 127 else 0).histogram()[255]
    out_ink = ink_out.point(lambda v: 255 if v > 127 else 0).histogram()[255]
    assert both / src_ink > 0.9  # the text survives
    assert out_ink / src_ink < 1.3  # and noise did not turn into specks


def test_blank_sheet_with_scanner_noise_is_blank() -> None:
    paper = Image.new("L", (1654, 2339), 236)
    assert isinstance(check_page(as_scanned(paper, seed=3)), Blank)


def test_one_line_of_text_is_not_blank() -> None:
    from PIL import ImageDraw

    from drivers.printer.fonts import cjk_font

    page = Image.new("L", (1654, 2339), 236)
    ImageDraw.Draw(page).text((200, 1000), "本人承诺以上信息真实有效。", font=cjk_font(34), fill=30)
    assert check_page(as_scanned(page, seed=4)) is None


def test_prepare_starts_the_scanner_process_ahead(sane_config_dir: Path) -> None:
    s = _scanner()
    try:
        assert s.child_pid is None
        s.prepare()
        s.devices()  # queued behind prepare on the scanner's worker
        pid = s.child_pid
        assert pid is not None
        assert isinstance(s.scan(), Page)
        assert s.child_pid == pid
    finally:
        s.close()


# ---------------------------------------------------------------- stalls, warm-up, own config


def _threads(pid: int) -> int:
    try:
        return len(os.listdir(f"/proc/{pid}/task"))
    except FileNotFoundError:
        return 0


def test_stalled_read_is_a_timeout_by_the_scans_own_deadline(sane_config_dir: Path) -> None:
    """The backend stops delivering in the middle of sane_read (the scanner process is stopped
    while the test backend's reader thread is feeding it): the answer is a Timeout by the
    scan's own deadline (about timeout_s), not by the parent's hard limit (here 5 minutes),
    and the next scan works on a fresh, warmed-up scanner process."""
    s = _scanner(
        timeout_s=4,
        grace_s=300,
        options={
            "read-limit": True,
            "read-limit-size": 1024,
            "read-delay": True,
            "read-delay-duration": 200000,
        },
    )
    try:
        s.prepare()
        assert s.devices()
        pid = s.child_pid
        assert pid is not None and _threads(pid) == 1
        pool = ThreadPoolExecutor(1)
        fut = pool.submit(s.scan)
        while _threads(pid) < 2:  # the reader thread runs: the scan is in sane_read
            pass
        os.kill(pid, signal.SIGSTOP)
        try:
            # far below the hard limit (300 s past the timeout) that the old driver waited for
            result = fut.result(timeout=60)
        finally:
            pool.shutdown(wait=False)
        assert result == Timeout(4)
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)  # the stalled process is gone
        s.set_options(read_limit=False, read_delay=False)
        s.grace_s = 20  # the next scan runs under load: room to compress, not to wedge
        result = s.scan()
        assert isinstance(result, Page), result
        assert s.child_pid not in (None, pid)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        s.close()


def _libsane_test_loaded(pid: int | None) -> bool:
    if pid is None:
        return False
    try:
        return "libsane-test" in Path(f"/proc/{pid}/maps").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return False


def test_the_built_scanner_warms_up_before_the_first_scan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``kiosk run`` builds the scanner through its factory: the scanner process starts and
    loads libsane and the device's backend at once, before any resident scans."""
    from drivers.scanner.factory import build
    from kiosk.config import parse_config

    monkeypatch.setenv("SANE_CONFIG_DIR", os.environ.get("SANE_CONFIG_DIR", ""))
    cfg = parse_config({"devices": {"scanner": {"kind": "simulated", "timeout_s": 10}}})
    built = build(cfg.devices.scanner, cfg, tmp_path / "sim")
    dev = built.device
    try:
        deadline = time.monotonic() + 60
        while not _libsane_test_loaded(dev.scanner.child_pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        pid = dev.scanner.child_pid
        assert _libsane_test_loaded(pid), "no warm scanner process without a scan"
        assert isinstance(dev.scan(), Page)
        assert dev.scanner.child_pid == pid  # the first scan used the warm process
    finally:
        built.close()


_SIM_SCAN = """
import sys
from pathlib import Path
from drivers.scanner.sane_driver import READ_MARGIN_S, SaneScanner
from drivers.scanner.simulator import OPTIONS, ScannerSimulator
sim = ScannerSimulator(Path(sys.argv[1])).start()
s = sim.wrap(SaneScanner(None, options=dict(OPTIONS), timeout_s=20))
try:
    print(",".join(d[0] for d in s.scanner.devices()), type(s.scan()).__name__)
finally:
    s.close()
"""


@pytest.mark.skipif(shutil.which("unshare") is None, reason="needs unshare(1)")
@pytest.mark.parametrize("host", ["absent", "hostile"])
def test_simulator_uses_its_own_sane_config_not_the_hosts(tmp_path: Path, host: str) -> None:
    """The simulated scanner behaves the same whatever the host's /etc/sane.d holds: with no
    test.conf there (a fresh machine), or one with other settings (4 devices, no paper)."""
    etc = tmp_path / "etc-sane.d"
    etc.mkdir()
    if host == "hostile":
        (etc / "test.conf").write_text(
            'number_of_devices 4\nread-status-code "SANE_STATUS_NO_DOCS"\n'
        )
        (etc / "dll.conf").write_text("test\n")
    if subprocess.run(["unshare", "-rm", "true"], capture_output=True).returncode != 0:
        pytest.skip("user and mount namespaces are not available here")
    env = {k: v for k, v in os.environ.items() if k != "SANE_CONFIG_DIR"}
    env["PYTHONPATH"] = str(REPO)
    p = subprocess.run(
        [
            "unshare", "-rm", "sh", "-c",
            'mount --bind "$1" /etc/sane.d && exec "$2" -c "$3" "$4"', "sh",
            str(etc), sys.executable, _SIM_SCAN, str(tmp_path / "sim"),
        ],
        capture_output=True, text=True, timeout=180, env=env, cwd=REPO,
    )  # fmt: skip
    assert p.returncode == 0, p.stderr[-2000:]
    assert p.stdout.split() == ["test:0,test:1", "Page"], p.stdout
    own = (tmp_path / "sim" / "sane" / "test.conf").read_text()
    assert "number_of_devices 2" in own
