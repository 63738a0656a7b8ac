"""## What it does
Checks that `ontology.commons_assessment.vitality` lies in the band of the spec's vitality
rubric that `vitality_reasoning` names: Generative 4.5–5.0, Sustaining 3.5–4.4, Functional
2.0–3.4, Extractive 0.0–1.9.

A band counts as named only when the reasoning says it of the pattern, in one of these forms
(any case):

- `this pattern is generative` (also `sustaining`, `functional`, `extractive`), with `the`
  for `this`, `practice`, `protocol`, `architecture`, `approach` or `collection` for
  `pattern`, and an optional adverb such as `inherently` or `fundamentally`;
- `this pattern sustains vitality` (Sustaining), `… generates vitality` (Generative),
  `… depletes vitality` or `… extracts vitality` (Extractive), with at most one word before
  `vitality` (`sustains organizational vitality`);
- `at the generative level` (also `band`, `range`, `tier`).

Other mentions are not claims about the band and are ignored: `without necessarily generating
new adaptive capacity`, `a generative force`, `shifts focus from extractive gains`,
`thereby sustaining its vitality`. A claim in a sentence that starts a condition (`if`, `when`,
`unless`, `without`, `once` before it) is ignored too, and so is a reasoning that names two
different bands. A score within 0.05 of the band (4.45 for Sustaining or Generative) is
accepted. The finding sits on the band word in the reasoning.

## Why is this bad?
The rubric ties each word to a range: a pattern "sustains vitality" only at 3.5–4.4. A
reasoning that calls a pattern generative next to a score of 3.5 was written for another
score, or the score was changed after the reasoning was written.

## Example
```yaml
    vitality: 3.5
    vitality_reasoning: >-
      This pattern is generative because it directly creates conditions
      for new capacity and adaptation to emerge.
```

## Use instead
```yaml
    vitality: 4.8
```
or a reasoning that describes a sustaining pattern.

## Fix
Not fixable: only the author knows whether the score or the reasoning is right.
"""

from __future__ import annotations

import re
from typing import Iterator

from patternlint.document import Document
from patternlint.facts import Layout
from patternlint.lines import LineMap
from patternlint.model import Rule, Scope, Severity, Span, Violation
from patternlint.rules._common import finite_number

BANDS = {
    "Generative": (4.5, 5.0),
    "Sustaining": (3.5, 4.4),
    "Functional": (2.0, 3.4),
    "Extractive": (0.0, 1.9),
}
TOLERANCE = 0.05
_EPSILON = 1e-9
_WORDS = {
    "generative": "Generative",
    "sustaining": "Sustaining",
    "functional": "Functional",
    "extractive": "Extractive",
    "generates": "Generative",
    "sustains": "Sustaining",
    "depletes": "Extractive",
    "extracts": "Extractive",
}
_SUBJECT = r"\b(?:this|the)\s+(?:pattern|practice|protocol|architecture|approach|collection)"
_ADVERB = (
    r"(?:inherently|fundamentally|deeply|highly|truly|strongly|primarily|mainly|largely"
    r"|clearly|essentially|genuinely|firmly|squarely|mostly)"
)
_CLAIM = re.compile(
    rf"{_SUBJECT}\s+is\s+(?:{_ADVERB}\s+)?(?P<adjective>generative|sustaining|functional|extractive)\b"
    rf"|{_SUBJECT}\s+(?P<verb>sustains|generates|depletes|extracts)\s+(?:[\w'’-]+\s+)?vitality\b"
    r"|\bat\s+the\s+(?P<level>generative|sustaining|functional|extractive)\s+(?:level|band|range|tier)\b",
    re.IGNORECASE,
)
_CONDITION = re.compile(r"\b(?:if|when|unless|without|once)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?:;](?:\s|$)")
PATH = ("ontology", "commons_assessment", "vitality_reasoning")


def check(doc: Document, options: None) -> Iterator[Violation]:
    if doc.layout is not Layout.V7 or doc.positions is None:
        return
    written_vitality = doc.get("ontology", "commons_assessment", "vitality")
    vitality = finite_number(written_vitality)
    if vitality is None:
        return
    reasoning = doc.get(*PATH)
    if not isinstance(reasoning, str):
        return
    found = _claims(reasoning)
    if not found or len({band for band, _ in found}) > 1:
        return
    band, _ = found[0]
    low, high = BANDS[band]
    if low - TOLERANCE - _EPSILON <= vitality <= high + TOLERANCE + _EPSILON:
        return
    # Read the reasoning again as written (a folded block, usually) for the file position.
    written = doc.positions.source_text(PATH)
    claims = _claims(written)
    value = doc.positions.value_span(PATH)
    if claims:
        match = claims[0][1]
        group = next(g for g in ("adjective", "verb", "level") if match.group(g))
        where = _span(value, written, match.start(group), match.end(group))
    else:  # escapes in a quoted scalar hid the words: point at the whole value
        where = value
    actual = _band_of(vitality)
    yield Violation(
        f"vitality_reasoning names the `{band}` band ({low}–{high}); vitality is `{written_vitality}`, "
        f"which is `{actual}`",
        where,
        f"set `vitality` within {low}–{high}, or reword the reasoning for a `{actual}` pattern",
    )


def _claims(text: str) -> list[tuple[str, re.Match[str]]]:
    """The bands the text says the pattern is in, with where it says so."""
    claims: list[tuple[str, re.Match[str]]] = []
    for match in _CLAIM.finditer(text):
        if _CONDITION.search(text, _sentence_start(text, match.start()), match.start()):
            continue
        word = match.group("adjective") or match.group("verb") or match.group("level")
        claims.append((_WORDS[word.lower()], match))
    return claims


def _sentence_start(text: str, offset: int) -> int:
    start = 0
    for end in _SENTENCE_END.finditer(text, 0, offset):
        start = end.end()
    return start


def _band_of(value: float) -> str:
    for band, (low, _) in BANDS.items():
        if value >= low - TOLERANCE - _EPSILON:
            return band
    return "Extractive"


def _span(value: Span, written: str, start: int, end: int) -> Span:
    lines = LineMap(written)

    def position(offset: int) -> tuple[int, int]:
        line, column = lines.position(offset)
        if line == 1:
            return value.line, value.column + offset
        return value.line + line - 1, column

    line, column = position(start)
    end_line, end_column = position(end)
    return Span(line, column, end_line, end_column)


rule = Rule(
    code="PL206",
    name="vitality-band-mismatch",
    summary="`vitality_reasoning` names a rubric band that `vitality` is not in",
    scope=Scope.FILE,
    severity=Severity.WARNING,
    doc=__doc__,
    file_check=check,
)
