"""The project's sample catalog (a realistic province's items), bundled with the package."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any


def sample_catalog_path() -> Path:
    return Path(str(resources.files("kiosk.catalog").joinpath("data/sample_catalog.json")))


def load_sample_catalog() -> dict[str, Any]:
    """``{"version": N, "items": [...]}``."""
    return json.loads(sample_catalog_path().read_text("utf-8"))


def load_sample_items() -> list[dict[str, Any]]:
    return load_sample_catalog()["items"]
