"""Test-wide settings. Qt must never look for a display that is not there."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
