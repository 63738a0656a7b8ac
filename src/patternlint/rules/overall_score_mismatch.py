"""## What it does
Checks that `ontology.commons_assessment.overall_score` is the mean of the eight dimension scores
(the seven pillars `stakeholder_architecture`, `value_creation`, `resilience`, `ownership`,
`autonomy`, `composability`, `fractal_value`, and `vitality`), rounded to one decimal.

The comparison follows the library's own tooling, which rounds the mean to one decimal: a
recorded score is accepted when it differs from the exact mean by no more than half a unit of
the last decimal (`tolerance`, see Options). A mean of `3.25` may therefore be recorded as `3.2`
or `3.3`.

## Why is this bad?
The overall score is what the site shows on every card and sorts by. When it disagrees with the
dimensions (usually because a dimension was edited and the total was not recomputed, or because
it was computed before `vitality` joined the average in v7.1) the card contradicts itself.

## Example
```yaml
commons_assessment:
  stakeholder_architecture: 3.0
  value_creation: 4.5
  resilience: 4.5
  ownership: 3.0
  autonomy: 3.0
  composability: 3.0
  fractal_value: 4.0
  vitality: 4.3
  overall_score: 4.4
```

## Use instead
```yaml
  overall_score: 3.7
```

## Fix
Safe fix: sets `overall_score` to the mean of the eight dimension scores, rounded half up to
one decimal (`3.25` becomes `3.3`). Only the number is rewritten; the line's comment and
everything else stay as they are. No fix is offered when the rounded mean would still be
outside a `tolerance` configured below `0.05`.

## Options
- `tolerance` (a number, default `0.05`): how far the recorded score may be from the exact mean.
- `decimals` (a whole number from 0 to 10, default `1`): how many decimals the suggested value
  and the fix round to.

A library that records two decimals sets both:

```toml
[tool.patternlint.rules.overall-score-mismatch]
decimals = 2
tolerance = 0.005
```
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterator

from patternlint.document import Document, Layout
from patternlint.fixes import Edit, Fix
from patternlint.index import SCORES
from patternlint.model import Fixability, Rule, Scope, Severity, Violation
from patternlint.options import OptionError
from patternlint.rules._common import finite_number

# The eight dimension scores of `ontology.commons_assessment` (the file record keeps them too).
DIMENSIONS = SCORES[:-1]
# Binary floating point cannot hold 3.25 or 0.05 exactly; never report a difference this small.
_EPSILON = 1e-9


@dataclass(frozen=True)
class Options:
    tolerance: float = 0.05
    decimals: int = 1

    def __post_init__(self) -> None:
        if not (math.isfinite(self.tolerance) and self.tolerance >= 0):
            raise OptionError("tolerance", f"is `{self.tolerance}`; expected a number of at least `0`")
        if not 0 <= self.decimals <= 10:
            raise OptionError("decimals", f"is `{self.decimals}`; expected a whole number from `0` to `10`")


def check(doc: Document, options: Options) -> Iterator[Violation]:
    if doc.layout is not Layout.V7 or doc.positions is None:
        return
    assessment = doc.get("ontology", "commons_assessment")
    if not isinstance(assessment, dict):
        return
    recorded = finite_number(assessment.get("overall_score"))
    scores = [finite_number(assessment.get(k)) for k in DIMENSIONS]
    if recorded is None or any(s is None for s in scores):
        return  # missing or mistyped values are the schema's findings
    mean = sum(s for s in scores if s is not None) / len(scores)
    tolerance = options.tolerance
    if abs(recorded - mean) <= tolerance + _EPSILON:
        return
    path = ("ontology", "commons_assessment", "overall_score")
    span = doc.positions.value_span(path)
    rounded = _round_half_up(mean, options.decimals)
    fix = None
    if abs(float(rounded) - mean) <= tolerance + _EPSILON:  # the fix must end the finding
        # A number is a plain scalar: its span is exactly the digits as written.
        if span.line == span.end_line:
            fix = Fix(f"set `overall_score` to `{rounded}`", Fixability.SAFE, (Edit(span, rounded),))
    yield Violation(
        f"overall_score is `{assessment['overall_score']}`; the mean of the 8 dimension scores is `{_fmt(mean)}`",
        span,
        f"set `overall_score: {rounded}`",
        fix,
    )


def _round_half_up(value: float, decimals: int = 1) -> str:
    scale = 10**decimals
    return f"{int(value * scale + 0.5 + _EPSILON) / scale:.{decimals}f}"


def _fmt(mean: float) -> str:
    """The exact mean: eight one-decimal scores average to at most 4 decimals (`3.5625`)."""
    text = f"{mean:.4f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


rule = Rule(
    code="PL201",
    name="overall-score-mismatch",
    summary="overall_score is not the mean of the 8 dimension scores",
    scope=Scope.FILE,
    severity=Severity.ERROR,
    doc=__doc__,
    file_check=check,
    fixable=Fixability.SAFE,
    options=Options,
)
