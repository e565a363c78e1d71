"""Self-tests, one per device, over the ports the shell attached (no driver is imported here).

| device | attended | unattended (the updater's health check) |
|---|---|---|
| ``id_reader``, ``ssc_reader`` | waits for the test card and reads it (nothing of it kept) | the reader answers; the read is skipped |
| ``qr_reader`` | waits for a code shown to it | the reader answers; the read is skipped |
| ``printer`` | status, a test page, status again | status only (no paper used) |
| ``document_printer`` | status, an A4 test page (the CUPS job completed) | status only |
| ``scanner`` | scans a page; the image is kept for the screen | the same (an empty feeder is an answer) |
| ``voice`` | speaks a sentence: a person must hear it | skipped |
| ``platform`` | a signed request; the clock skew from its ``Date`` | the same |

Every test runs on a thread of its own with a deadline: a device that never answers fails
with "no answer within N s" and never holds up the others. Results carry no personal data:
a card read proves the reader works and is dropped at once.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.devices.health import health_of, health_reason, health_state, is_usable
from kiosk.maintenance.deadline import call_within
from kiosk.service.maintenance_api import SELFTEST_DEVICES, SelfTestResult

CARD_WAIT_S = 15.0
"""How long an attended test waits for a technician to present the test card or a code."""
MAX_SKEW_S = 60.0
"""A clock further than this from the platform's fails the platform test (the platform
refuses requests beyond 300 s; receipts print the local time)."""
TEST_SENTENCE = "便民自助终端语音测试。Voice test."

Speaker = Callable[[str, float], str | None]
"""Speaks ``text`` within a deadline: None when the engine took it, else a one-line reason."""


@dataclass
class SelfTestPorts:
    """What the self-tests use: the facade's attached ports, plus a speaker."""

    id_reader: Any = None
    ssc_reader: Any = None
    qr_reader: Any = None
    printer: Any = None
    document_printer: Any = None
    scanner: Any = None
    platform: Any = None
    speaker: Speaker | None = None


def deadlines(cfg: Any) -> dict[str, float]:
    """Each device's deadline (its own timeout plus a margin)."""
    return {
        "id_reader": CARD_WAIT_S + 10,
        "ssc_reader": CARD_WAIT_S + 10,
        "qr_reader": CARD_WAIT_S + 10,
        "printer": 2 * cfg.devices.printer.timeout_s + 10,
        "document_printer": cfg.devices.document_printer.timeout_s + 15,
        "scanner": cfg.devices.scanner.timeout_s + 10,
        "voice": 15.0,
        "platform": 2 * cfg.platform.timeout_s + 5,
    }


def _r(name: str, passed: bool, detail: str, **kw: Any) -> SelfTestResult:
    return SelfTestResult(name, passed, " ".join(str(detail).split())[:200], **kw)


def _health_line(h: Any) -> str:
    reason = health_reason(h)
    return health_state(h) + (f" ({reason})" if reason else "")


# ------------------------------------------------------------------ the tests


def _reader(name: str, dev: Any, unattended: bool, read: Callable[[], Any]) -> SelfTestResult:
    if dev is None:
        return _r(name, False, "absent: not configured or could not be started")
    h = _settled_health(dev)
    if not is_usable(h):
        return _r(name, False, f"reader {_health_line(h)}")
    if unattended:
        return _r(
            name, True, f"reader {_health_line(h)}; read skipped (needs a person)",
            needs_person=True, skipped=True,
        )  # fmt: skip
    res = read()
    if res.kind == "ok" or res.kind == "expired":
        what = "code read" if name == "qr_reader" else "test card read"
        return _r(name, True, what + (" (card expired)" if res.kind == "expired" else ""))
    if res.kind == "no_card":
        what = "no code shown" if name == "qr_reader" else "no test card presented"
        return _r(name, False, f"{what} within {CARD_WAIT_S:g} s", needs_person=True)
    return _r(name, False, f"{res.kind}: {res.reason}" if res.reason else res.kind)


def _settled_health(dev: Any, wait_s: float = 5.0) -> Any:
    """The reader's health once it left "starting" (a just-built reader opens its port on its
    worker), waiting at most ``wait_s``."""
    from kiosk.devices.health import Unknown

    end = time.monotonic() + wait_s
    h = health_of(dev.status.current)
    while isinstance(h, Unknown) and time.monotonic() < end:
        time.sleep(0.1)
        h = health_of(dev.status.current)
    return h


def _qr_read(dev: Any, cancel: threading.Event) -> Any:
    from kiosk.usecases.identify import IdentityRead, read_code

    text = read_code(dev, cancel, CARD_WAIT_S)
    return IdentityRead("ok" if text is not None else "no_card")


def test_printer(printer: Any, cfg: Any, unattended: bool) -> SelfTestResult:
    if printer is None:
        return _r("printer", False, "absent: not configured or could not be started")
    h = health_of(printer.status())
    if not is_usable(h):
        return _r("printer", False, f"printer {_health_line(h)}")
    if unattended:
        return _r("printer", True, f"printer {_health_line(h)}; no test page (unattended)")
    from kiosk.ports import printer as prp

    res = printer.print_document(test_page(cfg), kind="selftest")
    if not isinstance(res, prp.Printed):
        return _r("printer", False, f"test page not printed: {type(res).__name__}")
    after = health_of(printer.status())
    ok = is_usable(after)
    return _r("printer", ok, f"test page printed; printer {_health_line(after)}")


def test_document_printer(printer: Any, cfg: Any, unattended: bool) -> SelfTestResult:
    name = "document_printer"
    if printer is None:
        return _r(name, False, "absent: not configured or could not be started")
    h = health_of(printer.status())
    if not is_usable(h):
        return _r(name, False, f"A4 printer {_health_line(h)}")
    if unattended:
        return _r(name, True, f"A4 printer {_health_line(h)}; no test page (unattended)")
    from kiosk.maintenance.a4_page import selftest_pdf
    from kiosk.ports import document_printer as dpp

    now = dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S")
    res = printer.print_pdf(selftest_pdf(cfg.terminal.kiosk_id, now), title="selftest")
    if not isinstance(res, dpp.Printed):
        return _r(name, False, f"test page not printed: {dpp.problem_text(res)[1]}")
    pages = f", {res.pages} page" + ("s" if res.pages != 1 else "") if res.pages else ""
    return _r(name, True, f"A4 test page printed (job {res.job_id}{pages})")


def test_page(cfg: Any) -> Any:
    """The self-test page (also ``kiosk device print-test``'s header)."""
    from kiosk.receipts.blocks import Builder

    width = cfg.printer_profile().paper_width_mm
    b = Builder("selftest", width)
    b.text("自检测试页 Self-test", align="center", size=2, bold=True)
    b.rule("=")
    b.field("终端编号", cfg.terminal.kiosk_id)
    b.field("时间", dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S"))
    b.text("中文：便民服务自助终端，欢迎使用！")
    b.qr(f"BIANMIN-SELFTEST {cfg.terminal.kiosk_id}")
    b.feed(2)
    b.cut()
    return b.build()


def test_scanner(scanner: Any, out_dir: Path, unattended: bool) -> SelfTestResult:
    from kiosk.usecases.scan import scan_page

    if scanner is None:
        return _r("scanner", False, "absent: not configured or could not be started")
    outcome, _health = scan_page(scanner)
    if outcome.kind == "ok":
        out_dir.mkdir(parents=True, exist_ok=True)
        ext = {"image/png": "png", "image/jpeg": "jpg"}.get(outcome.mime, "bin")
        path = out_dir / f"selftest-scan.{ext}"
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(outcome.content)
        tmp.replace(path)
        return _r(
            "scanner", True, f"page scanned ({len(outcome.content) // 1024} KB)",
            image_path=str(path),
        )  # fmt: skip
    if outcome.kind == "no_document":
        if unattended:
            return _r("scanner", True, "scanner answers; no page in the feeder", skipped=True)
        return _r("scanner", False, "no page in the feeder", needs_person=True)
    return _r(
        "scanner", False, f"{outcome.kind}" + (f": {outcome.reason}" if outcome.reason else "")
    )


def test_voice(speaker: Speaker | None, unattended: bool, deadline_s: float) -> SelfTestResult:
    if speaker is None:
        if unattended:
            return _r("voice", True, "skipped: no speech engine here", skipped=True)
        return _r("voice", False, "no speech engine here")
    if unattended:
        return _r("voice", True, "skipped: a person must listen", needs_person=True, skipped=True)
    problem = speaker(TEST_SENTENCE, deadline_s)
    if problem:
        return _r("voice", False, f"not spoken: {problem}")
    return _r("voice", True, "sentence spoken: confirm you heard it", needs_person=True)


def test_platform(platform: Any, now: Callable[[], float] = time.time) -> SelfTestResult:
    from kiosk.ports import platform as pp

    if platform is None:
        return _r("platform", False, "not configured or its client could not be built")
    r = platform.server_time()
    if not isinstance(r, pp.Ok):
        reason = getattr(r, "reason", "") or type(r).__name__
        return _r("platform", False, f"{type(r).__name__.lower()}: {reason}")
    skew = float(r.data) - now()
    detail = f"reachable; clock skew {skew:+.1f} s"
    if abs(skew) > MAX_SKEW_S:
        return _r("platform", False, detail + f" (more than {MAX_SKEW_S:g} s: set the clock/NTP)")
    return _r("platform", True, detail)


# ------------------------------------------------------------------ running them


def run_one(
    name: str, ports: SelfTestPorts, cfg: Any, out_dir: Path, unattended: bool
) -> SelfTestResult:
    """One device's test, on its own thread, within its deadline."""
    limit = deadlines(cfg)[name]
    cancel = threading.Event()

    def body() -> SelfTestResult:
        from kiosk.usecases import identify

        match name:
            case "id_reader":
                dev = ports.id_reader
                return _reader(name, dev, unattended,
                               lambda: identify.read_id_card(dev, cancel, CARD_WAIT_S))  # fmt: skip
            case "ssc_reader":
                dev = ports.ssc_reader
                return _reader(name, dev, unattended,
                               lambda: identify.read_ssc(dev, cancel, CARD_WAIT_S))  # fmt: skip
            case "qr_reader":
                dev = ports.qr_reader
                return _reader(name, dev, unattended, lambda: _qr_read(dev, cancel))
            case "printer":
                return test_printer(ports.printer, cfg, unattended)
            case "document_printer":
                return test_document_printer(ports.document_printer, cfg, unattended)
            case "scanner":
                return test_scanner(ports.scanner, out_dir, unattended)
            case "voice":
                return test_voice(ports.speaker, unattended, limit - 1)
            case "platform":
                return test_platform(ports.platform)
        return _r(name, False, "unknown device")

    try:
        result = call_within(limit, body, f"selftest-{name}")
    except Exception as exc:  # noqa: BLE001 - a test's failure is a result
        return _r(name, False, f"error: {type(exc).__name__}")
    if result is None:
        cancel.set()
        return _r(name, False, f"no answer within {limit:g} s")
    return result


def run_selftests(
    ports: SelfTestPorts,
    cfg: Any,
    out_dir: Path,
    device: str | None = None,
    unattended: bool = False,
) -> list[SelfTestResult]:
    """One result per device (or for ``device`` alone; an unknown name is a ``ValueError``).

    The tests that need nobody run side by side; the ones that wait for a person run one
    after the other, so a technician is asked for one thing at a time."""
    if device is not None and device not in SELFTEST_DEVICES:
        raise ValueError(f"unknown device {device!r} (one of: {', '.join(SELFTEST_DEVICES)})")
    names = [device] if device else list(SELFTEST_DEVICES)
    results: dict[str, SelfTestResult] = {}
    person = {"id_reader", "ssc_reader", "qr_reader", "voice"} if not unattended else set()

    def bg(n: str) -> None:
        results[n] = run_one(n, ports, cfg, out_dir, unattended)

    threads = [
        threading.Thread(target=bg, args=(n,), daemon=True) for n in names if n not in person
    ]
    for t in threads:
        t.start()
    for n in names:
        if n in person:
            results[n] = run_one(n, ports, cfg, out_dir, unattended)
    for t in threads:
        t.join()
    return [results[n] for n in names]
