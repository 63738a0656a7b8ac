"""## What it does
Reports a callout marker (`[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]`, `[!CAUTION]`) at the
start of a line that is not in a block quote. Markers in code blocks are not callouts.

## Why is this bad?
GitHub and the site's Markdown turn `> [!NOTE]` into a styled note only inside a block quote.
Without the `>`, the reader sees the literal text `[!NOTE]` and the note's text runs into the
paragraph around it: the confidence rating of spec v7.1 loses its box.

## Example
```markdown
[!NOTE] Confidence Rating: ★★★ (Established)
This pattern draws on Housewarming tradition, place-making, belonging.
```

## Use instead
```markdown
> [!NOTE] Confidence Rating: ★★★ (Established)
> This pattern draws on Housewarming tradition, place-making, belonging.
```

## Fix
Not fixable automatically yet: adding `> ` to the marker's paragraph is safe (planned).
"""

from __future__ import annotations

import re
from typing import Iterator

from patternlint.document import Document
from patternlint.model import Rule, Scope, Severity, Span, Violation

_MARKER = re.compile(r"(?P<indent>[ ]{0,3})(?P<marker>\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\])", re.IGNORECASE)


def check(doc: Document, options: None) -> Iterator[Violation]:
    body = doc.source.body
    lines = doc.source.body_lines
    # Only the places where `[!` is written: most bodies have one, in their confidence note.
    at = body.find("[!")
    while at >= 0:
        start = lines.line_start(at)
        if at - start <= 3 and not body[start:at].strip(" "):
            number = lines.position(at)[0]
            match = _MARKER.match(lines.line(number))
            if match is not None and not doc.blocks.in_code(at):
                marker = match.group("marker")
                yield Violation(
                    f"callout marker `{marker}` is not in a block quote, so it shows as text",
                    Span(number, match.start("marker") + 1, number, match.end("marker") + 1),
                    f"start this line and the note's other lines with `> ` (`> {marker} …`)",
                )
        at = body.find("[!", at + 2)


rule = Rule(
    code="PL411",
    name="callout-outside-blockquote",
    summary="A callout marker such as `[!NOTE]` outside a block quote",
    scope=Scope.FILE,
    severity=Severity.WARNING,
    doc=__doc__,
    file_check=check,
)
