"""## What it does
Checks scores that the body quotes against the scores in `ontology.commons_assessment`:
"ownership 3.0", "the stakeholder_architecture score (3.0)", "Vitality: 4.5",
"resilience is low (3.0)", "ownership and autonomy scores (both 3.0)", "overall score of 3.7".

A quote is read only where it names the dimension unambiguously, just before a one-decimal
number from 0.0 to 5.0:

- the name: `stakeholder_architecture`, `value_creation`, `resilience`, `ownership`,
  `autonomy`, `composability`, `fractal_value`, `vitality` or `overall_score`, with `_` or a
  space, in any case, with or without emphasis; several names joined by `,` and `and` all
  take the number;
- then one of: `: 3.0`, `= 3.0`, ` 3.0`, ` (3.0`, ` (score: 3.0`, ` (scored 3.0`, a verb such
  as `is`, `scores`, `sits at`, `remains`, `is rated`, `score of`, `both score at`, or one
  word before a parenthesis (`is low (3.0`, `risk (scored 3.0`).

Everything else is left alone: numbers after other words (`drops below 3.0`, `rose from 2.5`,
`climbs toward 4.0`, `the vitality assessment (3.2/5)`), ranges and lists of numbers
(`3.0–4.0`, `3.0 to 4.0`, `(4.5 and 3.0)`), numbers that belong to a name after them
(`3.0 for resilience`, `4.0 fractal value`), `fractal resilience`, table rows and code
blocks. A quote agrees when it is within half a unit of its last decimal of the score. The
finding sits on the number.

## Why is this bad?
The score card beside the text is built from the frontmatter. When the text argues from
"weak resilience (3.0)" and the card shows `4.5`, the text was written for another score, or
the score was changed after the text was written; either way the page contradicts itself.

## Example
```markdown
    resilience: 4.5
…
This pattern has weak resilience (3.0) to institutional inertia.
```

## Use instead
```markdown
This pattern has strong resilience (4.5) to institutional inertia.
```
or correct the score in the frontmatter, if the text is right.

## Fix
Not fixable: only the author knows which number is right.
"""

from __future__ import annotations

import re
from typing import Iterator

from patternlint import body
from patternlint.document import Document
from patternlint.facts import Layout
from patternlint.model import Rule, Scope, Severity, Violation
from patternlint.facts import SCORES
from patternlint.rules._common import finite_number

# The eight dimensions overall_score is the mean of, and the overall score itself.
DIMENSIONS = SCORES
TOLERANCE = 0.05
_EPSILON = 1e-9

_CORE = "(?:" + "|".join(d.replace("_", "[ _]") for d in DIMENSIONS) + ")"
_NAME = rf"(?<![\w-])[*_`]{{0,2}}(?<!fractal ){_CORE}(?![\w-])[*_`]{{0,2}}"
_NAMES = rf"{_NAME}(?:[ \t]*,[ \t]*(?:and\s+)?{_NAME}|\s+and\s+{_NAME})*"
_PAREN_WORDS = r"(?:(?:both|all)\s+)?(?:(?:scored|scores|score|scoring|rated|currently|assessment)[ \t]*:?[ \t]*)?"
_VERB = (
    r"(?:(?:score|scores)\s+)?"
    r"(?:(?:is|are|remains|stays|sits|sit)\s+)?"
    r"(?:(?:also|both|all)\s+)?"
    r"(?:(?:scored|scores|score|scoring|rated|sits|sit|stays|remains)\s+)?"
    r"(?:(?:at|of)\s+)?"
    r"(?:only\s+)?"
)
# One word between the name and a parenthesis (`is low (3.0`, `risk (3.0`), but not one that
# makes the number a change, a target, a bound or another assessment (`rises (4.0`).
_ONE_WORD = (
    r"(?!(?:assessments?|targets?|goals?|thresholds?|benchmarks?|minimum|maximum|baseline|average"
    r"|was|were|would|could|should|might|below|above|under|over|from|to|than|after|before"
    r"|rises|rose|drops|dropped|falls|fell|climbs|climbed|improves|improved|increases|increased"
    r"|decreases|decreased|grows|grew|jumps|jumped)\b)[a-z]+[*_]{0,2}[ \t]*"
)
_LINK = (
    r"(?:[ \t]*[:=][ \t]*[*_]{0,2}[ \t]*"
    rf"|\s+{_VERB}(?:(?:{_ONE_WORD})?\([ \t]*{_PAREN_WORDS})?"
    rf"|[ \t]*\([ \t]*{_PAREN_WORDS})"
)
# Matched against the lower-cased text just before a number, which it must reach exactly.
_QUOTE = re.compile(rf"(?P<names>{_NAMES}){_LINK}\Z")
_NAME_IN_LIST = re.compile(_CORE)
_FIRST_WORDS = tuple(sorted({d.split("_")[0] for d in DIMENSIONS}))
# Found by their `.digit` (a literal prefix, so the scan is fast), then checked around it.
_DECIMAL = re.compile(r"\.\d")
# What may not follow the number: more decimals, a range, a percentage, another number of a
# list, or words that give the number to something else (`3.0 for resilience`, `3.2 overall`).
_AFTER = re.compile(
    r"\d|\.\d|[ \t]*(?:[-–%+×→/]|->|x\b|for\b|to\b|or\b|(?:and|,)[ \t]*(?:[0-5]\.\d|below|above)|out of\b"
    rf"|[*_`]{{0,2}}(?:overall\b|{_CORE}))",
    re.IGNORECASE,
)
_PER_FIVE = re.compile(r"[ \t]*/[ \t]*5(?![\d.])")
_NUMBER_BEFORE = re.compile(r"[0-5]\.\d[*_`]*[ \t]*\Z")
# A word before the name that makes the number something other than the recorded score.
_QUALIFIED = re.compile(
    r"\b(?:target|targeted|minimum|maximum|average|previous|former|original|initial|desired|expected"
    r"|projected|future|ideal|baseline|old|new)[ \t]+[*_`]{0,2}\Z"
)
_WINDOW = 160
_DIGITS_AND_POINT = frozenset("0123456789.")


def check(doc: Document, options: None) -> Iterator[Violation]:
    if doc.layout is not Layout.V7:
        return
    assessment = doc.get("ontology", "commons_assessment")
    if not isinstance(assessment, dict):
        return
    text = doc.source.body
    for decimal in _DECIMAL.finditer(text):
        start, end = decimal.start() - 1, decimal.end()
        if start < 0 or text[start] not in "012345" or (start > 0 and text[start - 1] in _DIGITS_AND_POINT):
            continue
        after = _AFTER.match(text, end)
        if after is not None and not _PER_FIVE.match(text, end):
            continue
        window = text[max(0, start - _WINDOW) : start].lower()
        # Every name `_QUOTE` knows begins with one of these words: most numbers have none
        # before them, and the expression would try each position of the window to find so.
        if not any(word in window for word in _FIRST_WORDS):
            continue
        quote = _QUOTE.search(window)
        if quote is None:
            continue
        before = window[: quote.start()]
        if _NUMBER_BEFORE.search(before) or _QUALIFIED.search(before):
            continue
        written = text[start:end]
        quoted = float(written)
        for name in _NAME_IN_LIST.findall(quote.group("names")):
            key = name.replace(" ", "_")
            recorded = assessment.get(key)
            if finite_number(recorded) is None:
                continue
            assert isinstance(recorded, (int, float))
            if abs(quoted - recorded) <= TOLERANCE + _EPSILON:
                continue
            line_start, _ = body.line_at(doc, start)
            if text[line_start:start].lstrip().startswith("|") or body.in_code(doc, start):
                break
            yield Violation(
                f"text quotes `{key}` as `{written}`; `commons_assessment.{key}` is `{recorded}`",
                body.span(doc, start, end),
                f"write `{recorded}` here, or correct `{key}` in the frontmatter if `{written}` is right",
            )


rule = Rule(
    code="PL205",
    name="quoted-score-mismatch",
    summary="A score quoted in the body differs from the frontmatter",
    scope=Scope.FILE,
    severity=Severity.ERROR,
    doc=__doc__,
    file_check=check,
)
