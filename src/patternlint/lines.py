"""Lines as the YAML reader counts them: the one coordinate system of a file.

libyaml ends a line at LF, CR, CRLF, NEL (U+0085), LS (U+2028) and PS (U+2029), and every
frontmatter position comes from it; the fences, the body's headings and text, code frames, fix
edits and suppression comments count lines the same way, through `LineMap`, or findings land on
the wrong line and fixes edit the wrong text. (`str.splitlines` is not it: it also breaks at
`\\v`, `\\f` and `\\x1c`-`\\x1e`; nor is `split("\\n")`, which misses the rest.)

Nearly every file breaks its lines with LF or CRLF only (it is "plain"); for those the `\\n`
methods of `str` answer, many times faster than a regular expression.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re

# Every line break YAML knows, as one character class (CRLF is the CR, then the LF).
BREAK_CHARS = "\n\r\x85\u2028\u2029"
_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
# A line start in a regular expression: the text's start, or just after a break.
LINE_START = "(?:\\A|(?<=[\n\r\x85\u2028\u2029]))"
# A line end: just before a break, or the text's end.
LINE_END = "(?=[\n\r\x85\u2028\u2029]|\\Z)"


def is_plain(text: str) -> bool:
    """Whether every line break of `text` is LF or CRLF (then `\\n` alone marks line ends)."""
    if "\r" in text and text.count("\r") != text.count("\r\n"):
        return False
    return "\x85" not in text and "\u2028" not in text and "\u2029" not in text


class LineMap:
    """A text's lines: line and column (1-based, in characters) to offsets and back. The text's
    first line is line `first` (a body that starts on file line 40 counts from 40), so every
    line number in and out is a file line.

    Line starts are found only when a question needs them (most files are read, not
    reported on, and most questions about a plain text are answered by counting `\\n`)."""

    __slots__ = ("text", "first", "plain", "_starts")

    def __init__(self, text: str, first: int = 1, plain: bool | None = None) -> None:
        """`plain`, when known (a part of a plain text is plain), saves looking."""
        self.text = text
        self.first = first
        self.plain = is_plain(text) if plain is None else plain
        self._starts: list[int] | None = None

    @property
    def starts(self) -> list[int]:
        """Offsets where each line starts; the first line starts at 0."""
        if self._starts is None:
            if self.plain:
                lengths = map(operator.add, map(len, self.text.split("\n")), itertools.repeat(1))
                self._starts = list(itertools.accumulate(lengths, initial=0))
                self._starts.pop()
            else:
                self._starts = [0, *(m.end() for m in _BREAK.finditer(self.text))]
        return self._starts

    def __len__(self) -> int:
        """The number of lines: one more than the number of breaks."""
        if self._starts is None and self.plain:
            return self.text.count("\n") + 1
        return len(self.starts)

    @property
    def last_line(self) -> int:
        """The last line that holds something (the text's last line, unless the text ends with
        a break: then the one before it)."""
        count = len(self)
        return self.first - 1 + (count - 1 if count > 1 and self.text[-1:] in BREAK_CHARS else count)

    def line_of(self, offset: int) -> int:
        """The line holding `offset` (a break belongs to the line it ends)."""
        if self._starts is None and self.plain:
            return self.first + self.text.count("\n", 0, offset)
        return self.first - 1 + bisect.bisect_right(self._starts or self.starts, offset)

    def line_start(self, offset: int) -> int:
        """Where the line holding `offset` starts."""
        if self._starts is None and self.plain:
            return self.text.rfind("\n", 0, offset) + 1
        starts = self._starts or self.starts
        return starts[bisect.bisect_right(starts, offset) - 1]

    def position(self, offset: int) -> tuple[int, int]:
        """Line and column of `offset`."""
        if self._starts is None and self.plain:
            text = self.text
            return self.first + text.count("\n", 0, offset), offset - text.rfind("\n", 0, offset)
        starts = self._starts or self.starts
        index = bisect.bisect_right(starts, offset) - 1
        return self.first + index, offset - starts[index] + 1

    def start(self, line: int) -> int:
        """Offset of the start of `line`: 0 before the first line, the text's end after the
        last."""
        starts = self._starts or self.starts
        index = line - self.first
        if index >= len(starts):
            return len(self.text)
        return starts[index] if index > 0 else 0

    def end(self, line: int) -> int:
        """Offset of the line's break (or the text's end): where its content ends."""
        starts = self._starts or self.starts
        index = line - self.first + 1  # of the next line
        if index >= len(starts):
            return len(self.text)
        end = starts[index] - 1
        if self.text[end] == "\n" and end > starts[index - 1] and self.text[end - 1] == "\r":
            end -= 1
        return end

    def line(self, line: int) -> str:
        """The line's text, without its break: `text[start(line):end(line)]`, the two written
        out (rules read dozens of lines a file, one by one)."""
        starts = self._starts or self.starts
        text = self.text
        index = line - self.first
        count = len(starts)
        start = len(text) if index >= count else starts[index] if index > 0 else 0
        if index + 1 >= count:
            return text[start:]
        end = starts[index + 1] - 1
        if text[end] == "\n" and end > starts[index] and text[end - 1] == "\r":
            end -= 1
        return text[start:end]

    def eol(self, line: int) -> str:
        """The line's break as written (`\\n` for a last line that has none)."""
        end = self.end(line)
        return self.text[end : self.start(line + 1)] or "\n"

    def offset(self, line: int, column: int) -> int | None:
        """Offset of a position; None when the text has no such position (a column past the
        line's end, its break excepted)."""
        if not self.first <= line < self.first + len(self.starts) or column < 1:
            return None
        start = self.start(line)
        if start + column - 1 > self.end(line):
            return None
        return start + column - 1

    def next_break(self, offset: int) -> tuple[int, int]:
        """From `offset` on, where the line's content ends and where the next line starts;
        `(len, len)` when no break follows."""
        text = self.text
        if self.plain:
            found = text.find("\n", offset)
            if found < 0:
                return len(text), len(text)
            end = found - 1 if found > offset and text[found - 1] == "\r" else found
            return end, found + 1
        match = _BREAK.search(text, offset)
        if match is None:
            return len(text), len(text)
        return match.start(), match.end()


def split_lines(text: str, keep_breaks: bool = False) -> list[str]:
    """The text's lines, as YAML counts them, without their breaks (one more line than there
    are breaks), or with them (a text that ends with a break has no empty last line then)."""
    if keep_breaks:
        starts = LineMap(text).starts
        ends = [*starts[1:], len(text)]
        return [text[start:end] for start, end in zip(starts, ends) if start < end]
    if is_plain(text):
        return [line[:-1] if line[-1:] == "\r" else line for line in text.split("\n")]
    return _BREAK.split(text)
