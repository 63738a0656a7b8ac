"""Compact JSON encoding of frozen dataclasses, derived from their fields and type annotations.

A dataclass is a list of its fields' values in field order; trailing fields equal to their
defaults are left out (most links have no weight, most files no anchors). Decoding checks the
shape against the types: exactly `str`, `int` (never `bool`), `float`, `bool`, `None`, an enum's
value, a list for a tuple, a `[class name, ...]` list for a union of dataclasses; anything else
raises ValueError, so data that is not ours is never trusted.

The cache decodes every file's record when pre-commit re-checks one file, so the encoder and
decoder of each type are generated once, as Python source, with the checks written out (as
`dataclasses` generates `__init__`), not interpreted field by field on every call.

`shape(cls)` describes the encoding; the cache's fingerprint covers it, so a change to a record
type voids old caches by itself.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from functools import cached_property
from pathlib import Path
from typing import Any, Callable, Generic, Mapping, TypeVar

T = TypeVar("T")

_PRIMITIVES: tuple[type, ...] = (str, int, float, bool)


class _Builder:
    """Generates the functions of one codec and of every type it contains."""

    def __init__(self, names: Mapping[str, Any]) -> None:
        self.names = dict(names)  # for annotations that name types imported only for type checking
        self.ns: dict[str, Any] = {"_E": ValueError, "Path": Path, "_new": object.__new__}
        self.lines: list[str] = []
        self.decoders: dict[object, str] = {}
        self.encoders: dict[object, str] = {}
        self.shapes: dict[object, str] = {}
        self.count = 0
        self.source: list[str] = []
        self.fills: list[tuple[dict[Any, Any], Any, str]] = []  # union tables, once compiled
        self.hinted: dict[Any, dict[str, Any]] = {}
        self.defaults: list[tuple[str, str, Any]] = []  # (name, encoder, default), once compiled

    def name(self, prefix: str, value: object) -> str:
        self.count += 1
        name = f"_{prefix}{self.count}"
        self.ns[name] = value
        return name

    def hints(self, cls: Any) -> dict[str, Any]:
        if cls not in self.hinted:
            self.hinted[cls] = typing.get_type_hints(cls, localns=self.names)
        return self.hinted[cls]

    # -- shape -------------------------------------------------------------------------------

    def shape(self, tp: Any) -> str:
        if tp in self.shapes:
            return self.shapes[tp]
        if isinstance(tp, type) and dataclasses.is_dataclass(tp):
            self.shapes[tp] = tp.__name__  # recursion stops at the name
            hints = self.hints(tp)
            inner = ",".join(f"{f.name}:{self.shape(hints[f.name])}" for f in dataclasses.fields(tp))
            self.shapes[tp] = text = f"{tp.__name__}({inner})"
            return text
        origin, args = typing.get_origin(tp), typing.get_args(tp)
        if origin is not None:
            return f"{getattr(origin, '__name__', origin)}[{','.join(self.shape(a) for a in args)}]"
        if tp is Ellipsis:
            return "..."
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return f"{tp.__name__}{{{','.join(repr(m.value) for m in tp)}}}"
        return getattr(tp, "__name__", repr(tp))

    # -- decoding: statements that check `var` and rebind it to the decoded value ----------

    def check(self, tp: Any, var: str, indent: str) -> list[str]:
        if tp is type(None):
            return [f"{indent}if {var} is not None: raise _E('expected null')"]
        if tp in _PRIMITIVES:
            return [f"{indent}if type({var}) is not {tp.__name__}: raise _E('expected {tp.__name__}')"]
        if tp is Path:
            return [f"{indent}if type({var}) is not str: raise _E('expected a path')", f"{indent}{var} = Path({var})"]
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            kinds = {type(m.value) for m in tp}
            if len(kinds) != 1 or next(iter(kinds)) not in _PRIMITIVES:
                raise TypeError(f"cannot encode enum {tp.__name__}")
            kind = next(iter(kinds)).__name__
            # A table, not a call of the enum (which looks the value up the same way, slowly).
            members = self.name("M", {m.value: m for m in tp})
            return [
                f"{indent}if type({var}) is not {kind}: raise _E('expected {kind}')",
                f"{indent}{var} = {members}.get({var})",
                f"{indent}if {var} is None: raise _E('not a {tp.__name__}')",
            ]
        if dataclasses.is_dataclass(tp):
            flat = self.flat(tp)
            if flat is None:
                return [f"{indent}{var} = {self.decoder(tp)}({var})"]
            # A small record of plain values (a span): checked in place, one call fewer each.
            self.count += 1
            names = [f"_{var}_{self.count}_{i}" for i in range(len(flat))]
            test = " or ".join(f"type({n}) is not {k.__name__}" for n, k in zip(names, flat))
            return [
                f"{indent}if type({var}) is not list: raise _E('expected a list')",
                f"{indent}{', '.join(names)}, = {var}",  # ValueError when the length is wrong
                f"{indent}if {test}: raise _E('unexpected type')",
                *self.construct(tp, var, names, indent),
            ]
        origin, args = typing.get_origin(tp), typing.get_args(tp)
        if origin in (typing.Union, types.UnionType):
            return self.check_union(args, var, indent)
        if origin is tuple:
            out = [f"{indent}if type({var}) is not list: raise _E('expected a list')"]
            if len(args) == 2 and args[1] is Ellipsis:
                item = args[0]
                if item in _PRIMITIVES:
                    name = item.__name__
                    out.append(f"{indent}for _i in {var}:")
                    out.append(f"{indent}    if type(_i) is not {name}: raise _E('expected {name}')")
                    out.append(f"{indent}{var} = tuple({var})")
                else:
                    out.append(f"{indent}{var} = tuple([{self.function(item)}(_i) for _i in {var}])")
                return out
            out.append(f"{indent}if len({var}) != {len(args)}: raise _E('expected {len(args)} items')")
            parts = [f"{self.function(a)}({var}[{i}])" for i, a in enumerate(args)]
            out.append(f"{indent}{var} = ({', '.join(parts)},)")
            return out
        raise TypeError(f"cannot encode {tp!r}")

    def check_union(self, args: tuple[Any, ...], var: str, indent: str) -> list[str]:
        rest = [a for a in args if a is not type(None)]
        out: list[str] = []
        if len(rest) < len(args):  # optional
            out.append(f"{indent}if {var} is not None:")
            indent += "    "
        if len(rest) == 1:
            return out + self.check(rest[0], var, indent)
        if all(a in _PRIMITIVES for a in rest):
            test = " and ".join(f"type({var}) is not {a.__name__}" for a in rest)
            return out + [f"{indent}if {test}: raise _E('unexpected type')"]
        if all(dataclasses.is_dataclass(a) for a in rest):
            table = self.name("U", {})
            for a in rest:
                self.fills.append((self.ns[table], a.__name__, self.decoder(a)))
            return out + [
                f"{indent}if type({var}) is not list or not {var}: raise _E('expected a tagged list')",
                f"{indent}{var} = {table}[{var}[0]]({var}[1:])",
            ]
        raise TypeError(f"cannot encode a union of {rest!r}")

    def flat(self, cls: Any) -> list[type] | None:
        """The field types of a dataclass of plain values without defaults, else None."""
        fields = dataclasses.fields(cls)
        hints = self.hints(cls)
        kinds = [hints[f.name] for f in fields]
        if not fields or any(_has_default(f) or not f.init for f in fields) or not all(k in _PRIMITIVES for k in kinds):
            return None
        return kinds

    def function(self, tp: Any) -> str:
        """The name of a function that decodes one value of `tp`."""
        if dataclasses.is_dataclass(tp):
            return self.decoder(tp)
        key = ("f", tp)
        if key not in self.decoders:
            name = self.decoders[key] = self.name("f", None)
            body = self.check(tp, "v", "    ")
            self.emit(name, ["v"], body + ["    return v"])
        return self.decoders[key]

    def decoder(self, cls: Any, omit: tuple[str, ...] = ()) -> str:
        key = (cls, omit)
        if key in self.decoders:
            return self.decoders[key]
        name = self.decoders[key] = self.name("d", None)
        fields = [f for f in dataclasses.fields(cls) if f.init]
        hints = self.hints(cls)
        stored = [f for f in fields if f.name not in omit]
        required = sum(1 for f in stored if not _has_default(f))
        if any(_has_default(f) for f in stored[:required]):
            raise TypeError(f"{cls.__name__}: a field without a default follows one with a default")
        body = [
            "    if type(v) is not list: raise _E('expected a list')",
            "    n = len(v)",
            f"    if n < {required} or n > {len(stored)}: raise _E('expected {required} to {len(stored)} items')",
        ]
        args: list[str] = []
        for i, f in enumerate(stored):
            var = f"x{i}"
            if i < required:
                body.append(f"    {var} = v[{i}]")
                body += self.check(hints[f.name], var, "    ")
            else:
                default = self.name("D", _default(f))
                body.append(f"    if n > {i}:")
                body.append(f"        {var} = v[{i}]")
                body += self.check(hints[f.name], var, "        ")
                body.append("    else:")
                body.append(f"        {var} = {default}")
            args.append(var)
        order = [f.name if f.name in omit else args[stored.index(f)] for f in fields]
        body += self.construct(cls, "v", order, "    ")
        body.append("    return v")
        self.emit(name, ["v", *omit], body)
        return name

    def construct(self, cls: Any, var: str, args: list[str], indent: str) -> list[str]:
        """Statements that bind `var` to an instance of `cls` made from `args` (one for each
        of its fields, in order). A frozen dataclass's `__init__` sets each field through
        `object.__setattr__`; for one with slots and nothing else in its `__init__`, the object
        is made as an instance of its unfrozen twin (see `_twin`), whose fields are plain
        assignments, then made an instance of `cls`: the same object, about two and a half times
        as fast (a language server decodes tens of thousands of links and spans at start-up).
        Failing that, the slots' own descriptors set the fields."""
        setters = _slot_setters(cls)
        if setters is None:
            return [f"{indent}{var} = {self.name('C', cls)}({', '.join(args)})"]
        twin = _twin(cls)
        if twin is not None:
            out = [f"{indent}{var} = _new({self.name('T', twin)})"]
            out += [f"{indent}{var}.{f.name} = {arg}" for f, arg in zip(dataclasses.fields(cls), args)]
            return [*out, f"{indent}{var}.__class__ = {self.name('C', cls)}"]
        out = [f"{indent}{var} = _new({self.name('C', cls)})"]
        out += [f"{indent}{self.name('s', setter)}({var}, {arg})" for setter, arg in zip(setters, args)]
        return out

    # -- encoding: an expression for the encoded form of `expr` ------------------------------

    def encoded(self, tp: Any, expr: str) -> str:
        if tp is type(None) or tp in _PRIMITIVES:
            return expr
        if tp is Path:
            return f"str({expr})"
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return f"{expr}.value"
        if dataclasses.is_dataclass(tp):
            return f"{self.encoder(tp)}({expr})"
        origin, args = typing.get_origin(tp), typing.get_args(tp)
        if origin in (typing.Union, types.UnionType):
            rest = [a for a in args if a is not type(None)]
            if len(rest) == 1:
                inner = self.encoded(rest[0], expr)
                return expr if inner == expr else f"(None if {expr} is None else {inner})"
            if all(a in _PRIMITIVES for a in rest):
                return expr
            table = self.name("V", {})
            for a in rest:
                self.fills.append((self.ns[table], a, self.encoder(a)))
            inner = f"[type({expr}).__name__, *{table}[type({expr})]({expr})]"
            return inner if len(rest) == len(args) else f"(None if {expr} is None else {inner})"
        if origin is tuple:
            if len(args) == 2 and args[1] is Ellipsis:
                inner = self.encoded(args[0], "_i")
                return f"list({expr})" if inner == "_i" else f"[{inner} for _i in {expr}]"
            return "[" + ", ".join(self.encoded(a, f"{expr}[{i}]") for i, a in enumerate(args)) + "]"
        raise TypeError(f"cannot encode {tp!r}")

    def encoder(self, cls: Any, omit: tuple[str, ...] = ()) -> str:
        key = (cls, omit)
        if key in self.encoders:
            return self.encoders[key]
        name = self.encoders[key] = self.name("e", None)
        hints = self.hints(cls)
        stored = [f for f in dataclasses.fields(cls) if f.init and f.name not in omit]
        items = [self.encoded(hints[f.name], f"o.{f.name}") for f in stored]
        body = [f"    r = [{', '.join(items)}]"]
        # Trailing fields equal to their defaults are left out, the last first.
        for i in range(len(stored) - 1, -1, -1):
            f = stored[i]
            if not _has_default(f):
                break
            default = self.name("D", None)
            self.defaults.append((default, self.encoder_of_value(hints[f.name]), _default(f)))
            body.append(f"    if len(r) == {i + 1} and r[{i}] == {default}: del r[{i}]")
        body.append("    return r")
        self.emit(name, ["o"], body)
        return name

    def encoder_of_value(self, tp: Any) -> str:
        name = self.name("g", None)
        self.emit(name, ["o"], [f"    return {self.encoded(tp, 'o')}"])
        return name

    def emit(self, name: str, params: list[str], body: list[str]) -> None:
        self.source.append(f"def {name}({', '.join(params)}):\n" + "\n".join(body) + "\n")

    def compile(self) -> dict[str, Any]:
        """Every function generated so far, compiled at once (one compile is far cheaper than
        one per function), and the tables that refer to them filled."""
        exec(compile("\n".join(self.source), "<records>", "exec"), self.ns)  # noqa: S102 - generated here
        self.source = []
        for table, key, name in self.fills:
            table[key] = self.ns[name]
        for name, encoder, default in self.defaults:
            self.ns[name] = self.ns[encoder](default)
        self.fills, self.defaults = [], []
        return self.ns


def _slot_setters(cls: Any) -> list[Callable[[Any, Any], None]] | None:
    """The `__set__` of each field's slot, in field order, when an instance made with
    `object.__new__` and these is the same as one made with `__init__`: a dataclass whose
    generated `__init__` only sets its fields (no `__post_init__`, no field left out of
    `__init__`), with a slot for each field and the default `__new__`. Else None."""
    params = getattr(cls, "__dataclass_params__", None)
    fields = dataclasses.fields(cls)
    if (
        params is None
        or not params.init
        or hasattr(cls, "__post_init__")
        or cls.__new__ is not object.__new__
        or any(not f.init or isinstance(f.type, dataclasses.InitVar) for f in fields)
    ):
        return None
    setters = []
    for f in fields:
        slot = next((k.__dict__[f.name] for k in cls.__mro__ if f.name in k.__dict__), None)
        if type(slot) is not types.MemberDescriptorType:
            return None
        setters.append(slot.__set__)
    return setters


def _twin(cls: Any) -> type | None:
    """A class with the same slots as `cls` (a slots dataclass straight below `object`, with no
    `__setattr__` of its own), whose instances may become instances of `cls` by assigning
    `__class__` (Python allows it between classes of the same layout); None when Python does
    not allow it for `cls`."""
    slots = cls.__dict__.get("__slots__")
    if cls.__bases__ != (object,) or not isinstance(slots, tuple):
        return None
    if tuple(f.name for f in dataclasses.fields(cls)) != slots:
        return None
    twin = type(f"_{cls.__name__}Twin", (), {"__slots__": slots})
    try:
        probe: Any = object.__new__(twin)
        probe.__class__ = cls
    except TypeError:
        return None
    return twin


def _has_default(f: dataclasses.Field[Any]) -> bool:
    return f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING


def _default(f: dataclasses.Field[Any]) -> Any:
    if f.default is not dataclasses.MISSING:
        return f.default
    factory: Callable[[], Any] = f.default_factory  # type: ignore[assignment]
    return factory()


class Codec(Generic[T]):
    """Encoder and decoder of one dataclass. Fields in `omit` are not stored: `decode` takes
    them as further arguments (a record's path is the run's, not the cache's). `names` resolves
    annotations that name a type the dataclass's module imports only for type checking.

    The functions are generated on first use: a run that never decodes a record pays nothing."""

    def __init__(self, cls: type[T], omit: tuple[str, ...] = (), names: Mapping[str, Any] | None = None) -> None:
        self._cls, self._omit, self._names = cls, omit, dict(names or {})

    @cached_property
    def encode(self) -> Callable[[T], list[Any]]:
        builder = _Builder(self._names)
        name = builder.encoder(self._cls, self._omit)
        fn: Callable[[T], list[Any]] = builder.compile()[name]
        return fn

    @cached_property
    def decode(self) -> Callable[..., T]:
        # Apart from the encoder: a warm run only decodes the kept findings.
        builder = _Builder(self._names)
        name = builder.decoder(self._cls, self._omit)
        fn: Callable[..., T] = builder.compile()[name]
        return fn

    @cached_property
    def shape(self) -> str:
        """The encoding described: the type tree, with every field's name and type."""
        return _Builder(self._names).shape(self._cls) + (f"-{','.join(self._omit)}" if self._omit else "")
