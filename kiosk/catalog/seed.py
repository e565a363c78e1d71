"""First start: a kiosk with an empty catalog serves the bundled sample catalog until the
platform sends its own.

The store remembers that its catalog is the sample (``catalog.source() == "sample"``): the sync
agent then asks the platform for its whole catalog, and the first one it sends replaces the
sample whatever its number (the sample's version 1 is not the platform's version 1)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from kiosk.catalog.sample import load_sample_catalog
from kiosk.config import KioskConfig
from kiosk.store.db import Store

log = logging.getLogger("kiosk.catalog")


def ensure_catalog(store: Store) -> bool:
    """Import the sample catalog when the store has none. True if it imported."""
    if store.catalog.count() > 0:
        return False
    data = load_sample_catalog()
    store.catalog.replace_all(data["items"], version=int(data.get("version", 1)), source="sample")
    return True


def open_serving_store(data_dir: str | Path, cfg: KioskConfig, **kw: Any) -> Store:
    """The store, serving a catalog: the one way every reader of the catalog opens it
    (``kiosk run``, ``catalog search|export``, ``status``, ``sync``), so that on a fresh data
    directory they all serve the bundled sample, and the same one. ``kw`` go to
    :meth:`Store.open`."""
    store = Store.open(data_dir, cfg, **kw)
    try:
        if ensure_catalog(store):
            log.info("catalog: imported the bundled sample catalog")
    except BaseException:
        store.close()
        raise
    return store
