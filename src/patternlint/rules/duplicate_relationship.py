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
Safe fix: removes the second item under `relationships`, its lines and all, when it is an exact
duplicate of the first (equal as data: same target, same weight, same other keys); the list's
other lines, and comments around the item, stay. When the two items differ (say, in weight), the
item is left to the author, who knows which is right; so are inferred links, which the graph
tooling rewrites.
"""

from __future__ import annotations

from typing import Iterator

from patternlint.fixes import Fix, RemoveItem, pointer_path
from patternlint.index import LibraryIndex
from patternlint.facts import Link
from patternlint.model import Fixability, LibraryViolation, Rule, Scope, Severity, Violation
from patternlint.rules._graph import weight_text


def check(index: LibraryIndex, options: None) -> Iterator[LibraryViolation]:
    for record in index.reported:
        first: dict[tuple[bool, str, str], Link] = {}
        for link in record.links:
            if not link.pointer:
                continue  # a body may link to one pattern as often as its text needs to
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
            yield LibraryViolation(record.path, Violation(message, link.span, hint, _fix(link, earlier)))


def _fix(link: Link, earlier: Link) -> Fix | None:
    # Inferred links carry a confidence and a reason the index does not keep; they seldom
    # repeat both, so no fix is offered for them.
    if not link.curated or link.weight != earlier.weight or "[" not in link.pointer:
        return None  # (the last: a field of one name, not a list item to remove)
    item, first = _item(link), _item(earlier)
    # Whether the rest of the two items is equal too is checked against the file's data when
    # the fix is applied (the index does not keep it).
    return Fix(
        f"remove this duplicate of the item on line {earlier.span.line}",
        Fixability.SAFE,
        (RemoveItem(item, first),),
    )


def _item(link: Link) -> tuple[str | int, ...]:
    """The path of the list item a link comes from (`….slug` names a key of the item)."""
    path = pointer_path(link.pointer)
    return path if link.via == "string" else path[:-1]


rule = Rule(
    code="PL305",
    name="duplicate-relationship",
    summary="A relationship list names the same pattern twice",
    scope=Scope.LIBRARY,
    severity=Severity.WARNING,
    doc=__doc__,
    library_check=check,
    fixable=Fixability.SAFE,
)
