"""Material files: encrypted, named by the SHA-256 of their plaintext, written atomically.

A file is written to a temporary name, fsynced, renamed into place, and the directory fsynced,
before the database row that references it is committed. :meth:`BlobStore.reconcile` (run at
start) removes files no row references and reports rows whose file is gone.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from kiosk.store.crypto import Sealer

TMP_PREFIX = ".tmp-"


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class BlobStore:
    def __init__(self, root: Path, sealer: Sealer) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        os.chmod(self.root, 0o700)
        self._sealer = sealer
        self._executor: ThreadPoolExecutor | None = None

    def path(self, sha256: str) -> Path:
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise ValueError("not a lowercase hex sha256")
        return self.root / sha256

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).exists()

    def put(self, data: bytes) -> str:
        """Store ``data`` durably; return its SHA-256. Idempotent for the same content."""
        return self.put_many([data])[0]

    def put_many(self, datas: list[bytes]) -> list[str]:
        """Store several files durably with one directory fsync; return their SHA-256s.

        Each file is hashed, sealed, written to a temporary name, fsynced and renamed into place
        on its own thread (hashing, sealing and fsync release the GIL, and concurrent fsyncs
        share journal commits); the directory is fsynced once at the end, so every rename is
        durable before this returns.
        """
        if len(datas) <= 1:
            results = [self._write_one(d) for d in datas]
        else:
            futures = [self._pool().submit(self._write_one, d) for d in datas]
            results = []
            error: BaseException | None = None
            for f in futures:
                try:
                    results.append(f.result())
                except BaseException as exc:  # wait for every writer before failing
                    error = error or exc
            if error is not None:
                raise error
        if any(renamed for _, renamed in results):
            fsync_dir(self.root)
        return [sha for sha, _ in results]

    def _pool(self) -> ThreadPoolExecutor:
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=4, thread_name_prefix="blob-write")
        return self._executor

    def _write_one(self, data: bytes) -> tuple[str, bool]:
        sha = hashlib.sha256(data).hexdigest()
        final = self.path(sha)
        if final.exists():
            # a new scan of the same bytes: fresh again, so a retention purge leaves it alone
            with contextlib.suppress(OSError):
                os.utime(final)
            return sha, False
        sealed = self._sealer.seal(data, aad=sha.encode())
        tmp = (
            self.root
            / f"{TMP_PREFIX}{sha}.{os.getpid()}.{threading.get_ident()}.{time.monotonic_ns()}"
        )
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                view = memoryview(sealed)
                while view:
                    view = view[os.write(fd, view) :]
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(tmp, final)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise
        return sha, True

    def get(self, sha256: str) -> bytes:
        """The plaintext of a material; raises FileNotFoundError or SealError."""
        data = self._sealer.open(self.path(sha256).read_bytes(), aad=sha256.encode())
        if hashlib.sha256(data).hexdigest() != sha256:  # pragma: no cover - GCM already checks
            raise ValueError("material content does not match its name")
        return data

    def delete(self, sha256: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path(sha256).unlink()

    def iter_files(self) -> Iterator[tuple[str, Path]]:
        for f in self.root.iterdir():
            if f.is_file():
                yield f.name, f

    def reconcile(
        self, referenced: set[str], grace_s: float = 600.0, *, keep_unreferenced: bool = False
    ) -> tuple[int, set[str]]:
        """Delete unreferenced files (and stale temp files) older than ``grace_s``; with
        ``keep_unreferenced`` (a moved-aside database may still reference them) only temp files.

        Returns (files removed, referenced hashes whose file is missing).
        """
        now = time.time()
        removed = 0
        present: set[str] = set()
        for name, f in list(self.iter_files()):
            try:
                age = now - f.stat().st_mtime
            except FileNotFoundError:
                continue
            if name.startswith(TMP_PREFIX):
                if age > grace_s:
                    f.unlink(missing_ok=True)
                    removed += 1
                continue
            present.add(name)
            if name not in referenced and age > grace_s and not keep_unreferenced:
                f.unlink(missing_ok=True)
                removed += 1
        return removed, referenced - present
