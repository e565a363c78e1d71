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
import os
import re
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

SYSTEM_CONFIG = Path("/etc/bianmin/kiosk.toml")


class ConfigError(ValueError):
    """The configuration is invalid; the message is one line naming the key."""


# ---------------------------------------------------------------- sections


@dataclass(frozen=True)
class TerminalConfig:
    """``[terminal]``: who this terminal is and the numbers it shows."""

    kiosk_id: str = "KIOSK-DEMO-0001"
    """The terminal's id as registered with the platform (letters, digits, '-'; ≤ 32)."""
    name: str = "便民自助终端（演示）"
    region_code: str = "110105"
    location: str = "演示服务站"
    hotline: str = "12345"


@dataclass(frozen=True)
class StorageConfig:
    """``[storage]``: the data directory and the cipher of personal data at rest."""

    data_dir: str | None = None
    key_file: str | None = None
    """Per-terminal key file (owner-only); default ``<data_dir>/keys/kiosk.key``."""
    cipher: Literal["AES-256-GCM", "SM4-GCM"] = "AES-256-GCM"
    synchronous: Literal["FULL", "EXTRA"] = "FULL"
    busy_timeout_ms: int = 5000


@dataclass(frozen=True)
class RetentionConfig:
    """``[retention]``: how long submitted applications stay on the terminal."""

    purge_after_days: int = 30
    """Days after the platform confirmed receipt before applicant data and scans are purged."""
    purge_every_s: float = 3600.0
    """How often the sync agent runs the purge (also once when it starts)."""
    audit_days: int = 1095
    print_jobs_days: int = 30


@dataclass(frozen=True)
class IdReaderConfig:
    """``[devices.id_reader]``: the GA/T 467 resident ID card reader."""

    kind: Literal["simulated", "gat467", "none"] = "simulated"
    port: str | None = None
    baudrate: int = 115200
    poll_interval_ms: int = 300
    read_timeout_s: float = 3.0


@dataclass(frozen=True)
class SscReaderConfig:
    """``[devices.ssc_reader]``: the social security card reader (PC/SC)."""

    kind: Literal["simulated", "pcsc", "none"] = "simulated"
    reader: str | None = None
    """Substring of the PC/SC reader name; the first reader when unset."""
    vpcd_port: int = 35963


@dataclass(frozen=True)
class QrReaderConfig:
    """``[devices.qr_reader]``: the QR code reader."""

    kind: Literal["simulated", "serial", "keyboard", "none"] = "simulated"
    port: str | None = None
    baudrate: int = 9600
    terminator: str = "\r"


@dataclass(frozen=True)
class PrinterConfig:
    """``[devices.printer]``: the ESC/POS receipt printer."""

    kind: Literal["simulated", "escpos", "none"] = "simulated"
    uri: str | None = None
    """``tcp://HOST:PORT``, ``serial:///dev/ttyX?baudrate=N`` or ``usb://VID:PID``."""
    profile: str = "default"
    timeout_s: float = 5.0


@dataclass(frozen=True)
class ScannerConfig:
    """``[devices.scanner]``: the document scanner (SANE)."""

    kind: Literal["simulated", "sane", "none"] = "simulated"
    device: str | None = None
    resolution: int = 200
    mode: Literal["Gray", "Color", "Lineart"] = "Gray"
    timeout_s: float = 30.0


@dataclass(frozen=True)
class DevicesConfig:
    """``[devices]``: one section per device kind."""

    id_reader: IdReaderConfig = field(default_factory=IdReaderConfig)
    ssc_reader: SscReaderConfig = field(default_factory=SscReaderConfig)
    qr_reader: QrReaderConfig = field(default_factory=QrReaderConfig)
    printer: PrinterConfig = field(default_factory=PrinterConfig)
    scanner: ScannerConfig = field(default_factory=ScannerConfig)


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class PlatformConfig:
    """``[platform]``: the provincial platform (or its local simulator)."""

    kind: Literal["simulated", "http"] = "simulated"
    """``simulated``: start the local platform simulator alongside the kiosk."""
    url: str = "http://127.0.0.1:8765"
    secret_file: str | None = None
    """File holding the kiosk's shared secret (owner-only); default ``<data_dir>/keys/platform.secret``."""
    signature_alg: Literal["HMAC-SHA256", "HMAC-SM3"] = "HMAC-SHA256"
    ca_file: str | None = None
    client_cert: str | None = None
    client_key: str | None = None
    timeout_s: float = 10.0
    status_url_template: str = "https://zwfw.example.gov.cn/status?ref={local_ref}"


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class LoggingConfig:
    """``[logging]``: log level and destination."""

    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    file: str | None = None
    json: bool = True


@dataclass(frozen=True)
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
    source: str = "embedded defaults"
    """Where this configuration came from (a path, or ``embedded defaults``)."""

    def printer_profile(self, name: str | None = None) -> PrinterProfile:
        return self.printer_profiles[name or self.devices.printer.profile]


# ---------------------------------------------------------------- validation

_KIOSK_ID = re.compile(r"^[A-Za-z0-9-]{1,32}$")


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
        raise ConfigError(f"{key}: expected {_type_name(tp)}, got {value!r}")
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
            return float(value)
    elif tp is str:
        if isinstance(value, str):
            return value
    raise ConfigError(f"{key}: expected {_type_name(tp)}, got {type(value).__name__} {value!r}")


def _build(cls: Any, data: dict[str, Any], prefix: str) -> Any:
    hints = typing.get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls) if f.name != "source"}
    for k in data:
        if k not in names:
            where = f"{prefix}.{k}" if prefix else k
            raise ConfigError(f"{where}: unknown key (expected one of: {', '.join(sorted(names))})")
    kwargs = {}
    for k, v in data.items():
        where = f"{prefix}.{k}" if prefix else k
        kwargs[k] = _convert(v, hints[k], where)
    return cls(**kwargs)


def _check_semantics(cfg: KioskConfig) -> None:
    if not _KIOSK_ID.match(cfg.terminal.kiosk_id):
        raise ConfigError(
            "terminal.kiosk_id: expected 1-32 letters, digits or '-', "
            f"got {cfg.terminal.kiosk_id!r}"
        )
    for name, value in [
        ("storage.busy_timeout_ms", cfg.storage.busy_timeout_ms),
        ("retention.purge_after_days", cfg.retention.purge_after_days),
        ("retention.purge_every_s", cfg.retention.purge_every_s),
        ("ui.idle_timeout_s", cfg.ui.idle_timeout_s),
        ("devices.id_reader.baudrate", cfg.devices.id_reader.baudrate),
        ("sync.batch_size", cfg.sync.batch_size),
    ]:
        if value <= 0:
            raise ConfigError(f"{name}: expected a positive number, got {value!r}")
    if not 1 <= cfg.sync.workers <= 8:
        raise ConfigError(f"sync.workers: expected 1 to 8, got {cfg.sync.workers}")
    if cfg.devices.id_reader.baudrate not in (9600, 19200, 38400, 57600, 115200):
        raise ConfigError(
            "devices.id_reader.baudrate: expected one of 9600, 19200, 38400, 57600, 115200, "
            f"got {cfg.devices.id_reader.baudrate}"
        )
    if cfg.devices.id_reader.poll_interval_ms < 300:
        raise ConfigError(
            "devices.id_reader.poll_interval_ms: expected at least 300 (GA/T 467 polling), "
            f"got {cfg.devices.id_reader.poll_interval_ms}"
        )
    for dev in ("id_reader", "qr_reader"):
        dc = getattr(cfg.devices, dev)
        if dc.kind not in ("simulated", "none", "keyboard") and not dc.port:
            raise ConfigError(f"devices.{dev}.port: required when kind = {dc.kind!r}")
    if cfg.devices.printer.kind == "escpos":
        uri = cfg.devices.printer.uri or ""
        if not re.match(
            r"^(tcp://[^:/]+:\d+|serial:///\S+|usb://[0-9a-fA-F]{4}:[0-9a-fA-F]{4})", uri
        ):
            raise ConfigError(
                "devices.printer.uri: expected tcp://HOST:PORT, serial:///dev/ttyX?baudrate=N "
                f"or usb://VID:PID when kind = 'escpos', got {uri!r}"
            )
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
    if not re.match(r"^https?://", cfg.platform.url):
        raise ConfigError(
            f"platform.url: expected an http:// or https:// URL, got {cfg.platform.url!r}"
        )
    if "{local_ref}" not in cfg.platform.status_url_template:
        raise ConfigError("platform.status_url_template: expected a URL containing {local_ref}")
    if cfg.ui.default_language not in cfg.ui.languages:
        raise ConfigError(
            f"ui.default_language: expected one of ui.languages {cfg.ui.languages}, "
            f"got {cfg.ui.default_language!r}"
        )
    if cfg.ui.idle_warning_s >= cfg.ui.idle_timeout_s:
        raise ConfigError("ui.idle_warning_s: expected less than ui.idle_timeout_s")


def parse_config(data: dict[str, Any], source: str = "embedded defaults") -> KioskConfig:
    """Validate a parsed TOML document into a :class:`KioskConfig`."""
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
    return cfg


def load_config_file(path: str | os.PathLike[str]) -> KioskConfig:
    import tomllib  # only when there is a file: the embedded defaults start faster

    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{p}: cannot read ({exc.strerror})") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{p}: not valid UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{p}: not valid TOML ({exc})") from None
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
