"""Configuration: one TOML file, validated at start, with embedded defaults.

Lookup order (architecture.md): ``--config PATH``, ``$BIANMIN_CONFIG``,
``/etc/bianmin/kiosk.toml``; with none, the embedded defaults (simulated devices, a local
platform simulator). ``config/kiosk.toml`` in the repository documents every key and is never
loaded implicitly.

The data directory: ``--data-dir``, ``$BIANMIN_DATA``, ``[storage] data_dir``, then the
user's data directory (``$XDG_DATA_HOME/bianmin`` or ``~/.local/share/bianmin``).

Every section later work needs is defined here, so that features fill sections in rather
than inventing them. Validation is strict: an unknown key, a wrong type or a bad value raises
:class:`ConfigError` with one line naming the key and what was expected.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import math
import os
import re
import types
import typing
from dataclasses import field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from kiosk.frozen import frozen_record

SYSTEM_CONFIG = Path("/etc/bianmin/kiosk.toml")


class ConfigError(ValueError):
    """The configuration is invalid; the message is one line naming the key.

    Whatever the file holds (a key with a newline in it, a 10,000-element array), the message
    stays one printable line of at most :data:`_MAX_MESSAGE` characters.
    """

    def __init__(self, message: str) -> None:
        super().__init__(_one_line(message))


_MAX_MESSAGE = 400


def _one_line(text: str) -> str:
    text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(text))
    return text if len(text) <= _MAX_MESSAGE else text[: _MAX_MESSAGE - 1] + "…"


def _short(value: Any) -> str:
    """``repr`` of a value from the file, bounded (a deep or huge value never floods a line)."""
    try:
        text = repr(value)
    except (RecursionError, ValueError):  # deeply nested, or an int too long to print
        text = f"<{type(value).__name__}>"
    return text if len(text) <= 80 else text[:79] + "…"


# ---------------------------------------------------------------- sections


PICTURES_DIR = Path(__file__).resolve().parents[1] / "assets" / "terminal"
"""The shipped drawings of where each device is on the default cabinet (``assets/terminal``)."""

PICTURE_DEFAULTS = {
    "id_card": "id-card-reader.svg",
    "ssc": "ssc-reader.svg",
    "qr": "qr-window.svg",
    "scanner": "scanner.svg",
}
"""``[terminal.pictures]`` key → the shipped drawing used when the key is empty."""


@frozen_record
class TerminalPictures:
    """``[terminal.pictures]``: drawings of where each device is on this terminal model, shown
    beside the instructions (a PNG or SVG file; relative paths are relative to the
    configuration file; empty = the shipped drawing of the default cabinet)."""

    id_card: str = ""
    """Where the resident ID card goes (identify screen)."""
    ssc: str = ""
    """Where the social security card goes (identify screen)."""
    qr: str = ""
    """The QR code window (identify screen)."""
    scanner: str = ""
    """Where the page goes on the document scanner (materials screen)."""

    def path(self, key: str) -> Path:
        """The picture for ``key`` (one of :data:`PICTURE_DEFAULTS`): the configured file or
        the shipped drawing."""
        return Path(getattr(self, key) or PICTURES_DIR / PICTURE_DEFAULTS[key])


@frozen_record
class TerminalConfig:
    """``[terminal]``: who this terminal is and the numbers it shows."""

    kiosk_id: str = "KIOSK-DEMO-0001"
    """The terminal's id as registered with the platform (letters, digits, '-'; ≤ 32)."""
    name: str = "便民自助终端（演示）"
    """Shown in every screen's header (and on paper)."""
    name_en: str = "Bianmin Self-Service Terminal (demo)"
    """The name in English (shown when the resident chose English)."""
    region_code: str = "110105"
    location: str = "演示服务站"
    """The place, shown beside the name in every screen's header."""
    location_en: str = "Demo service station"
    hotline: str = "12345"
    time_zone: str = "Asia/Shanghai"
    """IANA time zone in which times are shown and printed for residents."""
    opening_hours: str | None = None
    """``HH:MM-HH:MM`` in time_zone (may span midnight): outside it the screen sleeps and a
    touch wakes it to what still works (kiosk/domain/opening_hours.py). Unset: always open."""
    pictures: TerminalPictures = field(default_factory=TerminalPictures)


@frozen_record
class StorageConfig:
    """``[storage]``: the data directory and the cipher of personal data at rest."""

    data_dir: str | None = None
    key_file: str | None = None
    """Per-terminal key file (owner-only); default ``<data_dir>/keys/kiosk.key``."""
    cipher: Literal["AES-256-GCM", "SM4-GCM"] = "AES-256-GCM"
    synchronous: Literal["FULL", "EXTRA"] = "FULL"
    busy_timeout_ms: int = 5000


@frozen_record
class RetentionConfig:
    """``[retention]``: how long submitted applications stay on the terminal."""

    purge_after_days: int = 30
    """Days after the platform confirmed receipt before applicant data and scans are purged."""
    purge_every_s: float = 3600.0
    """How often the sync agent runs the purge (also once when it starts)."""
    audit_days: int = 1095
    print_jobs_days: int = 30


@frozen_record
class IdReaderConfig:
    """``[devices.id_reader]``: the GA/T 467 resident ID card reader."""

    kind: Literal["simulated", "gat467", "none"] = "simulated"
    port: str | None = None
    baudrate: int = 115200
    poll_interval_ms: int = 300
    read_timeout_s: float = 3.0


@frozen_record
class SscReaderConfig:
    """``[devices.ssc_reader]``: the social security card reader (PC/SC)."""

    kind: Literal["simulated", "pcsc", "none"] = "simulated"
    reader: str | None = None
    """Substring of the PC/SC reader name; the first reader when unset."""
    vpcd_port: int = 35963


@frozen_record
class QrReaderConfig:
    """``[devices.qr_reader]``: the QR code reader."""

    kind: Literal["simulated", "serial", "keyboard", "none"] = "simulated"
    port: str | None = None
    baudrate: int = 9600
    terminator: str = "\r"


@frozen_record
class PrinterConfig:
    """``[devices.printer]``: the ESC/POS receipt printer."""

    kind: Literal["simulated", "escpos", "none"] = "simulated"
    uri: str | None = None
    """``tcp://HOST:PORT``, ``serial:///dev/ttyX?baudrate=N`` or ``usb://VID:PID``."""
    profile: str = "default"
    timeout_s: float = 5.0


@frozen_record
class DocumentPrinterConfig:
    """``[devices.document_printer]``: the A4 document printer, a CUPS queue."""

    kind: Literal["simulated", "cups", "none"] = "simulated"
    queue: str | None = None
    """The CUPS queue (``lpstat -p`` lists them); required when kind = "cups"."""
    server: str = ""
    """Where cupsd answers: a socket path, HOST or HOST:PORT; empty: the system's."""
    timeout_s: float = 120.0
    """The deadline for a document to be printed (job completed), after which it is cancelled."""


@frozen_record
class ScannerConfig:
    """``[devices.scanner]``: the document scanner (SANE)."""

    kind: Literal["simulated", "sane", "none"] = "simulated"
    device: str | None = None
    resolution: int = 200
    mode: Literal["Gray", "Color", "Lineart"] = "Gray"
    timeout_s: float = 30.0


@frozen_record
class DevicesConfig:
    """``[devices]``: one section per device kind."""

    id_reader: IdReaderConfig = field(default_factory=IdReaderConfig)
    ssc_reader: SscReaderConfig = field(default_factory=SscReaderConfig)
    qr_reader: QrReaderConfig = field(default_factory=QrReaderConfig)
    printer: PrinterConfig = field(default_factory=PrinterConfig)
    document_printer: DocumentPrinterConfig = field(default_factory=DocumentPrinterConfig)
    scanner: ScannerConfig = field(default_factory=ScannerConfig)


@frozen_record
class PrinterProfile:
    """``[printer_profiles.NAME]``: paper, encoding and commands of a printer model."""

    encoding: Literal["GB18030", "GBK", "Big5"] = "GB18030"
    chinese_mode: bool = True
    """Enter Chinese mode with ``FS &`` before text (and leave with ``FS .``)."""
    bitmap_text: bool = False
    """Render text to a bitmap with the bundled CJK font (printers without a Chinese font)."""
    paper_width_mm: Literal[58, 80] = 80
    dots_per_line: int = 576
    """Printable dots per line; 384 by default when paper_width_mm = 58."""
    native_qr: bool = True
    cut: bool = True


@frozen_record
class PlatformConfig:
    """``[platform]``: the provincial platform (or its local simulator)."""

    kind: Literal["simulated", "http"] = "simulated"
    """``simulated``: start the local platform simulator alongside the kiosk."""
    url: str = "http://127.0.0.1:8765"
    secret_file: str | None = None
    """File holding the kiosk's shared secret (owner-only); default ``<data_dir>/keys/platform.secret``."""
    signature_alg: Literal["HMAC-SHA256", "HMAC-SM3"] = "HMAC-SHA256"
    ca_file: str | None = None
    command_key_file: str | None = None
    """The platform's command key (Ed25519 public key, PEM or 64 hex digits) that signs remote
    commands (docs/fleet.md); default ``<data_dir>/keys/platform-command.pub``. Without it every
    command is refused."""
    client_cert: str | None = None
    client_key: str | None = None
    timeout_s: float = 10.0
    status_url_template: str = "https://zwfw.example.gov.cn/status?ref={local_ref}"


@frozen_record
class SyncConfig:
    """``[sync]``: the agent that drains the outbox and pulls catalog and statuses."""

    interval_s: float = 30.0
    lease_s: float = 120.0
    backoff_base_s: float = 2.0
    backoff_max_s: float = 900.0
    heartbeat_s: float = 60.0
    status_poll_s: float = 300.0
    catalog_poll_s: float = 3600.0
    batch_size: int = 50
    workers: int = 2
    """Rows sent side by side by the agent (1-8), each worker with its own connection."""
    metrics: bool = True
    """Serve the Prometheus metrics (docs/fleet.md) from the sync agent's process."""
    metrics_address: str = "127.0.0.1"
    metrics_port: int = 9464
    """0: any free port (logged)."""


@frozen_record
class UiConfig:
    """``[ui]``: the touch interface."""

    idle_timeout_s: int = 120
    idle_warning_s: int = 30
    languages: list[str] = field(default_factory=lambda: ["zh_CN", "en"])
    default_language: str = "zh_CN"
    elder_mode_default: bool = False
    developer_panel: bool = False
    fullscreen: bool = True
    voice: bool = True
    screen_width: int = 1080
    screen_height: int = 1920
    sleep_after_s: int = 0
    """The screen sleeps after this many seconds on the start screen with nobody touching it
    (0: only outside terminal.opening_hours); a touch or a card wakes it."""


@frozen_record
class MaintenanceConfig:
    """``[maintenance]``: who may open maintenance mode."""

    technician_ca: str | None = None
    """The technician CA's certificate (PEM or DER, an absolute path): a technician card must
    prove a key this CA certified. Unset: no card opens maintenance mode."""


@frozen_record
class UpdateConfig:
    """``[update]``: software updates through TUF (docs/fleet.md "Software updates")."""

    repository_url: str | None = None
    """The TUF repository (``…/fleet``, holding ``metadata/`` and ``targets/``); default
    ``<platform.url>/fleet``."""
    root_file: str | None = None
    """The repository's root.json shipped with the terminal (the trust anchor); default
    ``<data_dir>/keys/fleet-root.json``. Without it, no update is checked."""
    releases_dir: str | None = None
    """Where releases are installed (``<version>/`` each, ``current`` the running one); default
    ``<data_dir>/releases``."""
    window: str = "02:00-05:00"
    """The maintenance window, ``HH:MM-HH:MM`` in terminal.time_zone, when an update may restart
    the terminal (may span midnight)."""
    boot_confirm_s: float = 120.0
    """How long a new release has, from the switch, to write ``boot-ok``; else rolled back."""
    fetch_timeout_s: float = 20.0
    """Connect and read timeout of every download from the repository."""
    download_deadline_s: float = 900.0
    """The whole of one file's download: one that lasts longer is abandoned."""
    restart_command: str | None = None
    """Run (split as a shell would, without a shell) after switching releases or rolling back,
    to restart the services, e.g. ``systemctl restart bianmin-kiosk.service``; unset: nothing
    restarts them, and a release not started otherwise within boot_confirm_s is rolled back."""


@frozen_record
class LoggingConfig:
    """``[logging]``: log level and destination."""

    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    file: str | None = None
    json: bool = True


@frozen_record
class KioskConfig:
    """The whole configuration, one frozen value shared by every thread."""

    terminal: TerminalConfig = field(default_factory=TerminalConfig)
    storage: StorageConfig = field(default_factory=StorageConfig)
    retention: RetentionConfig = field(default_factory=RetentionConfig)
    devices: DevicesConfig = field(default_factory=DevicesConfig)
    printer_profiles: dict[str, PrinterProfile] = field(
        default_factory=lambda: {"default": PrinterProfile()}
    )
    platform: PlatformConfig = field(default_factory=PlatformConfig)
    sync: SyncConfig = field(default_factory=SyncConfig)
    ui: UiConfig = field(default_factory=UiConfig)
    logging: LoggingConfig = field(default_factory=LoggingConfig)
    maintenance: MaintenanceConfig = field(default_factory=MaintenanceConfig)
    update: UpdateConfig = field(default_factory=UpdateConfig)
    source: str = "embedded defaults"
    """Where this configuration came from (a path, or ``embedded defaults``)."""

    def printer_profile(self, name: str | None = None) -> PrinterProfile:
        return self.printer_profiles[name or self.devices.printer.profile]


# ---------------------------------------------------------------- validation

# every pattern is used with fullmatch: "$" would let a trailing newline through
_KIOSK_ID = re.compile(r"[A-Za-z0-9-]{1,32}")
_REGION_CODE = re.compile(r"[0-9]{6}")
_PRINTER_URI = re.compile(
    r"tcp://[^\s:/?#@]+:(?P<port>[0-9]{1,5})"
    r"|serial:///[^\s?#]+(\?baudrate=[0-9]{1,7})?"
    r"|usb://[0-9a-fA-F]{4}:[0-9a-fA-F]{4}"
)


def _type_name(tp: Any) -> str:
    origin = typing.get_origin(tp)
    if origin is Literal:
        return "one of " + ", ".join(repr(a) for a in typing.get_args(tp))
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return " or ".join(_type_name(a) for a in args)
    if origin is list:
        return f"a list of {_type_name(typing.get_args(tp)[0])}"
    if origin is dict:
        return "a table"
    if dataclasses.is_dataclass(tp):
        return "a table"
    return {str: "a string", int: "an integer", float: "a number", bool: "true or false"}.get(
        tp, str(tp)
    )


def _convert(value: Any, tp: Any, key: str) -> Any:
    origin = typing.get_origin(tp)
    if origin is Literal:
        if value in typing.get_args(tp):
            return value
        raise ConfigError(f"{key}: expected {_type_name(tp)}, got {_short(value)}")
    if origin in (typing.Union, types.UnionType):
        args = typing.get_args(tp)
        non_none = [a for a in args if a is not type(None)]
        if len(non_none) == 1:
            return _convert(value, non_none[0], key)
        raise ConfigError(f"{key}: unsupported union")  # pragma: no cover - schema bug
    if origin is list:
        if not isinstance(value, list):
            raise ConfigError(f"{key}: expected {_type_name(tp)}, got {type(value).__name__}")
        (inner,) = typing.get_args(tp)
        return [_convert(v, inner, f"{key}[{i}]") for i, v in enumerate(value)]
    if origin is dict:
        if not isinstance(value, dict):
            raise ConfigError(f"{key}: expected a table, got {type(value).__name__}")
        _, inner = typing.get_args(tp)
        return {k: _convert(v, inner, f"{key}.{k}") for k, v in value.items()}
    if dataclasses.is_dataclass(tp):
        if not isinstance(value, dict):
            raise ConfigError(f"{key}: expected a table, got {type(value).__name__}")
        return _build(tp, value, key)
    if tp is bool:
        if isinstance(value, bool):
            return value
    elif tp is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    elif tp is float:
        if isinstance(value, int | float) and not isinstance(value, bool):
            try:
                number = float(value)
            except OverflowError:  # an integer beyond any float
                number = math.inf
            if not math.isfinite(number):
                raise ConfigError(f"{key}: expected a finite number, got {_short(value)}")
            return number
    elif tp is str:
        if isinstance(value, str):
            return value
    raise ConfigError(
        f"{key}: expected {_type_name(tp)}, got {type(value).__name__} {_short(value)}"
    )


def _build(cls: Any, data: dict[str, Any], prefix: str) -> Any:
    hints = typing.get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls) if f.name != "source"}
    for k in data:
        if not isinstance(k, str):  # pragma: no cover - TOML keys are strings
            raise ConfigError(f"{prefix or 'configuration'}: keys must be strings")
        if k not in names:
            where = f"{prefix}.{k}" if prefix else k
            raise ConfigError(f"{where}: unknown key (expected one of: {', '.join(sorted(names))})")
    kwargs = {}
    for k, v in data.items():
        where = f"{prefix}.{k}" if prefix else k
        kwargs[k] = _convert(v, hints[k], where)
    return cls(**kwargs)


# Every number's range (inclusive), by dotted key; config/kiosk.toml states each one. Loops and
# timeouts wait on these, so none may be zero: a 0 s backoff or heartbeat spins a core.
_RANGES: dict[str, tuple[float, float]] = {
    "storage.busy_timeout_ms": (100, 600_000),
    "retention.purge_after_days": (1, 3650),
    "retention.purge_every_s": (60, 86_400),
    "retention.audit_days": (1, 36_500),
    "retention.print_jobs_days": (1, 3650),
    "devices.id_reader.poll_interval_ms": (300, 10_000),
    "devices.id_reader.read_timeout_s": (0.5, 60),
    "devices.ssc_reader.vpcd_port": (1, 65_535),
    "devices.qr_reader.baudrate": (1200, 921_600),
    "devices.printer.timeout_s": (0.5, 600),
    "devices.document_printer.timeout_s": (5, 3600),
    "devices.scanner.resolution": (50, 1200),
    "devices.scanner.timeout_s": (1, 600),
    "platform.timeout_s": (0.5, 600),
    "sync.interval_s": (0.1, 86_400),
    "sync.lease_s": (1, 86_400),
    "sync.backoff_base_s": (0.1, 3600),
    "sync.backoff_max_s": (0.1, 86_400),
    "sync.heartbeat_s": (1, 86_400),
    "sync.status_poll_s": (1, 86_400),
    "sync.catalog_poll_s": (1, 604_800),
    "sync.batch_size": (1, 1000),
    "sync.workers": (1, 8),
    "sync.metrics_port": (0, 65_535),
    "update.boot_confirm_s": (10, 3600),
    "update.fetch_timeout_s": (1, 600),
    "update.download_deadline_s": (5, 86_400),
    "ui.idle_timeout_s": (10, 3600),
    "ui.idle_warning_s": (0, 3600),
    "ui.sleep_after_s": (0, 86_400),
    "ui.screen_width": (320, 7680),
    "ui.screen_height": (320, 7680),
}


def _number_at(cfg: KioskConfig, dotted: str) -> float:
    value: Any = cfg
    for part in dotted.split("."):
        value = getattr(value, part)
    return value


def _fmt(n: float) -> str:
    return f"{n:g}" if isinstance(n, float) else str(n)


def _check_ranges(cfg: KioskConfig) -> None:
    for key, (low, high) in _RANGES.items():
        value = _number_at(cfg, key)
        if not low <= value <= high:  # NaN fails too (and is refused before this)
            raise ConfigError(f"{key}: expected {_fmt(low)} to {_fmt(high)}, got {_short(value)}")
    if cfg.sync.backoff_max_s < cfg.sync.backoff_base_s:
        raise ConfigError(
            f"sync.backoff_max_s: expected at least sync.backoff_base_s "
            f"({_fmt(cfg.sync.backoff_base_s)}), got {_fmt(cfg.sync.backoff_max_s)}"
        )


_LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


def _url_host(url: str, key: str) -> tuple[str, str]:
    """``(scheme, host)`` of an http(s) URL, or :class:`ConfigError` naming ``key``."""
    if any(c.isspace() or not c.isprintable() for c in url):
        raise ConfigError(f"{key}: expected a URL without spaces or control characters")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        raise ConfigError(
            f"{key}: expected an http:// or https:// URL, got {_short(url)}"
        ) from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"{key}: expected an http:// or https:// URL, got {_short(url)}")
    return parts.scheme, parts.hostname


def _is_loopback(host: str) -> bool:
    if host.lower() in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def config_warnings(cfg: KioskConfig) -> list[str]:
    """What is valid but unwise, one line each: ``kiosk config check`` prints these and every
    command that sets up logging logs them at start."""
    out = []
    ca = cfg.maintenance.technician_ca
    if ca is not None and not os.path.isfile(ca):
        out.append(
            f"maintenance.technician_ca: {ca} is not a file: no technician card can open "
            "maintenance mode"
        )
    scheme, host = _url_host(cfg.platform.url, "platform.url")
    if scheme == "http" and not _is_loopback(host):
        out.append(
            f"platform.url: plain http:// to {host}, which is not this machine: applications "
            "and the shared-secret signatures travel unencrypted; use https://"
        )
    return out


def _check_time_zone(name: str) -> None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"terminal.time_zone: expected an IANA time zone such as Asia/Shanghai, "
            f"got {_short(name)}"
        ) from None


_WINDOW = re.compile(r"([01][0-9]|2[0-3]):([0-5][0-9])-([01][0-9]|2[0-3]):([0-5][0-9])")


def _check_opening_hours(text: str | None) -> None:
    if text is None:
        return
    from kiosk.domain.opening_hours import HoursError, parse_hours

    try:
        parse_hours(text)
    except HoursError as exc:
        raise ConfigError(f"terminal.opening_hours: {exc}") from None


def _check_update(uc: UpdateConfig) -> None:
    if not _WINDOW.fullmatch(uc.window):
        raise ConfigError(f"update.window: expected HH:MM-HH:MM, got {_short(uc.window)}")
    if uc.repository_url is not None:
        _url_host(uc.repository_url, "update.repository_url")


_HAN_OR_FULL_WIDTH = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_SVG_START = re.compile(
    rb"\A(\xef\xbb\xbf)?\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg[\s>]", re.S
)


def _check_terminal_text(cfg: KioskConfig) -> None:
    t = cfg.terminal
    for key in ("name", "location"):
        value = getattr(t, key)
        if not value.strip() or len(value) > 40 or not value.isprintable():
            raise ConfigError(
                f"terminal.{key}: expected 1 to 40 printable characters, got {_short(value)}"
            )
        en = getattr(t, f"{key}_en")
        if len(en) > 60 or not en.isprintable() or _HAN_OR_FULL_WIDTH.search(en):
            raise ConfigError(
                f"terminal.{key}_en: expected up to 60 printable characters without Chinese "
                f"or full-width ones, got {_short(en)}"
            )


def _resolve_pictures(cfg: KioskConfig) -> KioskConfig:
    """Each configured picture as an absolute path (relative ones against the configuration
    file's directory), which must be a readable PNG or SVG file."""
    source = Path(cfg.source)
    base = source.parent if source.is_file() else Path.cwd()
    resolved = {}
    for key in PICTURE_DEFAULTS:
        value = getattr(cfg.terminal.pictures, key)
        where = f"terminal.pictures.{key}"
        if not value:
            continue
        if not value.isprintable():
            raise ConfigError(f"{where}: expected a file path, got {_short(value)}")
        p = Path(value).expanduser()
        p = (base / p if not p.is_absolute() else p).resolve()
        try:
            with p.open("rb") as f:
                head = f.read(4096)
        except OSError as exc:
            raise ConfigError(f"{where}: cannot read {p} ({exc.strerror})") from None
        if p.suffix.lower() == ".png" and head.startswith(_PNG_MAGIC):
            pass
        elif p.suffix.lower() == ".svg" and _SVG_START.match(head):
            pass
        else:
            raise ConfigError(f"{where}: expected a PNG or SVG picture (.png/.svg), got {p}")
        resolved[key] = str(p)
    if not resolved:
        return cfg
    pictures = dataclasses.replace(cfg.terminal.pictures, **resolved)
    terminal = dataclasses.replace(cfg.terminal, pictures=pictures)
    return dataclasses.replace(cfg, terminal=terminal)


_CUPS_QUEUE = re.compile(r"[^\s/\\#'\"]{1,127}")
_CUPS_SERVER = re.compile(r"/[^\s]+|[A-Za-z0-9.\-]+(:[0-9]{1,5})?|\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?")


def _check_document_printer(dp: DocumentPrinterConfig) -> None:
    """A CUPS queue name as ``lpadmin`` takes it (1-127 printable characters, none of space,
    '/', '\\', '#', quotes) and a server as libcups takes it."""
    if dp.queue is not None and not (_CUPS_QUEUE.fullmatch(dp.queue) and dp.queue.isprintable()):
        raise ConfigError(
            "devices.document_printer.queue: expected a CUPS queue name (1-127 printable "
            f"characters without spaces, '/', '\\', '#' or quotes), got {_short(dp.queue)}"
        )
    if dp.kind == "cups" and not dp.queue:
        raise ConfigError("devices.document_printer.queue: required when kind = 'cups'")
    if dp.server and not _CUPS_SERVER.fullmatch(dp.server):
        raise ConfigError(
            "devices.document_printer.server: expected a socket path, HOST or HOST:PORT, "
            f"got {_short(dp.server)}"
        )


def _check_semantics(cfg: KioskConfig) -> None:
    if not _KIOSK_ID.fullmatch(cfg.terminal.kiosk_id):
        raise ConfigError(
            "terminal.kiosk_id: expected 1-32 letters, digits or '-', "
            f"got {_short(cfg.terminal.kiosk_id)}"
        )
    if not _REGION_CODE.fullmatch(cfg.terminal.region_code):
        raise ConfigError(
            f"terminal.region_code: expected 6 digits, got {_short(cfg.terminal.region_code)}"
        )
    _check_terminal_text(cfg)
    _check_ranges(cfg)
    _check_time_zone(cfg.terminal.time_zone)
    _check_opening_hours(cfg.terminal.opening_hours)
    _check_update(cfg.update)
    if cfg.devices.id_reader.baudrate not in (9600, 19200, 38400, 57600, 115200):
        raise ConfigError(
            "devices.id_reader.baudrate: expected one of 9600, 19200, 38400, 57600, 115200, "
            f"got {cfg.devices.id_reader.baudrate}"
        )
    if not 1 <= len(cfg.devices.qr_reader.terminator) <= 2:
        raise ConfigError("devices.qr_reader.terminator: expected 1 or 2 characters")
    for dev in ("id_reader", "qr_reader"):
        dc = getattr(cfg.devices, dev)
        if dc.kind not in ("simulated", "none", "keyboard") and not dc.port:
            raise ConfigError(f"devices.{dev}.port: required when kind = {dc.kind!r}")
    if cfg.devices.printer.kind == "escpos":
        uri = cfg.devices.printer.uri or ""
        m = _PRINTER_URI.fullmatch(uri)
        if not m or (m["port"] and not 1 <= int(m["port"]) <= 65_535):
            raise ConfigError(
                "devices.printer.uri: expected tcp://HOST:PORT, serial:///dev/ttyX?baudrate=N "
                f"or usb://VID:PID when kind = 'escpos', got {_short(uri)}"
            )
    _check_document_printer(cfg.devices.document_printer)
    if cfg.devices.printer.profile not in cfg.printer_profiles:
        raise ConfigError(
            f"devices.printer.profile: expected one of the [printer_profiles] "
            f"({', '.join(sorted(cfg.printer_profiles))}), got {cfg.devices.printer.profile!r}"
        )
    for name, prof in cfg.printer_profiles.items():
        limit = 384 if prof.paper_width_mm == 58 else 576
        if not 0 < prof.dots_per_line <= limit:
            raise ConfigError(
                f"printer_profiles.{name}.dots_per_line: expected 1 to {limit} for "
                f"{prof.paper_width_mm} mm paper, got {prof.dots_per_line}"
            )
    _url_host(cfg.platform.url, "platform.url")
    if "{local_ref}" not in cfg.platform.status_url_template:
        raise ConfigError("platform.status_url_template: expected a URL containing {local_ref}")
    _url_host(
        cfg.platform.status_url_template.replace("{local_ref}", "0"),
        "platform.status_url_template",
    )
    try:
        import ipaddress

        ipaddress.ip_address(cfg.sync.metrics_address)
    except ValueError:
        raise ConfigError(
            f"sync.metrics_address: expected an IP address (127.0.0.1 keeps the metrics on "
            f"this terminal), got {_short(cfg.sync.metrics_address)}"
        ) from None
    if cfg.ui.default_language not in cfg.ui.languages:
        raise ConfigError(
            f"ui.default_language: expected one of ui.languages {cfg.ui.languages}, "
            f"got {cfg.ui.default_language!r}"
        )
    if cfg.ui.idle_warning_s >= cfg.ui.idle_timeout_s:
        raise ConfigError("ui.idle_warning_s: expected less than ui.idle_timeout_s")
    ca = cfg.maintenance.technician_ca
    if ca is not None and (
        not ca.startswith("/") or any(c.isspace() and c != " " or not c.isprintable() for c in ca)
    ):
        raise ConfigError(
            "maintenance.technician_ca: expected an absolute path to the technician CA's "
            f"certificate, got {_short(ca)}"
        )


def parse_config(data: dict[str, Any], source: str = "embedded defaults") -> KioskConfig:
    """Validate a parsed TOML document into a :class:`KioskConfig`; anything wrong with it
    raises :class:`ConfigError`, whatever the document holds."""
    try:
        return _parse(data, source)
    except ConfigError:
        raise
    except (RecursionError, OverflowError, ValueError, TypeError, MemoryError) as exc:
        raise ConfigError(f"configuration: unusable value ({type(exc).__name__})") from None


def _parse(data: dict[str, Any], source: str) -> KioskConfig:
    if not isinstance(data, dict):
        raise ConfigError(f"configuration: expected a table, got {type(data).__name__}")
    data = dict(data)
    profiles = data.pop("printer_profiles", None)
    cfg = _build(KioskConfig, data, "")
    if profiles is not None:
        if not isinstance(profiles, dict):
            raise ConfigError("printer_profiles: expected a table of profiles")
        merged = {"default": PrinterProfile()}
        merged.update(_convert(profiles, dict[str, PrinterProfile], "printer_profiles"))
        for name, raw in profiles.items():
            # a 58 mm head has 384 dots; only an explicit dots_per_line overrides that
            if (
                isinstance(raw, dict)
                and "dots_per_line" not in raw
                and merged[name].paper_width_mm == 58
            ):
                merged[name] = dataclasses.replace(merged[name], dots_per_line=384)
        cfg = dataclasses.replace(cfg, printer_profiles=merged)
    cfg = dataclasses.replace(cfg, source=source)
    _check_semantics(cfg)
    return _resolve_pictures(cfg)


MAX_CONFIG_BYTES = 1 << 20
"""A configuration file is a few kilobytes; anything past 1 MiB is refused unread."""


def _key_before(text: str, pattern: str) -> str:
    """The key of the first ``key = <pattern>`` line in ``text`` (for parser errors that carry
    no position), or ``a value``."""
    m = re.search(r"^[ \t]*([A-Za-z0-9_.\"' -]+?)[ \t]*=[ \t]*" + pattern, text, re.M)
    if not m:
        return "a value"
    tables = re.findall(r"^[ \t]*\[+[ \t]*([A-Za-z0-9_.\"' -]+?)[ \t]*\]", text[: m.start()], re.M)
    return f"{tables[-1]}.{m[1].strip()}" if tables else m[1].strip()


def load_config_file(path: str | os.PathLike[str]) -> KioskConfig:
    import tomllib  # only when there is a file: the embedded defaults start faster

    p = Path(path)
    try:
        with p.open("rb") as f:
            raw = f.read(MAX_CONFIG_BYTES + 1)
    except OSError as exc:
        raise ConfigError(f"{p}: cannot read ({exc.strerror})") from None
    if len(raw) > MAX_CONFIG_BYTES:
        raise ConfigError(f"{p}: larger than {MAX_CONFIG_BYTES} bytes, not a configuration")
    try:
        text = raw.decode("utf-8")
        data = tomllib.loads(text)
    except UnicodeDecodeError:
        raise ConfigError(f"{p}: not valid UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{p}: not valid TOML ({exc})") from None
    except RecursionError:
        key = _key_before(text, r"(\[[ \t\r\n]*|\{[^=]*=[ \t]*){20}")
        raise ConfigError(f"{p}: {key}: nested too deeply") from None
    except ValueError:  # an integer longer than Python converts (4,300 digits)
        key = _key_before(text, r"[+-]?[0-9_]{300}")
        raise ConfigError(f"{p}: {key}: number too long") from None
    try:
        return parse_config(data, source=str(p))
    except ConfigError as exc:
        raise ConfigError(f"{p}: {exc}") from None


def find_config_path(explicit: str | None = None, env: dict[str, str] | None = None) -> Path | None:
    env = os.environ if env is None else env
    if explicit:
        return Path(explicit)
    if env.get("BIANMIN_CONFIG"):
        return Path(env["BIANMIN_CONFIG"])
    if SYSTEM_CONFIG.exists():
        return SYSTEM_CONFIG
    return None


def load_config(explicit: str | None = None, env: dict[str, str] | None = None) -> KioskConfig:
    path = find_config_path(explicit, env)
    if path is None:
        return KioskConfig()
    return load_config_file(path)


def user_data_dir(env: dict[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    base = env.get("XDG_DATA_HOME") or str(Path(env.get("HOME", str(Path.home()))) / ".local/share")
    return Path(base) / "bianmin"


def resolve_data_dir(
    cfg: KioskConfig, explicit: str | None = None, env: dict[str, str] | None = None
) -> Path:
    env = os.environ if env is None else env
    if explicit:
        return Path(explicit)
    if env.get("BIANMIN_DATA"):
        return Path(env["BIANMIN_DATA"])
    if cfg.storage.data_dir:
        return Path(cfg.storage.data_dir)
    return user_data_dir(env)
