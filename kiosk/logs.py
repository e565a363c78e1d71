"""Structured logs with personal data masked.

Every record passes through :class:`ScrubbingFilter`, which masks citizen ID numbers and
mobile numbers (solid, spaced, dashed, +86) in the message, its arguments, the traceback and
any extra fields, their names and values, nested keys included (via
:func:`kiosk.masking.scrub_text`). Names cannot be recognised in free text: code must never
log a name unmasked (use :func:`kiosk.masking.mask_name`).

Lines are JSON objects (``{"ts", "level", "logger", "msg", ...extra}``) so that a fleet's log
shipper can read them; set ``[logging] json = false`` for plain text at a technician's console.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import sys
from typing import Any

from kiosk.masking import scrub_text, scrub_value

_STD_ATTRS = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


class ScrubbingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not lose the line
            message = str(record.msg)
        if record.name.startswith(("urllib3", "requests")):
            message = scrub_request_paths(message)
        record.msg = scrub_text(message)
        record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        if record.exc_text:
            record.exc_text = scrub_text(record.exc_text)
        if record.stack_info:
            record.stack_info = scrub_text(record.stack_info)
        record.name = scrub_text(record.name)
        for key in list(vars(record)):
            if key not in _STD_ATTRS:
                value = scrub_value(vars(record).pop(key))
                # an extra's name is a key of the line too: it is masked like its value
                setattr(record, scrub_text(key), value)
        return True


_URL_ID_SEGMENT = re.compile(r"(?<=/)[^/\s?#\"']*\d{4}[^/\s?#\"']*")
"""A path segment with four or more digits in a row: a license, application or benefit number
(the platform's routes name them), a local reference, a document id."""


def scrub_request_paths(message: str) -> str:
    """HTTP client libraries (urllib3 at DEBUG: ``"GET …/licenses/<no>/document HTTP/1.1"``)
    log request lines whose paths carry a resident's record numbers: those segments are
    masked, the route stays readable."""
    return _URL_ID_SEGMENT.sub("***", message)


class LibraryNoiseFilter(logging.Filter):
    """Drops the routine INFO chatter of libraries that log on the root logger.

    python-escpos logs "Network printer enabled" and "Closing Network connection to printer"
    at INFO through ``logging.info`` (the root logger) on every connection — two lines per
    printer status poll, 57,600 a day on an idle kiosk. Its warnings and errors still pass."""

    _QUIET_PACKAGES = ("/escpos/",)

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.WARNING or record.name != "root":
            return True
        path = (record.pathname or "").replace("\\", "/")
        return not any(p in path for p in self._QUIET_PACKAGES)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, Any] = {
            "ts": dt.datetime.fromtimestamp(record.created, dt.UTC).strftime(
                "%Y-%m-%dT%H:%M:%S.%fZ"
            ),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STD_ATTRS and not key.startswith("_"):
                out[key] = value
        if record.exc_text:
            out["exc"] = record.exc_text
        return json.dumps(out, ensure_ascii=False, default=str)


def setup_logging(level: str = "INFO", file: str | None = None, as_json: bool = True) -> None:
    """Configure the root logger once per process (idempotent)."""
    root = logging.getLogger()
    for h in list(root.handlers):
        if getattr(h, "_bianmin", False):
            root.removeHandler(h)
    handler: logging.Handler = (
        logging.FileHandler(file, encoding="utf-8") if file else logging.StreamHandler(sys.stderr)
    )
    handler._bianmin = True  # type: ignore[attr-defined]
    handler.addFilter(LibraryNoiseFilter())
    handler.addFilter(ScrubbingFilter())
    handler.setFormatter(
        JsonFormatter()
        if as_json
        else logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    )
    root.addHandler(handler)
    root.setLevel(level.upper())
