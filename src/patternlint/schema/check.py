"""A file's frontmatter checked against its schema: the fast path first, jsonschema's errors
translated into typed issues where it fails."""

from __future__ import annotations

from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Mapping

from patternlint.schema.fast import (
    Checks,
    accepts,
    compiled_checks_agree,
    fast_is_valid,
    pruned_properties,
    top_level_checks,
)
from patternlint.schema.issues import NotFinite, SchemaIssue
from patternlint.schema.loading import DEFAULT_SCHEMA, Overrides, inline_refs, load_schema, registry
from patternlint.schema.translate import Contract, one_per_cause, one_per_value, translate
from patternlint.yamlload import Positions

if TYPE_CHECKING:
    from jsonschema.protocols import Validator  # type: ignore[import-untyped]


def validate(
    data: object, positions: Positions, path: Path = DEFAULT_SCHEMA, overrides: Overrides = ()
) -> tuple[SchemaIssue, ...]:
    # JSON has no NaN or infinity, so no schema range can catch them: report them here.
    issues: list[SchemaIssue] = [
        NotFinite(where, positions.source_text(where), positions.value_span(where)) for where in positions.non_finite
    ]
    # The compiled pre-check is trusted only where it cannot misjudge (see yamlload.UNUSUAL).
    trusted = not positions.unusual
    fast = fast_is_valid(path, overrides) if trusted else None
    valid = False
    if fast is not None and not issues:
        try:
            valid = fast(data)
        except Exception:  # noqa: BLE001 - data it cannot take (non-string keys): go the slow way
            pass
    if not valid:
        errors = validator(path, overrides, trusted).iter_errors(data)
        issues.extend(translate(errors, positions, contract(path, overrides)))
    return one_per_cause(one_per_value(issues))


@lru_cache(maxsize=8)
def contract(path: Path = DEFAULT_SCHEMA, overrides: Overrides = ()) -> Contract:
    """The schema as translation reads it (not inlined: its `$ref`s name its own parts)."""
    return Contract(load_schema(path, overrides))


@lru_cache(maxsize=8)
def validator(path: Path = DEFAULT_SCHEMA, overrides: Overrides = (), prune: bool = True) -> Validator:
    """jsonschema's validator for the schema; with `prune`, top-level groups that the compiled
    pre-check accepts are not walked."""
    from jsonschema import Draft202012Validator, validators  # type: ignore[import-untyped]

    from patternlint.linear import pattern_keyword

    schema, refs, checks = _pruning(path, overrides)
    linear = validators.extend(Draft202012Validator, {"pattern": pattern_keyword})  # configured patterns on RE2
    if not prune or not checks:
        return linear(schema, registry=refs, format_checker=Draft202012Validator.FORMAT_CHECKER)
    pruned = validators.extend(linear, {"properties": pruned_properties(checks)})
    return pruned(schema, registry=refs, format_checker=Draft202012Validator.FORMAT_CHECKER)


@lru_cache(maxsize=8)
def _pruning(path: Path, overrides: Overrides) -> tuple[dict[str, Any], Any, Checks]:
    """The schema jsonschema validates with, its registry, and the compiled checks of its
    top-level groups that the pruned validator trusts (none where they may disagree)."""
    schema, refs = registry(path, inline_refs(load_schema(path, overrides)))
    checks = top_level_checks(schema) if compiled_checks_agree(load_schema(path, overrides)) else {}
    return schema, refs, checks


# Keywords of the top-level schema that look at no value below it (only at the top level's
# keys, or not at all): with only these, a group's errors come from its own subschema alone.
_KEYS_ONLY = frozenset(
    {"$schema", "$id", "$defs", "$comment", "title", "description", "default", "examples", "type", "required",
     "additionalProperties", "properties"}
)  # fmt: skip


@lru_cache(maxsize=64)
def group_check(path: Path, overrides: Overrides, key: str) -> Callable[[object], bool] | None:
    """The compiled check that, in `validate`'s jsonschema walk of a file without UNUSUAL text,
    stands for top-level group `key`: when it accepts the group's value, no error is found in
    that group, and (the top-level schema looking at no value but through `properties`) no
    issue is placed inside it. None when there is no such check."""
    schema, _, checks = _pruning(path, overrides)
    properties = schema.get("properties")
    if not checks or not set(schema) <= _KEYS_ONLY or not isinstance(properties, Mapping):
        return None
    subschema = properties.get(key)
    check = checks.get(id(subschema))
    if check is None or check[0] is not subschema:
        return None
    return partial(accepts, check[1])
