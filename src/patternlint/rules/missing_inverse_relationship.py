"""## What it does
Checks that the links that come in pairs are written on both sides. Which types pair up is the
profile's declaration (`link-inverses`); commons-v7 declares, after ADR-0005:

- A `generalizes_from` B needs B `specializes_to` A, and the reverse;
- A `complementary` B needs B `complementary` A;
- A `alternatives` B needs B `alternatives` A.

The finding sits on A's item and its hint names B's file and the item to add there, with the
same weight. Only links written by authors are checked, not inferred links, and only when B is a
file whose profile reads links from it: a target that does not resolve is reported by
`unresolved-relationship`, and a file in the older v1 layout (see `legacy-layout`) has no
`relationships` block to add the item to. `enables` and `requires` are not checked: ADR-0005
asks only for the generalization pair to be written both ways.

The rule is off by default: the reference library reciprocates few of these links (about 8,600
of 8,800 are one-sided, in almost every file), so it suits a library that has started to keep
its graph symmetric. Turn it on with `extend-select = ["missing-inverse-relationship"]`.

## Why is this bad?
ADR-0005 stores relationships "redundantly in both directions (e.g., if A generalizes_from B,
then B should have specializes_to A)" so that each page can show its links without searching the
whole library. A one-sided link shows on one page and not on the other, and the graph built from
the files differs depending on which file it starts from.

## Example
In `steward-ownership.md`:
```yaml
relationships:
  generalizes_from:
    - slug: perpetual-purpose-trust
      weight: 0.9
```
while `perpetual-purpose-trust.md` has `specializes_to: []`.

## Use instead
In `perpetual-purpose-trust.md`:
```yaml
relationships:
  specializes_to:
    - slug: steward-ownership
      weight: 0.9
```

## Fix
Unsafe fix, in the other file: appends `- slug: <this pattern>` with the same `weight` to its
`relationships.<inverse>` list (the inverse type's field, its first name key and its weight
key), laid out like that file's other items (same indentation, same
dash spacing); `[]` becomes a block list, and a missing key is added at the end of
`relationships`. Nothing else in either file changes. It is unsafe because it edits a file the
finding is not in, and the other pattern's author may have left the link out on purpose.
"""

from __future__ import annotations

import re
from typing import Iterator

from patternlint.fixes import AppendItem, Fix, pair_claim
from patternlint.index import LibraryIndex
from patternlint.facts import FileRecord, Link
from patternlint.links import LinkField
from patternlint.model import Fixability, LibraryViolation, Rule, Scope, Severity, Violation
from patternlint.rules._common import relative
from patternlint.rules._graph import weight_text

# What the fix writes unquoted: a slug, and a weight in plain decimals (not `1e-05`).
_SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
_WEIGHT = re.compile(r"\d+(?:\.\d+)?")

def check(index: LibraryIndex, options: None) -> Iterator[LibraryViolation]:
    edges = index.curated_edges
    links = index.links
    for record in index.reported:
        seen: set[tuple[str, str]] = set()
        for link, target in index.edges[record.path]:
            inverse = links.inverse(link.relation)
            if inverse is None or not link.curated or target is record or not target.linked:
                continue
            field = links.field_of(inverse)
            if field is None:
                continue
            if (link.relation, target.path) in seen:
                continue  # a second item for the same pattern is duplicate-relationship's
            seen.add((link.relation, target.path))
            if (target.path, inverse, record.path) in edges:
                continue
            other = relative(target.path, record.path)
            written = index.link_name(record)
            item = f"`- {field.keys[0]}: {written}`" if field.keys else f"`- {written}`"
            if link.weight is not None and field.weight is not None:
                item += f" with `{field.weight}: {weight_text(link.weight)}`"
            yield LibraryViolation(
                record.path,
                Violation(
                    f"`{link.relation}` names `{other}`, which does not list this pattern "
                    f"under `{inverse}`",
                    link.span,
                    f"in `{other}`, add {item} under `{field.dotted}`",
                    _fix(index, record, link, target, field, f"add {item} under `{inverse}` in `{other}`"),
                ),
            )


def _fix(
    index: LibraryIndex, record: FileRecord, link: Link, target: FileRecord, field: LinkField, description: str
) -> Fix | None:
    if link.weight is None or field.weight is None or not field.keys:
        return None  # the item would be incomplete: the schema requires a weight
    slug, weight = index.link_name(record), weight_text(link.weight)
    if not (_SLUG.fullmatch(slug) and _WEIGHT.fullmatch(weight)):
        return None
    # Links of B to A that the added item would contradict (see contradictory-relationship):
    # B's author chose them, so the fix leaves B alone.
    contradicted = index.links.contradicting(field.type)
    if any(back.curated and back.relation in contradicted and source is record for back, source in index.edges[target.path]):
        return None
    return Fix(
        description,
        Fixability.UNSAFE,
        (AppendItem(field.path, ((field.keys[0], slug), (field.weight, weight))),),
        target.path,
        (pair_claim(record.path, target.path),),
    )


rule = Rule(
    code="PL307",
    name="missing-inverse-relationship",
    summary="A paired relationship is not written in the other pattern too",
    scope=Scope.LIBRARY,
    severity=Severity.WARNING,
    doc=__doc__,
    library_check=check,
    fixable=Fixability.UNSAFE,
    enabled_by_default=False,
)
