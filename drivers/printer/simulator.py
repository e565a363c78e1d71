"""``kiosk sim printer``: a TCP ESC/POS capture printer (port 9100 by default).

One connection carrying printable data is one job. For each job it writes into ``--out``:

- ``job-NNNN.bin``  the raw bytes received;
- ``job-NNNN.txt``  the decoded text (GB18030 aware);
- ``job-NNNN.json`` outcome, QR payloads seen (native ``GS ( k`` and raster codes decoded with
  zxing-cpp), warnings;
- ``job-NNNN.png``  the receipt rendered for a person to look at;

and appends a line to ``jobs.jsonl``. ``DLE EOT n`` is answered at once from the state in
``<out>/control.json`` (:mod:`drivers.simctl`), which ``kiosk sim control OUT`` changes while
it runs:

- ``--set paper=ok|near_end|out``, ``--set cover=open|closed``, ``--set error=true``;
- faults: ``drop-mid-job`` (reset the connection after 256 bytes of a job),
  ``paper-out-mid-job`` (the roll ends after 256 bytes: the rest is not printed, ``paper``
  becomes ``out``, ``GS r`` is never answered), ``no-status`` (answer neither DLE EOT nor
  ``GS r``), ``garbage-status`` (answer DLE EOT with 0xFF), ``no-gs-r`` (old firmware that
  answers DLE EOT but not ``GS r``); add ``:once`` for one connection.

``GS r 1`` is answered in order, once everything before it has "printed".

With paper out or the cover open the simulator swallows a job without printing it, as a real
printer does, and records it with ``printed: false``.
"""

from __future__ import annotations

import json
import socket
import socketserver
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from drivers.printer.capture import JobCapture
from drivers.printer.escpos_parse import iter_commands
from drivers.printer.status import gs_r_answer, status_bytes
from drivers.simctl import SimControl, control_path_for

DROP_AFTER_BYTES = 256
IDLE_TIMEOUT_S = 30.0


@dataclass
class JobSummary:
    number: int
    printed: bool
    outcome: str
    reason: str
    size: int
    qr: list[dict[str, str]]
    text: str
    files: dict[str, str]


class PrinterSimulator:
    def __init__(
        self,
        out_dir: str | Path,
        host: str = "127.0.0.1",
        port: int = 9100,
        *,
        encoding: str = "GB18030",
        dots: int = 576,
        on_job: Callable[[JobSummary], None] | None = None,
    ) -> None:
        self.out = Path(out_dir)
        self.out.mkdir(parents=True, exist_ok=True)
        self.control = SimControl(control_path_for(self.out))
        if not self.control.path.exists():
            self.control.replace({"paper": "ok", "cover": "closed", "faults": []})
        self.encoding = encoding
        self.dots = dots
        self.jobs: list[JobSummary] = []
        self.on_job = on_job
        self._lock = threading.Lock()
        self._next = self._first_job_number()
        sim = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                sim._serve(self.request)

        class Server(socketserver.ThreadingTCPServer):
            allow_reuse_address = True
            daemon_threads = True

        self._server = Server((host, port), Handler)
        self.host, self.port = self._server.server_address[:2]
        self._thread: threading.Thread | None = None

    def _first_job_number(self) -> int:
        nums = [
            int(p.stem.split("-")[1])
            for p in self.out.glob("job-*.json")
            if p.stem.split("-")[1].isdigit()
        ]
        return max(nums, default=0) + 1

    # ------------------------------------------------------------- lifecycle
    def start(self) -> PrinterSimulator:
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="printer-sim", daemon=True
        )
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        self._server.serve_forever()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> PrinterSimulator:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    # ------------------------------------------------------------- one connection
    def _status_answer(self, n: int, faults: set[str]) -> bytes:
        if "no-status" in faults:
            return b""
        if "garbage-status" in faults:
            return b"\xff"
        st = self.control.read()
        answers = status_bytes(
            paper=str(st.get("paper", "ok")),
            cover_open=st.get("cover") == "open",
            error=bool(st.get("error", False)),
        )
        return bytes([answers.get(n, 0x12)])

    def _serve(self, sock: socket.socket) -> None:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.settimeout(IDLE_TIMEOUT_S)
        cap = JobCapture(encoding=self.encoding, dots=self.dots)
        raw = bytearray()
        buf = b""
        job_started = False
        number = 0
        state_at_start: dict[str, Any] = {}
        outcome = "completed"
        stalled = False
        # one connection is one operation: ":once" faults are consumed here
        faults = self.control.take_faults()
        try:
            while True:
                try:
                    chunk = sock.recv(65536)
                except (TimeoutError, OSError):
                    outcome = "idle-timeout"
                    break
                if not chunk:
                    break
                buf += chunk
                pos = 0
                for cmd, pos in iter_commands(buf):  # noqa: B007 - pos is used after the loop
                    if cmd.kind == "dle":
                        if cmd.data[1] == 0x04:
                            answer = self._status_answer(cmd.data[2], faults)
                            if answer:
                                sock.sendall(answer)
                        continue
                    if not job_started and not (cmd.kind == "esc" and cmd.op == ord("@")):
                        job_started = True
                        state_at_start = self.control.read()
                        with self._lock:  # numbered in order of arrival
                            number = self._next
                            self._next += 1
                    raw += cmd.data
                    if stalled:
                        continue  # out of paper mid-job: the rest is never printed
                    if cmd.kind == "gs" and cmd.op == ord("r"):
                        # answered when the printer reaches it: everything before has printed
                        if not ({"no-status", "no-gs-r"} & faults):
                            paper = str(self.control.read().get("paper", "ok"))
                            sock.sendall(bytes([gs_r_answer(paper)]))
                        continue
                    try:
                        cap.feed(cmd)
                    except Exception as exc:  # a malformed command never loses the job
                        cap.warnings.append(f"cannot interpret {cmd.data[:8].hex()}: {exc}")
                    if "paper-out-mid-job" in faults and len(raw) >= DROP_AFTER_BYTES:
                        stalled = True  # the roll ends here and stays empty until reloaded
                        outcome = "paper-ran-out"
                        self.control.update(paper="out")
                        continue
                    if "drop-mid-job" in faults and len(raw) >= DROP_AFTER_BYTES:
                        break  # the printer dies here: the rest of the job is never printed
                buf = buf[pos:]
                if job_started and "drop-mid-job" in faults and len(raw) >= DROP_AFTER_BYTES:
                    outcome = "dropped"
                    # RST, not FIN: the sender sees the connection reset, as when a printer reboots
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    break
        finally:
            if job_started:
                cap.finish()
                self._record(number, cap, bytes(raw), outcome, state_at_start)

    # ------------------------------------------------------------- output
    def _record(
        self, n: int, cap: JobCapture, raw: bytes, outcome: str, state: dict[str, Any]
    ) -> None:
        printed = outcome in ("completed", "idle-timeout")
        reason = ""
        if state.get("paper") == "out":
            printed, reason = False, "paper out"
        elif state.get("cover") == "open":
            printed, reason = False, "cover open"
        elif not printed:
            reason = outcome
        stem = self.out / f"job-{n:04d}"
        files = {
            "bin": str(stem.with_suffix(".bin")),
            "txt": str(stem.with_suffix(".txt")),
            "json": str(stem.with_suffix(".json")),
            "png": str(stem.with_suffix(".png")),
        }
        Path(files["bin"]).write_bytes(raw)
        text = cap.text()
        Path(files["txt"]).write_text(text, encoding="utf-8")
        try:  # a simulator stopped mid-save leaves no half picture behind
            png_tmp = Path(files["png"] + ".tmp")
            cap.picture().save(png_tmp, format="PNG", optimize=True)
            png_tmp.replace(files["png"])
        except Exception as exc:
            cap.warnings.append(f"cannot render the picture: {exc}")
        meta = {
            "job": n,
            "received_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
            "size": len(raw),
            "outcome": outcome,
            "printed": printed,
            "reason": reason,
            "qr": cap.qr,
            "warnings": cap.warnings,
            "encoding": cap.encoding,
            "files": files,
        }
        tmp = Path(files["json"] + ".tmp")
        tmp.write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
        tmp.replace(files["json"])
        with self._lock:
            with open(self.out / "jobs.jsonl", "a", encoding="utf-8") as f:
                f.write(
                    json.dumps(
                        {k: meta[k] for k in ("job", "size", "outcome", "printed", "reason", "qr")},
                        ensure_ascii=False,
                    )
                    + "\n"
                )
            summary = JobSummary(n, printed, outcome, reason, len(raw), cap.qr, text, files)
            self.jobs.append(summary)
        if self.on_job is not None:
            self.on_job(summary)

    def wait_for_jobs(self, count: int, timeout_s: float = 10.0) -> list[JobSummary]:
        """Block until ``count`` jobs have been recorded (for tests)."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            with self._lock:
                if len(self.jobs) >= count:
                    return sorted(self.jobs, key=lambda j: j.number)
            time.sleep(0.01)
        with self._lock:
            return sorted(self.jobs, key=lambda j: j.number)
