"""`@frozen` behaves as `@dataclass(frozen=True)`, with and without slots: each test makes the
same class both ways and asks both the same question."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from typing import Any, Callable, ClassVar

import pytest

from patternlint.frozen import frozen

Maker = Callable[[type], type]


def standard(slots: bool) -> Maker:
    return dataclasses.dataclass(frozen=True, slots=slots)


def ours(slots: bool) -> Maker:
    return frozen(slots=slots)


BOTH = [pytest.param(m, s, id=f"{m.__name__}-{'slots' if s else 'dict'}") for m in (standard, ours) for s in (False, True)]


def point(make: Maker, name: str = "Point") -> type:
    """The class, made by `make` under `name` at this module's top level (where pickle finds it)."""

    class Point:
        """A point."""

        x: int
        y: int = 0
        tags: tuple[str, ...] = dataclasses.field(default_factory=tuple)
        note: str = dataclasses.field(default="", compare=False, repr=False)
        kind: ClassVar[str] = "point"

    Point.__name__ = Point.__qualname__ = name
    made = make(Point)
    globals()[name] = made
    return made


def values(make: Maker, slots: bool) -> dict[str, Any]:
    """Everything observable about the class and its instances."""
    name = f"Point_{make.__name__}_{slots}"
    cls = point(make(slots), name)
    a, b, c = cls(1, 2, ("t",), "n"), cls(1, 2, ("t",), "other"), cls(1)
    out: dict[str, Any] = {
        "repr": (repr(a), repr(c)),
        "eq": (a == b, a == c, a != c, a == (1, 2), a.__eq__((1, 2))),
        "hash": (hash(a) == hash(b), len({a, b, c})),
        "fields": [(f.name, f.compare, f.repr) for f in dataclasses.fields(cls)],
        "is_dataclass": dataclasses.is_dataclass(cls),
        "params": (cls.__dataclass_params__.frozen, cls.__dataclass_params__.eq, cls.__dataclass_params__.init),
        "match_args": cls.__match_args__,
        "replace": dataclasses.replace(a, y=5),
        "asdict": dataclasses.asdict(a),
        "astuple": dataclasses.astuple(c),
        "defaults": (c.y, c.tags, c.note, cls.kind),
        "factory is called each time": cls(1).tags is cls(2).tags,
        "pickle": pickle.loads(pickle.dumps(a)) == a,
        "copy": (copy.copy(a) == a, copy.deepcopy(a) == a),
        "slots": hasattr(cls, "__slots__"),
        "dict": hasattr(a, "__dict__"),
    }
    for action in (lambda: setattr(a, "x", 3), lambda: delattr(a, "x")):
        with pytest.raises(dataclasses.FrozenInstanceError) as raised:
            action()
        out.setdefault("refused", []).append(str(raised.value))
    # Refused too, though not always in the same words: with slots, the standard decorator's
    # `__setattr__` fails inside `super()` (its class was made anew), with a TypeError.
    with pytest.raises((AttributeError, TypeError)):
        setattr(a, "other", 3)
    with pytest.raises(TypeError) as missing:
        cls()
    out["missing"] = "x" in str(missing.value)
    return {k: repr(v).replace(name, "Point") for k, v in out.items()}


@pytest.mark.parametrize("slots", [False, True])
def test_a_frozen_class_behaves_as_the_standard_decorators(slots: bool) -> None:
    assert values(ours, slots) == values(standard, slots)


@pytest.mark.parametrize(("make", "slots"), BOTH)
def test_post_init_runs_and_may_refuse(make: Callable[[bool], Maker], slots: bool) -> None:
    class Range:
        low: int
        high: int

        def __post_init__(self) -> None:
            if self.low > self.high:
                raise ValueError("low > high")

    cls = make(slots)(Range)
    assert cls(1, 2).high == 2
    with pytest.raises(ValueError, match="low > high"):
        cls(2, 1)


@pytest.mark.parametrize("slots", [False, True])
def test_pattern_matching_reads_the_fields(slots: bool) -> None:
    cls = point(ours(slots))
    match cls(3, 4):
        case cls(x, y):  # type: ignore[misc]
            assert (x, y) == (3, 4)
        case _:
            pytest.fail("no match")


def test_a_class_with_a_dataclass_base_or_its_own_eq_is_made_the_standard_way() -> None:
    @dataclasses.dataclass(frozen=True)
    class Base:
        a: int

    class Derived(Base):
        b: int = 0

    made = frozen(Derived)
    assert made(1, 2) == made(1, 2) and made(1, 2) != made(1, 3)

    class OwnEq:
        a: int

        def __eq__(self, other: object) -> bool:
            return True

        __hash__ = object.__hash__

    own = frozen(OwnEq)
    assert own(1) == own(2)


def test_a_field_left_out_of_init_is_refused() -> None:
    class Computed:
        a: int
        b: int = dataclasses.field(init=False, default=0)

    with pytest.raises(TypeError, match="every field a parameter"):
        frozen(Computed)
