"""## What it does
Checks that a pattern's `slug` equals its file name without `.md` (ADR-0001: slug-only file
names).

## Why is this bad?
The slug is the pattern's URL and the key other patterns link to, and the file name is how
authors and tools find it. When they differ, links written from the file name do not match the
page's URL, and two files can claim one slug.

## Example
`_patterns/mediator-role.md`:
```yaml
slug: mediator
```

## Use instead
```yaml
slug: mediator-role
```
or rename the file to `mediator.md`.

## Fix
Not fixable automatically: renaming either side breaks links that use it.
"""

from __future__ import annotations

from typing import Iterator

from patternlint.document import Document
from patternlint.model import Rule, Scope, Severity, Violation


def check(doc: Document, options: None) -> Iterator[Violation]:
    slug = doc.get("slug")
    if not isinstance(slug, str) or slug == doc.stem or doc.positions is None:
        return
    yield Violation(
        f"slug is `{slug}` but the file is named `{doc.stem}.md`",
        doc.positions.value_span(("slug",)),
        f"set `slug: {doc.stem}`, or rename the file to `{slug}.md`",
    )


rule = Rule(
    code="PL501",
    name="slug-filename-mismatch",
    summary="The slug differs from the file name",
    scope=Scope.FILE,
    severity=Severity.ERROR,
    doc=__doc__,
    file_check=check,
)
