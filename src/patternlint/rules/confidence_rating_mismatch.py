"""## What it does
Checks every rating the profile declares: stars in the body that show a value, with a label
that names their count. In the default profile (`commons-v7`) that is the confidence note at
the top of the body, which shows the stars of `lifecycle.confidence`: `3` is `★★★`, `2` is
`★★☆` and `1` is `★☆☆`, as the template's comment says, labelled `High`, `Medium` and `Low`
(the library's generator writes `Established` for `★★★`, which says the same). The note is
the `> [!NOTE] Confidence Rating: ★★☆ (Medium)` line before the first section heading; the
finding sits on its stars and their label.

Two things are reported: stars that disagree with the value they show, and a label that
disagrees with its stars (`★★☆ (High)`). Nothing is reported for a file without the note,
stars in another form than the notation's, or a label the notation does not name; stars are
not compared with a value that is missing or not a whole number on the scale (the schema's
finding). A note inside a code block (fenced or indented, quoted or not) is not the note.

A contract declares its own ratings in `ratings` (see docs/contracts.md), such as filled
stars only with a label, `**Confidence:** ★★ (Medium)` on a scale of 5:

```toml
[[profiles.my-library.ratings]]
marker = "**Confidence:**"
key = "confidence"          # optional: the value the stars show
scale = 5
stars = "★"                 # filled stars only; "★☆" writes the empty ones too
labels = { Low = [1, 2], Medium = 3, High = [4, 5] }
```

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
(rewriting the stars) is left to the author. A label that disagrees with its stars is
replaced by the label of their count (unsafe too: the label may be the part that is right).
"""

from __future__ import annotations

from typing import Iterator

from patternlint import body
from patternlint.derived import Rating, value_at
from patternlint.document import Document
from patternlint.fixes import Edit, Fix
from patternlint.model import Fixability, Rule, Scope, Severity, Span, Violation


def check(doc: Document, options: None) -> Iterator[Violation]:
    if not doc.profile.ratings or not doc.in_profile_layout:
        return
    for rating in doc.profile.ratings:
        yield from _check(doc, rating)


def _check(doc: Document, rating: Rating) -> Iterator[Violation]:
    value: int | None = None
    if rating.key is not None:
        given = value_at(doc.data, rating.key) if doc.data is not None else None
        # A value that is not a whole number on the scale is the schema's finding.
        value = given if type(given) is int and 1 <= given <= rating.scale else None
        if value is None and not rating.labels:
            return
    text = doc.source.body
    limit = len(text)
    if not rating.anywhere:
        # The note belongs before the first section (after the title, in files that have one);
        # only that much of the body is read.
        sections = doc.sections.found if doc.sections else ()
        first = sections[0].heading if sections else None
        limit = doc.body_offset(first.span.line) if first else len(text)
    for match in rating.pattern.finditer(text, 0, limit):
        # A note shown inside a code block (say, to document the template) is not the note.
        if not body.in_code(doc, match.start()):
            break
    else:
        return
    written = match.group("stars")
    count = rating.count(written)
    if count is None:
        return
    shown = match.group()[match.start("stars") - match.start() :]
    where = body.span(doc, match.start("stars"), match.end())
    if value is not None and count != value:
        assert rating.key is not None
        yield _value_mismatch(doc, rating, value, count, written, shown, where)
        return
    label = match.group("label")
    named = rating.counts(label) if label is not None else None
    if named is None or count in named:
        return
    right = rating.label(count)
    if right is None:
        return
    fix = Fix(
        f"replace the label `{label.strip()}` with `{right}`",
        Fixability.UNSAFE,
        (Edit(body.span(doc, match.start("label"), match.end("label")), right),),
    )
    yield Violation(
        f"{rating.name} label is `{label.strip()}`; `{written}` is `{right}`",
        where,
        f"replace it with `{written} ({right})`, or change the stars if `{label.strip()}` is right",
        fix,
    )


def _value_mismatch(
    doc: Document, rating: Rating, value: int, count: int, written: str, shown: str, where: Span
) -> Violation:
    assert rating.key is not None
    key = ".".join(rating.key)
    expected = rating.stars(value)
    label = rating.label(value)
    fix = None
    span = doc.positions.value_span(rating.key) if doc.positions else None
    if span is not None and span.line == span.end_line:  # an integer: a plain scalar
        fix = Fix(f"set `{key}` to `{count}`", Fixability.UNSAFE, (Edit(span, str(count)),))
    replacement = f"{expected} ({label})" if label else expected
    return Violation(
        f"{rating.name} is `{shown}`; `{key}: {value}` is `{expected}`",
        where,
        f"replace it with `{replacement}`, or set `{rating.key[-1]}: {count}` if `{written}` is right",
        fix,
    )


rule = Rule(
    code="PL202",
    name="confidence-rating-mismatch",
    summary="Rating stars disagree with their value or their label (the confidence note)",
    scope=Scope.FILE,
    severity=Severity.WARNING,
    doc=__doc__,
    file_check=check,
    fixable=Fixability.UNSAFE,
)
