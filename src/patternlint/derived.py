"""Derived values a contract declares: an aggregate invariant (one value is the mean, sum,
minimum or maximum of others) and a rating notation (stars that show a value, with a label
that names their count). `overall-score-mismatch` and `confidence-rating-mismatch` read them.

A declaration is read from the contract's `aggregates` and `ratings` lists (TOML arrays of
tables); `read_aggregates` and `read_ratings` check every key and raise DeclarationError with
the one path to the bad value (`aggregates[0].tolerance`) and what is allowed, which the
configuration reader turns into its one-line error.
"""

from __future__ import annotations

import enum
import math
import re
from functools import cached_property
from typing import Mapping, Sequence, TypeVar

from patternlint.frozen import frozen

KeyPath = tuple[str, ...]
WILDCARD = "*"


class DeclarationError(ValueError):
    """A bad declaration, said as `` `key.path` is …; expected … `` (the path to the value)."""

    def __init__(self, key: str, problem: str) -> None:
        super().__init__(f"`{key}` {problem}")


class Function(enum.Enum):
    MEAN = "mean"
    SUM = "sum"
    MIN = "min"
    MAX = "max"

    def of(self, values: Sequence[float]) -> float:
        if self is Function.MEAN:
            return sum(values) / len(values)
        if self is Function.SUM:
            return sum(values)
        return min(values) if self is Function.MIN else max(values)


class Rounding(enum.Enum):
    """How a suggested value is rounded to the declared decimals."""

    HALF_UP = "half-up"  # 3.25 → 3.3 (the commons library's tooling)
    HALF_EVEN = "half-even"  # 3.25 → 3.2


@frozen
class Aggregate:
    """`key` is `function` of the values at `of` (a path ending in `*`: every child of that
    mapping but `key`), written with `decimals` decimals; a recorded value within `tolerance`
    of the exact result agrees (None: half a unit of the last decimal)."""

    key: KeyPath
    of: tuple[KeyPath, ...]
    function: Function = Function.MEAN
    decimals: int = 1
    tolerance: float | None = None
    rounding: Rounding = Rounding.HALF_UP
    of_name: str | None = None  # what findings call the values (`dimension scores`)

    @property
    def allowed(self) -> float:
        return self.tolerance if self.tolerance is not None else 0.5 * 10.0**-self.decimals

    def sources(self, data: Mapping[str, object]) -> list[tuple[KeyPath, object]] | None:
        """The source values, each with its path; None when a mapping `of` names is missing."""
        found: list[tuple[KeyPath, object]] = []
        for path in self.of:
            if path[-1] != WILDCARD:
                found.append((path, value_at(data, path)))
                continue
            mapping = value_at(data, path[:-1])
            if not isinstance(mapping, dict):
                return None
            found.extend(
                ((*path[:-1], str(k)), v) for k, v in mapping.items() if (*path[:-1], str(k)) != self.key
            )
        return found

    def described(self, count: int) -> str:
        """`the 8 dimension scores`, `the 3 values of `scores``."""
        if self.of_name:
            return f"the {count} {self.of_name}"
        if len(self.of) == 1 and self.of[0][-1] == WILDCARD and len(self.of[0]) > 1:
            return f"the {count} values of `{'.'.join(self.of[0][:-1])}`"
        return f"the {count} values"


@frozen
class Rating:
    """A rating written in the body as stars, found after `marker` at the start of a line (in a
    blockquote or not), optionally followed by a label in parentheses: `★★☆ (Medium)`. With an
    `empty` star the stars always number `scale` (`★★☆`), without one only the filled ones
    are written (`★★`). `key`, when given, is the metadata value the count must equal; each
    label names the counts it may stand for (the first label for a count is the one findings
    suggest)."""

    marker: str
    key: KeyPath | None = None
    scale: int = 5
    filled: str = "★"
    empty: str | None = "☆"
    labels: tuple[tuple[str, tuple[int, ...]], ...] = ()
    name: str = "rating"
    anywhere: bool = False  # False: only before the first section heading

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        marker = r"[ \t]*".join(re.escape(part) for part in self.marker.split())
        stars = re.escape(self.filled + (self.empty or ""))
        return re.compile(
            rf"^[ \t]*(?:>[ \t]*)*{marker}[ \t]*(?P<stars>[{stars}]+)(?:[ \t]*\((?P<label>[^)\r\n]*)\))?",
            re.IGNORECASE | re.MULTILINE,
        )

    def count(self, written: str) -> int | None:
        """The value the stars show, or None when they are not written in the notation."""
        filled = len(written) - len(written.lstrip(self.filled))
        if not 1 <= filled <= self.scale:
            return None
        rest = written[filled:]
        expected = (self.empty or "") * (self.scale - filled)
        return filled if rest == expected else None

    def stars(self, count: int) -> str:
        return self.filled * count + (self.empty or "") * (self.scale - count)

    def label(self, count: int) -> str | None:
        """The first label that names `count`."""
        return next((text for text, counts in self.labels if count in counts), None)

    def counts(self, label: str) -> tuple[int, ...] | None:
        """The counts a written label names (any case); None for a label the notation lacks."""
        wanted = label.strip().casefold()
        named = [c for text, counts in self.labels if text.casefold() == wanted for c in counts]
        return tuple(named) if named else None


def value_at(data: Mapping[str, object], path: KeyPath) -> object:
    """The value at a key path, or None when a step is missing. Metadata is built as plain
    dicts (yamlload, org): `dict` is the check, twenty times cheaper than `Mapping`'s."""
    node: object = data
    for part in path:
        if not isinstance(node, dict):
            return None
        node = node.get(part)
    return node


# ---------------------------------------------------------------------------------------------
# Reading declarations (TOML values) into the dataclasses above.

AGGREGATE_KEYS = ("key", "function", "of", "of-name", "decimals", "tolerance", "rounding")
RATING_KEYS = ("marker", "key", "scale", "stars", "labels", "name", "anywhere")
MAX_DECIMALS = 10


def read_aggregates(value: object, where: str = "aggregates") -> tuple[Aggregate, ...]:
    return tuple(_aggregate(item, f"{where}[{i}]") for i, item in enumerate(_tables(value, where)))


def read_ratings(value: object, where: str = "ratings") -> tuple[Rating, ...]:
    return tuple(_rating(item, f"{where}[{i}]") for i, item in enumerate(_tables(value, where)))


def _tables(value: object, where: str) -> list[Mapping[str, object]]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise DeclarationError(where, f"is {_kind(value)}; expected a list of tables (`[[{where}]]`)")
    return value


def _aggregate(table: Mapping[str, object], where: str) -> Aggregate:
    _known(table, AGGREGATE_KEYS, where)
    key = _path(_required(table, "key", where), f"{where}.key", wildcard=False)
    raw_of = _required(table, "of", where)
    if not isinstance(raw_of, list) or not raw_of:
        raise DeclarationError(f"{where}.of", f"is {_kind(raw_of)}; expected a non-empty list of key paths")
    of = tuple(_path(p, f"{where}.of[{i}]", wildcard=True) for i, p in enumerate(raw_of))
    if key in of:
        raise DeclarationError(f"{where}.of", f"names `{'.'.join(key)}`, the aggregate itself")
    decimals = table.get("decimals", 1)
    if not isinstance(decimals, int) or isinstance(decimals, bool) or not 0 <= decimals <= MAX_DECIMALS:
        raise DeclarationError(f"{where}.decimals", f"is {_shown(decimals)}; expected a whole number from `0` to `{MAX_DECIMALS}`")
    tolerance = table.get("tolerance")
    if tolerance is not None and (
        isinstance(tolerance, bool) or not isinstance(tolerance, (int, float)) or not math.isfinite(tolerance) or tolerance < 0
    ):
        raise DeclarationError(f"{where}.tolerance", f"is {_shown(tolerance)}; expected a number of at least `0`")
    of_name = table.get("of-name")
    if of_name is not None and not isinstance(of_name, str):
        raise DeclarationError(f"{where}.of-name", f"is {_kind(of_name)}; expected a string")
    return Aggregate(
        key,
        of,
        _choice(Function, table.get("function", "mean"), f"{where}.function"),
        decimals,
        float(tolerance) if tolerance is not None else None,
        _choice(Rounding, table.get("rounding", "half-up"), f"{where}.rounding"),
        of_name or None,
    )


def _rating(table: Mapping[str, object], where: str) -> Rating:
    _known(table, RATING_KEYS, where)
    marker = _required(table, "marker", where)
    if not isinstance(marker, str):
        raise DeclarationError(f"{where}.marker", f"is {_kind(marker)}; expected a string (the text before the stars)")
    key = _path(table["key"], f"{where}.key", wildcard=False) if "key" in table else None
    scale = table.get("scale", 5)
    if not isinstance(scale, int) or isinstance(scale, bool) or not 1 <= scale <= 10:
        raise DeclarationError(f"{where}.scale", f"is {_shown(scale)}; expected a whole number from `1` to `10`")
    stars = table.get("stars", "★☆")
    if not isinstance(stars, str) or len(stars) not in (1, 2) or (len(stars) == 2 and stars[0] == stars[1]) or stars.isspace():
        raise DeclarationError(
            f"{where}.stars",
            f"is {_shown(stars)}; expected the filled star, then the empty one if the notation writes it (`\"★☆\"` or `\"★\"`)",
        )
    name = table.get("name", "rating")
    if not isinstance(name, str) or not name:
        raise DeclarationError(f"{where}.name", f"is {_shown(name)}; expected a non-empty string")
    anywhere = table.get("anywhere", False)
    if not isinstance(anywhere, bool):
        raise DeclarationError(f"{where}.anywhere", f"is {_kind(anywhere)}; expected true or false")
    return Rating(
        marker,
        key,
        scale,
        stars[0],
        stars[1] if len(stars) == 2 else None,
        _labels(table.get("labels", {}), scale, f"{where}.labels"),
        name,
        anywhere,
    )


def _labels(value: object, scale: int, where: str) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """`{ Low = [1, 2], Medium = 3, High = [4, 5] }`: each label with the counts it names."""
    if not isinstance(value, dict):
        raise DeclarationError(where, f"is {_kind(value)}; expected a table of label = count or [counts]")
    labels = []
    for text, raw in value.items():
        counts = raw if isinstance(raw, list) else [raw]
        for count in counts:
            if not isinstance(count, int) or isinstance(count, bool) or not 1 <= count <= scale:
                raise DeclarationError(
                    f"{where}.{_bare(text)}", f"is {_shown(raw)}; expected a count of stars or a list of them, each from `1` to `{scale}`"
                )
        if not counts:
            raise DeclarationError(f"{where}.{_bare(text)}", "is an empty list; expected the counts of stars it names")
        labels.append((str(text), tuple(counts)))
    return tuple(labels)


def _path(value: object, where: str, wildcard: bool) -> KeyPath:
    if not isinstance(value, str) or not value:
        raise DeclarationError(where, f"is {_shown(value)}; expected a dotted key path like `lifecycle.confidence`")
    parts = tuple(value.split("."))
    if any(not p for p in parts):
        raise DeclarationError(where, f"is `{value}`, with an empty step; expected a dotted key path like `lifecycle.confidence`")
    if WILDCARD in parts[:-1] or (not wildcard and parts[-1] == WILDCARD) or (parts == (WILDCARD,)):
        allowed = "as the last step after a mapping (`scores.*`)" if wildcard else "in `of`"
        raise DeclarationError(where, f"is `{value}`; `*` is allowed only {allowed}")
    return parts


def _required(table: Mapping[str, object], key: str, where: str) -> object:
    if key not in table:
        raise DeclarationError(where, f"needs `{key}`")
    return table[key]


def _known(table: Mapping[str, object], allowed: Sequence[str], where: str) -> None:
    from patternlint.suggest import did_you_mean  # only when a key is wrong

    for key in table:
        if key not in allowed:
            hint = did_you_mean(str(key), allowed) or "allowed: " + ", ".join(f"`{k}`" for k in allowed)
            raise DeclarationError(where, f"has an unknown key `{key}`; {hint}")


_E = TypeVar("_E", bound=enum.Enum)


def _choice(kind: type[_E], value: object, where: str) -> _E:
    choices = {member.value: member for member in kind}
    if value not in choices:
        listed = ", ".join(f"`{c}`" for c in choices)
        raise DeclarationError(where, f"is {_shown(value)}; expected one of {listed}")
    return choices[value]


def _bare(text: str) -> str:
    return text if re.fullmatch(r"[A-Za-z0-9_-]+", text) else f'"{text}"'


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, str):
        return f"`\"{value}\"`"
    if isinstance(value, (list, dict)):
        return _kind(value)
    return f"`{value}`"


def _kind(value: object) -> str:
    names = {str: "a string", bool: "a boolean", int: "an integer", float: "a number", list: "a list", dict: "a table"}
    return names.get(type(value), type(value).__name__)
