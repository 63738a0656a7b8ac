"""jsonschema's errors turned into typed issues, placed where the author wrote the value.

The schema being translated against is passed in (a `Contract`): `$ref`s, key descriptions
and "belongs under" places resolve in it, and profiles may use different schemas.
"""

from __future__ import annotations

import dataclasses
import re
from functools import cached_property
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping, Sequence

from patternlint.schema.issues import (
    About,
    BadFormat,
    IssueKind,
    MissingKey,
    NotAllowed,
    NotInForm,
    OtherShape,
    OutOfRange,
    SchemaIssue,
    UnknownKey,
    WrongType,
)
from patternlint.suggest import close_match
from patternlint.words import display_path
from patternlint.yamlload import PathPart, Positions

if TYPE_CHECKING:
    from jsonschema import ValidationError  # type: ignore[import-untyped]

    from patternlint.model import Span


class Contract:
    """A loaded schema, as translation reads it."""

    def __init__(self, schema: Mapping[str, Any]) -> None:
        self.schema = schema

    def resolve(self, ref: str) -> Mapping[str, Any] | None:
        """The subschema a local `$ref` (`#/$defs/…`) names, or None."""
        if not ref.startswith("#/"):
            return None
        node: Any = self.schema
        for part in ref[2:].split("/"):
            if not isinstance(node, Mapping) or part not in node:
                return None
            node = node[part]
        return node if isinstance(node, Mapping) else None

    @cached_property
    def homes(self) -> dict[str, tuple[str, ...]]:
        """Where each key name is defined in the schema, for "belongs under" hints."""
        homes: dict[str, list[str]] = {}

        def walk(node: Mapping[str, Any], where: str, depth: int) -> None:
            if depth > 6:
                return
            for name, sub in node.get("properties", {}).items():
                homes.setdefault(name, []).append(where or "the top level")
                if isinstance(sub, Mapping):
                    if "$ref" in sub:
                        sub = self.resolve(sub["$ref"]) or sub
                    walk(sub, f"{where}.{name}" if where else name, depth + 1)

        walk(self.schema, "", 0)
        return {k: tuple(v) for k, v in homes.items()}


def translate(errors: Iterable[ValidationError], positions: Positions, contract: Contract) -> Iterator[SchemaIssue]:
    for error in one_per_mapping(errors):
        yield from _translate(error, positions, contract)


def one_per_value(issues: list[SchemaIssue]) -> tuple[SchemaIssue, ...]:
    """One issue per value: a wrong type makes its enum, range and format complaints moot,
    and two format complaints (empty, and not matching a pattern) say the same thing."""
    by_span: dict[Span, list[SchemaIssue]] = {}
    for issue in issues:
        by_span.setdefault(issue.span, []).append(issue)
    kept: list[SchemaIssue] = []
    for group in by_span.values():
        if any(i.kind is IssueKind.TYPE for i in group):
            group = [i for i in group if i.kind is IssueKind.TYPE]
        seen: set[tuple[object, ...]] = set()
        for issue in group:
            # Kinds that may rightly report several things on one span (a mapping missing
            # three keys) are told apart by key.
            key: tuple[object, ...] = (issue.kind,)
            if isinstance(issue, (MissingKey, UnknownKey)):
                key = (issue.kind, issue.path, str(issue.key))
            if key not in seen:
                seen.add(key)
                kept.append(issue)
    kept.sort(key=lambda i: (i.span.line, i.span.column))
    return tuple(kept)


def one_per_cause(issues: tuple[SchemaIssue, ...]) -> tuple[SchemaIssue, ...]:
    """One issue per cause, where several issues only repeat it:

    - a wrapper key (`provenance: {contributors: …}`) that holds its mapping's required keys:
      the unknown wrapper is the cause, those keys are not also "missing";
    - a list item that both lacks required keys and has keys its schema does not define is
      written in another shape (`{target, reason, strength}`): one issue for the item.
    """
    missing: dict[tuple[PathPart, ...], list[MissingKey]] = {}
    unknown: dict[tuple[PathPart, ...], list[UnknownKey]] = {}
    for issue in issues:
        if isinstance(issue, MissingKey):
            missing.setdefault(issue.path, []).append(issue)
        elif isinstance(issue, UnknownKey):
            unknown.setdefault(issue.path, []).append(issue)
    if not missing or not unknown:
        return issues
    replaced: dict[int, SchemaIssue | None] = {}
    for path, absent in missing.items():
        extra = unknown.get(path)
        if not extra:
            continue
        names = {issue.key for issue in absent}
        for wrapper in extra:
            if isinstance(wrapper.value, Mapping):
                hides = tuple(str(k) for k in wrapper.value if k in names)
                if hides:
                    replaced[id(wrapper)] = dataclasses.replace(wrapper, hides=hides)
                    for issue in absent:
                        if issue.key in hides:
                            replaced[id(issue)] = None
        left = [issue for issue in absent if id(issue) not in replaced]
        if path and isinstance(path[-1], int) and left and all(id(issue) not in replaced for issue in extra):
            replaced[id(left[0])] = _other_shape(path, left, extra)
            for repeated in [*left[1:], *extra]:
                replaced[id(repeated)] = None
    kept = [replaced.get(id(issue), issue) for issue in issues]
    return tuple(issue for issue in kept if issue is not None)


def _other_shape(path: tuple[PathPart, ...], missing: list[MissingKey], unknown: list[UnknownKey]) -> OtherShape:
    missing_keys = tuple(issue.key for issue in missing)
    return OtherShape(
        path,
        unknown[0].siblings,
        unknown[0].allowed,
        missing_keys,
        tuple(issue.about for issue in missing),
        tuple(str(issue.key) for issue in unknown),
        missing[0].span,
    )


def one_per_mapping(errors: Iterable[ValidationError]) -> Iterator[ValidationError]:
    """jsonschema reports `required` once per missing key, all alike; keep the first of them
    (its translation names every missing key), here and inside anyOf branches."""
    seen: set[tuple[object, ...]] = set()
    for error in errors:
        if error.validator == "required":
            key = (tuple(error.absolute_path), tuple(error.absolute_schema_path))
            if key in seen:
                continue
            seen.add(key)
        yield error


_FORM_KEYWORDS = ("pattern", "minLength", "maxLength", "minItems", "maxItems", "uniqueItems")


def _translate(error: ValidationError, positions: Positions, contract: Contract) -> Iterator[SchemaIssue]:
    keyword = error.validator
    path: tuple[PathPart, ...] = tuple(error.absolute_path)
    instance = error.instance
    schema: Mapping[str, Any] = error.schema if isinstance(error.schema, Mapping) else {}

    if keyword in ("anyOf", "oneOf"):
        yield from _translate_branches(error, positions, contract)
    elif keyword == "required":
        for missing in _missing_keys(error):
            about = _about(schema.get("properties", {}).get(missing, {}), contract)
            yield MissingKey(path, missing, about, positions.owner_span(path))
    elif keyword == "additionalProperties":
        allowed = tuple(schema.get("properties", {}))
        where = display_path(path)
        for key in [k for k in instance if k not in schema.get("properties", {})]:
            # Only point at another mapping: "belongs at the top level" from deep inside a
            # list item (an `id` next to a `slug`) would mislead.
            homes = [h for h in contract.homes.get(str(key), ()) if h not in (where, "the top level")]
            wrapped = instance[key]
            repeats: tuple[str, ...] = ()
            if isinstance(wrapped, Mapping):
                repeats = tuple(str(k) for k in wrapped if k in instance and instance[k] == wrapped[k])
            yield UnknownKey(
                path,
                key,
                instance[key],
                allowed,
                close_match(str(key), allowed, cutoff=0.7),
                homes[0] if homes else None,
                positions.key_span((*path, key)),
                repeats=repeats,
                siblings=tuple(str(k) for k in instance),
            )
    elif keyword == "type":
        yield WrongType(
            path, (_type_names(error.validator_value),), instance, _about(schema, contract), positions.value_span(path)
        )
    elif keyword in ("enum", "const"):
        options = tuple(error.validator_value) if keyword == "enum" else (error.validator_value,)
        yield NotAllowed(path, instance, options, positions.value_span(path))
    elif keyword in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        yield OutOfRange(path, instance, schema.get("minimum"), schema.get("maximum"), positions.value_span(path))
    elif keyword == "format":
        yield BadFormat(path, instance, str(error.validator_value), positions.value_span(path))
    else:  # `pattern`, a length, or a keyword the shipped schema does not use
        about = _about(schema, contract)
        if about is None and keyword == "pattern":
            about = f"a value matching `{error.validator_value}`"  # the form, when nothing says it in words
        yield NotInForm(path, instance, str(keyword), about, positions.value_span(path))


def _translate_branches(error: ValidationError, positions: Positions, contract: Contract) -> Iterator[SchemaIssue]:
    """Report only the branch that fits the data, never every branch's complaints."""
    branches: dict[int, list[ValidationError]] = {}
    for sub in error.context or ():
        branches.setdefault(int(sub.schema_path[0]), []).append(sub)
    fitting = {
        index: subs
        for index, subs in branches.items()
        if not any(s.validator == "type" and not s.relative_path for s in subs)
    }
    if fitting:
        best = min(fitting, key=lambda i: (len(fitting[i]), i))
        for sub in one_per_mapping(fitting[best]):
            yield from _translate(sub, positions, contract)
        return
    path = tuple(error.absolute_path)
    types: list[tuple[str, ...]] = []
    for branch in error.validator_value:
        names = _branch_types(branch, contract)
        if names and names not in types:
            types.append(names)
    yield WrongType(
        path,
        tuple(types),
        error.instance,
        _about(error.schema if isinstance(error.schema, Mapping) else {}, contract),
        positions.value_span(path),
    )


def _branch_types(branch: Mapping[str, Any], contract: Contract) -> tuple[str, ...]:
    inlined = branch.get("allOf")
    if isinstance(inlined, list) and len(inlined) == 1 and "type" not in branch:
        branch = inlined[0]  # a `$ref` that `loading.inline_refs` replaced
    if "$ref" in branch:
        resolved = contract.resolve(branch["$ref"])
        if resolved is not None:
            branch = resolved
    if "type" in branch:
        return _type_names(branch["type"])
    return ()


def _missing_keys(error: ValidationError) -> list[str]:
    instance = error.instance if isinstance(error.instance, Mapping) else {}
    return [str(key) for key in error.validator_value if key not in instance]


def _type_names(value: object) -> tuple[str, ...]:
    names = [value] if isinstance(value, str) else list(value) if isinstance(value, Sequence) else []
    return tuple(str(n) for n in names)


_SENTENCE_END = re.compile(r"(?<!e\.g)(?<!i\.e)\.\s+(?=[A-Z`])")
# Leading labels in the schema's descriptions that say where a key sits, not what it is.
_LABEL = re.compile(r"^(?:Group \d+(?: \([^)]*\))?[.:]\s*|OPTIONAL[.:]?\s*|v7\.1:\s*)+")
_HINT_LIMIT = 110


def _about(schema: Mapping[str, Any], contract: Contract) -> About:
    """What a key holds, for a hint: its allowed values, else its description's first
    sentence (when short enough to read in one line)."""
    if "$ref" in schema:
        resolved = contract.resolve(schema["$ref"])
        if resolved is not None:
            schema = {**resolved, **{k: v for k, v in schema.items() if k != "$ref"}}
    inlined = schema.get("allOf")
    if isinstance(inlined, list) and len(inlined) == 1 and isinstance(inlined[0], Mapping):
        schema = {**inlined[0], **{k: v for k, v in schema.items() if k != "allOf"}}  # see inline_refs
    if isinstance(schema.get("enum"), list):
        return tuple(schema["enum"])
    text = schema.get("description")
    if not isinstance(text, str):
        return None
    text = _LABEL.sub("", text.strip())
    first = _SENTENCE_END.split(text, maxsplit=1)[0].strip().rstrip(".")
    if not first or len(first) > _HINT_LIMIT:
        return None
    return first[:1].lower() + first[1:] if first[1:2].islower() else first
