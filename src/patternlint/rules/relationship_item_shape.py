"""## What it does
Reports a `relationships.<type>` item that is not written as a `{slug, weight}` mapping: a bare
string (`- commons-engineer`) or an `{id: …}` mapping. Such items still resolve (see
`unresolved-relationship`), but carry no weight, or name their target under the wrong key.
In general: an item of a link field that the profile declares with name keys and a weight key
(commons-v7: `key = ["slug", "id"]`, `weight = "weight"`), written as a bare name or naming its
target under another key than the first.

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

from patternlint.document import Document
from patternlint.facts import Layout
from patternlint.model import Rule, Scope, Severity, Violation
from patternlint.yamlload import PathPart


def check(doc: Document, options: None) -> Iterator[Violation]:
    if doc.positions is None or not doc.profile.in_layout(doc.layout) or doc.layout is Layout.NONE:
        return
    for field in doc.profile.links.fields:
        if field.inferred or field.weight is None or not field.keys:
            continue
        items = doc.get(*field.path)
        if not isinstance(items, list):
            continue
        relation, key, weight = field.type, field.keys[0], field.weight
        for i, item in enumerate(items):
            where: tuple[PathPart, ...] = (*field.path, i)
            if isinstance(item, str):
                yield Violation(
                    f"`{relation}` item `{item}` is a bare string; expected a `{key}` and "
                    f"`{weight}` mapping",
                    doc.positions.value_span(where),
                    f"write it as `- {key}: {item}` with a `{weight}:` line below it",
                )
            elif isinstance(item, dict) and key not in item:
                other = next((k for k in field.keys[1:] if isinstance(item.get(k), str)), None)
                if other is None:
                    continue
                yield Violation(
                    f"`{relation}` item names its target with `{other}: {item[other]}`; expected "
                    f"`{key}`",
                    doc.positions.key_span((*where, other)),
                    f"rename the key: `{key}: {item[other]}`"
                    + ("" if weight in item else f", and add a `{weight}:`"),
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
