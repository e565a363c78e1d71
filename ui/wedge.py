"""Physical key presses to the application API, for keyboard-wedge code scanners.

A wedge scanner "types" a code as a fast burst of key presses ended by Enter. The session's
activity filter (on the application) hands each key press sent to the kiosk's window to
``backend.code_key`` and swallows the ones the core recognises as a scanner's burst. Only the
copy sent to the window counts: Qt Quick sends the same press on to the focused item, which
must not be fed twice. The on-screen keyboard talks through input-method events, not key
presses, so residents' typing never passes here; without a wedge scanner ``code_key``
answers False at once.
"""

from __future__ import annotations

import time
from typing import Any

# Qt.Key.Key_Return and Key_Enter as plain numbers: touching the Qt.Key enum makes PySide
# build all of its hundreds of members (~10 ms)
_ENTER = (0x01000004, 0x01000005)


class WedgeKeys:
    def __init__(self, backend: Any) -> None:
        self._backend = backend

    def __call__(self, obj: Any, event: Any) -> bool:
        """A key press on its way to ``obj``; True when it must be swallowed."""
        if not obj.isWindowType():
            return False
        text = "\r" if int(event.key()) in _ENTER else event.text()
        if not text:
            return False
        try:
            return bool(self._backend.code_key(text, time.monotonic()))
        except Exception:  # noqa: BLE001 - a key must never break the interface
            return False
