"""A card presented on the social security card slot or the ID card reader, as a presence
event only.

The sleeping screen (ui/viewmodels/sleep.py) wakes when a resident puts a card in the slot or
on the ID card reader: it needs to know *that* a card arrived, never what is on it. The PC/SC
reader says so in its status (``Ready``: a card in the slot) and wakes on insert or removal
(``wait_for_change``); the ID card reader answers 寻卡 (find card, GA/T 467) without selecting
or reading the card, polled every ``ID_POLL_S``. A card already there when the wait starts is
no event: it must leave and come again. Both waits run at once, each on its reader's own
worker; the first card seen ends the other.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from kiosk.devices.health import Ready

ID_POLL_S = 0.3
"""How often the sleeping screen asks the ID card reader 寻卡 (the reader's own minimum)."""


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


class _Either:
    """Set when either event is: the caller's cancel, or the other reader saw a card."""

    def __init__(self, *events: threading.Event) -> None:
        self.events = events

    def is_set(self) -> bool:
        return any(e.is_set() for e in self.events)


def wait_id_card_presented(
    reader: Any, cancel: Any, timeout_s: float, was_in: bool | None = None
) -> tuple[bool, bool | None]:
    """As :func:`wait_card_presented`, on the ID card reader by 寻卡 alone."""
    if reader is None:
        return False, None
    deadline = time.monotonic() + timeout_s

    def job(r: Any) -> tuple[bool, bool | None]:
        now_in = r.card_in_field()
        before = now_in if was_in is None else was_in
        while not cancel.is_set():
            if now_in and not before:
                return True, True
            if now_in is not None:
                before = now_in
            if time.monotonic() + ID_POLL_S > deadline:
                break
            time.sleep(ID_POLL_S)
            now_in = r.card_in_field()
        return False, now_in

    out = reader.call(job, unavailable=lambda _status: (False, None))
    return out if isinstance(out, tuple) else (False, None)


def wait_any_card_presented(
    ssc_reader: Any, id_reader: Any, cancel: threading.Event, timeout_s: float, was_in: Any = None
) -> tuple[bool, Any]:
    """``(presented, state)``: whether a card came to either reader within ``timeout_s``;
    ``state`` (opaque: what each reader held at the end) is the next wait's ``was_in``."""
    ssc_was, id_was = was_in if isinstance(was_in, tuple) else (None, None)
    seen = threading.Event()
    stop = _Either(cancel, seen)
    results: dict[str, tuple[bool, bool | None]] = {}

    def watch(name: str, fn: Any, reader: Any, was: bool | None) -> None:
        try:
            results[name] = fn(reader, stop, timeout_s, was)
        except Exception:  # noqa: BLE001 - a failing reader wakes nothing; the other still may
            results[name] = (False, None)
        if results[name][0]:
            seen.set()

    threads = [
        threading.Thread(target=watch, args=(n, fn, r, w), name=f"presence-{n}", daemon=True)
        for n, fn, r, w in (
            ("ssc", wait_card_presented, ssc_reader, ssc_was),
            ("id", wait_id_card_presented, id_reader, id_was),
        )
        if r is not None
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout_s + 5.0)  # each wait ends by its own deadline (or the reader's)
    ssc = results.get("ssc", (False, None))
    idr = results.get("id", (False, None))
    return ssc[0] or idr[0], (ssc[1], idr[1])
