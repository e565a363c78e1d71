"""A social security card that plugs into the real pcscd through vsmartcard's vpcd.

vpcd (loaded by pcscd) listens on TCP 35963/35964; the card connects to it. Every message
both ways is a 2-byte big-endian length and the payload. From vpcd, a 1-byte payload is a
control (00 power off, 01 power on, 02 reset, 04 send your ATR); longer payloads are command
APDUs, answered with data + SW1 SW2. ``TCP_NODELAY`` is set and ``TCP_QUICKACK`` re-armed
before every ``recv`` — vpcd writes length and payload separately, and without quick ACKs each
APDU costs ~45 ms instead of ~0.15 ms.

The emulator answers like a T=0 card: SELECT of the application says ``61xx`` (FCI waiting
for GET RESPONSE) and READ RECORD with the wrong Le says ``6Cxx``, so the driver's status
word handling is exercised for real. A card with ``pin`` in its JSON refuses EF06 with
``6982`` until VERIFY succeeds; wrong PINs count down (``63Cx``) and block at 0 (``6983``).

State: the control file (``drivers.simctl``) key ``card`` — a card JSON path, an inline
object, or absent for "no card". A technician card file (``"type": "technician"``) puts a
technician card in the slot instead (:mod:`drivers.techcard.emulator`): the emulator is the
reader's slot, and serves whichever card is in it (the emulator disconnects: pcscd sees a real removal).
Faults: ``pull-mid-read`` (``:once``): the card leaves while EF06 is being read — the emulator
disconnects mid-APDU (pcscd sees a real removal) and reinserts the card ``reinsert_s`` later.
"""

from __future__ import annotations

import contextlib
import json
import logging
import select
import socket
import struct
import threading
import time
from pathlib import Path
from typing import Any

from drivers.common.simulator import ThreadedSimulator, load_card_json
from drivers.simctl import SimControl
from drivers.ssc import apdu as A
from drivers.techcard.emulator import TechnicianApplet, is_technician_file
from kiosk.identity.ssc import SocialSecurityCard

log = logging.getLogger(__name__)
ATR = bytes.fromhex("3B6800000073C84013009000")  # T=0
ATR_T1 = bytes.fromhex("3B80800101")  # T=0 and T=1 offered (TCK 01): pcscd picks T=1
ATRS = {"T0": ATR, "T1": ATR_T1}
FCI = bytes.fromhex("6F0F840D") + A.AID_SSSE[:13]


def load_ssc(
    value: Any, base: Path | None = None
) -> tuple[SocialSecurityCard, dict[str, Any]] | TechnicianApplet | None:
    """The card a control-file ``card`` value names and its raw JSON (for ``pin``...), or a
    technician card's applet."""
    data = load_card_json(value, base)
    if data is None:
        return None
    if is_technician_file(data):
        return TechnicianApplet.from_json(data)
    return SocialSecurityCard.from_json(data), data


class SscCard:
    """The card's file system and PIN logic: ``answer(apdu) -> response`` (pure)."""

    def __init__(self, card: SocialSecurityCard, pin: str | None = None, pin_tries: int = 3):
        self.card = card
        self.pin = pin
        self.tries = pin_tries
        self.reset()

    def reset(self) -> None:
        self.selected_app = False
        self.current_ef: bytes | None = None
        self.verified = self.pin is None
        self.pending = b""

    def _record(self, tag: int) -> bytes | None:
        table = A.EF05_TAGS if self.current_ef == A.EF05 else A.EF06_TAGS
        if tag not in table:
            return None
        name, kind = table[tag]
        value = A.encode_value(kind, getattr(self.card, name), A.TAG_SIZES[tag])
        return bytes([tag, len(value)]) + value

    def answer(self, apdu: bytes) -> bytes:
        if len(apdu) < 4:
            return b"\x67\x00"
        cla, ins, p1, p2 = apdu[:4]
        body = apdu[4:]
        if ins == 0xA4:  # SELECT
            lc = body[0] if body else 0
            data = body[1 : 1 + lc]
            if p1 == 0x04:
                if data != A.AID_SSSE:
                    return b"\x6a\x82"
                self.selected_app, self.current_ef = True, None
                self.pending = FCI
                return bytes([0x61, len(FCI)])
            if p1 == 0x02 and self.selected_app and data in (A.EF05, A.EF06):
                self.current_ef = data
                return b"\x90\x00"
            return b"\x6a\x82"
        if ins == 0xC0:  # GET RESPONSE
            answer, self.pending = A.card_get_response(self.pending, body)
            return answer
        if ins == 0xB2:  # READ RECORD by tag
            if self.current_ef is None:
                return b"\x69\x86"
            if self.current_ef == A.EF06 and not self.verified:
                return b"\x69\x82"
            rec = self._record(p1)
            if rec is None:
                return b"\x6a\x83"
            le = body[0] if body else 0
            if le != len(rec):
                return bytes([0x6C, len(rec)])
            return rec + b"\x90\x00"
        if ins == 0x20:  # VERIFY
            if self.pin is None:
                return b"\x90\x00"
            if self.tries <= 0:
                return b"\x69\x83"
            lc = body[0] if body else 0
            if lc == 0:
                return bytes([0x63, 0xC0 | self.tries])
            try:
                given = body[1 : 1 + lc]
                ok = given == A.pin_to_bcd(self.pin)
            except ValueError:
                ok = False
            if ok:
                self.tries = 3
                self.verified = True
                return b"\x90\x00"
            self.tries -= 1
            return b"\x69\x83" if self.tries <= 0 else bytes([0x63, 0xC0 | self.tries])
        return b"\x6d\x00"


class SscEmulator(ThreadedSimulator):
    thread_name = "sim-ssc"

    def __init__(
        self,
        control: str | Path,
        *,
        card: Any = None,
        host: str = "127.0.0.1",
        vpcd_port: int = 35963,
        protocol: str = "T0",
    ) -> None:
        super().__init__()
        self.host, self.port = host, vpcd_port
        self.atr = ATRS[protocol]
        self.control = SimControl(control)
        state: dict[str, Any] = {"faults": []}
        if card is not None:
            state["card"] = card
        self.control.replace(state)
        self._sock: socket.socket | None = None
        self._card: SscCard | TechnicianApplet | None = None
        self._card_key: str | None = None
        self.connected = threading.Event()
        self.reinsert_s = 1.0
        self._out_until = 0.0
        self.apdus = 0

    def _after_stop(self) -> None:
        self._disconnect()

    # ------------------------------------------------------------------ state
    def _desired_card(self) -> SscCard | TechnicianApplet | None:
        state = self.control.read()
        value = state.get("card")
        key = json.dumps(value, sort_keys=True, ensure_ascii=False)
        if key == self._card_key:
            return self._card
        self._card_key = key
        try:
            loaded = load_ssc(value, self.control.path.parent)
        except ValueError as exc:
            log.warning("ssc emulator: %s; no card", exc)
            loaded = None
        if loaded is None:
            self._card = None
        elif isinstance(loaded, TechnicianApplet):
            self._card = loaded
        else:
            card, raw = loaded
            self._card = SscCard(card, raw.get("pin"), int(raw.get("pin_tries", 3)))
        self._disconnect()  # a different card: pull the old one out first
        return self._card

    # ------------------------------------------------------------------ vpcd link
    def _disconnect(self) -> None:
        sock, self._sock = self._sock, None
        self.connected.clear()
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.close()

    def _connect(self) -> bool:
        try:
            sock = socket.create_connection((self.host, self.port), timeout=1.0)
        except OSError:
            return False
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.settimeout(None)
        self._sock = sock
        self.connected.set()
        if self._card is not None:
            self._card.reset()
        return True

    def _recv_exact(self, n: int) -> bytes:
        assert self._sock is not None
        buf = bytearray()
        while len(buf) < n:
            self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
            chunk = self._sock.recv(n - len(buf))
            if not chunk:
                raise ConnectionError("vpcd closed the connection")
            buf += chunk
        return bytes(buf)

    def _send(self, payload: bytes) -> None:
        assert self._sock is not None
        self._sock.sendall(struct.pack(">H", len(payload)) + payload)

    def serve_forever(self) -> None:
        last_check = 0.0
        while not self._stop.is_set():
            now = time.monotonic()
            if now - last_check >= 0.2 or self._sock is None:
                last_check = now
                card = self._desired_card()
                if card is None:
                    self._disconnect()
                elif self._sock is None and time.monotonic() < self._out_until:
                    self._stop.wait(0.05)
                    continue
                elif self._sock is None and not self._connect():
                    self._stop.wait(0.3)
                    continue
            if self._sock is None:
                self._stop.wait(0.2)
                continue
            try:
                r, _, _ = select.select([self._sock], [], [], 0.2)
                if not r:
                    continue
                (n,) = struct.unpack(">H", self._recv_exact(2))
                msg = self._recv_exact(n) if n else b""
                self._handle(msg)
            except (OSError, ConnectionError) as exc:
                log.info("ssc emulator: link lost (%s); reconnecting", exc)
                self._disconnect()
                self._stop.wait(0.2)

    def _pull_requested(self) -> bool:
        faults = [str(f) for f in self.control.read().get("faults", [])]
        if "pull-mid-read" in faults:
            return True
        if "pull-mid-read:once" in faults:
            faults.remove("pull-mid-read:once")
            self.control.update(faults=faults)
            return True
        return False

    def _handle(self, msg: bytes) -> None:
        card = self._card
        if len(msg) == 1:
            if msg[0] == 0x04:
                self._send(self.atr)
            elif msg[0] in (0x01, 0x02) and card is not None:
                card.reset()
            return
        if card is None:
            return
        if (
            len(msg) >= 2
            and msg[1] == 0xB2
            and getattr(card, "current_ef", None) == A.EF06
            and self._pull_requested()
        ):
            # the resident pulls the card out while the holder's data is being read, and
            # puts it back a moment later (long enough for pcscd to see the removal)
            self._disconnect()
            self._out_until = time.monotonic() + self.reinsert_s
            return
        self.apdus += 1
        self._send(card.answer(msg))
