"""## What it does
Reports a key that the frontmatter schema (spec v7.1) requires but the file does not have. The
finding sits on the mapping that should hold the key and names it.

## Why is this bad?
The site generator, the Navigator and the graph builder read these keys unconditionally: a
missing `ontology.commons_assessment` means no score card, a missing `slug` means no page.

## Example
```yaml
lifecycle:
  usage_stage: application
  status: draft
```

## Use instead
```yaml
lifecycle:
  usage_stage: application
  adoption_stage: growth
  status: draft
  version: 0.1
  confidence: 1
```

A list item that lacks required keys and has keys its schema does not define is written in
another shape, such as an older generator's inferred link `{target, reason, strength}`: it is
one finding on the item, naming the shape and what to write instead (not one finding per missing
key plus an `unknown-key` finding per extra key).

## Fix
Not fixable: the value must come from the author.
"""

from __future__ import annotations

from patternlint.model import Rule, Scope, Severity, Violation
from patternlint.rules._common import schema_issues
from patternlint.schema import MissingKey, OtherShape
from patternlint.words import about, display_path


def words(issue: MissingKey | OtherShape) -> Violation:
    if isinstance(issue, OtherShape):
        return _other_shape(issue)
    owner = "the frontmatter" if not issue.path else f"`{display_path(issue.path)}`"
    what = about(issue.about)
    return Violation(
        f"{owner} is missing required key `{issue.key}`",
        issue.span,
        f"add `{issue.key}:`" + (f" ({what})" if what else ""),
    )


def _other_shape(issue: OtherShape) -> Violation:
    written = ", ".join(issue.written)
    expected = ", ".join(issue.expected)
    missing = " and ".join(f"`{key}`" for key in issue.missing)
    adds = ", ".join(
        f"`{key}:`" + (f" ({what})" if (what := about(holds)) else "") for key, holds in zip(issue.missing, issue.about)
    )
    drops = ", ".join(f"`{key}`" for key in issue.unknown)
    return Violation(
        f"`{display_path(issue.path)}` is written as `{{{written}}}`, without required {missing}; "
        f"expected `{{{expected}}}`",
        issue.span,
        f"add {adds}; remove {drops}",
    )


KINDS = (MissingKey, OtherShape)

rule = Rule(
    code="PL101",
    name="missing-required-key",
    summary="A key the schema requires is missing",
    scope=Scope.FILE,
    severity=Severity.ERROR,
    doc=__doc__,
    file_check=schema_issues(KINDS, words),
    reports=KINDS,
)
