"""## What it does
Reports a pattern that is not connected to any other pattern: none of its links (the fields its
profile declares; commons-v7: `relationships`) names another pattern of the library, and no
other pattern's links name it. The finding sits on its `slug` line; when its inferred links name patterns of the
library, the hint offers them as a start.

Only links written by authors count. Inferred links are the graph-garden tool's guesses,
rewritten on each pruning run, so a pattern held in the graph only by them has no place an
author chose. Targets that do not resolve do not connect anything (they are
`unresolved-relationship`'s). Files whose profile reads no links from them are not reported:
under commons-v7, files in the older v1 layout, whose links are not read (see `legacy-layout`),
so a pattern named only by v1 files counts as an orphan.

The rule is informational and off by default: an orphan is not an error, but a pattern nobody
can navigate to is easy to overlook. Turn it on with `extend-select = ["orphan-pattern"]`.

## Why is this bad?
Readers reach most patterns through "Related Patterns" and the Navigator's paths, both built
from `relationships`. An orphan shows up in neither: only search finds it, and its own page
offers no next step.

## Example
```yaml
slug: alimony-management
relationships:
  generalizes_from: []
  specializes_to: []
  enables: []
  requires: []
  alternatives: []
  complementary: []
  tools: []
```
and no other pattern names `alimony-management`.

## Use instead
```yaml
relationships:
  complementary:
    - slug: advance-directive-design
      weight: 0.75
```

## Fix
Not fixable automatically: choosing related patterns is the author's judgement.
"""

from __future__ import annotations

from typing import Iterator

from patternlint.index import LibraryIndex
from patternlint.model import LibraryViolation, Rule, Scope, Severity, Span, Violation
from patternlint.rules._graph import name


def check(index: LibraryIndex, options: None) -> Iterator[LibraryViolation]:
    connected: set[str] = set()
    for source, _, target in index.curated_edges:
        if source != target:
            connected.add(source)
            connected.add(target)
    place = _place(index)
    for record in index.reported:
        if not record.linked or record.path in connected:
            continue
        suggestions = list(
            dict.fromkeys(
                f"`{name(target)}` (`{link.relation}`)" if link.relation else f"`{name(target)}`"
                for link, target in index.edges[record.path]
                if not link.curated and target is not record
            )
        )
        hint = f"add the patterns it relates to under {place}" if place else "link it to the patterns it relates to"
        if suggestions:
            hint += f"; its inferred links suggest {', '.join(suggestions[:3])}"
        yield LibraryViolation(
            record.path,
            Violation(
                f"pattern `{name(record)}` has no relationship to another pattern, "
                "and no other pattern names it",
                record.slug_span or Span.point(1),
                hint,
            ),
        )


def _place(index: LibraryIndex) -> str:
    """Where the profile's authors write links: the group all their fields are in
    (`relationships`), else the fields."""
    paths = [index.links.field_of(t) for t in index.links.types]
    fields = [f.path for f in paths if f is not None]
    common = fields[0][:-1] if fields and len(fields[0]) > 1 else ()
    if common and all(f[: len(common)] == common for f in fields):
        return f"`{'.'.join(common)}`"
    return " or ".join(f"`{'.'.join(f)}`" for f in fields)  # none: links in the body only


rule = Rule(
    code="PL309",
    name="orphan-pattern",
    summary="A pattern is not connected to any other pattern",
    scope=Scope.LIBRARY,
    severity=Severity.INFO,
    doc=__doc__,
    library_check=check,
    enabled_by_default=False,
)
