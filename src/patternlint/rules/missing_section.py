"""## What it does
Checks that the body has each of the eight required section headings of spec v7.1:
`### Section 1: Context`, `Section 2: Problem`, `Section 3: Solution`,
`Section 4: Implementation`, `Section 5: Consequences`, `Section 6: Known Uses`,
`Section 7: Cognitive Era` and `Section 8: Vitality`. A heading counts when it names the
section, even if it is misnumbered, at the wrong level or in the older `### 1. Context` form
(other rules report those). Headings inside code fences are not headings.

The finding sits where the section belongs: on the next required section that is present, or
on the last line when none follows.

Under another profile the sections are the profile's (`sections` in a `[profiles.NAME]` table,
see docs/contracts.md): a section counts under any of its `spellings` or its `pattern`, and an
`optional` one is never missing. When a heading names a missing section in a near spelling
(other letter case, another hyphen such as U+2011, a plural `s`, other punctuation, or one letter
off in a long name: `## Solution` for `## Solutions`), the finding sits on that heading and says
so, instead of asking for a heading that is already there in another spelling.

## Why is this bad?
The eight sections are the pattern: the site builds its page navigation from them, and a reader
who jumps to "Known Uses" finds nothing.

## Example
```markdown
### Section 4: Implementation
…
### Section 6: Known Uses
```

## Use instead
```markdown
### Section 4: Implementation
…
### Section 5: Consequences
…
### Section 6: Known Uses
```

## Fix
Not fixable: the section's text must be written.
"""

from __future__ import annotations

from typing import Iterator

from patternlint.document import Document
from patternlint.model import Rule, Scope, Severity, Span, Violation


def check(doc: Document, options: None) -> Iterator[Violation]:
    analysis = doc.sections
    if analysis is None or not analysis.missing:
        return
    end = _last_line(doc)
    spec = analysis.spec
    near = dict(analysis.near)
    for index, heading in analysis.near:
        yield Violation(
            f"required section `{spec.heading_text(index)}` is missing; the heading "
            f"`{heading.text}` names it in another spelling",
            heading.span,
            f"write it as `{spec.heading_line(index)}`, or accept `{heading.text}` in the "
            "profile's section `spellings`",
        )
    if not analysis.found and not near:
        yield Violation(
            f"none of the {len(analysis.missing)} required sections is present",
            Span.point(doc.source.body_line if doc.source.body else end),
            f"add the headings `{spec.heading_line(analysis.missing[0])}` to "
            f"`{spec.heading_line(analysis.missing[-1])}` "
            "with their text",
        )
        return
    # Sections missing from one gap (say 5 to 8 at the end) are one finding, not four.
    gaps: dict[int | None, list[int]] = {}
    for index in analysis.missing:
        if index in near:
            continue
        after = [s for s in analysis.found if s.index > index]
        anchor = min(after, key=lambda s: s.index).index if after else None
        gaps.setdefault(anchor, []).append(index)
    by_index = {s.index: s for s in analysis.found}
    for anchor, indices in gaps.items():
        names = ", ".join(f"`{spec.heading_text(i)}`" for i in indices)
        headings = ", ".join(f"`{spec.heading_line(i)}`" for i in indices)
        if anchor is not None:
            nxt = by_index[anchor]
            span = nxt.heading.span
            hint = f"add {headings} before `{nxt.heading.text}`"
        elif analysis.found:
            prev = max(analysis.found, key=lambda s: s.index)
            span = Span.point(end)
            hint = f"add {headings} after the section `{prev.heading.text}`"
        else:  # only near spellings were found, reported above
            span = Span.point(end)
            hint = f"add {headings} with their text"
        message = (
            f"required section {names} is missing"
            if len(indices) == 1
            else f"required sections {names} are missing"
        )
        yield Violation(message, span, hint)


def _last_line(doc: Document) -> int:
    return doc.source.lines.last_line


rule = Rule(
    code="PL401",
    name="missing-section",
    summary="A required section heading is missing",
    scope=Scope.FILE,
    severity=Severity.ERROR,
    doc=__doc__,
    file_check=check,
)
