"""## What it does
Checks that no relationship and no inferred link points at the pattern it is written in: a
target that is the file's own slug, id or file name.

The finding sits on the item's target.

## Why is this bad?
A pattern is not related to itself: the link shows the page under its own "Related Patterns"
and adds a loop to the graph that means nothing. It is nearly always a copy-and-paste slip in
which the item kept the wrong slug, so the pattern the author meant is missing too. In the
reference library, `conflict-as-signal` lists itself as `complementary` while the item's
description talks about `mental-model-externalization`.

## Example
In `conflict-as-signal.md`:
```yaml
slug: conflict-as-signal
relationships:
  complementary:
    - slug: conflict-as-signal
      weight: 0.5
```

## Use instead
```yaml
relationships:
  complementary:
    - slug: mental-model-externalization
      weight: 0.5
```

## Fix
Not fixable automatically: only the author knows which pattern was meant.
"""

from __future__ import annotations

from typing import Iterator

from patternlint.index import LibraryIndex
from patternlint.model import LibraryViolation, Rule, Scope, Severity, Violation


def check(index: LibraryIndex, options: None) -> Iterator[LibraryViolation]:
    resolve = index.resolve
    for record in index.reported:
        for link in record.links:
            # as `index.points_at_itself`, without a call for each of the library's links
            target = resolve(link.target)
            if target is not record and (target is not None or link.target not in index.own_names(record)):
                continue
            if link.curated:
                message = f"`{link.relation}` names `{link.target}`, which is this pattern itself"
                hint = "replace it with the pattern you meant, or remove the item"
            else:
                message = f"inferred link target `{link.target}` is this pattern itself"
                hint = "remove the inferred link"
            yield LibraryViolation(record.path, Violation(message, link.span, hint))


rule = Rule(
    code="PL304",
    name="self-relationship",
    summary="A relationship or inferred link points at its own pattern",
    scope=Scope.LIBRARY,
    severity=Severity.WARNING,
    doc=__doc__,
    library_check=check,
)
