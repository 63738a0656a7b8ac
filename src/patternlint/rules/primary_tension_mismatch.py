"""## What it does
Checks that the bold problem statement of `Section 2: Problem`,
`> **The core conflict is X.**`, names the tension of `ontology.search_hints.primary_tension`,
as the template asks ("State the Primary Tension from the frontmatter").

The two are compared without regard to case, spacing, quotes, a trailing period or the form of
`vs.` (`vs`, `vs.` and `versus` are the same). A statement that introduces the tension after a
colon (`The core conflict is the ghost in the machine: What We Do vs. What We Can Do.`) states
it too. The first such line of Section 2 (up to the next heading of its level or higher, as
for every section rule) is compared, unless it is in a code block; nothing is reported when
the section, the line or `primary_tension` is missing. The finding sits on the tension in the
body.

## Why is this bad?
`primary_tension` is what search and the pattern's card show; the statement is what the page
says. In the reference library they disagree where the frontmatter value was generated from
the wrong words (`The vs. Boundaries` for a problem about limits and boundaries) or where the
body was rewritten and the frontmatter was not.

## Example
```markdown
    primary_tension: "The vs. Boundaries"
…
### Section 2: Problem

> **The core conflict is Limits vs. Boundaries.**
```

## Use instead
```yaml
    primary_tension: "Limits vs. Boundaries"
```

## Fix
Not fixable: either side may be the one to change.
"""

from __future__ import annotations

import re
from typing import Iterator

from patternlint import body
from patternlint.document import Document
from patternlint.facts import Layout
from patternlint.model import Rule, Scope, Severity, Violation

PROBLEM = 1  # index of `Section 2: Problem`
_LEAD = r"[ \t]*(?:>[ \t]*)*\*\*(?i:the core conflict is)"
# `[ \t]+(?P<tension>[^\r\n]+?)[ \t]*\*\*`, in linear time: the tension is one character or
# ends with a non-space (so `[ \t]*\*\*` is tried once per run of spaces, not once per space),
# and the spaces before it are given back only for a tension of one space before `**`.
_STATEMENT = re.compile(_LEAD + r"[ \t]++(?P<tension>[^\r\n](?:[^\r\n]*?[^ \t\r\n])??)[ \t]*\*\*")
_SPACE_STATEMENT = re.compile(_LEAD + r"[ \t]+(?P<tension>[ \t])\*\*")
_MARKER = "core conflict is"
_QUOTES = "\"'“”‘’`*_"
_VERSUS = re.compile(r"\b(?:vs\.?|versus)(?=\s|$)")
_SPACE = re.compile(r"\s+")


_ARTICLE = re.compile(r"^(?:the|an|a) (?=\S)")
# A side of `A vs. B` that is only one of these words is left over from a generator
# (`The vs. Tolerance`, `Belonging vs. In`), not a side of a tension.
_NOT_A_SIDE = frozenset({"the", "a", "an", "in", "of", "and", "or", "to", "for", "on", "with", ""})


def normalise(text: str) -> str:
    """For comparison: case, spacing, quotes, `versus` and a leading article on either side
    (`The Sacred vs. Ordinary Life` and `Sacred vs. the Ordinary Life` are one tension)."""
    text = _SPACE.sub(" ", text.casefold()).strip().strip(_QUOTES).strip()
    text = text.rstrip(".").strip().strip(_QUOTES).strip()
    text = _VERSUS.sub("vs", text)
    return " vs ".join(_ARTICLE.sub("", side.strip()) for side in text.split(" vs "))


def well_formed(text: str) -> bool:
    """Written `A vs. B`, with a real side on each side of `vs.`."""
    sides = normalise(text).split(" vs ")
    return len(sides) == 2 and all(side not in _NOT_A_SIDE for side in sides)


_TITLE_WORD = re.compile(r"[\w']+")


def title_words(doc: Document) -> set[str]:
    """The words of the pattern's title and slug, case-folded."""
    words: set[str] = set()
    for name in (doc.get("title"), doc.get("slug")):
        if isinstance(name, str):
            words.update(w.casefold() for w in _TITLE_WORD.findall(name.replace("-", " ")))
    return words


def from_title(tension: str, doc: Document) -> bool:
    """Whether each side of `A vs. B` is one word of the pattern's title or slug: what a
    generator writes by splitting the title (`Cross vs. Pollination` for Cross-Domain Creative
    Pollination, in 1,779 of the reference library's 2,059 tensions), not a tension to copy."""
    sides = normalise(tension).split(" vs ")
    if len(sides) != 2 or any(" " in side for side in sides):
        return False
    words = title_words(doc)
    return all(side in words for side in sides)


def check(doc: Document, options: None) -> Iterator[Violation]:
    if doc.layout is not Layout.V7 or doc.positions is None:
        return
    tension = doc.get("ontology", "search_hints", "primary_tension")
    if not isinstance(tension, str) or not tension.strip():
        return
    lines = body.section_lines(doc, PROBLEM)
    if lines is None:
        return
    text = doc.source.body
    match = _statement(doc, text, lines) or _statement(doc, text.lower(), lines)
    if match is None:
        return
    if match.string is not text:  # found in the lower-cased copy: read it as written
        match = _match(text, match.start(), match.end())
        if match is None:
            return
    stated = match.group("tension").strip()
    if stated.rstrip(".") == tension.strip():
        return
    wanted, said = normalise(tension), normalise(stated)
    if said == wanted or said.endswith(": " + wanted) or body.in_code(doc, match.start()):
        return
    shown = stated.rstrip(".").strip()
    cut = len(stated) - len(stated.rstrip(". "))
    # Offer only values written `A vs. B`: never a generator's leftover (`The vs. X`, two words
    # of the title) to copy elsewhere.
    offers = []
    if well_formed(shown):
        offers.append(f"set `primary_tension: \"{shown}\"`")
    if well_formed(tension) and not from_title(tension, doc):
        offers.append(f"state `The core conflict is {tension.strip()}.` here")
    yield Violation(
        f"core conflict is `{shown}`; `primary_tension` is `{tension.strip()}`",
        body.span(doc, match.start("tension"), match.end("tension") - cut),
        ", or ".join(offers) or "write the core tension as `A vs. B`, the same in `primary_tension` and here",
    )


def _statement(doc: Document, text: str, lines: tuple[int, int]) -> re.Match[str] | None:
    """The first line within file lines `[first, end)` that states the core conflict."""
    body_lines = doc.source.body_lines
    body_lines.starts  # each mention's line by bisection: counting from the top is quadratic
    found = text.find(_MARKER)
    while found >= 0:
        line = body_lines.line_of(found)
        if line >= lines[1]:
            return None
        line_start, line_end = body.line_at(doc, found)
        if line >= lines[0]:
            match = _match(text, line_start, line_end)
            if match is not None:
                return match
        # The line's other mentions would find the same line.
        found = text.find(_MARKER, max(found + len(_MARKER), line_end))
    return None


def _match(text: str, start: int, end: int) -> re.Match[str] | None:
    return _STATEMENT.match(text, start, end) or _SPACE_STATEMENT.match(text, start, end)


rule = Rule(
    code="PL203",
    name="primary-tension-mismatch",
    summary="The core conflict stated in Section 2 is not `primary_tension`",
    scope=Scope.FILE,
    severity=Severity.ERROR,
    doc=__doc__,
    file_check=check,
)
