"""The kiosk's wheel — what a fleet update installs on a terminal (docs/fleet.md) — carries
everything the installed kiosk reads beside its code: the QML, the translations, the catalog
and the store's migrations, the icons and the terminal pictures (``assets/``), and never the
developers' test cards with their test CA's private key."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (whl,) = out.glob("bianmin_kiosk-*.whl")
    with zipfile.ZipFile(whl) as z:
        return set(z.namelist())


def _repo_files(*patterns: str) -> set[str]:
    return {str(p.relative_to(ROOT)) for pat in patterns for p in ROOT.glob(pat) if p.is_file()}


def test_the_wheel_carries_what_the_installed_kiosk_reads(wheel_names: set[str]) -> None:
    needed = _repo_files(
        "assets/icons/*.svg",
        "assets/terminal/*.svg",
        "ui/qml/**/*.qml",
        "ui/qml/**/*.js",
        "ui/i18n/*.qm",
        "kiosk/catalog/data/*.json",
        "kiosk/store/migrations/*.sql",
        "kiosk/schemas/*.json",
    )
    assert needed, "the patterns match the repository"
    assert sorted(needed - wheel_names) == []
    assert "assets/icons/LICENSE" in wheel_names  # Tabler's MIT licence travels with the icons


def test_the_wheel_has_no_test_cards_or_keys(wheel_names: set[str]) -> None:
    assert [n for n in wheel_names if n.startswith("assets/cards/") or n.endswith(".pem")] == []
