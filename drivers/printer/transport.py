"""The seam between the driver and the wire: python-escpos's device classes behind one tiny
interface (open, write, read with a deadline, close).

- ``tcp://`` → ``escpos.printer.Network`` (always with a small timeout: python-escpos's default
  is 60 s and a silent device would block status queries that long);
- ``serial://`` → ``escpos.printer.Serial`` (pyserial);
- ``usb://`` → ``escpos.printer.Usb`` (needs pyusb and a USB bus; neither exists on the test
  machines, so USB is tested up to this seam: the URI parses and the right class is asked for
  with the right ids).
"""

from __future__ import annotations

import select
import socket
import time
from typing import Any, Protocol

from drivers.printer.uri import PrinterUri, SerialUri, TcpUri, UsbUri


class TransportError(OSError):
    pass


class Transport(Protocol):
    def open(self) -> None: ...
    def write(self, data: bytes) -> None: ...
    def read(self, n: int, timeout_s: float) -> bytes: ...
    def close(self) -> None: ...


class EscposTransport:
    """Wraps a python-escpos printer object; ``read`` returns b"" on timeout."""

    def __init__(self, printer: Any, *, describe: str) -> None:
        self.printer = printer
        self.describe = describe
        self._open = False

    def open(self) -> None:
        usable = getattr(self.printer, "is_usable", None)
        if usable is not None and not usable():
            raise TransportError(
                f"cannot open {self.describe}: its Python support is missing (pyusb for USB)"
            )
        try:
            self.printer.open()
        except Exception as exc:  # escpos raises DeviceNotFoundError / USBNotFoundError / …
            raise TransportError(f"cannot open {self.describe}: {exc}".replace("\n", " ")) from exc
        if getattr(self.printer, "device", None) in (None, False):
            raise TransportError(f"cannot open {self.describe}")
        self._open = True

    def write(self, data: bytes) -> None:
        self.printer._raw(data)

    def read(self, n: int, timeout_s: float) -> bytes:
        dev = self.printer.device
        if isinstance(dev, socket.socket):
            deadline = time.monotonic() + timeout_s
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    return b""
                r, _, _ = select.select([dev], [], [], left)
                if r:
                    data = dev.recv(n)
                    if not data:
                        raise TransportError("connection closed by the printer")
                    return data
        # pyserial (and pyusb through escpos) read with their own timeout
        old = getattr(dev, "timeout", None)
        try:
            if old is not None:
                dev.timeout = timeout_s
            return bytes(dev.read(n))
        finally:
            if old is not None:
                dev.timeout = old

    def close(self) -> None:
        if self._open:
            try:
                self.printer.close()
            except Exception:
                pass
            self._open = False


class UnusableUsb:
    """Stands in for ``escpos.printer.Usb`` when pyusb is missing; opening it fails cleanly."""

    device = None

    def __init__(self, vendor_id: int, product_id: int) -> None:
        self.idVendor = vendor_id
        self.idProduct = product_id

    @staticmethod
    def is_usable() -> bool:
        return False

    def open(self) -> None:
        raise OSError("pyusb is not installed")

    def close(self) -> None:
        pass


def escpos_device(uri: PrinterUri, timeout_s: float) -> tuple[Any, str]:
    """The python-escpos printer object for ``uri`` (not opened) and a description."""
    match uri:
        case TcpUri(host=h, port=p):
            from drivers.printer.escpos_printers import Network

            return Network(h, p, timeout=timeout_s), f"tcp://{h}:{p}"
        case SerialUri(device=d, baudrate=b):
            from drivers.printer.escpos_printers import Serial

            # dsrdtr=False: modem-line ioctls fail on ptys and on many USB-serial adapters
            return Serial(devfile=d, baudrate=b, timeout=timeout_s, dsrdtr=False), f"serial://{d}"
        case UsbUri(vendor_id=v, product_id=p):
            from drivers.printer.escpos_printers import Usb

            describe = f"usb://{v:04x}:{p:04x}"
            if not Usb.is_usable():
                # python-escpos's Usb raises from __del__ without pyusb: don't build one
                return UnusableUsb(v, p), describe
            return Usb(idVendor=v, idProduct=p, timeout=int(timeout_s * 1000)), describe
    raise TypeError(uri)  # pragma: no cover


def open_transport(uri: PrinterUri, timeout_s: float) -> EscposTransport:
    printer, describe = escpos_device(uri, timeout_s)
    return EscposTransport(printer, describe=describe)
