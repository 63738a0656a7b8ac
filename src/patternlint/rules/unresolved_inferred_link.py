"""## What it does
Checks that every `graph_garden.inferred_links[].target` names a pattern of the library (its
slug, id or file name). The finding suggests the nearest existing slug when one is close.

## Why is this bad?
Inferred links are written by the graph-garden tooling, not by authors, so a dangling target is
usually left over from a renamed or deleted pattern; the next pruning run would drop it. It is a
warning, not an error, because the author did not write it, but it still shows a dead edge in
the graph until then.

## Example
```yaml
graph_garden:
  inferred_links:
    - target: active-listening-dept
      type: enables
      confidence: 0.88
```

## Use instead
```yaml
    - target: active-listening-depth
```

## Fix
Not fixable automatically; re-run the graph-garden pruning.
"""

from __future__ import annotations

from typing import Iterator

from patternlint.index import LibraryIndex
from patternlint.model import LibraryViolation, Rule, Scope, Severity, Violation


def check(index: LibraryIndex, options: None) -> Iterator[LibraryViolation]:
    for record in index.reported:
        for link in record.links:
            if link.via != "inferred" or index.resolves(link.target):
                continue
            yield LibraryViolation(
                record.path,
                Violation(
                    f"inferred link target `{link.target}` is not a pattern in this library",
                    link.span,
                    index.suggestion(record, link).hint() or "remove the link or re-run the graph-garden pruning",
                ),
            )


rule = Rule(
    code="PL303",
    name="unresolved-inferred-link",
    summary="An inferred link names a pattern that does not exist",
    scope=Scope.LIBRARY,
    severity=Severity.WARNING,
    doc=__doc__,
    library_check=check,
)
