"""## What it does
Reports a mapping key that appears twice in the same mapping, on its second occurrence.

## Why is this bad?
YAML readers disagree on duplicate keys: PyYAML and most site generators silently keep the last
value, others refuse the file. Either way one of the two values the author wrote is lost.

## Example
```yaml
lifecycle:
  status: draft
  version: 0.1
  status: stable
```

## Use instead
```yaml
lifecycle:
  status: stable
  version: 0.1
```

## Fix
Not fixable automatically: only the author knows which value is meant.
"""

from __future__ import annotations

from patternlint.model import Rule, Scope, Severity, Violation
from patternlint.problems import DuplicateKey
from patternlint.rules._common import parse_problems


def words(problem: DuplicateKey) -> Violation:
    return Violation(
        f"key `{problem.key}` appears again; it was first set on line {problem.first_line}",
        problem.span,
        "remove one of the two; YAML readers silently keep only the last one",
    )


KINDS = (DuplicateKey,)

rule = Rule(
    code="PL006",
    name="duplicate-key",
    summary="A mapping key appears twice",
    scope=Scope.FILE,
    severity=Severity.ERROR,
    doc=__doc__,
    file_check=parse_problems(KINDS, words),
    reports=KINDS,
)
