"""``@frozen_record``: a frozen dataclass that is cheap to *define*.

``@dataclass(frozen=True)`` writes six methods as source text per class and compiles each
(``exec``): about 0.3–0.45 ms a class. ``kiosk run`` defines some fifty before it can show its
first frame (the configuration's eighteen, the application API's value types and outcomes).

A frozen record is a real dataclass (``fields``, ``asdict``, ``replace`` and ``is_dataclass``
work on it) whose ``__init__``, ``__repr__``, ``__eq__``, ``__hash__`` and frozenness come
from shared functions instead: defining one takes a fifteenth of the time. Instances behave as
``@dataclass(frozen=True)``'s do: defaults and default factories, positional or keyword
arguments, ``__post_init__``, equality and hashing over the compared fields, ``repr`` without
the ``repr=False`` fields, pattern matching, and ``FrozenInstanceError`` on assignment; a
class's own ``__repr__`` or ``__eq__`` is kept (``tests/core/test_frozen_record.py`` runs the
same checks on both). Refused when defined: ``InitVar``, ``kw_only`` fields, ``field(init=False)``
without a default, and a class's own ``__init__``, ``__hash__``, ``__setattr__`` or
``__delattr__``.

Creating an instance is slower than with generated code (a loop over the fields, a few µs):
use it for records made a few times per resident or per device poll, not in a hot loop.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

T = TypeVar("T")

_MISSING = dataclasses.MISSING
_SET = object.__setattr__


def _init(self: Any, *args: Any, **kwargs: Any) -> None:
    cls = type(self)
    fields: tuple[dataclasses.Field[Any], ...] = cls.__frozen_init_fields__
    if len(args) > len(fields):
        raise TypeError(
            f"{cls.__name__}.__init__() takes {len(fields) + 1} positional arguments "
            f"but {len(args) + 1} were given"
        )
    for f, value in zip(fields, args, strict=False):  # fewer args than fields
        if f.name in kwargs:
            raise TypeError(
                f"{cls.__name__}.__init__() got multiple values for argument {f.name!r}"
            )
        _SET(self, f.name, value)
    for f in fields[len(args) :]:
        if f.name in kwargs:
            value = kwargs.pop(f.name)
        elif f.default is not _MISSING:
            value = f.default
        elif f.default_factory is not _MISSING:
            value = f.default_factory()
        else:
            raise TypeError(f"{cls.__name__}.__init__() missing required argument: {f.name!r}")
        _SET(self, f.name, value)
    if kwargs:
        name = next(iter(kwargs))
        raise TypeError(f"{cls.__name__}.__init__() got an unexpected keyword argument {name!r}")
    for f in cls.__frozen_other_fields__:  # field(init=False, default=…)
        _SET(self, f.name, f.default if f.default is not _MISSING else f.default_factory())
    post_init = getattr(self, "__post_init__", None)
    if post_init is not None:
        post_init()


def _repr(self: Any) -> str:
    shown = ", ".join(f"{n}={getattr(self, n)!r}" for n in type(self).__frozen_repr_names__)
    return f"{type(self).__qualname__}({shown})"


def _key(self: Any) -> tuple[Any, ...]:
    return tuple(getattr(self, n) for n in type(self).__frozen_compare_names__)


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is self.__class__:
        return _key(self) == _key(other)
    return NotImplemented


def _hash(self: Any) -> int:
    return hash(_key(self))


def _setattr(self: Any, name: str, value: Any) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")


def _delattr(self: Any, name: str) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")


def frozen_record(cls: type[T]) -> type[T]:
    """Make ``cls`` a frozen dataclass (see the module's docstring for what differs)."""
    own = cls.__dict__
    for name in ("__init__", "__hash__", "__setattr__", "__delattr__"):
        if name in own:
            raise TypeError(f"{cls.__name__} defines {name}; use @dataclass(frozen=True)")
    cls = dataclasses.dataclass(init=False, repr=False, eq=False)(cls)
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    for f in fields:
        if f.kw_only or (not f.init and f.default is _MISSING and f.default_factory is _MISSING):
            raise TypeError(f"{cls.__name__}.{f.name}: not supported by frozen_record")
    pseudo = cls.__dataclass_fields__.values()  # type: ignore[attr-defined]
    if any("InitVar" in str(f.type) for f in pseudo):
        raise TypeError(f"{cls.__name__}: InitVar is not supported by frozen_record")
    cls.__frozen_init_fields__ = tuple(f for f in fields if f.init)  # type: ignore[attr-defined]
    cls.__frozen_other_fields__ = tuple(f for f in fields if not f.init)  # type: ignore[attr-defined]
    cls.__frozen_repr_names__ = tuple(f.name for f in fields if f.repr)  # type: ignore[attr-defined]
    cls.__frozen_compare_names__ = tuple(f.name for f in fields if f.compare)  # type: ignore[attr-defined]
    cls.__init__ = _init  # type: ignore[misc]
    if "__repr__" not in own:  # as @dataclass, a class's own repr and eq are kept
        cls.__repr__ = _repr  # type: ignore[assignment,method-assign]
    if "__eq__" not in own:
        cls.__eq__ = _eq  # type: ignore[assignment,method-assign]
    cls.__hash__ = _hash  # type: ignore[assignment,method-assign]
    cls.__setattr__ = _setattr  # type: ignore[assignment,method-assign]
    cls.__delattr__ = _delattr  # type: ignore[assignment,method-assign]
    return cls
