"""What the human formats share: the console, styles, the summary line and statistics.

`full` (grouped, with code frames) lives in `full.py`, `concise` in `concise.py`.
"""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from rich.console import Console
from rich.text import Text

from patternlint.engine import LintResult
from patternlint.model import Severity
from patternlint.reporters.escape import visible

STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def make_console(stream: TextIO, color: bool | None = None, terminal: bool | None = None) -> Console:
    """A console on `stream`. `terminal=False` never styles (a report written to a file)."""
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


def render(result: LintResult, console: Console) -> None:
    """The `full` report (the format was called `text` before)."""
    from patternlint.reporters import full

    full.render(result, console)


def emit(report: Text, console: Console) -> None:
    if console.is_terminal or console.color_system is not None:
        console.print(report, end="")
    else:
        # Same text, no styles: thousands of findings into a pipe or file need no renderer.
        console.file.write(report.plain)


def summary(result: LintResult) -> Text:
    files = result.files_checked
    text = Text(f"Checked {files} file{'s' if files != 1 else ''}")
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


def statistics(result: LintResult) -> Text:
    """One line per rule that has findings, most findings first: `count  CODE  severity  name`."""
    counts = Counter((f.code, f.rule, f.severity) for f in result.findings)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0][0]))
    text = Text()
    if not rows:
        return text
    width = len(str(rows[0][1]))
    for (code, rule, severity), n in rows:
        text.append(f"{n:>{width}}  ")
        text.append(code, style=STYLES[severity])
        text.append(f"  {severity.label:<7}  {rule}\n")
    return text
