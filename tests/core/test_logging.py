"""No personal data in logs: a full ID number or phone number never reaches a log line."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from kiosk.logs import setup_logging


def test_full_id_number_never_reaches_a_log_line(tmp_path: Path) -> None:
    log = tmp_path / "kiosk.log"
    setup_logging("DEBUG", str(log), as_json=True)
    lg = logging.getLogger("kiosk.test")
    lg.info("card read for %s", "11010519491231002X")
    lg.warning("platform said: applicant 11010519491231002X phone 13812345678 refused")
    lg.info("submitted", extra={"applicant": {"id_number": "440524188001010014"}, "n": 3})
    try:
        raise ValueError("bad id 11010519491231002X")
    except ValueError:
        lg.exception("while validating")
    for h in logging.getLogger().handlers:
        h.flush()
    text = log.read_text(encoding="utf-8")
    for secret in ("11010519491231002X", "13812345678", "440524188001010014"):
        assert secret not in text
    lines = [json.loads(ln) for ln in text.splitlines()]
    assert lines[0]["msg"] == "card read for 110105********002X"
    assert lines[2]["applicant"]["id_number"] == "440524********0014" and lines[2]["n"] == 3
    assert "110105********002X" in lines[3]["exc"]
    logging.getLogger().handlers.clear()


def test_python_escpos_connection_chatter_is_dropped_but_its_errors_pass(tmp_path: Path) -> None:
    """python-escpos logs two INFO lines on the root logger per printer connection (every
    status poll); they are dropped, its errors are kept, and our own INFO lines stay."""
    import escpos.printer

    log = tmp_path / "kiosk.log"
    setup_logging("INFO", str(log), as_json=True)
    try:
        p = escpos.printer.Network("127.0.0.1", port=9, timeout=0.5)  # discard: refused
        p.open(raise_not_found=False)  # logs ERROR "Network device ... not found"
        logging.info("a root-logger line of our own")
        escpos_file = escpos.printer.Network.open.__code__.co_filename
        record = logging.LogRecord("root", logging.INFO, escpos_file, 1, "Network printer enabled", None, None)  # fmt: skip
        logging.getLogger().handle(record)
    finally:
        for h in logging.getLogger().handlers:
            h.flush()
    msgs = [json.loads(ln)["msg"] for ln in log.read_text(encoding="utf-8").splitlines()]
    assert "Network printer enabled" not in msgs
    assert "a root-logger line of our own" in msgs
    assert any("not found" in m for m in msgs), msgs


def test_the_printer_driver_leaves_no_bare_stderr_handler_on_the_root_logger() -> None:
    """python-escpos runs logging.basicConfig() when imported; through the driver that bare
    stderr handler is taken off again, so library lines do not reach the terminal past the
    kiosk's masked logs (a fresh interpreter: nothing else has touched logging)."""
    import subprocess
    import sys

    code = (
        "import logging, drivers.printer.render, drivers.printer.transport\n"
        "logging.getLogger().setLevel(logging.DEBUG)\n"
        "logging.getLogger('urllib3').debug('a library line')\n"
        "print(len(logging.getLogger().handlers))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "0" and "a library line" not in r.stderr


def test_record_numbers_in_an_http_librarys_request_lines_are_masked(tmp_path: Path) -> None:
    """urllib3 at DEBUG logs every request line; a license number in the path (免证办's
    document download) must not reach the log, the route must stay readable."""
    import http.server
    import threading

    import requests

    class Ok(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the handler's name
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Ok)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    log = tmp_path / "kiosk.log"
    setup_logging("DEBUG", str(log), as_json=True)
    try:
        url = f"http://127.0.0.1:{server.server_port}/v1/licenses/DL44012019001234/document"
        assert requests.get(url, timeout=5).status_code == 200
    finally:
        server.shutdown()
        for h in logging.getLogger().handlers:
            h.flush()
        logging.getLogger().handlers.clear()
        logging.getLogger().setLevel(logging.WARNING)
    text = log.read_text(encoding="utf-8")
    assert "DL44012019001234" not in text
    assert "/v1/licenses/***/document" in text, text
