"""## What it does
Checks that a pattern's links do not name one pattern under two types that contradict each
other. Which pairs contradict is the profile's declaration (`link-contradictions`, with why and
how to choose). commons-v7 declares three, following the meanings of ADR-0005 (A → B):

- `generalizes_from` (A is a more general form of B) and `specializes_to` (A is a
  specialization of B): B cannot be both more specific and more general than A.
- `enables` (A makes B possible or easier) and `requires` (A depends on B): together they say
  each pattern must come first, a circular dependency that leaves the Navigator no order to
  adopt them in. In the reference library it is a sign that a direction was mixed up:
  `alignment-monitoring` lists `purpose-definition` under both, and the `enables` item's
  description says the purpose is what drift is measured against, which is `requires`; and 24
  of the library's 77 cases are `requires` items described as "Required by … (symmetric to
  enables relationship)", the inverse of `A enables B` written into A instead of into B.
- `requires` and `alternatives` (B can replace A): a pattern cannot depend on a pattern that is
  used instead of it.

commons-v7 declares no other pair. `complementary` is the catch-all "related" type of ADR-0005 and fits
with any other; `tools` names what a pattern is practised with; a generalization may require or
enable its specializations, or be weighed against them as an alternative; and a pattern may make
its own alternative easier to adopt (`enables` means "possible or easier").

Two items name the same pattern when their targets are equal or resolve to the same file. The
finding sits on the later of the two items and names the line of the earlier.

## Why is this bad?
The relationship types give the graph its direction: "what to adopt first", "what is this a
case of". Contradictory types for one pair cancel each other out, and readers and tools cannot
tell which one the author meant.

## Example
```yaml
relationships:
  enables:
    - slug: active-listening-depth
      weight: 0.85
  requires:
    - slug: active-listening-depth
      weight: 0.8
```

## Use instead
Keep the type that is true; here the pattern builds on active listening:
```yaml
relationships:
  requires:
    - slug: active-listening-depth
      weight: 0.8
```

## Fix
Not fixable automatically: only the author knows which direction is meant.
"""

from __future__ import annotations

from typing import Iterator

from patternlint.index import LibraryIndex
from patternlint.facts import Link
from patternlint.model import LibraryViolation, Rule, Scope, Severity, Violation

def check(index: LibraryIndex, options: None) -> Iterator[LibraryViolation]:
    resolve = index.resolve
    for record in index.reported:
        # the first item of each type that names each target
        first: dict[str, dict[str, Link]] = {}
        for link in record.links:
            if link.curated:
                # as `target_key`, without a call for each of the library's links
                found = resolve(link.target)
                key = found.path if found is not None else "\0" + link.target
                first.setdefault(key, {}).setdefault(link.relation, link)
        for by_relation in first.values():
            if len(by_relation) < 2:
                continue
            for contradiction in index.links.contradictions:
                one, other = contradiction.types
                a, b = by_relation.get(one), by_relation.get(other)
                if a is None or b is None:
                    continue
                earlier, later = sorted((a, b), key=lambda k: (k.span.line, k.span.column))
                target = later.target
                also = "" if earlier.target == target else f" as `{earlier.target}`"
                yield LibraryViolation(
                    record.path,
                    Violation(
                        f"`{target}` is under both `{earlier.relation}`{also} (line {earlier.span.line}) "
                        f"and `{later.relation}`; {contradiction.reason}",
                        later.span,
                        contradiction.choice.replace("{}", later.target),
                    ),
                )


rule = Rule(
    code="PL306",
    name="contradictory-relationship",
    summary="One pattern is named under two contradictory relationship types",
    scope=Scope.LIBRARY,
    severity=Severity.WARNING,
    doc=__doc__,
    library_check=check,
)
