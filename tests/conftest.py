"""Test-wide settings. Qt must never look for a display that is not there."""

import logging
import os
from collections.abc import Iterator

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _root_logger_as_it_was() -> Iterator[None]:
    """A test that configures logging (``setup_logging("DEBUG")``, a library's
    ``basicConfig()``) leaves the root logger as it found it: its level and handlers would
    otherwise print every later test's DEBUG lines past pytest's capture."""
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    yield
    root.setLevel(level)
    for h in root.handlers[:]:
        if h not in handlers and type(h).__module__.split(".")[0] != "_pytest":
            root.removeHandler(h)
            h.close()
