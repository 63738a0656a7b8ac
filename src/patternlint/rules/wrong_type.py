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
from patternlint.words import about, describe, display_path, type_names

def words(issue: WrongType) -> Violation:
    expected = " or ".join(type_names(names) for names in issue.expected) if issue.expected else "another shape"
    return Violation(
        f"`{display_path(issue.path)}` is {describe(issue.actual)}; expected {expected}",
        issue.span,
        about(issue.about),
    )


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
