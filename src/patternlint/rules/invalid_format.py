"""## What it does
Reports a string that is not in its required form: `id` must be a TypeID (`pat_` and 26
lowercase Crockford base32 characters), `slug` must be lowercase kebab-case, `last_pruned` must
be a real calendar date, and required text must not be empty.

## Why is this bad?
Ids and slugs become URLs and graph keys; an id that is not a TypeID cannot be sorted by creation
time, and a date like `2024-13-45` makes the graph pruner fail.

## Example
```yaml
id: pat_01H8X4E1GQ7R9D1Z2X3C4V5B6N
graph_garden:
  last_pruned: 2024-13-45
```

## Use instead
```yaml
id: pat_01h8x4e1gq7r9d1z2x3c4v5b6n
graph_garden:
  last_pruned: 2024-12-15
```

## Fix
Not fixable automatically.

## Options
- `slug-pattern` (a regular expression, default `^[a-z0-9]+(?:-[a-z0-9]+)*$`, lowercase
  kebab-case): the form of `slug` and of every other slug-valued field. It changes the
  schema's `pattern` for them. A configured pattern runs on RE2, in time linear in the text:
  backreferences and lookarounds are not supported.
"""

from __future__ import annotations

import re

from patternlint.frozen import frozen
from patternlint.model import Rule, Scope, Severity, Violation
from patternlint.options import OptionError
from patternlint.rules._common import schema_issues
from patternlint.schema import DEFAULT_SLUG_PATTERN, BadFormat, NotInForm, Overrides, SlugPattern
from patternlint.words import about, display_path, show


@frozen
class Options:
    slug_pattern: str = DEFAULT_SLUG_PATTERN

    def __post_init__(self) -> None:
        # Checked here, where configuration reads it; the schema's `pattern` keyword runs it
        # (linear.pattern_keyword). The default is a shipped pattern, which keeps Python's `re`.
        if self.slug_pattern == DEFAULT_SLUG_PATTERN:
            return
        from patternlint.linear import PatternError, compile_linear

        try:
            compile_linear(self.slug_pattern)
        except PatternError as exc:
            raise OptionError("slug-pattern", f"is {exc}") from None


def schema_overrides(options: Options) -> Overrides:
    """The schema's slug pattern, wherever it appears, becomes the configured one."""
    return (SlugPattern(options.slug_pattern),)


# Keywords that state a value's form; any other (one the shipped schemas do not use) is named.
_FORM_KEYWORDS = frozenset({"pattern", "minLength", "maxLength", "minItems", "maxItems", "uniqueItems"})
_FORMATS = {"date": "a real calendar date written `YYYY-MM-DD`"}


def words(issue: BadFormat | NotInForm) -> Violation:
    where = display_path(issue.path)
    if isinstance(issue, BadFormat):
        expected = _FORMATS.get(issue.format, f"a valid {issue.format}")
        return Violation(f"`{where}` is `{show(issue.actual)}`; expected {expected}", issue.span, None)
    if issue.keyword not in _FORM_KEYWORDS:
        message = f"`{where}` does not satisfy the schema's `{issue.keyword}` constraint"
    elif issue.keyword == "minLength" and issue.actual == "":
        message = f"`{where}` is empty"
    elif issue.keyword == "pattern" and isinstance(issue.actual, str) and not issue.actual.strip():
        message = f"`{where}` is blank"
    else:
        form = about(issue.about)
        if form is None:
            return Violation(f"`{where}` is `{show(issue.actual)}`, which is not in the required form", issue.span, None)
        # The form in the message (fact, then expectation); the hint writes the value in it
        # when that is mechanical.
        return Violation(f"`{where}` is `{show(issue.actual)}`; expected {form}", issue.span, _rewritten(issue.actual, form))
    return Violation(message, issue.span, about(issue.about))


def _rewritten(value: object, form: str) -> str | None:
    """`value_creation` as kebab-case, when the form is kebab-case and only case, spaces and
    underscores are off."""
    if not isinstance(value, str) or "kebab-case" not in form:
        return None
    kebab = re.sub(r"[\s_]+", "-", value.strip().lower())
    if kebab == value or not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", kebab):
        return None
    return f"write `{kebab}`"


KINDS = (BadFormat, NotInForm)

rule = Rule(
    code="PL106",
    name="invalid-format",
    summary="A value is not in the required format",
    scope=Scope.FILE,
    severity=Severity.ERROR,
    doc=__doc__,
    file_check=schema_issues(KINDS, words),
    reports=KINDS,
    options=Options,
    schema_overrides=schema_overrides,
)
