"""`--output-format github`: GitHub Actions workflow commands, which become annotations.

    ::error file=lib/a.md,line=66,col=15,endLine=66,endColumn=18,title=patternlint (PL105)::message

GitHub shows at most 10 error annotations per step, so `write_step_summary` also writes a
markdown table of every finding to `$GITHUB_STEP_SUMMARY`.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Sequence, TextIO

from patternlint.result import LintResult
from patternlint.model import Finding, Severity
from patternlint.reporters import RepositoryPaths, last_line
from patternlint.reporters.escape import clean, visible

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
SUMMARY_ROWS = 1000  # a step summary holds at most 1 MiB


def escape_data(text: str) -> str:
    """The message part of a workflow command: GitHub unescapes `%25`, `%0D` and `%0A`."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value: also `:` and `,`, which would end the value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(f: Finding, path: str | None = None) -> str:
    """`path`: the file relative to the repository root, as annotations need it (default: the
    finding's path as given)."""
    span = f.span
    end_line = last_line(span)
    props = [f"file={escape_property(visible(f.path if path is None else path))}", f"line={span.line}"]
    if end_line == span.line == span.end_line:
        # GitHub accepts columns only for a span on one line.
        props += [f"col={span.column}", f"endLine={end_line}", f"endColumn={max(span.end_column, span.column)}"]
    else:
        props.append(f"endLine={end_line}")
    props.append(f"title={escape_property(f'patternlint ({f.code})')}")
    # Text from files is made visible first: its own newlines become `\n`, never a new command.
    message = visible(f.message) + (f"\nhint: {visible(f.hint)}" if f.hint else "")
    return f"::{COMMANDS[f.severity]} {','.join(props)}::{escape_data(message)}"


def render(result: LintResult, stream: TextIO, *, quiet: bool = False, cwd: Path | None = None) -> None:
    paths = RepositoryPaths(result.library_root, cwd)
    for f in result.findings:
        stream.write(command(f, paths(f.path)) + "\n")
    if not quiet:
        from patternlint.reporters.text import summary

        stream.write(summary(result).plain + "\n")


# ---------------------------------------------------------------------------------------------
# The step summary (GitHub-flavoured markdown)

# Characters with a meaning in inline markdown, in table cells, or to GitHub (`$` math,
# `:emoji:`, `@mention`); all are ASCII punctuation, which a backslash makes literal.
_MARKDOWN = re.compile(r"([\\`*_\[\]<>!&|~$:@#{}])")
_CODE_SPAN = re.compile(r"`([^`]+)`")


def markdown_text(text: str) -> str:
    """`text` shown literally in markdown (and in a table cell)."""
    return _MARKDOWN.sub(r"\\\1", visible(text))


def markdown_message(text: str) -> str:
    """A message, its backticked values kept as code spans, everything else literal."""
    text = visible(text)
    out = []
    position = 0
    for match in _CODE_SPAN.finditer(text):
        out.append(markdown_text(text[position : match.start()]))
        # Inside a code span only `|` matters (it would split the table cell).
        out.append("`" + match.group(1).replace("|", "\\|") + "`")
        position = match.end()
    out.append(markdown_text(text[position:]))
    return "".join(out)


def step_summary(result: LintResult, notes: Sequence[str] = (), cwd: Path | None = None) -> str:
    from patternlint.reporters.text import summary

    paths = RepositoryPaths(result.library_root, cwd)
    lines = ["## patternlint", "", markdown_text(summary(result).plain), ""]
    for note in notes:
        lines.append(f"- {markdown_message(note)}")
    if notes:
        lines.append("")
    if result.findings:
        counts = Counter((f.code, f.rule) for f in result.findings)
        lines += ["| Rule | Findings |", "| --- | ---: |"]
        for (code, rule), n in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
            lines.append(f"| {code} {markdown_text(rule)} | {n} |")
        lines += ["", "| Severity | Location | Rule | Message |", "| --- | --- | --- | --- |"]
        for f in result.findings[:SUMMARY_ROWS]:
            where = markdown_text(f"{paths(f.path)}:{f.span.line}:{f.span.column}")
            message = markdown_message(f.message)
            if f.hint:
                message += f" <br> hint: {markdown_message(f.hint)}"
            lines.append(f"| {f.severity.label} | {where} | {f.code} {f.rule} | {message} |")
        if len(result.findings) > SUMMARY_ROWS:
            lines += ["", f"… and {len(result.findings) - SUMMARY_ROWS} more findings: see the job log."]
        lines.append("")
    return clean("\n".join(lines) + "\n")


def write_step_summary(result: LintResult, file: Path, notes: Sequence[str] = ()) -> None:
    # Appended: other steps' tools may write to the same file.
    with open(file, "a", encoding="utf-8") as handle:
        handle.write(step_summary(result, notes))
