"""Body headings from a real Markdown parser, so a `#` line inside a code fence is not a heading."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from patternlint.model import Span

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    text: str  # the heading's inline source, trimmed, without `#` marks
    span: Span  # the whole heading line


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark")
    # Only block structure decides what is a heading; inline parsing is most of the cost.
    md.disable(["inline", "text_join"], ignoreInvalid=True)
    return md


def headings(body: str, body_line: int) -> tuple[Heading, ...]:
    """Headings of `body`, positioned in file coordinates (`body_line` is the body's first line)."""
    tokens = _parser().parse(body)
    lines: list[str] | None = None
    found: list[Heading] = []
    for i, token in enumerate(tokens):
        if token.type != "heading_open" or token.map is None:
            continue
        if lines is None:
            lines = body.split("\n")
        first, last = token.map
        text = tokens[i + 1].content.strip() if i + 1 < len(tokens) else ""
        line_text = lines[first].rstrip("\r")
        if token.markup.startswith("#"):
            column = line_text.find("#") + 1
            end_line, end_col = first, len(line_text) + 1
        else:  # setext: text lines then an underline
            column = len(line_text) - len(line_text.lstrip()) + 1
            end_line = last - 1
            end_col = len(lines[end_line].rstrip("\r")) + 1
        found.append(
            Heading(
                int(token.tag[1]),
                text,
                Span(first + body_line, column, end_line + body_line, end_col),
            )
        )
    return tuple(found)
