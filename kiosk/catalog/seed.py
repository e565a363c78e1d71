"""First start: a kiosk with an empty catalog serves the bundled sample catalog until the
platform sends its own.

The sample is stored as catalog version 0 — no version of the platform's — so that the sync
agent asks the platform for its whole catalog and the first one it sends replaces the sample,
whatever its number (a sample stored as version 1 would pass for the platform's version 1)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from kiosk.catalog.sample import load_sample_catalog
from kiosk.config import KioskConfig
from kiosk.store.db import Store

log = logging.getLogger("kiosk.catalog")


def ensure_catalog(store: Store) -> bool:
    """Import the sample catalog (as version 0) when the store has none. True if it imported."""
    if store.catalog.count() > 0:
        return False
    data = load_sample_catalog()
    store.catalog.replace_all(data["items"], version=0, source="sample")
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
