"""## What it does
Reports a pattern file that is empty or holds only white space.

## Why is this bad?
An empty file in the library is a pattern with no identity, no slug and no content: links to it
cannot resolve and the site renders an empty page.

## Example
A zero-byte `mediator.md`.

## Use instead
Fill it from the template (`_templates/pattern.md`) or delete it.

## Fix
Not fixable.
"""

from __future__ import annotations

from patternlint.model import Rule, Scope, Severity, Violation
from patternlint.problems import EmptyFile
from patternlint.rules._common import parse_problems


def words(problem: EmptyFile) -> Violation:
    return Violation(
        "file is empty",
        problem.span,
        "start the file with `---`, the frontmatter, `---`, then the pattern's body",
    )


KINDS = (EmptyFile,)

rule = Rule(
    code="PL002",
    name="empty-file",
    summary="File is empty",
    scope=Scope.FILE,
    severity=Severity.ERROR,
    doc=__doc__,
    file_check=parse_problems(KINDS, words),
    reports=KINDS,
)
