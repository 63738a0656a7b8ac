"""## What it does
Checks that the body has each section its contract requires (the profile's `sections`, see
docs/contracts.md). Under the default `commons-v7` contract these are the eight sections of
spec v7.1: `### Section 1: Context`, `Section 2: Problem`, `Section 3: Solution`,
`Section 4: Implementation`, `Section 5: Consequences`, `Section 6: Known Uses`,
`Section 7: Cognitive Era` and `Section 8: Vitality`; under `innersource`, `## Title` …
`## Author(s)`; under `peeragogy-md`, bold-label paragraphs `**Definition**:` … A heading counts
when it names the section, even if it is misnumbered, at the wrong level or in another form
(`### 1. Context`; other rules report those). Headings inside code fences are not headings.

The finding sits where the section belongs: on the next required section that is present, or
on the last line when none follows. Two causes are named where they are the reason:
- a heading at the section's level and place that writes its number under another name
  (`### 7. The Future of this Pattern` where `Section 7: Cognitive Era` belongs): the finding
  sits on that heading and asks to rename it if its text is that section's;
- a body that stops mid-text (see `truncated-text`) before the last sections: one finding, at
  the place where the text stops, names the cut as the cause; `truncated-text` does not report
  that cut again.

A section counts under any of its `spellings` or its `pattern`, and an `optional` one is never
missing; a file the contract's `when` does not take is not its pattern (route such files to
`not-a-pattern`). When a heading names a missing section in a near spelling
(other letter case, another hyphen such as U+2011, a plural `s`, other punctuation, or one letter
off in a long name: `## Solution` for `## Solutions`), the finding sits on that heading and says
so, instead of asking for a heading that is already there in another spelling.

## Why is this bad?
The sections are the pattern form: a library's site builds its page navigation from them (the
commons site from its eight), and a reader who jumps to "Known Uses" finds nothing.

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
from patternlint.rules import truncated_text


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
    renamed = dict(analysis.renamed)
    for index, heading in analysis.renamed:
        yield Violation(
            f"required section `{spec.heading_text(index)}` is missing; the heading "
            f"`{heading.text}` holds its number and place under another name",
            heading.span,
            f"if its text is that section's, rename it `{spec.heading_line(index)}`; otherwise add "
            f"`{spec.heading_line(index)}` with its text",
        )
    if not analysis.found and not near and not renamed:
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
        if index in near or index in renamed:
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
            cut = truncated_text.body_cut(doc)
            if cut is not None:  # one cause: the text stops before these sections begin
                them = "it" if len(indices) == 1 else "them"
                yield Violation(
                    f"{_missing(names, len(indices))}: the body stops mid-text in `{prev.heading.text}`, "
                    f"before {them}",
                    cut,
                    f"the text was cut off at line {cut.line}: restore the rest of it, {headings} included",
                )
                continue
            span = Span.point(end)
            hint = f"add {headings} after the section `{prev.heading.text}`"
        else:  # only near spellings or renamed headings were found, reported above
            span = Span.point(end)
            hint = f"add {headings} with their text"
        yield Violation(_missing(names, len(indices)), span, hint)


def _missing(names: str, count: int) -> str:
    return f"required section {names} is missing" if count == 1 else f"required sections {names} are missing"


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
