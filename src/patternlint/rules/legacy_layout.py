"""## What it does
Reports, once per file, a pattern written in the library's older v1 layout: `classification`,
`page_url` and `github_url` keys, relationship lists (`generalizes_from`, `related`…) at the top
level, and `### 1. Overview`-style body headings. Such files are not checked against the spec
v7.1 schema, which would report dozens of errors that all say the same thing.

## Why is this bad?
Spec v7.1 moved a pattern's scores into `ontology.commons_assessment`, its links into the
`relationships` group (as `{slug, weight}` items), and its machine-written graph into
`graph_garden`. The site's score cards, the Navigator and the graph read only the v7.1 groups, so
a v1 file shows no scores and no related patterns.

## Example
```yaml
slug: a3-thinking
classification:
  domain: operations
  commons_alignment: 3
generalizes_from: []
related: [lean-thinking]
```

## Use instead
```yaml
slug: a3-thinking
context_labels: {corporate: …, government: …, activist: …, tech: …}
ontology:
  domain: operations
  commons_assessment: {stakeholder_architecture: 3, …, overall_score: 3.1}
lifecycle: {usage_stage: application, adoption_stage: growth, status: draft, version: 0.1, confidence: 1}
relationships:
  complementary:
    - slug: lean-thinking
      weight: 0.8
graph_garden: {last_pruned: 2026-02-19, entities: [], communities: [], inferred_links: []}
```
and rename the body headings to `### Section 1: Context` … `### Section 8: Vitality`.

## Fix
Not fixable automatically: the v7.1 scores and sections need an author's judgement.
"""

from __future__ import annotations

from typing import Iterator

from patternlint.document import Document
from patternlint.facts import Layout
from patternlint.model import Rule, Scope, Severity, Violation

MIGRATE = (
    "migrate to spec v7.1: move `classification` into `ontology` (with a "
    "`commons_assessment` block) and `lifecycle`, move the top-level relationship lists into "
    "`relationships` as `{slug, weight}` items, add `context_labels` and `graph_garden`, drop "
    "`page_url`/`github_url`, and use `### Section N: Name` body headings"
)


def check(doc: Document, options: None) -> Iterator[Violation]:
    if doc.profile.layout is not Layout.V7 or doc.layout is not Layout.V1:
        return  # under the `commons-v1` profile, the v1 layout is the contract
    if doc.data is None or doc.positions is None:
        return
    # The top-level keys that mark the layout (its contract's `layouts`); the first key when
    # a condition on content or on a nested key marks it.
    present = [k for k in doc.profile.layouts.keys(Layout.V1) if k in doc.data] or list(doc.data)[:1]
    if not present:
        return
    yield Violation(
        "pattern uses the older v1 layout ("
        + ", ".join(f"`{k}`" for k in present)
        + "), not spec v7.1",
        doc.positions.key_span((present[0],)),
        MIGRATE,
    )


rule = Rule(
    code="PL010",
    name="legacy-layout",
    summary="Pattern uses the older v1 frontmatter layout",
    scope=Scope.FILE,
    severity=Severity.ERROR,
    doc=__doc__,
    file_check=check,
)
