"""## What it does
Reports a file that does not begin with a `---` line opening its YAML frontmatter.

## Why is this bad?
A pattern's identity, scores and relationships live in its frontmatter. Without it the file is
not a pattern: it has no slug to link to and nothing the library's tooling can index.

## Example
```markdown
# Transparent Ledger

A pattern for establishing collective trust…
```

## Use instead
```markdown
---
id: pat_01h8x4e1gq7r9d1z2x3c4v5b6n
slug: transparent-ledger
title: "Transparent Ledger"
…
---

# Transparent Ledger
```

## Fix
Not fixable: the frontmatter's values must be written by an author.
"""

from __future__ import annotations

from patternlint.model import Rule, Scope, Severity, Violation
from patternlint.problems import MissingFrontmatter
from patternlint.rules._common import parse_problems
from patternlint.words import clip


def words(problem: MissingFrontmatter) -> Violation:
    return Violation(
        f"file has no YAML frontmatter: line 1 is `{clip(problem.first_line)}`, expected `---`",
        problem.span,
        "begin the file with a `---` line, the frontmatter keys, and a closing `---` line",
    )


KINDS = (MissingFrontmatter,)

rule = Rule(
    code="PL003",
    name="missing-frontmatter",
    summary="File does not start with YAML frontmatter",
    scope=Scope.FILE,
    severity=Severity.ERROR,
    doc=__doc__,
    file_check=parse_problems(KINDS, words),
    reports=KINDS,
)
