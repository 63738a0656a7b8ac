"""Between the file coordinates of findings (1-based lines and columns in characters, see
`lines.py`) and the editor's positions (0-based lines, columns in the negotiated encoding:
UTF-16 code units unless the client offers better)."""

from __future__ import annotations

from lsprotocol import types

from patternlint.lines import LineMap
from patternlint.model import Span


class Codec:
    """One text's positions, both ways."""

    def __init__(self, text: str, encoding: str = "utf-16") -> None:
        self.text = text
        self.lines = LineMap(text)
        self.encoding = encoding

    def _units(self, chars: str) -> int:
        if self.encoding == "utf-32":
            return len(chars)
        if self.encoding == "utf-8":
            return len(chars.encode("utf-8", "surrogatepass"))
        return len(chars.encode("utf-16-le", "surrogatepass")) // 2

    def _chars(self, line_text: str, units: int) -> int:
        if self.encoding == "utf-32":
            return min(units, len(line_text))
        count = 0
        for i, char in enumerate(line_text):
            if count >= units:
                return i
            count += self._units(char)
        return len(line_text)

    def position(self, line: int, column: int) -> types.Position:
        """An editor position from a file line and column (clamped to the text)."""
        last = self.lines.first + len(self.lines) - 1
        line = max(1, min(line, last))
        text = self.lines.line(line)
        return types.Position(line - 1, self._units(text[: max(0, column - 1)]))

    def range(self, span: Span) -> types.Range:
        return types.Range(self.position(span.line, span.column), self.position(span.end_line, span.end_column))

    def offset_range(self, start: int, end: int) -> types.Range:
        """An editor range from character offsets into the text."""
        return types.Range(self.position(*self.lines.position(start)), self.position(*self.lines.position(end)))

    def location(self, position: types.Position) -> tuple[int, int]:
        """The file line and column (1-based) of an editor position."""
        line = position.line + 1
        last = self.lines.first + len(self.lines) - 1
        if line > last:
            return last + 1, 1
        return line, self._chars(self.lines.line(line), position.character) + 1


def contains(span: Span, line: int, column: int) -> bool:
    """Whether the file position is inside `span`, its end included (a cursor just past a
    word is on it)."""
    return (span.line, span.column) <= (line, column) <= (span.end_line, span.end_column)
