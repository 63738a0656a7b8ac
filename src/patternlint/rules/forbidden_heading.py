"""## What it does
Reports a body heading at a level the profile forbids (`forbidden-levels`), such as a level-1
heading in an InnerSource pattern, whose template starts every part at `##`. Headings inside
code blocks are not headings. The built-in commons profiles forbid no level.

## Why is this bad?
The library's site gives each pattern its title from elsewhere (the `## Title` section, or the
frontmatter): a `#` heading in the body becomes a second page title and breaks the outline the
sections make.

## Example
```markdown
# Trusted Committer

## Patlet
```

## Use instead
```markdown
## Title

Trusted Committer

## Patlet
```

## Fix
Not fixable automatically: whether the heading is a title to move or a section to re-level is
the author's call.
"""

from __future__ import annotations

from typing import Iterator

from patternlint.document import Document
from patternlint.model import Rule, Scope, Severity, Violation


def check(doc: Document, options: None) -> Iterator[Violation]:
    analysis = doc.sections
    if analysis is None or not analysis.spec.forbidden_levels:
        return
    forbidden = analysis.spec.forbidden_levels
    allowed = sorted(set(range(1, 7)) - set(forbidden))
    for heading in doc.headings:
        if heading.level in forbidden:
            yield Violation(
                f"heading `{heading.text}` is level {heading.level} (`{'#' * heading.level}`); "
                f"the profile forbids level {heading.level} in the body",
                heading.span,
                f"use level {allowed[0]} (`{'#' * allowed[0]}`) or lower" if allowed else "remove the heading",
            )


rule = Rule(
    code="PL412",
    name="forbidden-heading",
    summary="A body heading is at a level the profile forbids",
    scope=Scope.FILE,
    severity=Severity.ERROR,
    doc=__doc__,
    file_check=check,
)
