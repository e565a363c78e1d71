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


def wait_card_presented(
    reader: Any, cancel: threading.Event, timeout_s: float, was_in: bool | None = None
) -> tuple[bool, bool | None]:
    """``(presented, in_slot)``: whether a card entered the slot within ``timeout_s``, and
    whether one is in it at the end (None: the reader could not tell). ``was_in`` is what the
    previous wait ended with, so that a card put in between two waits still counts; None
    (the first wait) takes the slot as it is now as the start."""
    if reader is None:
        return False, None
    deadline = time.monotonic() + timeout_s

    def job(r: Any) -> tuple[bool, bool | None]:
        now_in = isinstance(r.status(), Ready)
        before = now_in if was_in is None else was_in
        while not cancel.is_set():
            if now_in and not before:
                return True, True
            before = now_in
            left = deadline - time.monotonic()
            if left <= 0:
                break
            r.wait_for_change(min(0.5, left))
            now_in = isinstance(r.status(), Ready)
        return False, now_in

    out = reader.call(job, unavailable=lambda _status: (False, None))
    return out if isinstance(out, tuple) else (False, None)
