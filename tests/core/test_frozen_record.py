"""``@frozen_record`` behaves as ``@dataclass(frozen=True)`` for the records it is used on
(the configuration): each check runs on both and compares what a caller sees."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

import pytest

from kiosk.frozen import frozen_record


def _define(deco: Any) -> Any:
    @deco
    class Printer:
        """A printer's settings."""

        uri: str
        width_mm: int = 80
        profiles: list[str] = field(default_factory=lambda: ["default"])
        secret: str = field(default="", repr=False)
        note: str = field(default="", compare=False)

    return Printer


BOTH = [
    pytest.param(dataclass(frozen=True), id="dataclass"),
    pytest.param(frozen_record, id="frozen_record"),
]


@pytest.mark.parametrize("deco", BOTH)
def test_construction_defaults_and_factories(deco: Any) -> None:
    P = _define(deco)
    a = P("serial:/dev/ttyS0")
    assert (a.uri, a.width_mm, a.profiles) == ("serial:/dev/ttyS0", 80, ["default"])
    b = P("tcp://printer", 58, ["x"], secret="k", note="n")
    assert (b.width_mm, b.profiles, b.secret, b.note) == (58, ["x"], "k", "n")
    assert P("u").profiles is not P("u").profiles  # a fresh list each time


@pytest.mark.parametrize("deco", BOTH)
def test_bad_arguments_are_type_errors(deco: Any) -> None:
    P = _define(deco)
    with pytest.raises(TypeError):
        P()
    with pytest.raises(TypeError):
        P("u", colour=True)
    with pytest.raises(TypeError):
        P("u", 80, [], "s", "n", "extra")
    with pytest.raises(TypeError):
        P("u", uri="v")


@pytest.mark.parametrize("deco", BOTH)
def test_frozen_equal_hashable_and_replaceable(deco: Any) -> None:
    P = _define(deco)
    a = P("u", profiles=("a",))  # type: ignore[arg-type]
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.uri = "v"
    with pytest.raises(dataclasses.FrozenInstanceError):
        del a.uri
    assert a == P("u", profiles=("a",), note="ignored in comparisons")  # type: ignore[arg-type]
    assert a != P("v", profiles=("a",))  # type: ignore[arg-type]
    assert a != ("u", 80)
    assert hash(a) == hash(P("u", profiles=("a",)))  # type: ignore[arg-type]
    c = dataclasses.replace(a, width_mm=58)
    assert (c.uri, c.width_mm, a.width_mm) == ("u", 58, 80)
    assert dataclasses.is_dataclass(a)
    assert [f.name for f in dataclasses.fields(a)] == [
        "uri",
        "width_mm",
        "profiles",
        "secret",
        "note",
    ]
    assert dataclasses.asdict(a)["profiles"] == ("a",)


def test_repr_is_the_dataclass_repr_without_hidden_fields() -> None:
    args = ("u", 58, ["x"])
    expected = repr(_define(dataclass(frozen=True))(*args, secret="key"))
    shown = repr(_define(frozen_record)(*args, secret="key"))
    assert shown.split("(", 1)[1] == expected.split("(", 1)[1]
    assert "key" not in shown


def test_a_class_keeps_its_own_repr() -> None:
    @frozen_record
    class Answer:
        certificate: bytes

        def __repr__(self) -> str:
            return f"Answer({len(self.certificate)} bytes)"

    assert repr(Answer(b"secret")) == "Answer(6 bytes)"


def test_post_init_runs_and_may_normalise() -> None:
    @frozen_record
    class Window:
        start: str = "02:00"

        def __post_init__(self) -> None:
            object.__setattr__(self, "start", self.start.strip())

    assert Window(" 03:00 ").start == "03:00"


def test_what_it_cannot_do_is_refused_when_defined() -> None:
    with pytest.raises(TypeError):

        @frozen_record
        class KwOnly:
            a: int = field(default=1, kw_only=True)

    with pytest.raises(TypeError):

        @frozen_record
        class OwnInit:
            a: int = 1

            def __init__(self) -> None:
                pass
