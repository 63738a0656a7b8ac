"""## What it does
Checks that the library writes each generalization link type the way its profile reads it. Where
one slug is the other with words added (`coffee-ritual-design` and `ritual-design`), the shorter
names the more general pattern: that is the library's own evidence of which end of a link is the
more general. When most such links of a type point the other way from the profile's reading
(ADR-0005's by default: `A generalizes_from B` says A is the more general), the rule reports it
once, on the first such link, with the counts, a few examples, and how often the library writes
the two types as each other's inverse in both files.

## Why is this bad?
A hierarchy built from links read the wrong way round is upside down: breadcrumbs lead to the
specific patterns, and when authors disagree on the direction the cycles `generalization-cycle`
reports are not a pattern being more general than itself but two conventions mixed. The fix is
one decision for the whole library, not an edit per file.

## Example
In `coffee-ritual-design.md`, read the ADR-0005 way ("coffee ritual design is a more general
form of ritual design"):
```yaml
relationships:
  generalizes_from:
    - slug: ritual-design
```

## Use instead
Either turn the library's links around, or declare the convention the library uses in the
profile (configuration):
```toml
[profiles.my-commons]
generalization = { generalizes_from = "target", specializes_to = "source" }
```

## Fix
Not fixable automatically: the choice of convention is the maintainers'.
"""

from __future__ import annotations

from typing import Iterator

from patternlint.index import LibraryIndex
from patternlint.facts import FileRecord, Link
from patternlint.model import LibraryViolation, Rule, Scope, Severity, Violation
from patternlint.links import General
from patternlint.rules._graph import name

# Fewer telling links than this are no evidence of a library-wide convention.
EVIDENCE = 3
EXAMPLES = 3


def shorter_end(source: str, target: str) -> General | None:
    """Which end names the more general pattern by its slug alone: the one whose words are a
    proper subset of the other's (`ritual-design` of `coffee-ritual-design`), else None."""
    a, b = set(source.split("-")), set(target.split("-"))
    if a < b:
        return General.SOURCE
    if b < a:
        return General.TARGET
    return None


def check(index: LibraryIndex, options: None) -> Iterator[LibraryViolation]:
    reported = {r.path for r in index.reported}
    for relation, declared in index.hierarchy.items():
        agree = 0
        against: list[tuple[FileRecord, Link]] = []
        for record in index.records:
            for link in record.links:
                if link.relation != relation or not link.curated:
                    continue
                end = shorter_end(name(record), link.target)
                if end is declared:
                    agree += 1
                elif end is not None:
                    against.append((record, link))
        if len(against) < EVIDENCE or len(against) <= agree:
            continue
        here = next(((r, l) for r, l in against if r.path in reported), None)
        if here is None:
            continue
        record, link = here
        examples = ", ".join(f"`{name(r)}` → `{l.target}`" for r, l in against[:EXAMPLES])
        if len(against) > EXAMPLES:
            examples += f" and {len(against) - EXAMPLES} more"
        observed = "general" if declared is General.SOURCE else "specific"
        expected = "specific" if declared is General.SOURCE else "general"
        pairs, other = _inverse_evidence(index, relation)
        inverse = ""
        declaration = f'{relation} = "{_flip(declared).value}"'
        if pairs:
            inverse = f"; {pairs} pairs of files write it and `{other}` as each other's inverse, so the two turn together"
            declaration += f', {other} = "{_flip(index.hierarchy[other]).value}"'
        yield LibraryViolation(
            record.path,
            Violation(
                f"`{relation}` names the more {observed} pattern in {len(against)} of the "
                f"{len(against) + agree} links whose slugs show which is the more general "
                f"({examples}); the profile reads it as naming the more {expected}{inverse}",
                link.span,
                "pick one convention for the library: turn these links around, or declare the "
                f"library's own in its profile: `generalization = {{{declaration}}}`",
            ),
        )


def _flip(end: General) -> General:
    return General.TARGET if end is General.SOURCE else General.SOURCE


def _inverse_evidence(index: LibraryIndex, relation: str) -> tuple[int, str]:
    """How often the other hierarchy type is written as this one's inverse in both files."""
    edges = index.curated_edges
    other = next((t for t in index.hierarchy if t != relation), "")
    both = sum(1 for s, r, t in edges if r == relation and s != t and (t, other, s) in edges)
    return both, other


rule = Rule(
    code="PL310",
    name="generalization-direction-mismatch",
    summary="The library writes a generalization link type the other way round from its profile",
    scope=Scope.LIBRARY,
    severity=Severity.WARNING,
    doc=__doc__,
    library_check=check,
)
