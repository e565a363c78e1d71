"""The terminal's side of the TUF repository: python-tuf's ngclient, every download with a
deadline, and the choice of the newest app target for this terminal's ring.

Trusted metadata lives under ``<data_dir>/update/metadata/`` (ngclient's cache: it only ever
holds metadata that verified); the trust anchor is the root.json shipped with the terminal
(``[update] root_file``), given to ngclient as its bootstrap on every check, from which it
walks the root chain the repository publishes. Verified targets land in
``<data_dir>/update/downloads/``.
"""

from __future__ import annotations

import http.client
import logging
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tuf.api import exceptions as tuf_errors
from tuf.api.metadata import Metadata, TargetFile
from tuf.ngclient import FetcherInterface, Updater, UpdaterConfig

log = logging.getLogger("sync.update")

RINGS = ("canary", "early", "all")
KINDS = ("app", "catalog", "config")
CHUNK = 64 * 1024


class Refused(Exception):
    """The repository's answer is not to be trusted or not usable: ``reason`` says why, and
    starts with its word (``expired:``, ``rollback:``, ``bad signature:``, ``tampered:``,
    ``timeout:``, ``unreachable:``, ``invalid:``, ``disk:``, ``no root:``)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


_REASONS: tuple[tuple[type[BaseException], str], ...] = (
    (tuf_errors.ExpiredMetadataError, "expired: {} (a frozen or stale repository)"),
    (tuf_errors.BadVersionNumberError, "rollback: {}"),
    (tuf_errors.UnsignedMetadataError, "bad signature: {}"),
    (tuf_errors.LengthOrHashMismatchError, "tampered: {}"),
    (tuf_errors.DownloadLengthMismatchError, "tampered: {}"),
    (tuf_errors.SlowRetrievalError, "timeout: {}"),
)
"""ngclient's errors and their refusal reasons, the most specific class first."""


def reason_of(exc: BaseException) -> str:
    """The refusal reason of an ngclient error."""
    text = " ".join(str(exc).split())[:300] or type(exc).__name__
    if isinstance(exc, Refused):
        return exc.reason
    for cls, reason in _REASONS:
        if isinstance(exc, cls):
            return reason.format(text)
    if isinstance(exc, tuf_errors.DownloadHTTPError):
        return f"unreachable: HTTP {exc.status_code}"
    if isinstance(exc, tuf_errors.DownloadError):
        cause = exc.__cause__
        if isinstance(cause, TimeoutError | socket.timeout):
            return f"timeout: {text}"
        return f"unreachable: {text}" + (f" ({cause})" if cause else "")
    if isinstance(exc, tuf_errors.RepositoryError):
        return f"invalid: {text}"
    if isinstance(exc, OSError):
        return f"disk: {exc.strerror or text}"
    return f"invalid: {type(exc).__name__}: {text}"


class DeadlineFetcher(FetcherInterface):
    """Downloads over HTTP(S) with a connect/read timeout on every socket operation and a
    deadline on the whole of each file: a server that answers one byte at a time for ever is
    cut off at the deadline (its socket is shut, so no read can outlive it)."""

    def __init__(self, timeout_s: float, deadline_s: float, ca_file: str | None = None) -> None:
        self.timeout_s = timeout_s
        self.deadline_s = deadline_s
        self.ca_file = ca_file

    def _connection(self, url: str) -> tuple[http.client.HTTPConnection, str]:
        parts = urlsplit(url)
        target = parts.path or "/"
        if parts.query:
            target += "?" + parts.query
        if parts.scheme == "https":
            ctx = ssl.create_default_context(cafile=self.ca_file)
            return (
                http.client.HTTPSConnection(
                    parts.hostname or "", parts.port, timeout=self.timeout_s, context=ctx
                ),
                target,
            )
        if parts.scheme != "http":
            raise tuf_errors.DownloadError(f"unsupported URL scheme {parts.scheme!r}")
        return http.client.HTTPConnection(
            parts.hostname or "", parts.port, timeout=self.timeout_s
        ), target

    def _fetch(self, url: str) -> Iterator[bytes]:
        conn, target = self._connection(url)
        started = time.monotonic()
        expired = threading.Event()

        def cut() -> None:  # the deadline: no read may outlive it
            expired.set()
            sock = conn.sock
            if sock is not None:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

        timer = threading.Timer(self.deadline_s, cut)
        timer.daemon = True
        timer.start()
        try:
            conn.request("GET", target, headers={"User-Agent": "bianmin-kiosk-updater"})
            resp = conn.getresponse()
        except (OSError, http.client.HTTPException) as exc:
            timer.cancel()
            conn.close()
            if expired.is_set():
                raise tuf_errors.SlowRetrievalError(
                    f"{url}: no answer within {self.deadline_s:g} s"
                ) from None
            raise tuf_errors.DownloadError(f"{url}: {exc}") from exc
        if resp.status != 200:
            timer.cancel()
            conn.close()
            raise tuf_errors.DownloadHTTPError(f"{url}: HTTP {resp.status}", resp.status)
        return self._chunks(url, conn, resp, timer, expired, started)

    def _chunks(
        self,
        url: str,
        conn: http.client.HTTPConnection,
        resp: http.client.HTTPResponse,
        timer: threading.Timer,
        expired: threading.Event,
        started: float,
    ) -> Iterator[bytes]:
        try:
            while True:
                try:
                    chunk = resp.read1(CHUNK)
                except (OSError, http.client.HTTPException) as exc:
                    if expired.is_set():
                        break
                    raise tuf_errors.DownloadError(f"{url}: {exc}") from exc
                if expired.is_set() or time.monotonic() - started > self.deadline_s:
                    break
                if not chunk:
                    return
                yield chunk
            raise tuf_errors.SlowRetrievalError(f"{url}: not complete within {self.deadline_s:g} s")
        finally:
            timer.cancel()
            conn.close()


@dataclass(frozen=True)
class Candidate:
    """An app target this terminal may install."""

    path: str
    version: str
    rings: tuple[str, ...]
    length: int
    sha256: str


@dataclass(frozen=True)
class CheckResult:
    running: str
    ring: str
    newest: Candidate | None
    """The newest app target for this ring newer than ``running`` (None: up to date)."""
    held: list[dict[str, str]]
    """Newer app targets this terminal does not take, each with the reason."""


def version_key(version: str) -> Any:
    from packaging.version import InvalidVersion, Version

    try:
        return (1, Version(version))
    except InvalidVersion:
        return (0, version)


def newer(a: str, b: str) -> bool:
    """Is version ``a`` newer than ``b``? (PEP 440; unparseable versions are never newer)."""
    ka, kb = version_key(a), version_key(b)
    return ka[0] == 1 and (kb[0] == 0 or ka[1] > kb[1])


class Repository:
    """One terminal's view of the province's repository."""

    def __init__(
        self,
        update_dir: Path,
        url: str,
        root_file: Path,
        *,
        timeout_s: float = 20.0,
        deadline_s: float = 900.0,
        ca_file: str | None = None,
    ) -> None:
        self.update_dir = Path(update_dir)
        self.metadata_dir = self.update_dir / "metadata"
        self.download_dir = self.update_dir / "downloads"
        self.url = url.rstrip("/")
        self.root_file = Path(root_file)
        self.fetcher = DeadlineFetcher(timeout_s, deadline_s, ca_file)
        self._updater: Updater | None = None

    def _new_updater(self) -> Updater:
        try:
            root = self.root_file.read_bytes()
        except OSError as exc:
            raise Refused(
                f"no root: the repository's root.json is not installed ({self.root_file}: "
                f"{exc.strerror})"
            ) from None
        self.metadata_dir.mkdir(parents=True, exist_ok=True)
        self.download_dir.mkdir(parents=True, exist_ok=True)
        try:
            return Updater(
                metadata_dir=str(self.metadata_dir),
                metadata_base_url=f"{self.url}/metadata/",
                target_dir=str(self.download_dir),
                target_base_url=f"{self.url}/targets/",
                fetcher=self.fetcher,
                config=UpdaterConfig(prefix_targets_with_hash=True),
                bootstrap=root,
            )
        except Exception as exc:  # a damaged root file: never trust anything
            raise Refused(f"no root: {reason_of(exc)}") from None

    def refresh(self) -> Updater:
        """Fetch and verify the top-level metadata (root, timestamp, snapshot, targets)."""
        updater = self._new_updater()
        try:
            updater.refresh()
        except Exception as exc:
            raise Refused(reason_of(exc)) from None
        self._updater = updater
        return updater

    def app_targets(self) -> list[tuple[str, TargetFile]]:
        """The app targets of the verified targets metadata (after :meth:`refresh`)."""
        if self._updater is None:
            raise RuntimeError("refresh first")
        # ngclient persists a role's metadata only after it verified; refresh() just did
        md = Metadata.from_file(str(self.metadata_dir / "targets.json"))
        return [
            (path, info)
            for path, info in md.signed.targets.items()
            if isinstance(info.custom, dict) and info.custom.get("kind") == "app"
        ]

    def check(self, running: str, ring: str, bad_versions: list[str] | None = None) -> CheckResult:
        """Refresh, then the newest app target newer than ``running`` for ``ring``."""
        self.refresh()
        bad = set(bad_versions or [])
        best: Candidate | None = None
        held: list[dict[str, str]] = []
        for path, info in self.app_targets():
            custom = info.custom or {}
            version = str(custom.get("version", ""))
            rings = custom.get("rings")
            if not newer(version, running):
                continue
            if not isinstance(rings, list) or ring not in rings:
                held.append(
                    {
                        "version": version,
                        "reason": f"other ring: for {', '.join(map(str, rings or []))} only; "
                        f"this terminal is in {ring}",
                    }
                )
                continue
            if version in bad:
                held.append({"version": version, "reason": "rolled back on this terminal before"})
                continue
            cand = Candidate(
                path, version, tuple(rings), info.length, info.hashes.get("sha256", "")
            )
            if best is None or newer(version, best.version):
                best = cand
        return CheckResult(running, ring, best, sorted(held, key=lambda h: h["version"]))

    def download(self, candidate: Candidate) -> Path:
        """Download ``candidate`` and verify its length and hash through TUF; the verified
        file's path. A target already downloaded and verified is not fetched again."""
        updater = self._updater or self.refresh()
        try:
            info = updater.get_targetinfo(candidate.path)
            if info is None:
                raise Refused(f"invalid: {candidate.path} is no longer in the repository")
            cached = updater.find_cached_target(info)
            if cached is not None:
                return Path(cached)
            return Path(updater.download_target(info))
        except Refused:
            raise
        except Exception as exc:
            raise Refused(reason_of(exc)) from None
