"""A call that may wait on the world (a device, a drive) with a deadline the caller keeps.

The call runs on a daemon thread of its own; a caller past the deadline goes on, and the
thread is left to finish or hang (it must hold nothing the kiosk needs afterwards)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def call_within(deadline_s: float, fn: Callable[[], T], name: str) -> T | None:
    """``fn()``'s answer, or None when it has not returned within ``deadline_s`` (``fn`` must
    not answer None itself). What ``fn`` raised is raised here."""
    box: list[T | BaseException] = []

    def run() -> None:
        try:
            box.append(fn())
        except BaseException as exc:  # noqa: BLE001 - handed to the caller below
            box.append(exc)

    t = threading.Thread(target=run, name=name, daemon=True)
    t.start()
    t.join(deadline_s)
    if not box:
        return None
    if isinstance(box[0], BaseException):
        raise box[0]
    return box[0]
