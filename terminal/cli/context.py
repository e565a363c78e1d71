"""What a command handler gets: the configuration, the data directory and the store, lazily.

Commands that never touch configuration (``kiosk sim …`` pointed at explicit paths) do not pay
for loading it; a command that does and finds it invalid exits 5 via :class:`ConfigError`.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.config import KioskConfig
    from kiosk.store.db import Store


class CliContext:
    def __init__(
        self,
        config_path: str | None = None,
        data_dir: str | None = None,
        log_level: str | None = None,
    ) -> None:
        self._config_path = config_path
        self._data_dir = data_dir
        self.log_level = log_level
        self._store: Store | None = None

    # kiosk.config is imported on first use: its schema takes a while to build, and
    # ``kiosk run`` starts the interface's QML compiling before it needs the configuration
    @cached_property
    def config(self) -> KioskConfig:
        from kiosk.config import load_config

        return load_config(self._config_path)

    @cached_property
    def data_dir(self) -> Path:
        from kiosk.config import resolve_data_dir

        return resolve_data_dir(self.config, self._data_dir)

    def store(self) -> Store:
        """The kiosk's store, opened (and migrated) on first use; commands that read the
        catalog use :meth:`serving_store`."""
        if self._store is None:
            from kiosk.store.db import Store

            self._store = Store.open(self.data_dir, self.config)
        return self._store

    def serving_store(self) -> Store:
        """The store as every reader of the catalog opens it (``kiosk run`` too): a fresh data
        directory gets the bundled sample catalog, so every command serves the same one."""
        from kiosk.catalog.seed import ensure_catalog, open_serving_store

        if self._store is None:
            self._store = open_serving_store(self.data_dir, self.config)
        else:
            ensure_catalog(self._store)
        return self._store

    def setup_logging(self) -> None:
        """Masked structured logging as ``[logging]`` says (``--log-level`` overrides the level);
        what ``kiosk config check`` warns about is logged once here, at start."""
        import logging

        from kiosk.config import config_warnings
        from kiosk.logs import setup_logging

        lc = self.config.logging
        setup_logging(self.log_level or lc.level, lc.file, lc.json)
        for line in config_warnings(self.config):
            logging.getLogger("kiosk.config").warning("%s", line)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
