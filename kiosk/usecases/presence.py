"""A card presented on the social security card reader, as a presence event only.

The sleeping screen (ui/viewmodels/sleep.py) wakes when a resident puts a card in the slot: it
needs to know *that* a card arrived, never what is on it. The PC/SC reader says so in its
status (``Ready``: a card in the slot) and wakes on insert or removal (``wait_for_change``);
nothing is read from the card. A card already in the slot when the wait starts is no event: it
must leave and come again.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from kiosk.devices.health import Ready


def wait_card_presented(reader: Any, cancel: threading.Event, timeout_s: float) -> bool:
    """True when a card entered the slot within ``timeout_s``; False on the timeout, on
    ``cancel``, with no reader or a reader that is unavailable."""
    if reader is None:
        return False
    deadline = time.monotonic() + timeout_s

    def job(r: Any) -> bool:
        was_in = isinstance(r.status(), Ready)
        while not cancel.is_set():
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            r.wait_for_change(min(0.5, left))
            now_in = isinstance(r.status(), Ready)
            if now_in and not was_in:
                return True
            was_in = now_in
        return False

    return reader.call(job, unavailable=lambda _status: False) is True
