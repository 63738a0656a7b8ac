"""## What it does
Reports an inline suppression that suppresses nothing: a `# patternlint: ignore[…]` or
`# patternlint: file-ignore[…]` YAML comment, or a `<!-- patternlint-disable … -->` or
`<!-- patternlint-disable-next-line … -->` HTML comment, where no finding of the named rules
occurs in the lines it covers, or that names no rule at all. Like ruff's `unused-noqa`.

The finding sits on the comment. `patternlint check --ignore-suppressions` shows every finding,
suppressed or not, and so reports no suppression as unused.

## Why is this bad?
A stale suppression hides the next real problem on those lines, and a misspelt code suppresses
nothing while looking as if it did.

## Example
```yaml
relationships:
  enables:
    - slug: community-of-practice
      weight: 0.85  # patternlint: ignore[value-out-of-range]
```

## Use instead
Remove the comment (the weight is in range), or name the rule that really fires.

## Fix
Not fixable automatically.
"""

from __future__ import annotations

from patternlint.model import Rule, Scope, Severity, Violation
from patternlint.suppressions import Suppression


def report(suppression: Suppression, unknown: str | None) -> Violation:
    """The finding for one unused suppression (the engine finds them after all rules ran)."""
    if unknown is not None:
        return Violation(
            "suppression names a rule that does not exist",
            suppression.span,
            f"`{unknown}` is not a rule code or name; `patternlint rules` lists them",
        )
    return Violation(
        "suppression suppresses nothing on the lines it covers",
        suppression.span,
        "remove the comment, or name the rule that reports a finding there",
    )


rule: Rule[None] = Rule(
    code="PL009",
    name="unused-suppression",
    summary="An inline suppression suppresses nothing",
    scope=Scope.SUPPRESSIONS,
    severity=Severity.WARNING,
    doc=__doc__,
    suppression_check=report,
)
