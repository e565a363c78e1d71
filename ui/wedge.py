"""Physical key presses to the application API, for keyboard-wedge code scanners.

A wedge scanner "types" a code as a fast burst of key presses ended by Enter. The filter sits
on the kiosk's window (so each press is seen once, before the focused item), hands every
press to ``backend.code_key`` and swallows the ones the core recognises as a scanner's burst.
The on-screen keyboard talks through input-method events, not key presses, so residents'
typing never passes here; without a wedge scanner ``code_key`` answers False at once.
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QEvent, QObject

# Qt.Key.Key_Return and Key_Enter as plain numbers: touching the Qt.Key enum at import makes
# PySide build all of its hundreds of members (~10 ms before the first frame)
_ENTER = (0x01000004, 0x01000005)


class WedgeKeyFilter(QObject):
    def __init__(self, backend: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._backend = backend

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.KeyPress:
            return False
        text = "\r" if int(event.key()) in _ENTER else event.text()  # type: ignore[attr-defined]
        if not text:
            return False
        try:
            return bool(self._backend.code_key(text, time.monotonic()))
        except Exception:  # noqa: BLE001 - a key must never break the interface
            return False
