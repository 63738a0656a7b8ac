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

A wrapper key that holds required keys of its mapping (`provenance:` around `contributors`,
`license`, `attribution`) is one finding here, on the wrapper: those keys are not also reported
by `missing-required-key`.

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
    if issue.hides:
        # The wrapper is the one cause of the missing keys: one finding, one fix.
        hidden = ", ".join(f"`{k}`" for k in issue.hides)
        inner = ", ".join(f"`{k}`" for k in value) if isinstance(value, Mapping) else hidden
        return Violation(
            f"`{show(key)}` wraps the required keys {hidden}; expected them directly in {owner}",
            issue.span,
            f"move its keys ({inner}) up into {owner} and remove `{key}`",
        )
    if issue.repeats and isinstance(value, Mapping) and len(issue.repeats) == len(value):
        same = ", ".join(f"`{k}`" for k in issue.repeats)
        hint = f"remove `{key}`: {owner} already sets {same} alike"
    elif issue.close is not None:
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
