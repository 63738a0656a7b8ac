"""Reading a pattern file and splitting it into frontmatter and body, with exact line numbers."""

from __future__ import annotations

import re

from patternlint.frozen import frozen
from patternlint.lines import LINE_END, LINE_START, LineMap
from patternlint.model import Span
from patternlint.problems import (
    CannotRead,
    EmptyFile,
    MissingFrontmatter,
    NotUtf8,
    ReadProblem,
    SplitProblem,
    UnclosedFrontmatter,
)

# A fence is a line of `---` (or `...` to close), as YAML reads a document marker: libyaml ends
# it at any of its line breaks (`---\r` and `---\u2028` are markers too), so the frontmatter
# handed to it never holds one. A plain text (LF and CRLF only) takes the faster expression.
# The plain one opens with the `\n` before the fence: a literal first character lets the search
# skip to each `\n` instead of trying every position of the frontmatter.
_FENCE_PLAIN = re.compile(r"\n(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)
_FENCE = re.compile(LINE_START + r"(?:---|\.\.\.)[ \t]*" + LINE_END)
_OPENING = re.compile(r"---[ \t]*" + LINE_END)


@frozen(slots=True)
class Source:
    text: str
    bom: bool
    frontmatter: str | None
    frontmatter_line: int  # file line of the frontmatter's first line (2 when it exists)
    body: str
    body_line: int  # file line of the body's first line
    problem: SplitProblem | None
    lines: LineMap = LineMap("")  # the lines of `text`
    body_lines: LineMap = LineMap("")  # the lines of `body`, numbered from `body_line`


def decode(data: bytes) -> tuple[str, bool] | NotUtf8:
    bom = data.startswith(b"\xef\xbb\xbf")
    raw = data[3:] if bom else data  # the BOM is not text: it takes no column
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].decode("utf-8")  # what precedes the first bad byte is good
        line, column = LineMap(before).position(len(before))
        return NotUtf8(raw[exc.start], Span.point(line, column))
    return text, bom


def split(data: bytes) -> Source:
    decoded = decode(data)
    if isinstance(decoded, NotUtf8):
        return Source("", False, None, 0, "", 1, decoded)
    text, bom = decoded
    lines = LineMap(text)
    if not text.strip():
        return Source(
            text,
            bom,
            None,
            0,
            text,
            1,
            EmptyFile(),
            lines,
            lines,
        )
    opening = _OPENING.match(text)
    if opening is None:
        first = text[: lines.next_break(0)[0]]
        return Source(
            text,
            bom,
            None,
            0,
            text,
            1,
            MissingFrontmatter(first, Span(1, 1, 1, len(first) + 1)),
            lines,
            lines,
        )
    start = lines.next_break(0)[1]
    closing_start: int | None
    if lines.plain:  # the opening line ends in `\n` (or the text has one line): search from it
        plain_fence = _FENCE_PLAIN.search(text, start - 1)
        closing_start = None if plain_fence is None else plain_fence.start() + 1
    else:
        fence = _FENCE.search(text, start)
        closing_start = None if fence is None else fence.start()
    if closing_start is None:
        return Source(
            text,
            bom,
            None,
            2,
            "",
            1,
            UnclosedFrontmatter(),
            lines,
        )
    frontmatter = text[start:closing_start]
    closing_line = lines.line_of(closing_start)
    body_start = lines.next_break(closing_start)[1]
    body = text[body_start:]
    body_lines = LineMap(body, closing_line + 1, True if lines.plain else None)
    return Source(text, bom, frontmatter, 2, body, closing_line + 1, None, lines, body_lines)


def unreadable(error: OSError) -> Source:
    reason = error.strerror or type(error).__name__
    return refused(CannotRead(reason))


def refused(problem: ReadProblem) -> Source:
    """A file that was not read at all, and why."""
    return Source("", False, None, 0, "", 1, problem)

