"""## What it does
Checks that no two files of the library share a `slug`. Each file that shares one gets a finding
on its `slug` line naming the other files.

## Why is this bad?
The slug is the page's URL and the key every relationship links to. With two files claiming one
slug, one page silently replaces the other and every link to the slug is ambiguous.

## Example
`mediator.md` and `mediator-role.md` both say:
```yaml
slug: mediator
```

## Use instead
Give each file the slug that matches its file name.

## Fix
Not fixable automatically.
"""

from __future__ import annotations

from typing import Iterator

from patternlint.index import LibraryIndex
from patternlint.model import LibraryViolation, Rule, Scope, Severity, Violation
from patternlint.rules._common import join_paths


def check(index: LibraryIndex, options: None) -> Iterator[LibraryViolation]:
    reported = {r.path for r in index.reported}
    for slug, records in index.by_slug.items():
        if len(records) < 2:
            continue
        for record in records:
            if record.path not in reported:
                continue
            assert record.slug_span is not None
            others = join_paths((r.path for r in records if r is not record), record.path)
            if record.stem != slug:
                hint = f"set `slug: {record.stem}` to match the file name"
            elif any(r.stem == slug for r in records if r is not record):
                hint = f"two files are named `{slug}.md`: rename one, and set its slug to match"
            else:
                hint = "the other files should take the slugs of their own file names"
            yield LibraryViolation(
                record.path,
                Violation(f"slug `{slug}` is also used by {others}", record.slug_span, hint),
            )


rule = Rule(
    code="PL503",
    name="duplicate-slug",
    summary="Two files share one slug",
    scope=Scope.LIBRARY,
    severity=Severity.ERROR,
    doc=__doc__,
    library_check=check,
)
