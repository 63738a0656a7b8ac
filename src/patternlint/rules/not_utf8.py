"""## What it does
Reports a file whose bytes are not valid UTF-8.

## Why is this bad?
Patterns are read as UTF-8 by every tool of the library: the site generator, the index
builder and search. A file in another encoding shows mojibake or fails to build, and none of its
frontmatter can be checked.

## Example
A file saved as Latin-1, where `é` is the single byte `0xe9`.

## Use instead
Save the file as UTF-8 (with or without a byte-order mark).

## Fix
Not fixable: only the author knows which encoding was meant.
"""

from __future__ import annotations

from patternlint.model import Rule, Scope, Severity, Violation
from patternlint.problems import NotUtf8
from patternlint.rules._common import parse_problems


def words(problem: NotUtf8) -> Violation:
    return Violation(
        f"file is not valid UTF-8: byte `0x{problem.byte:02x}` cannot be decoded",
        problem.span,
        "save the file as UTF-8",
    )


KINDS = (NotUtf8,)

rule = Rule(
    code="PL001",
    name="not-utf8",
    summary="File is not valid UTF-8",
    scope=Scope.FILE,
    severity=Severity.ERROR,
    doc=__doc__,
    file_check=parse_problems(KINDS, words),
    reports=KINDS,
)
