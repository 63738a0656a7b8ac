"""## What it does
Checks that each required section heading is at its contract's level (`section-level`, or a
section's own `level`): level 3 under the default `commons-v7` (`### Section 1: Context`, not
`##` or `####`), level 2 under `innersource`, level 1 (`* Motivation`) under `peeragogy-org`.

## Why is this bad?
The site's table of contents and the pattern's outline are built from the section headings'
level; a section above it becomes a chapter of its own and one below it disappears into the
previous section.

## Example
```markdown
## Section 1: Context
```

## Use instead
```markdown
### Section 1: Context
```

## Fix
Safe fix: rewrites the `#` marks of a heading whose name is written exactly right (`## Section
1: Context` becomes `### Section 1: Context`; a one-line setext heading becomes an ATX one).
Nothing else on the line changes. The fix is not offered when it would change the outline: when
a heading inside the section sits between the old and the new level (a `###` sub-heading under
a `##` section would become the section's sibling).
"""

from __future__ import annotations

from typing import Iterator

from patternlint.document import Document
from patternlint.fixes import Fix
from patternlint.model import Fixability, Rule, Scope, Severity, Violation
from patternlint.rules._headings import relevel
from patternlint.sections import SectionHeading


def check(doc: Document, options: None) -> Iterator[Violation]:
    analysis = doc.sections
    if analysis is None:
        return
    for section in analysis.found:
        level = section.heading.level
        expected = analysis.spec.level_of(section.index)
        if level == expected:
            continue
        yield Violation(
            f"section heading `{section.heading.text}` is level {level} (`{'#' * level}`); "
            f"expected level {expected} (`{'#' * expected}`)",
            section.heading.span,
            f"write it as `{'#' * expected} {section.heading.text}`",
            _fix(doc, section, expected),
        )


def _fix(doc: Document, section: SectionHeading, level: int) -> Fix | None:
    edit = relevel(doc, section, level)
    if edit is None:
        return None
    return Fix(f"make the heading level {level} (`{'#' * level}`)", Fixability.SAFE, (edit,))


rule = Rule(
    code="PL404",
    name="section-heading-level",
    summary="A required section heading is not at its contract's level",
    scope=Scope.FILE,
    severity=Severity.ERROR,
    doc=__doc__,
    file_check=check,
    fixable=Fixability.SAFE,
)
