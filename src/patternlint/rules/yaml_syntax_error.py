"""## What it does
Reports frontmatter that is not valid YAML, at the position where the YAML reader gave up.

## Why is this bad?
When the YAML does not parse, none of the pattern's data can be read: the site generator fails
or silently drops the pattern, and no other rule can check it.

## Example
```yaml
ontology: {domain: governance, cross_domains: []
  commons_domain:
    - life
```

## Use instead
```yaml
ontology:
  domain: governance
  cross_domains: []
  commons_domain:
    - life
```

## Fix
Not fixable automatically.
"""

from __future__ import annotations

from patternlint.model import Rule, Scope, Severity, Span, Violation
from patternlint.problems import UnclosedFlow, YamlSyntax
from patternlint.rules._common import parse_problems


def words(problem: YamlSyntax | UnclosedFlow) -> Violation:
    if isinstance(problem, UnclosedFlow):
        # The reader gives up where it noticed, often lines later; the author must fix the
        # bracket that was opened and never closed.
        closer = "}" if problem.opener == "{" else "]"
        return Violation(
            f"frontmatter is not valid YAML: the `{problem.opener}` opened here is never closed "
            f"(the YAML reader {problem.problem} on line {problem.gave_up_line})",
            problem.span,
            f"close it with `{closer}`, or write the collection in block style, one item per line",
        )
    context = f" ({problem.context})" if problem.context else ""
    return Violation(
        f"frontmatter is not valid YAML: {problem.problem}{context}",
        problem.span,
        "fix the YAML here; quote values that contain `: ` or start with `[`, `{`, `*` or `&`",
    )


KINDS = (YamlSyntax, UnclosedFlow)

rule = Rule(
    code="PL005",
    name="yaml-syntax-error",
    summary="Frontmatter is not valid YAML",
    scope=Scope.FILE,
    severity=Severity.ERROR,
    doc=__doc__,
    file_check=parse_problems(KINDS, words),
    reports=KINDS,
)
