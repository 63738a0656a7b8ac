"""## What it does
Reports a file whose lines end in both `\\r\\n` (CRLF, Windows) and `\\n` (LF, Unix): on the first
line whose ending differs from the one most of the file's lines use, with how many lines use
each.

## Why is this bad?
Mixed endings come from editing one file on different systems or pasting between them. Every
later save may convert the whole file, so diffs show every line as changed, and tools that split
on one kind of ending keep a stray `\\r` at the end of values and headings.

## Example
A file saved with LF endings in which a pasted paragraph kept its CRLF endings.

## Use instead
One kind of ending throughout, usually LF; a `.gitattributes` line such as `*.md text eol=lf`
keeps it that way.

## Fix
Not fixable automatically yet: rewriting the minority endings is a safe fix (planned).
"""

from __future__ import annotations

from typing import Iterator

from patternlint.document import Document
from patternlint.model import Rule, Scope, Severity, Span, Violation

_NAMES = {True: "CRLF (`\\r\\n`)", False: "LF (`\\n`)"}


def check(doc: Document, options: None) -> Iterator[Violation]:
    if not doc.has_carriage_return:  # nearly every file
        return
    text = doc.source.text
    crlf = text.count("\r\n")
    if not crlf:
        return
    lf = text.count("\n") - crlf
    if not lf:
        return
    # The majority wins; on a tie, the first line's ending is the file's.
    first_is_crlf = text.find("\n") > 0 and text[text.find("\n") - 1] == "\r"
    majority_crlf = crlf > lf or (crlf == lf and first_is_crlf)
    start = 0
    while True:
        end = text.index("\n", start)
        is_crlf = end > start and text[end - 1] == "\r"
        if is_crlf != majority_crlf:
            break
        start = end + 1
    # Where the line's ending begins (other breaks, a lone CR say, may come before it).
    line_number, column = doc.source.lines.position(end - 1 if is_crlf else end)
    yield Violation(
        f"line ends with {_NAMES[is_crlf]} but most lines end with {_NAMES[majority_crlf]}: "
        f"{_lines(crlf)} with CRLF, {lf} with LF",
        # The ending runs to the start of the next line: no column past the `\n` exists.
        Span(line_number, column, line_number + 1, 1),
        f"save the file with {_NAMES[majority_crlf]} line endings throughout",
    )


def _lines(count: int) -> str:
    return "1 line ends" if count == 1 else f"{count} lines end"


rule = Rule(
    code="PL013",
    name="mixed-line-endings",
    summary="A file mixes CRLF and LF line endings",
    scope=Scope.FILE,
    severity=Severity.WARNING,
    doc=__doc__,
    file_check=check,
)
