"""Body headings from a real Markdown parser, so a `#` line inside a code fence is not a heading.

The parser is cmark-gfm (through cmarkgfm), the CommonMark reference implementation in C. Its
HTML output with `CMARK_OPT_SOURCEPOS` tags every heading with its source position; that is all
we read from it. On the 3,616 files of the reference library it finds exactly the headings
markdown-it-py finds, at the same lines and columns, about five times faster, and headings are
on the hot path of every cold run.

Reading positions out of HTML is safe: in the default (safe) mode cmark replaces raw HTML with a
comment and escapes `<` everywhere else, so no text of the file can forge a heading tag.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from patternlint.model import Span

_HEADING = re.compile(r'<h([1-6]) data-sourcepos="(\d+):(\d+)-(\d+):\d+"')
_ATX_OPEN = re.compile(r"^[ \t]*#{1,6}(?=[ \t]|$)")
_UNDERLINE = re.compile(r"^[ \t]{0,3}(?:=+|-+)[ \t]*$")


def _without_closing_marks(text: str) -> str:
    """`text` without an ATX heading's closing `#` sequence. Plain string code: the regular
    expression for it (`(?:^|[ \t]+)#+[ \t]*$`) backtracks quadratically on a long run of
    spaces."""
    marks = text.rstrip(" \t")
    before = marks.rstrip("#")
    if before == marks or (before and before[-1] not in " \t"):
        return text
    return before


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    text: str  # the heading's inline source, trimmed, without `#` marks
    span: Span  # the whole heading (for a setext heading, its text lines and underline)


def headings(body: str, body_line: int) -> tuple[Heading, ...]:
    """Headings of `body`, positioned in file coordinates (`body_line` is the body's first line)."""
    import cmarkgfm  # type: ignore[import-untyped]
    from cmarkgfm.cmark import Options  # type: ignore[import-untyped]

    html = cmarkgfm.markdown_to_html(body, options=Options.CMARK_OPT_SOURCEPOS)
    found: list[Heading] = []
    lines: list[str] | None = None
    for level, start_line, start_col, end_line in _HEADING.findall(html):
        if lines is None:
            lines = body.split("\n")
        first, last = int(start_line) - 1, int(end_line) - 1
        source = [line.rstrip("\r") for line in lines[first : last + 1]]
        # cmark counts columns in bytes; ours count characters.
        column = len(source[0].encode()[: int(start_col) - 1].decode(errors="replace")) + 1
        own = source[0][column - 1 :]  # the heading without a `>` or list marker before it
        if _ATX_OPEN.match(own):
            source = source[:1]
            text = _without_closing_marks(_ATX_OPEN.sub("", own, count=1)).strip()
        else:
            # Setext: text lines, then the `===`/`---` underline. cmark's end position for
            # these can run into the next line, so find the underline ourselves.
            under = next(
                (i for i in range(1, len(source)) if _UNDERLINE.match(source[i][column - 1 :])),
                len(source) - 1,
            )
            source = source[: under + 1]
            last = first + under
            text = "\n".join(line.strip() for line in [own, *source[1:-1]])
        found.append(
            Heading(
                int(level),
                text,
                Span(first + body_line, column, last + body_line, len(source[-1]) + 1),
            )
        )
    return tuple(found)
