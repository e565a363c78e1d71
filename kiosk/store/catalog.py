"""The catalog as stored: the last good set of service items and its version.

Nothing replaces the stored catalog until the whole incoming set (an import file or a
platform delta) has validated; then it is swapped in one transaction. A malformed update
leaves the last good catalog serving.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from kiosk.catalog.validate import CatalogInvalid, ItemChecker, ItemProblem, validate_items
from kiosk.domain.items import ServiceItem


@dataclass(frozen=True)
class CatalogChange:
    version: int
    added: int
    updated: int
    withdrawn: int
    total: int


class CatalogRepo:
    def __init__(
        self,
        conn: sqlite3.Connection,
        tx: Callable[[], AbstractContextManager[sqlite3.Connection]],
    ) -> None:
        self._conn = conn
        self._tx = tx
        self._cache: tuple[tuple[int, str | None, int], list[ServiceItem]] | None = None

    def version(self) -> int:
        r = self._conn.execute("SELECT value FROM catalog_meta WHERE key = 'version'").fetchone()
        return int(r[0]) if r else 0

    def source(self) -> str | None:
        """Where the catalog came from: "platform", "sample" (the bundled one, served until
        the platform sends its own), "import:FILE"...; None before the first one."""
        r = self._conn.execute("SELECT value FROM catalog_meta WHERE key = 'source'").fetchone()
        return str(r[0]) if r else None

    def count(self) -> int:
        return self._conn.execute("SELECT count(*) FROM catalog_items").fetchone()[0]

    def item_dicts(self) -> list[dict[str, Any]]:
        return [
            json.loads(j)
            for (j,) in self._conn.execute("SELECT json FROM catalog_items ORDER BY item_code")
        ]

    def items(self) -> list[ServiceItem]:
        # the platform's first catalog may carry the sample's version number: the source too
        stamp = (self.version(), self.source(), self.count())
        if self._cache is None or self._cache[0] != stamp:
            self._cache = (stamp, [ServiceItem.from_dict(d) for d in self.item_dicts()])
        return self._cache[1]

    def get(self, item_code: str) -> ServiceItem | None:
        r = self._conn.execute(
            "SELECT json FROM catalog_items WHERE item_code = ?", (item_code,)
        ).fetchone()
        return ServiceItem.from_dict(json.loads(r[0])) if r else None

    _INSERT = (
        "INSERT OR REPLACE INTO catalog_items (item_code, basic_code, name, json) VALUES (?,?,?,?)"
    )

    @staticmethod
    def _row(d: dict[str, Any]) -> tuple[str, str, str, str]:
        return (
            d["item_code"],
            d["basic_code"],
            d["name"],
            json.dumps(d, ensure_ascii=False, sort_keys=True),
        )

    def _write(self, conn: sqlite3.Connection, items: Iterable[dict[str, Any]]) -> tuple[int, int]:
        added = updated = 0
        for d in items:
            exists = conn.execute(
                "SELECT 1 FROM catalog_items WHERE item_code = ?", (d["item_code"],)
            ).fetchone()
            conn.execute(self._INSERT, self._row(d))
            if exists:
                updated += 1
            else:
                added += 1
        return added, updated

    @staticmethod
    def _set_meta(conn: sqlite3.Connection, version: int, source: str) -> None:
        conn.execute(
            "INSERT OR REPLACE INTO catalog_meta (key, value) VALUES ('version', ?), ('source', ?)",
            (str(version), source),
        )

    def replace_all(
        self, items: list[dict[str, Any]], version: int | None = None, source: str = "import"
    ) -> CatalogChange:
        """Validate ``items`` as a whole and make them the catalog (a full snapshot).

        The version never goes backwards (except over the bundled sample, whose number is not
        the platform's); an empty list is refused like any invalid set."""
        current = self.version()
        if version is not None and version < current and self.source() != "sample":
            raise CatalogInvalid(
                [
                    ItemProblem(
                        None,
                        None,
                        "version",
                        f"{version} is older than the kiosk's catalog (version {current})",
                    )
                ]
            )
        problems = validate_items(items)
        if problems:
            raise CatalogInvalid(problems)
        with self._tx() as conn:
            new_version = version if version is not None else self.version() + 1
            (before,) = conn.execute("SELECT count(*) FROM catalog_items").fetchone()
            codes = {d["item_code"] for d in items}
            old = {c for (c,) in conn.execute("SELECT item_code FROM catalog_items")}
            conn.execute("DELETE FROM catalog_items")
            conn.executemany(self._INSERT, map(self._row, items))
            self._set_meta(conn, new_version, source)
            change = CatalogChange(
                version=new_version,
                added=len(codes - old),
                updated=len(codes & old),
                withdrawn=len(old - codes),
                total=len(items),
            )
            from kiosk.store.audit import AuditLog

            AuditLog(conn).append(
                "catalog.replaced",
                source=source,
                version=new_version,
                items=len(items),
                previous_items=before,
            )
        self._cache = None
        return change

    def import_stream(
        self, items: Iterable[Any], version_of: Callable[[], int | None], source: str
    ) -> CatalogChange:
        """Make the items of a streamed file the catalog (a full snapshot), holding one item at
        a time: each is checked and written as it is read, inside one transaction that is
        rolled back — leaving the last good catalog — unless the whole set validates.

        ``version_of()`` gives the file's version once the items are read (it may stand after
        them in the file)."""
        current = self.version()
        checker = ItemChecker()
        with self._tx() as conn:
            (before,) = conn.execute("SELECT count(*) FROM catalog_items").fetchone()
            conn.execute("CREATE TEMP TABLE IF NOT EXISTS old_codes (item_code TEXT PRIMARY KEY)")
            conn.execute("DELETE FROM old_codes")
            conn.execute("INSERT INTO old_codes SELECT item_code FROM catalog_items")
            conn.execute("DELETE FROM catalog_items")
            for d in items:
                if checker.add(d) and not checker.problems:
                    conn.execute(self._INSERT, self._row(d))
                if checker.full:
                    break
            problems = checker.finish()
            version = version_of()
            if not problems and version is not None and version < current:
                if self.source() != "sample":
                    problems = [
                        ItemProblem(
                            None,
                            None,
                            "version",
                            f"{version} is older than the kiosk's catalog (version {current})",
                        )
                    ]
            if problems:
                raise CatalogInvalid(problems)  # the transaction rolls back
            new_version = version if version is not None else current + 1
            (kept,) = conn.execute(
                "SELECT count(*) FROM catalog_items WHERE item_code IN (SELECT item_code FROM "
                "old_codes)"
            ).fetchone()
            conn.execute("DELETE FROM old_codes")
            self._set_meta(conn, new_version, source)
            change = CatalogChange(
                version=new_version,
                added=checker.count - kept,
                updated=kept,
                withdrawn=before - kept,
                total=checker.count,
            )
            from kiosk.store.audit import AuditLog

            AuditLog(conn).append(
                "catalog.replaced",
                source=source,
                version=new_version,
                items=checker.count,
                previous_items=before,
            )
        self._cache = None
        return change

    def apply_delta(
        self,
        version: int,
        full: bool,
        items: list[dict[str, Any]],
        withdrawn: list[str],
    ) -> CatalogChange | None:
        """Apply a platform catalog answer. Returns None when it is not newer than ours.

        The delta's items are validated together with the catalog they would produce (bundle
        references must resolve), before anything changes. A full catalog replaces the
        bundled sample whatever its version: the sample's number is not the platform's.
        """
        if not isinstance(version, int):
            return None
        if version <= self.version() and not (full and self.source() == "sample"):
            return None
        if full:
            return self.replace_all(items, version=version, source="platform")
        current = {d["item_code"]: d for d in self.item_dicts()}
        for code in withdrawn:
            current.pop(code, None)
        for d in items:
            if isinstance(d, dict) and isinstance(d.get("item_code"), str):
                current[d["item_code"]] = d
        problems = validate_items(items, context=list(current.values()))
        if problems:
            raise CatalogInvalid(problems)
        with self._tx() as conn:
            added, updated = self._write(conn, items)
            n_withdrawn = 0
            for code in withdrawn:
                n_withdrawn += conn.execute(
                    "DELETE FROM catalog_items WHERE item_code = ?", (code,)
                ).rowcount
            conn.execute(
                "INSERT OR REPLACE INTO catalog_meta (key, value) VALUES ('version', ?), "
                "('source', 'platform')",
                (str(version),),
            )
            (total,) = conn.execute("SELECT count(*) FROM catalog_items").fetchone()
            from kiosk.store.audit import AuditLog

            AuditLog(conn).append(
                "catalog.delta",
                version=version,
                added=added,
                updated=updated,
                withdrawn=n_withdrawn,
            )
        self._cache = None
        return CatalogChange(version, added, updated, n_withdrawn, total)
