"""## What it does
Reports a `relationships.<type>` item that is not written as a `{slug, weight}` mapping: a bare
string (`- commons-engineer`) or an `{id: …}` mapping. Such items still resolve (see
`unresolved-relationship`), but carry no weight, or name their target under the wrong key.

## Why is this bad?
Spec v7.1 writes every hard relationship as `slug` plus `weight`: the weight ranks related
patterns on the site and in the Navigator. A bare string has no weight, and tools that read
`item.slug` skip `{id: …}` items entirely.

## Example
```yaml
relationships:
  generalizes_from:
    - commons-engineer
  enables:
    - id: graduated-sanctions
      description: "Sanctions scale with the breach."
```

## Use instead
```yaml
relationships:
  generalizes_from:
    - slug: commons-engineer
      weight: 0.8
  enables:
    - slug: graduated-sanctions
      weight: 0.8
```

## Fix
Not fixable automatically: the weight is the author's judgement.
"""

from __future__ import annotations

from typing import Iterator

from patternlint.document import Document, Layout
from patternlint.profiles import RELATIONSHIP_TYPES
from patternlint.model import Rule, Scope, Severity, Violation


def check(doc: Document, options: None) -> Iterator[Violation]:
    relationships = doc.get("relationships")
    if doc.layout is not Layout.V7 or not isinstance(relationships, dict) or doc.positions is None:
        return
    for relation in RELATIONSHIP_TYPES:
        items = relationships.get(relation)
        if not isinstance(items, list):
            continue
        for i, item in enumerate(items):
            where = ("relationships", relation, i)
            if isinstance(item, str):
                yield Violation(
                    f"`{relation}` item `{item}` is a bare string; expected a `slug` and "
                    "`weight` mapping",
                    doc.positions.value_span(where),
                    f"write it as `- slug: {item}` with a `weight:` line below it",
                )
            elif isinstance(item, dict) and "slug" not in item and isinstance(item.get("id"), str):
                yield Violation(
                    f"`{relation}` item names its target with `id: {item['id']}`; expected "
                    "`slug`",
                    doc.positions.key_span((*where, "id")),
                    f"rename the key: `slug: {item['id']}`"
                    + ("" if "weight" in item else ", and add a `weight:`"),
                )


rule = Rule(
    code="PL302",
    name="relationship-item-shape",
    summary="A relationship item is not a `{slug, weight}` mapping",
    scope=Scope.FILE,
    severity=Severity.WARNING,
    doc=__doc__,
    file_check=check,
)
