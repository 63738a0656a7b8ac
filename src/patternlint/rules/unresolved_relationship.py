"""## What it does
Checks that every link an author writes names a pattern of the library: each item of the link
fields the profile declares (`links`; commons-v7: `relationships.<type>`, for `generalizes_from`,
`specializes_to`, `enables`, `requires`, `alternatives`, `complementary`, `tools`). A target
resolves when it is the slug, the id or the file name of any file of the library, older v1
files included (a profile's `link-targets` may allow fewer). Items written as `{id: …}` or as
bare strings are resolved too.

The finding sits on the item's line and suggests the nearest existing slug when one is close:
the fewest words added or dropped, else the closest spelling, then the words it shares with the
linking pattern's slug; never the file itself or a pattern the same list already names. When
several are equally close, up to three are listed.

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
Unsafe fix: replaces the name with the one existing slug the hint suggests (its quotes, if any,
are kept), only when it is a single clear best. It may pick the wrong pattern (`mediator` for a deleted `mediation`), so review it.
No fix is offered when nothing is close, when the match is the file itself, or when the file's
`relationships` already name the match (the item would be a duplicate, or contradict).
"""

from __future__ import annotations

from typing import Iterator

from patternlint.fixes import Fix, name_claim, pair_claim, value_edit
from patternlint.index import LibraryIndex
from patternlint.facts import FileRecord, Link
from patternlint.model import Fixability, LibraryViolation, Rule, Scope, Severity, Violation
from patternlint.rules._graph import field_path


def check(index: LibraryIndex, options: None) -> Iterator[LibraryViolation]:
    for record in index.reported:
        for link in record.links:
            if link.via == "inferred" or index.resolves(link.target):
                continue
            suggestion = index.suggestion(record, link)
            match = suggestion.best
            yield LibraryViolation(
                record.path,
                Violation(
                    f"`{link.relation}` points at `{link.target}`, which is not a pattern in "
                    "this library",
                    link.span,
                    suggestion.hint() or "check the slug, or remove the item if the pattern was deleted",
                    _fix(index, record, link, match) if match else None,
                ),
            )


def _fix(index: LibraryIndex, record: FileRecord, link: Link, match: str) -> Fix | None:
    if match in index.own_names(record) or not link.pointer:
        return None  # (the last: a link in the body, which names a file, not a pattern)
    # A pattern the file already relates to: a second item would be a duplicate, or contradict.
    if any(other.target == match for other in record.links if other.curated):
        return None
    edit = value_edit(link.span, len(link.target), match)
    if edit is None:
        return None
    resolved = index.resolve(match)
    return Fix(
        f"replace `{link.target}` with `{match}`",
        Fixability.UNSAFE,
        (edit,),
        claims=(
            name_claim(record.path, field_path(link), match),
            pair_claim(record.path, resolved.path if resolved is not None else match),
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
    fixable=Fixability.UNSAFE,
)
