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

from patternlint.model import Rule, Scope, Severity
from patternlint.rules._common import parse_problems

rule = Rule(
    code="PL014",
    name="limit-exceeded",
    summary="File exceeds a size, nesting or alias limit",
    scope=Scope.FILE,
    severity=Severity.ERROR,
    doc=__doc__,
    file_check=parse_problems("limit-exceeded"),
)
