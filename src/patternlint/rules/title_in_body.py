"""## What it does
Reports a level-1 heading (`# Title`) in the body of a pattern written in the profile's layout.
The page's title is the frontmatter's `title`; the body starts with the summary and the
sections. (Files in the older v1 layout, which put the title in the body, are left to
`legacy-layout`.)

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
    if not doc.in_profile_layout:
        return
    title = doc.get("title")
    for heading in doc.headings:
        if heading.level != 1:
            continue
        if isinstance(title, str) and heading.text.strip().casefold() == title.strip().casefold():
            message = f"level-1 heading `{heading.text}` in the body repeats `title`"
            hint = "remove the line: the page shows `title` as its heading"
        elif isinstance(title, str):
            message = f"level-1 heading `{heading.text}` in the body; the page's title is `{title.strip()}`"
            hint = "remove the line, or make it a section's sub-heading (`####`) if it starts a part of one"
        else:
            message = f"level-1 heading `{heading.text}` in the body; the page's title belongs in `title`"
            hint = f'move it into the frontmatter as `title: "{heading.text}"` and remove the line'
        yield Violation(message, heading.span, hint)


rule = Rule(
    code="PL410",
    name="title-in-body",
    summary="A level-1 title heading in the body",
    scope=Scope.FILE,
    severity=Severity.WARNING,
    doc=__doc__,
    file_check=check,
)
