"""Rule options: a rule declares them once, as a frozen dataclass with defaults, and this module
reads a configuration table into it, checking every value against the field's type.

A field `weight_range` is the option `weight-range`. Supported types: `bool`, `int`, `float`
(a whole number is accepted), `str`, `tuple[X, ...]` and `tuple[X, Y]` (a TOML array),
`dict[str, X]` (a TOML table). A table made with `fixed_table` has the keys of its default only:
the configuration changes some entries and the others keep their defaults. What a type cannot
say (`low < high`, a pattern that compiles) the dataclass checks in `__post_init__`, raising
OptionError.
"""

from __future__ import annotations

import dataclasses
import json
import re
from typing import Any, Mapping, TypeVar, get_args, get_origin, get_type_hints

from patternlint.suggest import did_you_mean

_O = TypeVar("_O")
_V = TypeVar("_V")
_FIXED = "patternlint.fixed_table"
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


class OptionError(ValueError):
    """A bad option value: `key` is its path in the rule's table (`ranges."Known Uses"`,
    `weight-range[1]`; empty for the table itself), `problem` what is wrong and what is allowed."""

    def __init__(self, key: str, problem: str) -> None:
        super().__init__(f"`{key}` {problem}" if key else problem)
        self.key = key
        self.problem = problem


def fixed_table(entries: Mapping[str, _V]) -> dict[str, _V]:
    """A field whose value is a table with exactly `entries`' keys, `entries` by default."""
    defaults = dict(entries)
    field: dict[str, _V] = dataclasses.field(default_factory=lambda: dict(defaults), metadata={_FIXED: True})
    return field


def key_of(field_name: str) -> str:
    return field_name.replace("_", "-")


def keys(options: type[object]) -> tuple[str, ...]:
    """The option names of an options dataclass, in declaration order."""
    return tuple(key_of(f.name) for f in dataclasses.fields(options))  # type: ignore[arg-type]


def values(options: object) -> dict[str, object]:
    """The options as plain TOML-shaped values (tables, lists, scalars), in declaration order:
    what `patternlint config` shows and the settings fingerprint hashes."""
    return {key_of(f.name): _plain(getattr(options, f.name)) for f in dataclasses.fields(options)}  # type: ignore[arg-type]


def _plain(value: object) -> object:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    return value


def parse(options: type[_O], table: Mapping[str, object], rule_name: str) -> _O:
    """`table` read into `options`, or OptionError."""
    fields = {key_of(f.name): f for f in dataclasses.fields(options)}  # type: ignore[arg-type]
    hints = _hints(options)
    defaults = options()
    given: dict[str, object] = {}
    for key, raw in table.items():
        field = fields.get(key)
        if field is None:
            known = ", ".join(f"`{k}`" for k in fields)
            raise OptionError("", f"`{rule_name}` has no option `{key}`; " + (did_you_mean(key, fields) or f"its options: {known}"))
        default = getattr(defaults, field.name)
        if field.metadata.get(_FIXED):
            given[field.name] = _fixed(raw, hints[field.name], key, default)
        else:
            given[field.name] = _convert(raw, hints[field.name], key, default)
    return dataclasses.replace(defaults, **given)  # type: ignore[type-var]


def _hints(options: type[object]) -> dict[str, Any]:
    return get_type_hints(options)


def _fixed(raw: object, hint: Any, key: str, default: dict[str, object]) -> dict[str, object]:
    if not isinstance(raw, dict):
        raise OptionError(key, f"is {kind(raw)}; expected {describe(hint)}")
    value_hint = get_args(hint)[1]
    by_form = {_form(name): name for name in default}
    merged = dict(default)
    for name, item in raw.items():
        known = by_form.get(_form(str(name)))
        if known is None:
            hint_text = did_you_mean(str(name), default) or "its keys: " + ", ".join(f"`{k}`" for k in default)
            raise OptionError(key, f"has no key `{name}`; {hint_text}")
        merged[known] = _convert(item, value_hint, dotted(key, known), default[known])
    return merged


def _form(name: str) -> str:
    """Keys of a fixed table match without regard to case, `_`, `-` or spaces (`known_uses`)."""
    return re.sub(r"[\s_-]+", " ", name).strip().casefold()


def dotted(*parts: str) -> str:
    return ".".join(p if _BARE_KEY.match(p) else json.dumps(p) for p in parts)


_MISSING = object()


def _convert(raw: object, hint: Any, key: str, example: object = _MISSING) -> object:
    """`raw` as a value of type `hint`, or OptionError: "`key` is …; expected … like `example`"."""

    def wrong() -> OptionError:
        like = f" like `{show(example)}`" if example is not _MISSING else ""
        return OptionError(key, f"is {kind(raw)}; expected {describe(hint)}{like}")

    origin, args = get_origin(hint), get_args(hint)
    if hint is bool:
        if not isinstance(raw, bool):
            raise wrong()
        return raw
    if hint is int:
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise wrong()
        return raw
    if hint is float:
        if isinstance(raw, bool) or not isinstance(raw, (int, float)):
            raise wrong()
        return float(raw)
    if hint is str:
        if not isinstance(raw, str):
            raise wrong()
        return raw
    if origin is tuple:
        if not isinstance(raw, list):
            raise wrong()
        if len(args) == 2 and args[1] is Ellipsis:
            items = args[:1] * len(raw)
        elif len(raw) != len(args):
            raise wrong()
        else:
            items = args
        return tuple(_convert(item, h, f"{key}[{i}]") for i, (item, h) in enumerate(zip(raw, items)))
    if origin is dict:
        if not isinstance(raw, dict):
            raise wrong()
        return {str(k): _convert(v, args[1], dotted(key, str(k))) for k, v in raw.items()}
    raise TypeError(f"option `{key}`: unsupported type {hint!r}")  # a rule's mistake, not the user's


def describe(hint: Any) -> str:
    """A type as the configuration's reader knows it: `a list of 2 whole numbers`."""
    origin, args = get_origin(hint), get_args(hint)
    if hint is bool:
        return "true or false"
    if hint is int:
        return "a whole number"
    if hint is float:
        return "a number"
    if hint is str:
        return "a string"
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return f"a list of {_plural(args[0])}"
        if len(set(args)) == 1:
            return f"a list of {len(args)} {_plural(args[0])}"
        return f"a list of {len(args)} values"
    if origin is dict:
        return f"a table of name = {describe(args[1]).removeprefix('a ').removeprefix('an ')}"
    return repr(hint)


def _plural(hint: Any) -> str:
    return {bool: "booleans", int: "whole numbers", float: "numbers", str: "strings"}.get(hint, "values")


def kind(value: object) -> str:
    if isinstance(value, list):
        return f"a list of {len(value)} value{'s' if len(value) != 1 else ''}" if value else "an empty list"
    names = {str: "a string", bool: "a boolean", int: "an integer", float: "a number", dict: "a table"}
    return names.get(type(value), type(value).__name__)


def show(value: object) -> str:
    """A value as TOML writes it, for messages."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{dotted(str(k))} = {show(v)}" for k, v in value.items()) + " }"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(show(v) for v in value) + "]"
    return json.dumps(value)
