"""The A4 document printer through a real CUPS: the simulator is a CUPS queue on the cups-pdf
virtual printer behind the ``bianmin-sim`` backend, built by the same factory as ``kiosk
run``; paper out and a jam come out of CUPS's own job and printer states. The PDFs cups-pdf
writes are checked with ``pdfinfo`` (their text comes back as Type 3 glyphs)."""

from __future__ import annotations

import io
import socket
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cups_session import cupsd_running, simulated_a4

from drivers.document_printer.driver import CupsDocumentPrinter
from kiosk.devices.health import Unavailable as UnavailableHealth
from kiosk.devices.health import health_of
from kiosk.maintenance.a4_page import selftest_pdf
from kiosk.ports.document_printer import (
    DocumentPrinter,
    Jammed,
    PaperOut,
    Printed,
    Ready,
    Refused,
    Timeout,
    Unavailable,
)
from tests.output_devices.conftest import kiosk_cmd

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def cupsd() -> Iterator[None]:
    yield from cupsd_running()


@pytest.fixture
def a4(tmp_path: Path, cupsd: None) -> Iterator[Any]:
    """The simulated A4 printer as ``kiosk run`` builds it."""
    yield from simulated_a4(tmp_path / "sim")


def pdf_pages(n: int) -> bytes:
    """An A4 PDF of ``n`` pages (images, as a scanned or rendered document would be)."""
    from PIL import Image, ImageDraw

    pages = []
    for i in range(n):
        img = Image.new("L", (595, 842), 255)
        ImageDraw.Draw(img).text((72, 72), f"page {i + 1} of {n}", fill=0)
        pages.append(img)
    buf = io.BytesIO()
    pages[0].save(buf, "PDF", resolution=72, save_all=True, append_images=pages[1:])
    return buf.getvalue()


def pages_of(path: Path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(next(x for x in out.stdout.splitlines() if x.startswith("Pages:")).split()[1])


def jobs_in_cups() -> dict[int, Any]:
    import cups

    return cups.Connection().getJobs(which_jobs="all")


def test_a_pdf_prints_and_its_pages_come_out(a4: Any) -> None:
    dev, sim = a4.device, a4.simulator
    assert isinstance(dev, DocumentPrinter)
    assert dev.status() == Ready()
    r = dev.print_pdf(pdf_pages(3), title="社保参保证明")
    assert isinstance(r, Printed), r
    assert r.pages == 3
    out = sim.output_of(r.job_id)
    assert out is not None and pages_of(out) == 3
    # the job does not stay in CUPS's history (its spool file and title are gone)
    assert r.job_id not in jobs_in_cups()
    # copies: the printer is asked for two
    r2 = dev.print_pdf(selftest_pdf("K-TEST", "now"), title="selftest", copies=2)
    assert isinstance(r2, Printed) and r2.pages == 2, r2


@pytest.mark.parametrize(("fault", "result", "health"), [
    ("paper-out", PaperOut, "paper_out"),
    ("jam", Jammed, "jammed"),
])  # fmt: skip
def test_paper_out_or_a_jam_mid_job_is_the_result_and_the_next_job_prints(
    a4: Any, fault: str, result: type, health: str
) -> None:
    dev, sim = a4.device, a4.simulator
    a4.control.add_fault(f"{fault}:once")
    r = dev.print_pdf(pdf_pages(2), title="document")
    assert isinstance(r, result) and r.job_id is not None, r
    assert health_of(r) == UnavailableHealth(health)
    assert sim.output_of(r.job_id) is None  # cancelled: nothing comes out later
    assert r.job_id not in jobs_in_cups()
    assert dev.status() == Ready()  # the printer recovered (the fault was for one job)
    again = dev.print_pdf(pdf_pages(2), title="document")
    assert isinstance(again, Printed) and again.pages == 2, again
    assert pages_of(sim.output_of(again.job_id)) == 2


def test_a_printer_that_stays_out_of_paper_until_it_is_loaded(a4: Any) -> None:
    dev, sim = a4.device, a4.simulator
    a4.control.update(paper="out")
    first = dev.print_pdf(pdf_pages(1), title="document")
    second = dev.print_pdf(pdf_pages(1), title="document")
    assert isinstance(first, PaperOut) and isinstance(second, PaperOut), (first, second)
    assert sim.printed() == []
    a4.control.update(paper="ok")  # `kiosk sim control DIR --set paper=ok`
    r = dev.print_pdf(pdf_pages(1), title="document")
    assert isinstance(r, Printed), r
    assert [p.name for p in sim.printed()] == [sim.output_of(r.job_id).name]


def test_a_job_past_its_deadline_is_cancelled_and_never_comes_out(a4: Any) -> None:
    from drivers.document_printer.driver import CupsDocumentPrinter

    a4.control.update(fault_hold_s=30, faults=["slow:once"])
    dev = CupsDocumentPrinter(a4.simulator.queue, timeout_s=2)
    try:
        r = dev.print_pdf(pdf_pages(1), title="document")
        assert isinstance(r, Timeout) and r.job_id is not None, r
        assert r.job_id not in jobs_in_cups()
        again = dev.print_pdf(pdf_pages(1), title="document")
        assert isinstance(again, Printed), again
    finally:
        dev.close()
    assert [p.name for p in a4.simulator.printed()] == [a4.simulator.output_of(again.job_id).name]


@pytest.mark.parametrize("how", ["disabled", "rejecting"])
def test_a_stopped_or_rejecting_queue_is_unavailable(a4: Any, how: str) -> None:
    import cups

    conn, queue = cups.Connection(), a4.simulator.queue
    if how == "disabled":
        conn.disablePrinter(queue, reason="toner being replaced")
    else:
        conn.rejectJobs(queue, reason="out of service")
    st = a4.device.status()
    r = a4.device.print_pdf(pdf_pages(1), title="document")
    assert isinstance(st, Unavailable) and isinstance(r, Unavailable), (st, r)
    assert r.job_id is None and a4.simulator.printed() == []  # nothing was queued
    assert ("stopped" if how == "disabled" else "not accepting jobs") in r.reason
    conn.enablePrinter(queue)
    conn.acceptJobs(queue)
    assert isinstance(a4.device.print_pdf(pdf_pages(1), title="document"), Printed)


def test_no_cups_running_is_unavailable_with_the_reason(tmp_path: Path) -> None:
    dev = CupsDocumentPrinter("any", server=str(tmp_path / "cups.sock"), timeout_s=10)
    try:
        st = dev.status()
        assert isinstance(st, Unavailable) and "CUPS is not running" in st.reason, st
        r = dev.print_pdf(pdf_pages(1), title="document")
        assert isinstance(r, Unavailable) and "CUPS is not running" in r.reason, r
        assert health_of(r) == UnavailableHealth(r.reason)
    finally:
        dev.close()


def test_a_cupsd_that_never_answers_ends_within_the_deadline(tmp_path: Path) -> None:
    """A socket that accepts and never answers (a wedged cupsd): the caller gets a result;
    a job that waited behind the stuck call is never submitted."""
    path = tmp_path / "wedged.sock"
    srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    srv.bind(str(path))
    srv.listen(8)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        srv.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(srv.accept()[0])
            except OSError:
                continue

    t = threading.Thread(target=accept, daemon=True)
    t.start()
    dev = CupsDocumentPrinter("any", server=str(path), timeout_s=2)
    try:
        st = dev.status()
        assert isinstance(st, Unavailable) and "did not answer" in st.reason, st
        r = dev.print_pdf(pdf_pages(1), title="document")
        assert isinstance(r, Timeout) and r.job_id is None, r
    finally:
        stop.set()
        dev.close()
        t.join(2)
        for c in held:
            c.close()
        srv.close()


def test_a_missing_queue_and_bytes_that_are_not_a_pdf(cupsd: None) -> None:
    dev = CupsDocumentPrinter("bianmin-no-such-queue", timeout_s=10)
    try:
        r = dev.print_pdf(pdf_pages(1), title="document")
        assert isinstance(r, Unavailable) and "no CUPS queue" in r.reason, r
        assert dev.print_pdf(b"<html>not a pdf", title="x") == Refused("not a PDF document")
        assert isinstance(dev.print_pdf(pdf_pages(1), title="x", copies=0), Refused)
    finally:
        dev.close()


def _kiosk(tmp_path: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*kiosk_cmd(), "--config", str(tmp_path / "kiosk.toml"), *args],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
        cwd=REPO,
    )


@pytest.mark.parametrize(("section", "named"), [
    ('kind = "cups"\nqueue = "HP LaserJet"', "devices.document_printer.queue"),
    ('kind = "cups"\nqueue = "a/b"', "devices.document_printer.queue"),
    ('kind = "cups"', "devices.document_printer.queue: required"),
    ('kind = "cups"\nqueue = "A4"\nserver = "two words"', "devices.document_printer.server"),
    ('kind = "lpd"', "devices.document_printer.kind"),
])  # fmt: skip
def test_config_check_refuses_a_bad_queue(
    tmp_path: Path, cli_env: dict[str, str], section: str, named: str
) -> None:
    (tmp_path / "kiosk.toml").write_text(
        f"[devices.document_printer]\n{section}\n", encoding="utf-8"
    )
    r = _kiosk(tmp_path, cli_env, "config", "check")
    assert r.returncode == 5, r.stdout + r.stderr
    assert named in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr


def test_config_check_takes_a_good_queue(tmp_path: Path, cli_env: dict[str, str]) -> None:
    (tmp_path / "kiosk.toml").write_text(
        '[devices.document_printer]\nkind = "cups"\nqueue = "HP_LaserJet_M404"\n'
        'server = "/run/cups/cups.sock"\ntimeout_s = 90\n',
        encoding="utf-8",
    )
    r = _kiosk(tmp_path, cli_env, "config", "check")
    assert r.returncode == 0, r.stdout + r.stderr


def test_selftest_prints_an_a4_page_and_names_paper_out(
    tmp_path: Path, cli_env: dict[str, str], cupsd: None
) -> None:
    """``kiosk selftest --device document_printer`` as a technician runs it: the simulated
    queue is created and removed by the command itself."""
    data = tmp_path / "data"
    cli_env = {**cli_env, "BIANMIN_DATA": str(data)}
    (tmp_path / "kiosk.toml").write_text(
        '[devices.document_printer]\nkind = "simulated"\ntimeout_s = 60\n', encoding="utf-8"
    )
    r = _kiosk(tmp_path, cli_env, "selftest", "--device", "document_printer")
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.split()[:2] == ["document_printer", "PASS"], r.stdout
    assert "A4 test page printed" in r.stdout and "1 page" in r.stdout
    out = list((data / "sim" / "document_printer" / "out").glob("*.pdf"))
    assert len(out) == 1 and pages_of(out[0]) == 1

    ctl = _kiosk(tmp_path, cli_env, "sim", "control", str(data / "sim" / "document_printer"),
                 "--fault", "jam:once")  # fmt: skip
    assert ctl.returncode == 0, ctl.stderr
    r = _kiosk(tmp_path, cli_env, "selftest", "--device", "document_printer")
    assert r.returncode == 4, r.stdout + r.stderr
    assert "FAIL" in r.stdout and "paper jam" in r.stdout
    assert "self-test failed: document_printer" in r.stderr
    # the command removed the queue it created
    import cups

    from drivers.document_printer.simulator import queue_name

    assert queue_name(data / "sim" / "document_printer") not in cups.Connection().getPrinters()


def test_technician_commands_print_and_name_the_problem(
    a4: Any, tmp_path: Path, cli_env: dict[str, str]
) -> None:
    (tmp_path / "kiosk.toml").write_text("", encoding="utf-8")
    queue = a4.simulator.queue
    doc = tmp_path / "two-pages.pdf"
    doc.write_bytes(pdf_pages(2))

    r = _kiosk(tmp_path, cli_env, "device", "a4-status", "--queue", queue)
    assert r.returncode == 0 and "ready" in r.stdout, r.stdout + r.stderr
    r = _kiosk(tmp_path, cli_env, "device", "print-pdf", str(doc), "--queue", queue)
    assert r.returncode == 0 and "printed (2 pages)" in r.stdout, r.stdout + r.stderr
    assert len(a4.simulator.printed()) == 1

    a4.control.add_fault("jam:once")
    r = _kiosk(tmp_path, cli_env, "device", "print-pdf", "--test-page", "--queue", queue)
    assert r.returncode == 4, r.stdout + r.stderr
    (line,) = r.stderr.strip().splitlines()
    assert "paper jam" in line and "卡纸" in line and "cancelled" in line, line

    r = _kiosk(tmp_path, cli_env, "device", "print-pdf", str(tmp_path / "kiosk.toml"),
               "--queue", queue)  # fmt: skip
    assert r.returncode == 2 and "not a PDF" in r.stderr, r.stderr
    r = _kiosk(tmp_path, cli_env, "device", "a4-status", "--queue", queue,
               "--server", str(tmp_path / "no-cupsd.sock"))  # fmt: skip
    assert r.returncode == 4 and "CUPS is not running" in r.stderr, r.stderr
    assert len(a4.simulator.printed()) == 1


def test_a_queue_left_by_a_killed_kiosk_is_removed_by_the_next(tmp_path: Path, cupsd: None) -> None:
    import shutil

    import cups

    from drivers.document_printer.simulator import DocumentPrinterSimulator

    left = DocumentPrinterSimulator(tmp_path / "killed").start()  # never stopped
    shutil.rmtree(tmp_path / "killed")
    with DocumentPrinterSimulator(tmp_path / "next") as sim:
        queues = cups.Connection().getPrinters()
        assert sim.queue in queues and left.queue not in queues
