"""``kiosk store key backup --to FILE`` and ``kiosk store key restore FILE``: the technician's
way out when the terminal's data key is lost or replaced (docs/operations.md, "Lost key").

The passphrase comes from ``--passphrase-file``, else ``$BIANMIN_KEY_PASSPHRASE``, else a
prompt on the terminal — never from the command line.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any

from kiosk.exitcodes import Exit
from terminal.cli.registry import CliRegistry

PASSPHRASE_ENV = "BIANMIN_KEY_PASSPHRASE"


def _passphrase(args: argparse.Namespace, confirm: bool) -> str | None:
    if args.passphrase_file:
        try:
            return Path(args.passphrase_file).read_text("utf-8").rstrip("\r\n")
        except OSError as exc:
            print(f"kiosk: cannot read {args.passphrase_file} ({exc.strerror})", file=sys.stderr)
            return None
    if os.environ.get(PASSPHRASE_ENV):
        return os.environ[PASSPHRASE_ENV]
    if not sys.stdin.isatty():
        print(
            f"kiosk: no passphrase: give --passphrase-file FILE or set {PASSPHRASE_ENV}",
            file=sys.stderr,
        )
        return None
    first = getpass.getpass("passphrase: ")
    if confirm and getpass.getpass("passphrase again: ") != first:
        print("kiosk: the two passphrases differ; nothing was written", file=sys.stderr)
        return None
    return first


def _key_path(ctx: Any) -> Path:
    from kiosk.store.keys import key_path

    return key_path(ctx.data_dir, ctx.config.storage.key_file)


def _backup(args: argparse.Namespace, ctx: Any) -> int:
    from kiosk.store.keys import BACKUP_EVENT, backup_key

    store = ctx.store()  # the key is checked against the data before it is backed up
    passphrase = _passphrase(args, confirm=True)
    if passphrase is None:
        return int(Exit.USAGE)
    from kiosk.store.crypto import read_key

    backup_key(read_key(_key_path(ctx)), passphrase, Path(args.to))
    with store.tx() as c:
        from kiosk.store.audit import AuditLog

        AuditLog(c).append(BACKUP_EVENT)
    print(f"the data key is backed up to {args.to}; keep it and its passphrase apart")
    return int(Exit.OK)


def _restore(args: argparse.Namespace, ctx: Any) -> int:
    from kiosk.store.db import DB_NAME, Store
    from kiosk.store.keys import restore_key

    passphrase = _passphrase(args, confirm=False)
    if passphrase is None:
        return int(Exit.USAGE)
    aside = restore_key(Path(args.file), passphrase, _key_path(ctx), ctx.data_dir / DB_NAME)
    store = Store.open(ctx.data_dir, ctx.config)  # proves the restored key opens the store
    try:
        with store.tx() as c:
            from kiosk.store.audit import AuditLog

            AuditLog(c).append("store.key_restored", kept_aside=aside.name if aside else None)
    finally:
        store.close()
    if aside:
        print(f"the key file that did not match was kept aside as {aside}")
    print("the data key is restored; queued applications will be sent")
    return int(Exit.OK)


def register(cli: CliRegistry) -> None:
    cli.group("store", "the terminal's store: back up and restore its data key")
    p = cli.subcommand("store", "key", None, help="back up or restore the terminal's data key")  # type: ignore[arg-type]
    sub = p.add_subparsers(dest="store_key_command", metavar="ACTION")
    b = sub.add_parser(
        "backup", help="write the data key, encrypted with a passphrase (scrypt), to FILE"
    )
    b.add_argument("--to", required=True, metavar="FILE", help="backup file to write")
    r = sub.add_parser(
        "restore", help="install the data key from a backup after checking it matches the data"
    )
    r.add_argument("file", metavar="FILE", help="a file written by kiosk store key backup")
    for q, handler in ((b, _backup), (r, _restore)):
        q.add_argument(
            "--passphrase-file", metavar="FILE", help=f"else ${PASSPHRASE_ENV}, else a prompt"
        )
        q.set_defaults(handler=handler, _parser=q)
