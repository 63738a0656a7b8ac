"""`--output-format concise`: one line per finding, `path:line:col: CODE message` (`CODE [*]`
when `--fix` can fix it), then the summary line. The form editors and `grep` understand."""

from __future__ import annotations

from patternlint.result import LintResult
from patternlint.reporters.escape import visible
from patternlint.reporters.overview import TABLE_FINDINGS, table
from patternlint.reporters.text import STYLES, Pieces, fixable_mark, summary


def report(result: LintResult, *, show_statistics: bool = False, quiet: bool = False, expand: bool = False) -> Pieces:
    # Every finding, in path order, one a line: editors' error formats and `grep` read these
    # lines, so nothing is grouped (`expand` changes nothing here).
    pieces = Pieces()
    for f in result.findings:
        pieces.append(f"{visible(f.path)}:{f.span.line}:{f.span.column}:", style="bold")
        pieces.append(" ")
        pieces.append(f.code, style=STYLES[f.severity])
        pieces.append(f"{fixable_mark(f)} {visible(f.message)}\n")
    if show_statistics or len(result.findings) > TABLE_FINDINGS:
        pieces.extend(table(result.findings))
    if not quiet:
        pieces.extend(summary(result))
        pieces.append("\n")
    return pieces
