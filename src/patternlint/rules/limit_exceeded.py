"""## What it does
Reports a file that hits one of patternlint's safety limits, naming the limit:
- `max-file-size` (default 10 MiB): the file is not read at all;
- `max-nesting-depth` (default 100): frontmatter collections nested deeper than this;
- `max-alias-expansion` (default 100,000): frontmatter whose YAML aliases (`*name`) would
  expand to more values than this (a "billion laughs" document), or an alias that refers to
  the collection it is in.
The rest of the file is not checked; the other files are.

## Why is this bad?
No real pattern comes near these limits: a file that does is broken or hostile. Without the
limits, such a file would make every YAML reader (and the site's build) hang, exhaust memory,
or crash, and a pull request could take the library's CI down with one file.

## Example
```yaml
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
```
and so on for nine levels.

## Use instead
Write the values out; split a very large pattern. If a legitimate file needs more, raise the
limit in the configuration (`max-file-size = 20971520`).

## Fix
Not fixable.
"""

from __future__ import annotations

from patternlint.model import Rule, Scope, Severity, Violation
from patternlint.problems import SelfAlias, TooDeep, TooLarge, TooManyAliasValues
from patternlint.rules._common import parse_problems


def words(problem: TooLarge | TooDeep | TooManyAliasValues | SelfAlias) -> Violation:
    if isinstance(problem, TooLarge):
        return Violation(
            f"file is {problem.size / 1_048_576:.1f} MiB, over the limit of "
            f"{problem.limit / 1_048_576:.1f} MiB; it was not read",
            problem.span,
            "split the pattern, or raise `max-file-size` in the configuration",
        )
    if isinstance(problem, TooDeep):
        return Violation(
            f"frontmatter nests deeper than {problem.limit} levels, over the limit",
            problem.span,
            "flatten the nested collections, or raise `max-nesting-depth` in the configuration",
        )
    if isinstance(problem, TooManyAliasValues):
        return Violation(
            f"frontmatter expands to more than {problem.limit:,} values through aliases, over "
            "the limit",
            problem.span,
            "write the values out instead of repeating aliases (`*name`), or raise "
            "`max-alias-expansion` in the configuration",
        )
    return Violation(
        "an alias refers to the collection it is in, so the frontmatter never ends",
        problem.span,
        "write the values out instead of the alias",
    )


KINDS = (TooLarge, TooDeep, TooManyAliasValues, SelfAlias)

rule = Rule(
    code="PL014",
    name="limit-exceeded",
    summary="File exceeds a size, nesting or alias limit",
    scope=Scope.FILE,
    severity=Severity.ERROR,
    doc=__doc__,
    file_check=parse_problems(KINDS, words),
    reports=KINDS,
)
