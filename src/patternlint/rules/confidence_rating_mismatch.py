"""## What it does
Checks that the confidence note at the top of the body shows the stars of
`lifecycle.confidence`: `3` is `★★★`, `2` is `★★☆` and `1` is `★☆☆`, as the template's comment
says. The note is the `> [!NOTE] Confidence Rating: ★★☆ (Medium)` line before the first
section heading; the finding sits on its stars and their label.

Nothing is reported when either side is missing or unreadable: a file without the note, a
`confidence` that is not `1`, `2` or `3` (the schema's finding), or stars in another form.
A note inside a code block (fenced or indented, quoted or not) is not the note.

## Why is this bad?
The site shows `confidence` on the pattern's card and the note on its page. When the page
says `★★★ (Established)` and the card says low confidence, a reader cannot tell how far to
trust the pattern. In the reference library the note was generated as `★★★` for nearly every
file whatever its `confidence`, so this rule is a warning: each finding is a real
contradiction, but most files share it.

## Example
```markdown
lifecycle:
  confidence: 1
---

> [!NOTE] Confidence Rating: ★★★ (Established)
```

## Use instead
```markdown
> [!NOTE] Confidence Rating: ★☆☆ (Low)
```
or `confidence: 3`, if the pattern is established.

## Fix
Unsafe fix: sets `lifecycle.confidence` to the rating the stars show (`★★★` is `3`), keeping
the note as written. It changes what the card says about the pattern, and in the reference
library the stars were often generated rather than judged, so review it; the other way round
(rewriting the stars) is left to the author.
"""

from __future__ import annotations

import re
from typing import Iterator

from patternlint import body
from patternlint.document import Document, Layout
from patternlint.fixes import Edit, Fix
from patternlint.model import Fixability, Rule, Scope, Severity, Violation

STARS = {3: "★★★", 2: "★★☆", 1: "★☆☆"}
LABELS = {3: "High", 2: "Medium", 1: "Low"}
_RATINGS = {stars: level for level, stars in STARS.items()}
_NOTE = re.compile(
    r"^[ \t]*(?:>[ \t]*)*\[!NOTE\][ \t]*Confidence Rating:[ \t]*(?P<stars>[★☆]+)(?:[ \t]*\([^)\r\n]*\))?",
    re.IGNORECASE | re.MULTILINE,
)


def check(doc: Document, options: None) -> Iterator[Violation]:
    if doc.layout is not Layout.V7:
        return
    confidence = doc.get("lifecycle", "confidence")
    if type(confidence) is not int or confidence not in STARS:
        return
    text = doc.source.body
    # The note belongs before the first section (after the title, in files that have one);
    # only that much of the body is read.
    sections = doc.sections.found if doc.sections else ()
    first = sections[0].heading if sections else None
    limit = doc.body_offset(first.span.line) if first else len(text)
    for match in _NOTE.finditer(text, 0, limit):
        # A note shown inside a code block (say, to document the template) is not the note.
        if not body.in_code(doc, match.start()):
            break
    else:
        return
    written = match.group("stars")
    rating = _RATINGS.get(written)
    if rating is None or rating == confidence:
        return
    expected = STARS[confidence]
    shown = match.group()[match.start("stars") - match.start() :]
    fix = None
    value = doc.positions.value_span(("lifecycle", "confidence")) if doc.positions else None
    if value is not None and value.line == value.end_line:  # an integer: a plain scalar
        fix = Fix(
            f"set `lifecycle.confidence` to `{rating}`", Fixability.UNSAFE, (Edit(value, str(rating)),)
        )
    yield Violation(
        f"confidence rating is `{shown}`; `lifecycle.confidence: {confidence}` is `{expected}`",
        body.span(doc, match.start("stars"), match.end()),
        f"replace it with `{expected} ({LABELS[confidence]})`, or set `confidence: {rating}` if `{written}` is right",
        fix,
    )


rule = Rule(
    code="PL202",
    name="confidence-rating-mismatch",
    summary="The body's confidence stars disagree with `lifecycle.confidence`",
    scope=Scope.FILE,
    severity=Severity.WARNING,
    doc=__doc__,
    file_check=check,
    fixable=Fixability.UNSAFE,
)
