"""## What it does
Reports a tab used to indent a frontmatter line, on the tab itself. YAML forbids tabs in
indentation, so the frontmatter does not parse; the YAML reader's own message ("found character
that cannot start any token") does not say so, and this finding replaces
`yaml-syntax-error` for that file.

## Why is this bad?
The whole frontmatter is unreadable: the site generator fails or drops the pattern, and no other
rule can check it. Editors often insert the tab invisibly, so the line looks right.

## Example
```yaml
lifecycle:
	status: draft
```

## Use instead
```yaml
lifecycle:
  status: draft
```

## Fix
Not fixable automatically yet: replacing the tab with the indentation of its neighbours is a
safe fix (planned).
"""

from __future__ import annotations

from patternlint.model import Rule, Scope, Severity, Violation
from patternlint.problems import TabIndentation
from patternlint.rules._common import parse_problems


def words(problem: TabIndentation) -> Violation:
    others = problem.others
    more = f" (and the tabs that indent {others} more line{'s' if others != 1 else ''})" if others else ""
    return Violation(
        "a tab indents this line; YAML indentation must be spaces",
        problem.span,
        f"replace the tab with spaces{more}",
    )


KINDS = (TabIndentation,)

rule = Rule(
    code="PL012",
    name="tab-indentation",
    summary="A tab indents a frontmatter line",
    scope=Scope.FILE,
    severity=Severity.ERROR,
    doc=__doc__,
    file_check=parse_problems(KINDS, words),
    reports=KINDS,
)
