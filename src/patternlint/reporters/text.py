"""What the human formats share: styled text, the console, styles, the summary line and
statistics.

`full` (grouped, with code frames) lives in `full.py`, `concise` in `concise.py`. Both build
`Pieces`; `write` sends them to a stream, through rich only where styles will show: a report
into a pipe or a file never imports rich at all.
"""

from __future__ import annotations

import os
from collections import Counter
from typing import TYPE_CHECKING, Mapping, TextIO

from patternlint.result import LintResult
from patternlint.model import Finding, Severity
from patternlint.reporters.escape import visible

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


class Pieces:
    """Styled text built from pieces: joined in one go for a pipe or file, turned into one
    rich Text (with its style spans) only for a terminal. Thousands of `Text.append` calls
    would cost more than the whole cached lint run."""

    def __init__(self, text: str = "", style: str | None = None) -> None:
        self.parts: list[tuple[str, str | None]] = []
        if text:
            self.parts.append((text, style))

    def append(self, text: str, style: str | None = None) -> None:
        self.parts.append((text, style))

    def extend(self, other: Pieces) -> None:
        self.parts.extend(other.parts)

    def __bool__(self) -> bool:
        return any(text for text, _ in self.parts)

    @property
    def plain(self) -> str:
        return "".join(text for text, _ in self.parts)

    def to_text(self) -> Text:
        from rich.style import Style
        from rich.text import Span, Text

        spans: list[Span] = []
        position = 0
        for text, style in self.parts:
            if style:
                spans.append(Span(position, position + len(text), Style.parse(style)))
            position += len(text)
        return Text(self.plain, spans=spans)


def make_console(stream: TextIO, color: bool | None = None, terminal: bool | None = None) -> Console:
    """A console on `stream`. `terminal=False` never styles (a report written to a file)."""
    from rich.console import Console

    # soft_wrap: never break a finding line in two when the output is a pipe or a file.
    return Console(
        file=stream,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=True,
        no_color=None if color is None else not color,
        force_terminal=terminal if terminal is not None else (color if color else None),
    )


def certainly_plain(
    stream: TextIO,
    color: bool | None = None,
    terminal: bool | None = None,
    environ: Mapping[str, str] | None = None,
) -> bool:
    """Whether rich would write `stream` without styles, decided without importing rich. Only
    the plain cases rich is sure of are answered True (forced off, `TTY_COMPATIBLE=0`, an empty
    `FORCE_COLOR`, or not a terminal with neither variable set); for the rest ask rich."""
    force = terminal if terminal is not None else (color if color else None)
    if force is not None:
        return not force
    env = os.environ if environ is None else environ
    compatible = env.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "0"
    if "FORCE_COLOR" in env:
        return env["FORCE_COLOR"] == ""
    try:
        return not stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or closed: rich says not a terminal
        return True


def is_plain(stream: TextIO, color: bool | None = None, terminal: bool | None = None) -> bool:
    """Whether a report on `stream` is written without styles."""
    if certainly_plain(stream, color, terminal):
        return True
    console = make_console(stream, color=color, terminal=terminal)
    return not console.is_terminal and console.color_system is None


def write(pieces: Pieces, stream: TextIO, color: bool | None = None, terminal: bool | None = None) -> None:
    """The report on `stream`: styled by rich for a terminal, the same text plain elsewhere."""
    if certainly_plain(stream, color, terminal):
        stream.write(pieces.plain)
        return
    console = make_console(stream, color=color, terminal=terminal)
    if console.is_terminal or console.color_system is not None:
        console.print(pieces.to_text(), end="")
    else:
        stream.write(pieces.plain)


def fixable_mark(finding: Finding) -> str:
    """` [*]` after the code of a finding that `--fix` fixes (a safe fix), as ruff marks them."""
    return " [*]" if finding.fix is not None and finding.fix.applies(False) else ""


def summary(result: LintResult) -> Pieces:
    files = result.files_checked
    text = Pieces(f"Checked {files} file{'s' if files != 1 else ''}")
    if result.library_files != files:
        text.append(f" (library of {result.library_files} at {visible(str(result.library_root))})")
    text.append(": ")
    parts = []
    for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO):
        n = result.count(severity)
        if n:
            parts.append((f"{n} {severity.label}{'s' if n != 1 else ''}", STYLES[severity]))
    if not parts:
        text.append("no problems found", style="green")
        return text
    for i, (label, style) in enumerate(parts):
        if i:
            text.append(", ")
        text.append(label, style=style)
    return text


def statistics(result: LintResult) -> Pieces:
    """One line per rule that has findings, most findings first: `count  CODE  severity  name`."""
    counts = Counter((f.code, f.rule, f.severity) for f in result.findings)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0][0]))
    text = Pieces()
    if not rows:
        return text
    width = len(str(rows[0][1]))
    for (code, rule, severity), n in rows:
        text.append(f"{n:>{width}}  ")
        text.append(code, style=STYLES[severity])
        text.append(f"  {severity.label:<7}  {rule}\n")
    return text
