"""The ID card reader as a managed device (for the composition root).

    dev = managed_id_reader(cfg.devices.id_reader.port, cfg.devices.id_reader.baudrate)
    dev.start()
    fut = dev.submit(lambda r: r.wait_for_card(30), unavailable=as_card_error)
    dev.status.subscribe(view_model.on_reader_status)

The composition root builds it through :mod:`drivers.idcard.factory`, which for ``kind =
"simulated"`` starts an :class:`~drivers.idcard.simulator.IdReaderSimulator` first.
"""

from __future__ import annotations

from typing import Any

from drivers.idcard.reader import GaT467Reader, IdReaderDelays
from drivers.idcard.simulator import DEMO_CARD
from kiosk.devices.manager import ManagedDevice
from kiosk.ports.identity import (
    CardError,
    CardPresent,
    CardRemoved,
    Disconnected,
    NoCard,
    Ready,
    Unavailable,
)


def as_card_error(status: Any) -> CardError:
    """The ``unavailable=`` result of a read job while the reader is absent."""
    reason = getattr(status, "reason", str(status))
    kind = "unavailable" if isinstance(status, Unavailable) else "disconnected"
    return CardError(kind, None, reason)


def classify_read(result: Any) -> Any | None:
    """What a read's result says about the reader's health (for the status stream)."""
    if isinstance(result, CardError) and result.kind == "disconnected":
        return Disconnected(result.meaning)
    if isinstance(result, CardPresent | CardRemoved):
        return Ready("card read")
    if isinstance(result, NoCard):
        return NoCard()
    return None


def managed_id_reader(
    port: str,
    baudrate: int = 115200,
    *,
    poll_interval_ms: int = 300,
    read_timeout_s: float = 3.0,
    delays: IdReaderDelays | None = None,
) -> ManagedDevice[GaT467Reader]:
    d = delays or IdReaderDelays(
        response_timeout_s=read_timeout_s, poll_interval_s=max(0.3, poll_interval_ms / 1000)
    )

    def open_reader() -> GaT467Reader:
        reader = GaT467Reader(port, baudrate, delays=d)
        reader.open()
        return reader

    return ManagedDevice(
        "id_reader",
        open_reader,
        probe=lambda r: r.status(),
        classify=classify_read,
        delays=d,
    )


__all__ = [
    "DEMO_CARD",
    "Ready",
    "as_card_error",
    "classify_read",
    "managed_id_reader",
]
