"""A GA/T 467 reader on a pty: answers exactly like a reader, paced to its baud rate.

State lives in the control file ``<link>.control.json`` (``drivers.simctl``), read on every
find-card command, so tests, ``kiosk sim control`` and the developer panel change a running
simulator the same way:

- ``card``: a path to a card JSON file (``read-id``'s keys), an inline card object, or absent /
  null for "no card on the reader";
- ``faults``: names, each on every read or with ``:once`` on the next read only —
  ``no-card``, ``pull-mid-read``, ``noise-before``, ``stray-after``, ``bad-checksum``,
  ``fragmented``, ``slow``; and two more for drills: ``sam-error`` (the SAM answers 60,
  self-test failed) and ``silent`` (no answer at all);
- ``slow_s``: how late a ``slow`` answer comes (default 1.0 s, within a driver's 3 s timeout).

A "read" starts at a find-card command: the faults are taken then and hold for the select and
the read that follow. ``pull-mid-read`` answers the read with 41 (read failed) and the next
find with 80, as a reader does when the card leaves the field.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import random
import select
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drivers.common.simulator import PtySimulator, load_card_json
from drivers.idcard import protocol as p
from kiosk.identity.card import IdentityCard
from kiosk.identity.gat490 import encode_address, encode_text_block

log = logging.getLogger(__name__)

FAULTS = (
    "no-card",
    "pull-mid-read",
    "noise-before",
    "stray-after",
    "bad-checksum",
    "fragmented",
    "slow",
    "sam-error",
    "silent",
)
DEMO_CARD: dict[str, Any] = {
    "card_type": "resident",
    "name": "王秀英",
    "gender": "2",
    "ethnicity": "01",
    "birth_date": "1949-12-31",
    "address": "北京市朝阳区建国路88号院3号楼2单元501室",
    "id_number": "11010519491231002X",
    "issuer": "北京市公安局朝阳分局",
    "valid_from": "2019-03-15",
    "valid_to": "长期",
}
"""A fictional resident card (the standard's example number) for demos without asset files."""
WLT_HEADER = bytes.fromhex("574C66007E00320000FF85")
NOISE = bytes.fromhex("00FFAAAA9613AA55AAAAAA96")
STRAY = bytes.fromhex("0000FFAA96")
SAM_ID = bytes.fromhex("0000000A0102030405060708090A0B0C")[:16]


def fake_photo(seed: str) -> bytes:
    """1024 bytes that look like a WLT photo (header, then deterministic filler)."""
    out = bytearray(WLT_HEADER)
    block = hashlib.sha256(seed.encode()).digest()
    while len(out) < 1024:
        block = hashlib.sha256(block).digest()
        out += block
    data = bytes(out[:1024])
    # make sure the filler can never contain a frame preamble
    return data.replace(p.PREAMBLE, b"\xaa\xaa\xab\x96\x69")[:1024]


def load_card(value: Any, base: Path | None = None) -> IdentityCard | None:
    """The card a control-file ``card`` value names (``ValueError`` if it is not one)."""
    data = load_card_json(value, base)
    if data is None:
        return None
    card = IdentityCard.from_json(data)
    encode_text_block(card)  # fits?
    return card


@dataclass
class _Read:
    faults: set[str] = field(default_factory=set)
    once: set[str] = field(default_factory=set)
    card: IdentityCard | None = None
    bad_sent: bool = False
    selected: bool = False


class IdReaderSimulator(PtySimulator):
    thread_name = "sim-id-reader"

    def __init__(
        self,
        link: str | os.PathLike[str],
        *,
        card: Any = None,
        faults: list[str] | tuple[str, ...] = (),
        baudrate: int = 115200,
        pace: bool = True,
        slow_s: float = 1.0,
    ) -> None:
        state: dict[str, Any] = {"faults": list(faults), "slow_s": slow_s}
        if card is not None:
            state["card"] = card
        super().__init__(link, baudrate=baudrate, pace=pace, state=state)
        self._read = _Read()
        self._pulled = False
        self._parser = p.FrameParser()
        self._rng = random.Random(467)
        self._card_cache: tuple[str, IdentityCard | None] | None = None
        self._slow_s = slow_s

    def serve_forever(self) -> None:
        fd = self._open_pty().master
        while not self._stop.is_set():
            r, _, _ = select.select([fd], [], [], 0.2)
            if not r:
                continue
            try:
                data = os.read(fd, 4096)
            except OSError:
                time.sleep(0.05)
                continue
            for ev in self._parser.feed(data):
                if isinstance(ev, p.BadFrame):
                    self._send(p.build_response(0x10))
                    continue
                if self.pace:  # the command took its wire time to arrive
                    time.sleep((p.HEADER_LEN + len(ev.body) + 1) * 10 / self.baudrate)
                try:
                    self._handle(ev)
                except Exception:  # never let a state-file problem kill the reader
                    log.exception("id-reader simulator: failed to answer")
                    self._send(p.build_response(0x24))

    # ------------------------------------------------------------------ answers
    def _state_card(self, state: dict[str, Any]) -> IdentityCard | None:
        value = state.get("card")
        key = json.dumps(value, sort_keys=True, ensure_ascii=False)
        if self._card_cache is not None and self._card_cache[0] == key:
            return self._card_cache[1]
        try:
            card = load_card(value, self.control.path.parent)
        except ValueError as exc:
            log.warning("id-reader simulator: %s; answering as if no card", exc)
            card = None
        self._card_cache = (key, card)
        return card

    def _begin_read(self) -> None:
        raw = self.control.read()
        names = [str(f) for f in raw.get("faults", [])]
        active = self.control.take_faults()
        persistent = {f for f in names if not f.endswith(":once")}
        once = {f.removesuffix(":once") for f in names if f.endswith(":once")} - persistent
        unknown = active - set(FAULTS)
        if unknown:
            log.warning("id-reader simulator: unknown fault(s) %s ignored", sorted(unknown))
        self._slow_s = float(raw.get("slow_s", 1.0) or 0)
        self._read = _Read(faults=active, once=once, card=self._state_card(raw))

    def _handle(self, frame: p.Frame) -> None:
        cmd = frame.command
        rd = self._read
        if cmd == p.FIND_CARD:
            if self._pulled:  # the card left during the last read
                self._pulled = False
                self._read = _Read()
                self._send(p.build_response(p.SW_NO_CARD))
                return
            self._begin_read()
            rd = self._read
            if "silent" in rd.faults:
                return
            if "sam-error" in rd.faults:
                self._send(p.build_response(0x60))
            elif rd.card is None or "no-card" in rd.faults:
                rd.card = None
                self._send(p.build_response(p.SW_NO_CARD))
            else:
                self._send(p.build_response(p.SW_FIND_OK, bytes(4)))
        elif cmd == p.SELECT_CARD:
            if rd.card is None:
                self._send(p.build_response(p.SW_SELECT_FAILED))
            else:
                rd.selected = True
                self._send(p.build_response(p.SW_OK, bytes(8)))
        elif cmd in (p.READ_TEXT_PHOTO, p.READ_TEXT_PHOTO_FP):
            if rd.card is None or not rd.selected:
                self._send(p.build_response(0x41))
                return
            if "pull-mid-read" in rd.faults:
                # the SAM spends part of the read on the card before it notices it is gone
                time.sleep(600 * 10 / self.baudrate if self.pace else 0)
                self._pulled = True
                rd.card = None
                self._send(p.build_response(0x41))
                return
            text = encode_text_block(rd.card)
            photo = rd.card.photo or fake_photo(rd.card.id_number)
            if cmd == p.READ_TEXT_PHOTO:
                data = len(text).to_bytes(2, "big") + len(photo).to_bytes(2, "big") + text + photo
            else:
                data = (
                    len(text).to_bytes(2, "big")
                    + len(photo).to_bytes(2, "big")
                    + b"\0\0"
                    + text
                    + photo
                )
            frame_bytes = p.build_response(p.SW_OK, data)
            if "bad-checksum" in rd.faults and not ("bad-checksum" in rd.once and rd.bad_sent):
                rd.bad_sent = True
                frame_bytes = frame_bytes[:-1] + bytes([frame_bytes[-1] ^ 0x5A])
            if "slow" in rd.faults:
                time.sleep(self._slow_s)
            self._send(frame_bytes)
        elif cmd == p.READ_ADDRESS:
            if rd.card is None or not rd.selected:
                self._send(p.build_response(0x41))
            elif rd.card.appended_address:
                self._send(p.build_response(p.SW_OK, encode_address(rd.card.appended_address)))
            else:
                self._send(p.build_response(p.SW_NO_CONTENT))
        elif cmd in (p.SAM_STATUS, p.RESET_SAM):
            self._send(p.build_response(p.SW_OK))
        elif cmd == p.READ_SAM_ID:
            self._send(p.build_response(p.SW_OK, SAM_ID))
        elif cmd == p.SET_RF_BYTES:
            self._send(p.build_response(p.SW_OK))
        else:
            self._send(p.build_response(0x21))

    def _send(self, frame: bytes) -> None:
        pty = self._pty
        assert pty is not None
        faults = self._read.faults
        baud = self.wire_baud
        if "noise-before" in faults:
            frame = NOISE + frame
        if "stray-after" in faults:
            frame = frame + STRAY
        try:
            if "fragmented" in faults:
                i = 0
                while i < len(frame):
                    n = self._rng.randint(1, 23)
                    pty.write_paced(frame[i : i + n], baud)
                    time.sleep(0.002)
                    i += n
            else:
                pty.write_paced(frame, baud)
        except OSError as exc:
            log.warning("id-reader simulator: write failed: %s", exc)
