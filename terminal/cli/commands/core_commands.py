"""Core commands: ``catalog import|export|validate``, ``audit verify|show``, ``config show|check``,
``status``."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path
from typing import Any

from kiosk.exitcodes import Exit
from terminal.cli.registry import CliRegistry


def _err(msg: str) -> None:
    print(f"kiosk: {msg}", file=sys.stderr)


def _catalog_import(args: argparse.Namespace, ctx: Any) -> int:
    from kiosk.catalog.stream import stream_catalog_file
    from kiosk.catalog.validate import CatalogInvalid

    try:
        store = ctx.store()
        stream = stream_catalog_file(args.file)  # one item at a time: any size, little memory
        change = store.catalog.import_stream(
            stream.items(), lambda: stream.version or None, source=f"import:{args.file}"
        )
    except CatalogInvalid as exc:
        if len(exc.problems) == 1:
            _err(f"catalog refused: {exc.problems[0]}; the previous catalog is unchanged")
            return int(Exit.DEVICE)
        for p in exc.problems[:20]:
            _err(f"catalog refused: {p}")
        if len(exc.problems) > 20:
            _err(f"... and {len(exc.problems) - 20} more problems")
        _err("the previous catalog is unchanged")
        return int(Exit.DEVICE)
    out = dataclasses.asdict(change)
    if args.json:
        print(json.dumps(out))
    else:
        print(
            f"imported catalog version {change.version}: {change.total} items "
            f"({change.added} new, {change.updated} updated, {change.withdrawn} withdrawn)"
        )
    return int(Exit.OK)


def _catalog_validate(args: argparse.Namespace, ctx: Any) -> int:
    from kiosk.catalog.stream import stream_catalog_file
    from kiosk.catalog.validate import CatalogInvalid, ItemChecker

    checker = ItemChecker()
    try:
        for item in stream_catalog_file(args.file).items():
            checker.add(item)
            if checker.full:
                break
    except CatalogInvalid as exc:
        _err(str(exc))
        return 4
    problems = checker.finish()
    count = checker.count
    if args.json:
        print(
            json.dumps({"items": count, "problems": [str(p) for p in problems]}, ensure_ascii=False)
        )
    else:
        for p in problems:
            print(p)
        if not problems:
            print(f"{args.file}: {count} items, all valid")
    return 4 if problems else int(Exit.OK)


def _catalog_export(args: argparse.Namespace, ctx: Any) -> int:
    from kiosk.catalog.files import write_catalog_file

    store = ctx.serving_store()
    text = write_catalog_file(args.out, store.catalog.version(), store.catalog.item_dicts())
    if args.out is None:
        print(text)
    else:
        print(
            f"exported {store.catalog.count()} items (version {store.catalog.version()}) to {args.out}",
            file=sys.stderr,
        )
    return int(Exit.OK)


def _audit_verify(args: argparse.Namespace, ctx: Any) -> int:
    """The whole keyed chain against the signed head: one line per finding, exit 4 (an
    integrity failure, like a protocol one) when there is any."""
    report = ctx.store().audit.verify()
    if args.json:
        print(
            json.dumps(
                {
                    "ok": report.ok,
                    "entries": report.entries,
                    "first_break": dataclasses.asdict(report.first_break)
                    if report.first_break
                    else None,
                    "findings": [dataclasses.asdict(f) for f in report.findings],
                    "notes": list(report.notes),
                    "head": report.head,
                },
                ensure_ascii=False,
            )
        )
    else:
        for f in report.findings:
            print(f"audit log BROKEN: {f.reason}")
        for note in report.notes:
            print(f"note: {note}")
        if report.ok:
            print(f"audit log intact: {report.entries} entries")
    if not report.ok:
        _err(f"the audit log fails verification: {len(report.findings)} finding(s)")
    return int(Exit.OK) if report.ok else int(Exit.DEVICE)


def _audit_show(args: argparse.Namespace, ctx: Any) -> int:
    entries = ctx.store().audit.entries(limit=args.limit)
    for e in entries:
        if args.json:
            print(json.dumps(e, ensure_ascii=False))
        else:
            print(
                f"{e['seq']:>6} {e['at']} {e['event']} {json.dumps(e['details'], ensure_ascii=False)}"
            )
    return int(Exit.OK)


def _config_show(args: argparse.Namespace, ctx: Any) -> int:
    cfg = ctx.config
    data = dataclasses.asdict(cfg)
    data["data_dir"] = str(ctx.data_dir)
    print(json.dumps(data, ensure_ascii=False, indent=None if args.json else 1))
    return int(Exit.OK)


def _config_check(args: argparse.Namespace, ctx: Any) -> int:
    from kiosk.config import config_warnings

    cfg = ctx.config  # raises ConfigError → exit 5
    for line in config_warnings(cfg):
        print(f"kiosk: warning: {line}", file=sys.stderr)
    print(f"configuration valid ({cfg.source}); data directory {ctx.data_dir}")
    return int(Exit.OK)


def _published_devices(data_dir: Any) -> dict[str, dict[str, str]]:
    """Each device's health as ``kiosk run`` last published it; ``unknown`` when nothing was
    published or the report is stale (the UI process stopped or hangs)."""
    from kiosk.devices.health import Unknown, health_to_wire
    from kiosk.devices.published import read_published_health
    from kiosk.service import DEVICE_NAMES

    health, age = read_published_health(data_dir)
    if age is None:
        health = {name: Unknown("not reported: is kiosk run running?") for name in DEVICE_NAMES}
    return {name: health_to_wire(h) for name, h in health.items()}


def _status(args: argparse.Namespace, ctx: Any) -> int:
    from kiosk.store.errors import StoreUnusable

    try:
        store = ctx.serving_store()
    except StoreUnusable as exc:
        return _status_unusable(args, ctx, exc)
    from kiosk.store import salvage
    from kiosk.store.db import DB_NAME, UNREADABLE_NAME
    from kiosk.store.keys import BACKUP_HINT, last_backup
    from kiosk.store.retention import last_purge

    devices = _published_devices(ctx.data_dir)
    waiting = json.loads(store.meta(UNREADABLE_NAME) or "[]")
    salvaged = salvage.records(store.meta(salvage.RECORD_NAME))
    aside = [p.name for p in salvage.moved_aside(Path(ctx.data_dir) / DB_NAME)]
    out = {
        "kiosk_id": ctx.config.terminal.kiosk_id,
        "config": ctx.config.source,
        "data_dir": str(ctx.data_dir),
        "store": {"usable": True},
        "catalog": {"version": store.catalog.version(), "items": store.catalog.count()},
        "queue": store.outbox.counts().to_json(),
        "unreadable": {"count": len(waiting), "refs": waiting},
        "migrations": store.applied_migrations(),
        "recovered_from": str(store.recovered_from) if store.recovered_from else None,
        "salvage": salvaged,
        "moved_aside": aside,
        "last_purge": last_purge(store),
        "key_backup": {"last": last_backup(store.conn)},
        "audit": {"head": store.audit.head(), "startup_findings": store.audit.startup_findings},
        # confirmed scans deleted before purge_after_days because the disk was low (sync agent)
        "low_space_purge": json.loads(store.meta("low_space_purge") or "null"),
        "devices": devices,
    }
    if store.recovered_from:
        _err(
            f"the database was corrupt and has been moved aside to {store.recovered_from}; "
            "a fresh database was created"
        )
    for line in _salvage_lines(salvaged, aside):
        _err(line)
    if waiting:
        _err(f"{len(waiting)} queued rows wait for the data key: kiosk store key restore FILE")
    if out["key_backup"]["last"] is None:
        _err(f"the data key has no backup: {BACKUP_HINT}")
    for finding in store.audit.startup_findings:
        _err(f"audit log: {finding} (run: kiosk audit verify)")
    if out["low_space_purge"]:
        lp = out["low_space_purge"]
        _err(f"low disk space: {lp['files']} confirmed scans were deleted early at {lp['at']}")
    print(json.dumps(out, ensure_ascii=False, indent=None if args.json else 1))
    return int(Exit.OK)


def _salvage_lines(salvaged: list[dict[str, Any]], aside: list[str]) -> list[str]:
    """What each salvage of a damaged database recovered and lost, one line each."""
    lines = []
    for r in salvaged:
        got = ", ".join(f"{t} {v['recovered']}" for t, v in sorted(r.get("tables", {}).items()))
        bad = ", ".join(
            f"{t} {v['unreadable']}"
            for t, v in sorted(r.get("tables", {}).items())
            if v.get("unreadable")
        )
        lost = r.get("lost_refs") or []
        stuck = r.get("undeliverable_refs") or []
        lines.append(
            f"database damaged at {r.get('at')} ({r.get('reason')}); "
            f"moved aside: {r.get('moved_aside') or 'nothing to move'}; "
            f"recovered: {got or 'nothing'}; unreadable rows: {bad or 'none known'}; "
            f"applications lost: {len(lost)}"
            + (f" ({', '.join(lost)})" if lost else "")
            + (f"; recovered but never to be sent: {', '.join(stuck)}" if stuck else "")
        )
    if aside:
        lines.append(
            f"{len(aside)} moved-aside database(s) kept ({', '.join(aside)}): no material file "
            "is removed until a technician removes them"
        )
    return lines


def _status_unusable(args: argparse.Namespace, ctx: Any, exc: Exception) -> int:
    """Exit 7 with one line on stderr; on stdout what can be said without the key: the rows
    that wait (counts and local references, no personal data) and the devices."""
    from kiosk.store import salvage
    from kiosk.store.db import DB_NAME
    from kiosk.store.keys import waiting_refs

    data_dir = ctx.data_dir
    db_path = Path(data_dir) / DB_NAME
    usable_dir = Path(data_dir).is_dir()
    out = {
        "kiosk_id": ctx.config.terminal.kiosk_id,
        "config": ctx.config.source,
        "data_dir": str(data_dir),
        "store": {"usable": False, "reason": getattr(exc, "reason", "store_unusable")},
        "unreadable": waiting_refs(db_path) if usable_dir else None,
        "salvage": salvage.read_records(db_path) if usable_dir else [],
        "moved_aside": [p.name for p in salvage.moved_aside(db_path)] if usable_dir else [],
        "devices": _published_devices(data_dir) if usable_dir else {},
    }
    _err(f"store unusable: {' '.join(str(exc).split())}")
    print(json.dumps(out, ensure_ascii=False, indent=None if args.json else 1))
    return int(Exit.STORE)


def register(cli: CliRegistry) -> None:
    p = cli.subcommand(
        "catalog",
        "import",
        _catalog_import,
        help="validate a catalog file and make it the kiosk's catalog",
    )
    p.add_argument("file")
    p.add_argument("--json", action="store_true")
    p = cli.subcommand(
        "catalog",
        "validate",
        _catalog_validate,
        help="check a catalog file against the item schema without importing",
    )
    p.add_argument("file")
    p.add_argument("--json", action="store_true")
    p = cli.subcommand(
        "catalog", "export", _catalog_export, help="write the kiosk's catalog as JSON"
    )
    p.add_argument("--out", help="file to write (default: standard output)")
    p = cli.subcommand(
        "audit",
        "verify",
        _audit_verify,
        help="check the keyed audit chain against its signed head; one line per finding",
    )
    p.add_argument("--json", action="store_true")
    p = cli.subcommand("audit", "show", _audit_show, help="print the latest audit entries")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--json", action="store_true")
    p = cli.subcommand("config", "show", _config_show, help="print the effective configuration")
    p.add_argument("--json", action="store_true")
    cli.subcommand(
        "config", "check", _config_check, help="validate the configuration (exit 5 if invalid)"
    )
    p = cli.command("status", _status, help="show the terminal's store, catalog and queue state")
    p.add_argument("--json", action="store_true")
