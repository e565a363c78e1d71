"""The start screen's cached catalog content (``kiosk.catalog.home_cache``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.catalog.home_cache import FILE_NAME, read_home, write_home

HOME = {
    "frequent": [{"code": "C1", "name": "居民身份证换领", "nameEn": "ID renewal"}],
    "themes": {"person": [{"key": "birth", "label": "出生", "count": 3}], "enterprise": []},
}


def test_round_trip_and_no_file(tmp_path: Path) -> None:
    assert read_home(tmp_path) is None
    assert write_home(tmp_path, HOME)
    assert read_home(tmp_path) == {**HOME, "version": 1}
    assert not list(tmp_path.glob(".*.tmp"))  # the temporary file was renamed away


@pytest.mark.parametrize(
    "text",
    [
        "",
        "{",
        "[]",
        '{"version": 1}',
        '{"version": 2, "frequent": [], "themes": {}}',
        '{"version": 1, "frequent": [{"name": "no code"}], "themes": {"person": [], "enterprise": []}}',
        '{"version": 1, "frequent": [], "themes": {"person": "x", "enterprise": []}}',
    ],
)
def test_a_damaged_file_is_ignored(tmp_path: Path, text: str) -> None:
    (tmp_path / FILE_NAME).write_text(text, encoding="utf-8")
    assert read_home(tmp_path) is None


def test_malformed_content_is_not_written_and_the_old_file_stays(tmp_path: Path) -> None:
    assert write_home(tmp_path, HOME)
    assert not write_home(tmp_path, {"frequent": "not a list", "themes": {}})
    assert read_home(tmp_path) == {**HOME, "version": 1}


def test_a_refused_write_says_so_and_never_raises(tmp_path: Path) -> None:
    assert not write_home(tmp_path / "missing", HOME)
    (tmp_path / FILE_NAME).mkdir()  # the target cannot be replaced, even by root
    assert not write_home(tmp_path, HOME)
    assert not list(tmp_path.glob(".*.tmp"))
