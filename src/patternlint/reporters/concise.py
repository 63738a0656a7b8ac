"""`--output-format concise`: one line per finding, `path:line:col: CODE message`, then the
summary line. The form editors and `grep` understand."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from patternlint.engine import LintResult
from patternlint.reporters.escape import visible
from patternlint.reporters.text import STYLES, emit, statistics, summary


def render(result: LintResult, console: Console, *, show_statistics: bool = False, quiet: bool = False) -> None:
    report = Text()
    for f in result.findings:
        report.append(f"{visible(f.path)}:{f.span.line}:{f.span.column}:", style="bold")
        report.append(" ")
        report.append(f.code, style=STYLES[f.severity])
        report.append(f" {visible(f.message)}\n")
    if show_statistics:
        report.append_text(statistics(result))
    if not quiet:
        report.append_text(summary(result))
        report.append("\n")
    emit(report, console)
