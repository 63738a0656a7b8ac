"""## What it does
Reports a number outside its fixed range: the eight `commons_assessment` dimension scores and
`overall_score` must lie in 0–5; relationship `weight`, graph_garden entity `relevance` and
community or inferred-link `confidence` must lie in 0–1.

Option `weight-range` (default `[0.0, 1.0]`) sets the range of relationship weights, for a
library that writes them on another scale (`weight-range = [0, 100]`).

## Why is this bad?
Weights and confidences are probabilities used to rank related patterns; scores are drawn on a
five-point card. A weight of `1.4` or a score of `7` breaks the ranking and the card.

## Example
```yaml
relationships:
  enables:
    - slug: community-of-practice
      weight: 1.4
```

## Use instead
```yaml
relationships:
  enables:
    - slug: community-of-practice
      weight: 0.85
```

## Fix
Not fixable automatically.
"""

from patternlint.model import Rule, Scope, Severity
from patternlint.rules._common import schema_issues
from patternlint.schema import IssueKind

rule = Rule(
    code="PL105",
    name="value-out-of-range",
    summary="A number is outside its allowed range",
    scope=Scope.FILE,
    severity=Severity.ERROR,
    doc=__doc__,
    file_check=schema_issues(IssueKind.RANGE),
    # Applied to the schema: every relationship `weight` must lie in this range.
    options={"weight-range": [0.0, 1.0]},
)
