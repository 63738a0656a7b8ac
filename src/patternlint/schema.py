"""The JSON Schema contract, and its errors turned into findings in house style.

The schema says what shape the frontmatter has; this module only translates jsonschema's
errors into positioned, readable violations. Each kind of error is reported by its own rule.
"""

from __future__ import annotations

import enum
import json
import re
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Mapping, Sequence

from patternlint.model import Span, Violation
from patternlint.suggest import did_you_mean
from patternlint.yamlload import PathPart, Positions

if TYPE_CHECKING:
    from jsonschema import ValidationError  # type: ignore[import-untyped]
    from jsonschema.protocols import Validator  # type: ignore[import-untyped]

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
DEFAULT_SCHEMA = SCHEMA_DIR / "pattern.schema.json"


class IssueKind(enum.Enum):
    """Which rule reports a schema error; the value is the rule's name."""

    REQUIRED = "missing-required-key"
    UNKNOWN_KEY = "unknown-key"
    TYPE = "wrong-type"
    ENUM = "invalid-value"
    RANGE = "value-out-of-range"
    FORMAT = "invalid-format"


@dataclass(frozen=True, slots=True)
class SchemaIssue:
    kind: IssueKind
    violation: Violation


# Rule options that change the contract the schema states: (option name, value) pairs.
Overrides = tuple[tuple[str, Any], ...]
DEFAULT_SLUG_PATTERN = "^[a-z0-9]+(?:-[a-z0-9]+)*$"


@lru_cache(maxsize=8)
def load_schema(path: Path = DEFAULT_SCHEMA, overrides: Overrides = ()) -> dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
    for name, value in overrides:
        if name == "weight-range":
            low, high = value
            _replace_weights(schema, {"type": "number", "minimum": low, "maximum": high})
        elif name == "slug-pattern":
            schema = json.loads(json.dumps(schema).replace(json.dumps(DEFAULT_SLUG_PATTERN), json.dumps(value)))
    return schema


def _replace_weights(node: Any, weight: dict[str, Any]) -> None:
    """Every `weight` property (relationship items) gets the configured range."""
    if isinstance(node, dict):
        properties = node.get("properties")
        if isinstance(properties, dict) and "weight" in properties:
            description = properties["weight"].get("description", "Relationship weight.")
            properties["weight"] = {**weight, "description": description}
        for child in node.values():
            _replace_weights(child, weight)
    elif isinstance(node, list):
        for child in node:
            _replace_weights(child, weight)


# ---------------------------------------------------------------------------------------------
# `$ref`s to other documents: files inside the project only, never the network


class RefError(Exception):
    """A `$ref` that patternlint will not follow: its message names the ref and why."""


_REF_KEYWORDS = ("$ref", "$dynamicRef")
_DATA_KEYWORDS = frozenset({"enum", "const", "examples", "default"})  # values, not subschemas
# A `$ref` to another document, found without parsing (`"$ref": "#…"` stays in the document).
_EXTERNAL_REF = re.compile(rb'"\$(?:dynamicR|r)ef"\s*:\s*"(?!#)')


def has_external_refs(data: bytes) -> bool:
    return _EXTERNAL_REF.search(data) is not None


def documents(path: Path, root: Path | None = None) -> dict[str, Any]:
    """Every document that the schema at `path` refers to by `$ref`, by URI (the schema's own
    first), read from disk. A `$ref` must name a part of a document already known, or a
    `file:` (or relative) URI of a JSON file; with `root`, inside that folder. Anything else
    (`http:`, `https:`, any other scheme) raises RefError: jsonschema would fetch it over the
    network, with no time limit."""
    from urllib.parse import unquote, urldefrag, urljoin, urlsplit

    first = path.resolve().as_uri()
    found: dict[str, Any] = {first: _read_json(path)}
    queue = [first]
    while queue:
        uri = queue.pop()
        ids: set[str] = {uri}
        refs: list[tuple[str, str]] = []  # (base, ref)

        def walk(node: Any, base: str, depth: int) -> None:
            if depth > 256:
                return
            if isinstance(node, list):
                for item in node:
                    walk(item, base, depth + 1)
                return
            if not isinstance(node, dict):
                return
            if isinstance(node.get("$id"), str):
                base = urldefrag(urljoin(base, node["$id"])).url or base
                ids.add(base)
            for keyword in _REF_KEYWORDS:
                ref = node.get(keyword)
                if isinstance(ref, str) and not ref.startswith("#"):
                    refs.append((base, ref))
            for keyword, child in node.items():
                if keyword not in _DATA_KEYWORDS:
                    walk(child, base, depth + 1)

        walk(found[uri], uri, 0)
        for base, ref in refs:
            target = urldefrag(urljoin(base, ref)).url
            if target in ids or target in found:
                continue
            where = f"`{ref}` in `{unquote(urlsplit(uri).path)}`"
            parts = urlsplit(target)
            if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
                names = "" if target == ref else f" names `{target}`, which"
                raise RefError(f"{where}{names} is not a file in the project; patternlint never fetches a schema")
            file = Path(unquote(parts.path)).resolve()
            if root is not None and not file.is_relative_to(root.resolve()):
                raise RefError(f"{where} names `{file}`, outside the project `{root}`")
            if not file.is_file():
                raise RefError(f"{where} names `{file}`, which does not exist")
            found[target] = _read_json(file)
            queue.append(target)
    return found


def _read_json(path: Path) -> Any:
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError) as exc:
        raise RefError(f"cannot read `{path}` as JSON: {exc}") from None


def _registry(path: Path, schema: dict[str, Any]) -> tuple[dict[str, Any], Any]:
    """The schema to validate with, and the registry its `$ref`s resolve in: only the documents
    found beforehand; any other URI is refused, never retrieved."""
    from referencing import Registry, Resource
    from referencing.exceptions import NoSuchResource
    from referencing.jsonschema import DRAFT202012

    def refuse(uri: str) -> Resource[Any]:
        raise NoSuchResource(uri)

    registry: Registry[Any] = Registry(retrieve=refuse)  # type: ignore[call-arg]  # an attrs alias
    if not has_external_refs(path.read_bytes()):
        return schema, registry
    found = documents(path)
    first = next(iter(found))
    if "$id" not in schema:
        schema = {"$id": first, **schema}  # relative `$ref`s resolve next to the file
    resources = [(uri, Resource.from_contents(doc, default_specification=DRAFT202012)) for uri, doc in found.items()]
    return schema, registry.with_resources(resources[1:])


@lru_cache(maxsize=8)
def validator(path: Path = DEFAULT_SCHEMA, overrides: Overrides = (), prune: bool = True) -> Validator:
    """jsonschema's validator for the schema; with `prune`, top-level groups that the compiled
    pre-check accepts are not walked."""
    from jsonschema import Draft202012Validator, validators

    from patternlint.linear import pattern_keyword

    schema, registry = _registry(path, _inline_refs(load_schema(path, overrides)))
    checks = _top_level_checks(schema) if prune and compiled_checks_agree(load_schema(path, overrides)) else {}
    linear = validators.extend(Draft202012Validator, {"pattern": pattern_keyword})  # configured patterns on RE2
    if not checks:
        return linear(schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)
    pruned = validators.extend(linear, {"properties": _pruned_properties(checks)})
    return pruned(schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)


# A compiled yes/no check for a subschema, keyed by the subschema's id (with the subschema
# itself, so that a reused id can never match another object).
_Checks = dict[int, tuple[object, Callable[[object], bool]]]


def _top_level_checks(schema: Mapping[str, Any]) -> _Checks:
    """Compiled checks for the subschemas of the top-level keys, where jsonschema-rs can take
    them on their own (no `$ref` left after inlining). A file that fails the schema is most
    often wrong in one group (`ontology`, say); with these, jsonschema walks only the groups
    that are wrong, not the long `relationships` lists that are right."""
    try:
        import jsonschema_rs
    except ImportError:  # pragma: no cover - it is a declared dependency
        return {}
    checks: _Checks = {}
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


def _pruned_properties(checks: _Checks) -> Callable[..., Iterator[ValidationError]]:
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
            if check is not None and check[0] is subschema and _accepts(check[1], instance[name]):
                continue
            yield from validator.descend(instance[name], subschema, path=name, schema_path=name)

    return properties


def _accepts(check: Callable[[object], bool], value: object) -> bool:
    try:
        return check(value)
    except Exception:  # noqa: BLE001 - data it cannot take (non-string keys): walk it
        return False


def _inline_refs(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema with its local `$ref`s replaced by what they point at. jsonschema resolves a
    `$ref` on every visit, about a third of its time on these schemas; the answers are the same
    (`$defs` do not refer to themselves). A `$ref` that cannot be inlined stays as it is."""

    def resolve(ref: str) -> Any:
        node: Any = schema
        for part in ref[2:].split("/"):
            if not isinstance(node, dict) or part not in node:
                return None
            node = node[part]
        return node

    def walk(node: Any, depth: int) -> Any:
        if isinstance(node, list):
            return [walk(item, depth) for item in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/") and depth < 32:
            target = resolve(ref)
            if isinstance(target, dict):
                # Kept apart under `allOf`, so that errors still come from the subschema the
                # `$ref` pointed at and the property keeps its own description.
                siblings = {k: walk(v, depth) for k, v in node.items() if k != "$ref"}
                return {**siblings, "allOf": [walk(target, depth + 1)]}
        return {k: (v if k in ("$defs", "enum", "const", "examples") else walk(v, depth)) for k, v in node.items()}

    inlined: dict[str, Any] = walk(schema, 0)
    return inlined


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
def _fast_is_valid(path: Path = DEFAULT_SCHEMA, overrides: Overrides = ()) -> Callable[[object], bool] | None:
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


# The schema being translated: `$ref`s and "belongs under" hints resolve in it. Set for the
# duration of one `validate` call (profiles may use different schemas).
_current: ContextVar[tuple[Path, Overrides]] = ContextVar("schema", default=(DEFAULT_SCHEMA, ()))


def validate(
    data: object, positions: Positions, path: Path = DEFAULT_SCHEMA, overrides: Overrides = ()
) -> tuple[SchemaIssue, ...]:
    # JSON has no NaN or infinity, so no schema range can catch them: report them here.
    issues = [
        SchemaIssue(
            IssueKind.RANGE,
            Violation(
                f"`{display_path(where)}` is `{positions.source_text(where)}`, which is not a "
                "finite number",
                positions.value_span(where),
                "write a number",
            ),
        )
        for where in positions.non_finite
    ]
    # The compiled pre-check is trusted only where it cannot misjudge (see yamlload.UNUSUAL).
    trusted = not positions.unusual
    fast = _fast_is_valid(path, overrides) if trusted else None
    valid = False
    if fast is not None and not issues:
        try:
            valid = fast(data)
        except Exception:  # noqa: BLE001 - data it cannot take (non-string keys): go the slow way
            pass
    if not valid:
        errors = validator(path, overrides, trusted).iter_errors(data)
        issues.extend(
            issue
            for error in _one_per_mapping(errors)
            for issue in _translate_in((path, overrides), error, positions)
        )
    return _one_per_value(issues)


def _one_per_value(issues: list[SchemaIssue]) -> tuple[SchemaIssue, ...]:
    """One finding per value: a wrong type makes its enum, range and format complaints moot,
    and two format complaints (empty, and not matching a pattern) say the same thing."""
    by_span: dict[Span, list[SchemaIssue]] = {}
    for issue in issues:
        by_span.setdefault(issue.violation.span, []).append(issue)
    kept: list[SchemaIssue] = []
    for group in by_span.values():
        if any(i.kind is IssueKind.TYPE for i in group):
            group = [i for i in group if i.kind is IssueKind.TYPE]
        seen: set[tuple[IssueKind, str]] = set()
        for issue in group:
            key = (issue.kind, issue.violation.message if issue.kind in _MANY_PER_VALUE else "")
            if key not in seen:
                seen.add(key)
                kept.append(issue)
    kept.sort(key=lambda i: (i.violation.span.line, i.violation.span.column))
    return tuple(kept)


# Kinds that may rightly report several things on one span (a mapping missing three keys).
_MANY_PER_VALUE = frozenset({IssueKind.REQUIRED, IssueKind.UNKNOWN_KEY})


# ---------------------------------------------------------------------------------------------
# Error translation


def _one_per_mapping(errors: Iterable[ValidationError]) -> Iterator[ValidationError]:
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


def _translate_in(
    source: tuple[Path, Overrides], error: ValidationError, positions: Positions
) -> Iterator[SchemaIssue]:
    token = _current.set(source)
    try:
        yield from _translate(error, positions)
    finally:
        _current.reset(token)


def _translate(error: ValidationError, positions: Positions) -> Iterator[SchemaIssue]:
    keyword = error.validator
    path: tuple[PathPart, ...] = tuple(error.absolute_path)
    where = display_path(path)
    instance = error.instance
    schema: Mapping[str, Any] = error.schema if isinstance(error.schema, Mapping) else {}

    if keyword in ("anyOf", "oneOf"):
        yield from _translate_branches(error, positions)
    elif keyword == "required":
        owner = "the frontmatter" if not path else f"`{where}`"
        for missing in _missing_keys(error):
            about = _about(schema.get("properties", {}).get(missing, {}))
            yield SchemaIssue(
                IssueKind.REQUIRED,
                Violation(
                    f"{owner} is missing required key `{missing}`",
                    positions.owner_span(path),
                    f"add `{missing}:`" + (f" ({about})" if about else ""),
                ),
            )
    elif keyword == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        extras = [k for k in instance if k not in schema.get("properties", {})]
        owner = "the frontmatter" if not path else f"`{where}`"
        for key in extras:
            close = did_you_mean(str(key), allowed, cutoff=0.7)
            value = instance[key]
            # Only point at another mapping: "belongs at the top level" from deep inside a
            # list item (an `id` next to a `slug`) would mislead.
            homes = [
                h for h in _homes(*_current.get()).get(str(key), ()) if h not in (where, "the top level")
            ]
            if close:
                hint = close
            elif homes:
                hint = f"`{key}` belongs under `{homes[0]}`; move it there"
            elif isinstance(value, Mapping) and value and all(k in allowed for k in value):
                inner = ", ".join(f"`{k}`" for k in value)
                hint = f"move its keys ({inner}) up into {owner} and remove `{key}`"
            else:
                hint = "allowed keys: " + ", ".join(f"`{k}`" for k in allowed)
            yield SchemaIssue(
                IssueKind.UNKNOWN_KEY,
                Violation(
                    f"unexpected key `{show(key)}` in {owner}",
                    positions.key_span((*path, key)),
                    hint,
                ),
            )
    elif keyword == "type":
        expected = _type_names(error.validator_value)
        yield SchemaIssue(
            IssueKind.TYPE,
            Violation(
                f"`{where}` is {describe(instance)}; expected {expected}",
                positions.value_span(path),
                _about(schema),
            ),
        )
    elif keyword in ("enum", "const"):
        options = list(error.validator_value) if keyword == "enum" else [error.validator_value]
        enum_hint = did_you_mean(str(instance), [str(o) for o in options])
        yield SchemaIssue(
            IssueKind.ENUM,
            Violation(
                f"`{where}` is `{show(instance)}`; expected {_one_of(options)}",
                positions.value_span(path),
                enum_hint,
            ),
        )
    elif keyword in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        low, high = schema.get("minimum"), schema.get("maximum")
        if low is not None and high is not None:
            expected = f"a number from `{show(low)}` to `{show(high)}`"
        elif low is not None:
            expected = f"a number of at least `{show(low)}`"
        else:
            expected = f"a number of at most `{show(high)}`"
        yield SchemaIssue(
            IssueKind.RANGE,
            Violation(
                f"`{where}` is `{show(instance)}`; expected {expected}",
                positions.value_span(path),
                None,
            ),
        )
    elif keyword == "format":
        fmt = error.validator_value
        expected = {"date": "a real calendar date written `YYYY-MM-DD`"}.get(
            fmt, f"a valid {fmt}"
        )
        yield SchemaIssue(
            IssueKind.FORMAT,
            Violation(
                f"`{where}` is `{show(instance)}`; expected {expected}",
                positions.value_span(path),
                None,
            ),
        )
    elif keyword in ("pattern", "minLength", "maxLength", "minItems", "maxItems", "uniqueItems"):
        if keyword == "minLength" and instance == "":
            message = f"`{where}` is empty"
        else:
            message = f"`{where}` is `{show(instance)}`, which is not in the required form"
        yield SchemaIssue(
            IssueKind.FORMAT,
            Violation(message, positions.value_span(path), _about(schema)),
        )
    else:  # a keyword the shipped schema does not use: still a true, placed finding
        yield SchemaIssue(
            IssueKind.FORMAT,
            Violation(
                f"`{where}` does not satisfy the schema's `{keyword}` constraint",
                positions.value_span(path),
                _about(schema),
            ),
        )


def _translate_branches(error: ValidationError, positions: Positions) -> Iterator[SchemaIssue]:
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
        for sub in _one_per_mapping(fitting[best]):
            yield from _translate(sub, positions)
        return
    path = tuple(error.absolute_path)
    types: list[str] = []
    for branch in error.validator_value:
        branch_type = _branch_type(branch)
        if branch_type and branch_type not in types:
            types.append(branch_type)
    yield SchemaIssue(
        IssueKind.TYPE,
        Violation(
            f"`{display_path(path)}` is {describe(error.instance)}; expected "
            + (" or ".join(types) if types else "another shape"),
            positions.value_span(path),
            _about(error.schema if isinstance(error.schema, Mapping) else {}),
        ),
    )


def _branch_type(branch: Mapping[str, Any]) -> str | None:
    inlined = branch.get("allOf")
    if isinstance(inlined, list) and len(inlined) == 1 and "type" not in branch:
        branch = inlined[0]  # a `$ref` that `_inline_refs` replaced
    if "$ref" in branch:
        resolved = _resolve_local(branch["$ref"])
        if resolved is not None:
            branch = resolved
    if "type" in branch:
        return _type_names(branch["type"])
    return None


def _resolve_local(ref: str) -> Mapping[str, Any] | None:
    if not ref.startswith("#/"):
        return None
    node: Any = load_schema(*_current.get())
    for part in ref[2:].split("/"):
        if not isinstance(node, Mapping) or part not in node:
            return None
        node = node[part]
    return node if isinstance(node, Mapping) else None


def _missing_keys(error: ValidationError) -> list[str]:
    instance = error.instance if isinstance(error.instance, Mapping) else {}
    return [str(key) for key in error.validator_value if key not in instance]


_TYPE_NAMES = {
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "`true` or `false`",
    "array": "a list",
    "object": "a mapping",
    "null": "`null`",
}


def _type_names(value: object) -> str:
    names = [value] if isinstance(value, str) else list(value) if isinstance(value, Sequence) else []
    return " or ".join(_TYPE_NAMES.get(str(n), str(n)) for n in names)


def _one_of(options: Iterable[object]) -> str:
    shown = [f"`{show(o)}`" for o in options]
    if len(shown) == 1:
        return shown[0]
    return "one of " + ", ".join(shown)


_SENTENCE_END = re.compile(r"(?<!e\.g)(?<!i\.e)\.\s+(?=[A-Z`])")
# Leading labels in the schema's descriptions that say where a key sits, not what it is.
_LABEL = re.compile(r"^(?:Group \d+(?: \([^)]*\))?[.:]\s*|OPTIONAL[.:]?\s*|v7\.1:\s*)+")
_HINT_LIMIT = 110


def _about(schema: Mapping[str, Any]) -> str | None:
    """What a key holds, for a hint: its allowed values, else its description's first
    sentence (when short enough to read in one line)."""
    if "$ref" in schema:
        resolved = _resolve_local(schema["$ref"])
        if resolved is not None:
            schema = {**resolved, **{k: v for k, v in schema.items() if k != "$ref"}}
    inlined = schema.get("allOf")
    if isinstance(inlined, list) and len(inlined) == 1 and isinstance(inlined[0], Mapping):
        schema = {**inlined[0], **{k: v for k, v in schema.items() if k != "allOf"}}  # see _inline_refs
    if isinstance(schema.get("enum"), list):
        return _one_of(schema["enum"])
    text = schema.get("description")
    if not isinstance(text, str):
        return None
    text = _LABEL.sub("", text.strip())
    first = _SENTENCE_END.split(text, maxsplit=1)[0].strip().rstrip(".")
    if not first or len(first) > _HINT_LIMIT:
        return None
    return first[:1].lower() + first[1:] if first[1:2].islower() else first


@lru_cache(maxsize=1)
def _homes(path: Path, overrides: Overrides = ()) -> dict[str, tuple[str, ...]]:
    """Where each key name is defined in the schema, for "belongs under" hints."""
    homes: dict[str, list[str]] = {}

    def walk(node: Mapping[str, Any], where: str, depth: int) -> None:
        if depth > 6:
            return
        for name, sub in node.get("properties", {}).items():
            homes.setdefault(name, []).append(where or "the top level")
            if isinstance(sub, Mapping):
                if "$ref" in sub:
                    sub = _resolve_local(sub["$ref"]) or sub
                walk(sub, f"{where}.{name}" if where else name, depth + 1)

    walk(load_schema(path, overrides), "", 0)
    return {k: tuple(v) for k, v in homes.items()}


def display_path(path: Sequence[PathPart]) -> str:
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
