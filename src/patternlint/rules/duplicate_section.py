"""## What it does
Reports a section heading of the file's contract that appears a second time in the body, such
as a commons file that repeats all eight sections as `### Section 1: Context (Expanded)` …
after the first set. Each repeat is reported on its own heading and names the line of the
first one. A file that holds several patterns (a chapter, a whole book) is no one pattern:
route it away with the contract's `when` (see docs/contracts.md).

## Why is this bad?
The site and the library's scripts take one heading per section: the text under a repeat is
cut off from its section, shown in the wrong place, or dropped, and readers meet the same
section twice.

## Example
```markdown
### Section 1: Context
The team is alive with activity…

### Section 1: Context (Expanded)
This fragmentation is not a passive state…
```

## Use instead
```markdown
### Section 1: Context
The team is alive with activity…

This fragmentation is not a passive state…
```

## Fix
Not fixable automatically: the two texts must be merged by hand.
"""

from __future__ import annotations

from typing import Iterator

from patternlint.document import Document
from patternlint.model import Rule, Scope, Severity, Violation


def check(doc: Document, options: None) -> Iterator[Violation]:
    analysis = doc.sections
    if analysis is None:
        return
    for repeat in analysis.repeated:
        first = repeat.first.heading
        yield Violation(
            f"section `{repeat.section.name}` appears again; its first heading is "
            f"`{first.text}` on line {first.span.line}",
            repeat.section.heading.span,
            f"move the text under `{repeat.section.heading.text}` into the first section "
            "and remove this heading",
        )


rule = Rule(
    code="PL406",
    name="duplicate-section",
    summary="A required section heading appears more than once",
    scope=Scope.FILE,
    severity=Severity.WARNING,
    doc=__doc__,
    file_check=check,
)
