"""The social security card driver: pyscard through pcscd.

Reads the SSSE's EF05 (card) and EF06 (holder) records and returns tagged results. The PIN is
sent only when the card refuses EF06 with ``6982``, only if the caller gave one, and only once
per read — a wrong PIN is reported with the tries left (``63Cx``), never retried: wrong PINs
lock the card. Asked for no PIN, the driver answers ``PinRequired`` with the tries left (a
VERIFY without data, which sends no PIN and uses no try). ``61xx``/``6Cxx`` are handled in :func:`drivers.ssc.apdu.transmit`.

No pcscd, no reader: ``Unavailable``. The card pulled out during the read: ``CardRemoved``.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from typing import Any

from drivers.ssc import apdu as A
from kiosk.devices.delays import Delays
from kiosk.identity.ssc import SocialSecurityCard
from kiosk.masking import scrub_text
from kiosk.ports.identity import (
    CardError,
    CardRemoved,
    Disconnected,
    NoCard,
    PinRequired,
    ReaderStatus,
    Ready,
    SscPresent,
    SscRead,
    Unavailable,
)

log = logging.getLogger(__name__)
NO_PCSCD = "PC/SC service (pcscd) not running"


@dataclasses.dataclass(frozen=True)
class SscDelays(Delays):
    change_poll_s: float = 0.5
    """Slice of a blocking wait for insert/removal (so a cancelled wait ends soon)."""
    removal_grace_s: float = 1.5
    """After a failed APDU, how long pcscd may take to report the card gone (~300 ms)."""


class _Gone(Exception):
    pass


class PcscSscReader:
    def __init__(self, reader: str | None = None, *, delays: SscDelays | None = None) -> None:
        self.reader_filter = reader
        self.delays = delays or SscDelays()

    # ------------------------------------------------------------------ readers
    def _readers(self) -> list[Any] | Unavailable:
        try:
            from smartcard.System import readers
        except ImportError:
            return Unavailable("pyscard is not installed")
        try:
            found = readers()
        except Exception as exc:  # EstablishContextException, ListReadersException
            log.debug("pcsc: %s", exc)
            return Unavailable(NO_PCSCD)
        if self.reader_filter:
            found = [r for r in found if self.reader_filter in str(r)]
        if not found:
            what = f" matching {self.reader_filter!r}" if self.reader_filter else ""
            return Unavailable(f"no PC/SC reader{what}")
        return found

    def _pick(self) -> Any:
        """The configured reader, else the first reader holding a card, else the first."""
        found = self._readers()
        if isinstance(found, Unavailable):
            return found
        if len(found) > 1:
            for r in found:
                if self._card_present(str(r)):
                    return r
        return found[0]

    @staticmethod
    def _card_present(name: str) -> bool | None:
        try:
            from smartcard import scard as S

            hr, ctx = S.SCardEstablishContext(S.SCARD_SCOPE_USER)
            if hr != S.SCARD_S_SUCCESS:
                return None
            try:
                hr, states = S.SCardGetStatusChange(ctx, 0, [(name, S.SCARD_STATE_UNAWARE)])
                if hr != S.SCARD_S_SUCCESS:
                    return None
                return bool(states[0][1] & S.SCARD_STATE_PRESENT)
            finally:
                S.SCardReleaseContext(ctx)
        except Exception:
            return None

    @staticmethod
    def _wait_absent(name: str, timeout_s: float) -> bool:
        """True once pcscd reports no card in ``name`` (it needs a moment after a pull)."""
        deadline = time.monotonic() + timeout_s
        while True:
            present = PcscSscReader._card_present(name)
            if present is False:
                return True
            if present is None or time.monotonic() >= deadline:
                return present is None
            time.sleep(0.05)

    # ------------------------------------------------------------------ port surface
    def status(self) -> ReaderStatus:
        r = self._pick()
        if isinstance(r, Unavailable):
            return r
        present = self._card_present(str(r))
        if present is None:
            return Disconnected(f"{r}: state unknown")
        return Ready(str(r)) if present else NoCard()

    def card_token(self) -> int | None:
        """Which insertion the card in the reader is: pcsc-lite's card-event count (the upper
        16 bits of the reader state), which grows when a card goes in or out. None when no card
        is in or it cannot be told."""
        r = self._pick()
        if isinstance(r, Unavailable):
            return None
        try:
            from smartcard import scard as S

            hr, ctx = S.SCardEstablishContext(S.SCARD_SCOPE_USER)
            if hr != S.SCARD_S_SUCCESS:
                return None
            try:
                hr, states = S.SCardGetStatusChange(ctx, 0, [(str(r), S.SCARD_STATE_UNAWARE)])
                if hr != S.SCARD_S_SUCCESS or not states[0][1] & S.SCARD_STATE_PRESENT:
                    return None
                return int(states[0][1] >> 16)
            finally:
                S.SCardReleaseContext(ctx)
        except Exception:
            return None

    def wait_for_change(self, timeout_s: float) -> ReaderStatus:
        """Block until a card goes in or out of the reader (or ``timeout_s``)."""
        r = self._pick()
        if isinstance(r, Unavailable):
            time.sleep(min(timeout_s, 1.0))
            return r
        name = str(r)
        try:
            from smartcard import scard as S

            hr, ctx = S.SCardEstablishContext(S.SCARD_SCOPE_USER)
            if hr != S.SCARD_S_SUCCESS:
                return Unavailable(NO_PCSCD)
            try:
                hr, states = S.SCardGetStatusChange(ctx, 0, [(name, S.SCARD_STATE_UNAWARE)])
                if hr != S.SCARD_S_SUCCESS:
                    return Disconnected(S.SCardGetErrorMessage(hr))
                state = states[0][1] & ~S.SCARD_STATE_CHANGED
                deadline = time.monotonic() + timeout_s
                while (left := deadline - time.monotonic()) > 0:
                    ms = int(min(left, self.delays.change_poll_s) * 1000)
                    hr, new = S.SCardGetStatusChange(ctx, ms, [(name, state)])
                    if hr == S.SCARD_E_TIMEOUT:
                        continue
                    if hr != S.SCARD_S_SUCCESS:
                        return Disconnected(S.SCardGetErrorMessage(hr))
                    ns = new[0][1]
                    if (ns & S.SCARD_STATE_PRESENT) != (state & S.SCARD_STATE_PRESENT):
                        return Ready(name) if ns & S.SCARD_STATE_PRESENT else NoCard()
                    state = ns & ~S.SCARD_STATE_CHANGED
            finally:
                S.SCardReleaseContext(ctx)
        except Exception as exc:
            return Disconnected(scrub_text(str(exc)))
        return self.status()

    def close(self) -> None:
        """Nothing stays open between reads (a connection lives for one read)."""

    def read_card(self, *, pin: str | None = None) -> SscRead:
        return self._with_card(lambda send: self._read(send, pin))

    def technician_auth(self, challenge: bytes) -> Any:
        """The card in the reader as a technician card: its certificate and its signature over
        ``challenge`` (:func:`drivers.techcard.reader.authenticate`), or ``NotTechnicianCard``,
        ``NoCard``, ``CardRemoved``, ``CardError``."""
        from drivers.techcard.reader import authenticate

        return self._with_card(lambda send: authenticate(send, challenge))

    def _with_card(self, exchange: Any) -> Any:
        """Connect to the card, run ``exchange(send)``, disconnect; every failure a value."""
        r = self._pick()
        if isinstance(r, Unavailable):
            return CardError("unavailable", None, r.reason)
        from smartcard.CardConnection import CardConnection
        from smartcard.Exceptions import CardConnectionException, NoCardException

        conn = r.createConnection()
        try:
            conn.connect(CardConnection.T0_protocol | CardConnection.T1_protocol)
        except NoCardException:
            return NoCard()
        except CardConnectionException as exc:
            if self._card_present(str(r)) is False:
                return NoCard()
            return CardError("disconnected", None, scrub_text(str(exc)))
        except Exception as exc:
            return CardError("disconnected", None, scrub_text(str(exc)))

        def send(apdu: bytes) -> tuple[bytes, int, int]:
            try:
                data, sw1, sw2 = conn.transmit(list(apdu))
            except Exception as exc:
                raise _Gone(str(exc)) from None
            return bytes(data), sw1, sw2

        try:
            return exchange(send)
        except _Gone as exc:
            if self._wait_absent(str(r), self.delays.removal_grace_s):
                return CardRemoved()
            return CardError("disconnected", None, scrub_text(str(exc)))
        finally:
            try:
                conn.disconnect()
            except Exception:
                pass

    # ------------------------------------------------------------------ the read
    @staticmethod
    def _pin_status(send: A.Send) -> SscRead:
        """The card wants its PIN and none was given: ask how many tries are left.

        A VERIFY with no data (ISO/IEC 7816-4) carries no PIN and cannot use up a try: the
        card answers ``63Cx`` (x tries left), ``6983`` when blocked, or ``9000`` / anything
        else when it does not tell (then ``tries_left`` is None).
        """
        _, sw = A.transmit(send, A.VERIFY_STATUS)
        if sw & 0xFFF0 == 0x63C0:
            return (
                PinRequired(sw & 0xF)
                if sw & 0xF
                else CardError("pin_blocked", f"{sw:04X}", "PIN blocked", 0)
            )
        if sw in (0x6983, 0x6984):
            return CardError("pin_blocked", f"{sw:04X}", A.sw_meaning(sw), 0)
        return PinRequired()

    def _read(self, send: A.Send, pin: str | None) -> SscRead:
        _, sw = A.transmit(send, A.SELECT_SSSE)
        if sw != 0x9000:
            return CardError("sam", f"{sw:04X}", "not a social security card: " + A.sw_meaning(sw))
        values: dict[str, Any] = {}
        for fid, tags in ((A.EF05, A.EF05_TAGS), (A.EF06, A.EF06_TAGS)):
            _, sw = A.transmit(send, A.select_file(fid))
            if sw != 0x9000:
                return CardError(
                    "sam", f"{sw:04X}", f"select {fid.hex().upper()}: {A.sw_meaning(sw)}"
                )
            pin_sent = False
            for tag, (name, kind) in tags.items():
                data, sw = A.transmit(send, A.read_record(tag))
                if sw == 0x6982 and not pin_sent:
                    if pin is None:
                        return self._pin_status(send)
                    pin_sent = True  # exactly one VERIFY per read, whatever it answers
                    _, vsw = A.transmit(send, A.verify(pin))
                    if vsw & 0xFFF0 == 0x63C0:
                        if vsw & 0xF == 0:  # no tries left: the card is blocked now
                            return CardError("pin_blocked", f"{vsw:04X}", "PIN refused", 0)
                        return CardError("pin_wrong", f"{vsw:04X}", "PIN refused", vsw & 0xF)
                    if vsw in (0x6983, 0x6984):
                        return CardError("pin_blocked", f"{vsw:04X}", A.sw_meaning(vsw), 0)
                    if vsw != 0x9000:
                        return CardError("sam", f"{vsw:04X}", "VERIFY: " + A.sw_meaning(vsw))
                    data, sw = A.transmit(send, A.read_record(tag))
                if sw == 0x6A83:
                    values[name] = None
                    continue
                if sw != 0x9000:
                    return CardError("sam", f"{sw:04X}", f"read tag {tag:02X}: {A.sw_meaning(sw)}")
                tlv = A.parse_tlv(data)
                if tag not in tlv:
                    return CardError("invalid_data", None, f"record {tag:02X} is not a TLV")
                try:
                    values[name] = A.decode_value(kind, tlv[tag])
                except (ValueError, UnicodeDecodeError) as exc:
                    return CardError("invalid_data", None, f"record {tag:02X}: {exc}")
        if not values.get("id_number") or not values.get("name") or not values.get("card_number"):
            return CardError("invalid_data", None, "card number, ID number or name missing")
        card = SocialSecurityCard(**values)
        log.info("ssc reader: read %r", card)
        return SscPresent(card)
