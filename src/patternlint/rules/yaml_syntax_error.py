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

from patternlint.model import Rule, Scope, Severity, Violation
from patternlint.problems import BlockInFlow, ColonInValue, MissingComma, UnclosedFlow, UnclosedQuote, YamlSyntax
from patternlint.rules._common import parse_problems

Problem = YamlSyntax | UnclosedFlow | BlockInFlow | MissingComma | UnclosedQuote | ColonInValue


def words(problem: Problem) -> Violation:
    if isinstance(problem, BlockInFlow):
        return _block_in_flow(problem)
    if isinstance(problem, MissingComma):
        return Violation(
            f"frontmatter is not valid YAML: `{problem.word}` follows the previous entry of the "
            f"`{problem.brackets}` opened on line {problem.opened} without a `,`",
            problem.span,
            f"add `,` before `{problem.word}`",
        )
    if isinstance(problem, UnclosedQuote):
        return _unclosed_quote(problem)
    if isinstance(problem, ColonInValue):
        quoted = problem.value.replace("\\", "\\\\").replace('"', '\\"')
        return Violation(
            f"frontmatter is not valid YAML: the value of `{problem.key}` contains `: `, "
            "which YAML reads as the start of another key",
            problem.span,
            f'quote the value: `{problem.key}: "{quoted}"`',
        )
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


def _block_in_flow(problem: BlockInFlow) -> Violation:
    # The collection is closed: adding a closer (what libyaml's words suggest) would not help.
    owner = f"`{problem.owner}`" if problem.owner else "the collection"
    flow = f" (`{problem.flow}`)" if problem.flow else ""
    return Violation(
        f"frontmatter is not valid YAML: block-style lines ({problem.block}) are written inside the "
        f"`{problem.brackets}` opened on line {problem.opened} and closed on line {problem.closed}",
        problem.span,
        f"inside `{problem.brackets}` write this entry in flow style after a `,`{flow}, "
        f"or write {owner} in block style, one key per line",
    )


def _unclosed_quote(problem: UnclosedQuote) -> Violation:
    value = f"the value of `{problem.key}`" if problem.key else "a value"
    if problem.closed_by is None:
        where = "the frontmatter ends first"
    else:
        where = f"the reader took the `{problem.quote}` on line {problem.closed_by} as its end"
    return Violation(
        f"frontmatter is not valid YAML: the `{problem.quote}` that opens {value} is never closed on "
        f"its line; {where}",
        problem.span,
        f"end the value with `{problem.quote}` on this line",
    )


KINDS = (YamlSyntax, UnclosedFlow, BlockInFlow, MissingComma, UnclosedQuote, ColonInValue)

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
