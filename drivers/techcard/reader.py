"""The technician card over PC/SC: read its certificate, get the terminal's challenge signed.

:func:`authenticate` is the exchange on a connected card (any ``send(apdu) -> (data, sw1,
sw2)``); :meth:`drivers.ssc.reader.PcscSscReader.technician_auth` runs it on the card in the
terminal's PC/SC reader — the same slot a resident's social security card goes in — with the
same connection handling (no card, a card pulled mid-exchange, no pcscd).

A card without the technician applet is :class:`NotTechnicianCard`: ``ssc`` when it answers the
social security application's SELECT (nothing is read from it), else ``unknown``.
"""

from __future__ import annotations

from drivers.ssc import apdu as A
from drivers.techcard import apdu as T
from kiosk.maintenance.techcard import NotTechnicianCard, TechCardAnswer
from kiosk.ports.identity import CardError

TechCardRead = TechCardAnswer | NotTechnicianCard | CardError


def authenticate(send: A.Send, challenge: bytes) -> TechCardRead:
    _, sw = A.transmit(send, T.SELECT_TECH)
    if sw != 0x9000:
        _, ssw = A.transmit(send, A.SELECT_SSSE)
        return NotTechnicianCard("ssc" if ssw == 0x9000 else "unknown")
    cert, sw = A.transmit(send, T.GET_CERTIFICATE, max_rounds=16)
    if sw != 0x9000 or not cert:
        return CardError("sam", f"{sw:04X}", "GET DATA certificate: " + A.sw_meaning(sw))
    sig, sw = A.transmit(send, T.internal_authenticate(challenge))
    if sw != 0x9000 or not sig:
        return CardError("sam", f"{sw:04X}", "INTERNAL AUTHENTICATE: " + A.sw_meaning(sw))
    return TechCardAnswer(cert, sig)
