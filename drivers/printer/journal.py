"""Every print job with its outcome: in memory, and as JSON lines in a directory if given.

A line per state change (``sending`` then the outcome), so a crash mid-job leaves a job whose
last line is ``sending`` — read as "unknown, may have printed". Lines hold ids, sizes, a hash
and outcomes only; the job's bytes (which carry masked personal data) stay in memory for a
reprint and are never written here. The store may later persist these records instead.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import threading
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path

from kiosk.ports.printer import (
    CoverOpen,
    Offline,
    PaperOut,
    Printed,
    PrintResult,
    Unknown,
)


@dataclass(frozen=True)
class JobRecord:
    job_id: str
    kind: str
    created_at: str
    size: int
    sha256: str
    state: str
    """``sending``, ``printed``, ``paper_out``, ``cover_open``, ``offline``, ``unknown``."""
    reason: str = ""
    may_have_printed: bool = False
    reprint_of: str | None = None
    finished_at: str | None = None


def outcome_of(result: PrintResult) -> tuple[str, str, bool]:
    match result:
        case Printed():
            return "printed", "", True
        case PaperOut(reprint_offered=r):
            return "paper_out", "", r
        case CoverOpen(reprint_offered=r):
            return "cover_open", "", r
        case Offline(reason=reason):
            return "offline", reason, False
        case Unknown(reason=reason, may_have_printed=m):
            return "unknown", reason, m
    raise TypeError(result)  # pragma: no cover


class JobJournal:
    def __init__(
        self,
        directory: str | os.PathLike[str] | None = None,
        keep: int = 50,
        keep_days: int | None = 30,
    ) -> None:
        """``keep``: jobs whose bytes stay in memory for a reprint. ``keep_days``: on opening,
        the file is compacted to the last state of jobs younger than this
        (``retention.print_jobs_days``); None keeps everything."""
        self.path = Path(directory) / "print-jobs.jsonl" if directory else None
        if self.path:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if keep_days is not None:
                self._compact(keep_days)
        self._records: dict[str, JobRecord] = {}
        self._data: dict[str, bytes] = {}
        self._keep = keep
        self._lock = threading.Lock()
        self._seq = itertools.count(1)

    def _append(self, rec: JobRecord) -> None:
        if not self.path:
            return
        line = json.dumps(asdict(rec), ensure_ascii=False) + "\n"
        with open(self.path, "a", encoding="utf-8") as f:
            f.write(line)
            f.flush()
            os.fsync(f.fileno())

    def start(self, kind: str, data: bytes, reprint_of: str | None = None) -> JobRecord:
        now = datetime.now()
        job_id = f"P{now:%Y%m%d%H%M%S}-{next(self._seq):04d}-{os.urandom(2).hex()}"
        rec = JobRecord(
            job_id=job_id,
            kind=kind,
            created_at=now.isoformat(timespec="seconds"),
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            state="sending",
            reprint_of=reprint_of,
        )
        with self._lock:
            self._records[job_id] = rec
            self._data[job_id] = data
            while len(self._data) > self._keep:
                self._data.pop(next(iter(self._data)))
            self._append(rec)
        return rec

    def finish(self, job_id: str, result: PrintResult) -> JobRecord:
        state, reason, may = outcome_of(result)
        with self._lock:
            rec = replace(
                self._records[job_id],
                state=state,
                reason=reason,
                may_have_printed=may,
                finished_at=datetime.now().isoformat(timespec="seconds"),
            )
            self._records[job_id] = rec
            self._append(rec)
        return rec

    def get(self, job_id: str) -> JobRecord | None:
        with self._lock:
            return self._records.get(job_id)

    def data(self, job_id: str) -> bytes | None:
        with self._lock:
            return self._data.get(job_id)

    def records(self) -> list[JobRecord]:
        with self._lock:
            return list(self._records.values())

    def _compact(self, keep_days: int) -> None:
        assert self.path is not None
        if not self.path.exists():
            return
        cutoff = (datetime.now() - timedelta(days=keep_days)).isoformat(timespec="seconds")
        kept = [r for r in self.read_file(self.path) if r.created_at >= cutoff]
        tmp = self.path.with_name(self.path.name + ".tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            for r in kept:
                f.write(json.dumps(asdict(r), ensure_ascii=False) + "\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.path)

    @staticmethod
    def read_file(path: str | os.PathLike[str]) -> list[JobRecord]:
        """The last state of every job in a journal file (for technicians and the store)."""
        last: dict[str, JobRecord] = {}
        try:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return []
        for line in lines:
            try:
                d = json.loads(line)
                last[d["job_id"]] = JobRecord(**d)
            except (ValueError, TypeError, KeyError):
                continue  # a torn last line after a crash
        return list(last.values())
