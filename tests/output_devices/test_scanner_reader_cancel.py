"""libsane's reader thread is never cancelled while it runs (it wedged one scan in about a
thousand under load: a resident's 30-second timeout, and CI's flaky scanner tests)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from drivers.scanner.reader_settle import other_threads, wait_settled

REPO = Path(__file__).resolve().parents[2]


def _thread(target) -> threading.Thread:  # type: ignore[no-untyped-def]
    t = threading.Thread(target=target, daemon=True)
    t.start()
    return t


def test_a_thread_blocked_in_a_pipe_write_is_settled_but_not_gone() -> None:
    r, w = os.pipe()
    os.set_blocking(w, True)
    before = set(other_threads())

    def writer() -> None:
        try:
            os.write(w, b"x" * (4 << 20))  # more than any pipe holds: blocks in write(2)
        except OSError:
            pass

    t = _thread(writer)
    try:
        assert wait_settled(5.0, besides=before)
        assert not wait_settled(0.2, gone_only=True, besides=before)
    finally:
        os.close(r)  # the writer gets EPIPE and ends
        t.join(5)
        os.close(w)
    assert wait_settled(5.0, gone_only=True, besides=before)


def test_a_running_thread_is_not_settled_until_it_blocks() -> None:
    stop = threading.Event()
    r, w = os.pipe()
    before = set(other_threads())

    def spinner() -> None:
        while not stop.is_set():
            sum(range(1000))  # user code, like a reader inside malloc
        os.read(r, 1)  # then it blocks in read(2)

    t = _thread(spinner)
    try:
        started = time.monotonic()
        assert not wait_settled(0.3, besides=before)
        assert time.monotonic() - started < 2.0  # the wait is bounded
        stop.set()
        assert wait_settled(5.0, besides=before)
    finally:
        os.write(w, b"x")
        t.join(5)
        os.close(r)
        os.close(w)


_SOAK = """
import sys
from drivers.scanner.session import SaneSession, ScanSettings
from drivers.scanner.simulator import NORMAL, OPTIONS, ScannerSimulator
ScannerSimulator(sys.argv[1]).start()
s = SaneSession()
kinds = []
for i in range(int(sys.argv[2])):
    status = "SANE_STATUS_NO_DOCS" if i % 2 else "Default"
    opts = dict(OPTIONS, **NORMAL, **{"read-return-value": status})
    kinds.append(type(s.scan(ScanSettings("test:0", 100, "Gray", 20.0, None, opts))).__name__)
print(" ".join(sorted(set(kinds))), len(kinds))
"""


def test_many_scans_and_no_paper_answers_in_a_row_never_wedge(tmp_path: Path) -> None:
    """Before: a page's end or a NO_DOCS answer cancelled the reader mid-``free`` about once
    in a thousand scans under load and the process hung in ``pthread_join`` for ever."""
    n = 300
    p = subprocess.run(
        [sys.executable, "-c", _SOAK, str(tmp_path / "sim"), str(n)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        env=dict(os.environ, PYTHONPATH=str(REPO)),
    )
    assert p.returncode == 0, p.stderr[-2000:]
    assert p.stdout.split() == ["NoPaper", "Page", str(n)]
