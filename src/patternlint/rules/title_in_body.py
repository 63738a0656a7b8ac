"""## What it does
Reports a level-1 heading in the body that repeats the frontmatter's `title` (`# Chore and
Responsibility System`). The page's title is `title`; the body starts with the summary and the
sections. Other level-1 headings are not reported: some pattern languages write their sections
as level-1 headings. Files in an older layout, which wrote the title in the body, are left to
`legacy-layout`.

## Why is this bad?
The site renders `title` as the page's heading, so a `# Title` line shows the title twice, and
two level-1 headings break the page's outline for screen readers and search. When the two
differ, readers and search see two names for one pattern.

## Example
```markdown
---
title: "Chore and Responsibility System"
---

# Chore and Responsibility System

Design age-appropriate contributions to household functioning…
```

## Use instead
```markdown
---
title: "Chore and Responsibility System"
---

Design age-appropriate contributions to household functioning…
```

## Fix
Not fixable automatically yet: removing the line is safe when it repeats `title` (planned).
"""

from __future__ import annotations

from typing import Iterator

from patternlint.document import Document
from patternlint.model import Rule, Scope, Severity, Violation


def check(doc: Document, options: None) -> Iterator[Violation]:
    title = doc.get("title")
    # A file in an older layout (which wrote the title in the body) is `legacy-layout`'s one finding.
    if not doc.in_profile_layout or not isinstance(title, str) or not title.strip():
        return
    wanted = " ".join(title.split()).casefold()
    for heading in doc.headings:
        # Only the title itself: profiles whose sections are level-1 headings (`# Rationale`)
        # write other level-1 headings on purpose.
        if heading.level == 1 and " ".join(heading.text.split()).casefold() == wanted:
            yield Violation(
                f"level-1 heading `{heading.text}` in the body repeats `title`",
                heading.span,
                "remove the line: the page shows `title` as its heading",
            )


rule = Rule(
    code="PL410",
    name="title-in-body",
    summary="A level-1 title heading in the body",
    scope=Scope.FILE,
    severity=Severity.WARNING,
    doc=__doc__,
    file_check=check,
)
