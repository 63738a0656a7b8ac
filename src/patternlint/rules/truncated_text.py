"""## What it does
Reports a pattern's text that stops before it is finished: the last paragraph of the body, or of
a required section, ends mid-sentence (`When an adventure decays—learning evapor`), on a lead-in
whose text never follows (`**When to replant:**`), or inside markup that is never closed (a
dangling `**`). Paragraphs that end in a link or a URL (reference lists) are not judged; code
blocks, tables, headings and HTML are not prose.

Only files of the commons v7.1 layout, under a profile of that layout, are judged: their
sections are prose written at length, where a paragraph without a full stop is one that was cut.
Other pattern languages end sections on titles, names, status words, citations and period-less
sentences by style (InnerSource's `## Title`, `## Maturity` / `Initial`, `## Author(s)`), which
this rule would misread.

Where required sections are missing after the place the body stops, `missing-section` reports
the cut as their cause, and this rule does not report it a second time.

## Why is this bad?
A generator that hit its length limit leaves the reader mid-thought, usually in the section that
matters most for using the pattern (when to replant, the signs of decay). Nothing else notices:
the section is there and has words, and a dangling `**` turns the page's last line bold.

## Example
```markdown
### Section 8: Vitality

**When to replant:**

When an adventure decays—learning evapor
```

## Use instead
```markdown
### Section 8: Vitality

**When to replant:**

When an adventure decays—learning evaporates within weeks—run the debrief again.
```

## Fix
Not fixable: only the author knows how the sentence ends.
"""

from __future__ import annotations

import re
from typing import Iterator

from patternlint.document import Document
from patternlint.facts import Layout
from patternlint.model import Rule, Scope, Severity, Span, Violation

# Lines that are not prose: headings, tables, HTML, fences, link reference definitions, images.
_NOT_PROSE = re.compile(r"[ \t]*(?:>[ \t]*)*(?:#|\||<|```|~~~|\[[^\]]*\]:|!\[)")
_THEMATIC_BREAK = re.compile(r"[ \t]*(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})")
_COMMENT_LINE = re.compile(r"[ \t]*<!--.*-->[ \t]*")
_ITEM_START = re.compile(r"[ \t]*(?:>[ \t]*)*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_QUOTE_MARKERS = re.compile(r"^[ \t]*(?:>[ \t]?)*")
_CODE_SPAN = re.compile(r"`+[^`]*`+")
_LINK_TARGET = re.compile(r"\]\([^)\s]*\)")
_CLOSERS = "*_\"'”’)]»"
_INNER_SENTENCE_END = re.compile(r"[.!?…][*_\"'”’)]*\s+\S")
_SENTENCE_END = ".!?…"
_SENTENCE_ENDS = tuple(_SENTENCE_END)
_EXCERPT = 40
_STRAY = 12  # a lone last line this short, not a word, is a leftover (`4`, `_x000D_`)


def _judged(doc: Document) -> bool:
    """Files of the commons v7.1 layout under a profile of that layout (see the docs above)."""
    return doc.profile.layout is Layout.V7 and doc.layout is Layout.V7


def check(doc: Document, options: None) -> Iterator[Violation]:
    if not _judged(doc):
        return
    lines = doc.source.body_lines
    body_end = lines.first + len(lines)
    ends = {body_end}
    analysis = doc.sections
    if analysis is not None:
        ends.update(doc.blocks.section_lines(s.heading)[1] for s in analysis.found)
    if analysis is not None and analysis.found and max(s.index for s in analysis.found) < max(analysis.missing, default=-1):
        # Required sections are missing after the cut: missing-section reports the cut as their
        # cause, once.
        ends.discard(body_end)
    for end in sorted(ends):
        violation = _ending(doc, end, end == body_end)
        if violation is not None:
            yield violation


def body_cut(doc: Document) -> Span | None:
    """Where the body stops unfinished (as this rule reports it), None when it does not or the
    rule does not judge the file."""
    if not _judged(doc):
        return None
    lines = doc.source.body_lines
    found = _ending(doc, lines.first + len(lines), True)
    return None if found is None else found.span


def _ending(doc: Document, end: int, whole_body: bool) -> Violation | None:
    """The finding for the last paragraph before file line `end`, if it stops unfinished."""
    lines = doc.source.body_lines
    number = end - 1
    while number >= lines.first:
        line = lines.line(number)
        if line.strip() and not _THEMATIC_BREAK.fullmatch(line) and not _COMMENT_LINE.fullmatch(line):
            break
        number -= 1
    else:
        return None
    last = number
    line = line.rstrip()
    if (
        line[-1:] in _SENTENCE_END
        and " " in line.lstrip()
        and "**" not in line
        and "*" not in line[-2:]
        and not lines.line(last - 1).strip()
    ):
        return None  # nearly every paragraph: one line that ends a sentence
    if doc.blocks.in_code(doc.body_offset(last)) or _NOT_PROSE.match(lines.line(last)):
        return None
    first = last
    while first > lines.first and lines.line(first - 1).strip() and not _ITEM_START.match(lines.line(first)):
        if _NOT_PROSE.match(lines.line(first - 1)) or _THEMATIC_BREAK.fullmatch(lines.line(first - 1)):
            break
        first -= 1
    text = " ".join(_QUOTE_MARKERS.sub("", lines.line(n)).strip() for n in range(first, last + 1))
    marker = _ITEM_START.match(text)
    text = text[marker.end() if marker else 0 :].strip()
    # A code span needs a backtick: the expression would try every position to find none.
    plain = _without_trailing_comments(_CODE_SPAN.sub("code", text) if "`" in text else text)
    where = "the body" if whole_body else "the section"
    # `line` is the last line's text, without its trailing space.
    last_word = _QUOTE_MARKERS.sub("", line).strip()
    if not plain.strip(_CLOSERS + "*_`'~-. "):
        return _violation(
            line, last, f"{where} ends with stray markup `{{}}`", "remove it, or write the text it was meant to hold"
        )
    if " " not in last_word and len(last_word) <= _STRAY and any(c.isdigit() or c == "_" for c in last_word):
        return _violation(
            line, last, f"{where} ends with stray text `{{}}`", "remove it, or write the text it was meant to begin"
        )
    # An odd `**` in a paragraph that ends its last sentence is a markup typo inside it
    # (`**Example 3: … States.*`), not text that stops: not this rule's to report.
    finished = plain.rstrip(_CLOSERS + " ")
    complete = finished[-1:] in _SENTENCE_ENDS
    if (not complete and plain.count("**") % 2) or plain.endswith((" *", " _")):
        return _violation(
            line,
            last,
            f"{where} ends with unpaired emphasis markup: `{{}}`",
            "if the text was cut off, finish it; pair each `**` with a closing one, or remove the stray one",
        )
    if _ends_in_a_link(plain) or _closed_aside(plain):
        return None
    if marker and not _INNER_SENTENCE_END.search(plain) and not _previous_item_is_a_sentence(doc, first):
        return None  # list items often carry no full stop: judge only prose items, or where the others have one
    if finished.endswith(":"):
        return _violation(
            line,
            last,
            f"{where} ends with `{{}}`; the text it introduces is missing",
            "write the text that this line introduces, or remove the line",
        )
    if complete:
        return None
    return _violation(
        line,
        last,
        f"{where} ends mid-sentence: `{{}}`",
        "finish the sentence, or cut the text back to the last complete sentence",
    )


def _violation(line_text: str, line: int, message: str, hint: str) -> Violation:
    """The finding on file line `line` (its text `line_text`, trailing space stripped), with
    the line's excerpt in `message`'s `{}`: made only for a paragraph that is reported."""
    span = Span(line, len(line_text) - len(line_text.lstrip()) + 1, line, len(line_text) + 1)
    return Violation(message.format(_excerpt(line_text.strip())), span, hint)


def _without_trailing_comments(text: str) -> str:
    """`text` without the HTML comments it ends with (string steps: a regular expression with
    `\\s*` before the comment is quadratic on a run of spaces)."""
    text = text.rstrip()
    while text.endswith("-->") and (start := text.rfind("<!--")) >= 0:
        text = text[:start].rstrip()
    return text


def _ends_in_a_link(text: str) -> bool:
    """Whether the last word is a link (`[name](url)`), an autolink or a bare URL."""
    words = text.rstrip(".").rsplit(None, 1)
    last = words[-1] if words else ""
    if last.startswith(("http://", "https://", "<http://", "<https://")):
        return True
    start = last.rfind("](")
    return start >= 0 and _LINK_TARGET.fullmatch(last, start) is not None


def _closed_aside(text: str) -> bool:
    """Whether `text` ends in a parenthetical after a finished sentence: `…collision. (Tech)`."""
    if not text.endswith(")") or "(" not in text:
        return False
    before = text[: text.rindex("(")].rstrip().rstrip(_CLOSERS + " ")
    return bool(before) and before[-1] in _SENTENCE_END


def _previous_item_is_a_sentence(doc: Document, first: int) -> bool:
    """Whether the list item before the one starting on file line `first` ends like a sentence."""
    lines = doc.source.body_lines
    number = first - 1
    while number >= lines.first and not lines.line(number).strip():
        number -= 1
    end = number
    while number >= lines.first and lines.line(number).strip():
        if _ITEM_START.match(lines.line(number)):
            text = _QUOTE_MARKERS.sub("", lines.line(end)).rstrip().rstrip(_CLOSERS + " ")
            return bool(text) and text[-1] in _SENTENCE_END
        number -= 1
    return False


def _excerpt(text: str) -> str:
    return text if len(text) <= _EXCERPT else "…" + text[-_EXCERPT:]


rule = Rule(
    code="PL409",
    name="truncated-text",
    summary="The body or a section ends mid-sentence or mid-markup",
    scope=Scope.FILE,
    severity=Severity.WARNING,
    doc=__doc__,
    file_check=check,
)
