"""## What it does
Checks that each required section heading of the file's contract (`### Section 1: Context` …
`### Section 8: Vitality` under the default `commons-v7`) is followed by some text before the
next heading of the same or a higher level. Blank lines, thematic breaks (`---`) and HTML
comments are not text; a sub-heading is. When the contract gives the section a word range
(`words`), the hint quotes it.

## Why is this bad?
An empty section satisfies the outline but not the reader: the page shows a heading with
nothing under it, usually a placeholder left from the template or text pasted under the wrong
heading.

## Example
```markdown
### Section 1: Context

---

### Section 2: Problem
```

## Use instead
```markdown
### Section 1: Context

Organisations, movements and product teams are experiencing compounding fatigue…

---

### Section 2: Problem
```

## Fix
Not fixable: the section's text must be written.
"""

from __future__ import annotations

import re
from typing import Iterator

from patternlint.body import position
from patternlint.document import Document
from patternlint.lines import split_lines
from patternlint.markdown import Heading
from patternlint.model import Rule, Scope, Severity, Violation

_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)  # an unclosed comment runs to the end
_TEXT = re.compile(r"[^\s*_-]")  # a character that no blank line or thematic break has
_THEMATIC_BREAK = re.compile(r" {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})")


def check(doc: Document, options: None) -> Iterator[Violation]:
    analysis = doc.sections
    if analysis is None:
        return
    by_line = {s.heading.span.line: s for s in analysis.found}
    by_line.update((r.section.heading.span.line, r.section) for r in analysis.repeated)
    blocks = doc.blocks
    for heading in blocks.headings:
        section = by_line.get(heading.span.line)
        if section is None:
            continue
        after = blocks.next_heading(heading)
        if after is not None and after.level > heading.level:
            continue  # a sub-heading is part of the section's text
        if not _empty(doc, heading):
            continue
        hint = f"write the section's text under `{heading.text}`"
        words = analysis.spec.section(section.index).words
        if words is not None:
            low, high = words
            hint += f" (the spec asks for {low}–{high} words)"
        if after is not None and after.level == heading.level < 6 and after.span.line not in by_line:
            # Authors often give a section's parts headings of the section's own level.
            sub = "#" * (heading.level + 1)
            hint = (
                f"if `{after.text}` is part of this section, make it a sub-heading "
                f"(`{sub} {after.text}`); otherwise {hint}"
            )
        yield Violation(
            f"section `{section.name}` is empty; its heading is followed directly by "
            + (f"the heading `{after.text}`" if after is not None else "the end of the file"),
            heading.span,
            hint,
        )


def _empty(doc: Document, heading: Heading) -> bool:
    """Whether only blank lines, thematic breaks and comments stand in the section's text."""
    body = doc.source.body
    first, end_line = doc.blocks.section_lines(heading)
    start = doc.body_offset(first)
    # Nearly every section starts with text on its first lines: find it without cutting the
    # section out of the body.
    found = _TEXT.search(body, start)
    if found is not None and not body.startswith("<!--", found.start()):
        if position(doc, found.start())[0] < end_line:
            return False
    return _is_empty(body[start : doc.body_offset(end_line)])


def _is_empty(text: str) -> bool:
    if _TEXT.search(text) is None:
        pass  # only whitespace and `-*_`: thematic breaks, or text such as `--`
    elif "<!--" in text:
        text = _COMMENT.sub("", text)
    else:
        return False
    return all(_blank(line) for line in split_lines(text))


def _blank(line: str) -> bool:
    return not line.strip() or _THEMATIC_BREAK.fullmatch(line.rstrip()) is not None


rule = Rule(
    code="PL405",
    name="empty-section",
    summary="A required section has a heading but no text",
    scope=Scope.FILE,
    severity=Severity.WARNING,
    doc=__doc__,
    file_check=check,
)
