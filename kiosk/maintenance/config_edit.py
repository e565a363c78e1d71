"""The configuration, field by field, for the technician's screen — and saving an edit.

A save goes through exactly the validation ``kiosk config check`` runs
(:func:`kiosk.config.parse_config`): a value that would break the kiosk is refused with the
field named and nothing is written. An accepted edit is written atomically (temp file, fsync,
rename, directory fsync) to the file the kiosk reads — ``$BIANMIN_CONFIG`` (the systemd unit
points it under the data directory, since ``/etc`` is read-only on the appliance), else the
file it was loaded from, else ``<data_dir>/kiosk.toml`` — with the previous file kept as
``<file>.prev``. The file is rewritten from its parsed values: comments are not kept (the
documented example, ``config/kiosk.toml``, keeps them).
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import shutil
import types
import typing
from pathlib import Path
from typing import Any, Literal

from kiosk.config import ConfigError, KioskConfig, parse_config
from kiosk.maintenance.pin import write_atomic
from kiosk.service.maintenance_api import ConfigField, ConfigRefused, ConfigSaved

HIDDEN = "******"
_SECRET_WORDS = ("password", "passphrase", "token", "secret")
"""A key named with one of these holds a secret (a ``*_file`` key only names where one is)."""

HELP: dict[str, tuple[str, str]] = {
    "terminal.kiosk_id": (
        "终端编号（平台登记的编号）",
        "The terminal's id as registered with the platform",
    ),
    "terminal.name": ("终端名称（屏幕顶部显示）", "The terminal's name shown in the header"),
    "terminal.region_code": ("行政区划代码（6位数字）", "Administrative region code (6 digits)"),
    "terminal.location": ("安放地点", "Where the terminal stands"),
    "terminal.hotline": ("服务热线", "Service hotline shown to residents"),
    "terminal.time_zone": ("时区", "Time zone of times shown and printed"),
    "devices.id_reader.kind": ("身份证阅读器类型", "ID card reader kind"),
    "devices.id_reader.port": ("身份证阅读器串口", "ID card reader serial port"),
    "devices.ssc_reader.kind": ("社保卡读卡器类型", "Social security card reader kind"),
    "devices.ssc_reader.reader": ("社保卡读卡器名称（部分）", "Part of the PC/SC reader's name"),
    "devices.qr_reader.kind": ("扫码器类型", "QR code reader kind"),
    "devices.qr_reader.port": ("扫码器串口", "QR code reader serial port"),
    "devices.printer.kind": ("凭条打印机类型", "Receipt printer kind"),
    "devices.printer.uri": ("打印机地址", "Printer address (tcp://, serial://, usb://)"),
    "devices.printer.profile": ("打印机型号配置", "Printer profile"),
    "devices.document_printer.kind": ("A4 打印机类型", "A4 document printer kind"),
    "devices.document_printer.queue": ("A4 打印机 CUPS 队列名", "A4 printer's CUPS queue"),
    "devices.scanner.kind": ("扫描仪类型", "Document scanner kind"),
    "devices.scanner.device": ("扫描仪设备名", "SANE device name"),
    "devices.scanner.resolution": ("扫描分辨率（dpi）", "Scan resolution (dpi)"),
    "platform.kind": ("平台类型", "Platform kind"),
    "platform.url": ("政务服务平台地址", "Platform URL"),
    "platform.timeout_s": ("平台请求超时（秒）", "Platform request timeout (s)"),
    "sync.interval_s": ("同步间隔（秒）", "Sync interval (s)"),
    "sync.heartbeat_s": ("心跳间隔（秒）", "Heartbeat interval (s)"),
    "ui.idle_timeout_s": ("无操作返回首页（秒）", "Idle time before the start screen (s)"),
    "ui.idle_warning_s": ("返回首页前提醒（秒）", "Warning before the idle timeout (s)"),
    "ui.voice": ("语音播报", "Voice guidance"),
    "ui.elder_mode_default": ("默认长者模式", "Elder mode by default"),
    "retention.purge_after_days": ("办结后保留天数", "Days kept after the platform confirmed"),
    "logging.level": ("日志级别", "Log level"),
}

# what must restart to apply a change, by the key's first parts (longest first)
_PARTS = (
    ("devices.", "devices"),
    ("printer_profiles.", "devices"),
    ("platform.", "platform"),
    ("sync.", "platform"),
    ("ui.", "ui"),
)
LIVE_PARTS = frozenset({"devices"})
"""Parts the running kiosk restarts by itself; any other change asks for a full restart."""


def is_secret(key: str) -> bool:
    last = key.rsplit(".", 1)[-1]
    return not last.endswith("_file") and any(w in last for w in _SECRET_WORDS)


def part_of(key: str) -> str:
    for prefix, part in _PARTS:
        if key.startswith(prefix):
            return part
    return "kiosk"


def _leaves(obj: Any, prefix: str = "") -> list[tuple[str, Any, Any]]:
    """``(dotted key, value, type)`` of every scalar/list setting (printer profiles too)."""
    out: list[tuple[str, Any, Any]] = []
    hints = typing.get_type_hints(type(obj))
    for f in dataclasses.fields(obj):
        if f.name == "source":
            continue
        value, tp, key = getattr(obj, f.name), hints[f.name], f"{prefix}{f.name}"
        if dataclasses.is_dataclass(value):
            out.extend(_leaves(value, key + "."))
        elif isinstance(value, dict):
            for name, sub in value.items():
                out.extend(_leaves(sub, f"{key}.{name}."))
        else:
            out.append((key, value, tp))
    return out


def _kind(tp: Any) -> tuple[str, tuple[str, ...]]:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        (tp,) = [a for a in typing.get_args(tp) if a is not type(None)]
        origin = typing.get_origin(tp)
    if origin is Literal:
        return "choice", tuple(str(a) for a in typing.get_args(tp))
    if origin is list:
        return "list", ()
    return {bool: "bool", int: "int", float: "float"}.get(tp, "str"), ()


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    return str(value)


def config_fields(cfg: KioskConfig) -> list[ConfigField]:
    defaults = {k: v for k, v, _ in _leaves(KioskConfig())}
    out = []
    for key, value, tp in _leaves(cfg):
        kind, choices = _kind(tp)
        secret = is_secret(key)
        zh, en = HELP.get(key, ("", ""))
        out.append(
            ConfigField(
                key=key,
                value=HIDDEN if secret and value else _text(value),
                kind="secret" if secret else kind,  # type: ignore[arg-type]
                choices=choices,
                help_zh=zh,
                help_en=en,
                default=_text(defaults.get(key)) if not secret else "",
            )
        )
    return out


def config_target(cfg: KioskConfig, data_dir: Path, env: dict[str, str] | None = None) -> Path:
    """The file an edit is written to (see the module's docstring)."""
    env = os.environ if env is None else env
    if env.get("BIANMIN_CONFIG"):
        return Path(env["BIANMIN_CONFIG"])
    if cfg.source != "embedded defaults":
        return Path(cfg.source)
    return Path(data_dir) / "kiosk.toml"


class _Refused(Exception):
    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


def _parse_value(key: str, text: str, tp: Any) -> Any:
    kind, choices = _kind(tp)
    text = text.strip()
    optional = typing.get_origin(tp) in (typing.Union, types.UnionType)
    if text == "" and optional:
        return None
    try:
        if kind == "bool":
            if text.lower() not in ("true", "false"):
                raise ValueError
            return text.lower() == "true"
        if kind == "int":
            return int(text)
        if kind == "float":
            return float(text)
    except ValueError:
        expected = {"bool": "true or false", "int": "an integer", "float": "a number"}[kind]
        raise _Refused(key, f"{key}: expected {expected}, got {text[:40]!r}") from None
    if kind == "list":
        return [p.strip() for p in text.split(",") if p.strip()]
    return text


def _set(data: dict[str, Any], key: str, value: Any) -> None:
    parts = key.split(".")
    node = data
    for p in parts[:-1]:
        node = node.setdefault(p, {})
    if value is None:
        node.pop(parts[-1], None)
    else:
        node[parts[-1]] = value


def _read_toml(path: Path) -> dict[str, Any]:
    import tomllib

    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}


def apply_changes(
    cfg: KioskConfig, current: dict[str, Any], changes: dict[str, str]
) -> tuple[dict[str, Any], KioskConfig]:
    """The new document and its validated configuration, or :class:`_Refused`."""
    import copy

    types_by_key = {k: tp for k, _, tp in _leaves(cfg)}
    data = copy.deepcopy(current)
    for key, text in changes.items():
        tp = types_by_key.get(key)
        if tp is None:
            raise _Refused(key, f"{key}: unknown key")
        if is_secret(key) and text == HIDDEN:
            continue  # shown hidden, left as it was
        _set(data, key, _parse_value(key, str(text), tp))
    try:
        new = parse_config(data, source=cfg.source)
    except ConfigError as exc:
        msg = str(exc)
        field = msg.split(":", 1)[0].strip()
        raise _Refused(field, msg) from None
    return data, new


def save(
    cfg: KioskConfig, data_dir: Path, changes: dict[str, str], env: dict[str, str] | None = None
) -> tuple[ConfigSaved | ConfigRefused, KioskConfig | None, set[str]]:
    """Validate and write; ``(outcome, new config or None, parts to restart)``."""
    from kiosk.config import load_config_file

    path = config_target(cfg, data_dir, env)
    try:
        current = _read_toml(path) if path.exists() else {}
    except (OSError, ValueError) as exc:
        return (
            ConfigRefused("configuration", f"{path}: unreadable ({type(exc).__name__})"),
            None,
            set(),
        )
    try:
        doc, new = apply_changes(cfg, current, changes)
    except _Refused as exc:
        return ConfigRefused(exc.key, str(exc)), None, set()
    text = dump_toml(doc)
    try:
        if path.exists():
            prev = path.with_name(path.name + ".prev")
            tmp = prev.with_name(f".{prev.name}.tmp")
            shutil.copy2(path, tmp)
            with open(tmp, "rb+") as f:
                os.fsync(f.fileno())
            os.replace(tmp, prev)
        write_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        return ConfigRefused("configuration", f"{path}: cannot write ({exc.strerror})"), None, set()
    with contextlib.suppress(ConfigError):
        new = load_config_file(path)  # what the next start reads, with its source
    parts = {part_of(k) for k in changes}
    return ConfigSaved(str(path), tuple(sorted(parts))), new, parts


# ------------------------------------------------------------------ a small TOML writer


def _toml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    raise TypeError(f"cannot write {type(v).__name__} to TOML")


def _bare(key: str) -> str:
    ok = key and all(c.isascii() and (c.isalnum() or c in "_-") for c in key)
    return key if ok else json.dumps(key, ensure_ascii=False)


def dump_toml(doc: dict[str, Any]) -> str:
    """Tables of scalars and lists of scalars (what the configuration holds) as TOML."""
    lines: list[str] = []

    def table(node: dict[str, Any], path: list[str]) -> None:
        scalars = [(k, v) for k, v in node.items() if not isinstance(v, dict)]
        subs = [(k, v) for k, v in node.items() if isinstance(v, dict)]
        if path and (scalars or not subs):
            if lines:
                lines.append("")
            lines.append("[" + ".".join(_bare(p) for p in path) + "]")
        for k, v in scalars:
            lines.append(f"{_bare(k)} = {_toml_value(v)}")
        for k, v in subs:
            table(v, [*path, k])

    table(doc, [])
    return "\n".join(lines) + "\n"
