"""Benchmark: drain queued applications to the platform simulator on loopback.

Queues N applications with K scanned materials of S bytes each (default 1,000 × 2 × 300 KB)
through the core's submit use case, then measures, in the same run:

- **baseline**: the same requests (HEAD, PUT of each material, then the POST of each stored
  body, all signed) sent directly with one ``requests.Session`` from bytes already in memory;
- **agent**: ``SyncAgent.drain()`` in a child process — leases, decryption of bodies and
  materials, the outbox transitions with ``synchronous=FULL``, everything a terminal does.

Each side talks to its own fresh simulator process (so the platform does the same work:
every blob is new, every application created once). Prints a table, writes
``bench/results/sync_drain.json``. The goal is agent ≥ 0.7 × baseline applications/s.

    .venv/bin/python bench/sync_drain.py            # 1,000 × 2 × 300 KB
    .venv/bin/python bench/sync_drain.py --quick    # 100 × 2 × 300 KB (CI smoke test)
"""

from __future__ import annotations

import argparse
import json
import os
import platform as pyplatform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
KIOSK_BIN = str(Path(sys.executable).with_name("kiosk"))
KIOSK_ID = "KIOSK-BENCH-0001"


def start_sim(data: Path, secrets: Path) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen(
        [
            KIOSK_BIN,
            "platform-sim",
            "--port",
            "0",
            "--data",
            str(data),
            "--secrets-dir",
            str(secrets),
            "--no-local-kiosk",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    line = proc.stdout.readline()
    if not line.startswith("listening on"):
        raise SystemExit(f"simulator did not start: {line!r}")
    return proc, "http://" + line.split()[-1]


def stop_sim(proc: subprocess.Popen) -> None:
    proc.terminate()
    proc.wait(20)
    proc.stdout.close()


def ledger_count(url: str) -> int:
    import requests

    return len(requests.get(url + "/_sim/ledger", timeout=60).json()["applications"])


def make_store(data_dir: Path, url: str) -> Any:
    from kiosk.config import parse_config
    from kiosk.store.db import Store

    cfg = parse_config(
        {"terminal": {"kiosk_id": KIOSK_ID}, "platform": {"kind": "http", "url": url}}
    )
    return Store.open(data_dir, cfg), cfg


def run_baseline(store: Any, secret: bytes, url: str) -> dict[str, Any]:
    """The same requests, straight from memory, one session, no database."""
    import requests

    from sync import signing
    from sync.client import RECORD_ROUTES

    work = []
    for row in store.outbox.rows("pending", limit=1_000_000):
        mats = [
            (sha, store.blobs.get(sha)) for sha, _, _ in store.applications.materials_of(row.ref_id)
        ]
        work.append((RECORD_ROUTES[row.kind], row.idempotency_key, store.outbox.body(row), mats))
    session = requests.Session()
    session.trust_env = False

    def send(
        method: str, path: str, body: bytes | None, extra: dict[str, str] | None = None
    ) -> int:
        h = signing.signed_headers(
            kiosk_id=KIOSK_ID, secret=secret, method=method, path_and_query=path, body=body
        )
        if extra:
            h.update(extra)
        r = session.request(method, url + path, data=body, headers=h, timeout=60)
        r.content  # noqa: B018 - read the answer like the agent does
        return r.status_code

    t0 = time.perf_counter()
    for path, key, body, mats in work:
        for sha, data in mats:
            if send("HEAD", f"/v1/blobs/{sha}", None) == 404:
                assert send(
                    "PUT", f"/v1/blobs/{sha}", data, {"Content-Type": "application/octet-stream"}
                ) in (200, 201)
        status = send(
            "POST", path, body, {"Idempotency-Key": key, "Content-Type": "application/json"}
        )
        assert status in (200, 201), status
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "applications": len(work)}


def _vm_hwm_kb() -> int:
    """Peak resident set of this process (VmHWM; unlike ru_maxrss it does not inherit the
    parent's peak across fork + exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def child_agent(data_dir: str, url: str, workers: int) -> None:
    """Run in a child process: one drain, report time and memory as JSON on stdout."""
    from kiosk.store.db import Store
    from sync.agent import SyncAgent
    from sync.client import HttpPlatform

    store, cfg = make_store(Path(data_dir), url)
    secret = (Path(data_dir) / "keys" / "platform.secret").read_bytes().strip()
    agent = SyncAgent.from_config(
        store,
        HttpPlatform(url, KIOSK_ID, secret, timeout_s=60),
        cfg,
        workers=workers,
        store_factory=lambda: Store.open(Path(data_dir), cfg, reconcile=False),
    )
    rss_before = _vm_hwm_kb()
    t0 = time.perf_counter()
    report = agent.drain()
    seconds = time.perf_counter() - t0
    rss_peak = _vm_hwm_kb()
    print(
        json.dumps(
            {
                "seconds": seconds,
                "sent": report.sent,
                "retried": report.retried,
                "rejected": report.rejected,
                "rss_before_kb": rss_before,
                "rss_peak_kb": rss_peak,
            }
        )
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="100 applications (CI smoke test)")
    ap.add_argument("--count", type=int, help="applications (default 1000; 100 with --quick)")
    ap.add_argument("--materials", type=int, default=2)
    ap.add_argument("--size", type=int, default=300_000, help="bytes per material")
    ap.add_argument(
        "--workers", type=int, default=2, help="agent drain workers (default 2, as kiosk sync)"
    )
    ap.add_argument(
        "--reps", type=int, default=3, help="alternating baseline/agent runs (median reported)"
    )
    ap.add_argument("--child-agent", nargs=2, metavar=("DATA_DIR", "URL"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child_agent:
        child_agent(*args.child_agent, args.workers)
        return 0
    count = args.count or (100 if args.quick else 1000)

    import shutil
    import statistics

    from sync.selftest import add_samples
    from sync.simulator.catalog_seed import sample_items

    base_runs: list[dict[str, Any]] = []
    agent_runs: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="bench-sync-") as tmp:
        root = Path(tmp)
        secrets = root / "secrets"
        secrets.mkdir()
        secret = os.urandom(24).hex().encode()
        (secrets / f"{KIOSK_ID}.secret").write_bytes(secret)

        # one queue, built once through the submit use case; each agent run drains a copy
        src = root / "kiosk-src"
        (src / "keys").mkdir(parents=True)
        (src / "keys" / "platform.secret").write_bytes(secret)
        t0 = time.perf_counter()
        store, _ = make_store(src, "http://127.0.0.1:1")
        store.catalog.replace_all(sample_items(), version=1)
        add_samples(store, count, args.materials, args.size)
        queue_s = time.perf_counter() - t0

        for rep in range(args.reps):
            sim, url = start_sim(root / f"platform-base-{rep}", secrets)
            try:
                run = run_baseline(store, secret, url)
                run["created"] = ledger_count(url)
                base_runs.append(run)
            finally:
                stop_sim(sim)
                shutil.rmtree(root / f"platform-base-{rep}", ignore_errors=True)
            copy = root / f"kiosk-agent-{rep}"
            store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            shutil.copytree(src, copy)
            sim, url = start_sim(root / f"platform-agent-{rep}", secrets)
            try:
                out = subprocess.run(
                    [
                        sys.executable,
                        __file__,
                        "--child-agent",
                        str(copy),
                        url,
                        "--workers",
                        str(args.workers),
                    ],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                run = json.loads(out.stdout.strip().splitlines()[-1])
                run["created"] = ledger_count(url)
                agent_runs.append(run)
            finally:
                stop_sim(sim)
                shutil.rmtree(root / f"platform-agent-{rep}", ignore_errors=True)
                shutil.rmtree(copy, ignore_errors=True)
        store.close()

    mb = count * args.materials * args.size / 1e6
    base_rates = [count / r["seconds"] for r in base_runs]
    agent_rates = [r["sent"] / r["seconds"] for r in agent_runs]
    base_rate = statistics.median(base_rates)
    agent_rate = statistics.median(agent_rates)
    ratio = agent_rate / base_rate
    rss_peak = max(r["rss_peak_kb"] for r in agent_runs) / 1024
    rss_before = max(r["rss_before_kb"] for r in agent_runs) / 1024
    all_created = all(r["created"] == count for r in base_runs + agent_runs)
    label = f"sync agent ({args.workers} drain worker{'s' if args.workers > 1 else ''})"
    print(
        f"\nsync drain: {count} applications × {args.materials} materials × {args.size:,} bytes "
        f"({mb:.0f} MB) to the simulator on loopback; queued in {queue_s:.1f} s; "
        f"{args.reps} alternating runs, median\n"
    )
    print(f"{'mode':34} {'apps/s':>8} {'MB/s':>7} {'runs (apps/s)':>24} {'peak RSS':>9}")
    print(
        f"{'baseline (requests, from memory)':34} {base_rate:8.1f} {base_rate * mb / count:7.1f} "
        f"{' '.join(f'{r:.1f}' for r in base_rates):>24} {'-':>9}"
    )
    print(
        f"{label:34} {agent_rate:8.1f} {agent_rate * mb / count:7.1f} "
        f"{' '.join(f'{r:.1f}' for r in agent_rates):>24} {rss_peak:7.0f} MB"
    )
    verdict = "meets" if ratio >= 0.7 else "BELOW"
    print(
        f"\nratio agent / baseline: {ratio:.2f} ({verdict} the goal of ≥ 0.70); agent RSS "
        f"{rss_before:.0f} MB before the drain, {rss_peak:.0f} MB peak; every application created "
        f"exactly once in every run: {'yes' if all_created else 'NO'}"
    )
    result = {
        "benchmark": "sync_drain",
        "quick": bool(args.quick),
        "applications": count,
        "materials_per_application": args.materials,
        "material_bytes": args.size,
        "reps": args.reps,
        "baseline": {
            "apps_per_s": round(base_rate, 2),
            "runs_apps_per_s": [round(r, 2) for r in base_rates],
        },
        "agent": {
            "apps_per_s": round(agent_rate, 2),
            "runs_apps_per_s": [round(r, 2) for r in agent_rates],
            "workers": args.workers,
            "rss_before_mb": round(rss_before, 1),
            "rss_peak_mb": round(rss_peak, 1),
        },
        "ratio": round(ratio, 3),
        "goal_ratio": 0.7,
        "all_created_exactly_once": all_created,
        "queue_seconds": round(queue_s, 2),
        "machine": {
            "python": pyplatform.python_version(),
            "cpus": os.cpu_count(),
            "system": pyplatform.platform(),
        },
        "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    out_dir = Path(os.environ.get("BENCH_RESULTS_DIR") or REPO / "bench" / "results")
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "sync_drain.json").write_text(json.dumps(result, indent=1) + "\n", "utf-8")
    if not all_created:
        print("ERROR: not every application was created exactly once", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
