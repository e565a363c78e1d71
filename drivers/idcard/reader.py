"""The GA/T 467 reader driver (pyserial): SAM status, find, select, read text + photo.

Everything a reader sends becomes a tagged result (``kiosk.ports.identity``); only
programming errors raise. Per command: one retry after a bad checksum or a timeout, then a
``CardError``. A failed read after a successful select is told apart by asking the reader to
find the card again: no card means it was pulled out (``CardRemoved``).

The port is opened lazily and dropped on any I/O error, so the next call reconnects. The photo
is kept as opaque bytes and never logged.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from pathlib import Path
from typing import Any

from drivers.common.serialport import SerialFactory, close_quietly, open_serial
from drivers.idcard import protocol as p
from kiosk.devices.delays import Delays
from kiosk.devices.paths import BY_ID_DIR, StablePort
from kiosk.identity.gat490 import TEXT_BLOCK_SIZE, TextBlockError, decode_address, decode_text_block
from kiosk.masking import scrub_text
from kiosk.ports.identity import (
    CardError,
    CardPresent,
    CardRead,
    CardRemoved,
    Disconnected,
    NoCard,
    ReaderStatus,
    Ready,
    Unavailable,
)

log = logging.getLogger(__name__)
MIN_POLL_S = 0.3  # GA/T 467: poll no faster than every 300 ms


@dataclasses.dataclass(frozen=True)
class IdReaderDelays(Delays):
    response_timeout_s: float = 3.0
    """How long one command may take to be answered (the config's ``read_timeout_s``)."""
    poll_interval_s: float = MIN_POLL_S
    """Between find-card polls while waiting for a card (never below 300 ms)."""


class _PortGone(Exception):
    pass


class GaT467Reader:
    def __init__(
        self,
        port: str,
        baudrate: int = 115200,
        *,
        delays: IdReaderDelays | None = None,
        serial_factory: SerialFactory = open_serial,
        by_id_dir: Path = BY_ID_DIR,
    ) -> None:
        self.port = port
        self.baudrate = baudrate
        self.delays = delays or IdReaderDelays()
        self._factory = serial_factory
        self._stable = StablePort(port, by_id_dir)
        self._ser: Any = None
        self._parser = p.FrameParser()

    # ------------------------------------------------------------------ connection
    def open(self) -> None:
        """Open the port now (raises ``OSError``/``SerialException`` when it is absent)."""
        if self._ser is None:
            path = self._stable.path()
            self._ser = self._factory(path, self.baudrate, self.delays.response_timeout_s)

    def close(self) -> None:
        ser, self._ser = self._ser, None
        close_quietly(ser, "id reader")

    def __enter__(self) -> GaT467Reader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ commands
    def _io(self, cmd: tuple[int, int], data: bytes = b"") -> p.Frame | CardError:
        """Send one command and return its answer, retrying once on checksum or timeout."""
        if self._ser is None:
            try:
                self.open()
            except FileNotFoundError as exc:
                raise _PortGone(str(exc)) from None
            except Exception as exc:
                raise _PortGone(f"{self.port}: cannot open ({exc})") from None
        frame = p.build_command(cmd, data)
        last: CardError | None = None
        for _attempt in range(2):
            try:
                self._ser.reset_input_buffer()
                self._parser.reset()
                self._ser.write(frame)
                got = self._read_frame(time.monotonic() + self.delays.response_timeout_s)
            except Exception as exc:  # SerialException, OSError (EIO when the device left)
                self.close()
                raise _PortGone(f"{self.port}: {exc}") from None
            if isinstance(got, p.Frame):
                return got
            if isinstance(got, p.BadFrame):
                last = CardError("checksum", None, "response checksum (XOR) mismatch")
            else:
                last = CardError("timeout", None, f"no answer to command {cmd[0]:02X} {cmd[1]:02X}")
            log.info("id reader: %s, retrying command %02X %02X", last.kind, *cmd)
        assert last is not None
        return last

    def _read_frame(self, deadline: float) -> p.Frame | p.BadFrame | None:
        bad: p.BadFrame | None = None
        ser = self._ser
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return bad
            if ser.timeout != remaining:
                ser.timeout = remaining
            chunk = ser.read(min(self._parser.needed(), 4096))
            if not chunk:
                continue
            for ev in self._parser.feed(chunk):
                if isinstance(ev, p.Frame):
                    return ev
                bad = ev
            if bad is not None and self._parser.pending() == 0:
                return bad  # nothing else is on its way: no point waiting out the timeout

    # ------------------------------------------------------------------ operations
    def status(self) -> ReaderStatus:
        """SAM status (11 FF): Ready when the SAM answers 90."""
        try:
            r = self._io(p.SAM_STATUS)
        except _PortGone as exc:
            reason = scrub_text(str(exc))
            return Unavailable(reason) if "no such device" in reason else Disconnected(reason)
        if isinstance(r, CardError):
            return Disconnected(r.describe())
        if r.sw3 != p.SW_OK:
            return Disconnected(f"SAM status {r.sw3:02X}: {p.status_meaning(r.sw3)}")
        return Ready("SAM ok")

    def read_sam_id(self) -> bytes | CardError:
        try:
            r = self._io(p.READ_SAM_ID)
        except _PortGone as exc:
            return CardError("disconnected", None, scrub_text(str(exc)))
        if isinstance(r, CardError):
            return r
        if r.sw3 != p.SW_OK:
            return _sam_error(r.sw3)
        return r.data

    def card_in_field(self) -> bool | None:
        """寻卡 alone: a card on the reader (True), none (False), or the reader cannot tell.
        The card is neither selected nor read."""
        try:
            r = self._io(p.FIND_CARD)
        except _PortGone:
            return None
        if isinstance(r, CardError):
            return None
        if r.sw3 == p.SW_FIND_OK:
            return True
        return False if r.sw3 == p.SW_NO_CARD else None

    def read_card(self, *, with_address: bool = False) -> CardRead:
        try:
            return self._read_card(with_address)
        except _PortGone as exc:
            return CardError("disconnected", None, scrub_text(str(exc)))

    def _read_card(self, with_address: bool) -> CardRead:
        r = self._io(p.FIND_CARD)
        if isinstance(r, CardError):
            return r
        if r.sw3 == p.SW_NO_CARD:
            return NoCard()
        if r.sw3 != p.SW_FIND_OK:
            return _sam_error(r.sw3)
        r = self._io(p.SELECT_CARD)
        if isinstance(r, CardError):
            return r
        if r.sw3 in (p.SW_SELECT_FAILED, p.SW_NO_CARD):
            return NoCard()  # the card left between find and select
        if r.sw3 != p.SW_OK:
            return _sam_error(r.sw3)
        r = self._io(p.READ_TEXT_PHOTO)
        if isinstance(r, CardError) and r.kind == "checksum":
            return r
        if isinstance(r, CardError) or r.sw3 != p.SW_OK:
            return self._failed_read(r)
        card = _parse_text_photo(r.data)
        if isinstance(card, CardError):
            return card
        if with_address:
            a = self._io(p.READ_ADDRESS)
            if isinstance(a, CardError):
                return a
            if a.sw3 == p.SW_OK:
                try:
                    address = decode_address(a.data)
                except TextBlockError as exc:
                    return CardError("invalid_data", None, str(exc))
                card = dataclasses.replace(card, appended_address=address or None)
            elif a.sw3 != p.SW_NO_CONTENT:
                return self._failed_read(a)
        log.info("id reader: read %s", card.masked())
        return CardPresent(card)

    def _failed_read(self, r: p.Frame | CardError) -> CardRead:
        """A read failed after a successful select: was the card pulled out?"""
        probe = self._io(p.FIND_CARD)
        if isinstance(probe, p.Frame) and probe.sw3 == p.SW_NO_CARD:
            return CardRemoved()
        if isinstance(r, CardError):
            return r
        return _sam_error(r.sw3)

    def wait_for_card(
        self, timeout_s: float, *, with_address: bool = False, cancel: Any = None
    ) -> CardRead:
        """Poll until a card is read, an error, ``timeout_s`` or ``cancel`` (an Event)."""
        interval = max(MIN_POLL_S, self.delays.poll_interval_s)
        deadline = time.monotonic() + timeout_s
        waiter = cancel if cancel is not None else threading.Event()
        while True:
            started = time.monotonic()
            result = self.read_card(with_address=with_address)
            if not isinstance(result, NoCard):
                return result
            next_poll = started + interval
            if next_poll >= deadline:
                return NoCard()
            if waiter.wait(max(0.0, next_poll - time.monotonic())):
                return NoCard()


def _sam_error(sw3: int) -> CardError:
    return CardError("sam", f"{sw3:02X}", p.status_meaning(sw3))


def _parse_text_photo(data: bytes) -> Any:
    """``text_len(2) photo_len(2) text photo`` → IdentityCard, or ``CardError`` invalid_data."""
    if len(data) < 4:
        return CardError("invalid_data", None, f"read answer too short ({len(data)} bytes)")
    tl = int.from_bytes(data[0:2], "big")
    pl = int.from_bytes(data[2:4], "big")
    if tl != TEXT_BLOCK_SIZE or len(data) < 4 + tl + pl:
        return CardError(
            "invalid_data", None, f"text/photo lengths {tl}/{pl} do not fit {len(data)} bytes"
        )
    text = data[4 : 4 + tl]
    photo = data[4 + tl : 4 + tl + pl]
    try:
        return decode_text_block(text, photo=photo)
    except TextBlockError as exc:
        return CardError("invalid_data", None, str(exc))
