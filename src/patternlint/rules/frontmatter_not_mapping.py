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

from patternlint.model import Rule, Scope, Severity
from patternlint.rules._common import parse_problems

rule = Rule(
    code="PL007",
    name="frontmatter-not-mapping",
    summary="Frontmatter is not a mapping",
    scope=Scope.FILE,
    severity=Severity.ERROR,
    doc=__doc__,
    file_check=parse_problems("frontmatter-not-mapping"),
)
