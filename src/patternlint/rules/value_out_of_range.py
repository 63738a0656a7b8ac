"""## What it does
Reports a number outside its fixed range: the eight `commons_assessment` dimension scores and
`overall_score` must lie in 0–5; relationship `weight`, graph_garden entity `relevance` and
community or inferred-link `confidence` must lie in 0–1.

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

## Options
- `weight-range` (a list of 2 numbers, default `[0.0, 1.0]`): the range of relationship
  weights, for a library that writes them on another scale (`weight-range = [0, 100]`). It
  changes the schema's range for every relationship `weight`.
"""

from __future__ import annotations

import math

from patternlint.frozen import frozen
from patternlint.model import Rule, Scope, Severity, Violation
from patternlint.options import OptionError
from patternlint.rules._common import schema_issues
from patternlint.schema import NotFinite, OutOfRange, Overrides, WeightRange
from patternlint.words import display_path, show


@frozen
class Options:
    weight_range: tuple[float, float] = (0.0, 1.0)

    def __post_init__(self) -> None:
        low, high = self.weight_range
        if not (math.isfinite(low) and math.isfinite(high) and low < high):
            raise OptionError("weight-range", f"is `[{low}, {high}]`; expected `[low, high]` with low < high")


def schema_overrides(options: Options) -> Overrides:
    """Every relationship `weight` in the schema gets the configured range."""
    return (WeightRange(*options.weight_range),)


def words(issue: OutOfRange | NotFinite) -> Violation:
    where = display_path(issue.path)
    if isinstance(issue, NotFinite):
        return Violation(f"`{where}` is `{issue.text}`, which is not a finite number", issue.span, "write a number")
    low, high = issue.low, issue.high
    if low is not None and high is not None:
        expected = f"a number from `{show(low)}` to `{show(high)}`"
    elif low is not None:
        expected = f"a number of at least `{show(low)}`"
    else:
        expected = f"a number of at most `{show(high)}`"
    return Violation(f"`{where}` is `{show(issue.actual)}`; expected {expected}", issue.span, None)


KINDS = (OutOfRange, NotFinite)

rule = Rule(
    code="PL105",
    name="value-out-of-range",
    summary="A number is outside its allowed range",
    scope=Scope.FILE,
    severity=Severity.ERROR,
    doc=__doc__,
    file_check=schema_issues(KINDS, words),
    reports=KINDS,
    options=Options,
    schema_overrides=schema_overrides,
)
