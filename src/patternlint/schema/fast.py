"""The fast path: jsonschema-rs, compiled from the schema, answers "valid?" about 50x faster
than jsonschema. Most files are valid, so jsonschema (whose errors are translated) runs only on
the rest, and there walks only the top-level groups that the compiled checks reject. It stands
in only where both agree (`compiled_checks_agree`)."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator, Mapping

from patternlint.schema.loading import DEFAULT_SCHEMA, Overrides, load_schema

if TYPE_CHECKING:
    from jsonschema import ValidationError  # type: ignore[import-untyped]
    from jsonschema.protocols import Validator  # type: ignore[import-untyped]


# A compiled yes/no check for a subschema, keyed by the subschema's id (with the subschema
# itself, so that a reused id can never match another object).
Checks = dict[int, tuple[object, Callable[[object], bool]]]


def top_level_checks(schema: Mapping[str, Any]) -> Checks:
    """Compiled checks for the subschemas of the top-level keys, where jsonschema-rs can take
    them on their own (no `$ref` left after inlining). A file that fails the schema is most
    often wrong in one group (`ontology`, say); with these, jsonschema walks only the groups
    that are wrong, not the long `relationships` lists that are right."""
    try:
        import jsonschema_rs
    except ImportError:  # pragma: no cover - it is a declared dependency
        return {}
    checks: Checks = {}
    properties = schema.get("properties")
    if not isinstance(properties, Mapping):
        return {}
    for subschema in properties.values():
        if not isinstance(subschema, Mapping) or '"$ref"' in json.dumps(subschema):
            continue
        try:
            compiled = jsonschema_rs.Draft202012Validator(dict(subschema), validate_formats=True)
        except Exception:  # noqa: BLE001 - a subschema it cannot compile is walked as always
            continue
        checks[id(subschema)] = (subschema, compiled.is_valid)
    return checks


def pruned_properties(checks: Checks) -> Callable[..., Iterator[ValidationError]]:
    """jsonschema's `properties` keyword, except that a value a compiled check accepts is not
    walked: it has no errors to give (the checks agree with jsonschema; tests compare both on
    every fixture and real file)."""

    def properties(
        validator: Validator, properties: Mapping[str, Any], instance: Any, schema: Mapping[str, Any]
    ) -> Iterator[ValidationError]:
        if not validator.is_type(instance, "object"):
            return
        for name, subschema in properties.items():
            if name not in instance:
                continue
            check = checks.get(id(subschema))
            if check is not None and check[0] is subschema and accepts(check[1], instance[name]):
                continue
            yield from validator.descend(instance[name], subschema, path=name, schema_path=name)

    return properties


def accepts(check: Callable[[object], bool], value: object) -> bool:
    try:
        return check(value)
    except Exception:  # noqa: BLE001 - data it cannot take (non-string keys): walk it
        return False


# The keywords, formats and pattern escapes for which a "valid" from jsonschema-rs is a "valid"
# from jsonschema, given data without `yamlload.UNUSUAL` text (tests compare the two on every
# fixture and real file, and on every character up to U+3100 for the patterns).
_AGREEING_KEYWORDS = frozenset(
    {
        "$schema", "$id", "$ref", "$defs", "$comment", "title", "description", "default",
        "examples", "type", "enum", "const", "properties", "required", "additionalProperties",
        "items", "anyOf", "oneOf", "allOf", "minimum", "maximum", "exclusiveMinimum",
        "exclusiveMaximum", "minLength", "maxLength", "minItems", "maxItems", "pattern", "format",
    }
)  # fmt: skip
_AGREEING_FORMATS = frozenset({"date"})
_DIALECTS = frozenset({"https://json-schema.org/draft/2020-12/schema", "https://json-schema.org/draft/2020-12/schema#"})
# `\d` and `.` match more in Python than in ECMA-262, never less; `\s`/`\S` differ only on
# UNUSUAL characters. Other escapes (`\D`, `\W`, `\b`, `\p`…) and negated classes with escapes
# are not known to agree.
_PATTERN_ESCAPE = re.compile(r"\\(.)")
_AGREEING_ESCAPES = frozenset("Ssd.-\\/^$()[]{}*+?|")
_NEGATED_CLASS_WITH_ESCAPE = re.compile(r"\[\^[^\]]*\\")


def compiled_checks_agree(schema: object) -> bool:
    """Whether the compiled pre-check may stand in for jsonschema on this schema: it uses only
    keywords, formats and pattern escapes on which both agree. Any other schema (a custom
    profile's, say) always goes the slow, exact way."""
    if isinstance(schema, bool):
        return True
    if not isinstance(schema, Mapping):
        return False
    for keyword, value in schema.items():
        if keyword not in _AGREEING_KEYWORDS:
            return False
        # jsonschema-rs fetches any other `$schema` or `$ref` over the network itself.
        if keyword == "$schema" and value not in _DIALECTS:
            return False
        if keyword == "$ref" and not (isinstance(value, str) and value.startswith("#")):
            return False
        if keyword in ("properties", "$defs"):
            if not isinstance(value, Mapping) or not all(map(compiled_checks_agree, value.values())):
                return False
        elif keyword in ("items", "additionalProperties"):
            if not compiled_checks_agree(value):
                return False
        elif keyword in ("anyOf", "oneOf", "allOf"):
            if not isinstance(value, list) or not all(map(compiled_checks_agree, value)):
                return False
        elif keyword == "format" and value not in _AGREEING_FORMATS:
            return False
        elif keyword == "pattern" and not _pattern_agrees(value):
            return False
    return True


def _pattern_agrees(pattern: object) -> bool:
    if not isinstance(pattern, str) or _NEGATED_CLASS_WITH_ESCAPE.search(pattern):
        return False
    return all(escape in _AGREEING_ESCAPES for escape in _PATTERN_ESCAPE.findall(pattern))


@lru_cache(maxsize=8)
def fast_is_valid(path: Path = DEFAULT_SCHEMA, overrides: Overrides = ()) -> Callable[[object], bool] | None:
    """A compiled validator that only answers valid or not, about 50x faster than jsonschema.

    Most files are valid, so jsonschema (whose errors we translate) runs only on the rest.
    Without jsonschema-rs every file takes the slow path; the answers are the same.
    """
    try:
        import jsonschema_rs
    except ImportError:  # pragma: no cover - it is a declared dependency
        return None
    if not compiled_checks_agree(load_schema(path, overrides)):
        return None
    try:
        compiled = jsonschema_rs.validator_for(load_schema(path, overrides), validate_formats=True)
    except Exception:  # noqa: BLE001 - a schema it cannot compile still works the slow way
        return None
    is_valid: Callable[[object], bool] = compiled.is_valid
    return is_valid
