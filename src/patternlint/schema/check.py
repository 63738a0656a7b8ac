"""A file's frontmatter checked against its schema: the fast path first, jsonschema's errors
translated into typed issues where it fails."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from patternlint.schema.fast import compiled_checks_agree, fast_is_valid, pruned_properties, top_level_checks
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

    schema, refs = registry(path, inline_refs(load_schema(path, overrides)))
    checks = top_level_checks(schema) if prune and compiled_checks_agree(load_schema(path, overrides)) else {}
    linear = validators.extend(Draft202012Validator, {"pattern": pattern_keyword})  # configured patterns on RE2
    if not checks:
        return linear(schema, registry=refs, format_checker=Draft202012Validator.FORMAT_CHECKER)
    pruned = validators.extend(linear, {"properties": pruned_properties(checks)})
    return pruned(schema, registry=refs, format_checker=Draft202012Validator.FORMAT_CHECKER)
