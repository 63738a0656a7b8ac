"""## What it does
Reports frontmatter that is opened with `---` on line 1 but never closed by a second `---` line.

## Why is this bad?
Without the closing line there is no way to tell where the YAML ends and the body begins: the
whole file would be read as YAML, and the site generator drops the body.

## Example
```markdown
---
slug: transparent-ledger
title: "Transparent Ledger"

### Section 1: Context
```

## Use instead
```markdown
---
slug: transparent-ledger
title: "Transparent Ledger"
---

### Section 1: Context
```

## Fix
Not fixable automatically: the end of the frontmatter is a judgement.
"""

from __future__ import annotations

from patternlint.model import Rule, Scope, Severity, Violation
from patternlint.problems import UnclosedFrontmatter
from patternlint.rules._common import parse_problems


def words(problem: UnclosedFrontmatter) -> Violation:
    return Violation(
        "frontmatter opened on line 1 is never closed",
        problem.span,
        "add a line with `---` after the last frontmatter key",
    )


KINDS = (UnclosedFrontmatter,)

rule = Rule(
    code="PL004",
    name="unclosed-frontmatter",
    summary="Frontmatter is never closed with `---`",
    scope=Scope.FILE,
    severity=Severity.ERROR,
    doc=__doc__,
    file_check=parse_problems(KINDS, words),
    reports=KINDS,
)
