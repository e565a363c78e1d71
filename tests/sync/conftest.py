"""Fixtures of the sync tests (helpers live in sync_helpers.py, importable by test modules)."""

from sync_helpers import kiosk, sim  # noqa: F401  (pytest fixtures)
