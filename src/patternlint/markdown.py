"""The body's block model, from a real Markdown parser: its headings, its code blocks, the
extent of each heading's section and its opening paragraph (plain or in a block quote). Every
body rule reads these, so a `#` line or a quoted score inside a code block (fenced or indented,
in a block quote or a list item or not) is seen as code by all of them alike.

The parser is cmark-gfm (through cmarkgfm), the CommonMark reference implementation in C. Its
HTML output with `CMARK_OPT_SOURCEPOS` tags every block with its source position; we read the
heading and code block tags, and the first top-level blocks for the opening paragraph. On the 3,616 files of the reference library it finds exactly the
headings markdown-it-py finds, at the same lines and columns, about five times faster, and
headings are on the hot path of every cold run.

Reading positions out of HTML is safe: in the default (safe) mode cmark replaces raw HTML with a
comment and escapes `<` everywhere else, so no text of the file can forge a heading tag.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable

from patternlint.frozen import frozen
from patternlint.lines import LineMap
from patternlint.model import Span

# A heading (its level) or a code block (`pre`), and where it starts and ends.
_BLOCK = re.compile(r'<(?:h([1-6])|pre) data-sourcepos="(\d+):(\d+)-(\d+):\d+"')
_ATX_OPEN = re.compile(r"^[ \t]*#{1,6}(?=[ \t]|$)")
_TITLE = re.compile(r"[ ]{0,3}#[ \t]")
_UNDERLINE = re.compile(r"^[ \t]{0,3}(?:=+|-+)[ \t]*$")
# The first blocks of a body: a heading, paragraph, block quote, or any other block (a raw HTML
# block is a comment without a position in cmark's safe output).
_LEAD = re.compile(
    r'<(h[1-6]|p|blockquote|pre|hr|ul|ol|table)\b[^>]*? data-sourcepos="(\d+):\d+-(\d+):\d+"|(<!-- raw HTML omitted -->)'
)
# The line breaks of YAML that cmark does not know.
_NOT_CMARK_BREAK = re.compile("[\x85\u2028\u2029]")


def _without_closing_marks(text: str) -> str:
    """`text` without an ATX heading's closing `#` sequence. Plain string code: the regular
    expression for it (`(?:^|[ \t]+)#+[ \t]*$`) backtracks quadratically on a long run of
    spaces."""
    marks = text.rstrip(" \t")
    before = marks.rstrip("#")
    if before == marks or (before and before[-1] not in " \t"):
        return text
    return before


@frozen(slots=True)
class Heading:
    level: int
    text: str  # the heading's inline source, trimmed, without `#` marks
    span: Span  # the whole heading (for a setext heading, its text lines and underline)


@dataclass(frozen=True, eq=False)
class Blocks:
    """The body's blocks, in file coordinates (`body.first` is the file line of its first
    line): its headings, its code blocks, and the one definition of where a section ends."""

    body: LineMap
    headings: tuple[Heading, ...]
    # Body offsets `[start, end)` of each code block, its fence lines and the line break of its
    # last line included, in order.
    code: tuple[tuple[int, int], ...]
    # cmark's rendering, kept for the views few rules ask for.
    html: str = field(default="", repr=False)
    # File lines of the headings that are bold labels (`**Problem**: …`): their section's text
    # starts on their own line, after the label.
    labels: frozenset[int] = frozenset()

    def opening_paragraph(self) -> tuple[int, int] | None:
        """The body's first block when it is a paragraph, or a block quote that opens with one,
        after a level-1 title if the body starts with one: body offsets `[start, end)` of the
        paragraph's lines (from the start of its first line, block quote markers included, to
        the end of its text). None when the body opens with anything
        else (a heading, a list, a rule, code, HTML) or is empty."""
        lead = _LEAD.finditer(self.html)
        first = next(lead, None)
        rows = _cmark_lines(self.body)  # same offsets as the body's, whatever the line numbers
        if first is not None and first.group(1) == "h1" and first.group(2) == first.group(3):
            line = rows.first + int(first.group(2)) - 1
            if _TITLE.match(rows.text, rows.start(line)):
                first = next(lead, None)  # an ATX `# Title`, not one underlined with `===`
        if first is None or first.group(4):
            return None
        quoted = first.group(1) == "blockquote"
        if quoted:
            inner = next(lead, None)
            if inner is None or inner.group(4) or inner.group(2) != first.group(2):
                return None
            first = inner
        if first.group(1) != "p":
            return None
        start_line, end_line = rows.first + int(first.group(2)) - 1, rows.first + int(first.group(3)) - 1
        return rows.start(start_line), rows.end(end_line)

    def in_code(self, offset: int) -> bool:
        """Whether a body offset lies in a code block (fenced or indented, at any depth of
        block quotes and lists), a fence line included."""
        code = self.code
        if not code:
            return False
        index = bisect.bisect_right(code, (offset, len(self.body.text) + 1)) - 1
        return index >= 0 and offset < code[index][1]

    @cached_property
    def _heading_lines(self) -> list[int]:
        return [h.span.line for h in self.headings]

    def section_end(self, heading: Heading) -> int:
        """The file line where the section of `heading` ends (exclusive): at the next heading
        of the same or a higher level (sub-headings and their text belong to the section), or
        past the body's last line."""
        headings = self.headings
        for i in range(bisect.bisect_right(self._heading_lines, heading.span.line), len(headings)):
            if headings[i].level <= heading.level:
                return headings[i].span.line
        return self.body.first + len(self.body)

    def section_lines(self, heading: Heading) -> tuple[int, int]:
        """File lines `[first, end)` of the section's text: from the line after its heading to
        `section_end`."""
        if heading.span.line in self.labels:
            return heading.span.line, self.section_end(heading)
        return heading.span.end_line + 1, self.section_end(heading)

    def next_heading(self, heading: Heading) -> Heading | None:
        """The heading after `heading`, None for the last."""
        index = bisect.bisect_right(self._heading_lines, heading.span.line)
        return self.headings[index] if index < len(self.headings) else None


EMPTY = Blocks(LineMap(""), (), (), "")


def headings(body: LineMap) -> tuple[Heading, ...]:
    """The headings of the body's text (see `blocks`)."""
    return blocks(body).headings


def blocks(body: LineMap) -> Blocks:
    """The blocks of the body's text, positioned in file coordinates."""
    import cmarkgfm  # type: ignore[import-untyped]
    from cmarkgfm.cmark import Options  # type: ignore[import-untyped]

    text = body.text
    html = cmarkgfm.markdown_to_html(text, options=Options.CMARK_OPT_SOURCEPOS)
    found: list[Heading] = []
    code: list[tuple[int, int]] = []
    rows: LineMap | None = None
    for level, start_line, start_col, end_line in _BLOCK.findall(html):
        if rows is None:
            rows = _cmark_lines(body)
        first, last = rows.first + int(start_line) - 1, rows.first + int(end_line) - 1
        if not level:
            # cmark's lines and the body's have the same offsets, whatever their numbers.
            code.append((rows.start(first), rows.start(last + 1)))
            continue
        bounds = [(rows.start(i), rows.end(i)) for i in range(first, last + 1)]
        source = [text[start:end] for start, end in bounds]
        # cmark counts columns in bytes; ours count characters (the same before ASCII text).
        column = int(start_col)
        if column > 1 and not source[0].isascii():
            column = len(source[0].encode()[: column - 1].decode(errors="replace")) + 1
        own = source[0][column - 1 :]  # the heading without a `>` or list marker before it
        if _ATX_OPEN.match(own):
            heading = _without_closing_marks(_ATX_OPEN.sub("", own, count=1)).strip()
            last = first
        else:
            # Setext: text lines, then the `===`/`---` underline. cmark's end position for
            # these can run into the next line, so find the underline ourselves.
            under = next(
                (i for i in range(1, len(source)) if _UNDERLINE.match(source[i][column - 1 :])),
                len(source) - 1,
            )
            last = first + under
            heading = "\n".join(line.strip() for line in [own, *source[1:under]])
        last_start, end = bounds[last - first]
        if rows is body:  # nearly always: cmark's lines are the file's
            span = Span(first, column, last, end - last_start + 1)
        else:
            span = Span(*body.position(bounds[0][0] + column - 1), *body.position(end))
        found.append(Heading(int(level), heading, span))
    return Blocks(body, tuple(found), tuple(code), html)


def _cmark_lines(body: LineMap) -> LineMap:
    """The body's lines as cmark counts them. cmark ends a line at CR, LF and CRLF, as YAML
    does, but not at NEL, LS and PS: only a body that holds one of those needs lines of its
    own (at the same offsets, numbered from the same line)."""
    text = body.text
    if "\x85" in text or "\u2028" in text or "\u2029" in text:
        return LineMap(_NOT_CMARK_BREAK.sub(" ", text), body.first)
    return body


# A paragraph that opens with a bold label ending in a colon, inside or after the bold marks:
# `**Problem**:` or `**Problem:**` (Peeragogy's Markdown edition writes its parts so).
_LABEL = re.compile(
    r'<p data-sourcepos="(\d+):(\d+)-\d+:\d+"><strong>([^<]{1,80}?)(:?)</strong>(:?)'
)


def with_labels(found: Blocks, level: int, names: Callable[[Heading], bool]) -> Blocks:
    """`found` with each bold-label paragraph that `names` a section as a heading at `level`
    (the label its text), so a section may be written `**Problem**: …` as well as `## Problem`.
    Only a paragraph at the start of its line counts (not one in a quote or a list), and only a
    label that names a section: `**Joe**:` in a dialogue opens no section."""
    rows: LineMap | None = None
    labels: list[Heading] = []
    for line, column, label, inner, outer in _LABEL.findall(found.html):
        if not (inner or outer):
            continue
        if rows is None:
            rows = _cmark_lines(found.body)
        first = rows.first + int(line) - 1
        line_start = rows.start(first)
        start = line_start + int(column) - 1
        if found.body.text[line_start:start].strip(" "):
            continue  # inside a block quote or a list item
        end = found.body.text.find(":", start) + 1
        heading = Heading(level, label.strip(), Span(first, int(column), first, int(column) + end - start))
        if names(heading):
            labels.append(heading)
    if not labels:
        return found
    headings = tuple(sorted((*found.headings, *labels), key=lambda h: (h.span.line, h.span.column)))
    return Blocks(found.body, headings, found.code, found.html, frozenset(h.span.line for h in labels))
