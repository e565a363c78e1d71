"""Reading a catalog file one item at a time.

A 10,000-item catalog is a 36 MB file; ``json.load`` of it peaks near 190 MB (the text and
every item alive at once). :func:`stream_catalog_file` reads it in 64 KiB chunks and decodes
one item at a time with the standard decoder (``raw_decode``), so an import holds one item,
one chunk and what the store writes — whatever the file's size.

The file is ``{"version": N, "items": [...]}`` (keys in any order; other keys are read and
ignored) or a bare list of items. The same limits as :func:`kiosk.catalog.files.read_catalog_file`
apply (size, item count, UTF-8, no NaN/Infinity, integers of at most 18 digits, nesting), and
every refusal is a :class:`~kiosk.catalog.validate.CatalogInvalid` with one line.
"""

from __future__ import annotations

import codecs
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from kiosk.catalog.files import MAX_FILE_BYTES, MAX_ITEMS, _no_constant, _Refused, _small_int
from kiosk.catalog.validate import CatalogInvalid, ItemProblem

CHUNK_BYTES = 64 * 1024
MAX_ITEM_CHARS = 4 * 1024 * 1024
"""One item's JSON text at most (the largest real item is a few KiB)."""
_WS = " \t\n\r"


class _Bad(Exception):
    """A refusal inside the reader, turned into CatalogInvalid at its edge."""


class _Text:
    """The file's text as a sliding window: ``buf[pos:]`` is what has not been consumed."""

    def __init__(self, fh: BinaryIO) -> None:
        self._fh = fh
        self._decoder = codecs.getincrementaldecoder("utf-8")("strict")
        self._bytes_read = 0
        self.buf = ""
        self.pos = 0
        self.eof = False
        self._json = json.JSONDecoder(parse_constant=_no_constant, parse_int=_small_int)

    def fill(self) -> bool:
        """Append a chunk (dropping what was consumed); False at the end of the file."""
        if self.eof:
            return False
        raw = self._fh.read(CHUNK_BYTES)
        final = not raw
        try:
            text = self._decoder.decode(raw, final=final)
        except UnicodeDecodeError as exc:
            raise _Bad(f"not valid UTF-8 (byte {self._bytes_read + exc.start})") from None
        self._bytes_read += len(raw)
        self.buf = self.buf[self.pos :] + text
        self.pos = 0
        if final:
            self.eof = True
        return True

    def peek(self) -> str:
        """The next character that is not white space ("" at the end of the file)."""
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in _WS:
                self.pos += 1
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self.fill():
                return ""

    def expect(self, ch: str, what: str) -> None:
        if self.peek() != ch:
            got = self.peek() or "the end of the file"
            raise _Bad(f"not valid JSON: expected {what}, found {got[:1]!r}")
        self.pos += 1

    def value(self) -> Any:
        """The next JSON value, read whole (more chunks are read while it is cut off)."""
        self.peek()
        while True:
            try:
                obj, end = self._json.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                if self._more():
                    continue
                raise _Bad(f"not valid JSON ({exc.msg})") from None
            except _Refused as exc:
                raise _Bad(str(exc)) from None
            except RecursionError:
                raise _Bad("nested too deeply") from None
            except ValueError as exc:  # the interpreter's own limit on integer digits
                raise _Bad(f"not a catalog ({exc})") from None
            if end == len(self.buf) and not self.eof:  # a number may go on in the next chunk
                self.fill()
                continue
            self.pos = end
            return obj

    def _more(self) -> bool:
        if self.eof:
            return False
        if len(self.buf) - self.pos > MAX_ITEM_CHARS:
            raise _Bad(f"one item is too long (more than {MAX_ITEM_CHARS:,} characters of JSON)")
        return self.fill()


class CatalogStream:
    """``for item in stream.items()``; ``stream.version`` is known once the items are read
    (None when the file has no version)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.version: int | None = None
        self.count = 0

    def _bad(self, msg: str) -> CatalogInvalid:
        return CatalogInvalid([ItemProblem(None, None, str(self.path), msg)])

    def items(self) -> Iterator[Any]:
        try:
            size = self.path.stat().st_size
            if size > MAX_FILE_BYTES:
                raise self._bad(f"file is {size} bytes; at most {MAX_FILE_BYTES} accepted")
            fh = self.path.open("rb")
        except OSError as exc:
            raise self._bad(f"cannot read ({exc.strerror})") from None
        with fh:
            try:
                yield from self._read(_Text(fh))
            except _Bad as exc:
                raise self._bad(str(exc)) from None

    def _read(self, t: _Text) -> Iterator[Any]:
        first = t.peek()
        seen_items = False
        if first == "[":
            yield from self._array(t)
            seen_items = True
        elif first == "{":
            t.pos += 1
            if t.peek() == "}":
                t.pos += 1
            else:
                while True:
                    key = t.value()
                    if not isinstance(key, str):
                        raise _Bad("not valid JSON: expected a key")
                    t.expect(":", "':'")
                    if key == "items" and t.peek() == "[":
                        if seen_items:
                            raise _Bad('two "items" lists')
                        yield from self._array(t)
                        seen_items = True
                    else:
                        value = t.value()
                        if key == "version":
                            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                                raise _Bad("version must be a non-negative integer")
                            self.version = value
                    if t.peek() == ",":
                        t.pos += 1
                        continue
                    t.expect("}", "',' or '}'")
                    break
        if not seen_items:
            raise _Bad('expected {"version": N, "items": [...]} or a list of items')
        if t.peek() != "":
            raise _Bad("not valid JSON: extra data after the catalog")

    def _array(self, t: _Text) -> Iterator[Any]:
        t.expect("[", "'['")
        if t.peek() == "]":
            t.pos += 1
            return
        while True:
            item = t.value()
            self.count += 1
            if self.count > MAX_ITEMS:
                raise _Bad(f"more than {MAX_ITEMS} items; at most {MAX_ITEMS} accepted")
            yield item
            if t.peek() == ",":
                t.pos += 1
                continue
            t.expect("]", "',' or ']'")
            return


def stream_catalog_file(path: str | os.PathLike[str]) -> CatalogStream:
    return CatalogStream(path)
