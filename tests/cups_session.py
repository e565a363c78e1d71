"""One cupsd per test session, shared by test suites, like :mod:`pcsc_session`'s pcscd.

A running cupsd (the system's, at its default address) is reused; otherwise one ``cupsd -f``
is started and, at the end, stopped by its PID. The A4 printer simulator's backend
(``drivers/document_printer/bianmin-sim``) must be CUPS's current copy: installed here when
running as root (``scripts/bootstrap.sh`` does the same), else the session fails saying so.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pcsc_session import daemon_running

SOCKET = Path("/run/cups/cups.sock")


def cups_answers() -> bool:
    try:
        import cups

        cups.Connection().getDests()
        return True
    except Exception:
        return False


def cupsd_running() -> Iterator[None]:
    """Generator for a session fixture: yields while a cupsd answers at the system address."""
    from drivers.document_printer import simulator

    if not simulator.backend_installed():
        assert os.geteuid() == 0, (
            "the A4 printer simulator's backend is not installed: run scripts/bootstrap.sh as root"
        )
        simulator.install_backend()
    deadline = time.monotonic() + 10
    while not cups_answers() and SOCKET.exists() and time.monotonic() < deadline:
        time.sleep(0.2)  # a cupsd starting (or busy) answers soon: never start a second one
    if cups_answers():
        yield
        return
    yield from daemon_running("cupsd", cups_answers, 20, "does not answer")


def simulated_a4(directory: Path, timeout_s: float = 60) -> Iterator[Any]:
    """The simulated A4 printer as ``kiosk run`` builds it (a cups-pdf queue of its own under
    ``directory``), closed after use; needs :func:`cupsd_running`."""
    from drivers.document_printer import factory
    from kiosk.config import parse_config

    cfg = parse_config({"devices": {"document_printer": {"timeout_s": timeout_s}}})
    built = factory.build(cfg.devices.document_printer, cfg, directory)
    try:
        yield built
    finally:
        built.close()


def qr_codes_of(pdf: Path, work: Path) -> list[str]:
    """The QR codes on a printed PDF's first page, read as a clerk's scanner would: the page
    rendered by ``pdftoppm`` (cups-pdf draws CJK as Type 3 glyphs, so the text cannot be read
    back), decoded by zxing."""
    import subprocess

    import zxingcpp
    from PIL import Image

    prefix = work / f"{pdf.stem}-page"
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", str(pdf), str(prefix)], check=True)  # fmt: skip
    (png,) = work.glob(f"{pdf.stem}-page*.png")
    return [r.text for r in zxingcpp.read_barcodes(Image.open(png))]
