"""## What it does
Reports frontmatter that is valid YAML but not a mapping of keys to values (empty, a list, or a
single string).

## Why is this bad?
Every pattern field is read by key (`slug`, `title`, `ontology`…). Frontmatter that is a list or a
lone value has none of them.

## Example
```yaml
---
- transparent-ledger
- "Transparent Ledger"
---
```

## Use instead
```yaml
---
slug: transparent-ledger
title: "Transparent Ledger"
---
```

## Fix
Not fixable.
"""

from __future__ import annotations

from patternlint.model import Rule, Scope, Severity, Violation
from patternlint.problems import NotMapping
from patternlint.rules._common import parse_problems


def words(problem: NotMapping) -> Violation:
    return Violation(
        f"frontmatter is {_found(problem.found)}; expected a mapping of keys to values",
        problem.span,
        "write the frontmatter as `key: value` lines",
    )


def _found(type_name: str | None) -> str:
    if type_name is None:
        return "empty"
    if type_name == "list":
        return "a list"
    if type_name == "str":
        return "a plain string"
    return f"a single {type_name} value"


KINDS = (NotMapping,)

rule = Rule(
    code="PL007",
    name="frontmatter-not-mapping",
    summary="Frontmatter is not a mapping",
    scope=Scope.FILE,
    severity=Severity.ERROR,
    doc=__doc__,
    file_check=parse_problems(KINDS, words),
    reports=KINDS,
)
