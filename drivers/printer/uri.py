"""Printer URIs: ``tcp://HOST:PORT``, ``serial:///dev/ttyX?baudrate=N``, ``usb://VID:PID``."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit


@dataclass(frozen=True)
class TcpUri:
    host: str
    port: int = 9100


@dataclass(frozen=True)
class SerialUri:
    device: str
    baudrate: int = 9600


@dataclass(frozen=True)
class UsbUri:
    vendor_id: int
    product_id: int


PrinterUri = TcpUri | SerialUri | UsbUri


class BadUri(ValueError):
    pass


def parse_uri(uri: str) -> PrinterUri:
    parts = urlsplit(uri.strip())
    scheme = parts.scheme.lower()
    if scheme == "tcp":
        if not parts.hostname:
            raise BadUri(f"{uri!r}: expected tcp://HOST:PORT")
        try:
            port = parts.port or 9100
        except ValueError:
            raise BadUri(f"{uri!r}: bad port") from None
        return TcpUri(parts.hostname, port)
    if scheme == "serial":
        if not parts.path.startswith("/"):
            raise BadUri(f"{uri!r}: expected serial:///dev/ttyX?baudrate=N")
        q = parse_qs(parts.query)
        try:
            baud = int(q.get("baudrate", ["9600"])[0])
        except ValueError:
            raise BadUri(f"{uri!r}: baudrate must be a number") from None
        return SerialUri(parts.path, baud)
    if scheme == "usb":
        text = parts.netloc or parts.path.lstrip("/")
        vid, sep, pid = text.partition(":")
        try:
            if not sep or len(vid) != 4 or len(pid) != 4:
                raise ValueError
            return UsbUri(int(vid, 16), int(pid, 16))
        except ValueError:
            raise BadUri(f"{uri!r}: expected usb://VID:PID with 4 hex digits each") from None
    raise BadUri(
        f"{uri!r}: expected tcp://HOST:PORT, serial:///dev/ttyX?baudrate=N or usb://VID:PID"
    )
