"""Fault injection and the simulated clocks of the platform simulator.

Two kinds of faults:

- **rates** (``error_rate``, ``reset_rate``, ``rate_limit_rate``…): each ``/v1/`` request
  draws from a seeded random generator, so a run with the same seed and the same request
  order sees the same faults;
- **one-shot faults** (``once``): a queue of ``{"kind", "path", "method", "when", …}``
  entries, each consumed by the first matching request — what deterministic tests use.

``when`` is ``"before"`` (the request is not processed) or ``"after"`` (the request is
processed and committed, then the answer is broken — the lost-answer case that makes
idempotency matter).

Kinds: ``status`` (any status code, optional ``retry_after`` and ``error`` code), ``reset``
(headers and half the body, then a TCP reset), ``truncated`` (a Content-Length longer than the
body, then close), ``garbage`` (a non-JSON body), ``wrong_type`` (a JSON body labelled
text/html), ``oversized`` (a JSON answer of ``size`` bytes, default 9 MiB), ``delay``
(``seconds`` of silence before answering, to trip the client's timeout), ``body`` (exactly
the text ``body`` labelled JSON, with ``status``: a hostile or malformed answer such as a
catalog with a non-object item or JSON nested too deep), ``stall`` (the request is processed,
then the headers and half the answer are sent and the rest is ``seconds`` late, default 30:
a platform timing out mid-download; ``when`` is always ``after``), ``drip`` (likewise, but the
rest comes one byte every ``interval`` seconds, default 0.2: an answer that never stops
arriving and never ends in time).
"""

from __future__ import annotations

import random
import threading
import time
from dataclasses import asdict, dataclass, field, fields
from typing import Any

KINDS = (
    "status",
    "reset",
    "truncated",
    "garbage",
    "wrong_type",
    "oversized",
    "delay",
    "body",
    "stall",
    "drip",
)


@dataclass
class FaultSettings:
    latency_ms: float = 0.0
    error_rate: float = 0.0
    """Fraction of /v1/ requests answered 500/502 (half before, half after processing)."""
    reset_rate: float = 0.0
    """Fraction of /v1/ requests whose connection is reset mid-answer (half after processing)."""
    rate_limit_rate: float = 0.0
    """Fraction of /v1/ requests answered 429 with Retry-After."""
    unavailable_rate: float = 0.0
    """Fraction of /v1/ requests answered 503 with Retry-After."""
    retry_after_s: int = 1
    clock_skew_s: float = 0.0
    """The platform's wall clock runs this many seconds ahead of the real one."""
    seed: int = 1
    once: list[dict[str, Any]] = field(default_factory=list)


class Faults:
    def __init__(self, settings: FaultSettings | None = None) -> None:
        self._lock = threading.Lock()
        self.settings = settings or FaultSettings()
        self._rng = random.Random(self.settings.seed)
        self.injected: dict[str, int] = {}

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            d = asdict(self.settings)
            d["injected"] = dict(self.injected)
            return d

    def update(self, changes: dict[str, Any]) -> dict[str, Any]:
        """Merge ``changes``; ``{"reset": true}`` first returns every setting to its default."""
        names = {f.name for f in fields(FaultSettings)}
        with self._lock:
            if changes.get("reset"):
                self.settings = FaultSettings()
                self._rng = random.Random(self.settings.seed)
            for key, value in changes.items():
                if key == "reset":
                    continue
                if key not in names:
                    raise ValueError(
                        f"unknown fault setting {key!r} (expected one of {sorted(names)})"
                    )
                if key == "once":
                    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
                        raise ValueError("once: expected a list of objects")
                    for v in value:
                        if v.get("kind") not in KINDS:
                            raise ValueError(f"once: kind must be one of {KINDS}")
                        if v["kind"] in ("stall", "drip"):
                            v["when"] = "after"
                    self.settings.once.extend(value)
                    continue
                if key == "seed":
                    self._rng = random.Random(int(value))
                    self.settings.seed = int(value)
                    continue
                if not isinstance(value, int | float) or isinstance(value, bool):
                    raise ValueError(f"{key}: expected a number")
                setattr(self.settings, key, type(getattr(self.settings, key))(value))
        return self.snapshot()

    def pick(self, method: str, path: str, *, once_only: bool = False) -> dict[str, Any] | None:
        """The fault to apply to this request, if any (consumes a matching one-shot fault);
        ``once_only``: one-shot faults only, no rates (``/fleet/`` files)."""
        with self._lock:
            for i, f in enumerate(self.settings.once):
                if once_only and not str(f.get("path") or "").startswith("/fleet/"):
                    continue
                if f.get("method") and f["method"].upper() != method:
                    continue
                if f.get("path") and not path.startswith(f["path"]):
                    continue
                del self.settings.once[i]
                self._count(f["kind"])
                return f
            if once_only:
                return None
            s = self.settings
            r = self._rng.random()
            for rate, fault in (
                (s.error_rate, {"kind": "status", "status": 500, "error": "unavailable"}),
                (s.reset_rate, {"kind": "reset"}),
                (
                    s.rate_limit_rate,
                    {
                        "kind": "status",
                        "status": 429,
                        "error": "rate_limited",
                        "retry_after": s.retry_after_s,
                    },
                ),
                (
                    s.unavailable_rate,
                    {
                        "kind": "status",
                        "status": 503,
                        "error": "unavailable",
                        "retry_after": s.retry_after_s,
                    },
                ),
            ):
                if r < rate:
                    fault = dict(fault)
                    if fault["kind"] == "reset" or fault.get("status") == 500:
                        fault["when"] = "after" if self._rng.random() < 0.5 else "before"
                        if fault.get("status") == 500 and fault["when"] == "after":
                            fault["status"] = 502
                    self._count(fault["kind"] + str(fault.get("status", "")))
                    return fault
                r -= rate
            return None

    def _count(self, name: str) -> None:
        self.injected[name] = self.injected.get(name, 0) + 1

    @property
    def latency_s(self) -> float:
        return self.settings.latency_ms / 1000.0

    @property
    def skew_s(self) -> float:
        return self.settings.clock_skew_s


class SimClock:
    """The clock that moves applications through their statuses; tests speed it up.

    ``now()`` starts equal to the real time and then runs ``speed`` times faster; ``advance``
    jumps ahead. Changing the speed re-bases, so time never runs backwards.
    """

    def __init__(self, speed: float = 1.0) -> None:
        self._lock = threading.Lock()
        self._base_real = time.time()
        self._base_sim = self._base_real
        self.speed = float(speed)

    def now(self) -> float:
        with self._lock:
            return self._base_sim + (time.time() - self._base_real) * self.speed

    def set_speed(self, speed: float) -> None:
        if speed < 0:
            raise ValueError("speed: expected a number ≥ 0")
        now = self.now()
        with self._lock:
            self._base_real = time.time()
            self._base_sim = now
            self.speed = float(speed)

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("advance_s: time only moves forward")
        with self._lock:
            self._base_sim += seconds
