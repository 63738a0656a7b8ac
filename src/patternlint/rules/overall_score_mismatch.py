"""## What it does
Checks every aggregate the profile declares: a value that is the mean (or sum, minimum,
maximum) of others. In the default profile (`commons-v7`) that is
`ontology.commons_assessment.overall_score`, the mean of the eight dimension scores (the
seven pillars `stakeholder_architecture`, `value_creation`, `resilience`, `ownership`,
`autonomy`, `composability`, `fractal_value`, and `vitality`), rounded to one decimal.

The comparison follows the library's own tooling, which rounds the mean to one decimal: a
recorded score is accepted when it differs from the exact mean by no more than half a unit of
the last decimal (the declaration's `tolerance`). A mean of `3.25` may therefore be recorded
as `3.2` or `3.3`. Nothing is reported when a value is missing or not a number (the schema's
finding). A contract declares its own aggregates in `aggregates` (see docs/contracts.md):

```toml
[[profiles.my-library.aggregates]]
key = "score"
function = "mean"      # or "sum", "min", "max"
of = ["scores.*"]      # every value of the mapping `scores`, or a list of key paths
decimals = 0
```

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
Safe fix: sets the value to the aggregate of its sources, rounded to the declared decimals
(half up unless the declaration says `rounding = "half-even"`: `3.25` becomes `3.3`). Only
the number is rewritten; the line's comment and everything else stay as they are. No fix is
offered when the rounded value would still be outside the tolerance.

## Options
- `tolerance` (a number, default `0.05`): how far the recorded score may be from the exact mean.
- `decimals` (a whole number from 0 to 10, default `1`): how many decimals the suggested value
  and the fix round to.

Set to another value than its default, an option replaces what every declaration of the
profile says (a declaration that leaves `tolerance` out allows half a unit of its last
decimal). A library that records two decimals sets both:

```toml
[tool.patternlint.rules.overall-score-mismatch]
decimals = 2
tolerance = 0.005
```
"""

from __future__ import annotations

import dataclasses
import math
from typing import Iterator

from patternlint.frozen import frozen
from patternlint.derived import Aggregate, Rounding, value_at
from patternlint.document import Document
from patternlint.fixes import Edit, Fix
from patternlint.model import Fixability, Rule, Scope, Severity, Violation
from patternlint.options import OptionError
from patternlint.rules._common import finite_number

# Binary floating point cannot hold 3.25 or 0.05 exactly; never report a difference this small.
_EPSILON = 1e-9


@frozen
class Options:
    tolerance: float = 0.05
    decimals: int = 1

    def __post_init__(self) -> None:
        if not (math.isfinite(self.tolerance) and self.tolerance >= 0):
            raise OptionError("tolerance", f"is `{self.tolerance}`; expected a number of at least `0`")
        if not 0 <= self.decimals <= 10:
            raise OptionError("decimals", f"is `{self.decimals}`; expected a whole number from `0` to `10`")


def check(doc: Document, options: Options) -> Iterator[Violation]:
    if not doc.profile.aggregates or not doc.in_profile_layout or doc.positions is None or doc.data is None:
        return
    for aggregate in doc.profile.aggregates:
        yield from _check(doc, _configured(aggregate, options))


def _configured(aggregate: Aggregate, options: Options) -> Aggregate:
    """The declaration with the rule's options that are set to another value than their
    default (a configuration written before contracts declared aggregates)."""
    defaults = Options()
    if options.decimals != defaults.decimals:
        aggregate = dataclasses.replace(aggregate, decimals=options.decimals)
    if options.tolerance != defaults.tolerance:
        aggregate = dataclasses.replace(aggregate, tolerance=options.tolerance)
    return aggregate


def _check(doc: Document, aggregate: Aggregate) -> Iterator[Violation]:
    assert doc.data is not None and doc.positions is not None
    sources = aggregate.sources(doc.data)
    recorded_raw = value_at(doc.data, aggregate.key)
    recorded = finite_number(recorded_raw)
    if recorded is None or not sources:
        return
    values = [finite_number(v) for _, v in sources]
    if any(v is None for v in values):
        return  # missing or mistyped values are the schema's findings
    exact = aggregate.function.of([v for v in values if v is not None])
    tolerance = aggregate.allowed
    if abs(recorded - exact) <= tolerance + _EPSILON:
        return
    name = aggregate.key[-1]
    span = doc.positions.value_span(aggregate.key)
    rounded = _rounded(exact, aggregate.decimals, aggregate.rounding)
    fix = None
    if abs(float(rounded) - exact) <= tolerance + _EPSILON:  # the fix must end the finding
        # A number is a plain scalar: its span is exactly the digits as written.
        if span.line == span.end_line:
            fix = Fix(f"set `{name}` to `{rounded}`", Fixability.SAFE, (Edit(span, rounded),))
    yield Violation(
        f"{name} is `{recorded_raw}`; the {aggregate.function.value} of {aggregate.described(len(values))} is `{_fmt(exact, aggregate.decimals)}`",
        span,
        f"set `{name}: {rounded}`",
        fix,
    )


def _rounded(value: float, decimals: int, rounding: Rounding) -> str:
    if rounding is Rounding.HALF_UP:
        scale = 10**decimals
        return f"{int(value * scale + 0.5 + _EPSILON) / scale:.{decimals}f}"
    from decimal import ROUND_HALF_EVEN, Decimal

    # Half to even on the value as written to 9 decimals, so that 3.25 (3.2499999…) is a tie.
    exact = Decimal(f"{value:.9f}")
    return str(exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_EVEN))


def _fmt(value: float, decimals: int) -> str:
    """The exact value: eight one-decimal scores average to at most 4 decimals (`3.5625`); a
    whole number keeps one decimal (`3.0`) unless the values are written without (`12`)."""
    text = f"{value:.4f}".rstrip("0")
    if text.endswith("."):
        return text + "0" if decimals else text[:-1]
    return text


rule = Rule(
    code="PL201",
    name="overall-score-mismatch",
    summary="overall_score, or another aggregate the profile declares, does not match its values",
    scope=Scope.FILE,
    severity=Severity.ERROR,
    doc=__doc__,
    file_check=check,
    fixable=Fixability.SAFE,
    options=Options,
)
