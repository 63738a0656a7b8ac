"""## What it does
Checks that no list under `relationships` names the same pattern twice, and that
`graph_garden.inferred_links` does not hold two links of one type to the same target. Targets
are compared as written: naming one file once by its slug and once by its file name or id is
not reported (that only happens when the slug does not match the file name, which
`slug-filename-mismatch` reports, or with legacy `{id: …}` items).

The finding sits on the second item and names the line of the first.

## Why is this bad?
The pattern shows up twice in "Related Patterns", and the graph gets two edges with two weights,
so it is unclear which weight the author meant. A duplicate is usually left over from merging
two edits of the list.

## Example
```yaml
relationships:
  enables:
    - slug: accountability-partnership
      weight: 0.88
    - slug: active-listening-depth
      weight: 0.85
    - slug: accountability-partnership
      weight: 0.8
```

## Use instead
```yaml
relationships:
  enables:
    - slug: accountability-partnership
      weight: 0.88
    - slug: active-listening-depth
      weight: 0.85
```

## Fix
Not fixable automatically: when the weights differ, only the author knows which is right.
"""

from __future__ import annotations

from typing import Iterator, Mapping

from patternlint.index import LibraryIndex, Link
from patternlint.model import LibraryViolation, Rule, Scope, Severity, Violation
from patternlint.rules._graph import weight_text


def check(index: LibraryIndex, options: Mapping[str, object]) -> Iterator[LibraryViolation]:
    for record in index.reported:
        first: dict[tuple[bool, str, str], Link] = {}
        for link in record.links:
            key = (link.curated, link.relation, link.target)
            earlier = first.setdefault(key, link)
            if earlier is link:
                continue
            target = link.target
            if link.curated:
                message = (
                    f"`{link.relation}` lists `{target}` again; "
                    f"it was first listed on line {earlier.span.line}"
                )
                if link.weight is not None and earlier.weight is not None and link.weight != earlier.weight:
                    hint = (
                        f"remove one of the two items: their weights differ (`{weight_text(link.weight)}` "
                        f"here, `{weight_text(earlier.weight)}` on line {earlier.span.line})"
                    )
                else:
                    hint = "remove this item"
            else:
                message = (
                    f"inferred `{link.relation}` link to `{target}` appears again; "
                    f"it was first listed on line {earlier.span.line}"
                )
                hint = "remove this inferred link"
            yield LibraryViolation(record.path, Violation(message, link.span, hint))


rule = Rule(
    code="PL305",
    name="duplicate-relationship",
    summary="A relationship list names the same pattern twice",
    scope=Scope.LIBRARY,
    severity=Severity.WARNING,
    doc=__doc__,
    library_check=check,
)
