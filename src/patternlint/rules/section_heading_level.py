"""## What it does
Checks that each required section heading is a level-3 heading (`### Section 1: Context`), not
`##` or `####`.

## Why is this bad?
The site's table of contents and the pattern's outline are built from level-3 section headings;
a `##` section becomes a chapter of its own and a `####` one disappears into the previous
section.

## Example
```markdown
## Section 1: Context
```

## Use instead
```markdown
### Section 1: Context
```

## Fix
Re-levelling a heading whose name is right is a safe fix (planned).
"""

from __future__ import annotations

from typing import Iterator, Mapping

from patternlint.document import Document
from patternlint.model import Rule, Scope, Severity, Violation


def check(doc: Document, options: Mapping[str, object]) -> Iterator[Violation]:
    analysis = doc.sections
    if analysis is None:
        return
    for section in analysis.found:
        level = section.heading.level
        if level == analysis.spec.level:
            continue
        yield Violation(
            f"section heading `{section.heading.text}` is level {level} (`{'#' * level}`); "
            f"expected level {analysis.spec.level} (`{'#' * analysis.spec.level}`)",
            section.heading.span,
            f"write it as `{'#' * analysis.spec.level} {section.heading.text}`",
        )


rule = Rule(
    code="PL404",
    name="section-heading-level",
    summary="A required section heading is not level 3",
    scope=Scope.FILE,
    severity=Severity.ERROR,
    doc=__doc__,
    file_check=check,
)
