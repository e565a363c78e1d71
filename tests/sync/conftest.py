"""Fixtures of the sync tests (helpers live in sync_helpers.py, importable by test modules)."""

from sync_helpers import kiosk, sim  # noqa: F401  (pytest fixtures)
from update_helpers import fleet  # noqa: F401  (pytest fixture: a local TUF repository)
