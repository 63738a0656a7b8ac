"""`@frozen`: `@dataclass(frozen=True)` (`@frozen(slots=True)`: with slots), made in a quarter of
the time.

The standard decorator compiles six methods from source for every frozen class (`__init__`,
`__repr__`, `__eq__`, `__hash__`, `__setattr__`, `__delattr__`): about 0.6 ms a class, and a
process that checks one file defines some ninety of them (the typed problems, the records, the
contract's types), a sixth of a one-file run. Here `dataclasses` processes the fields (so
`fields`, `replace`, `is_dataclass`, `asdict` and pattern matching work as on any dataclass),
only `__init__` is compiled, and the other five are small closures over the class's field
names that do what the generated ones do: compare and hash the fields (those with `compare`,
`hash`), write `Name(field=value, …)`, refuse assignment and deletion with
`FrozenInstanceError`, and (with slots) pickle and copy through `__getstate__`/`__setstate__`.
`tests/test_frozen.py` holds each behaviour against the standard decorator's.

A class with a dataclass base, or that writes one of those methods itself, is made by the
standard decorator; a field left out of `__init__` or keyword-only is refused (none is used).
"""

from __future__ import annotations

import dataclasses
from dataclasses import MISSING, FrozenInstanceError
from operator import attrgetter
from typing import Any, Callable, TypeVar, dataclass_transform, overload

T = TypeVar("T")

_FACTORY = object()  # the default of a parameter whose field has a `default_factory`


@overload
def frozen(cls: type[T], /) -> type[T]: ...


@overload
def frozen(*, slots: bool = False) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field, dataclasses.Field))
def frozen(cls: type[T] | None = None, /, *, slots: bool = False) -> type[T] | Callable[[type[T]], type[T]]:
    def wrap(c: type[T]) -> type[T]:
        return _make(c, slots)

    return wrap if cls is None else wrap(cls)


def _make(cls: type[T], slots: bool) -> type[T]:
    if _needs_standard(cls):
        return dataclasses.dataclass(frozen=True, slots=slots)(cls)
    documented = bool(cls.__dict__.get("__doc__"))
    if not documented:
        cls.__doc__ = cls.__name__  # spares dataclasses an `inspect.signature` of the wrong `__init__`
    made: Any = dataclasses.dataclass(init=False, repr=False, eq=False, slots=slots)(cls)
    fields = dataclasses.fields(made)
    if any(not f.init or f.kw_only is True for f in fields):
        raise TypeError(f"{made.__qualname__}: @frozen makes every field a parameter; use dataclasses.dataclass")
    names = tuple(f.name for f in fields)
    made.__init__ = _init(made, fields)
    made.__repr__ = _repr(tuple(f.name for f in fields if f.repr))
    compared = _getter(tuple(f.name for f in fields if f.compare))
    hashed = _getter(tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash)))

    def __eq__(self: Any, other: object) -> bool:
        if other.__class__ is self.__class__:
            return bool(compared(self) == compared(other))
        return NotImplemented

    def __hash__(self: Any) -> int:
        return hash(hashed(self))

    def __setattr__(self: Any, name: str, value: object) -> None:
        if type(self) is made or name in names:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        super(made, self).__setattr__(name, value)

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is made or name in names:
            raise FrozenInstanceError(f"cannot delete field {name!r}")
        super(made, self).__delattr__(name)

    made.__eq__ = __eq__
    made.__hash__ = __hash__
    made.__setattr__ = __setattr__
    made.__delattr__ = __delattr__
    if slots:  # no `__dict__` for pickle to fill, and `__setattr__` refuses: as dataclasses does
        made.__getstate__ = _getstate
        made.__setstate__ = _setstate
    for member in (made.__init__, made.__repr__, __eq__, __hash__, __setattr__, __delattr__):
        member.__qualname__ = f"{made.__qualname__}.{member.__name__}"
    params = made.__dataclass_params__
    params.init = params.repr = params.eq = params.frozen = True
    if not documented:
        made.__doc__ = f"{made.__name__}({', '.join(names)})"
    result: type[T] = made
    return result


def _needs_standard(cls: type) -> bool:
    """Whether a base is a dataclass (the standard decorator checks frozen against frozen) or the
    class writes a method the decorator would (it keeps those; so does the standard one)."""
    if any(hasattr(base, "__dataclass_fields__") for base in cls.__mro__[1:]):
        return True
    return any(name in cls.__dict__ for name in ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__"))


def _init(cls: type, fields: tuple[dataclasses.Field[Any], ...]) -> Callable[..., None]:
    """`__init__`, compiled once: each field set through `object.__setattr__`, as dataclasses
    writes it for a frozen class, then `__post_init__` if the class has one."""
    ns: dict[str, Any] = {"__set": object.__setattr__, "__factory": _FACTORY}
    params, body = [], []
    for i, f in enumerate(fields):
        value = f.name
        if f.default is not MISSING:
            ns[f"__d{i}"] = f.default
            params.append(f"{f.name}=__d{i}")
        elif f.default_factory is not MISSING:
            ns[f"__f{i}"] = f.default_factory
            params.append(f"{f.name}=__factory")
            value = f"__f{i}() if {f.name} is __factory else {f.name}"
        else:
            params.append(f.name)
        body.append(f" __set(__dataclass_self__, {f.name!r}, {value})")
    if hasattr(cls, "__post_init__"):
        body.append(" __dataclass_self__.__post_init__()")
    source = f"def __init__(__dataclass_self__, {', '.join(params)}):\n" + ("\n".join(body) or " pass")
    exec(source, ns)  # noqa: S102 - source made above from the field names, as dataclasses does
    init: Callable[..., None] = ns["__init__"]
    return init


def _getter(names: tuple[str, ...]) -> Callable[[Any], object]:
    """The values of `names` of an instance, as one comparable, hashable value."""
    if not names:
        return lambda self: ()
    if len(names) == 1:
        get = attrgetter(names[0])
        return lambda self: (get(self),)
    return attrgetter(*names)


def _repr(names: tuple[str, ...]) -> Callable[[Any], str]:
    def __repr__(self: Any) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{self.__class__.__qualname__}({inner})"

    return __repr__


def _getstate(self: Any) -> list[object]:
    return [getattr(self, f.name) for f in dataclasses.fields(self)]


def _setstate(self: Any, state: list[object]) -> None:
    for f, value in zip(dataclasses.fields(self), state):
        object.__setattr__(self, f.name, value)
