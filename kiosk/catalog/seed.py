"""First start: a kiosk with an empty catalog serves the bundled sample catalog until the
platform sends its own (a newer version replaces it)."""

from __future__ import annotations

from kiosk.catalog.sample import load_sample_catalog
from kiosk.store.db import Store


def ensure_catalog(store: Store) -> bool:
    """Import the sample catalog when the store has none. True if it imported."""
    if store.catalog.count() > 0:
        return False
    data = load_sample_catalog()
    store.catalog.replace_all(data["items"], version=int(data.get("version", 1)), source="sample")
    return True
