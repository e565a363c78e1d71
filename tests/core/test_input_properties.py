"""Property tests: arbitrary strings and JSON into the submit use case and the catalog import
find only typed refusals (SubmissionRefused, CatalogInvalid), never a crash. Derandomized
and bounded, so they cannot flake and stay within a few seconds each."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.catalog.files import read_catalog_file
from kiosk.catalog.validate import CatalogInvalid, ItemProblem, validate_items
from kiosk.store.db import Store
from kiosk.usecases.submit import SubmissionRefused, submit_application

from .conftest import make_item
from .test_submit import NOW, ZHANG, draft

PROPERTY = settings(
    max_examples=150,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

texts = st.text(max_size=40) | st.text(
    st.characters(codec=None, blacklist_categories=()), max_size=40
)
scalars = st.none() | st.booleans() | st.integers() | st.floats() | texts
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
    max_leaves=12,
)


def submit_typed(store: Store, **over: Any) -> None:
    try:
        submit_application(store, draft(**over), now=NOW)
    except SubmissionRefused as exc:
        assert exc.problems and str(exc)
        for p in exc.problems.values():
            assert p.message_zh and p.message_en


@PROPERTY
@given(name=json_values, id_number=json_values, card_type=json_values, phone=json_values)
def test_any_applicant_is_stored_or_refused(store: Store, name, id_number, card_type, phone):
    a = dataclasses.replace(ZHANG, name=name, id_number=id_number, card_type=card_type, phone=phone)
    submit_typed(store, applicant=a)


@PROPERTY
@given(values=st.dictionaries(texts | st.sampled_from(list(draft().form)), json_values))
def test_any_form_is_stored_or_refused(store: Store, values: dict) -> None:
    submit_typed(store, form=draft().form | values)


@PROPERTY
@given(item_code=json_values, form=json_values)
def test_any_item_code_and_form_shape(store: Store, item_code, form) -> None:
    submit_typed(store, item_code=item_code, form=form)


def problems_are_printable(problems: list[ItemProblem]) -> None:
    for p in problems:
        str(p).encode("utf-8")


@PROPERTY
@given(items=json_values)
def test_any_json_as_a_catalog_gives_problems_not_a_crash(items: Any) -> None:
    problems_are_printable(validate_items(items if isinstance(items, list) else [items]))


@PROPERTY
@given(key=st.sampled_from(sorted(make_item(1))), value=json_values)
def test_any_value_in_a_real_item_is_valid_or_named(store: Store, key: str, value: Any) -> None:
    it = make_item(2) | {key: value}
    problems_are_printable(validate_items([it]))
    try:
        store.catalog.replace_all([make_item(1), it], version=store.catalog.version() + 1)
    except CatalogInvalid as exc:
        str(exc).encode("utf-8")
    assert store.catalog.count() >= 1


@PROPERTY
@given(content=st.binary(max_size=200) | json_values.map(lambda v: json.dumps(v).encode()))
def test_any_file_reads_or_is_refused(tmp_path: Path, content: bytes) -> None:
    f = tmp_path / "c.json"
    f.write_bytes(content)
    try:
        _, items = read_catalog_file(f)
    except CatalogInvalid as exc:
        str(exc).encode("utf-8")
        return
    problems_are_printable(validate_items(items))
