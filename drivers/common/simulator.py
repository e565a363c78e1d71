"""What the device simulators share: a serve loop on a background thread, a pty, card files.

:class:`ThreadedSimulator` gives ``start()`` / ``stop()`` / ``with``: ``start()`` runs the
subclass's ``serve_forever()`` on a daemon thread, which loops until ``self._stop`` is set.
:class:`PtySimulator` adds the serial side: the pty at ``link``, its control file
``<link>.control.json`` and the baud-rate pacing. :func:`load_card_json` reads a control-file
``card`` value (a path or an inline object) the same way for every card simulator.
"""

from __future__ import annotations

import json
import os
import threading
from abc import ABC, abstractmethod
from pathlib import Path
from typing import Any, Self

from drivers.common.pty import PtyLink
from drivers.simctl import SimControl, control_path_for


class ThreadedSimulator(ABC):
    thread_name = "sim"

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @abstractmethod
    def serve_forever(self) -> None:
        """Serve until ``self._stop`` is set (runs on the simulator's thread)."""

    def _before_start(self) -> None:  # noqa: B027 - an optional hook
        """Acquire what serving needs, in the caller's thread (errors surface in ``start``)."""

    def _after_stop(self) -> None:  # noqa: B027 - an optional hook
        """Release what serving held, once the thread has ended (or given up waiting)."""

    def start(self) -> Self:
        """Serve on a background thread (for tests, the bench and the embedded kiosk)."""
        self._before_start()
        self._thread = threading.Thread(
            target=self.serve_forever, name=self.thread_name, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)
        self._after_stop()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class PtySimulator(ThreadedSimulator):
    """A serial device on a pty whose slave end is the symlink ``link``.

    ``state`` replaces the control file's content at construction, so that a simulator starts
    from what its caller asked for, not from what a previous run left behind.
    """

    def __init__(
        self,
        link: str | os.PathLike[str],
        *,
        baudrate: int,
        pace: bool,
        state: dict[str, Any],
    ) -> None:
        super().__init__()
        self.link = Path(link)
        self.baudrate = baudrate
        self.pace = pace
        self.control = SimControl(control_path_for(self.link))
        self.control.replace(state)
        self._pty: PtyLink | None = None

    @property
    def wire_baud(self) -> int | None:
        """The baud rate to pace writes at, or ``None`` to write at pty speed."""
        return self.baudrate if self.pace else None

    @property
    def slave_name(self) -> str:
        """The pty's real device name (``/dev/pts/N``); the simulator must be open."""
        if self._pty is None:
            raise RuntimeError("simulator is not open")
        return self._pty.slave_name

    def open(self) -> None:
        self._pty = PtyLink(self.link)

    def _open_pty(self) -> PtyLink:
        if self._pty is None:
            self.open()
        assert self._pty is not None
        return self._pty

    def _before_start(self) -> None:  # noqa: B027 - an optional hook
        self.open()

    def _after_stop(self) -> None:  # noqa: B027 - an optional hook
        if self._pty is not None:
            self._pty.close()
            self._pty = None


def load_card_json(value: Any, base: Path | None = None) -> dict[str, Any] | None:
    """The card object a control-file ``card`` value names; ``None`` for "no card".

    ``value`` is an inline object or a path to a JSON file; a relative path that does not
    exist as given is taken relative to ``base`` (the control file's folder). ``ValueError``
    with a message fit for a technician when it is neither, or the file is unreadable.
    """
    if value is None:
        return None
    if isinstance(value, dict):
        return value
    if not isinstance(value, str):
        raise ValueError(f"card: expected a file path or an object, got {value!r}")
    path = Path(value)
    if base is not None and not path.is_absolute() and not path.exists():
        path = base / path
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ValueError(f"card file {value}: {exc.strerror}") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"card file {value}: not JSON ({exc.msg})") from None
    return data  # type: ignore[no-any-return]
