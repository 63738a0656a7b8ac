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

from __future__ import annotations

from patternlint.model import Rule, Scope, Severity, Violation
from patternlint.problems import CannotRead, LinkLeavesLibrary, NotRegularFile
from patternlint.rules._common import parse_problems


def words(problem: CannotRead | NotRegularFile | LinkLeavesLibrary) -> Violation:
    if isinstance(problem, NotRegularFile):
        return Violation(
            f"`{problem.name}` is {problem.kind}, not a regular file; it was not read",
            problem.span,
            "remove it from the library, or exclude it in the configuration",
        )
    if isinstance(problem, LinkLeavesLibrary):
        return Violation(
            "file is a symbolic link to a file outside the library; it was not read",
            problem.span,
            "copy the pattern into the library, or remove the link",
        )
    return Violation(
        f"file cannot be read: {problem.reason}",
        problem.span,
        "make the file readable, or remove it from the library",
    )


KINDS = (CannotRead, NotRegularFile, LinkLeavesLibrary)

rule = Rule(
    code="PL008",
    name="unreadable-file",
    summary="File cannot be read",
    scope=Scope.FILE,
    severity=Severity.ERROR,
    doc=__doc__,
    file_check=parse_problems(KINDS, words),
    reports=KINDS,
)
