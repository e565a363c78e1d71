"""The store's typed errors. Every one of them is for people: one line, no traceback.

:class:`StoreUnusable` and its subclasses mean the kiosk cannot serve residents from this
store at all (exit code 7, and ``kiosk run``'s out-of-service screen); a plain
:class:`StoreError` is one operation that failed.
"""

from __future__ import annotations


class StoreError(RuntimeError):
    """The store cannot do what was asked; the message is for people."""


class StoreFull(StoreError):
    """The disk is full: nothing was saved."""


class StoreUnusable(StoreError):
    """The store cannot be used at all: data key missing or wrong, data directory unusable."""

    reason = "store_unusable"


class DiskFullAtOpen(StoreUnusable):
    """The disk is too full to open the database at all (SQLite cannot even make its
    shared-memory file). The data is intact; nothing is moved aside."""

    reason = "disk_full"


class KeyMissing(StoreUnusable):
    """The data key file is gone while the store holds data sealed with it."""

    reason = "key_missing"


class KeyMismatch(StoreUnusable):
    """The data key file does not match the key check value stored beside the data."""

    reason = "key_mismatch"


class KeyBackupError(StoreUnusable):
    """A key backup cannot be opened (wrong passphrase, damaged or not a backup)."""

    reason = "key_backup"


RESTORE_HINT = "restore it with: kiosk store key restore FILE"
