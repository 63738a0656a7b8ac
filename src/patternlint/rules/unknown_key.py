"""## What it does
Reports a frontmatter key that the schema does not define for its mapping, on the key itself,
with a "did you mean" hint for near misses.

## Why is this bad?
An unknown key is almost always a typo (`relationship:` for `relationships:`) or a key put in the
wrong group. Its value is silently ignored by every tool that reads the library.

## Example
```yaml
lifecycle:
  status: draft
  last_updated: 2026-02-16
```

## Use instead
```yaml
lifecycle:
  status: draft
graph_garden:
  last_pruned: 2026-02-16
```

## Fix
Not fixable automatically.
"""

from patternlint.model import Rule, Scope, Severity
from patternlint.rules._common import schema_issues
from patternlint.schema import IssueKind

rule = Rule(
    code="PL102",
    name="unknown-key",
    summary="A key the schema does not define",
    scope=Scope.FILE,
    severity=Severity.ERROR,
    doc=__doc__,
    file_check=schema_issues(IssueKind.UNKNOWN_KEY),
)
