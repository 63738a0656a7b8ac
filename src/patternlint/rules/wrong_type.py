"""## What it does
Reports a frontmatter value whose type is not the one the schema requires: a string where a
number belongs, a mapping where a list belongs, and so on.

## Why is this bad?
Scores are averaged, lists are iterated, and mappings are read by key. A value of the wrong type
breaks the build or is silently skipped.

## Example
```yaml
lifecycle:
  confidence: high
```

## Use instead
```yaml
lifecycle:
  confidence: 3
```

## Fix
Not fixable automatically.
"""

from __future__ import annotations

from patternlint.model import Rule, Scope, Severity, Violation
from patternlint.rules._common import schema_issues
from patternlint.schema import WrongType
from patternlint.words import about, describe, display_path, show, type_names

def words(issue: WrongType) -> Violation:
    expected = " or ".join(type_names(names) for names in issue.expected) if issue.expected else "another shape"
    return Violation(
        f"`{display_path(issue.path)}` is {describe(issue.actual)}; expected {expected}",
        issue.span,
        about(issue.about) or _shape_hint(issue),
    )


def _shape_hint(issue: WrongType) -> str | None:
    """How to write the value in the expected shape, for the common mix-ups."""
    wanted = {name for names in issue.expected for name in names}
    actual = issue.actual
    key = next((p for p in reversed(issue.path) if isinstance(p, str)), None)
    under = f" under `{key}:`" if key else ""
    if "object" in wanted and isinstance(actual, list):
        return f"write `key: value` lines{under}, not a list of `- ` items"
    if "array" in wanted and isinstance(actual, (str, int, float)) and not isinstance(actual, bool):
        return f"write it as a list: `- {show(actual)}` on its own line{under}, or `[{show(actual)}]`"
    if "string" in wanted and isinstance(actual, (int, float, bool)):
        return f'quote it: `"{show(actual)}"`'
    if wanted & {"number", "integer"} and isinstance(actual, str) and _is_number(actual):
        return f"remove the quotes: `{actual.strip()}`"
    return None


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


KINDS = (WrongType,)

rule = Rule(
    code="PL103",
    name="wrong-type",
    summary="A value has the wrong type",
    scope=Scope.FILE,
    severity=Severity.ERROR,
    doc=__doc__,
    file_check=schema_issues(KINDS, words),
    reports=KINDS,
)
