"""Material files: encrypted, named by the SHA-256 of their plaintext, written atomically.

A file is written to a temporary name, fsynced, renamed into place, and the directory fsynced,
before the database row that references it is committed. :meth:`BlobStore.reconcile` (run at
start) removes files no row references and reports rows whose file is gone.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from collections.abc import Iterator
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

    def path(self, sha256: str) -> Path:
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise ValueError("not a lowercase hex sha256")
        return self.root / sha256[:2] / sha256

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).exists()

    def put(self, data: bytes) -> str:
        """Store ``data`` durably; return its SHA-256. Idempotent for the same content."""
        sha = hashlib.sha256(data).hexdigest()
        final = self.path(sha)
        if final.exists():
            return sha
        final.parent.mkdir(exist_ok=True)
        sealed = self._sealer.seal(data, aad=sha.encode())
        tmp = final.parent / f"{TMP_PREFIX}{sha}.{os.getpid()}.{time.monotonic_ns()}"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as f:
                f.write(sealed)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, final)
            fsync_dir(final.parent)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise
        return sha

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
        for sub in self.root.iterdir():
            if not sub.is_dir():
                continue
            for f in sub.iterdir():
                yield f.name, f

    def reconcile(self, referenced: set[str], grace_s: float = 600.0) -> tuple[int, set[str]]:
        """Delete unreferenced files (and stale temp files) older than ``grace_s``.

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
            if name not in referenced and age > grace_s:
                f.unlink(missing_ok=True)
                removed += 1
        return removed, referenced - present
