"""## What it does
Checks that the body's opening paragraph says what `summary` says. The template opens the body
with the summary, `> {A one-sentence summary of the pattern's core idea.}`, before the
confidence note; real files write it as a quote or as a plain paragraph.

The two are compared word by word, ignoring line wrapping and spacing, blockquote markers,
emphasis, code spans, link targets, case, curly versus straight quotes, the spacing of dashes
and a final period. The finding sits on the first word where the paragraph departs from the
summary and quotes both versions of the differing words. Nothing is reported when the body
does not open with a paragraph (it starts with a heading, the note, a rule or a table).

This rule is off by default. In the reference library about half of the files that open with
a paragraph differ from their `summary`, and nearly always on purpose: the paragraph is an
edited lead (`Design …` for `Designing …`, two sentences joined into one, the card's second
sentence left out). Turn it on where a library keeps the two identical, as the template does.

## Why is this bad?
`summary` is what cards and search results show; the opening paragraph is the first thing the
page says. Where a library means them to be the same text, a difference is an edit made to
one copy and not the other.

## Example
```markdown
summary: >-
  Direct action participants require explicit safety plans to prevent harm;
  safety planning enables sustained participation.
---

Direct action participants require explicit safety plans to prevent harm and enable
sustained participation.
```

## Use instead
```markdown
> Direct action participants require explicit safety plans to prevent harm; safety
> planning enables sustained participation.
```

## Fix
Not fixable: either text may be the one to keep.
"""

from __future__ import annotations

from typing import Iterator

from patternlint import body
from patternlint.document import Document
from patternlint.facts import Layout
from patternlint.model import Rule, Scope, Severity, Violation


def check(doc: Document, options: None) -> Iterator[Violation]:
    if doc.layout is not Layout.V7:
        return
    summary = doc.get("summary")
    if not isinstance(summary, str) or not summary.strip():
        return
    paragraph = body.opening_paragraph(doc)
    if paragraph is None:
        return
    if body.comparable(paragraph.text) == body.comparable(summary):
        return
    said, wanted = body.Words(paragraph.text, paragraph.start), body.Words(summary)
    diff = body.difference(said.keys, wanted.keys) if said.keys and wanted.keys else None
    if diff is None:
        return
    start, end = said.bounds(diff.a_start, diff.a_end)
    yield Violation(
        f"opening paragraph has `{said.excerpt(diff.a_start, diff.a_end)}` where `summary` has "
        f"`{wanted.excerpt(diff.b_start, diff.b_end)}`",
        body.span(doc, start, end),
        "make the opening paragraph repeat `summary`, or update `summary` to match it",
    )


rule = Rule(
    code="PL204",
    name="summary-mismatch",
    summary="The body's opening paragraph does not repeat `summary`",
    scope=Scope.FILE,
    severity=Severity.INFO,
    doc=__doc__,
    file_check=check,
    enabled_by_default=False,
)
