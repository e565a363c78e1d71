"""The serving catalog as a front end uses it: items, search and form checks, built once and
swapped whole when an update arrives (a search running meanwhile uses the old one whole)."""

from __future__ import annotations

from typing import Any

from kiosk.domain.forms import validate_form, validate_value
from kiosk.domain.items import ServiceItem
from kiosk.search import CatalogSearch


class CatalogView:
    def __init__(self, items: list[dict[str, Any]], version: int = 0) -> None:
        self.items = items
        self.version = version
        self._domain = {it["item_code"]: ServiceItem.from_dict(it) for it in items}
        self._by_code = {it["item_code"]: it for it in items}
        self._search = CatalogSearch(items)

    @classmethod
    def sample(cls) -> CatalogView:
        """The bundled sample catalog (screenshots, demos, view-model tests)."""
        from kiosk.catalog.sample import load_sample_items

        return cls(load_sample_items(), 1)

    def item(self, item_code: str) -> dict[str, Any] | None:
        return self._by_code.get(item_code)

    def domain(self, item_code: str) -> ServiceItem | None:
        return self._domain.get(item_code)

    def search(self, query: str, limit: int = 20) -> list[str]:
        """Item codes, best first (Chinese, pinyin, initials, codes and synonyms)."""
        return [h.item_code for h in self._search.search(query, limit)]

    def validate_field(self, item_code: str, name: str, value: str) -> tuple[str, str] | None:
        """``(zh, en)`` when the value is not acceptable, else ``None``."""
        item = self._domain.get(item_code)
        f = item.form_field(name) if item else None
        if f is None:
            return None
        p = validate_value(f, value)
        return (p.message_zh, p.message_en) if p else None

    def validate_form(self, item_code: str, values: dict[str, str]) -> dict[str, tuple[str, str]]:
        item = self._domain.get(item_code)
        if item is None:
            return {}
        return {k: (p.message_zh, p.message_en) for k, p in validate_form(item, values).items()}

    def phone_of(self, item_code: str, form: dict[str, str]) -> str | None:
        """The contact phone the resident typed: the form's field of type ``phone``."""
        item = self._domain.get(item_code)
        if item is None:
            return None
        for f in item.fields:
            if f.type == "phone" and form.get(f.name):
                return form[f.name]
        return None
