"""## What it does
Reports a value that is not one of the values the schema allows (for example
`lifecycle.status`, `lifecycle.adoption_stage` or an inferred link `type`), with a "did you
mean" hint when one allowed value is close.

## Why is this bad?
These fields drive filters and badges on the site: a value outside the list (`published`,
`enabler`) matches no filter and renders no badge.

## Example
```yaml
lifecycle:
  status: published
```

## Use instead
```yaml
lifecycle:
  status: stable
```

## Fix
Not fixable automatically.
"""

from __future__ import annotations

from patternlint.model import Rule, Scope, Severity, Violation
from patternlint.rules._common import schema_issues
from patternlint.schema import NotAllowed
from patternlint.suggest import did_you_mean
from patternlint.words import display_path, one_of, show

def words(issue: NotAllowed) -> Violation:
    return Violation(
        f"`{display_path(issue.path)}` is `{show(issue.actual)}`; expected {one_of(issue.allowed)}",
        issue.span,
        did_you_mean(str(issue.actual), [str(o) for o in issue.allowed]),
    )


KINDS = (NotAllowed,)

rule = Rule(
    code="PL104",
    name="invalid-value",
    summary="A value is not one of the allowed values",
    scope=Scope.FILE,
    severity=Severity.ERROR,
    doc=__doc__,
    file_check=schema_issues(KINDS, words),
    reports=KINDS,
)
