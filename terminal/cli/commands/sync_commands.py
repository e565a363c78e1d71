"""``kiosk sync``, ``kiosk queue`` (+ ``add-sample``, ``retry``) and ``kiosk platform-sim``.

The sync agent and the simulator live in ``sync/``; they are imported inside the handlers so
that ``kiosk --help`` stays fast and never needs requests.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import signal
import sys
import threading
import time
from typing import Any

from kiosk.exitcodes import Exit
from terminal.cli.registry import CliRegistry


def _platform(ctx: Any) -> Any:
    from sync.client import HttpPlatform, clock_file
    from sync.keys import ensure_platform_secret, platform_secret_path, read_secret

    cfg = ctx.config
    path = platform_secret_path(cfg, ctx.data_dir)
    # The embedded default talks to a local simulator: create the shared secret on first use.
    secret = ensure_platform_secret(path) if cfg.platform.kind == "simulated" else read_secret(path)
    return HttpPlatform.from_config(cfg, secret, clock_file=clock_file(ctx.data_dir))


def _sync(args: argparse.Namespace, ctx: Any) -> int:
    from sync.agent import AgentBusy, SyncAgent
    from sync.keys import SecretError

    ctx.setup_logging()
    try:
        platform = _platform(ctx)
    except SecretError as exc:
        print(f"kiosk sync: {exc}", file=sys.stderr)
        return int(Exit.CONFIG)
    store = _open_store_even_when_full(ctx)
    from kiosk.store.db import Store

    agent = SyncAgent.from_config(
        store,
        platform,
        ctx.config,
        **({"workers": args.workers} if args.workers else {}),
        store_factory=lambda: Store.open(ctx.data_dir, ctx.config, reconcile=False),
    )
    try:
        agent.acquire()
    except AgentBusy as exc:
        print(f"kiosk sync: {exc}", file=sys.stderr)
        return int(Exit.UNEXPECTED)
    from sync.metrics import start_metrics
    from terminal.fleet import attach_standalone_commands

    attach_standalone_commands(agent, ctx.config, ctx.data_dir, platform)  # docs/fleet.md
    metrics = None if args.once else start_metrics(agent, ctx.config)
    try:
        if args.once:
            return _once(agent, store, args)
        stop = threading.Event()
        from terminal.sdnotify import Watchdog, notify, watchdog_interval_s

        # Type=notify (deploy/systemd/bianmin-kiosk-sync.service): started once the agent's
        # lock is held, so the interface's unit, ordered after this one, finds it taken
        notify("READY=1")
        watchdog_s = watchdog_interval_s()
        if watchdog_s is not None:  # WatchdogSec=: pet while the service loop turns
            agent.on_turn = Watchdog(watchdog_s).pet_if_due

        def _stop(signum: int, frame: Any) -> None:
            stop.set()

        signal.signal(signal.SIGTERM, _stop)
        signal.signal(signal.SIGINT, _stop)
        print(
            f"kiosk sync: draining to {ctx.config.platform.url} (SIGTERM to stop)",
            file=sys.stderr,
            flush=True,
        )
        agent.run(stop)
        if agent.restart_requested:  # the supervisor (Restart=always) starts it again
            print("kiosk sync: restart requested by the platform", file=sys.stderr)
        print("kiosk sync: stopped", file=sys.stderr)
        return int(Exit.OK)
    finally:
        if metrics is not None:
            metrics.stop()
        agent.release_lock()
        agent.close()
        platform.close()


def _open_store_even_when_full(ctx: Any) -> Any:
    """The store; on a disk too full for SQLite to open it (it needs room for its ``-wal`` and
    ``-shm`` files), confirmed scans are deleted first, reading the database without writing."""
    from kiosk.store.space import low_on_space
    from sync.agent import LOW_SPACE_META, rescue_full_disk

    freed = rescue_full_disk(ctx.data_dir) if low_on_space(ctx.data_dir) else 0
    store = ctx.serving_store()
    if freed:
        with contextlib.suppress(Exception):
            store.set_meta(
                LOW_SPACE_META,
                json.dumps({"at": _iso(time.time()), "files": freed, "before_open": True}),
            )
    return store


def _once(agent: Any, store: Any, args: argparse.Namespace) -> int:
    rep = agent.run_once()
    counts = store.outbox.counts()
    rejected = _rejected(store)
    quarantined = _quarantined(store)
    if rep.platform_failure:
        code = Exit.PLATFORM
    elif counts.waiting or counts.quarantined:  # quarantined rows wait for a technician
        code = Exit.WORK_REMAINS
    else:
        code = Exit.OK
    if args.json:
        out = rep.to_json() | {
            "queue": counts.to_json(),
            "refused": rejected,
            "quarantined": quarantined,
            "exit": int(code),
        }
        print(json.dumps(out, ensure_ascii=False))
    else:
        d = rep.drain
        print(
            f"sent {d.sent}, refused {d.rejected}, to retry {d.retried}, blobs uploaded {d.blobs_uploaded}"
        )
        print(
            f"catalog: {rep.catalog}; statuses: {rep.statuses}; heartbeat: {rep.heartbeat}; time: {rep.time}"
        )
        print(
            f"queue: pending {counts.pending}, sending {counts.sending}, retry {counts.retry}, "
            f"sent {counts.sent}, refused {counts.rejected}, quarantined {counts.quarantined}"
        )
        for r in rejected:
            print(f"  refused {r['kind']} {r['ref']}: {r['code']}: {r['reason']}")
        for r in quarantined:
            print(
                f"  quarantined {r['kind']} {r['ref']}: {r['code']}: {r['reason']} "
                f"(kiosk queue retry {r['ref']})"
            )
        if d.paused_until:
            print(f"the platform asked to wait: nothing is sent before {_iso(d.paused_until)}")
        if d.unreadable:
            print(
                f"waiting for the data key (kiosk store key restore FILE): {len(d.unreadable)} "
                f"({', '.join(d.unreadable)})"
            )
        if rep.platform_failure:
            print(f"kiosk sync: platform {rep.platform_failure}", file=sys.stderr)
    return int(code)


def _iso(ts: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts))


def _quarantined(store: Any) -> list[dict[str, Any]]:
    return [
        {
            "id": row.id,
            "kind": row.kind,
            "ref": store.outbox.local_ref(row),
            "code": row.quarantine_code,
            "reason": row.quarantine_reason,
            "attempts": row.attempts,
        }
        for row in store.outbox.quarantined_rows()
    ]


def _rejected(store: Any) -> list[dict[str, Any]]:
    out = []
    for row in store.outbox.rejected_rows():
        ref = row.ref_id
        if row.kind == "application":
            app = store.applications.get(row.ref_id)
            ref = app.local_ref if app else row.ref_id
        out.append(
            {
                "id": row.id,
                "kind": row.kind,
                "ref": ref,
                "code": row.reject_code,
                "reason": row.reject_reason,
                "attempts": row.attempts,
            }
        )
    return out


def _queue(args: argparse.Namespace, ctx: Any) -> int:
    store = ctx.store()
    now = time.time()
    counts = store.outbox.counts(now)
    retry = [
        {
            "id": r.id,
            "kind": r.kind,
            "attempts": r.attempts,
            "failures": r.failures,
            "next_in_s": round(max(0.0, (r.next_at or now) - now), 1),
            "last_error": r.last_error,
        }
        for r in store.outbox.rows("retry")
    ]
    rejected = _rejected(store)
    quarantined = _quarantined(store)
    if args.json:
        print(
            json.dumps(
                {
                    "counts": counts.to_json(),
                    "retry": retry,
                    "refused": rejected,
                    "quarantined": quarantined,
                },
                ensure_ascii=False,
            )
        )
        return int(Exit.OK)
    oldest = "-" if counts.oldest_pending_s is None else f"{counts.oldest_pending_s:.0f} s"
    for label, value in [
        ("待发送 pending", counts.pending),
        ("发送中 sending", counts.sending),
        ("待重试 retry", counts.retry),
        ("已发送 sent", counts.sent),
        ("被拒绝 refused", counts.rejected),
        ("待处理 quarantined", counts.quarantined),
        ("最久等待 oldest waiting", oldest),
    ]:
        print(f"{label:<24}{value:>8}")
    for r in retry[:20]:
        print(
            f"  retry #{r['id']} {r['kind']} attempt {r['attempts']}, next in {r['next_in_s']} s: {r['last_error']}"
        )
    for r in rejected:
        print(f"  被拒 refused #{r['id']} {r['kind']} {r['ref']}: {r['code']}: {r['reason']}")
    for r in quarantined:
        print(
            f"  待处理 quarantined #{r['id']} {r['kind']} {r['ref']}: {r['code']}: {r['reason']}"
            f" — kiosk queue retry {r['ref']}"
        )
    return int(Exit.OK)


def _queue_retry(args: argparse.Namespace, ctx: Any) -> int:
    """A technician sends a quarantined row again (by local reference or ``#id``)."""
    store = ctx.serving_store()
    row = store.outbox.find(args.ref)
    if row is None or row.state != "quarantined":
        what = "no outbox row" if row is None else f"the row is {row.state}, not quarantined"
        print(f"kiosk queue retry: {args.ref}: {what}", file=sys.stderr)
        return int(Exit.NOTHING)
    store.outbox.retry_quarantined(row)
    with store.tx() as c:
        from kiosk.store.audit import AuditLog

        AuditLog(c).append("outbox.retry", row=row.id, code=row.quarantine_code)
    print(f"{args.ref}: back in the queue; the next sync pass sends it")
    return int(Exit.OK)


def _add_sample(args: argparse.Namespace, ctx: Any) -> int:
    from sync.selftest import NoSampleItem, add_samples

    if args.count < 1 or args.materials < 0 or args.material_size < 1:
        print(
            "kiosk queue add-sample: --count ≥ 1, --materials ≥ 0, --material-size ≥ 1",
            file=sys.stderr,
        )
        return int(Exit.USAGE)
    try:
        store = ctx.serving_store()
    except (OSError, ValueError, KeyError) as exc:
        from kiosk.config import ConfigError

        if isinstance(exc, ConfigError):
            raise
        print(
            f"kiosk queue add-sample: the local catalog is empty and the sample catalog cannot be "
            f"loaded ({exc}); run `kiosk sync --once` first",
            file=sys.stderr,
        )
        return int(Exit.NOTHING)
    try:
        result = add_samples(store, args.count, args.materials, args.material_size, args.item)
    except NoSampleItem as exc:
        print(f"kiosk queue add-sample: {exc}", file=sys.stderr)
        return int(Exit.NOTHING)
    if args.json:
        print(
            json.dumps(
                {
                    "queued": len(result.local_refs),
                    "item_code": result.item_code,
                    "materials_each": result.materials_each,
                    "local_refs": result.local_refs,
                }
            )
        )
    else:
        print(
            f"queued {len(result.local_refs)} test applications for {result.item_code} "
            f"({result.materials_each} scanned materials each): "
            f"{result.local_refs[0]} … {result.local_refs[-1]}"
        )
    return int(Exit.OK)


def _platform_sim(args: argparse.Namespace, ctx: Any) -> int:
    from sync.simulator.cli import run

    return run(args, ctx)


def register(cli: CliRegistry) -> None:
    p = cli.command(
        "sync",
        _sync,
        help="run the sync agent: drain the outbox, pull catalog and "
        "statuses, send heartbeats (until SIGTERM)",
    )
    p.add_argument(
        "--once",
        action="store_true",
        help="one full pass without waiting for backoff; "
        "exit 0 nothing left, 10 rows wait for a retry, 6 platform unreachable/refused",
    )
    p.add_argument("--json", action="store_true", help="with --once: print the pass report as JSON")
    p.add_argument(
        "--workers",
        type=int,
        default=None,
        choices=range(1, 9),
        metavar="N",
        help="rows sent side by side, each worker with its own database connection "
        "(1-8; default [sync] workers, 2)",
    )

    q = cli.group_parser("queue")
    q.set_defaults(handler=_queue)
    q.add_argument("--json", action="store_true", help="print counts and refused rows as JSON")
    s = cli.subcommand(
        "queue",
        "add-sample",
        _add_sample,
        help="queue synthetic test applications (test: true) through the submit use case",
    )
    s.add_argument("--count", type=int, required=True, help="how many applications")
    s.add_argument(
        "--materials", type=int, default=2, help="scanned materials per application (default 2)"
    )
    s.add_argument(
        "--material-size", type=int, default=300_000, help="bytes per material (default 300000)"
    )
    s.add_argument("--item", help="item code to apply for (default: the first that fits)")
    s.add_argument("--json", action="store_true")
    r = cli.subcommand(
        "queue",
        "retry",
        _queue_retry,
        help="send a quarantined row again (its local reference, e.g. KIOSK-…-20261127-0001, "
        "or #ID); exit 3 when there is no such quarantined row",
    )
    r.add_argument("ref", help="local reference or #outbox-id")

    sim = cli.command(
        "platform-sim",
        _platform_sim,
        help="run the provincial platform simulator (the contract of platform-api.md)",
    )
    if isinstance(sim, argparse.ArgumentParser):  # not when another command was typed
        from sync.simulator.cli import add_arguments  # argparse only; no requests, no sqlite

        add_arguments(sim)
