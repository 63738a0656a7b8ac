"""`--output-format full`: findings grouped by file, each with a code frame and a hint.

    lib/fail-weight.md
      lib/fail-weight.md:66:15  PL105 error  `relationships.enables[0].weight` is `1.4`; …
        66 |       weight: 1.4
           |               ^^^
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from itertools import groupby
from typing import overload

from rich.cells import cell_len

from patternlint.reading import read_upto
from patternlint.result import LintResult
from patternlint.lines import split_lines
from patternlint.model import Finding
from patternlint.reporters import last_line
from patternlint.reporters.escape import visible
from patternlint.reporters.overview import TABLE_FINDINGS, by_importance, causes_section, recurring, table
from patternlint.reporters.text import STYLES, Pieces, fixable_mark, summary

READ_LIMIT = 16 * 1_048_576  # a frame never needs more of a file than a lint reads
FRAME_LINES = 3  # at most this many lines of a finding that spans several
# Long lines (a description on one line) are cut around the finding so that the caret stays in
# view: at most this many characters before it, of it, and after it.
BEFORE, MARKED, AFTER = 40, 60, 30
GUTTER_STYLE = "blue"
# NEL, LS and PS in UTF-8: line breaks to YAML, and so to every position.
_OTHER_BREAKS = ("\u0085".encode(), "\u2028".encode(), "\u2029".encode())


def report(result: LintResult, *, show_statistics: bool = False, quiet: bool = False, expand: bool = False) -> Pieces:
    causes = () if expand else recurring(result.findings)
    pieces = causes_section(causes)
    append = pieces.append
    shown = {id(f) for cause in causes for f in cause.findings}
    long = len(result.findings) > TABLE_FINDINGS
    listing = [f for f in result.findings if id(f) not in shown]
    if long:
        listing = by_importance(listing)
    if pieces and listing:
        append("\n")
    sources = SourceLines()
    for i, (path, group) in enumerate(groupby(listing, key=lambda f: f.path)):
        findings = list(group)
        lines = sources.get(path, max(last_line(f.span) for f in findings))
        if i:
            append("\n")
        append(visible(path), "bold underline")
        append("\n")
        for f in findings:
            style = STYLES[f.severity]
            append("  ")
            append(f"{visible(f.path)}:{f.span.line}:{f.span.column}", "bold")
            append("  ")
            append(f.code, style)
            append(f"{fixable_mark(f)} {f.severity.label}", style)
            append(f"  {visible(f.message)}\n")
            frame(f, lines, pieces)
            if f.hint:
                append("      hint: ", "cyan")
                append(f"{visible(f.hint)}\n")
    tail = Pieces()
    if show_statistics or long:
        tail.extend(table(result.findings))
    if not quiet:
        tail.extend(summary(result))
        tail.append("\n")
    if result.findings and tail:
        append("\n")
    pieces.extend(tail)
    return pieces


class SourceLines:
    """The lines of a reported file the frames need, split the way the engine counts lines."""

    def get(self, path: str, upto: int) -> Sequence[str] | None:
        """Lines 1 to `upto` (fewer when the file is shorter); only those are decoded. Only a
        regular file is opened (a FIFO would block), and only so much of it is read."""
        try:
            st = os.stat(path)
            if not stat.S_ISREG(st.st_mode):
                return None
            with open(path, "rb") as handle:
                data = read_upto(handle, st.st_size, READ_LIMIT)
        except OSError:
            return None
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]  # the BOM takes no column
        if b"\r" in data or any(b in data for b in _OTHER_BREAKS):  # lines end not only in LF
            return split_lines(data.decode("utf-8", errors="replace"))[:upto]
        return Lines(data.split(b"\n", upto)[:upto])


class Lines(Sequence[str]):
    """The lines of a file whose lines all end in LF, decoded only when a frame shows them (a
    frame shows one to three of hundreds)."""

    def __init__(self, raw: list[bytes]) -> None:
        self._raw = raw

    def __len__(self) -> int:
        return len(self._raw)

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self._decode(line) for line in self._raw[index]]
        return self._decode(self._raw[index])

    @staticmethod
    def _decode(line: bytes) -> str:
        return line.decode("utf-8", errors="replace")


def frame(f: Finding, lines: Sequence[str] | None, text: Pieces) -> None:
    """The finding's lines with their numbers, and carets under the span on the first one."""
    span = f.span
    if lines is None or not 1 <= span.line <= len(lines):
        return
    last = max(span.line, min(last_line(span), len(lines)))
    shown = list(range(span.line, min(last, span.line + FRAME_LINES - 1) + 1))
    width = len(str(shown[-1]))
    blank_gutter = f"    {'':>{width}} |"
    for number in shown:
        raw = lines[number - 1]
        start = span.column - 1 if number == span.line else None
        if start is None:
            code, carets_at, carets = visible(raw).rstrip(), 0, 0
        else:
            end = span.end_column - 1 if span.end_line == span.line else len(raw)
            code, carets_at, carets = _cut(raw, start, max(end, start))
        text.append(f"    {number:>{width}} |", GUTTER_STYLE)
        if code:
            text.append(f" {code}")
        text.append("\n")
        if start is not None:
            text.append(blank_gutter, GUTTER_STYLE)
            text.append(" " * (carets_at + 1))
            text.append("^" * max(1, carets), STYLES[f.severity])
            text.append("\n")
    if last > shown[-1]:
        text.append(f"{blank_gutter} …\n", GUTTER_STYLE)


def _cut(raw: str, start: int, end: int) -> tuple[str, int, int]:
    """The line as shown, where the carets start and how many, all in terminal cells."""
    before, marked, after = raw[:start], raw[start:end], raw[end:]
    before = visible(before)
    if len(before) > BEFORE:
        before = "…" + before[-BEFORE:]
    marked = visible(marked)
    if len(marked) > MARKED:
        marked = marked[:MARKED] + "…"
    after = visible(after.rstrip())
    if len(after) > AFTER:
        after = after[:AFTER] + "…"
    return (before + marked + after).rstrip(), cell_len(before), cell_len(marked)
