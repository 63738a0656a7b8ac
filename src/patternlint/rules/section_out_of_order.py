"""## What it does
Checks that the required sections appear in their contract's order (the order of its
`sections`); under the default `commons-v7`: Context, Problem, Solution, Implementation,
Consequences, Known Uses, Cognitive Era, Vitality. When sections are shuffled, the fewest
sections that break the order are reported (the rest form the longest run in order). With
`section-order = "any"` (as `innersource`, whose checker asks for no order) the rule reports
nothing.

## Why is this bad?
The order is the pattern form's argument: context and problem before the solution, the solution
before its consequences. Readers and the site's section navigation expect it.

## Example
```markdown
### Section 3: Solution
### Section 2: Problem
```

## Use instead
```markdown
### Section 2: Problem
### Section 3: Solution
```

## Fix
Not fixable automatically: moving whole sections is left to the author.
"""

from __future__ import annotations

from typing import Iterator

from patternlint.document import Document
from patternlint.model import Rule, Scope, Severity, Violation


def check(doc: Document, options: None) -> Iterator[Violation]:
    analysis = doc.sections
    if analysis is None:
        return
    in_order = [s for s in analysis.found if s not in analysis.out_of_order]
    for section in analysis.out_of_order:
        before = [s for s in in_order if s.index < section.index]
        after = [s for s in in_order if s.index > section.index]
        preceding = max(before, key=lambda s: s.index) if before else None
        following = min(after, key=lambda s: s.index) if after else None
        if preceding and following:
            where = f"between `{preceding.heading.text}` and `{following.heading.text}`"
        elif preceding:
            where = f"after `{preceding.heading.text}`"
        elif following:
            where = f"before `{following.heading.text}`"
        else:  # pragma: no cover - an out-of-order section always has an in-order neighbour
            where = "into its place"
        yield Violation(
            f"section `{section.name}` is out of order", section.heading.span, f"move it {where}"
        )


rule = Rule(
    code="PL403",
    name="section-out-of-order",
    summary="Required sections are not in their fixed order",
    scope=Scope.FILE,
    severity=Severity.ERROR,
    doc=__doc__,
    file_check=check,
)
