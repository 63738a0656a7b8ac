"""Regular expressions from configuration, run on RE2: time linear in the text, whatever the pattern.

Python's `re` backtracks: `slug-pattern = "^(a+)+$"` takes minutes on a 35-character slug. RE2
(google-re2) never backtracks; the price is that it has no backreferences and no lookarounds,
and a pattern that uses them is a configuration error, not a slow run. The patterns of the
shipped schemas are ours, short and free of nested quantifiers; they keep Python's `re`, so
their findings do not move by a hair (`\\d` and `\\s` are Unicode-aware there, ASCII in RE2).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any, Iterator

from patternlint.reporters.escape import clean

_HINT = "patterns run on RE2 in linear time, so backreferences and lookarounds are not supported"


class PatternError(ValueError):
    """A pattern RE2 cannot run; the message says what and why, in our words and RE2's."""


@lru_cache(maxsize=64)
def compile_linear(pattern: str) -> Any:
    """`pattern` compiled by RE2, or a PatternError."""
    import re2  # type: ignore[import-untyped]

    options = re2.Options()
    options.log_errors = False  # RE2 would print its own copy of the error on stderr
    try:
        return re2.compile(clean(pattern), options)
    except re2.error as exc:
        reason = exc.args[0].decode(errors="replace") if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        raise PatternError(f"`{pattern}`, which is not a regular expression RE2 can run ({reason}); {_HINT}") from None


def search(pattern: str, text: str) -> bool:
    return compile_linear(pattern).search(clean(text)) is not None


@lru_cache(maxsize=1)
def _shipped_patterns() -> frozenset[str]:
    from patternlint.schema.loading import SCHEMA_DIR

    found: set[str] = set()
    for path in SCHEMA_DIR.glob("*.json"):
        found.update(pattern for _, pattern in schema_patterns(json.loads(path.read_text(encoding="utf-8"))))
    return frozenset(found)


def pattern_keyword(validator: Any, pattern: str, instance: object, schema: object) -> Iterator[Any]:
    """jsonschema's `pattern` keyword, on RE2 for every pattern the shipped schemas do not have."""
    from jsonschema.exceptions import ValidationError  # type: ignore[import-untyped]

    if not validator.is_type(instance, "string"):
        return
    assert isinstance(instance, str)
    if pattern in _shipped_patterns():
        matched = re.search(pattern, instance) is not None
    else:
        matched = search(pattern, instance)
    if not matched:
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def schema_patterns(node: object, where: str = "") -> Iterator[tuple[str, str]]:
    """Every `pattern` of a JSON Schema, with where it is (`properties.slug.pattern`)."""
    if isinstance(node, dict):
        for key, value in node.items():
            here = f"{where}.{key}" if where else str(key)
            if key == "pattern" and isinstance(value, str):
                yield here, value
            else:
                yield from schema_patterns(value, here)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from schema_patterns(value, f"{where}[{index}]")
