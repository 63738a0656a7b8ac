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

from __future__ import annotations

from typing import Mapping

from patternlint.model import Rule, Scope, Severity, Violation
from patternlint.rules._common import schema_issues
from patternlint.schema import UnknownKey
from patternlint.words import display_path, show

def words(issue: UnknownKey) -> Violation:
    owner = "the frontmatter" if not issue.path else f"`{display_path(issue.path)}`"
    key, value = issue.key, issue.value
    if issue.close is not None:
        hint = f"did you mean `{issue.close}`?"
    elif issue.home is not None:
        hint = f"`{key}` belongs under `{issue.home}`; move it there"
    elif isinstance(value, Mapping) and value and all(k in issue.allowed for k in value):
        inner = ", ".join(f"`{k}`" for k in value)
        hint = f"move its keys ({inner}) up into {owner} and remove `{key}`"
    else:
        hint = "allowed keys: " + ", ".join(f"`{k}`" for k in issue.allowed)
    return Violation(f"unexpected key `{show(key)}` in {owner}", issue.span, hint)


KINDS = (UnknownKey,)

rule = Rule(
    code="PL102",
    name="unknown-key",
    summary="A key the schema does not define",
    scope=Scope.FILE,
    severity=Severity.ERROR,
    doc=__doc__,
    file_check=schema_issues(KINDS, words),
    reports=KINDS,
)
