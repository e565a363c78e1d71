"""Capped exponential backoff with optional jitter."""

from __future__ import annotations

import random


class Backoff:
    def __init__(self, base_s: float, max_s: float, *, factor: float = 2.0, jitter: float = 0.1):
        if base_s <= 0 or max_s < base_s:
            raise ValueError("expected 0 < base_s <= max_s")
        self.base_s, self.max_s, self.factor, self.jitter = base_s, max_s, factor, jitter
        self.attempts = 0

    def next_delay(self) -> float:
        """The wait before the next attempt (grows until the cap), counting this attempt."""
        d = min(self.max_s, self.base_s * self.factor**self.attempts)
        self.attempts += 1
        if self.jitter:
            d *= 1 + random.uniform(-self.jitter, self.jitter)
        return min(d, self.max_s)

    def reset(self) -> None:
        self.attempts = 0
