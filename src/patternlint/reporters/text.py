"""The human report: findings grouped by file, `path:line:col  CODE  message`, then a summary."""

from __future__ import annotations

from itertools import groupby
from typing import TextIO

from rich.console import Console
from rich.text import Text

from patternlint.engine import LintResult
from patternlint.model import Severity
from patternlint.reporters.escape import visible

STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def make_console(stream: TextIO, color: bool | None = None) -> Console:
    # soft_wrap: never break a finding line in two when the output is a pipe or a file.
    return Console(
        file=stream,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=True,
        no_color=None if color is None else not color,
        force_terminal=color if color else None,
    )


def render(result: LintResult, console: Console) -> None:
    for path, group in groupby(result.findings, key=lambda f: f.path):
        console.print(Text(visible(path), style="bold underline"))
        for f in group:
            line = Text("  ")
            line.append(f"{visible(f.path)}:{f.span.line}:{f.span.column}", style="bold")
            line.append("  ")
            line.append(f.code, style=STYLES[f.severity])
            line.append(f" {f.severity.label}", style=STYLES[f.severity])
            line.append("  ")
            line.append(visible(f.message))
            console.print(line)
            if f.hint:
                hint = Text("      hint: ", style="cyan")
                hint.append(visible(f.hint))
                console.print(hint)
        console.print()
    console.print(summary(result))


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
