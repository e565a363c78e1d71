"""The social security card reader as a managed device.

Opening fails (→ ``Unavailable``) while pcscd is not running or the reader is absent, and the
manager keeps retrying with backoff while idle; the rest of the kiosk keeps working.
"""

from __future__ import annotations

from typing import Any

from drivers.ssc.reader import PcscSscReader, SscDelays
from kiosk.devices.manager import ManagedDevice
from kiosk.ports.identity import CardError, Disconnected, NoCard, Ready, SscPresent, Unavailable


class SscUnavailable(RuntimeError):
    pass


def classify_read(result: Any) -> Any | None:
    if isinstance(result, CardError) and result.kind in ("unavailable", "disconnected"):
        return (
            Unavailable(result.meaning)
            if result.kind == "unavailable"
            else Disconnected(result.meaning)
        )
    if isinstance(result, SscPresent):
        return Ready("card read")
    if isinstance(result, NoCard):
        return NoCard()
    return None


def probe(reader: PcscSscReader) -> Any:
    """The reader's health: "no card" is a healthy reader."""
    st = reader.status()
    return Ready("no card") if isinstance(st, NoCard) else st


def managed_ssc_reader(
    reader: str | None = None, *, delays: SscDelays | None = None
) -> ManagedDevice[PcscSscReader]:
    d = delays or SscDelays()

    def open_reader() -> PcscSscReader:
        r = PcscSscReader(reader, delays=d)
        st = r.status()
        if isinstance(st, Unavailable):
            raise SscUnavailable(st.reason)
        return r

    return ManagedDevice("ssc_reader", open_reader, probe=probe, classify=classify_read, delays=d)
