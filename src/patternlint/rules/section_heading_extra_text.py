"""## What it does
Checks that a required section heading has nothing after the section's name, as in
`### Section 1: Context (100-200 words)` or `### Section 5: Consequences (281 words)` under the
default `commons-v7`, or `## Known Instances (optional)` under `innersource`.
Headings with the wrong number or form are left to `misnumbered-section`, and a repeated
section to `duplicate-section`. A profile's `extra-text` (a regular expression) says what text
a heading may carry after the name, such as `'\\(optional\\)'`; by default it may carry none.

## Why is this bad?
The site and the library's scripts look for `Section N: Name` headings, and the page's table
of contents shows the heading as written: a word-count note or a comment in the heading becomes
part of the pattern's outline.

## Example
```markdown
### Section 1: Context (100-200 words)
```

## Use instead
```markdown
### Section 1: Context
```

## Fix
Removing the text after the name is a safe fix (planned).
"""

from __future__ import annotations

from typing import Iterator

from patternlint.document import Document
from patternlint.model import Rule, Scope, Severity, Span, Violation
from patternlint.sections import Form, SectionHeading


def check(doc: Document, options: None) -> Iterator[Violation]:
    analysis = doc.sections
    if analysis is None:
        return
    for section in analysis.found:
        if not section.extra_text or not section.canonical_form or not _numbered(section):
            continue  # a heading in another form is misnumbered-section's finding
        if analysis.spec.allows_extra(section.extra_text):
            continue
        yield Violation(
            f"section heading `{section.heading.text}` has `{section.extra_text}` after the "
            f"section name; expected `{section.expected_text}`",
            _extra_span(doc, section.heading.span, section.extra_text),
            f"write the heading as `{'#' * analysis.spec.level_of(section.index)} {section.expected_text}`",
        )


def _extra_span(doc: Document, heading: Span, extra: str) -> Span:
    """Where the extra text is written on the heading's line, else the whole heading."""
    if heading.line != heading.end_line:
        return heading  # a setext heading: its text and underline
    start = doc.body_offset(heading.line)
    line = doc.source.body[start : doc.body_offset(heading.line + 1)].rstrip("\r\n")
    # Columns count characters from the line's start, as the heading's own span does.
    at = line.rfind(extra, 0, heading.end_column - 1)
    if at < 0:
        return heading  # written with a comment inside it; the heading shows where
    return Span(heading.line, at + 1, heading.line, at + 1 + len(extra))


def _numbered(section: SectionHeading) -> bool:
    forms = section.spec.forms
    if section.number is None:
        return Form.PLAIN in forms
    return any(f is not Form.PLAIN for f in forms) and section.number == section.index + 1


rule = Rule(
    code="PL407",
    name="section-heading-extra-text",
    summary="A required section heading has text after the section name",
    scope=Scope.FILE,
    severity=Severity.WARNING,
    doc=__doc__,
    file_check=check,
)
