"""The ESC/POS driver against the capture simulator over a real TCP socket (and a pty for the
serial transport): Chinese text, QR codes that scan, faults and their results, the journal."""

from __future__ import annotations

import dataclasses
import json
import os
import threading
from pathlib import Path

import pytest
import zxingcpp
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageChops

from drivers.printer.capture import JobCapture
from drivers.printer.driver import EscposReceiptPrinter
from drivers.printer.escpos_parse import iter_commands, next_command
from drivers.printer.journal import JobJournal
from drivers.printer.render import CHINESE_ON, RenderOptions, render
from drivers.printer.simulator import PrinterSimulator
from drivers.printer.status import gs_r_answer, interpret, status_bytes
from drivers.printer.transport import escpos_device
from drivers.printer.uri import BadUri, SerialUri, TcpUri, UsbUri, parse_uri
from kiosk.config import PrinterProfile
from kiosk.ports.printer import (
    CoverOpen,
    Offline,
    PaperOut,
    Printed,
    PrinterReady,
    Unknown,
)
from kiosk.receipts import build_receipt, status_url
from kiosk.receipts.blocks import Builder
from kiosk.receipts.sample import sample_receipt_data

TEMPLATE = "https://zwfw.example.gov.cn/status?ref={local_ref}"
P58 = PrinterProfile(paper_width_mm=58, dots_per_line=384)


def _doc(width: int = 80):
    data = sample_receipt_data(terminal_id="KIOSK-DEMO-0001", hotline="12345")
    return data, build_receipt(data, width_mm=width, status_url_template=TEMPLATE)


def _printer(
    sim: PrinterSimulator, profile: PrinterProfile | None = None, journal: JobJournal | None = None
) -> EscposReceiptPrinter:
    return EscposReceiptPrinter(
        f"tcp://127.0.0.1:{sim.port}",
        profile or PrinterProfile(),
        timeout_s=2.0,
        status_timeout_s=0.3,
        journal=journal,
        print_wait_s=1.0,
    )


def _decode_png(path: str) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(Image.open(path).convert("L"))]


def test_sample_receipt_prints_chinese_text_masked_id_and_a_qr_that_scans(
    printer_sim: PrinterSimulator,
) -> None:
    data, doc = _doc(80)
    p = _printer(printer_sim)
    try:
        result = p.print_document(doc)
    finally:
        p.close()
    assert isinstance(result, Printed)
    (job,) = printer_sim.wait_for_jobs(1)
    assert job.printed and job.outcome == "completed"
    assert data.item_name in job.text
    assert "110105********002X" in job.text
    assert "11010519491231002X" not in job.text
    assert "张*" in job.text and "张三" not in job.text
    url = status_url(TEMPLATE, data.local_ref)
    assert job.qr == [{"source": "native", "payload": url}]
    raw = Path(job.files["bin"]).read_bytes()
    assert CHINESE_ON in raw and data.item_name.encode("gb18030") in raw
    # the picture a person looks at: the QR in it scans to the same URL
    assert _decode_png(job.files["png"]) == [url]
    meta = json.loads(Path(job.files["json"]).read_text("utf-8"))
    assert meta["warnings"] == []


def test_58mm_with_raster_qr(printer_sim_58: PrinterSimulator) -> None:
    data, doc = _doc(58)
    p = _printer(printer_sim_58, dataclasses.replace(P58, native_qr=False))
    try:
        assert isinstance(p.print_document(doc), Printed)
    finally:
        p.close()
    (job,) = printer_sim_58.wait_for_jobs(1)
    url = status_url(TEMPLATE, data.local_ref)
    assert job.qr == [{"source": "raster", "payload": url}]  # decoded from the GS v 0 image
    assert b"\x1d(k" not in Path(job.files["bin"]).read_bytes()
    lines = [ln for ln in job.text.splitlines() if ln.strip()]
    from kiosk.receipts.blocks import text_width

    assert all(text_width(ln) <= 32 for ln in lines)
    assert any(data.item_name[:6] in ln for ln in lines)
    assert Image.open(job.files["png"]).width == 384 + 48


def test_bitmap_fallback_looks_like_text_mode(
    printer_sim: PrinterSimulator, tmp_path: Path
) -> None:
    """A printer without a Chinese font gets every line as an image; the page must look the
    same as the text-mode page (same font, same cells)."""
    _, doc = _doc(80)
    for profile in (PrinterProfile(), PrinterProfile(bitmap_text=True)):
        p = _printer(printer_sim, profile)
        try:
            assert isinstance(p.print_document(doc), Printed)
        finally:
            p.close()
    text_job, bitmap_job = printer_sim.wait_for_jobs(2)
    raw = Path(bitmap_job.files["bin"]).read_bytes()
    assert CHINESE_ON not in raw and "受理".encode("gb18030") not in raw
    assert "受理" not in bitmap_job.text  # no text-mode Chinese at all
    a = Image.open(text_job.files["png"]).convert("L")
    b = Image.open(bitmap_job.files["png"]).convert("L")
    assert abs(a.height - b.height) <= 60  # 2 lines of slack at most
    h = min(a.height, b.height) - 200
    diff = ImageChops.difference(a.crop((0, 0, a.width, h)), b.crop((0, 0, b.width, h)))
    differing = sum(diff.point(lambda v: 255 if v > 128 else 0).histogram()[255:])
    assert differing / (a.width * h) < 0.01
    assert bitmap_job.qr and bitmap_job.qr[0]["source"] == "native"


def test_fullwidth_punctuation_and_yuan_survive(printer_sim: PrinterSimulator) -> None:
    b = Builder("test", 80)
    b.text("全角标点：，。、；：？！“”（）《》")
    b.text("收费：￥12.50 元")
    b.cut()
    p = _printer(printer_sim)
    try:
        assert isinstance(p.print_document(b.build()), Printed)
    finally:
        p.close()
    (job,) = printer_sim.wait_for_jobs(1)
    assert "全角标点：，。、；：？！“”（）《》" in job.text
    assert "收费：￥12.50 元" in job.text
    assert "?" not in job.text


def test_big5_printer_gets_unencodable_lines_as_bitmaps(tmp_path: Path) -> None:
    opt = RenderOptions(encoding="Big5")
    b = Builder("test", 80)
    b.text("服務指南")  # traditional: Big5 text
    b.text("受理凭证")  # 凭/证 are simplified: not in Big5 → bitmap
    data = render(b.build(), opt)
    cap = JobCapture(encoding="Big5")
    pos = 0
    while pos < len(data):
        cmd, pos = next_command(data, pos)  # type: ignore[misc]
        cap.feed(cmd)
    cap.finish()
    assert "服務指南" in cap.text()
    assert "受理" not in cap.text()
    assert any(r.kind == "image" for r in cap.rows)


def test_paper_out_is_reported_and_nothing_is_sent(
    printer_sim: PrinterSimulator, tmp_path: Path
) -> None:
    printer_sim.control.update(paper="out")
    journal = JobJournal(tmp_path / "journal")
    p = _printer(printer_sim, journal=journal)
    try:
        assert p.status() == PaperOut()
        result = p.print_document(_doc()[1])
    finally:
        p.close()
    assert isinstance(result, PaperOut) and not result.reprint_offered
    assert printer_sim.wait_for_jobs(1, timeout_s=0.5) == []
    (rec,) = JobJournal.read_file(tmp_path / "journal" / "print-jobs.jsonl")
    assert rec.state == "paper_out" and rec.job_id == result.job_id


def test_paper_near_end_still_prints(printer_sim: PrinterSimulator) -> None:
    printer_sim.control.update(paper="near_end")
    p = _printer(printer_sim)
    try:
        assert p.status() == PrinterReady(paper_near_end=True)
        result = p.print_document(_doc()[1])
    finally:
        p.close()
    assert isinstance(result, Printed) and result.paper_near_end


def test_cover_open(printer_sim: PrinterSimulator) -> None:
    printer_sim.control.update(cover="open")
    p = _printer(printer_sim)
    try:
        assert p.status() == CoverOpen()
        assert isinstance(p.print_document(_doc()[1]), CoverOpen)
    finally:
        p.close()


def test_dropped_connection_mid_job_is_unknown_and_offers_a_reprint(
    printer_sim: PrinterSimulator, tmp_path: Path
) -> None:
    printer_sim.control.add_fault("drop-mid-job:once")
    journal = JobJournal(tmp_path / "journal")
    p = _printer(printer_sim, journal=journal)
    try:
        first = p.print_document(_doc()[1])
        assert isinstance(first, Unknown)
        assert first.may_have_printed and first.reprint_offered and first.job_id
        again = p.reprint(first.job_id)
    finally:
        p.close()
    assert isinstance(again, Printed)
    dropped, reprinted = printer_sim.wait_for_jobs(2)
    assert dropped.outcome == "dropped" and not dropped.printed
    assert reprinted.printed
    full = Path(reprinted.files["bin"]).read_bytes()
    assert full.startswith(Path(dropped.files["bin"]).read_bytes())
    assert len(full) > dropped.size
    states = {r.job_id: r for r in JobJournal.read_file(tmp_path / "journal" / "print-jobs.jsonl")}
    assert states[first.job_id].state == "unknown" and states[first.job_id].may_have_printed
    assert (
        states[again.job_id].state == "printed" and states[again.job_id].reprint_of == first.job_id
    )
    text = (tmp_path / "journal" / "print-jobs.jsonl").read_text("utf-8")
    assert "张" not in text and "11010519491231002X" not in text  # no personal data in the journal


@pytest.mark.parametrize("fault", ["no-status", "garbage-status"])
def test_unknown_status_is_never_paper_out(printer_sim: PrinterSimulator, fault: str) -> None:
    printer_sim.control.add_fault(fault)
    p = _printer(printer_sim)
    try:
        st = p.status()
        assert isinstance(st, Unknown) and not isinstance(st, PaperOut)
        result = p.print_document(_doc()[1])
    finally:
        p.close()
    # the bytes went out, but nobody can say whether paper came out
    assert isinstance(result, Unknown) and result.may_have_printed and result.reprint_offered
    (job,) = printer_sim.wait_for_jobs(1)
    assert job.printed


def test_status_interpretation_is_three_valued() -> None:
    assert interpret(status_bytes()) == PrinterReady()
    assert interpret(status_bytes(paper="out")) == PaperOut()
    assert interpret(status_bytes(cover_open=True)) == CoverOpen()
    assert isinstance(interpret(status_bytes(error=True)), Offline)
    assert isinstance(interpret({1: 0x12, 2: 0x12, 4: None}), Unknown)
    assert isinstance(interpret({1: 0x00, 2: 0x12, 4: 0x12}), Unknown)  # fixed bits wrong
    assert isinstance(interpret({}), Unknown)


def test_offline_when_nothing_listens(tmp_path: Path) -> None:
    with PrinterSimulator(tmp_path / "x", port=0) as sim:
        port = sim.port
    p = EscposReceiptPrinter(f"tcp://127.0.0.1:{port}", timeout_s=1.0)
    try:
        assert isinstance(p.status(), Offline)
        r = p.print_document(_doc()[1])
    finally:
        p.close()
    assert isinstance(r, Offline) and r.job_id


def test_uris() -> None:
    assert parse_uri("tcp://192.168.1.50:9100") == TcpUri("192.168.1.50", 9100)
    assert parse_uri("tcp://printer") == TcpUri("printer", 9100)
    assert parse_uri("serial:///dev/ttyS0?baudrate=115200") == SerialUri("/dev/ttyS0", 115200)
    assert parse_uri("usb://04b8:0202") == UsbUri(0x04B8, 0x0202)
    for bad in (
        "lpt://1",
        "usb://4b8:202",
        "serial://ttyS0",
        "tcp://:9100",
        "serial:///dev/x?baudrate=fast",
    ):
        with pytest.raises(BadUri):
            parse_uri(bad)


def test_usb_up_to_the_transport_seam() -> None:
    """No USB bus (and no pyusb) here: the URI reaches python-escpos's Usb class with the
    right ids, and opening fails with a clear reason instead of a crash."""
    dev, describe = escpos_device(parse_uri("usb://04b8:0202"), 2.0)
    assert describe == "usb://04b8:0202"
    assert (dev.idVendor, dev.idProduct) == (0x04B8, 0x0202)
    p = EscposReceiptPrinter("usb://04b8:0202", timeout_s=1.0)
    try:
        st = p.status()
    finally:
        p.close()
    assert isinstance(st, Offline) and "usb://04b8:0202" in st.reason


def test_serial_transport_over_a_pty() -> None:
    """The serial path: python-escpos's Serial (pyserial) on a pty; a tiny capture printer on
    the other end answers DLE EOT and collects the job."""
    master, slave = os.openpty()
    name = os.ttyname(slave)
    cap = JobCapture()
    stop = threading.Event()

    def printer_side() -> None:
        import select

        buf = b""
        while not stop.is_set():
            r, _, _ = select.select([master], [], [], 0.05)
            if not r:
                continue
            try:
                buf += os.read(master, 4096)
            except OSError:
                return
            pos = 0
            for cmd, pos in iter_commands(buf):  # noqa: B007 - pos is used after the loop
                if cmd.kind == "dle" and cmd.data[1] == 4:
                    os.write(master, bytes([status_bytes()[cmd.data[2]]]))
                elif cmd.kind == "gs" and cmd.op == ord("r"):
                    os.write(master, bytes([gs_r_answer()]))
                elif cmd.kind != "dle":
                    cap.feed(cmd)
            buf = buf[pos:]

    t = threading.Thread(target=printer_side, daemon=True)
    t.start()
    data, doc = _doc(58)
    p = EscposReceiptPrinter(
        f"serial://{name}?baudrate=115200",
        P58,
        timeout_s=2.0,
        status_timeout_s=0.5,
        print_wait_s=2.0,
    )
    try:
        result = p.print_document(doc)
    finally:
        p.close()
        stop.set()
        t.join(2)
        os.close(master)
        os.close(slave)
    assert isinstance(result, Printed) and result.confirmed
    cap.finish()
    assert "110105********002X" in cap.text()
    assert cap.qr and cap.qr[0]["payload"] == status_url(TEMPLATE, data.local_ref)


def test_simulator_decodes_python_escpos_own_chinese_and_flags_it(
    printer_sim: PrinterSimulator,
) -> None:
    """python-escpos used directly sends GB18030 without FS &: the capture decodes it and
    warns, because only a printer that boots in Chinese mode prints it."""
    from escpos.printer import Network

    p = Network("127.0.0.1", printer_sim.port, timeout=2)
    p.open()
    p.textln("受理凭证 ABC")
    p.qr("https://zwfw.example.gov.cn/status?ref=X1", native=False, size=4)
    p.cut()
    p.close()
    (job,) = printer_sim.wait_for_jobs(1)
    assert "受理凭证 ABC" in job.text
    meta = json.loads(Path(job.files["json"]).read_text("utf-8"))
    assert any("outside Chinese mode" in w for w in meta["warnings"])
    assert job.qr == [{"source": "raster", "payload": "https://zwfw.example.gov.cn/status?ref=X1"}]


def test_journal_keeps_the_last_state_and_drops_old_jobs(tmp_path: Path) -> None:
    j = JobJournal(tmp_path)
    old = j.start("receipt", b"\x1b@old")
    j.finish(old.job_id, Printed(old.job_id, 5))
    new = j.start("receipt", b"\x1b@new")  # never finished: a crash mid-job
    path = tmp_path / "print-jobs.jsonl"
    lines = path.read_text("utf-8").splitlines()
    # age the first job by 40 days
    aged = [
        ln.replace(old.created_at, "2000-01-01T00:00:00") if old.job_id in ln else ln
        for ln in lines
    ]
    path.write_text("\n".join(aged) + "\n{torn", encoding="utf-8")
    states = {r.job_id: r.state for r in JobJournal.read_file(path)}
    assert states == {old.job_id: "printed", new.job_id: "sending"}
    JobJournal(tmp_path, keep_days=30)  # opening compacts
    assert [r.job_id for r in JobJournal.read_file(path)] == [new.job_id]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.binary(max_size=12),
            st.sampled_from(
                [
                    b"\x1b@",
                    b"\x1c&",
                    b"\x1c.",
                    b"\x1d(k",
                    b"\x1dv0\x00",
                    b"\x10\x04",
                    b"\n",
                    b"\x1dV",
                ]
            ),
        ),
        max_size=30,
    )
)
def test_capture_never_crashes_on_arbitrary_bytes(chunks: list[bytes]) -> None:
    data = b"".join(chunks)
    cap = JobCapture()
    pos = 0
    for cmd, new_pos in iter_commands(data):
        assert new_pos > pos
        pos = new_pos
        cap.feed(cmd)
    cap.finish()
    cap.text()
    cap.picture()


def test_printed_means_the_printer_reached_the_end_of_the_job(
    printer_sim: PrinterSimulator,
) -> None:
    p = _printer(printer_sim)
    try:
        r = p.print_document(_doc()[1])
    finally:
        p.close()
    assert isinstance(r, Printed) and r.confirmed
    raw = Path(printer_sim.wait_for_jobs(1)[0].files["bin"]).read_bytes()
    assert raw.endswith(b"\x1dr\x01")  # GS r 1 after the job: answered once it has printed


def test_paper_running_out_mid_job_offers_a_reprint(
    printer_sim: PrinterSimulator, tmp_path: Path
) -> None:
    printer_sim.control.add_fault("paper-out-mid-job:once")
    journal = JobJournal(tmp_path)
    p = _printer(printer_sim, journal=journal)
    try:
        r = p.print_document(_doc()[1])
        assert isinstance(r, PaperOut) and r.reprint_offered and r.job_id
        assert p.status() == PaperOut()  # the roll stays empty…
        printer_sim.control.update(paper="ok")  # …until someone loads paper
        again = p.reprint(r.job_id)
    finally:
        p.close()
    assert isinstance(again, Printed) and again.confirmed
    stalled, reprinted = printer_sim.wait_for_jobs(2)
    assert not stalled.printed and stalled.reason == "paper-ran-out"
    assert reprinted.printed and "110105********002X" in reprinted.text


def test_printer_without_gs_r_is_printed_unconfirmed(printer_sim: PrinterSimulator) -> None:
    printer_sim.control.add_fault("no-gs-r")
    p = _printer(printer_sim)
    try:
        first = p.print_document(_doc()[1])
        second = p.print_document(_doc()[1])
    finally:
        p.close()
    assert isinstance(first, Printed) and not first.confirmed
    assert isinstance(second, Printed) and not second.confirmed
    assert [j.printed for j in printer_sim.wait_for_jobs(2)] == [True, True]
