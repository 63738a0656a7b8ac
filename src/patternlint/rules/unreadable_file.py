"""## What it does
Reports a file of the library that cannot be read at all: permission denied, a broken symbolic
link, or an I/O error. The other files are still checked.

## Why is this bad?
A file nobody can read cannot be built, indexed or reviewed, and links to its slug cannot be
confirmed.

## Example
`mediator.md` with mode `000`, or a symbolic link whose target was deleted.

## Use instead
Make the file readable (`chmod a+r`), restore the link's target, or remove the file.

## Fix
Not fixable.
"""

from patternlint.model import Rule, Scope, Severity
from patternlint.rules._common import parse_problems

rule = Rule(
    code="PL008",
    name="unreadable-file",
    summary="File cannot be read",
    scope=Scope.FILE,
    severity=Severity.ERROR,
    doc=__doc__,
    file_check=parse_problems("unreadable-file"),
)
