"""Small utilities for rules that read the body's text: offsets to file positions, line
ranges, code blocks, the opening paragraph, and markup-insensitive word comparison.

Offsets are indices into `doc.source.body`; positions are file coordinates (1-based line and
column counted in characters, like every other span). Everything here is computed on demand:
the rules that use it look at a few lines of each file, and most of them only need fences or
word positions when they are about to report.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Sequence

from patternlint.frozen import frozen
from patternlint.document import Document
from patternlint.model import Span

# Markup that does not change what prose says: link targets, then emphasis, code span and link
# bracket characters. Curly quotes and en dashes compare as their plain forms. (Regular
# expressions, not `str.translate`: translating non-ASCII text is slow.)
_LINK_TARGET = re.compile(r"\]\([^)\s]*+(?:\s+\"[^\"]*\")?\)")
_LINK_DESTINATION = re.compile(r"[^)\s]*")
_MARKUP = re.compile(r"[*_`\[\]]+")
_PLAIN = {"’": "'", "‘": "'", "“": '"', "”": '"', "–": "—"}
_TYPOGRAPHY = re.compile("[" + "".join(_PLAIN) + "]")
_KEY_WORD = re.compile(r"—|[^\s—]+")
# A line's blockquote markers (`> `, `>> `, `> > `): not part of the text.
_QUOTE_LINE_MARKERS = re.compile(r"^[ \t]*(?:>[ \t]?)+", re.MULTILINE)
_SPACE = re.compile(r"\s+")


def position(doc: Document, offset: int) -> tuple[int, int]:
    """The file line and column of a body offset."""
    return doc.source.body_lines.position(offset)


def span(doc: Document, start: int, end: int) -> Span:
    """The file span of the body text `[start, end)`."""
    line, column = position(doc, start)
    end_line, end_column = position(doc, end)
    return Span(line, column, end_line, end_column)


def line_at(doc: Document, offset: int) -> tuple[int, int]:
    """Start and end offsets of the line holding `offset`, without its line break."""
    lines = doc.source.body_lines
    return lines.line_start(offset), lines.next_break(offset)[0]


def next_break(doc: Document, offset: int) -> tuple[int, int]:
    """From body offset `offset` on, where the line's text ends and the next line starts
    (both `len(body)` when no line break follows)."""
    return doc.source.body_lines.next_break(offset)


def in_code(doc: Document, offset: int) -> bool:
    """Whether a body offset lies in a code block, fenced or indented, inside a block quote or
    a list item or not (its fence lines included)."""
    return doc.blocks.in_code(offset)


def section_lines(doc: Document, index: int) -> tuple[int, int] | None:
    """File lines `[first, end)` of the text of required section `index` (0-based), as
    `Blocks.section_lines` defines them for every rule."""
    analysis = doc.sections
    if analysis is None:
        return None
    for section in analysis.found:
        if section.index == index:
            return doc.blocks.section_lines(section.heading)
    return None


@frozen(slots=True)
class Paragraph:
    start: int  # body offset of its first line
    end: int  # body offset just past its last character (before the line break)
    text: str  # as written, blockquote markers included


# A first line that is not prose although the parser reads a paragraph there: a note
# (`> [!NOTE]`), a table row or an image (no table or note extension is enabled).
_NOT_PROSE = re.compile(r"[ \t]*(?:>[ \t]*)*(?:\[!|\||!\[)")


def opening_paragraph(doc: Document) -> Paragraph | None:
    """The body's first paragraph (after a `# Title` line, if the body starts with one), plain
    or the first paragraph of a block quote, as the block model reads it; None when the body
    opens with anything else, or with a note, a table or an image."""
    found = doc.blocks.opening_paragraph()
    if found is None:
        return None
    start, end = found
    text = doc.source.body[start:end]
    if _NOT_PROSE.match(text):
        return None
    return Paragraph(start, end, text)


def _without_link_targets(text: str, blank: bool) -> str:
    """`text` with its link targets (`](url "title")`) removed, or blanked to spaces. Not
    `_LINK_TARGET.sub`: that scans to the end once per `](` when no `)` closes them. A target
    that fails at the end of its destination fails there for every `](` before that end too."""
    kept: list[str] = []
    position = search = 0
    while (start := text.find("](", search)) >= 0:
        match = _LINK_TARGET.match(text, start)
        if match is None:
            search = _LINK_DESTINATION.match(text, start + 2).end()  # type: ignore[union-attr]
            continue
        kept.append(text[position:start])
        kept.append(_spaces(match) if blank else "")
        position = search = match.end()
    kept.append(text[position:])
    return "".join(kept)


def _spaces(match: re.Match[str]) -> str:
    return " " * len(match.group())


def _plain(match: re.Match[str]) -> str:
    return _PLAIN[match.group()]


class Words:
    """The words of a piece of Markdown prose, as compared: line breaks, blockquote markers,
    emphasis, code spans and link targets do not count, nor do case, curly versus straight
    quotes or a final period; a dash is a word of its own, so `a — b` and `a—b` are equal.

    `keys` are the compared words; `bounds` finds where some of them are written. Offsets are
    in `text` plus `base` (the body offset of a paragraph, say).
    """

    def __init__(self, text: str, base: int = 0) -> None:
        self.text = text
        self.base = base
        # Blank out what is not compared without moving anything, so offsets stay true.
        blank = _MARKUP.sub(_spaces, _QUOTE_LINE_MARKERS.sub(_spaces, _without_link_targets(text, blank=True)))
        blank = _TYPOGRAPHY.sub(_plain, blank)
        lowered = blank.casefold()
        if len(lowered) != len(blank):  # a few letters casefold to two (`ß`): fold word by word
            self._scan = blank
            self.keys = [w.casefold() for w in _KEY_WORD.findall(blank)]
        else:
            self._scan = lowered
            self.keys = _KEY_WORD.findall(lowered)
        if self.keys and self.keys[-1].endswith("."):
            last = self.keys[-1].rstrip(".")
            if last:
                self.keys[-1] = last
            else:
                self.keys.pop()

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        """Offsets of the written text of words `[start, end)`, whole words with their markup."""
        low = high = 0
        for index, match in enumerate(_KEY_WORD.finditer(self._scan)):
            if index == start:
                low = match.start()
            if index == end - 1:
                high = match.end()
                break
        text = self.text
        while low > 0 and not text[low - 1].isspace():
            low -= 1
        while high < len(text) and not text[high].isspace():
            high += 1
        return low + self.base, high + self.base

    def excerpt(self, start: int, end: int, limit: int = 8) -> str:
        """The written words `[start, end)`, spaces collapsed, cut to `limit` words with `…`."""
        low, high = self.bounds(start, end)
        # Backticks would end the message's own code quotes.
        written = _QUOTE_LINE_MARKERS.sub("", self.text[low - self.base : high - self.base])
        shown = written.replace("`", "").split()
        return " ".join(shown[:limit]) + (" …" if len(shown) > limit else "")


def comparable(text: str) -> str:
    """What `Words` compares of a text, as one string without spaces: texts with equal words
    have equal strings, and this is cheaper to build (most texts are equal)."""
    text = _MARKUP.sub("", _QUOTE_LINE_MARKERS.sub("", _without_link_targets(text, blank=False)))
    return _SPACE.sub("", _TYPOGRAPHY.sub(_plain, text).casefold()).rstrip(".")


@frozen(slots=True)
class Difference:
    """Words `[a_start, a_end)` of one sequence stand where words `[b_start, b_end)` of the
    other are."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int


def difference(a: Sequence[str], b: Sequence[str]) -> Difference | None:
    """The first place where two word sequences differ; None when they are the same. When a
    word is only added or left out, both sides take in the word before it (or after it, at
    the start) so that neither side is empty."""
    if a == b:
        return None
    for tag, a_start, a_end, b_start, b_end in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if a_start == a_end or b_start == b_end:
            if a_start > 0:
                a_start, b_start = a_start - 1, b_start - 1
            else:
                a_end, b_end = a_end + 1, b_end + 1
        return Difference(a_start, a_end, b_start, b_end)
    return None  # pragma: no cover - unequal sequences have a non-equal opcode
