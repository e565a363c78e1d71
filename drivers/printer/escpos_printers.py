"""python-escpos's printer classes, without its side effect on logging.

Importing python-escpos runs ``logging.basicConfig()`` (in ``escpos.capabilities``): when the
root logger has no handler yet, that puts a bare stderr handler on it, and every later log
line of any library (urllib3, the simulators) goes to the terminal in a second format, past
the kiosk's own masked JSON logs and past pytest's capture. The handler it added is taken off
again here; everything that needs python-escpos imports it from this module.
"""

from __future__ import annotations

import logging

_root = logging.getLogger()
_before = list(_root.handlers)

from escpos import printer  # noqa: E402  (after noting the root's handlers)

for _h in _root.handlers[:]:
    if _h not in _before:
        _root.removeHandler(_h)

Dummy = printer.Dummy
Network = printer.Network
Serial = printer.Serial
Usb = printer.Usb
