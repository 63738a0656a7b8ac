"""Phrasing that several rules share: values and data paths as findings show them."""

from __future__ import annotations

from typing import Iterable, Sequence


def clip(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def display_path(path: Sequence[str | int]) -> str:
    """A data path as findings name it: `relationships.enables[0].weight`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "frontmatter"


def show(value: object, limit: int = 60) -> str:
    """A value as an author wrote it in YAML, clipped."""
    if value is None:
        text = "null"
    elif value is True:
        text = "true"
    elif value is False:
        text = "false"
    else:
        text = str(value)
    text = text.replace("\n", "\\n")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe(value: object) -> str:
    if isinstance(value, bool):
        return f"`{show(value)}` (a boolean)"
    if isinstance(value, int):
        return f"`{value}` (an integer)"
    if isinstance(value, float):
        return f"`{show(value)}` (a number)"
    if isinstance(value, str):
        return f"`{show(value)}` (a string)"
    if value is None:
        return "empty (`null`)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__}"


_TYPE_NAMES = {
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "`true` or `false`",
    "array": "a list",
    "object": "a mapping",
    "null": "`null`",
}


def type_names(names: Iterable[str]) -> str:
    """JSON type names as findings say them: `a string or `null``."""
    return " or ".join(_TYPE_NAMES.get(n, n) for n in names)


def one_of(options: Iterable[object]) -> str:
    shown = [f"`{show(o)}`" for o in options]
    if len(shown) == 1:
        return shown[0]
    return "one of " + ", ".join(shown)


def about(value: tuple[object, ...] | str | None) -> str | None:
    """What a key holds (see `schema.About`), for a hint."""
    if isinstance(value, tuple):
        return one_of(value)
    return value
