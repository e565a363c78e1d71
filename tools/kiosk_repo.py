"""``kiosk-repo``: the province's TUF repository of terminal software, catalog snapshots and
configuration bundles (docs/fleet.md "Software updates").

    python -m tools.kiosk_repo --repo REPO init --root-key /media/offline/root.pem
    python -m tools.kiosk_repo bundle wheelhouse/ --out dist/kiosk-0.2.0.tar
    python -m tools.kiosk_repo --repo REPO add dist/kiosk-0.2.0.tar --kind app --version 0.2.0 --ring canary
    python -m tools.kiosk_repo --repo REPO sign
    python -m tools.kiosk_repo --repo REPO publish /srv/fleet

``REPO`` is the signing host's working directory: ``metadata/`` (the current root, targets,
snapshot and timestamp), ``targets/`` (the files added), ``keys/`` (the online keys: targets,
snapshot, timestamp, each an Ed25519 PEM, owner-only). The **root key** is never kept there:
``init`` writes it to ``--root-key`` (an offline medium); only ``init`` and ``rotate-root``
(not in this version) need it. ``publish DIR`` writes what a web server or CDN serves as
``/fleet/``: ``DIR/metadata/`` (``N.root.json``, ``N.targets.json``, ``N.snapshot.json``,
``timestamp.json``) and ``DIR/targets/`` (each file under ``<sha256>.<name>``: consistent
snapshots, so a terminal never mixes two publications).

A target's ``custom`` metadata says what it is for: ``{"kind": "app"|"catalog"|"config",
"version": "0.2.0", "rings": ["canary"]}``. Rings are ordered: a target for ``early`` is also
for ``canary``, one for ``all`` is for every terminal (``--ring`` names the widest ring).
Re-adding the same file with a wider ``--ring`` promotes it.

Exit codes: 0 done, 2 usage or a missing file/key, 3 the repository is not initialised.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sys
import tarfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from securesystemslib.exceptions import StorageError
from securesystemslib.signer import CryptoSigner
from tuf.api.metadata import (
    Metadata,
    MetaFile,
    Root,
    Snapshot,
    TargetFile,
    Targets,
    Timestamp,
)
from tuf.api.serialization.json import JSONSerializer

RINGS = ("canary", "early", "all")
KINDS = ("app", "catalog", "config")
ONLINE_ROLES = ("targets", "snapshot", "timestamp")
DEFAULT_EXPIRY = {
    "root": timedelta(days=365),
    "targets": timedelta(days=90),
    "snapshot": timedelta(days=7),
    "timestamp": timedelta(days=1),
}
"""How long each role's signature holds: the timestamp must be signed again (``sign``) at
least daily, or every terminal refuses the repository as frozen."""

EXIT_OK, EXIT_USAGE, EXIT_NOT_INIT = 0, 2, 3


class RepoError(Exception):
    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


def rings_for(widest: str) -> list[str]:
    """The rings a target released up to ``widest`` is for (canary ⊂ early ⊂ all)."""
    if widest not in RINGS:
        raise RepoError(f"--ring must be one of {', '.join(RINGS)}")
    return list(RINGS[: RINGS.index(widest) + 1])


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _write_atomic(path: Path, data: bytes, mode: int = 0o644) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _new_key() -> tuple[CryptoSigner, bytes]:
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return CryptoSigner(key), pem


def _load_key(path: Path) -> CryptoSigner:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except FileNotFoundError:
        raise RepoError(f"{path}: no such key file") from None
    except ValueError as exc:
        raise RepoError(f"{path}: not a private key ({exc})") from None
    return CryptoSigner(key)


class Repo:
    """The signing host's working repository."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.meta_dir = self.path / "metadata"
        self.targets_dir = self.path / "targets"
        self.keys_dir = self.path / "keys"

    def _file(self, role: str) -> Path:
        return self.meta_dir / f"{role}.json"

    def load(self, role: str) -> Metadata[Any]:
        try:
            return Metadata.from_file(str(self._file(role)))
        except (FileNotFoundError, StorageError):
            raise RepoError(
                f"{self.path}: not a repository (run init first)", EXIT_NOT_INIT
            ) from None

    def save(self, md: Metadata[Any]) -> None:
        self.meta_dir.mkdir(parents=True, exist_ok=True)
        _write_atomic(self._file(md.signed.type), md.to_bytes(JSONSerializer(compact=False)))
        if md.signed.type == "root":  # every root version stays: terminals walk the chain
            _write_atomic(
                self.meta_dir / "root_history" / f"{md.signed.version}.root.json",
                md.to_bytes(JSONSerializer(compact=False)),
            )

    def signer(self, role: str) -> CryptoSigner:
        return _load_key(self.keys_dir / f"{role}.pem")

    # ------------------------------------------------------------ commands

    def init(self, root_key: Path, expiry: dict[str, timedelta] | None = None) -> None:
        expiry = expiry or DEFAULT_EXPIRY
        if self._file("root").exists():
            raise RepoError(f"{self.path}: already a repository")
        root_key = Path(root_key).resolve()
        if self.path.resolve() in root_key.parents:
            raise RepoError("--root-key must be outside the repository (keep it offline)")
        paths = {"root": root_key} | {r: self.keys_dir / f"{r}.pem" for r in ONLINE_ROLES}
        for path in paths.values():
            if path.exists():
                raise RepoError(f"{path}: exists; refusing to overwrite a key")
        made = {role: _new_key() for role in paths}
        for role, (_, pem) in made.items():
            _write_atomic(paths[role], pem, 0o600)
        signers = {role: signer for role, (signer, _) in made.items()}
        now = _now()
        root = Root(version=1, expires=now + expiry["root"], consistent_snapshot=True)
        for role, signer in signers.items():
            root.add_key(signer.public_key, role)
        root_md = Metadata(root)
        root_md.sign(signers["root"])
        self.save(root_md)
        targets = Metadata(Targets(version=1, expires=now + expiry["targets"]))
        targets.sign(signers["targets"])
        self.save(targets)
        snapshot = Metadata(Snapshot(version=1, expires=now + expiry["snapshot"]))
        snapshot.signed.meta["targets.json"] = MetaFile(version=1)
        snapshot.sign(signers["snapshot"])
        self.save(snapshot)
        timestamp = Metadata(Timestamp(version=1, expires=now + expiry["timestamp"]))
        timestamp.signed.snapshot_meta = MetaFile(version=1)
        timestamp.sign(signers["timestamp"])
        self.save(timestamp)
        self.targets_dir.mkdir(parents=True, exist_ok=True)

    def add(self, file: Path, kind: str, version: str, ring: str, name: str | None = None) -> str:
        if kind not in KINDS:
            raise RepoError(f"--kind must be one of {', '.join(KINDS)}")
        if not version or "/" in version or version.startswith("."):
            raise RepoError("--version: expected a version such as 0.2.0")
        if kind == "catalog" and not (version.isdigit() and version.isascii()):
            raise RepoError("--version: a catalog's is its version number (the snapshot's)")
        file = Path(file)
        if not file.is_file():
            raise RepoError(f"{file}: no such file")
        base = name or file.name
        if "/" in base or base.startswith("."):
            raise RepoError(f"{base}: not a plain file name")
        target_path = f"{kind}/{version}/{base}"
        md = self.load("targets")
        local = self.targets_dir / target_path
        old = md.signed.targets.get(target_path)
        info = TargetFile.from_file(target_path, str(file), ["sha256"])
        if old is not None and old.hashes != info.hashes:
            raise RepoError(
                f"{target_path}: already published with other content; a new build needs a new "
                "version"
            )
        local.parent.mkdir(parents=True, exist_ok=True)
        if old is None:
            shutil.copyfile(file, local)
        info.unrecognized_fields["custom"] = {
            "kind": kind,
            "version": version,
            "rings": rings_for(ring),
        }
        md.signed.targets[target_path] = info
        self._changed(md)
        return target_path

    def remove(self, target_path: str) -> None:
        md = self.load("targets")
        if md.signed.targets.pop(target_path, None) is None:
            raise RepoError(f"{target_path}: no such target")
        self._changed(md)

    def _changed(self, md: Metadata[Any]) -> None:
        """Save changed targets metadata as its next version, unsigned until ``sign``."""
        md.signed.version += 1
        md.signatures.clear()
        self.save(md)

    def sign(
        self, expiry: dict[str, timedelta] | None = None, *, resign_targets: bool = False
    ) -> dict[str, int]:
        """Sign targets (if changed, or ``resign_targets``), then a new snapshot and timestamp."""
        expiry = expiry or DEFAULT_EXPIRY
        now = _now()
        targets = self.load("targets")
        if targets.signatures and resign_targets:
            targets = self._resign("targets", now + expiry["targets"])
        if not targets.signatures:  # changed by add/remove (already a new version), or resigned
            targets.signed.expires = now + expiry["targets"]
            self._sign_and_save(targets)
        snapshot = self._resign("snapshot", now + expiry["snapshot"])
        snapshot.signed.meta["targets.json"] = MetaFile(version=targets.signed.version)
        self._sign_and_save(snapshot)
        timestamp = self._resign("timestamp", now + expiry["timestamp"])
        timestamp.signed.snapshot_meta = MetaFile(version=snapshot.signed.version)
        self._sign_and_save(timestamp)
        return {
            "targets": targets.signed.version,
            "snapshot": snapshot.signed.version,
            "timestamp": timestamp.signed.version,
        }

    def _resign(self, role: str, expires: datetime) -> Metadata[Any]:
        """The role's metadata as its next version, unsigned, expiring at ``expires``."""
        md = self.load(role)
        md.signed.version += 1
        md.signed.expires = expires
        md.signatures.clear()
        return md

    def _sign_and_save(self, md: Metadata[Any]) -> None:
        md.sign(self.signer(md.signed.type))
        self.save(md)

    def publish(self, out: Path) -> list[str]:
        """Write the static repository; returns the files written (versioned files are
        immutable: an existing one is left as it is)."""
        out = Path(out)
        written: list[str] = []
        for role in ("targets", "snapshot", "timestamp"):
            if not self.load(role).signatures:
                raise RepoError(f"{role} is not signed: run sign first")

        def put(rel: str, data: bytes, replace: bool = False) -> None:
            dest = out / rel
            if dest.exists() and not replace:
                if dest.read_bytes() != data:
                    raise RepoError(f"{dest}: already published with other content")
                return
            _write_atomic(dest, data)
            written.append(rel)

        for f in sorted((self.meta_dir / "root_history").glob("*.root.json")):
            put(f"metadata/{f.name}", f.read_bytes())
        # targets first, then snapshot, timestamp last: a terminal that fetches while this
        # runs sees the old timestamp or a complete new state, never a half-published one
        targets = self.load("targets")
        for path, info in targets.signed.targets.items():
            sha = info.hashes["sha256"]
            directory, _, base = path.rpartition("/")
            local = self.targets_dir / path
            data = local.read_bytes()
            if hashlib.sha256(data).hexdigest() != sha:
                raise RepoError(f"{local}: content differs from its signed hash")
            put(f"targets/{directory}/{sha}.{base}", data)
        put(
            f"metadata/{targets.signed.version}.targets.json",
            self._file("targets").read_bytes(),
        )
        snapshot = self.load("snapshot")
        put(
            f"metadata/{snapshot.signed.version}.snapshot.json",
            self._file("snapshot").read_bytes(),
        )
        put("metadata/timestamp.json", self._file("timestamp").read_bytes(), replace=True)
        return written

    def list_targets(self) -> list[tuple[str, dict[str, Any]]]:
        md = self.load("targets")
        return [(p, dict(t.custom or {})) for p, t in sorted(md.signed.targets.items())]


def bundle(wheel_dir: Path, out: Path) -> str:
    """Tar the release's wheels (an app target); the application's version, from its wheel."""
    wheels = sorted(Path(wheel_dir).glob("*.whl"))
    apps = [w for w in wheels if w.name.startswith("bianmin_kiosk-")]
    if len(apps) != 1:
        raise RepoError(f"{wheel_dir}: expected one bianmin_kiosk-*.whl, found {len(apps)}")
    version = apps[0].name.split("-")[1]
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        with tarfile.open(tmp, "w") as tar:
            for w in wheels:
                tar.add(w, arcname=f"wheels/{w.name}")
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return version


def _expiry(args: argparse.Namespace) -> dict[str, timedelta]:
    expiry = dict(DEFAULT_EXPIRY)
    for role in ("targets", "snapshot", "timestamp"):
        value = getattr(args, f"{role}_expires_s", None)
        if value is not None:
            expiry[role] = timedelta(seconds=value)
    return expiry


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="kiosk-repo", description="The province's TUF repository of terminal updates."
    )
    p.add_argument("--repo", default=".", metavar="DIR", help="working repository (default .)")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    init = sub.add_parser("init", help="create the keys and the first metadata")
    init.add_argument(
        "--root-key", required=True, metavar="PATH", help="where to write the root key (offline)"
    )
    add = sub.add_parser("add", help="add (or promote) a target; unsigned until sign")
    add.add_argument("file")
    add.add_argument("--kind", required=True, choices=KINDS)
    add.add_argument("--version", required=True)
    add.add_argument(
        "--ring", default="all", choices=RINGS, help="the widest ring it is for (default all)"
    )
    add.add_argument("--name", help="the target's file name (default: the file's)")
    rm = sub.add_parser("remove", help="withdraw a target; unsigned until sign")
    rm.add_argument("target")
    sign = sub.add_parser("sign", help="sign targets if changed, then a new snapshot and timestamp")
    for role in ("targets", "snapshot", "timestamp"):
        sign.add_argument(
            f"--{role}-expires-s",
            type=float,
            metavar="S",
            help=f"{role} expires in S seconds (default {DEFAULT_EXPIRY[role].days} days)",
        )
    pub = sub.add_parser("publish", help="write the static repository (metadata/, targets/)")
    pub.add_argument("dir")
    sub.add_parser("list", help="the targets and what they are for")
    bun = sub.add_parser("bundle", help="tar a release's wheels into an app target")
    bun.add_argument("wheel_dir")
    bun.add_argument("--out", required=True)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    repo = Repo(Path(args.repo))
    try:
        if args.command == "init":
            repo.init(Path(args.root_key))
            print(f"initialised {repo.path}; root key at {args.root_key}: move it offline")
        elif args.command == "add":
            path = repo.add(Path(args.file), args.kind, args.version, args.ring, args.name)
            print(f"added {path} for {', '.join(rings_for(args.ring))}; now run sign")
        elif args.command == "remove":
            repo.remove(args.target)
            print(f"removed {args.target}; now run sign")
        elif args.command == "sign":
            versions = repo.sign(_expiry(args), resign_targets=args.targets_expires_s is not None)
            print(" ".join(f"{k} v{v}" for k, v in versions.items()))
        elif args.command == "publish":
            written = repo.publish(Path(args.dir))
            print(f"published {len(written)} new files to {args.dir}")
        elif args.command == "bundle":
            version = bundle(Path(args.wheel_dir), Path(args.out))
            print(
                f"{args.out}: bianmin-kiosk {version}; add it with --kind app --version {version}"
            )
        elif args.command == "list":
            for path, custom in repo.list_targets():
                print(f"{path}\t{','.join(custom.get('rings', []))}")
    except RepoError as exc:
        print(f"kiosk-repo: {exc}", file=sys.stderr)
        return exc.code
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
