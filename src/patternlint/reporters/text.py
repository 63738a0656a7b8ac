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
    report = Text()
    for path, group in groupby(result.findings, key=lambda f: f.path):
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
            if f.hint:
                report.append("      hint: ", style="cyan")
                report.append(visible(f.hint))
                report.append("\n")
        report.append("\n")
    report.append_text(summary(result))
    report.append("\n")
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
