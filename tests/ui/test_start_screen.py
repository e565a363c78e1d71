"""The start screen at start-up: whole in its first frame, taps not lost while the store
opens, and catalog updates shown from the next session on."""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path
from typing import Any

from ui.driving import find, settle, tap, wait_until

REPO = Path(__file__).resolve().parents[2]
PREPARING = "服务目录正在准备"


def _visible(window: Any, name: str) -> bool:
    item = find(window, name)
    return item is not None and bool(item.isVisible())


def test_a_second_start_shows_the_services_before_the_store_is_open(
    tmp_path: Path, make_ui: Any
) -> None:
    """The first ``kiosk run`` leaves ``home.json``; the next start shows its tiles at once."""
    from kiosk.config import KioskConfig
    from kiosk.service import KioskService

    data = tmp_path / "data"
    p = subprocess.run(
        [
            sys.executable,
            "-m",
            "terminal",
            "--data-dir",
            str(data),
            "run",
            "--offscreen",
            "--quit-after",
            "1",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert p.returncode == 0, p.stderr[-2000:]
    assert (data / "home.json").is_file()

    service = KioskService(KioskConfig(), data)  # nothing opened: the store is not open
    ui = make_ui(service)
    settle(50)
    frequent = ui.catalog.homeFrequent
    assert len(frequent) == 8
    assert all(_visible(ui.window, "home_item_" + b["code"]) for b in frequent)
    assert _visible(ui.window, "home_theme_person_birth")
    hint = [
        t
        for t in ui.window.findChildren(type(ui.window.contentItem()))
        if PREPARING in str(t.property("text"))
    ]
    assert hint and not any(t.isVisible() for t in hint)  # "catalog preparing" is not shown


def test_a_tap_on_a_cached_service_opens_its_guide_once_the_catalog_is_read(
    make_ui: Any,
) -> None:
    from kiosk.catalog.sample import load_sample_items
    from ui.fakes import FakeBackend
    from ui.viewmodels.catalog import home_view

    items = load_sample_items()
    backend = FakeBackend(items=[])
    backend.version = 0
    backend.home = home_view(items)
    ui = make_ui(backend)
    settle(30)
    assert ui.catalog.homeFrequent == backend.home["frequent"]
    code = backend.home["frequent"][0]["code"]
    tap(ui.window, "home_item_" + code)  # before the store is open
    wait_until(lambda: ui.session.screen == "finder", 5, "finder")

    backend.items, backend.version = items, 3  # the store is open now
    ui.notify_backend_ready()
    wait_until(lambda: ui.session.screen == "guide", 5, "guide of the tapped service")
    assert ui.catalog.selected["code"] == code


def test_a_catalog_update_shows_from_the_next_session_not_mid_session(
    fake: Any, fake_ui: Any
) -> None:
    ui = fake_ui
    new = copy.deepcopy(fake.items[0])
    new["item_code"] = "11110101000013645D2999900010001"
    new["name"] = "新发布的服务事项"
    ui.session.go("finder")
    ui.catalog.setQuery("新发布")
    fake.items, fake.version = [*fake.items, new], fake.version + 1  # the sync agent applied it
    settle(100)
    assert new["item_code"] not in {r["code"] for r in ui.catalog.results}

    ui.session.home()  # the resident leaves: the session is wiped
    wait_until(lambda: new["item_code"] in ui.catalog._items, 5, "the updated catalog")
    ui.session.go("finder")
    ui.catalog.pickTheme(new["themes"]["person"][0] if new["themes"]["person"] else "")
    ui.catalog.select(new["item_code"])
    assert ui.catalog.selected["name"] == "新发布的服务事项"
