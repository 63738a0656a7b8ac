"""The JSON Schema contract, and its errors turned into findings in house style.

The schema says what shape the frontmatter has; this module only translates jsonschema's
errors into positioned, readable violations. Each kind of error is reported by its own rule.
"""

from __future__ import annotations

import difflib
import enum
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping, Sequence

from patternlint.model import Span, Violation
from patternlint.yamlload import PathPart, Positions

if TYPE_CHECKING:
    from jsonschema import ValidationError
    from jsonschema.protocols import Validator

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


@lru_cache(maxsize=4)
def load_schema(path: Path = DEFAULT_SCHEMA) -> dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
    return schema


@lru_cache(maxsize=4)
def validator(path: Path = DEFAULT_SCHEMA) -> Validator:
    from jsonschema import Draft202012Validator

    schema = load_schema(path)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def schema_fingerprint(path: Path = DEFAULT_SCHEMA) -> str:
    import hashlib

    return hashlib.blake2b(path.read_bytes(), digest_size=8).hexdigest()


def validate(
    data: object, positions: Positions, path: Path = DEFAULT_SCHEMA
) -> tuple[SchemaIssue, ...]:
    errors = validator(path).iter_errors(data)
    issues = [issue for error in errors for issue in _translate(error, positions)]
    issues.sort(key=lambda i: (i.violation.span.line, i.violation.span.column))
    return tuple(issues)


# ---------------------------------------------------------------------------------------------
# Error translation


def _translate(error: ValidationError, positions: Positions) -> Iterator[SchemaIssue]:
    keyword = error.validator
    path: tuple[PathPart, ...] = tuple(error.absolute_path)
    where = display_path(path)
    instance = error.instance
    schema: Mapping[str, Any] = error.schema if isinstance(error.schema, Mapping) else {}

    if keyword in ("anyOf", "oneOf"):
        yield from _translate_branches(error, positions)
    elif keyword == "required":
        missing = _missing_key(error)
        owner = "the frontmatter" if not path else f"`{where}`"
        prop = schema.get("properties", {}).get(missing, {})
        hint = f"add `{missing}:`" + (f" ({_sentence(prop['description'])})" if "description" in prop else "")
        yield SchemaIssue(
            IssueKind.REQUIRED,
            Violation(
                f"{owner} is missing required key `{missing}`",
                positions.owner_span(path),
                hint,
            ),
        )
    elif keyword == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        extras = [k for k in instance if k not in schema.get("properties", {})]
        owner = "the frontmatter" if not path else f"`{where}`"
        for key in extras:
            close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.7)
            hint = (
                f"did you mean `{close[0]}`?"
                if close
                else "allowed keys: " + ", ".join(f"`{k}`" for k in allowed)
            )
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
                _description_hint(schema),
            ),
        )
    elif keyword in ("enum", "const"):
        options = list(error.validator_value) if keyword == "enum" else [error.validator_value]
        close = difflib.get_close_matches(
            str(instance), [str(o) for o in options], n=1, cutoff=0.6
        )
        hint = f"did you mean `{close[0]}`?" if close else None
        yield SchemaIssue(
            IssueKind.ENUM,
            Violation(
                f"`{where}` is `{show(instance)}`; expected {_one_of(options)}",
                positions.value_span(path),
                hint,
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
            Violation(message, positions.value_span(path), _description_hint(schema)),
        )
    else:  # a keyword the shipped schema does not use: still a true, placed finding
        yield SchemaIssue(
            IssueKind.FORMAT,
            Violation(
                f"`{where}` does not satisfy the schema's `{keyword}` constraint",
                positions.value_span(path),
                _description_hint(schema),
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
        for sub in fitting[best]:
            yield from _translate(sub, positions)
        return
    path = tuple(error.absolute_path)
    types: list[str] = []
    for branch in error.validator_value:
        branch_type = _branch_type(branch, error)
        if branch_type and branch_type not in types:
            types.append(branch_type)
    yield SchemaIssue(
        IssueKind.TYPE,
        Violation(
            f"`{display_path(path)}` is {describe(error.instance)}; expected "
            + (" or ".join(types) if types else "another shape"),
            positions.value_span(path),
            _description_hint(error.schema if isinstance(error.schema, Mapping) else {}),
        ),
    )


def _branch_type(branch: Mapping[str, Any], error: ValidationError) -> str | None:
    if "$ref" in branch:
        resolved = _resolve_local(branch["$ref"], error)
        if resolved is not None:
            branch = resolved
    if "type" in branch:
        return _type_names(branch["type"])
    return None


def _resolve_local(ref: str, error: ValidationError) -> Mapping[str, Any] | None:
    if not ref.startswith("#/"):
        return None
    node: Any = load_schema()
    for part in ref[2:].split("/"):
        if not isinstance(node, Mapping) or part not in node:
            return None
        node = node[part]
    return node if isinstance(node, Mapping) else None


def _missing_key(error: ValidationError) -> str:
    instance = error.instance if isinstance(error.instance, Mapping) else {}
    for key in error.validator_value:
        if key not in instance:
            return str(key)
    return "?"  # pragma: no cover - jsonschema reports required only when a key is absent


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


def _description_hint(schema: Mapping[str, Any]) -> str | None:
    text = schema.get("description")
    return _sentence(text) if isinstance(text, str) else None


def _sentence(text: str) -> str:
    """First sentence of a schema description, lower-cased and without a final period."""
    first = text.strip().split(". ")[0].rstrip(".")
    return first[:1].lower() + first[1:] if first else first


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
