"""`--output-format full`: findings grouped by file, each with a code frame and a hint.

    lib/fail-weight.md
      lib/fail-weight.md:66:15  PL105 error  `relationships.enables[0].weight` is `1.4`; …
        66 |       weight: 1.4
           |               ^^^
"""

from __future__ import annotations

from itertools import groupby
from pathlib import Path

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from patternlint.engine import LintResult
from patternlint.model import Finding
from patternlint.reporters import last_line
from patternlint.reporters.escape import visible
from patternlint.reporters.text import STYLES, emit, statistics, summary

FRAME_LINES = 3  # at most this many lines of a finding that spans several
# Long lines (a description on one line) are cut around the finding so that the caret stays in
# view: at most this many characters before it, of it, and after it.
BEFORE, MARKED, AFTER = 40, 60, 30
GUTTER_STYLE = "blue"


def render(result: LintResult, console: Console, *, show_statistics: bool = False, quiet: bool = False) -> None:
    report = Text()
    sources = SourceLines()
    for i, (path, group) in enumerate(groupby(result.findings, key=lambda f: f.path)):
        if i:
            report.append("\n")
        report.append(visible(path), style="bold underline")
        report.append("\n")
        for f in group:
            report.append("  ")
            report.append(f"{visible(f.path)}:{f.span.line}:{f.span.column}", style="bold")
            report.append("  ")
            report.append(f.code, style=STYLES[f.severity])
            report.append(f" {f.severity.label}", style=STYLES[f.severity])
            report.append("  ")
            report.append(visible(f.message))
            report.append("\n")
            report.append_text(frame(f, sources.get(f.path)))
            if f.hint:
                report.append("      hint: ", style="cyan")
                report.append(visible(f.hint))
                report.append("\n")
    tail = Text()
    if show_statistics:
        tail.append_text(statistics(result))
    if not quiet:
        tail.append_text(summary(result))
        tail.append("\n")
    if result.findings and tail:
        report.append("\n")
    report.append_text(tail)
    emit(report, console)


class SourceLines:
    """The lines of each reported file, read once, split the way the engine counts lines."""

    def __init__(self) -> None:
        self._lines: dict[str, list[str] | None] = {}

    def get(self, path: str) -> list[str] | None:
        if path not in self._lines:
            try:
                data = Path(path).read_bytes()
            except OSError:
                self._lines[path] = None
            else:
                if data.startswith(b"\xef\xbb\xbf"):
                    data = data[3:]  # the BOM takes no column
                text = data.decode("utf-8", errors="replace")
                self._lines[path] = [line.removesuffix("\r") for line in text.split("\n")]
        return self._lines[path]


def frame(f: Finding, lines: list[str] | None) -> Text:
    """The finding's lines with their numbers, and carets under the span on the first one."""
    span = f.span
    text = Text()
    if lines is None or not 1 <= span.line <= len(lines):
        return text
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
        text.append(f"    {number:>{width}} |", style=GUTTER_STYLE)
        if code:
            text.append(f" {code}")
        text.append("\n")
        if start is not None:
            text.append(blank_gutter, style=GUTTER_STYLE)
            text.append(" " * (carets_at + 1))
            text.append("^" * max(1, carets), style=STYLES[f.severity])
            text.append("\n")
    if last > shown[-1]:
        text.append(f"{blank_gutter} …\n", style=GUTTER_STYLE)
    return text


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
