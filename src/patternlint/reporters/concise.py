"""`--output-format concise`: one line per finding, `path:line:col: CODE message` (`CODE [*]`
when `--fix` can fix it), then the summary line. The form editors and `grep` understand."""

from __future__ import annotations

from patternlint.result import LintResult
from patternlint.reporters.escape import visible
from patternlint.reporters.text import STYLES, Pieces, fixable_mark, statistics, summary


def report(result: LintResult, *, show_statistics: bool = False, quiet: bool = False) -> Pieces:
    pieces = Pieces()
    for f in result.findings:
        pieces.append(f"{visible(f.path)}:{f.span.line}:{f.span.column}:", style="bold")
        pieces.append(" ")
        pieces.append(f.code, style=STYLES[f.severity])
        pieces.append(f"{fixable_mark(f)} {visible(f.message)}\n")
    if show_statistics:
        pieces.extend(statistics(result))
    if not quiet:
        pieces.extend(summary(result))
        pieces.append("\n")
    return pieces
