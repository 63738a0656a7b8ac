"""Fixes for required section headings (PL402 renumbers, PL404 re-levels): where a heading's
marks, number and name are written on its line, and the edits that rewrite them.

Both fixes are offered only when the heading's name is written exactly as the profile names
the section (the analysis also accepts other letter case), and only for a heading whose text
is one line.
"""

from __future__ import annotations

import re

from patternlint.frozen import frozen
from patternlint.body import next_break
from patternlint.document import Document
from patternlint.fixes import Edit
from patternlint.lines import BREAK_CHARS
from patternlint.model import Span
from patternlint.sections import _PREFIX, Form, SectionHeading

_ATX = re.compile(r"[ \t]*(#{1,6})(?:[ \t]+|$)")
_INDENT = re.compile(r"[ \t]*")


@frozen(slots=True)
class WrittenHeading:
    line: int  # file line of the heading's text
    text: str  # that line, without its line break
    atx: bool
    marks: tuple[int, int]  # 0-based [start, end) of the `#` marks (ATX only)
    prefix: tuple[int, int]  # 0-based [start, end) of the number part before the name


def written(doc: Document, section: SectionHeading) -> WrittenHeading | None:
    """Where the heading's parts are, when its name is written exactly; else None."""
    heading = section.heading
    if any(char in heading.text for char in BREAK_CHARS):  # text on more than one line
        return None
    start = doc.body_offset(heading.span.line)
    text = doc.source.body[start : next_break(doc, start)[0]]
    column = heading.span.column - 1
    atx = _ATX.match(text, column)
    if atx is not None:
        marks = atx.span(1)
        text_start = atx.end()
    elif heading.span.end_line == heading.span.line + 1:  # setext: text, then its underline
        marks = (column, column)
        text_start = _INDENT.match(text, column).end()  # type: ignore[union-attr]
    else:
        return None
    # `_PREFIX` is anchored with `^`, which a start position does not move: match the slice.
    match = _PREFIX.match(text[text_start:])
    if match is None:  # pragma: no cover - the pattern matches any text
        return None
    rest = match.group("rest")
    name = section.written_name
    if not rest.startswith(name) or (len(rest) > len(name) and rest[len(name)].isalnum()):
        return None
    prefix = (text_start, text_start + match.start("rest"))
    return WrittenHeading(heading.span.line, text, atx is not None, marks, prefix)


def renumber(doc: Document, section: SectionHeading) -> tuple[Edit, str] | None:
    """The edit that writes the heading's number part in the profile's form, and the heading's
    line as it will read."""
    place = written(doc, section)
    if place is None:
        return None
    spec = section.spec
    if spec.form is Form.PLAIN:
        prefix = ""
    else:
        number = section.index + 1 if spec.exact_numbers else section.number
        if number is None:
            return None  # the profile asks for a number but not which one
        prefix = f"Section {number}: " if spec.form is Form.SECTION else f"{number}. "
    start, end = place.prefix
    if place.text[start:end] == prefix:
        return None
    line = place.text[section.heading.span.column - 1 : start] + prefix + place.text[end:]
    return Edit(Span(place.line, start + 1, place.line, end + 1), prefix), line.rstrip()


def relevel(doc: Document, section: SectionHeading, level: int) -> Edit | None:
    """The edit that writes the heading at `level`, when that keeps the file's outline: no
    heading inside the section moves in or out of it."""
    place = written(doc, section)
    if place is None or not _keeps_outline(doc, section, level):
        return None
    marks = "#" * level
    if place.atx:
        start, end = place.marks
        return Edit(Span(place.line, start + 1, place.line, end + 1), marks)
    # A one-line setext heading (text, then `===` or `---`) becomes one ATX line.
    if place.marks[0] != 0:
        return None  # inside a quote or list: the underline line has its own markers
    underline = section.heading.span
    text = place.text[place.prefix[0] :].rstrip()
    return Edit(Span(place.line, 1, underline.end_line, underline.end_column), f"{marks} {text}")


def _keeps_outline(doc: Document, section: SectionHeading, level: int) -> bool:
    old = section.heading.level
    low, high = min(old, level), max(old, level)
    analysis = doc.sections
    sections = {s.heading.span.line for s in analysis.found} if analysis else set()
    after = False
    for heading in doc.headings:
        if heading is section.heading:
            after = True
            continue
        if not after:
            continue
        if heading.level <= low or heading.span.line in sections:
            return True
        if heading.level <= high:
            return False  # a heading between the two levels would change sides
    return True
