"""The A4 printer simulator: a real CUPS queue on the cups-pdf virtual printer, through the
``bianmin-sim`` backend (this directory's ``bianmin-sim`` script, installed in CUPS's backend
directory by ``scripts/bootstrap.sh``), which fails jobs as paper out or jammed when its
control file says so — so the job and printer states the driver follows come out of real CUPS.

``DocumentPrinterSimulator(out_dir).start()`` creates the queue ``bianmin-sim-<hash of
out_dir>`` with the device URI ``bianmin-sim:<out_dir>``: printed PDFs land in
``<out_dir>/out`` (``...-job_N.pdf``), the control file is ``<out_dir>/control.json``
(``kiosk sim control <out_dir> --set paper=out``, ``--fault jam:once``…). ``stop()`` deletes the
queue. Creating a queue needs CUPS's admin rights (root, or a member of ``lpadmin``).
"""

from __future__ import annotations

import contextlib
import filecmp
import hashlib
import os
import shutil
import urllib.parse
from pathlib import Path
from typing import Any, Self

from drivers.common.factory import DeviceUnavailable
from drivers.document_printer.driver import cups_connection
from drivers.simctl import SimControl

BACKEND_SOURCE = Path(__file__).with_name("bianmin-sim")
BACKEND_DIR = Path("/usr/lib/cups/backend")
BACKEND = BACKEND_DIR / "bianmin-sim"
PPD = Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd")
SCHEME = "bianmin-sim"


def backend_installed(path: Path = BACKEND) -> bool:
    """Whether CUPS's copy of the backend is there and the same as this source's."""
    return path.exists() and filecmp.cmp(path, BACKEND_SOURCE, shallow=False)


def install_backend(path: Path = BACKEND) -> None:
    """Install the backend (root only): mode 0700, so that CUPS runs it as root as it runs
    cups-pdf (which it wraps)."""
    tmp = path.with_name(path.name + ".new")
    shutil.copyfile(BACKEND_SOURCE, tmp)
    os.chmod(tmp, 0o700)
    os.replace(tmp, path)


def queue_name(out_dir: str | os.PathLike[str]) -> str:
    digest = hashlib.sha256(str(Path(out_dir).resolve()).encode()).hexdigest()[:12]
    return f"bianmin-sim-{digest}"


def device_uri(out_dir: str | os.PathLike[str]) -> str:
    return f"{SCHEME}:" + urllib.parse.quote(str(Path(out_dir).resolve()))


def connect(server: str | None) -> Any:
    """A pycups connection (:func:`cups_connection`), or :class:`DeviceUnavailable`."""
    try:
        return cups_connection(server)
    except RuntimeError as exc:
        raise DeviceUnavailable(f"CUPS is not running ({server or 'system'}): {exc}") from exc


def prune_stale_queues(conn: Any) -> list[str]:
    """Delete simulator queues whose directory is gone (a kiosk or a test killed before it
    could delete its own); returns their names."""
    gone = []
    for name, info in conn.getPrinters().items():
        uri = str(info.get("device-uri", ""))
        if name.startswith("bianmin-sim-") and uri.startswith(SCHEME + ":"):
            if not Path(urllib.parse.unquote(uri.partition(":")[2])).is_dir():
                with contextlib.suppress(Exception):
                    conn.deletePrinter(name)
                    gone.append(name)
    return gone


class DocumentPrinterSimulator:
    def __init__(
        self,
        out_dir: str | os.PathLike[str],
        *,
        server: str | None = None,
        state: dict[str, Any] | None = None,
    ) -> None:
        self.dir = Path(out_dir).resolve()
        self.server = server
        self.queue = queue_name(self.dir)
        self.out = self.dir / "out"
        # a state set before the start (``kiosk sim control DIR`` ahead of ``kiosk run``) stays
        self.control = SimControl(self.dir / "control.json")
        if state is not None or not self.control.path.exists():
            self.control.replace(state or {"paper": "ok", "jam": False})

    def start(self) -> Self:
        import cups

        if not BACKEND.exists():
            raise DeviceUnavailable(
                f"the simulator's CUPS backend {BACKEND} is not installed (run scripts/bootstrap.sh)"
            )
        if not PPD.exists():
            raise DeviceUnavailable(f"cups-pdf is not installed ({PPD}): printer-driver-cups-pdf")
        self.out.mkdir(parents=True, exist_ok=True)
        conn = connect(self.server)
        try:
            prune_stale_queues(conn)
            conn.addPrinter(
                self.queue,
                filename=str(PPD),
                device=device_uri(self.dir),
                info="Bianmin A4 printer simulator (cups-pdf)",
            )
            conn.setPrinterErrorPolicy(self.queue, "abort-job")
            conn.enablePrinter(self.queue)
            conn.acceptJobs(self.queue)
        except cups.IPPError as exc:
            raise DeviceUnavailable(f"cannot create the CUPS queue {self.queue}: {exc}") from exc
        return self

    def printed(self) -> list[Path]:
        """The PDFs printed so far, oldest first."""
        return sorted(self.out.glob("*.pdf"), key=lambda p: p.stat().st_mtime_ns)

    def output_of(self, job_id: int) -> Path | None:
        for p in self.out.glob(f"*job_{job_id}.pdf"):
            return p
        return None

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            connect(self.server).deletePrinter(self.queue)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
