"""Reading a pattern file and splitting it into frontmatter and body, with exact line numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from patternlint.model import Span

_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)
_OPENING = re.compile(r"---[ \t]*\r?(?:\n|$)")


@dataclass(frozen=True, slots=True)
class SplitProblem:
    """Why the file has no usable frontmatter; `kind` is the name of the rule that reports it."""

    kind: str
    message: str
    span: Span
    hint: str | None = None


@dataclass(frozen=True, slots=True)
class Source:
    text: str
    bom: bool
    frontmatter: str | None
    frontmatter_line: int  # file line of the frontmatter's first line (2 when it exists)
    body: str
    body_line: int  # file line of the body's first line
    problem: SplitProblem | None


def decode(data: bytes) -> tuple[str, bool] | SplitProblem:
    bom = data.startswith(b"\xef\xbb\xbf")
    raw = data[3:] if bom else data  # the BOM is not text: it takes no column
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        column = len(raw[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        byte = raw[exc.start : exc.start + 1].hex()
        return SplitProblem(
            "not-utf8",
            f"file is not valid UTF-8: byte `0x{byte}` cannot be decoded",
            Span.point(line, column),
            "save the file as UTF-8",
        )
    return text, bom


def split(data: bytes) -> Source:
    decoded = decode(data)
    if isinstance(decoded, SplitProblem):
        return Source("", False, None, 0, "", 1, decoded)
    text, bom = decoded
    if not text.strip():
        return Source(
            text,
            bom,
            None,
            0,
            text,
            1,
            SplitProblem(
                "empty-file",
                "file is empty",
                Span.point(1),
                "start the file with `---`, the frontmatter, `---`, then the pattern's body",
            ),
        )
    opening = _OPENING.match(text)
    if opening is None:
        first = text.split("\n", 1)[0].rstrip("\r")
        return Source(
            text,
            bom,
            None,
            0,
            text,
            1,
            SplitProblem(
                "missing-frontmatter",
                f"file has no YAML frontmatter: line 1 is `{_clip(first)}`, expected `---`",
                Span(1, 1, 1, len(first) + 1),
                "begin the file with a `---` line, the frontmatter keys, and a closing `---` line",
            ),
        )
    start = opening.end()
    closing = _FENCE.search(text, start)
    if closing is None:
        return Source(
            text,
            bom,
            None,
            2,
            "",
            1,
            SplitProblem(
                "unclosed-frontmatter",
                "frontmatter opened on line 1 is never closed",
                Span(1, 1, 1, 4),
                "add a line with `---` after the last frontmatter key",
            ),
        )
    frontmatter = text[start : closing.start()]
    closing_line = text.count("\n", 0, closing.start()) + 1
    body_start = text.find("\n", closing.start())
    body = "" if body_start < 0 else text[body_start + 1 :]
    return Source(text, bom, frontmatter, 2, body, closing_line + 1, None)


def unreadable(error: OSError) -> Source:
    reason = error.strerror or type(error).__name__
    return refused(
        SplitProblem(
            "unreadable-file",
            f"file cannot be read: {reason}",
            Span.point(1),
            "make the file readable, or remove it from the library",
        )
    )


def refused(problem: SplitProblem) -> Source:
    """A file that was not read at all, and why."""
    return Source("", False, None, 0, "", 1, problem)


def _clip(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"
