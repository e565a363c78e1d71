"""Keyboard-wedge scanners: tell a scanner's burst of key events from a person typing.

A wedge scanner "types" a code as fast key presses ended by Enter. The UI feeds every key
event (its text and a monotonic timestamp in seconds) into :class:`WedgeDetector`; when a
burst ends with the terminator and every gap inside it was short, ``feed`` returns a
``CodeScanned(text, "keyboard")``. A person typing (slow gaps) never produces one; the UI
should let such keys through to the focused field and swallow the keys of a detected burst.
Pure logic, no Qt: a view-model calls it from its key handler.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.ports.identity import CodeScanned


@dataclass
class WedgeDetector:
    max_gap_s: float = 0.05
    """Largest pause between two keys of one scan (scanners type a key every 1-20 ms)."""
    min_length: int = 4
    terminators: tuple[str, ...] = ("\r", "\n")

    def __post_init__(self) -> None:
        self._chars: list[str] = []
        self._last: float | None = None

    def reset(self) -> None:
        self._chars.clear()
        self._last = None

    @property
    def in_burst(self) -> bool:
        """True while the keys so far look like a scanner (the UI may hold them back)."""
        return len(self._chars) >= 2

    def feed(self, text: str, t: float) -> CodeScanned | None:
        if self._last is not None and t - self._last > self.max_gap_s:
            self._chars.clear()
        self._last = t
        if text in self.terminators:
            chars, self._chars = self._chars, []
            self._last = None
            code = "".join(chars)
            if len(code) >= self.min_length:
                return CodeScanned(code, "keyboard")
            return None
        if len(text) == 1 and text >= " ":
            self._chars.append(text)
        return None
