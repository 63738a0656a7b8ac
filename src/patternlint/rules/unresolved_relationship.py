"""## What it does
Checks that every item of `relationships.<type>` (`generalizes_from`, `specializes_to`,
`enables`, `requires`, `alternatives`, `complementary`, `tools`) names a pattern of the library.
A target resolves when it is the slug, the id or the file name of any file of the library, older
v1 files included. Items written as `{id: …}` or as bare strings are resolved too.

The finding sits on the item's line and suggests the nearest existing slug when one is close.

## Why is this bad?
The relationships are the human-curated graph: "Related Patterns" on the site and the
Navigator's paths. A link that resolves to nothing renders as a dead link and silently drops an
edge the author meant to draw, usually after a rename or a typo.

## Example
```yaml
relationships:
  generalizes_from:
    - slug: comunity-of-practice
      weight: 0.85
```

## Use instead
```yaml
relationships:
  generalizes_from:
    - slug: community-of-practice
      weight: 0.85
```

## Fix
Replacing the slug with the single close match is an unsafe fix (planned): it may pick the
wrong pattern.
"""

from __future__ import annotations

from typing import Iterator, Mapping

from patternlint.index import LibraryIndex
from patternlint.model import LibraryViolation, Rule, Scope, Severity, Violation


def check(index: LibraryIndex, options: Mapping[str, object]) -> Iterator[LibraryViolation]:
    for record in index.reported:
        for link in record.links:
            if link.via == "inferred" or index.resolves(link.target):
                continue
            yield LibraryViolation(
                record.path,
                Violation(
                    f"`{link.relation}` points at `{link.target}`, which is not a pattern in "
                    "this library",
                    link.span,
                    index.suggest(link.target) or "check the slug, or remove the item if the pattern was deleted",
                ),
            )


rule = Rule(
    code="PL301",
    name="unresolved-relationship",
    summary="A relationship names a pattern that does not exist",
    scope=Scope.LIBRARY,
    severity=Severity.ERROR,
    doc=__doc__,
    library_check=check,
)
