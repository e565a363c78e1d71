"""``kiosk run`` (the touch interface with everything it needs) and ``kiosk screenshots``.

Qt, drivers and sync are imported inside the handlers, so that ``kiosk --help`` stays fast.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from kiosk.exitcodes import Exit
from terminal.cli.registry import CliRegistry

NO_DISPLAY = """kiosk run: no display found (DISPLAY and WAYLAND_DISPLAY are not set).
  The touch interface needs a screen. On a machine without one:
    kiosk run --offscreen                 # render offscreen (QT_QPA_PLATFORM=offscreen)
    xvfb-run -s "-screen 0 1080x1920x24" kiosk run   # a virtual X server
  or set QT_QPA_PLATFORM yourself."""


def has_display(env: dict[str, str] | None = None) -> bool:
    env = dict(os.environ) if env is None else env
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY") or env.get("QT_QPA_PLATFORM"))


def _run(args: argparse.Namespace, ctx: Any) -> int:
    if args.offscreen:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    if not has_display():
        print(NO_DISPLAY, file=sys.stderr)
        return int(Exit.DEVICE)
    from terminal.runtime_dir import make_runtime_dir

    runtime = make_runtime_dir()  # those killed runs left behind go after the first frame
    try:
        return _run_in(runtime, args, ctx)
    finally:  # also when the configuration turns out invalid after Qt started
        import shutil

        shutil.rmtree(runtime, ignore_errors=True)


def _run_in(runtime: Path, args: argparse.Namespace, ctx: Any) -> int:
    try:
        # Qt first: the window's QML compiles on Qt's loader thread while the configuration,
        # logging and the rest of the kiosk load below (see ui.boot)
        from ui.boot import boot

        started = boot(runtime)
    except ImportError as exc:
        print(f"kiosk run: the interface cannot start: {exc}", file=sys.stderr)
        return int(Exit.DEVICE)
    cfg = ctx.config
    from terminal.instance_lock import AlreadyRunning, acquire

    try:  # one interface per data directory (before anything in it is opened)
        lock = acquire(ctx.data_dir)
    except AlreadyRunning as exc:
        print(f"kiosk run: {exc}", file=sys.stderr)
        return int(Exit.UNEXPECTED)
    try:
        return _run_locked(runtime, started, args, ctx, cfg)
    finally:
        lock.release()


def _run_locked(runtime: Path, started: Any, args: argparse.Namespace, ctx: Any, cfg: Any) -> int:
    if args.developer_panel:
        import dataclasses

        cfg = dataclasses.replace(cfg, ui=dataclasses.replace(cfg.ui, developer_panel=True))
    ctx.setup_logging()
    started[1].pump()  # serve the QML loader's requests so far
    try:
        from terminal.startup import run

        return run(
            cfg,
            ctx.data_dir,
            offscreen=args.offscreen,
            quit_after_s=args.quit_after,
            runtime_root=runtime,
            boot=started,
            start_agent=not args.no_sync_agent,
        )
    except ImportError as exc:
        print(f"kiosk run: the interface cannot start: {exc}", file=sys.stderr)
        return int(Exit.DEVICE)


def _screenshots(args: argparse.Namespace, ctx: Any) -> int:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from ui.screenshots import render_all

    out = Path(args.out)
    modes = ["normal", "elder"] if args.mode == "both" else [args.mode]
    langs = ["zh_CN", "en"] if args.language == "both" else [args.language]
    files = render_all(
        out,
        modes=modes,
        languages=langs,
        only=args.screen,
        width=args.width or ctx.config.ui.screen_width,
        height=args.height or ctx.config.ui.screen_height,
        sizes=[int(x) for x in args.sizes.split(",")] if args.sizes else None,
        schemes=args.schemes.split(",") if args.schemes else None,
    )
    for f in files:
        print(f)
    print(f"{len(files)} screenshots in {out}", file=sys.stderr)
    return int(Exit.OK if files else Exit.NOTHING)


def register(cli: CliRegistry) -> None:
    p = cli.command(
        "run",
        _run,
        help="run the touch interface (with simulated devices and a "
        "local platform simulator on the embedded defaults)",
    )
    p.add_argument(
        "--offscreen",
        action="store_true",
        help="render offscreen (QT_QPA_PLATFORM=offscreen), e.g. on a machine without a display",
    )
    p.add_argument(
        "--developer-panel",
        action="store_true",
        help="show the developer panel (same as ui.developer_panel = true)",
    )
    p.add_argument(
        "--no-sync-agent",
        action="store_true",
        help="leave the sync agent to `kiosk sync` in its own process (the appliance's "
        "bianmin-kiosk-sync.service)",
    )
    p.add_argument(
        "--quit-after",
        type=float,
        default=None,
        metavar="S",
        help="quit S seconds after the kiosk is fully running (smoke tests); exit 1 if it cannot start",
    )
    s = cli.command(
        "screenshots",
        _screenshots,
        help="render every screen to PNG (normal and elder mode, Chinese and English), offscreen",
    )
    s.add_argument("--out", required=True, help="output directory")
    s.add_argument("--mode", choices=["normal", "elder", "both"], default="both")
    s.add_argument("--language", choices=["zh_CN", "en", "both"], default="both")
    s.add_argument("--screen", action="append", help="only this screen name (repeatable)")
    s.add_argument("--width", type=int, default=None)
    s.add_argument("--height", type=int, default=None)
    s.add_argument("--sizes", default=None, help="body text sizes, e.g. 24,32,38,44")
    s.add_argument("--schemes", default=None, help="colour schemes, e.g. standard,light,dark")
