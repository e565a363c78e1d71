"""Catalog-snapshot and configuration targets of the fleet repository (docs/fleet.md
"Catalog and configuration targets").

Who does what, as which user:

- ``kiosk update apply`` (the update unit: root on the appliance, which never opens the
  terminal's store) refreshes the repository through TUF, downloads the newest **catalog**
  target for this terminal's ring that is newer than the catalog the store serves, checks it
  with the catalog's own validation (:func:`sync.client.catalog_delta` for the envelope — the
  reader of ``GET /v1/catalog`` — and :func:`kiosk.catalog.validate.validate_items`, what the
  store runs), and stages it as ``<data_dir>/fleet-catalog.json``. It never touches the store.
- The sync agent (the kiosk user, the store's owner) takes the staged snapshot at its next
  catalog pull (:func:`take_staged_catalog`) and applies it through the same path as a
  platform answer: ``store.catalog.apply_delta`` (validation, then one transaction; the last
  good catalog stays on any problem). It writes the outcome to
  ``<data_dir>/fleet-catalog-result.json`` for the updater and the heartbeat. As with a
  platform catalog, the interface shows a new catalog only between residents, so no window
  is needed.
- A **configuration** target (the TOML file the technician edits, ``BIANMIN_CONFIG``) is
  installed by ``kiosk update apply`` itself, only in the maintenance window (or asked for:
  ``--now``, the ``update_now`` command) and never while a resident is in session: the keys in
  :data:`LOCAL_KEYS` are kept from the local file, the result is loaded with the kiosk's own
  loader (:func:`kiosk.config.load_config_file`) before anything changes, the running file is
  kept as ``<file>.fleet-prev``, the new one renamed over it (owned as the old one was), and
  ``[update] restart_command`` restarts the services. A configuration under which no
  interface has started within ``boot_confirm_s`` is put back and never taken again.

``<data_dir>/update/content.json`` (the updater's) keeps the state of both; the heartbeat's
``update`` carries its summary (:func:`update_summary`).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
import time
from pathlib import Path
from typing import Any

from sync.update.release import step
from sync.update.state import iso, read_summary, write_json_atomic

log = logging.getLogger("sync.update")

CATALOG_DROP = "fleet-catalog.json"
"""Staged by the updater in the data directory (the kiosk user's: it may rename and remove
it), taken by the sync agent."""
CATALOG_TAKING = ".fleet-catalog.taking.json"
CATALOG_RESULT = "fleet-catalog-result.json"
"""Written by the sync agent: what became of the last staged snapshot, and the store's
catalog version (the updater never opens the store)."""
CONTENT_FILE = "content.json"
CONFIG_BACKUP_SUFFIX = ".fleet-prev"
MAX_CONFIG_TARGET_BYTES = 1 << 20

LOCAL_KEYS = (
    "terminal.kiosk_id",
    "storage.data_dir",
    "storage.key_file",
    "platform.secret_file",
    "platform.client_cert",
    "platform.client_key",
    "platform.ca_file",
    "platform.command_key_file",
    "maintenance.technician_ca",
    "update.root_file",
    "update.releases_dir",
    "update.restart_command",
)
"""Keys a configuration target never changes: they are kept from the terminal's own file
(absent there: absent after the install). Who the terminal is, where its data lives, where
its secrets and trust anchors are, and what root runs and owns — a remote configuration that
could move them could take the terminal over or cut it off from every later update."""


# ------------------------------------------------------------------ small files


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None


class ContentState:
    """``<data_dir>/update/content.json``: ``{"catalog": {…}, "config": {…}}``."""

    def __init__(self, update_dir: Path) -> None:
        self.path = Path(update_dir) / CONTENT_FILE
        value = _read_json(self.path)
        self.data: dict[str, Any] = value if isinstance(value, dict) else {}
        for part in ("catalog", "config"):
            if not isinstance(self.data.get(part), dict):
                self.data[part] = {}

    def part(self, name: str) -> dict[str, Any]:
        return self.data[name]

    def save(self, name: str, **changes: Any) -> None:
        self.data[name].update(changes)
        write_json_atomic(self.path, self.data)

    def refuse(self, name: str, reason: str, now: float, **changes: Any) -> None:
        self.save(
            name, state="refused", refusal={"at": iso(now), "reason": reason[:500]}, **changes
        )


def served_catalog_version(data_dir: Path) -> int:
    """The store's catalog version, as the sync agent last reported it (0: not known)."""
    doc = _read_json(Path(data_dir) / CATALOG_RESULT)
    v = doc.get("catalog_version") if isinstance(doc, dict) else None
    return v if isinstance(v, int) and not isinstance(v, bool) else 0


def catalog_staged(data_dir: Path) -> bool:
    d = Path(data_dir)
    return (d / CATALOG_DROP).exists() or (d / CATALOG_TAKING).exists()


def _catalog_view(data_dir: Path, cat: dict[str, Any]) -> dict[str, Any]:
    """The updater's catalog state with the agent's outcome of what it staged folded in."""
    view = dict(cat)
    staged = cat.get("staged") or {}
    result = _read_json(Path(data_dir) / CATALOG_RESULT)
    if isinstance(result, dict):
        view["served"] = result.get("catalog_version")
        if (
            cat.get("state") == "staged"
            and not catalog_staged(data_dir)
            and result.get("version") == staged.get("version")
        ):
            if result.get("outcome") == "refused":
                view["state"] = "refused"
                view["refusal"] = {"at": result.get("at"), "reason": result.get("reason")}
                view["refused_sha256"] = sorted(
                    set(cat.get("refused_sha256") or []) | {str(result.get("sha256"))}
                )
            else:
                view["state"] = "current"
                view["refusal"] = None
    return view


def content_summary(data_dir: Path) -> dict[str, Any]:
    """The catalog and configuration targets' state, small and nothing personal."""
    data_dir = Path(data_dir)
    st = ContentState(data_dir / "update")
    parts = {
        "catalog": (_catalog_view(data_dir, st.part("catalog")), ("state", "served"), "staged"),
        "config": (st.part("config"), ("state", "installed"), "available", "pending"),
    }
    out: dict[str, Any] = {}
    for name, (part, plain, *versioned) in parts.items():
        small = {k: part[k] for k in plain if part.get(k) is not None}
        small |= {k: part[k].get("version") for k in versioned if part.get(k)}
        if part.get("refusal"):
            small["refusal"] = part["refusal"].get("reason")
        if small:
            out[name] = small
    return out


def update_summary(data_dir: Path) -> dict[str, Any]:
    """The heartbeat's ``update``: the release's summary and, when there is any, the
    catalog and configuration targets' (``catalog``, ``config``)."""
    out = read_summary(Path(data_dir) / "update")
    try:
        out.update(content_summary(Path(data_dir)))
    except Exception as exc:  # noqa: BLE001 - the release's summary goes anyway
        log.error("content summary not read (%s)", type(exc).__name__)
    return out


# ------------------------------------------------------------------ choosing targets


def _targets(repo: Any, kind: str) -> list[tuple[str, Any]]:
    """The verified targets of ``kind`` (after ``repo.refresh()``)."""
    from tuf.api.metadata import Metadata

    md = Metadata.from_file(str(repo.metadata_dir / "targets.json"))
    return [
        (path, info)
        for path, info in md.signed.targets.items()
        if isinstance(info.custom, dict) and info.custom.get("kind") == kind
    ]


def _catalog_number(text: str) -> int | None:
    return int(text) if text.isdigit() and len(text) < 19 else None


def newest_target(
    repo: Any,
    kind: str,
    ring: str,
    above: Any,
    skip_sha256: set[str],
    skip_versions: set[str] = frozenset(),  # type: ignore[assignment]
) -> Any:
    """The newest ``kind`` target for ``ring`` above ``above`` (an int for catalogs, a
    version string or None for configurations), as a :class:`Candidate`; None if none."""
    from sync.update.repository import Candidate, newer

    best = None
    best_key: Any = None
    for path, info in _targets(repo, kind):
        custom = info.custom or {}
        version = str(custom.get("version", ""))
        rings = custom.get("rings")
        sha = info.hashes.get("sha256", "")
        if not isinstance(rings, list) or ring not in rings or sha in skip_sha256:
            continue
        if version in skip_versions:
            continue
        if kind == "catalog":
            key = _catalog_number(version)
            if key is None or key <= above or (best_key is not None and key <= best_key):
                continue
        else:
            if above is not None and not newer(version, above):
                continue
            if best is not None and not newer(version, best.version):
                continue
            key = version
        best, best_key = Candidate(path, version, tuple(rings), info.length, sha), key
    return best


# ------------------------------------------------------------------ the catalog


def check_catalog_target(path: Path, version: str) -> dict[str, Any]:
    """The verified target as a catalog snapshot, or ValueError with the reason: the
    ``GET /v1/catalog`` envelope (a full snapshot whose version is the target's), and the
    items as the store validates them."""
    from kiosk.catalog.validate import validate_items
    from sync.client import MAX_CATALOG_BYTES, catalog_delta

    if path.stat().st_size > MAX_CATALOG_BYTES:
        raise ValueError(f"larger than {MAX_CATALOG_BYTES} bytes")
    try:
        value = json.loads(path.read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise ValueError(f"not JSON ({type(exc).__name__}: {str(exc)[:120]})") from None
    delta = catalog_delta(value)
    if delta is None:
        raise ValueError("not a catalog snapshot (version/full/items/withdrawn)")
    if not delta.full:
        raise ValueError('a delta, not a full snapshot ("full": true)')
    if str(delta.version) != version:
        raise ValueError(f"its version {delta.version} is not the target's version {version}")
    problems = validate_items(delta.items)
    if problems:
        from kiosk.catalog.validate import CatalogInvalid

        raise ValueError(str(CatalogInvalid(problems)))
    return value


def stage_catalog(u: Any, st: ContentState, repo: Any, now: float) -> str | None:
    """Stage the newest catalog target for this ring newer than the served catalog; a line
    for the technician (None: nothing to do)."""
    from sync.update.repository import Refused

    data_dir = u.data_dir
    view = _catalog_view(data_dir, st.part("catalog"))
    if view.get("state") != st.part("catalog").get("state"):  # the agent took it: record
        st.save(
            "catalog",
            state=view["state"],
            refusal=view.get("refusal"),
            refused_sha256=view.get("refused_sha256") or [],
        )
    cat = st.part("catalog")
    served = served_catalog_version(data_dir)
    staged = _read_json(data_dir / CATALOG_DROP)
    staged_v = staged.get("version") if isinstance(staged, dict) else None
    floor = max(served, staged_v if isinstance(staged_v, int) else 0)
    refused = set(cat.get("refused_sha256") or [])
    cand = newest_target(repo, "catalog", u.ring(), floor, refused)
    if cand is None:
        if cat.get("state") is None:
            st.save("catalog", state="current")
        return None
    try:
        path = repo.download(cand)
    except Refused as exc:
        st.refuse("catalog", f"{exc.reason} (catalog {cand.version})", now)
        return f"catalog {cand.version} refused: {exc.reason}"
    try:
        snapshot = check_catalog_target(path, cand.version)
    except (OSError, ValueError) as exc:
        reason = f"invalid: catalog {cand.version}: {exc}"
        st.refuse("catalog", reason, now, refused_sha256=sorted(refused | {cand.sha256}))
        return f"catalog {cand.version} refused: {reason}; the served catalog is kept"
    write_json_atomic(
        data_dir / CATALOG_DROP,
        {
            "target": cand.path,
            "version": int(cand.version),
            "sha256": cand.sha256,
            "staged_at": iso(now),
            "snapshot": snapshot,
        },
    )
    st.save(
        "catalog",
        state="staged",
        staged={"version": int(cand.version), "target": cand.path, "at": iso(now)},
        refusal=None,
    )
    return f"catalog {cand.version} staged for the sync agent (served: version {served or '?'})"


def take_staged_catalog(store: Any, now: float | None = None) -> tuple[str, Any] | None:
    """The sync agent's side: apply the staged snapshot, if any, through the store's catalog
    (``apply_delta``: validated whole, then one transaction) and report the outcome. Returns
    ``(outcome, detail)`` or None when nothing was staged. Never raises for bad input."""
    from kiosk.catalog.validate import CatalogInvalid
    from sync.client import catalog_delta

    now = time.time() if now is None else now
    data_dir = Path(store.data_dir)
    taking = data_dir / CATALOG_TAKING
    if not taking.exists():  # else: a take cut short by a stop; finish it
        try:
            os.replace(data_dir / CATALOG_DROP, taking)
        except FileNotFoundError:
            return None
    doc = _read_json(taking)
    if not isinstance(doc, dict):
        doc = {}
    delta = catalog_delta(doc.get("snapshot"))
    outcome: str
    detail: Any
    if delta is None or not delta.full:
        outcome, detail = "refused", "not a catalog snapshot (version/full/items/withdrawn)"
    else:
        try:
            change = store.catalog.apply_delta(
                delta.version, delta.full, delta.items, delta.withdrawn
            )
        except CatalogInvalid as exc:
            outcome, detail = "refused", str(exc)
            try:
                with store.tx() as c:
                    from kiosk.store.audit import AuditLog

                    AuditLog(c).append(
                        "catalog.refused",
                        version=delta.version,
                        problems=len(exc.problems),
                        first=str(exc)[:300],
                        source="fleet",
                    )
            except Exception:  # noqa: BLE001 - refused all the same
                pass
        else:
            outcome = "applied" if change is not None else "current"
            detail = change
    reason = None
    if outcome == "refused":
        reason = f"invalid: catalog {doc.get('version')}: {detail}"[:500]
        log.warning("staged catalog %s refused, keeping the served one", doc.get("version"))
    elif outcome == "applied":
        log.info("catalog now version %s (fleet target %s)", delta.version, doc.get("target"))
    write_json_atomic(
        data_dir / CATALOG_RESULT,
        {
            "target": doc.get("target"),
            "version": doc.get("version"),
            "sha256": doc.get("sha256"),
            "outcome": outcome,
            "reason": reason,
            "at": iso(now),
            "catalog_version": store.catalog.version(),
        },
    )
    taking.unlink(missing_ok=True)
    return outcome, reason if outcome == "refused" else detail


# ------------------------------------------------------------------ the configuration


def _get(doc: dict[str, Any], key: str) -> Any:
    node: Any = doc
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def _set(doc: dict[str, Any], key: str, value: Any) -> None:
    parts = key.split(".")
    node = doc
    for part in parts[:-1]:
        nxt = node.get(part)
        if not isinstance(nxt, dict):
            if value is None:
                return
            nxt = node[part] = {}
        node = nxt
    if value is None:
        node.pop(parts[-1], None)
    else:
        node[parts[-1]] = value


def keep_local_keys(new_text: str, local_text: str) -> tuple[str, list[str]]:
    """``new_text`` with :data:`LOCAL_KEYS` as the local file has them; the keys that
    differed. Unchanged when none did (the province's comments stay); ValueError when either
    is not TOML."""
    import tomllib

    from kiosk.maintenance.config_edit import dump_toml

    try:
        new = tomllib.loads(new_text)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"not valid TOML ({exc})") from None
    try:
        local = tomllib.loads(local_text) if local_text else {}
    except tomllib.TOMLDecodeError:
        local = {}  # the running file is not TOML: nothing to keep from it
    kept = []
    for key in LOCAL_KEYS:
        if _get(new, key) != _get(local, key):
            _set(new, key, _get(local, key))
            kept.append(key)
    if not kept:
        return new_text, []
    try:
        return dump_toml(new), kept
    except TypeError as exc:
        raise ValueError(f"cannot keep the terminal's own keys in it ({exc})") from None


def _write_like(path: Path, data: bytes, like: Path | None) -> None:
    """Write ``path`` atomically (temp file, fsync, rename, folder fsync), owned and moded
    as ``like`` was (the kiosk user's file, though the update unit runs as root)."""
    from kiosk.store.blobs import fsync_dir

    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    mode, owner = 0o644, None  # no file before: the kiosk user must read what root writes
    if like is not None:
        try:
            st = like.stat()
            mode, owner = st.st_mode & 0o777, (st.st_uid, st.st_gid)
        except OSError:
            pass
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            if owner is not None and os.geteuid() == 0:
                os.fchown(f.fileno(), *owner)
            os.fchmod(f.fileno(), mode)
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    fsync_dir(path.parent)


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def config_path(u: Any) -> Path:
    from kiosk.maintenance.config_edit import config_target

    return config_target(u.cfg, u.data_dir)


def interface_started_since(data_dir: Path, since: float) -> bool:
    """Has a ``kiosk run`` started after ``since`` (it took the interface lock) and come up
    (it published its device health after that)? Both files are the interface's own."""
    from kiosk.devices.published import FILE_NAME

    try:
        locked = (Path(data_dir) / "ui.lock").stat().st_mtime
    except OSError:
        return False
    doc = _read_json(Path(data_dir) / FILE_NAME)
    at = doc.get("at") if isinstance(doc, dict) else None
    return locked > since and isinstance(at, int | float) and at >= locked


def config_watchdog(u: Any, st: ContentState, now: float) -> str | None:
    """A configuration installed earlier: confirmed once an interface started with it, put
    back once ``boot_confirm_s`` passed without one. What was done (None: nothing)."""
    conf = st.part("config")
    pending = conf.get("pending")
    if not isinstance(pending, dict):
        return None
    version = str(pending.get("version"))
    path = Path(pending.get("path") or config_path(u))
    incoming = path.with_name(f".{path.name}.fleet-new")
    if incoming.exists() and _sha256(path) != pending.get("sha256"):
        # cut short between the intent and the rename: the running file was never replaced
        incoming.unlink(missing_ok=True)
        st.save("config", state="available", pending=None, last_event="install cut short")
        return f"configuration {version}: an install cut short was undone; it is taken again"
    installed_at = float(pending.get("installed_at") or now)
    if not pending.get("restarted_at"):  # cut short between the rename and the restart
        u.restart()
        st.save("config", pending=dict(pending, restarted_at=time.time()))
        return f"configuration {version}: the services restarted (an install cut short)"
    # an interface started after the install (``systemctl restart`` of a Type=notify unit
    # returns once it is up), and the deadline counts from the restart
    since = float(pending.get("restarted_at") or installed_at)
    if interface_started_since(u.data_dir, installed_at):
        st.save(
            "config",
            state="current",
            installed=version,
            pending=None,
            refusal=None,
            last_event=f"configuration {version} confirmed at {iso(now)}",
        )
        return f"configuration {version} confirmed"
    limit = u.cfg.update.boot_confirm_s
    if now - since <= limit:
        return None
    backup = path.with_name(path.name + CONFIG_BACKUP_SUFFIX)
    if pending.get("had_file") and backup.is_file():
        _write_like(path, backup.read_bytes(), path)
    elif not pending.get("had_file"):
        path.unlink(missing_ok=True)
    bad = list(conf.get("bad_versions") or [])
    if version not in bad:
        bad.append(version)
    reason = (
        f"rolled back configuration {version}: no interface started with it within "
        f"{limit:g} s of the restart"
    )
    st.save(
        "config",
        state="rolled_back",
        pending=None,
        installed=pending.get("previous"),
        bad_versions=bad,
        refusal={"at": iso(now), "reason": reason},
        last_event=reason,
    )
    u.restart()
    return reason


def install_config(u: Any, st: ContentState, repo: Any, now: float, asked: bool) -> str | None:
    """Install the newest configuration target for this ring (see the module's docstring);
    a line for the technician (None: nothing to do)."""
    from kiosk.config import ConfigError, load_config_file
    from sync.update.gate import gate
    from sync.update.repository import Refused

    conf = st.part("config")
    if conf.get("pending"):
        return f"configuration {conf['pending'].get('version')}: waits for the interface to start"
    refused = set(conf.get("refused_sha256") or [])
    cand = newest_target(
        repo,
        "config",
        u.ring(),
        conf.get("installed"),
        refused,
        set(conf.get("bad_versions") or []),
    )
    if cand is None:
        if conf.get("state") == "available":
            st.save("config", state="current", available=None)
        return None
    available = {"version": cand.version, "target": cand.path}
    if u.state.state in ("switching", "pending_boot"):
        st.save("config", state="available", available=available)
        return f"configuration {cand.version} waits: a release has not confirmed its boot yet"
    why = gate(u.cfg.update.window, u.cfg.terminal.time_zone, u.data_dir, now)
    if why and not (asked and why != "resident in session"):
        st.save("config", state="available", available=available, last_event=f"waits: {why}")
        return f"configuration {cand.version} waits: {why}"
    try:
        target = repo.download(cand)
    except Refused as exc:
        st.refuse("config", f"{exc.reason} (configuration {cand.version})", now)
        return f"configuration {cand.version} refused: {exc.reason}"
    path = config_path(u)
    had_file = path.is_file()
    incoming = path.with_name(f".{path.name}.fleet-new")
    try:
        if target.stat().st_size > MAX_CONFIG_TARGET_BYTES:
            raise ValueError(f"larger than {MAX_CONFIG_TARGET_BYTES} bytes, not a configuration")
        try:
            text = target.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            raise ValueError("not valid UTF-8") from None
        local = path.read_text("utf-8") if had_file else ""
        text, kept = keep_local_keys(text, local)
        _write_like(incoming, text.encode("utf-8"), path if had_file else None)
        try:
            load_config_file(incoming)  # the kiosk's own loader, every check it makes
        except ConfigError as exc:
            raise ValueError(str(exc).replace(f"{incoming}: ", "")) from None
    except (OSError, ValueError) as exc:
        incoming.unlink(missing_ok=True)
        reason = f"invalid: configuration {cand.version}: {exc}"
        st.refuse("config", reason, now, refused_sha256=sorted(refused | {cand.sha256}))
        return f"configuration {cand.version} refused: {reason}; {path.name} untouched"
    if had_file:
        _write_like(path.with_name(path.name + CONFIG_BACKUP_SUFFIX), path.read_bytes(), path)
    step("config-backup")
    st.save(  # the intent first: a cut before the rename is undone by the next run
        "config",
        state="pending_boot",
        available=None,
        pending={
            "version": cand.version,
            "target": cand.path,
            "previous": conf.get("installed"),
            "path": str(path),
            "had_file": had_file,
            "kept": kept,
            "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "installed_at": now,
        },
        refusal=None,
        last_event=f"configuration {cand.version} installed at {iso(now)}",
    )
    step("config-intent")
    os.replace(incoming, path)
    step("config-installed")
    u.restart()
    st.save("config", pending=dict(st.part("config")["pending"], restarted_at=time.time()))
    kept_note = f" (kept from this terminal: {', '.join(kept)})" if kept else ""
    return (
        f"configuration {cand.version} installed in {path}{kept_note}; the previous one is "
        f"{path.name}{CONFIG_BACKUP_SUFFIX}; an interface must start with it within "
        f"{u.cfg.update.boot_confirm_s:g} s"
    )


# ------------------------------------------------------------------ the hooks


def apply_content(u: Any, technician: bool = False) -> bool:
    """``kiosk update apply``'s part for catalog and configuration targets (under the
    update lock; ``u`` is the command's ``_Updates``), after the boot watchdog and before
    the window check: a catalog needs no window.
    Prints what it did. False when the repository's answer was refused (recorded in the
    state as the release's check records it: the apply stops there, exit 6); never raises."""
    from sync.update.gate import requested_now
    from sync.update.repository import Refused

    st = ContentState(u.update_dir)
    now = time.time()
    lines: list[str] = []
    try:
        done = config_watchdog(u, st, now)
        if done:
            lines.append(done)
        repo = u.repository()
        try:
            repo.refresh()
        except Refused as exc:
            u.state.refuse(exc.reason, now=now)
            u.state.save(checked_at=iso(now), ring=u.ring(), running=u.running())
            print(f"kiosk update: refused: {exc.reason}", file=sys.stderr)
            return False
        line = stage_catalog(u, st, repo, now)
        if line:
            lines.append(line)
        asked = technician or requested_now(u.data_dir) is not None
        line = install_config(u, st, repo, now, asked)
        if line:
            lines.append(line)
    except Exception as exc:  # noqa: BLE001 - the release's update goes on regardless
        log.error("catalog/configuration targets not handled (%s: %s)", type(exc).__name__, exc)
        lines.append(f"catalog/configuration targets not handled: {type(exc).__name__}")
    finally:
        for line in lines:
            print(line)
    return True


def content_status(u: Any) -> dict[str, Any]:
    """For ``kiosk update status``: the content state, with the agent's catalog outcome."""
    st = ContentState(u.update_dir)
    out = dict(st.data)
    result = _read_json(u.data_dir / CATALOG_RESULT)
    if isinstance(result, dict):
        out["catalog_result"] = result
    out["summary"] = content_summary(u.data_dir)
    return out


def content_lines(doc: dict[str, Any]) -> list[str]:
    """``kiosk update status``'s lines for the catalog and configuration targets."""
    lines = []
    summary = doc.get("summary") or {}
    cat = summary.get("catalog")
    if cat:
        text = f"catalog target: {cat.get('state', '?')}"
        if cat.get("served") is not None:
            text += f" (served: version {cat['served']})"
        if cat.get("staged") and cat.get("state") == "staged":
            text += f"; version {cat['staged']} staged for the sync agent"
        lines.append(text)
        if cat.get("refusal") and cat.get("state") == "refused":
            lines.append(f"catalog refusal: {cat['refusal']}")
    conf = summary.get("config")
    if conf:
        text = f"configuration target: {conf.get('state', '?')}"
        if conf.get("installed"):
            text += f" (installed: {conf['installed']})"
        if conf.get("available"):
            text += f"; available: {conf['available']}"
        if conf.get("pending"):
            text += f"; {conf['pending']} waits for the interface to start"
        lines.append(text)
        if conf.get("refusal") and conf.get("state") in ("refused", "rolled_back"):
            lines.append(f"configuration refusal: {conf['refusal']}")
    return lines


def check_content(u: Any) -> None:
    """``kiosk update check``'s part: which catalog and configuration targets wait for this
    terminal (nothing is staged or installed). Prints a line for each; never raises."""
    from sync.update.repository import Refused

    try:
        st = ContentState(u.update_dir)
        done = config_watchdog(u, st, time.time())
        if done:
            print(done)
        if u.state.state == "refused":
            return  # the release's check refused the repository's answer just now
        repo = u.repository()
        try:
            repo.refresh()
        except Refused:
            return  # the release's check records the refusal
        served = served_catalog_version(u.data_dir)
        view = _catalog_view(u.data_dir, st.part("catalog"))
        cat = newest_target(
            repo, "catalog", u.ring(), served, set(view.get("refused_sha256") or [])
        )
        if cat is not None:
            print(f"catalog available: {cat.version} (served: version {served or '?'})")
        conf = st.part("config")
        new = newest_target(
            repo,
            "config",
            u.ring(),
            conf.get("installed"),
            set(conf.get("refused_sha256") or []),
            set(conf.get("bad_versions") or []),
        )
        if new is not None:
            if not conf.get("pending"):
                st.save(
                    "config",
                    state="available",
                    available={"version": new.version, "target": new.path},
                )
            print(f"configuration available: {new.version}")
    except Exception as exc:  # noqa: BLE001 - the release's check stands on its own
        log.error("catalog/configuration targets not checked (%s)", type(exc).__name__)
