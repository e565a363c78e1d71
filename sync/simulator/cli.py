"""``kiosk platform-sim``: run the platform simulator in the foreground until SIGTERM/SIGINT."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading
from pathlib import Path

from sync.simulator.faults import FaultSettings


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8765, help="port (0 picks a free one and prints it)")
    p.add_argument(
        "--data",
        metavar="DIR",
        help="the simulator's own data directory (default: <kiosk data dir>/platform-sim)",
    )
    p.add_argument(
        "--kiosk",
        action="append",
        default=[],
        metavar="ID=SECRETFILE",
        help="accept this kiosk, whose shared secret is in SECRETFILE (repeatable)",
    )
    p.add_argument(
        "--secrets-dir",
        action="append",
        default=[],
        metavar="DIR",
        help="accept any kiosk whose secret is in DIR/<kiosk id>.secret",
    )
    p.add_argument(
        "--no-local-kiosk",
        action="store_true",
        help="do not register this machine's own kiosk (config kiosk id + secret file)",
    )
    p.add_argument(
        "--clock-speed",
        type=float,
        default=1.0,
        help="how many times faster than real time applications move through statuses",
    )
    p.add_argument("--latency-ms", type=float, default=0.0)
    p.add_argument("--error-rate", type=float, default=0.0, help="fraction of 500/502 answers")
    p.add_argument(
        "--reset-rate", type=float, default=0.0, help="fraction of connections reset mid-answer"
    )
    p.add_argument("--rate-limit-rate", type=float, default=0.0, help="fraction of 429 answers")
    p.add_argument("--unavailable-rate", type=float, default=0.0, help="fraction of 503 answers")
    p.add_argument("--retry-after", type=int, default=1, help="Retry-After seconds on 429/503")
    p.add_argument(
        "--clock-skew", type=float, default=0.0, help="seconds the platform clock runs ahead"
    )
    p.add_argument(
        "--malformed-catalog",
        action="store_true",
        help="publish a catalog version that fails validation at start",
    )
    p.add_argument("--seed", type=int, default=1, help="seed of the fault generator")
    p.add_argument("--tls-cert", metavar="PEM", help="serve HTTPS with this certificate (chain)")
    p.add_argument("--tls-key", metavar="PEM", help="the certificate's private key")
    p.add_argument(
        "--tls-client-ca",
        metavar="PEM",
        help="require client certificates issued by this CA (mutual TLS)",
    )
    p.add_argument(
        "--prefix",
        default="",
        metavar="PATH",
        help="serve the platform under this path, as a gateway does (e.g. /zwfw)",
    )
    p.add_argument(
        "--fleet-repo",
        metavar="DIR",
        default=os.environ.get("BIANMIN_FLEET_REPO"),
        help="serve this TUF repository (kiosk-repo publish DIR) under /fleet/ "
        "(default $BIANMIN_FLEET_REPO)",
    )
    p.add_argument("--verbose", action="store_true", help="log every request")


def run(args: argparse.Namespace, ctx: object | None = None) -> int:
    from kiosk.exitcodes import Exit
    from sync.keys import SecretError, ensure_platform_secret, platform_secret_path, read_secret
    from sync.simulator.server import PlatformSimulator

    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s platform-sim %(levelname)s %(message)s",
        stream=sys.stderr,
    )
    kiosks: dict[str, bytes] = {}
    try:
        for spec in args.kiosk:
            kid, sep, file = spec.partition("=")
            if not sep or not kid or not file:
                print(
                    f"kiosk platform-sim: --kiosk expects ID=SECRETFILE, got {spec!r}",
                    file=sys.stderr,
                )
                return int(Exit.USAGE)
            kiosks[kid] = read_secret(Path(file), owner_only=False)
        data = Path(args.data) if args.data else None
        if ctx is not None and (data is None or not args.no_local_kiosk):
            cfg = ctx.config  # type: ignore[attr-defined]
            if data is None:
                data = Path(ctx.data_dir) / "platform-sim"  # type: ignore[attr-defined]
            if not args.no_local_kiosk and cfg.terminal.kiosk_id not in kiosks:
                secret_path = platform_secret_path(cfg, ctx.data_dir)  # type: ignore[attr-defined]
                kiosks[cfg.terminal.kiosk_id] = ensure_platform_secret(secret_path)
    except SecretError as exc:
        print(f"kiosk platform-sim: {exc}", file=sys.stderr)
        return int(Exit.CONFIG)
    if data is None:
        print("kiosk platform-sim: --data DIR is required", file=sys.stderr)
        return int(Exit.USAGE)
    faults = FaultSettings(
        latency_ms=args.latency_ms,
        error_rate=args.error_rate,
        reset_rate=args.reset_rate,
        rate_limit_rate=args.rate_limit_rate,
        unavailable_rate=args.unavailable_rate,
        retry_after_s=args.retry_after,
        clock_skew_s=args.clock_skew,
        seed=args.seed,
    )
    try:
        sim = PlatformSimulator(
            data,
            args.host,
            args.port,
            kiosks=kiosks,
            secrets_dirs=[Path(d) for d in args.secrets_dir],
            faults=faults,
            clock_speed=args.clock_speed,
            malformed_catalog=args.malformed_catalog,
            tls_cert=args.tls_cert,
            tls_key=args.tls_key,
            tls_client_ca=args.tls_client_ca,
            prefix=args.prefix,
            fleet_repo=args.fleet_repo,
        )
    except OSError as exc:  # includes ssl.SSLError for an unusable certificate or key
        print(
            f"kiosk platform-sim: cannot serve on {args.host}:{args.port}: {exc.strerror or exc}",
            file=sys.stderr,
        )
        return int(Exit.UNEXPECTED)
    print(f"listening on {sim.host}:{sim.port}{sim.httpd.prefix}", flush=True)
    print(
        f"kiosks: {', '.join(sim.store.kiosk_ids()) or '(none yet)'}; data: {data}",
        file=sys.stderr,
        flush=True,
    )
    stop = threading.Event()

    def _stop(signum: int, frame: object) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    sim.start()
    stop.wait()
    sim.stop()
    return int(Exit.OK)
